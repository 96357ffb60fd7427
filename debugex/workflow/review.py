"""`debugex review`: look at drafts and decide, in the terminal or on a static page.

Every decision is appended to the batch's decisions.jsonl the moment it is made, so a
review can stop anywhere and go on later. An edited draft is audited before it can be
accepted.
"""

from __future__ import annotations

import difflib
import html
import json
from collections.abc import Callable
from pathlib import Path

import click

from ..audit import audit_records
from ..content import ContentError, Exercise, load_exercise
from ..engine import restyle
from ..formats import MessageError, Record, cannot_write, parse_assistant, parse_user
from ..sandbox import Sandbox
from .batch import ACCEPTED, REJECTED, Batch

CLASS_COLOURS = {"syntax": "magenta", "runtime": "red", "logical": "yellow"}


def diff_rows(correct: str, incorrect: str) -> list[tuple[str, int | None, int | None, str]]:
    """(kind, correct line no., incorrect line no., text): kind is same, old or new."""
    old, new = correct.splitlines(), incorrect.splitlines()
    rows: list[tuple[str, int | None, int | None, str]] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [("same", i1 + k + 1, j1 + k + 1, old[i1 + k]) for k in range(i2 - i1)]
            continue
        rows += [("old", i + 1, None, old[i]) for i in range(i1, i2)]
        rows += [("new", None, j + 1, new[j]) for j in range(j1, j2)]
    return rows


def terminal_view(draft: dict, assistant_xml: str | None = None, context: int = 1) -> str:
    """The draft for a person: description, coloured diff with error lines marked,
    explanations and the proof of each error."""
    user = parse_user(draft["user_xml"])
    assistant = parse_assistant(assistant_xml or draft["assistant_xml"])
    errors_at = {}
    for error in draft["errors"]:
        errors_at.setdefault(error["line"], []).append(error)
    out = [click.style(f"draft {draft['id']}", bold=True) +
           f"  exercise {draft['exercise']}  request {json.dumps(draft['request'])}"
           + (f"  partial: delivers {json.dumps(draft['delivered'])}"
              if draft.get("partial") else ""),
           "", click.wrap_text(user.description, width=88, preserve_paragraphs=True), ""]
    rows = diff_rows(user.program, assistant.program)
    changed = {n for n, row in enumerate(rows) if row[0] != "same"} | {
        n for n, row in enumerate(rows) if row[2] in assistant.locations}
    for n, (kind, old_no, new_no, text) in enumerate(rows):
        if not any(abs(n - c) <= context for c in changed):
            continue
        if kind == "old":
            out.append(click.style(f"  -{old_no:>4} | {text}", fg="green"))
        elif kind == "new":
            mark = ""
            if new_no in errors_at:
                mark = "   <- " + ", ".join(e["error_class"] for e in errors_at[new_no])
            out.append(click.style(f"  +{new_no:>4} | {text}{mark}", fg="red", bold=True))
        else:
            mark = "   <- error here" if new_no in assistant.locations else ""
            out.append(f"   {new_no:>4} | {text}{mark}")
    out.append("")
    if assistant.note:  # e.g. a partial answer: what was asked, what fits and why
        out.append(click.style(click.wrap_text(assistant.note, width=88), fg="yellow"))
    for error, sentence in zip(draft["errors"], assistant.explanations, strict=False):
        colour = CLASS_COLOURS.get(error["error_class"], "white")
        proof = proof_text(error["evidence"])
        out.append(click.style(f"[{error['error_class']}] ", fg=colour) + sentence)
        out.append(click.style(f"      verified: {error['injector']}, {proof}", dim=True))
    return "\n".join(out)


def page_view(draft: dict, assistant_xml: str | None = None) -> dict:
    """What the review page shows of a draft, as plain data: the same parts as
    terminal_view (description, diff rows with error lines, explanations, proofs)."""
    user = parse_user(draft["user_xml"])
    assistant = parse_assistant(assistant_xml or draft["assistant_xml"])
    errors_at: dict[int, list[str]] = {}
    for error in draft["errors"]:
        errors_at.setdefault(error["line"], []).append(error["error_class"])
    rows = [{"kind": kind, "old": old_no, "new": new_no, "text": text,
             "errors": (errors_at.get(new_no) or ["error"]) if new_no in assistant.locations
             else []}
            for kind, old_no, new_no, text in diff_rows(user.program, assistant.program)]
    explanations = [{"error_class": error["error_class"], "injector": error["injector"],
                     "sentence": sentence, "proof": proof_text(error["evidence"])}
                    for error, sentence in zip(draft["errors"], assistant.explanations,
                                               strict=False)]
    return {"id": draft["id"], "exercise": draft["exercise"], "request": draft["request"],
            "partial": bool(draft.get("partial")), "delivered": draft.get("delivered"),
            "description": user.description, "rows": rows, "note": assistant.note,
            "locations": list(assistant.locations), "explanations": explanations,
            "assistant_xml": assistant_xml or draft["assistant_xml"]}


def draft_exercise(batch: Batch, draft: dict) -> Exercise | None:
    """The exercise a draft was generated from, read again from the batch's content
    folder, or None when it is gone."""
    content = batch.meta.get("content")
    if not content or not draft.get("exercise"):
        return None
    try:
        return load_exercise(Path(content) / draft["exercise"])
    except ContentError:
        return None


def proof_text(evidence: dict) -> str:
    """How an error was proven, for a person: for a function scenario the call, and the
    expected and actual value (or the exception it raised)."""
    call = evidence.get("call")
    if evidence["status"] == "logical":
        if call and evidence.get("actual") is not None:
            proof = (f"{call} returned {evidence['actual']}, expected "
                     f"{evidence.get('expected')}")
        else:
            proof = f"output differs: {evidence.get('difference')}"
    else:
        proof = (f"{evidence.get('exc_class') or ''} reported at line "
                 f"{evidence.get('reported_line')}")
        if call:
            proof += f" during {call}"
    if evidence.get("scenario"):
        proof += f" (scenario {evidence['scenario']!r})"
    return proof


def audit_edit(draft: dict, assistant_xml: str, sandbox: Sandbox, exercises,
               own: Exercise | None = None) -> list[dict]:
    """Defects of an edited draft (empty when it may be accepted).

    `own` is the draft's exercise: its scenarios proved the draft, so they judge the edit
    too. Without them the audit synthesises scenarios of its own, which can miss what
    the given ones test (a boundary value), and an error that was proven would then
    read as "no effect".
    """
    try:
        parse_assistant(assistant_xml)
    except MessageError as exc:
        return [{"kind": "unparseable_response", "detail": str(exc)}]
    record = Record(draft["id"], draft["user_xml"], assistant_xml)
    known = [*exercises, own] if own is not None else list(exercises)  # own wins a tie
    return audit_records([record], sandbox, known)[0].defects


def interactive(batch: Batch, sandbox: Sandbox, exercises,
                editor: Callable[[str], str | None] | None = None,
                style: str | None = None) -> dict[str, int]:
    """Walk the undecided drafts. Keys: a accept, r reject, s skip, e edit, q quit.
    With `style`, editing starts from the explanations re-rendered in that style."""
    editor = editor or (lambda text: click.edit(text, extension=".xml"))
    decided = batch.decisions()
    todo = [d for d in batch.drafts if d["id"] not in decided]
    counts = {"accepted": 0, "rejected": 0, "skipped": 0}
    for position, draft in enumerate(todo, start=1):
        click.echo(click.style(f"\n--- {position}/{len(todo)} ---", bold=True))
        click.echo(terminal_view(draft))
        while True:
            click.echo("[a]ccept  [r]eject  [s]kip  [e]dit  [q]uit ? ", nl=False)
            key = click.getchar().lower()
            click.echo(key)
            if key == "a":
                batch.decide(draft["id"], ACCEPTED)
                counts["accepted"] += 1
                break
            if key == "r":
                note = click.prompt("note", default="", show_default=False)
                batch.decide(draft["id"], REJECTED, note)
                counts["rejected"] += 1
                break
            if key == "s":
                counts["skipped"] += 1
                break
            if key == "e":
                start = restyle(draft, style) if style else draft["assistant_xml"]
                edited = editor(start)
                if not edited or edited == draft["assistant_xml"]:
                    click.echo("no change made")
                    continue
                defects = audit_edit(draft, edited, sandbox, exercises,
                                     draft_exercise(batch, draft))
                if defects:
                    click.echo(click.style("the edited draft does not audit clean:", fg="red"))
                    for defect in defects:
                        click.echo(f"  {defect['kind']}: {defect['detail']}")
                    continue
                batch.decide(draft["id"], ACCEPTED, "edited", assistant_xml=edited)
                counts["accepted"] += 1
                break
            if key == "q":
                return counts
            click.echo("press a, r, s, e or q")
    return counts


# -- the static page ---------------------------------------------------------------------

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
