"""`debugex review`: interactive, scripted (--accept/--reject) or as a static page."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from ..batch import ACCEPTED, REJECTED, BatchError, load_batch
from ..check import load_for_check
from ..content import Exercise
from ..review import interactive, write_html
from ..sandbox import Sandbox


def run(batch_path: Path, accept: Sequence[str], reject: Sequence[str], note: str,
        as_html: bool, content: Path, style: str | None = None) -> int:
    try:
        batch = load_batch(batch_path)
    except BatchError as exc:
        raise click.UsageError(str(exc)) from None
    if as_html:
        path = write_html(batch)
        click.echo(f"wrote {path} ({len(batch.drafts)} drafts)")
        return 0
    if accept or reject:
        ids = [d["id"] for d in batch.drafts]
        chosen_accept = ids if list(accept) == ["all"] else list(accept)
        unknown = [i for i in [*chosen_accept, *reject] if i not in ids]
        if unknown:
            raise click.UsageError(f"no such draft in {batch.id}: {', '.join(unknown)}")
        for draft_id in chosen_accept:
            batch.decide(draft_id, ACCEPTED, note)
        for draft_id in reject:
            batch.decide(draft_id, REJECTED, note)
        click.echo(f"{len(chosen_accept)} accepted, {len(reject)} rejected in {batch.id}")
        return 0
    exercises = [e for e in load_for_check(content, []) if isinstance(e, Exercise)] \
        if content.is_dir() else []
    with Sandbox() as sandbox:
        counts = interactive(batch, sandbox, exercises, style=style)
    decided = batch.decisions()
    click.echo(f"\nthis session: {counts['accepted']} accepted, {counts['rejected']} rejected, "
               f"{counts['skipped']} skipped; {len(batch.drafts) - len(decided)} drafts of "
               f"{len(batch.drafts)} still undecided")
    return 0
