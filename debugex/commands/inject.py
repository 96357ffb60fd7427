"""`debugex inject`: print the rendered exercise as XML or JSON."""

from __future__ import annotations

from pathlib import Path

import click

from ..content import ContentError, Exercise, find_exercise, load_exercise
from ..engine import CorrectProgramError, InfeasibleRequest
from ..formats import Request
from ..sandbox import Sandbox
from ..workflow import default_description, exercise_from_files, inject, what_fits
from .common import print_json
from .options import resolve_content


def from_options(program: Path | None, slug: str | None, content: Path | None,
                 description: Path | None, scenarios: Path | None, syntax: int, runtime: int,
                 logical: int, seed: int, as_json: bool, output: str, allow_partial: bool,
                 style: str, workers: int | None) -> int:
    """`debugex inject` as parsed: one program or one exercise, at least one error."""
    if (program is None) == (slug is None):
        raise click.UsageError("give either PROGRAM or --exercise SLUG")
    if slug and (description or scenarios):
        raise click.UsageError("--description and --scenarios go with PROGRAM, not --exercise")
    request = Request(syntax, runtime, logical)
    if request.total < 1:
        raise click.UsageError("ask for at least one error (--syntax, --runtime, --logical)")
    try:
        exercise = load_target(program, slug, resolve_content(content) if slug else None,
                               description, scenarios)
    except ContentError as exc:
        raise click.UsageError(str(exc)) from None
    return run(exercise, request, seed, "json" if as_json else output, allow_partial, workers,
               description_note(program, description), style)


def load_target(program: Path | None, slug: str | None, content: Path | None,
                description: Path | None, scenarios: Path | None) -> Exercise:
    """The exercise to inject into: a content slug, or a program file with its extras."""
    if slug:
        return load_exercise(find_exercise(content, slug))
    return exercise_from_files(program, description, scenarios)


def description_note(program: Path | None, description: Path | None) -> str | None:
    """The note printed when PROGRAM comes without --description (the default is used)."""
    if program is None or description is not None:
        return None
    return (f"no --description given: the exercise says only "
            f"{default_description(program).strip()!r} (pass --description FILE with what "
            "the program must do)")


def run(exercise: Exercise, request: Request, seed: int, output: str, allow_partial: bool,
        workers: int | None, description_note: str | None = None,
        style: str = "teacher") -> int:
    """Inject and print; `description_note` says that a default description was used."""
    with Sandbox(workers=workers) as sandbox:
        try:
            result = inject(exercise, request, seed, sandbox, allow_partial, style=style)
        except InfeasibleRequest as exc:
            message = str(exc)
            fits = None if allow_partial else what_fits(exercise, request, seed, sandbox)
            if fits is not None:
                message += (f". --allow-partial would inject {fits.label()} "
                            "(syntax/runtime/logical) errors, the most it could combine "
                            "and prove in this program")
            click.echo(f"debugex inject: {message}", err=True)
            return 1
        except CorrectProgramError as exc:
            click.echo(f"debugex inject: {exc}", err=True)
            return 1
    if output == "json":
        data = result.to_json()
        data["notes"] = [n for n in (description_note, result.note) if n]
        print_json(data)
    else:
        click.echo(result.user_xml)
        click.echo(result.assistant_xml, nl=False)
    if description_note:
        click.echo(f"note: {description_note}", err=True)
    if result.note:
        click.echo(f"note: {result.note}", err=True)
    if result.composition.partial:
        click.echo(f"note: only {result.composition.delivered.label()} "
                   "(syntax/runtime/logical) errors could be injected", err=True)
    return 0
