"""`debugex generate`: run the generator with a progress bar and print its summary."""

from __future__ import annotations

import json

import click

from ..content import exercise_folders, find_exercise
from ..generate import GenerateOptions, generate, in_shard, plan
from .common import print_json, progress_bar, table


def run(options: GenerateOptions, as_json: bool) -> int:
    folders = ([find_exercise(options.content, s) for s in options.slugs] if options.slugs
               else exercise_folders(options.content))
    total = sum(in_shard(u, options.shard) for u in plan([f.name for f in folders], options))
    with progress_bar(total, "drafts", enabled=not as_json) as update:
        summary = generate(options, progress=update)
    data = summary.to_dict()
    if as_json:
        print_json(data)
    else:
        click.echo(f"batch {summary.batch}: {summary.written} drafts written of "
                   f"{summary.planned} planned in {summary.seconds:.1f}s "
                   f"({data['drafts_per_s']} drafts/s)"
                   + (" - INTERRUPTED, the batch holds the drafts finished so far"
                      if summary.interrupted else ""))
        if summary.failures:
            click.echo("not written: " + ", ".join(f"{n} {reason}" for reason, n in
                                                    summary.failures.most_common()))
        click.echo("errors per class: " + json.dumps(dict(summary.per_class)))
        click.echo(composition_line(summary.composition))
        rows = sorted(summary.per_injector.items(), key=lambda kv: -kv[1])
        if rows:
            click.echo(table(("injector", "errors"), rows))
    if summary.interrupted:
        return 130
    # An exercise whose correct program is not correct was refused: say so in the code.
    return 1 if any(r.startswith("correct program fails") for r in summary.failures) else 0



def composition_line(stats: dict) -> str:
    """The batch read as exercises, in one line."""
    def pct(value: float | None) -> str:
        return "-" if value is None else f"{value:.1%}"

    return (f"composition: repeated-edit share {pct(stats.get('repeated_edit_share'))}, "
            f"partial drafts {pct(stats.get('partial_share'))}, requests of 6+ errors "
            f"{pct(stats.get('requests_6_plus_share'))}, drafts above the density cap "
            f"{stats.get('drafts_above_density_cap', 0)}, interplay failures re-composed "
            f"{stats.get('interplay_failures_before_recomposition', 0)}")
