"""`debugex generate`: run the generator with a progress bar and print its summary."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..content import ContentError, exercise_folders, find_exercise
from ..engine import cache_admin, process_seconds
from ..formats import WriteError
from ..workflow import (
    DEFAULT_DISTRIBUTION,
    DEFAULT_PER_EXERCISE,
    ClusterError,
    GenerateOptions,
    GenerateSummary,
    check_options,
    close_sandbox,
    generate,
    in_shard,
    insecure_warning,
    load_distribution,
    parse_cluster,
    plan,
)
from .common import print_json, progress_bar, table
from .options import resolve_content

EXIT_CODES = {"SIGTERM": 143, "SIGINT": 130}  # 128 + the signal's number, as shells report


SHOWN_DETAILS = 12  # units not written, named one per line


def from_options(content: Path | None, slugs: tuple[str, ...], per_exercise: int | None,
                 grid: int | None, max_per_class: int | dict | None, max_density: float,
                 allow_same_line: bool, partial_share: float, distribution: Path | None,
                 seed: int, workers: int | None, out: Path | None, shard: tuple[int, int],
                 as_json: bool, style: str, quiet: bool, locations: str = "lines",
                 cluster: str | None = None, timings: bool = False) -> int:
    """`debugex generate` as parsed: options that cannot give any request are a usage
    error (exit code 2), before any batch folder is made."""
    if per_exercise and grid:
        raise click.UsageError("--per-exercise and --grid are alternatives")
    if cluster is not None:
        if workers is not None:
            raise click.UsageError("--workers is for the local pool; with --cluster the "
                                   "cluster's workers do the work")
        try:
            parse_cluster(cluster)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from None
        if insecure_warning(cluster):
            click.echo(f"debugex generate: {insecure_warning(cluster)}", err=True)
    try:
        weights = load_distribution(distribution) if distribution else DEFAULT_DISTRIBUTION
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--distribution") from None
    options = GenerateOptions(
        content=resolve_content(content), slugs=slugs,
        per_exercise=None if grid else (per_exercise or DEFAULT_PER_EXERCISE), grid=grid,
        max_per_class=max_per_class, seed=seed, workers=workers,
        out=out or Path("generated"), shard=shard, distribution=weights,
        max_density=max_density, allow_same_line=allow_same_line, partial_share=partial_share,
        style=style, locations=locations, cluster=cluster)
    try:
        check_options(options)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    try:
        cache_admin.max_bytes()  # the bound applied after the run: a bad one is said now
    except ValueError as exc:
        raise click.UsageError(f"DEBUGEX_CACHE_MAX: {exc}") from None
    try:
        return run(options, as_json, quiet, timings)
    except ContentError as exc:
        raise click.UsageError(str(exc)) from None


def run(options: GenerateOptions, as_json: bool, quiet: bool = False,
        timings: bool = False) -> int:
    started = process_seconds()  # the interpreter's start and the imports, so far
    folders = ([find_exercise(options.content, s) for s in options.slugs] if options.slugs
               else exercise_folders(options.content))
    total = sum(in_shard(u, options.shard) for u in plan([f.name for f in folders], options))
    try:
        with progress_bar(total, "drafts", enabled=not (as_json or quiet)) as update:
            summary = generate(options, progress=update)
    except (WriteError, ClusterError) as exc:
        click.echo(f"debugex generate: {exc}", err=True)
        return 1
    close_sandbox()  # a one-worker run's zygotes: stopped within the time reported
    whole = process_seconds()
    if started is not None and whole is not None:
        # the time reported is the command's own wall time, not only generate()'s
        summary.timings = {"start-up": started, **summary.timings}
        summary.seconds = whole
    data = summary.to_dict()
    if as_json:
        print_json(data)
    else:
        _print_summary(summary, data, quiet)
        if timings:
            click.echo(timings_line(summary))
    if summary.interrupted:
        click.echo(interruption_note(summary), err=True)
        return EXIT_CODES.get(summary.stopped_by or "SIGINT", 130)
    # An exercise whose correct program is not correct was refused: say so in the code.
    return 1 if any(r.startswith("correct program fails") for r in summary.failures) else 0


def _print_summary(summary: GenerateSummary, data: dict, quiet: bool) -> None:
    engine = summary.engine
    on = (f" on {engine.get('cluster')} ({engine.get('workers')} Dask workers)"
          if engine.get("kind") == "dask" else "")
    click.echo(f"batch {summary.batch}: {summary.written} drafts written of "
               f"{summary.planned} planned in {summary.seconds:.1f}s{on} "
               f"({data['drafts_per_s']} drafts/s)"
               + (" - INTERRUPTED" if summary.interrupted else ""))
    for slug, reason in sorted(summary.problems.items()):
        click.echo(f"exercise {slug} skipped: {reason}", err=True)
    if quiet:
        return
    if summary.failures:
        click.echo("not written: " + ", ".join(f"{n} {reason}" for reason, n in
                                                summary.failures.most_common()))
        for detail in summary.details[:SHOWN_DETAILS]:
            click.echo(f"  {detail}")
        if len(summary.details) > SHOWN_DETAILS:
            click.echo(f"  … and {len(summary.details) - SHOWN_DETAILS} more (all in --json, "
                       "as not_written)")
    click.echo("errors per class: " + json.dumps(dict(summary.per_class)))
    click.echo(composition_line(summary.composition))
    rows = sorted(summary.per_injector.items(), key=lambda kv: -kv[1])
    if rows:
        click.echo(table(("injector", "errors"), rows))


def timings_line(summary: GenerateSummary) -> str:
    """Where the time went. The workers' phases (sites, compose, prove, text) are summed
    over the workers, so with several they may add up to more than the wall time."""
    width = summary.engine.get("workers")
    over = f", the workers' summed over {width}" if width and width > 1 else ""
    phases = ", ".join(f"{name} {seconds:.2f}" for name, seconds in summary.timings.items())
    per_draft = f" ({summary.runs / summary.written:.1f} a draft)" if summary.written else ""
    interplay = (f", of them {summary.interplay_runs} to see how a draft's errors interact"
                 if summary.interplay_runs else "")
    return (f"timings (s, wall {summary.seconds:.2f}{over}): {phases}; programs run "
            f"{summary.runs}{per_draft}{interplay}")


def interruption_note(summary: GenerateSummary) -> str:
    """What a stopped run kept, and how to get the rest."""
    by = summary.stopped_by or "Ctrl-C"
    return (f"stopped by {by}: {summary.batch} is a valid batch with the {summary.written} "
            f"drafts finished so far (batch.json: complete false, written "
            f"{summary.written}); it can be reviewed and merged as it is. Run the same "
            "command again for the whole batch: the same arguments and seed give the same "
            "drafts.")


def composition_line(stats: dict) -> str:
    """The batch read as exercises, in one line."""
    def pct(value: float | None) -> str:
        return "-" if value is None else f"{value:.1%}"

    return (f"composition: repeated-edit share {pct(stats.get('repeated_edit_share'))}, "
            f"partial drafts {pct(stats.get('partial_share'))}, requests of 6+ errors "
            f"{pct(stats.get('requests_6_plus_share'))}, drafts above the density cap "
            f"{stats.get('drafts_above_density_cap', 0)}, interplay failures re-composed "
            f"{stats.get('interplay_failures_before_recomposition', 0)}")
