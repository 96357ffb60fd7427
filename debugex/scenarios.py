"""The scenarios an exercise runs under: the author's, else synthesised ones."""

from __future__ import annotations

from .content import Exercise, Scenario
from .sandbox import Sandbox

NO_INPUT = Scenario("no_input", ())
_SYNTHESISED: dict[str, tuple[tuple[Scenario, ...], str] | str] = {}


class CorrectProgramError(ValueError):
    """The correct program itself does not finish cleanly on its scenarios (or, without
    scenarios, on any input tried)."""


def scenarios_for(exercise: Exercise, sandbox: Sandbox | None = None
                  ) -> tuple[tuple[Scenario, ...], str | None]:
    """(scenarios, note). The note says when the author gave none and what was used.
    CorrectProgramError when, without scenarios, the program never finishes or raises on
    every input synthesis tried: it cannot be the correct program of an exercise."""
    if exercise.scenarios_given and exercise.scenarios:
        return exercise.scenarios, None
    if sandbox is None:
        return (NO_INPUT,), "no scenarios.toml: ran once with no input"
    cached = _SYNTHESISED.get(exercise.source)
    if cached is None:
        from .synthesis import synthesise

        try:
            result = synthesise(exercise.source, sandbox, description=exercise.description)
        except SyntaxError:
            cached = ((NO_INPUT,), "no scenarios.toml, and the program does not parse")
        else:
            if result.problem:
                cached = f"the correct program is not correct: {result.problem}"
            elif result.scenarios:
                cached = (result.scenarios, f"no scenarios.toml: {result.note}, line "
                                            f"coverage {result.line_coverage:.0%}")
            else:
                cached = ((NO_INPUT,), f"no scenarios.toml and none could be synthesised "
                                       f"({result.note})")
        _SYNTHESISED[exercise.source] = cached
    if isinstance(cached, str):
        raise CorrectProgramError(f"{exercise.slug}: {cached}")
    return cached
