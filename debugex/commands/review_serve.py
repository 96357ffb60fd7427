"""`debugex review BATCH --serve`: the review page on this machine, until Ctrl-C."""

from __future__ import annotations

from pathlib import Path

import click

from ..content import Exercise
from ..review import ServeError, WebMissing, is_loopback, require_web, serve
from ..sandbox import Sandbox
from ..scenarios import load_for_check
from ..workflow import Batch


def run(batch: Batch, content: Path, host: str, port: int | None, open_browser: bool,
        style: str | None, reviewer: str | None = None) -> int:
    try:
        require_web()
    except WebMissing as exc:
        click.echo(f"debugex review: {exc}", err=True)
        return 1
    if not is_loopback(host):
        click.echo(f"debugex review: warning: --host {host} is not a loopback address: the "
                   "page is plain HTTP, so anyone who can see the traffic can read the drafts "
                   "and the token that lets them decide; use it only on a network you trust",
                   err=True)
    exercises = [e for e in load_for_check(content, []) if isinstance(e, Exercise)] \
        if content.is_dir() else []
    try:
        with Sandbox() as sandbox:
            summary = serve(batch, sandbox, exercises, host, port, open_browser, style,
                            echo=click.echo, reviewer=reviewer)
    except ServeError as exc:
        click.echo(f"debugex review: {exc}", err=True)
        return 1
    decisions = batch.decisions()
    counts = {k: sum(r["decision"] == k for r in decisions.values())
              for k in ("accepted", "rejected")}
    undecided = len(batch.drafts) - len(decisions)
    by = f" ({summary.stopped_by})" if summary.stopped_by else ""
    written = "1 decision" if summary.decided == 1 else f"{summary.decided} decisions"
    click.echo(f"\nstopped{by}: {written} (undos included) written from the page; the batch "
               f"now has {counts['accepted']} accepted, {counts['rejected']} rejected, "
               f"{undecided} of {len(batch.drafts)} drafts undecided")
    return 0
