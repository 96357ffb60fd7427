"""Options several commands share: their click declarations, the callbacks that read
`--shard` and `--max-per-class`, the content folder a command falls back on, and the
parsing of audit's `--strict=all`.

Imported when the command line starts, so it stays light: no command module here.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..content import default_content_dir

CONTENT_HELP = "Folder of exercises (default: ./content, else the bundled library)."
CLASS_NAMES = ("syntax", "runtime", "logical")


def content_option(function):
    return click.option("--content", "content", type=click.Path(path_type=Path,
                        file_okay=False), default=None, help=CONTENT_HELP)(function)


def workers_option(function):
    return click.option("--workers", type=click.IntRange(min=1), default=None,
                        help="Sandbox worker processes (default: one per core).")(function)


def cluster_option(function):
    return click.option(
        "--cluster", metavar="local:N|tls://HOST:PORT|tcp://HOST:PORT", default=None,
        help="Run on Dask: a cluster of N worker processes on this machine (TLS with "
        "credentials made for the run), or the workers of the scheduler at that address "
        "(tls://: certificates from Dask's config; tcp:// has no authentication); the same "
        "drafts as a local run. Needs pip install -e '.[cluster]'.")(function)


def style_option(function):
    from ..text import DEFAULT_STYLE, STYLES

    return click.option(
        "--style", type=click.Choice(STYLES), default=DEFAULT_STYLE, show_default=True,
        help="How explanations are written: teacher (the cause and what the run showed) or "
        "terse (one short sentence per error). Recorded in the draft.")(function)


def locations_option(function):
    from ..engine import DEFAULT_LOCATION_STYLE, LOCATION_STYLES

    return click.option(
        "--locations", type=click.Choice(LOCATION_STYLES), default=DEFAULT_LOCATION_STYLE,
        show_default=True,
        help="How error lines are written: removed-lines locates an error that deletes "
        "whole lines as 'Removed line N of original program' (N in the correct program, "
        "as the hand-made dataset does) and explains it as 'Line N:'.")(function)


def resolve_content(content: Path | None) -> Path:
    """The content folder given, else the default; a usage error when it is no folder."""
    path = content or default_content_dir()
    if not path.is_dir():
        raise click.BadParameter(f"{path} is not a folder", param_hint="--content")
    return path


def content_or_default(content: Path | None) -> Path:
    """The content folder given as it is (a command may work without one), else the
    default, checked."""
    return content or resolve_content(None)


def parse_shard(ctx, param, value: str) -> tuple[int, int]:
    try:
        index, count = (int(part) for part in value.split("/"))
    except ValueError:
        raise click.BadParameter("write it as I/N, e.g. 2/8") from None
    if not 1 <= index <= count:
        raise click.BadParameter("I must be between 1 and N")
    return index, count


def parse_max_per_class(ctx, param, values: tuple[str, ...]):
    """None, one limit for every class, or {class: limit} (classes not named: the plain N)."""
    plain, named = None, {}
    for value in values:
        name, _, number = value.rpartition("=")
        if not number.strip().isdigit():
            raise click.BadParameter(f"{value!r}: write N or CLASS=N with N >= 0")
        if not name:
            plain = int(number)
        elif name.strip() in CLASS_NAMES:
            named[name.strip()] = int(number)
        else:
            raise click.BadParameter(f"{name!r} is not a class (syntax, runtime, logical)")
    if not named:
        return plain
    return {c: named.get(c, plain) for c in CLASS_NAMES}


class StrictLevels(click.Command):
    """`--strict` is a flag wherever it stands; `--strict=all` (one word) is the level
    that also counts unverified claims and notes."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        levels = {"--strict=all": "--strict-all", "--strict=defects": "--strict"}
        return super().parse_args(ctx, [levels.get(a, a) for a in args])


def _stack(*decorators):
    """Several click options as one decorator, listed in the order --help shows them."""
    def apply(function):
        for decorator in reversed(decorators):
            function = decorator(function)
        return function
    return apply


def draft_request_options(when: str):
    """--syntax/--runtime/--logical/--seed of a draft made now (0/1/1 and seed 0)."""
    return _stack(*(click.option(f"--{name}", type=click.IntRange(min=0), default=default,
                                 show_default=True, help=f"{when}: {name} errors of the draft "
                                 "made now.")
                    for name, default in (("syntax", 0), ("runtime", 1), ("logical", 1))),
                  click.option("--seed", type=int, default=0, show_default=True,
                               help=f"{when}: the seed of the draft made now."))


def teacher_export_options(function):
    """`export`'s options for the formats a teacher hands out."""
    return _stack(
        click.option("--format", "fmt",
                     type=click.Choice(["jsonl", "coderunner", "jupyter", "prairielearn",
                                        "repair"]),
                     default="jsonl", show_default=True,
                     help="jsonl: chat records for fine-tuning; coderunner: Moodle CodeRunner "
                     "questions in OUT/coderunner.xml (import it into a question bank); "
                     "jupyter: one notebook per exercise, OUT/EXERCISE.ipynb, each with a "
                     "check cell; prairielearn: a question folder per draft in "
                     "OUT/questions/ (copy them into a course's questions/); repair: a "
                     "benchmark for models, OUT/repair.jsonl and its card (grade a model on "
                     "it with `debugex evaluate --task repair`); with --exercise its --seed (0 to 63) "
                     "numbers a variant of each exercise's drafts, so two seeds share no "
                     "item."),
        click.option("--batch", type=click.Path(path_type=Path, file_okay=False),
                     help="coderunner/jupyter/prairielearn/repair: the accepted drafts of "
                     "this batch (instead of the examples)."),
        click.option("--exercise", "slugs", multiple=True,
                     help="coderunner/jupyter/prairielearn/repair: one draft made now from "
                     "this content exercise (repeatable; `all`, with repair: every exercise "
                     "of the content folder)."),
        click.option("--exclude", "exclude", multiple=True,
                     type=click.Path(path_type=Path, exists=True),
                     help="repair: a benchmark (repair.jsonl or its folder) whose items this "
                     "one must not hold: an item it holds is left out (repeatable)."),
        click.option("--prototype", type=click.Choice(["python3", "python3_w_input"]),
                     default="python3", show_default=True,
                     help="coderunner: the question type; python3_w_input echoes what "
                     "input() reads, so a stdin test's output reads like a terminal."),
        click.option("--flavour", type=click.Choice(["plain", "nbgrader", "otter"]),
                     default="plain", show_default=True,
                     help="jupyter: plain (a self-check worksheet), nbgrader (locked cells, "
                     "graded check cells with grade ids and points) or otter (Otter-Grader's "
                     "assignment format for `otter assign`)."),
        draft_request_options("With --exercise"))(function)


def play_options(function):
    return _stack(
        click.option("--check", "check_file", type=click.Path(path_type=Path, dir_okay=False),
                     help="Check FILE (written by an earlier `debugex play`) once and exit: "
                     "exit code 0 when every error is fixed and every scenario passes, 1 "
                     "otherwise."),
        click.option("--hint", is_flag=True,
                     help="With --check: a hint for the first error you meet (what Python "
                     "reports first); asked again, a stronger one (its line, then the "
                     "construct, then what to compare), up to 3 per error."),
        click.option("--file", "file", type=click.Path(path_type=Path, dir_okay=False),
                     help="Where to write the bugged program (default: ./EXERCISE.py, named "
                     "after the exercise, also for a draft). An existing file is taken up "
                     "only when an earlier play of the same draft wrote it."),
        click.option("--batch", type=click.Path(path_type=Path, file_okay=False),
                     help="The batch that holds the DRAFT id (default: every batch in "
                     "./generated, newest first)."),
        content_option,
        draft_request_options("With an EXERCISE"),
        click.option("--task", "task", type=click.Choice(["fix", "expose", "locate"]),
                     default="fix", show_default=True,
                     help="What the student does with the bugged program: fix it; expose "
                     "its errors (give inputs on which it goes wrong: --check FILE --input "
                     "or --call); or locate the error lines first (--check FILE --lines), "
                     "then fix them."),
        click.option("--input", "stdin", multiple=True, metavar="LINE",
                     help="With --check on an expose game: one line of input to try (give "
                     "--input once per line the program reads)."),
        click.option("--call", "calls", multiple=True, metavar="CALL",
                     help="With --check on an expose game of a function exercise: a call "
                     "to try, e.g. --call \"encode('abc', 1)\" (literal arguments only)."),
        click.option("--lines", "lines", metavar="N,N",
                     help="With --check on a locate game: the line numbers you think hold "
                     "the errors, e.g. --lines 4,13."),
        click.option("--report", "report", type=click.Path(path_type=Path, file_okay=False),
                     help="Sum up the games of a class: every FILE.play.json under this "
                     "folder (the files students hand in), per exercise and per error: "
                     "fixed, hints used, attempts, time."),
        click.option("--csv", "csv_file", type=click.Path(path_type=Path, dir_okay=False),
                     help="With --report: also write one row per game and error to this "
                     "CSV file."),
        click.option("--no-watch", is_flag=True,
                     help="Write the file and show the task, then exit (check later with "
                     "--check)."),
        click.option("--json", "as_json", is_flag=True,
                     help="Print one JSON object (the game started, or the check)."))(function)
