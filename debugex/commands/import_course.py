"""`debugex import`: a teacher's programs, tests and question banks become checked content."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from ..content import exercise_folders
from ..intake import (
    Imported,
    Planned,
    check_imported,
    find,
    leave_out_unfinished,
    plan,
    take_back_unrunnable,
    write,
)
from ..sandbox import Sandbox
from .common import print_json, progress_bar, table


def run(sources: Sequence[Path], into: Path, dry_run: bool, replace: bool, as_json: bool,
        workers: int | None, quiet: bool) -> int:
    found, passed = [], []
    for source in sources:
        more, skipped = find(source)
        found += more
        passed += skipped
    if not found:
        for line in passed:
            click.echo(f"debugex import: {line}", err=True)
        raise click.UsageError("no exercise found in " + ", ".join(map(str, sources)))
    taken = {p.name for p in exercise_folders(into)} if into.is_dir() else set()
    planned = plan(found, set() if replace else taken)
    if dry_run:
        return _show_plan(planned, passed, into, as_json)
    results = [write(p, into, replace) for p in planned]
    written = [r for r in results if r.written is not None]
    if written:
        with Sandbox(workers=workers) as sandbox:
            runs = sum(4 * max(1, len(r.planned.scenarios)) for r in written)
            leave_out_unfinished(results, sandbox)
            with progress_bar(runs, "checking", enabled=not (as_json or quiet)) as update:
                check_imported(results, sandbox, progress=update)
        take_back_unrunnable(results)
    return _show_results(results, passed, into, as_json, quiet)


def _origin(p: Planned) -> str:
    return p.found.origin if len(p.found.origin) <= 48 else "…" + p.found.origin[-47:]


def _show_plan(planned: list[Planned], passed: list[str], into: Path, as_json: bool) -> int:
    if as_json:
        print_json({"into": str(into), "dry_run": True,
                    "exercises": [_plan_json(p) for p in planned], "passed_over": passed})
        return 0
    rows = [(p.slug, _origin(p), p.tests_read, len(p.unread), len(p.scenarios),
             p.problem or p.found.described_by or "no description") for p in planned]
    click.echo(table(("exercise", "from", "tests read", "not read", "scenarios",
                      "description from / problem"), rows))
    for line in passed:
        click.echo(f"passed over: {line}")
    importable = sum(p.problem is None for p in planned)
    click.echo(f"\ndry run: {importable} of {len(planned)} exercises would be written "
               f"into {into}; nothing was written")
    return 0


def _plan_json(p: Planned) -> dict:
    return {"slug": p.slug, "from": p.found.origin, "tests_read": p.tests_read,
            "not_read": p.unread, "scenarios": len(p.scenarios), "problem": p.problem,
            "description_from": p.found.described_by or None, "notes": p.found.notes}


def _show_results(results: list[Imported], passed: list[str], into: Path, as_json: bool,
                  quiet: bool) -> int:
    written = [r for r in results if r.written is not None]
    ok = [r for r in written if r.ok]
    held = sum(r.tests_hold for r in written)
    read = sum(r.planned.tests_read for r in written)
    if as_json:
        print_json({"into": str(into), "exercises": [
            {**_plan_json(r.planned), "written": str(r.written) if r.written else None,
             "skipped": r.skipped, "ok": r.ok, "problems": r.problems,
             "tests_hold": r.tests_hold, "line_coverage": round(r.line_coverage, 4)}
            for r in results], "passed_over": passed, "written": len(written),
            "ok": len(ok), "tests_read": read, "tests_hold": held})
    else:
        if not quiet:
            rows = [(r.planned.slug, _origin(r.planned), r.planned.tests_read,
                     len(r.planned.unread), _status(r)) for r in results]
            click.echo(table(("exercise", "from", "tests read", "not read", "status"), rows))
        for r in results:
            for problem in r.problems:
                click.echo(f"FAIL {r.planned.slug}: {problem}")
            if r.skipped:
                click.echo(f"skipped {r.planned.slug}: {r.skipped}")
            for note in r.planned.unread if r.written and not quiet else ():
                if note.endswith("; left out"):
                    click.echo(f"left out {r.planned.slug}: {note}")
            for note in r.planned.found.notes if r.written and not quiet else ():
                click.echo(f"note {r.planned.slug}: {note}")
        for line in passed:
            click.echo(f"passed over: {line}")
        skipped = len(results) - len(written)
        click.echo(f"\n{len(written)} of {len(results)} exercises written into {into}, "
                   f"{len(ok)} check ok"
                   + (f" ({skipped} not written, said above)" if skipped else "")
                   + f"; tests held {held} of {read}; the tests not read are listed at the "
                   "top of each scenarios.toml")
    return 0 if len(ok) == len(results) else 1


def _status(r: Imported) -> str:
    if r.skipped:
        return "skipped"
    return "ok" if r.ok else f"FAIL ({len(r.problems)})"
