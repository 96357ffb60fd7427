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
        "--cluster", metavar="local:N|tcp://HOST:PORT", default=None,
        help="Run on Dask: a cluster of N worker processes on this machine, or the workers "
        "of the scheduler at that address; the same drafts as a local run. Needs "
        "pip install -e '.[cluster]'.")(function)


def style_option(function):
    from ..text import DEFAULT_STYLE, STYLES

    return click.option(
        "--style", type=click.Choice(STYLES), default=DEFAULT_STYLE, show_default=True,
        help="How explanations are written: teacher (the cause and what the run showed) or "
        "terse (one short sentence per error). Recorded in the draft.")(function)


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
    that also counts unverified claims."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        levels = {"--strict=all": "--strict-all", "--strict=defects": "--strict"}
        return super().parse_args(ctx, [levels.get(a, a) for a in args])
