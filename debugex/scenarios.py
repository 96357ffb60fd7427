"""The scenarios an exercise runs under: the author's, else synthesised ones."""

from __future__ import annotations

import ast

from .content import Exercise, Scenario
from .sandbox import Sandbox

NO_INPUT = Scenario("no_input", ())
_SYNTHESISED: dict[str, tuple[tuple[Scenario, ...], str]] = {}


def scenarios_for(exercise: Exercise, sandbox: Sandbox | None = None
                  ) -> tuple[tuple[Scenario, ...], str | None]:
    """(scenarios, note). The note says when the author gave none and what was used."""
    if exercise.scenarios_given and exercise.scenarios:
        return exercise.scenarios, None
    if sandbox is None:
        return (NO_INPUT,), "no scenarios.toml: ran once with no input"
    cached = _SYNTHESISED.get(exercise.source)
    if cached is None:
        try:
            result = synthesise_for(exercise.source, exercise.description, sandbox)
        except SyntaxError:
            cached = ((NO_INPUT,), "no scenarios.toml, and the program does not parse")
        else:
            if result.scenarios:
                cached = (result.scenarios, f"no scenarios.toml: {result.note}, line "
                                            f"coverage {result.line_coverage:.0%}")
            else:
                cached = ((NO_INPUT,), f"no scenarios.toml and none could be synthesised "
                                       f"({result.note})")
        _SYNTHESISED[exercise.source] = cached
    return cached


def synthesise_for(source: str, description: str, sandbox: Sandbox):
    """Synthesised scenarios: function scenarios (calls) for a program that reads no
    input and defines public functions, else stdin scenarios. Raises SyntaxError."""
    from .synthesis import synthesise
    from .synthesis_calls import public_functions, reads_input, synthesise_calls

    if not reads_input(ast.parse(source)) and public_functions(source):
        result = synthesise_calls(source, sandbox, description)
        if result.scenarios:
            return result
    return synthesise(source, sandbox)
