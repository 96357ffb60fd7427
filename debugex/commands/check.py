"""`debugex check`: present the library check as a table or JSON."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from ..content import ContentError, Exercise
from ..formats import nesting_problem
from ..sandbox import Sandbox
from ..scenarios import CheckResult, check_exercises, load_for_check
from .common import print_json, progress_bar, table
from .options import resolve_content


def from_options(content: Path | None, slugs: Sequence[str], as_json: bool,
                 workers: int | None, quiet: bool) -> int:
    """`debugex check` as parsed: an exercise that cannot be read is a usage error."""
    try:
        return run(resolve_content(content), slugs, as_json, workers, quiet)
    except ContentError as exc:
        raise click.UsageError(str(exc)) from None


def run(content: Path, slugs: Sequence[str], as_json: bool, workers: int | None,
        quiet: bool = False) -> int:
    items = [_readable(i) for i in load_for_check(content, slugs)]
    with Sandbox(workers=workers) as sandbox:
        runs = sum(3 * max(1, len(i.scenarios)) for i in items if not isinstance(i, CheckResult))
        with progress_bar(runs, "program runs", enabled=not (as_json or quiet)) as update:
            results = check_exercises(items, sandbox, progress=update)
    passed = sum(r.ok for r in results)
    failed = len(results) - passed
    coverage = [r.line_coverage for r in results]
    mean = sum(coverage) / len(coverage) if coverage else 0.0
    if as_json:
        print_json({"exercises": [r.to_dict() for r in results], "passed": passed,
                    "failed": failed, "mean_line_coverage": round(mean, 4)})
    else:
        if not quiet:
            _table(results)
        for r in results:
            for problem in r.problems:
                click.echo(f"FAIL {r.slug}: {problem}")
        click.echo(("" if quiet else "\n") +
                   f"{passed} passed, {failed} failed; mean line coverage {mean:.1%} "
                   f"over {len(results)} exercises in {content}")
    return 1 if failed else 0


def _readable(item: Exercise | CheckResult) -> Exercise | CheckResult:
    """A correct program nested too deeply to parse fails its check with the reason."""
    deep = nesting_problem(item.source, "correct program") \
        if isinstance(item, Exercise) else None
    return CheckResult(item.slug, problems=[deep]) if deep else item


def _table(results: Sequence[CheckResult]) -> None:
    """The per-exercise table and the notes (left out by --quiet)."""
    rows = [(r.slug, "ok" if r.ok else "FAIL", r.scenarios, r.line_coverage,
             ", ".join(map(str, r.missed_lines[:8]))) for r in results]
    click.echo(table(("exercise", "status", "scenarios", "coverage", "lines never run"),
                     rows))
    for r in results:
        for note in r.notes:
            click.echo(f"note {r.slug}: {note}")
