"""`debugex scenarios suggest`: synthesise scenarios for a program and show or write them."""

from __future__ import annotations

from pathlib import Path

import click

from ..content import ContentError, find_exercise, read_text
from ..sandbox import Sandbox
from ..scenarios import NEEDS_PREFIX, read_test_pairs, synthesise_for
from .common import print_json
from .options import content_or_default


def suggest(target: str, content: Path | None, write: bool, as_json: bool) -> int:
    content = content_or_default(content)
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
    description_file = folder / "description.txt"
    description = read_text(description_file) if description_file.is_file() else ""
    with Sandbox() as sandbox:
        result = synthesise_for(source, description, sandbox)
    if getattr(result, "problem", None):
        verdict = ("the correct program cannot run in the sandbox"
                   if result.problem.startswith(NEEDS_PREFIX) else
                   "the correct program is not correct")
        click.echo(f"debugex scenarios: {program}: {verdict}: {result.problem}", err=True)
        return 1
    if getattr(result, "unfound", None):
        click.echo(f"debugex scenarios: {program}: no scenario could be synthesised: "
                   f"{result.unfound}", err=True)
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
            _scenario_json(s) for s in result.scenarios],
            "line_coverage": round(result.line_coverage, 4), "note": result.note,
            "toml": toml, "written": str(written) if written else None})
    else:
        click.echo(toml, nl=False)
        click.echo(f"# {result.note}", err=True)
        if written:
            click.echo(f"wrote {written}", err=True)
    return 0 if result.scenarios else 1


def _scenario_json(scenario) -> dict:
    data = {"name": scenario.name, "stdin": list(scenario.stdin)}
    if scenario.calls:
        data["calls"] = list(scenario.calls)
        data["returns"] = list(scenario.returns)
    return data


def import_tests(folder: Path, target: Path | None, write: bool, as_json: bool) -> int:
    """`debugex scenarios import DIR`: paired input_N.txt / output_N.txt files become
    one scenario of calls and expected values."""
    try:
        imported = read_test_pairs(folder)
    except ContentError as exc:
        raise click.UsageError(str(exc)) from None
    toml = imported.toml()
    destination = target or _exercise_folder(folder) / "scenarios.toml"
    written = None
    if write:
        if destination.exists():
            raise click.UsageError(f"{destination} exists; move it away to write a new one")
        destination.write_text(toml, encoding="utf-8")
        written = destination
    if as_json:
        print_json({"folder": str(folder), "pairs": len(imported.calls),
                    "scenarios": [_scenario_json(s) for s in imported.scenarios],
                    "toml": toml, "written": str(written) if written else None})
    else:
        click.echo(toml, nl=False)
        click.echo(f"# {len(imported.calls)} test pairs imported from {folder}", err=True)
        if written:
            click.echo(f"wrote {written}", err=True)
    return 0


def _exercise_folder(folder: Path) -> Path:
    """Where scenarios.toml belongs: the folder holding correct.py (the tests' folder
    or the one above it), else the tests' folder itself."""
    for candidate in (folder, folder.parent):
        if (candidate / "correct.py").is_file():
            return candidate
    return folder
