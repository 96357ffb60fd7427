"""`debugex review` in the terminal: walk the undecided drafts and decide; an edited draft
is audited before it can be accepted (the page's edits use the same audit).

Every decision is appended to the batch's decisions.jsonl the moment it is made, so a
review can stop anywhere and go on later.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from ..audit import audit_records
from ..content import ContentError, Exercise, load_exercise
from ..engine import restyle
from ..formats import MessageError, Record, parse_assistant
from ..sandbox import Sandbox
from ..workflow import ACCEPTED, REJECTED, Batch
from .views import terminal_view


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
                style: str | None = None, reviewer: str | None = None) -> dict[str, int]:
    """Walk the undecided drafts. Keys: a accept, r reject, s skip, e edit, q quit.
    With `style`, editing starts from the explanations re-rendered in that style;
    `reviewer` is written with each decision."""
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
                batch.decide(draft["id"], ACCEPTED, reviewer=reviewer)
                counts["accepted"] += 1
                break
            if key == "r":
                note = click.prompt("note", default="", show_default=False)
                batch.decide(draft["id"], REJECTED, note, reviewer=reviewer)
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
                batch.decide(draft["id"], ACCEPTED, "edited", assistant_xml=edited,
                             reviewer=reviewer)
                counts["accepted"] += 1
                break
            if key == "q":
                return counts
            click.echo("press a, r, s, e or q")
    return counts
