"""`debugex review --html`: one self-contained page of every draft, with filters."""

from __future__ import annotations

import html
import json
from pathlib import Path

from ..formats import cannot_write, parse_assistant, parse_user
from ..workflow import Batch
from .views import diff_rows, proof_text

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Review {title}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1.5rem; background: #fafafa; }}
.filters {{ position: sticky; top: 0; background: #fafafa; padding: .5rem 0; }}
.draft {{ background: #fff; border: 1px solid #ddd; border-radius: 6px; margin: 1rem 0;
  padding: 1rem; }}
.code {{ display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }}
pre {{ margin: 0; font-size: 13px; background: #f6f8fa; padding: .5rem; overflow-x: auto; }}
.ln {{ color: #999; display: inline-block; width: 2.5em; user-select: none; }}
.line {{ display: block; }}
.err {{ background: #ffd7d5; }}
.chg {{ background: #fff3c4; }}
.badge {{ display: inline-block; border-radius: 3px; padding: 0 .4em; font-size: 12px;
  color: #fff; margin-right: .3em; }}
.syntax {{ background: #8250df; }} .runtime {{ background: #cf222e; }}
.logical {{ background: #9a6700; }} .ok {{ background: #1a7f37; }}
.decision {{ float: right; font-weight: bold; }}
</style></head><body>
<h1>Batch {title}</h1>
<p>{count} drafts. Decisions so far: {decided}.</p>
<div class="filters">
<label>class <select id="f-class"><option value="">all</option>{class_options}</select></label>
<label>injector <select id="f-injector"><option value="">all</option>{injector_options}
</select></label> <span id="shown"></span>
</div>
{cards}
<script>
function applyFilters() {{
  const c = document.getElementById('f-class').value;
  const i = document.getElementById('f-injector').value;
  let shown = 0;
  for (const card of document.querySelectorAll('.draft')) {{
    const ok = (!c || card.dataset.classes.split(' ').includes(c)) &&
               (!i || card.dataset.injectors.split(' ').includes(i));
    card.style.display = ok ? '' : 'none';
    if (ok) shown++;
  }}
  document.getElementById('shown').textContent = shown + ' shown';
}}
document.getElementById('f-class').onchange = applyFilters;
document.getElementById('f-injector').onchange = applyFilters;
applyFilters();
</script></body></html>
"""


def _code(text: str, errors: set[int], changed: set[int]) -> str:
    lines = []
    for number, line in enumerate(text.splitlines(), start=1):
        css = "err" if number in errors else "chg" if number in changed else ""
        body = f'<span class="ln">{number}</span>{html.escape(line) or " "}'
        lines.append(f'<span class="line {css}">{body}</span>')
    return "<pre>" + "".join(lines) + "</pre>"


def html_page(batch: Batch) -> str:
    decisions = batch.decisions()
    cards = []
    classes, injectors = set(), set()
    for draft in batch.drafts:
        user = parse_user(draft["user_xml"])
        assistant = parse_assistant(draft["assistant_xml"])
        rows = diff_rows(user.program, assistant.program)
        changed_old = {r[1] for r in rows if r[0] == "old"}
        changed_new = {r[2] for r in rows if r[0] == "new"}
        draft_classes = sorted({e["error_class"] for e in draft["errors"]})
        draft_injectors = sorted({e["injector"] for e in draft["errors"]})
        classes |= set(draft_classes)
        injectors |= set(draft_injectors)
        items = []
        for error, sentence in zip(draft["errors"], assistant.explanations, strict=False):
            evidence = error["evidence"]
            items.append(
                f'<li><span class="badge {error["error_class"]}">{error["error_class"]}</span>'
                f'<span class="badge ok" title="{html.escape(json.dumps(evidence))}">verified'
                f'</span>{html.escape(sentence)} <small>({html.escape(error["injector"])}: '
                f"{html.escape(proof_text(evidence))})</small></li>")
        decision = decisions.get(draft["id"], {}).get("decision", "undecided")
        cards.append(
            f'<div class="draft" id="{html.escape(draft["id"])}" '
            f'data-classes="{" ".join(draft_classes)}" '
            f'data-injectors="{" ".join(draft_injectors)}">'
            f'<span class="decision">{decision}</span>'
            f'<h3>{html.escape(draft["id"])}</h3><p>{html.escape(user.description)}</p>'
            f'<div class="code"><div><h4>correct</h4>'
            f'{_code(user.program, set(), changed_old)}</div>'
            f'<div><h4>incorrect</h4>{_code(assistant.program, set(assistant.locations), changed_new)}'
            f"</div></div>"
            + (f"<p><em>{html.escape(assistant.note)}</em></p>" if assistant.note else "")
            + f"<ol>{''.join(items)}</ol></div>")
    return _PAGE.format(
        title=html.escape(batch.id), count=len(batch.drafts),
        decided=len(decisions) or "none",
        class_options="".join(f'<option value="{c}">{c}</option>' for c in sorted(classes)),
        injector_options="".join(f'<option value="{i}">{i}</option>'
                                 for i in sorted(injectors)),
        cards="\n".join(cards))


def write_html(batch: Batch, path: Path | None = None) -> Path:
    target = path or batch.path / "review.html"
    try:
        target.write_text(html_page(batch), encoding="utf-8")
    except OSError as exc:
        raise cannot_write(target, exc) from None
    return target
