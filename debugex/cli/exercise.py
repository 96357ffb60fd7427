"""Options of the commands for one exercise: inject (the teacher's) and play (the student's)."""

from __future__ import annotations

from pathlib import Path

import click

from ..commands import (
    content_option,
    locations_option,
    play_options,
    style_option,
    workers_option,
)
from .group import main


@main.command()
@click.argument("program", required=False, type=click.Path(path_type=Path, dir_okay=False,
                exists=True))
@click.option("--exercise", "slug", help="Use this exercise from the content folder instead "
              "of PROGRAM.")
@content_option
@click.option("--description", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Text file saying what the program must do (with PROGRAM). Without it the "
              "exercise says only \"The program NAME.\", and a note says so.")
@click.option("--scenarios", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="scenarios.toml with stdin scenarios (with PROGRAM).")
@click.option("--syntax", type=click.IntRange(min=0), default=0, show_default=True,
              help="Number of syntax errors.")
@click.option("--runtime", type=click.IntRange(min=0), default=0, show_default=True,
              help="Number of runtime errors.")
@click.option("--logical", type=click.IntRange(min=0), default=0, show_default=True,
              help="Number of logical errors.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Same seed, same output, byte for byte.")
@click.option("--json", "as_json", is_flag=True,
              help="Print one JSON object: both messages and the evidence for every error "
              "(default: the user and assistant messages as XML).")
@click.option("--format", "output", type=click.Choice(["xml", "json"]), default="xml",
              hidden=True, help="Older spelling: --format json is --json.")
@click.option("--allow-partial", is_flag=True,
              help="Inject what the program allows when it cannot carry the full request.")
@style_option
@locations_option
@workers_option
def inject(program: Path | None, slug: str | None, content: Path | None,
           description: Path | None, scenarios: Path | None, syntax: int, runtime: int,
           logical: int, seed: int, as_json: bool, output: str, allow_partial: bool,
           style: str, locations: str, workers: int | None) -> None:
    """Inject exactly the requested errors into one program, prove each one, and print
    the exercise (bugged program, error lines, explanations).

    Give a PROGRAM file (with --description and --scenarios), or --exercise SLUG from the
    content folder. Exit code 1 when the request cannot be met (the message says which
    class falls short and what the program offers), 2 for unusable arguments.
    """
    from ..commands import inject as command

    raise SystemExit(command.from_options(program, slug, content, description, scenarios,
                                          syntax, runtime, logical, seed, as_json, output,
                                          allow_partial, style, workers, locations))


@main.command()
@click.argument("target", required=False)
@play_options
def play(target: str | None, **options) -> None:
    """The student's side: fix, expose or locate the errors of one exercise.

    TARGET is a content exercise (a draft is made now) or a draft id of a batch. Its
    bugged program goes to a file named after the exercise. With --task fix (the
    default), on each save the scenarios run and you see how many errors are fixed and
    which scenarios fail (input, expected and actual output, exception), never the
    answer; Ctrl-C stops; `--check FILE [--hint]` checks once. With --task expose you
    try inputs (`--check FILE --input LINE ...` or `--call "f(1)"`) until each error
    shows; with --task locate you name the error lines (`--check FILE --lines 4,13`),
    then fix them. `--report FOLDER` sums up the .play.json files of a class.
    Exit codes: 0 done (or stopped), 1 not done yet (--check), 2 bad input.

    For practice, not for an exam: the answer is in the content folder or the batch,
    which the user who plays can read. Your program runs in a sandbox that never held
    the answer, and FILE.play.json is signed with a key kept outside your folder (an
    edited one is refused), but grading that must hold against the student belongs on
    a server (the CodeRunner export).
    """
    from ..commands import play as command

    raise SystemExit(command.main(target, **options))
