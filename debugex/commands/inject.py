"""`debugex inject`: print the rendered exercise as XML or JSON."""

from __future__ import annotations

from pathlib import Path

import click

from ..compose import InfeasibleRequest
from ..content import Exercise, find_exercise, load_exercise
from ..inject import exercise_from_files, inject
from ..messages import Request
from ..sandbox import Sandbox
from ..verify import CorrectProgramError
from .common import print_json


def load_target(program: Path | None, slug: str | None, content: Path | None,
                description: Path | None, scenarios: Path | None) -> Exercise:
    """The exercise to inject into: a content slug, or a program file with its extras."""
    if slug:
        return load_exercise(find_exercise(content, slug))
    return exercise_from_files(program, description, scenarios)


def run(exercise: Exercise, request: Request, seed: int, output: str, allow_partial: bool,
        workers: int | None) -> int:
    with Sandbox(workers=workers) as sandbox:
        try:
            result = inject(exercise, request, seed, sandbox, allow_partial)
        except InfeasibleRequest as exc:
            click.echo(f"debugex inject: {exc}", err=True)
            return 1
        except CorrectProgramError as exc:
            click.echo(f"debugex inject: {exc}", err=True)
            return 1
    if output == "json":
        print_json(result.to_json())
    else:
        click.echo(result.user_xml)
        click.echo(result.assistant_xml, nl=False)
    if result.note:
        click.echo(f"note: {result.note}", err=True)
    if result.composition.partial:
        click.echo(f"note: only {result.composition.delivered.label()} "
                   "(syntax/runtime/logical) errors could be injected", err=True)
    return 0
