"""The scenarios an exercise runs under: the author's, else synthesised ones."""

from __future__ import annotations

import ast
from collections.abc import Sequence

from ..content import Exercise, Scenario
from ..sandbox import TIMEOUT, Job, Sandbox

NO_INPUT = Scenario("no_input", ())
# Seconds of CPU for a first run of a correct program: a beginner's program needs
# milliseconds, so one that is still running after this never finishes; finding that
# out with one short run saves a batch of runs at the full limit.
PROBE_TIMEOUT = 1.0
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
        try:
            result = synthesise_for(exercise.source, exercise.description, sandbox)
        except SyntaxError:
            cached = ((NO_INPUT,), "no scenarios.toml, and the program does not parse")
        else:
            from .synthesis import NEEDS_PREFIX

            problem = getattr(result, "problem", None)  # call synthesis has no such check
            if problem and problem.startswith(NEEDS_PREFIX):
                cached = f"the correct program cannot run in the sandbox: {problem}"
            elif problem:
                cached = f"the correct program is not correct: {problem}"
            elif getattr(result, "unfound", None):
                cached = f"no scenario could be synthesised: {result.unfound}"
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


def synthesise_for(source: str, description: str, sandbox: Sandbox):
    """Synthesised scenarios: function scenarios (calls) for a program that reads no
    input and defines public functions, else stdin scenarios. Raises SyntaxError."""
    from .calls import public_functions, reads_input, synthesise_calls
    from .synthesis import synthesise

    if not reads_input(ast.parse(source)) and public_functions(source):
        result = synthesise_calls(source, sandbox, description)
        if result.scenarios:
            return result
    return synthesise(source, sandbox, description=description)


def never_finishing(exercises: Sequence[Exercise], sandbox: Sandbox) -> dict[str, str]:
    """The exercises whose correct program times out on its first scenario (one run
    each, with a short limit), by slug, with the reason."""
    given = [e for e in exercises if e.scenarios_given and e.scenarios]
    outcomes = sandbox.run_many([Job(e.source, e.scenarios[0].stdin,
                                      calls=e.scenarios[0].calls, timeout=PROBE_TIMEOUT)
                                 for e in given])
    return {e.slug: f"the correct program is not correct: it does not finish on scenario "
                    f"{e.scenarios[0].name!r} (time-out after {PROBE_TIMEOUT:g} s of CPU)"
            for e, o in zip(given, outcomes, strict=True) if o.kind == TIMEOUT}
