"""`debugex merge`: report what a merge added (or, with --dry-run, would add)."""

from __future__ import annotations

from pathlib import Path

import click

from ..formats import JournalError, LockBusy, MessageError
from ..workflow import ALREADY_MERGED, BatchError, MergeResult, load_batch, merge
from .common import print_json

SHOWN = 5  # skipped drafts named one by one before "and N more"


def run(batch_path: Path, examples: Path, split: str, test_fraction: float,
        dry_run: bool = False, wait: bool = True, as_json: bool = False,
        quiet: bool = False) -> int:
    try:
        batch = load_batch(batch_path)
    except BatchError as exc:
        raise click.UsageError(str(exc)) from None
    if not batch.accepted():
        if as_json:
            print_json({"batch": batch.id, "folder": str(examples),
                        **MergeResult(dry_run=dry_run).to_dict()})
        elif not quiet:
            click.echo(f"{batch.id}: no accepted drafts to merge (review it first)")
        return 0
    notify = None if quiet else (lambda line: click.echo(line, err=True))
    try:
        result = merge(batch, examples, split, test_fraction, dry_run=dry_run, wait=wait,
                       notify=notify)
    except LockBusy as exc:
        click.echo(f"debugex merge: {exc}; not waiting (--no-wait)", err=True)
        return 1
    except (JournalError, MessageError) as exc:
        click.echo(f"debugex merge: {exc}", err=True)
        return 1
    except OSError as exc:
        click.echo(f"debugex merge: cannot write to {examples}: "
                   f"{exc.strerror or exc}", err=True)
        return 1
    if as_json:
        print_json({"batch": batch.id, "folder": str(examples), **result.to_dict()})
        return 0
    verb = "would add" if dry_run else "added"
    done = "would be added" if dry_run else "added"
    if not quiet:
        for name in result.recovered:
            click.echo(f"completed a merge that was cut short ({name})")
        if result.pending_recovery:
            click.echo("note: a merge into this folder was cut short; the next merge "
                       "completes it first, which may change the numbers below")
        for name, numbers in sorted(result.added.items()):
            click.echo(f"{name}: {verb} examples {numbers[0]}..{numbers[-1]} ({len(numbers)})")
        if dry_run:
            for p in result.planned:
                click.echo(f"  {p.split}/example_{p.number} <- {p.draft} ({p.exercise})")
        _report_skipped(result)
    click.echo(f"{result.total} examples {done} to {examples}" +
               (" (dry run: nothing written)" if dry_run else ""))
    return 0


def _report_skipped(result: MergeResult) -> None:
    merged = [s for s in result.skipped if s.reason == ALREADY_MERGED]
    repeats = [s for s in result.skipped if s.reason != ALREADY_MERGED]
    if merged:
        click.echo(f"skipped {len(merged)} already merged from this batch")
    if repeats:
        named = "; ".join(s.describe() for s in repeats[:SHOWN])
        more = f"; and {len(repeats) - SHOWN} more" if len(repeats) > SHOWN else ""
        click.echo(f"skipped {len(repeats)} that would repeat an example: {named}{more}")
