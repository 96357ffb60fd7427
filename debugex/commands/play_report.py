"""`debugex play --report FOLDER`: the games of a class summed up, per exercise and per
error, as tables (or `--json`), with one row per student and error in `--csv FILE`."""

from __future__ import annotations

import csv
from pathlib import Path

import click

from ..student import collect, per_error, per_exercise, report_fields
from .common import print_json, table


def _or_dash(value: object) -> object:
    return "-" if value is None else value


def run_report(folder: Path, csv_file: Path | None, as_json: bool) -> int:
    """Exit code 0 with a report, 2 when the folder holds no game to report on."""
    if not folder.is_dir():
        print_error(f"{folder} is not a folder")
        return 2
    rows, skipped = collect(folder)
    if not rows:
        why = f" ({len(skipped)} unreadable)" if skipped else ""
        print_error(f"no .play.json files to report on under {folder}{why}: students hand "
                    "in the FILE.play.json written beside their FILE.py")
        return 2
    exercises, errors = per_exercise(rows), per_error(rows)
    if csv_file is not None:
        try:
            with csv_file.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=report_fields())
                writer.writeheader()
                writer.writerows(r.as_row() for r in rows)
        except OSError as exc:
            print_error(f"cannot write {csv_file}: {exc.strerror or exc}")
            return 2
    if as_json:
        print_json({"exercises": exercises, "errors": errors,
                    "rows": [r.as_row() for r in rows], "skipped": skipped,
                    "csv": str(csv_file) if csv_file else None})
        return 0
    games = len({r.file for r in rows})
    click.echo(f"{games} game{'s' if games != 1 else ''} under {folder}, as their "
               ".play.json files record them (the students' own record, not verified).")
    click.echo("")
    click.echo(table(["exercise", "games", "done", "attempts (median)", "minutes (median)",
                      "hints"],
                     [[e["exercise"], e["games"], e["done"], _or_dash(e["median_attempts"]),
                       _or_dash(e["median_minutes"]), e["hints"]] for e in exercises]))
    click.echo("")
    several = len({(e["exercise"], e["draft"]) for e in errors}) > \
        len({e["exercise"] for e in errors})
    click.echo(table(["exercise"] + (["draft"] if several else []) +
                     ["error", "class", "fixed", "exposed", "hints", "games with hints"],
                     [[e["exercise"]] + ([e["draft"]] if several else []) +
                      [f"#{e['error']}", e["class"], _of(e["fixed"], e["checked"]),
                       _of(e["exposed"], e["expose_games"]), e["hints"],
                       e["games_with_hints"]] for e in errors]))
    click.echo("\nfixed: of the games with a fix checked (at their last check); exposed: "
               "of the expose games; minutes: from the start to done, or to the last try.")
    for name, why in skipped.items():
        click.echo(f"left out: {name}.play.json: {why}", err=True)
    if csv_file is not None:
        click.echo(f"\nOne row per game and error written to {csv_file}.")
    return 0


def _of(count: int, total: int) -> str:
    """"2 of 3" of the games where it applies ("-" when none)."""
    return f"{count} of {total}" if total else "-"


def print_error(text: str) -> None:
    click.echo(f"debugex play: {text}", err=True)
