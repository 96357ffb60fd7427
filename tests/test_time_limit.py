"""A changed program's time limit is scaled from the correct program's own run time
(engine/time_limit.py): the first level under which the correct program finishes each
scenario within a quarter of it. The sandbox here is a stand-in that reports how long
each scenario "needs", so the rule is checked without timing anything."""

from __future__ import annotations

import pytest

from debugex.content import Exercise, Scenario
from debugex.engine.prepared_cache import prepared_from_json, prepared_to_json
from debugex.engine.time_limit import HEADROOM, LEVELS, time_limit
from debugex.engine.verify import Prepared, prepare
from debugex.sandbox import FINISHED, TIMEOUT, Outcome


class Clocked:
    """Runs nothing: a scenario named `cpu=0.3` needs 0.3 s, and times out below it."""

    def __init__(self) -> None:
        self.asked: list[float] = []

    def run_many(self, jobs, progress=None):
        self.asked += [job.timeout for job in jobs]
        return [Outcome(TIMEOUT if float(job.stdin[0]) >= job.timeout else FINISHED)
                for job in jobs]


def _scenarios(*needs: float) -> tuple[Scenario, ...]:
    return tuple(Scenario(f"s{n}", (str(need),)) for n, need in enumerate(needs))


@pytest.mark.parametrize(("needs", "level"), [
    ((0.001, 0.002), LEVELS[0]),          # beginner programs: the first level
    ((0.001, 0.2), LEVELS[1]),            # 0.2 s is over 0.5/4, within 1/4
    ((0.4,), LEVELS[2]),                  # a puzzle search: 2 s for the changed programs
    ((0.9,), LEVELS[3]),                  # slower than every level's share: the last
])
def test_the_level_is_the_first_the_correct_program_fits_in(needs, level):
    sandbox = Clocked()
    assert time_limit("print(1)", _scenarios(*needs), sandbox) == level
    # only the scenarios still in doubt run again at the next level
    assert sandbox.asked[:len(needs)] == [LEVELS[0] / HEADROOM] * len(needs)
    assert len(sandbox.asked) <= len(needs) + LEVELS.index(level)


def test_a_program_with_no_scenario_keeps_the_first_level():
    assert time_limit("print(1)", (), Clocked()) == LEVELS[0]


def test_the_limit_is_kept_with_the_prepared_exercise():
    exercise = Exercise("slow", "A slow search.", "print(1)\n", _scenarios(0.4))
    prepared = Prepared(exercise, exercise.scenarios, [Outcome(FINISHED, "1\n")], timeout=2.0)
    back = prepared_from_json(exercise, prepared_to_json(prepared))
    assert back.timeout == 2.0 and back.cache_key == prepared.cache_key
    assert back.jobs("print(2)\n")[0].timeout == 2.0


class Traced(Clocked):
    """A trace slows every run down ten times; a traced run that ends reports line 1."""

    def run_many(self, jobs, progress=None):
        self.asked += [job.timeout for job in jobs]
        out = []
        for job in jobs:
            need = float(job.stdin[0]) * (10 if job.trace_lines else 1)
            out.append(Outcome(TIMEOUT) if need >= job.timeout else Outcome(
                FINISHED, lines_run=frozenset({1}) if job.trace_lines else None,
                typed=frozenset() if job.trace_lines else None))
        return out


@pytest.mark.parametrize("need", [
    0.001,  # a beginner program: traced within the sandbox's default limit
    0.4,    # a puzzle search, 4 s traced: its own time limit scales the trace's
])
def test_a_slow_correct_program_still_gets_its_trace(need):
    exercise = Exercise("slow", "A slow search.", "print(1)\n", _scenarios(need))
    prepared = prepare(exercise, Traced())
    assert prepared.lines_run == frozenset({1})
    assert prepared.timeout == (LEVELS[0] if need < 0.1 else LEVELS[2])
