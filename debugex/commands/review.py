"""`debugex review`: interactive, scripted (--accept/--reject), --list, or a static page."""

from __future__ import annotations

import getpass
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from ..content import Exercise
from ..formats import Request, WriteError, scrub, surrogate
from ..review import interactive, write_html
from ..sandbox import Sandbox
from ..scenarios import load_for_check
from ..workflow import ACCEPTED, REJECTED, Batch, BatchError, load_batch
from . import review_serve
from .common import print_json, table
from .options import content_or_default

NO_TERMINAL = ("debugex review: no terminal to review in (stdin is not a terminal); "
               "use --accept/--reject ID, --list or --html")


def run(batch_path: Path, accept: Sequence[str], reject: Sequence[str], note: str,
        as_html: bool, content: Path | None, as_list: bool = False, as_json: bool = False,
        style: str | None = None, serve: bool = False, port: int | None = None,
        host: str = "127.0.0.1", open_browser: bool = True, reviewer: str | None = None) -> int:
    content = content_or_default(content)
    reviewer = reviewer_name(reviewer)
    if sum((as_list, as_html, bool(accept or reject), serve)) > 1:
        raise click.UsageError("choose one of --list, --html, --serve and --accept/--reject")
    if not serve and (port is not None or host != "127.0.0.1" or not open_browser):
        raise click.UsageError("--port, --host and --no-browser go with --serve")
    if serve and as_json:
        raise click.UsageError("--json does not go with --serve (the page is for a person; "
                               "scripts use --list/--accept/--reject --json)")
    try:
        batch = load_batch(batch_path)
    except BatchError as exc:
        raise click.UsageError(str(exc)) from None
    if serve:
        return review_serve.run(batch, content, host, port, open_browser, style, reviewer)
    try:
        if as_list:
            return _list(batch, as_json)
        if as_html:
            path = write_html(batch)
            if as_json:
                print_json({"batch": batch.id, "wrote": str(path), "drafts": len(batch.drafts)})
            else:
                click.echo(f"wrote {path} ({len(batch.drafts)} drafts)")
            return 0
        if accept or reject:
            return _decide(batch, accept, reject, note, as_json, reviewer)
    except WriteError as exc:
        click.echo(f"debugex review: {exc}", err=True)
        return 1
    if as_json:
        raise click.UsageError("--json goes with --list, --accept/--reject or --html; the "
                               "interactive review needs a terminal")
    if not sys.stdin.isatty():
        click.echo(NO_TERMINAL, err=True)
        return 2
    exercises = [e for e in load_for_check(content, []) if isinstance(e, Exercise)] \
        if content.is_dir() else []
    try:
        with Sandbox() as sandbox:
            counts = interactive(batch, sandbox, exercises, style=style, reviewer=reviewer)
    except WriteError as exc:
        click.echo(f"\ndebugex review: {exc}", err=True)
        return 1
    decided = batch.decisions()
    click.echo(f"\nthis session: {counts['accepted']} accepted, {counts['rejected']} rejected, "
               f"{counts['skipped']} skipped; {len(batch.drafts) - len(decided)} drafts of "
               f"{len(batch.drafts)} still undecided")
    return 0


def reviewer_name(given: str | None) -> str | None:
    """Who decides: --reviewer, else the user logged in to this machine (None when the
    system cannot say)."""
    if given is not None:
        name = " ".join(scrub(given).split())
        if not name:
            raise click.UsageError("--reviewer needs a name (it is written with every decision)")
        return name
    try:
        return getpass.getuser() or None
    except (KeyError, OSError):  # no login name and no passwd entry for this uid
        return None


def _decide(batch: Batch, accept: Sequence[str], reject: Sequence[str], note: str,
            as_json: bool, reviewer: str | None) -> int:
    ids = [d["id"] for d in batch.drafts]
    chosen_accept = ids if list(accept) == ["all"] else list(accept)
    unknown = [i for i in [*chosen_accept, *reject] if i not in ids]
    if unknown:
        raise click.UsageError(f"no such draft in {batch.id}: {', '.join(unknown)}")
    if surrogate(note):  # bytes of a non-UTF-8 terminal: the decisions file is UTF-8
        note = scrub(note)
        click.echo("debugex review: the note is not valid UTF-8; what is not was written "
                   "as U+FFFD", err=True)
    for draft_id in chosen_accept:
        batch.decide(draft_id, ACCEPTED, note, reviewer=reviewer)
    for draft_id in reject:
        batch.decide(draft_id, REJECTED, note, reviewer=reviewer)
    if as_json:
        print_json({"batch": batch.id, "accepted": chosen_accept, "rejected": list(reject),
                    "note": note})
    else:
        click.echo(f"{len(chosen_accept)} accepted, {len(reject)} rejected in {batch.id}")
    return 0


def _list(batch: Batch, as_json: bool) -> int:
    rows = batch.listing()
    if as_json:
        print_json({"batch": batch.id, "drafts": rows})
        return 0
    click.echo(table(("id", "exercise", "request", "decision"),
                     [(r["id"], r["exercise"], Request(**r["request"]).label(), r["decision"])
                      for r in rows]))
    counts = {k: sum(r["decision"] == k for r in rows)
              for k in (ACCEPTED, REJECTED, "undecided")}
    click.echo(f"{len(rows)} drafts: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    return 0
