"""The scenarios an exercise runs under: the author's, or a fallback when there are none."""

from __future__ import annotations

from .content import Exercise, Scenario
from .sandbox import Sandbox

NO_INPUT = Scenario("no_input", ())


def scenarios_for(exercise: Exercise, sandbox: Sandbox | None = None
                  ) -> tuple[tuple[Scenario, ...], str | None]:
    """(scenarios, note). The note says when the author gave none and what was used."""
    if exercise.scenarios_given and exercise.scenarios:
        return exercise.scenarios, None
    return (NO_INPUT,), ("no scenarios.toml: ran once with no input; a program that reads "
                         "input needs scenarios")
