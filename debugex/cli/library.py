"""Options of the commands about the library: check, injectors, scenarios, cache."""

from __future__ import annotations

from pathlib import Path

import click

from ..commands import (
    content_option,
    workers_option,
)
from .group import main


@main.command()
@click.argument("slugs", nargs=-1)
@content_option
@workers_option
@click.option("--json", "as_json", is_flag=True,
              help="Print one JSON object (each exercise's status, problems and coverage) "
              "instead of the table.")
@click.option("--quiet", "-q", is_flag=True,
              help="No progress bar and no table: only failures and the summary line.")
def check(slugs: tuple[str, ...], content: Path | None, workers: int | None,
          as_json: bool, quiet: bool) -> None:
    """Check exercises: each correct program compiles, finishes on every scenario,
    matches any expected stdout, is deterministic; report line coverage.

    SLUGS limits the check to those exercises. Exit code 1 when any exercise fails,
    2 for unusable arguments.
    """
    from ..commands import check as command

    raise SystemExit(command.from_options(content, slugs, as_json, workers, quiet))


@main.command()
@click.option("--survey", "do_survey", is_flag=True,
              help="Verify every site of every injector over the content library.")
@content_option
@workers_option
@click.option("--json", "as_json", is_flag=True,
              help="Print the catalogue (with --survey: the survey) as JSON.")
@click.option("--quiet", "-q", is_flag=True,
              help="With --survey: no progress bar and no table, only the summary and any "
              "injector below the threshold.")
def injectors(do_survey: bool, content: Path | None, workers: int | None,
              as_json: bool, quiet: bool) -> None:
    """List the injectors (id, class, description, before/after example).

    With --survey, run every injector over every exercise and report, per injector,
    the sites offered, the sites that verify as its class and the rejections by reason;
    exit code 1 when an injector verifies below 80% or offers no site.
    """
    from ..commands import injectors as command

    raise SystemExit(command.from_options(do_survey, content, as_json, workers, quiet))


@main.group()
def scenarios() -> None:
    """Scenarios: derive them for programs that have none, or import autograder tests."""


@scenarios.command("suggest")
@click.argument("target")
@content_option
@click.option("--write", is_flag=True,
              help="Write scenarios.toml beside the program (never over an existing one).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON with the coverage reached.")
def scenarios_suggest(target: str, content: Path | None, write: bool, as_json: bool) -> None:
    """Synthesise 2-5 scenarios for TARGET (an exercise slug or a program file): infer
    what each input() expects, harvest values from the program, search for inputs under
    which it finishes cleanly, keep a small set with the best line coverage.

    A program that reads no input and defines public functions gets function scenarios
    instead: calls with arguments inferred from how each parameter is used, chosen to
    reach every line and tell the injectable logical mistakes apart, with the values
    the program returns.

    Exit code 1 when no scenario under which the program finishes could be found.
    """
    from ..commands import scenarios as command

    raise SystemExit(command.suggest(target, content, write, as_json))


@scenarios.command("import")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--out", "target", type=click.Path(path_type=Path, dir_okay=False),
              help="Where --write puts the scenarios (default: scenarios.toml beside "
                   "correct.py in FOLDER or the folder above it, else in FOLDER).")
@click.option("--write", is_flag=True,
              help="Write the scenarios file (never over an existing one).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def scenarios_import(folder: Path, target: Path | None, write: bool, as_json: bool) -> None:
    """Turn an autograder's test files into function scenarios: each pair of
    input_N.txt (one call expression) and output_N.txt (the expected repr() of its
    value) in FOLDER becomes a scenario with that call and expected value.

    Exit code 2 for a file without its partner, an empty file or a call that is not a
    Python expression.
    """
    from ..commands import scenarios as command

    raise SystemExit(command.import_tests(folder, target, write, as_json))


@main.command()
@click.argument("action", type=click.Choice(["info", "prune"]))
@click.option("--older-than", metavar="AGE", help="prune: proofs unused for AGE (30d, 12h).")
@click.option("--max-size", metavar="SIZE", help="prune: then the least recently used until "
              "the rest fits in SIZE (500M, 2G). Neither option: down to the bound.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def cache(action: str, older_than: str | None, max_size: str | None, as_json: bool) -> None:
    """The proof cache ($DEBUGEX_CACHE): `info` (size, entries, bound, the last generate's
    hit rate) or `prune`. generate keeps it under $DEBUGEX_CACHE_MAX (default 512M; none:
    no bound), dropping the least recently used proofs first."""
    from ..commands import cache as command

    raise SystemExit(command.run(action, older_than, max_size, as_json))


@main.command("import")
@click.argument("sources", nargs=-1, required=True,
                type=click.Path(path_type=Path, exists=True))
@click.option("--into", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Content folder to write into (default: ./content).")
@click.option("--dry-run", is_flag=True,
              help="Show what would be written (slugs, tests read and not read), write "
              "nothing and run nothing.")
@click.option("--replace", is_flag=True,
              help="Write over exercises that already exist in the folder.")
@workers_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--quiet", "-q", is_flag=True,
              help="No progress bar and no table: only failures and the summary line.")
def import_(sources: tuple[Path, ...], into: Path | None, dry_run: bool, replace: bool,
            workers: int | None, as_json: bool, quiet: bool) -> None:
    """Bring your own exercises in: SOURCES are folders or files as teachers keep them.

    \b
    - an exercise folder of the common autograder layout: a reference solution
      (solution.py, example.py, .meta/example.py, or the module the tests import),
      a unittest or pytest file (*_test.py, test_*.py), instructions in Markdown;
    - a folder of programs: each .py file that is not a test is an exercise
      (described by its docstring or header comment; scenarios are synthesised);
    - a Moodle question bank exported as XML, for its CodeRunner questions.

    Test files are read, never run: assertEqual/Is/True/False/In/CountEqual/
    AlmostEqual/Raises, subTest loops over literal tables, pytest asserts,
    pytest.raises, parametrize and doctests become scenarios named after the tests;
    what cannot be read is listed with its line. Each exercise is then checked,
    and every test read is held against the correct program. Exit code 1 when an
    exercise is skipped or fails its check, 2 for unusable arguments.
    """
    from ..commands import import_course as command

    raise SystemExit(command.run(sources, into or Path("content"), dry_run, replace,
                                 as_json, workers, quiet))
