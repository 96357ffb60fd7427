"""`debugex scenarios suggest`: synthesise scenarios for a program and show or write them."""

from __future__ import annotations

from pathlib import Path

import click

from ..content import ContentError, find_exercise, read_text
from ..sandbox import Sandbox
from ..synthesis import synthesise
from .common import print_json


def suggest(target: str, content: Path, write: bool, as_json: bool) -> int:
    path = Path(target)
    if path.is_file():
        program, folder = path, path.parent
    else:
        try:
            folder = find_exercise(content, target)
        except ContentError as exc:
            raise click.UsageError(f"{target} is neither a program file nor an exercise: "
                                   f"{exc}") from None
        program = folder / "correct.py"
    source = read_text(program)
    try:
        compile(source, str(program), "exec")
    except SyntaxError as exc:
        raise click.UsageError(
            f"{program} does not compile: {exc.msg} (line {exc.lineno})") from None
    with Sandbox() as sandbox:
        result = synthesise(source, sandbox)
    if result.problem:
        click.echo(f"debugex scenarios: {program}: the correct program is not correct: "
                   f"{result.problem}", err=True)
        return 1
    toml = result.toml()
    written = None
    if write:
        written = folder / "scenarios.toml"
        if written.exists():
            raise click.UsageError(f"{written} exists; move it away to write a new one")
        written.write_text(toml, encoding="utf-8")
    if as_json:
        print_json({"program": str(program), "scenarios": [
            {"name": s.name, "stdin": list(s.stdin)} for s in result.scenarios],
            "line_coverage": round(result.line_coverage, 4), "note": result.note,
            "toml": toml, "written": str(written) if written else None})
    else:
        click.echo(toml, nl=False)
        click.echo(f"# {result.note}", err=True)
        if written:
            click.echo(f"wrote {written}", err=True)
    return 0 if result.scenarios else 1
