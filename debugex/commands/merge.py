"""`debugex merge`: report what a merge added."""

from __future__ import annotations

from pathlib import Path

import click

from ..batch import BatchError, load_batch
from ..merge import merge


def run(batch_path: Path, examples: Path, split: str, test_fraction: float) -> int:
    try:
        batch = load_batch(batch_path)
    except BatchError as exc:
        raise click.UsageError(str(exc)) from None
    accepted = batch.accepted()
    if not accepted:
        click.echo(f"{batch.id}: no accepted drafts to merge (review it first)")
        return 0
    result = merge(batch, examples, split, test_fraction)
    for name, numbers in sorted(result.added.items()):
        click.echo(f"{name}: added examples {numbers[0]}..{numbers[-1]} ({len(numbers)})")
    if result.skipped:
        click.echo(f"skipped {len(result.skipped)} already merged")
    click.echo(f"{result.total} examples added to {examples}")
    return 0
