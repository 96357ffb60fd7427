"""The `debugex` command line. This module only parses options and calls the commands."""

from __future__ import annotations

from pathlib import Path

import click

from . import __version__
from .content import ContentError, default_content_dir

CONTENT_HELP = "Folder of exercises (default: ./content, else the bundled library)."


def _content_option(function):
    return click.option("--content", "content", type=click.Path(path_type=Path,
                        file_okay=False), default=None, help=CONTENT_HELP)(function)


def _workers_option(function):
    return click.option("--workers", type=click.IntRange(min=1), default=None,
                        help="Sandbox worker processes (default: one per core).")(function)


def _resolve_content(content: Path | None) -> Path:
    path = content or default_content_dir()
    if not path.is_dir():
        raise click.BadParameter(f"{path} is not a folder", param_hint="--content")
    return path


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="debugex")
def main() -> None:
    """Make verified debugging exercises from correct beginner Python programs.

    \b
    The usual loop:
      debugex check       every correct program compiles, runs and is deterministic
      debugex injectors   the catalogue of novice-mistake injectors (--survey: proof)
    Every command takes --help.
    """


@main.command()
@click.argument("slugs", nargs=-1)
@_content_option
@_workers_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def check(slugs: tuple[str, ...], content: Path | None, workers: int | None,
          as_json: bool) -> None:
    """Check exercises: each correct program compiles, finishes on every scenario,
    matches any expected stdout, is deterministic; report line coverage.

    SLUGS limits the check to those exercises. Exit code 1 when any exercise fails,
    2 for unusable arguments.
    """
    from .commands import check as command

    try:
        code = command.run(_resolve_content(content), slugs, as_json, workers)
    except ContentError as exc:
        raise click.UsageError(str(exc)) from None
    raise SystemExit(code)


@main.command()
@click.option("--survey", "do_survey", is_flag=True,
              help="Verify every site of every injector over the content library.")
@_content_option
@_workers_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def injectors(do_survey: bool, content: Path | None, workers: int | None,
              as_json: bool) -> None:
    """List the injectors (id, class, description, before/after example).

    With --survey, run every injector over every exercise and report, per injector,
    the sites offered, the sites that verify as its class and the rejections by reason;
    exit code 1 when an injector verifies below 80% or offers no site.
    """
    from .commands import injectors as command

    if do_survey:
        raise SystemExit(command.run_survey(_resolve_content(content), as_json, workers))
    raise SystemExit(command.catalogue(as_json))


if __name__ == "__main__":
    main()
