"""A random program's states judged once for every mask seed when their run never
reaches `random`: which lines may reach it, which runs are judged free of the seed (and
that they do show the same under other seeds), and the masks found with and without it."""

import ast

import pytest
from test_interplay_runs import Counting

from debugex.content.exercises import Exercise, Scenario
from debugex.engine import interplay
from debugex.engine.interplay import _States, analyse
from debugex.engine.interplay_draws import SeedFreeRuns, _call_risky, drawing_lines, relaid
from debugex.engine.seeded_masks import _run_seeded
from debugex.engine.verify import prepare, shown_digest
from debugex.injectors import Edit
from debugex.sandbox import Job


@pytest.mark.parametrize("source, lines", [
    ("import random\nx = 1\nprint(random.randint(1, x))\n", {3}),
    ("import random as r\nrandom = 2\nprint(r.random())\n", {3}),  # the alias, not the name
    ("from random import choice as pick\nprint(pick('ab'))\nchoice = 1\n", {2}),
    ("import random\nf = eval\nprint(f('1'))\n", {2}),  # around the names
    ("x = [1]\nprint(x.__class__)\nprint(len(x))\n", {2}),  # a dunder
    ("def g():\n    return 1\n\ny = g().gi_frame\n", {4}),  # a frame
    ("import random\nprint(\n    random.random()\n)\n", {3}),
    ("print(1)\n", set()),
])
def test_the_lines_that_may_reach_random(source, lines):
    assert drawing_lines(source)[0] == frozenset(lines)


@pytest.mark.parametrize("source", ["from random import *\nprint(randint(1, 2))\n",
                                    "print(1\n"])
def test_a_program_that_cannot_be_read_so_is_never_judged_free(source):
    assert drawing_lines(source) is None


@pytest.mark.parametrize("call, risky", [("total([1, 2])", False), ("roll(random)", True),
                                         ("getattr(x, 'y')", True), ("f(", True)])
def test_a_scenarios_call_that_may_reach_random(call, risky):
    assert _call_risky(call, frozenset({"random"})) is risky


@pytest.mark.parametrize("source, laid", [
    ("import random\nx = [(nmae, random.random())]\n",
     "import random\nx = [(nmae, \\\nrandom.random())]\n"),
    ("import random as r\nif r.random() > 2 and r.random(): print(1)\n",
     "import random as r\nif \\\nr.random() > 2 and \\\nr.random(): print(1)\n"),
    ("import random\nrandom.seed(1); y = 2\n", "import random\nrandom.seed(1); y = 2\n"),
    ("print(1\n", "print(1\n"),  # does not parse: left as it is
])
def test_a_risky_name_after_other_code_gets_a_line_of_its_own(source, laid):
    assert relaid(source) == laid
    if laid != source:
        assert ast.dump(ast.parse(laid)) == ast.dump(ast.parse(source))


SOURCE = ("import random\npick = random.choice\nn = int(input())\nif n > 0:\n"
          "    print(random.randint(1, 6))\nif n > 5:\n    print(pick('ab'))\n"
          "step = 1\ntotal = n // 1\nprint(total + step)\n")
SCENARIOS = (Scenario("zero", ("0",)), Scenario("two", ("2",)), Scenario("nine", ("9",)))


def _edit(source: str, old: str, new: str, kind: str) -> Edit:
    start = source.index(old)
    return Edit("fixture", kind, start, start + len(old), new,
                source.count("\n", 0, start) + 1)


EDITS = [_edit(SOURCE, "step = 1", "step = 2", "logical"),
         _edit(SOURCE, "n // 1", "n // 0", "runtime"),
         _edit(SOURCE, "total + step", "total - step", "logical")]


def test_a_run_is_free_of_the_seed_only_when_it_never_reaches_random(sandbox, monkeypatch,
                                                                     tmp_path):
    monkeypatch.setenv("DEBUGEX_CACHE", str(tmp_path))
    prepared = prepare(Exercise("draws", "Roll, then add.\n", SOURCE, SCENARIOS, None, True),
                       sandbox)
    states = _States(prepared, EDITS, sandbox)
    free = SeedFreeRuns(states)
    state = frozenset({0, 1})
    program = free.program(state)
    judged = {}
    for index in range(len(SCENARIOS)):
        assert free.unknown([state], index) == [state]
        plain = sandbox.run_many([Job(program, SCENARIOS[index].stdin, seed=0)])
        traced = _run_seeded([], free.traced_jobs([state], index, 0), sandbox)
        free.judge([state], index, traced, [shown_digest(plain)])
        judged[SCENARIOS[index].name] = free.digest(state, index)
    # "zero" runs no line naming random (the alias on line 2 is read on every run, but
    # it is only named there: a run that reads line 2 is never free)
    assert judged == {"zero": None, "two": None, "nine": None}
    # without the alias, "zero" never reaches random; "two" rolls
    source = SOURCE.replace("pick = random.choice\n", "").replace("pick('ab')",
                                                                   "random.choice('ab')")
    edits = [_edit(source, "step = 1", "step = 2", "logical"),
             _edit(source, "n // 1", "n // 0", "runtime")]
    prepared = prepare(Exercise("draws2", "Roll, then add.\n", source, SCENARIOS, None,
                                True), sandbox)
    free = SeedFreeRuns(_States(prepared, edits, sandbox))
    program = free.program(state)
    for index in range(len(SCENARIOS)):
        plain = sandbox.run_many([Job(program, SCENARIOS[index].stdin, seed=0)])
        traced = _run_seeded([], free.traced_jobs([state], index, 0), sandbox)
        free.judge([state], index, traced, [shown_digest(plain)])
    assert free.digest(state, 1) is None and free.digest(state, 2) is None
    digest = free.digest(state, 0)
    assert digest is not None
    # what it claims: the same under other seeds
    for seed in (1, 7, 63):
        assert shown_digest(sandbox.run_many([Job(program, ("0",), seed=seed)])) == digest
    # kept on disk: a new judge of the same program reads it back without a run
    again = SeedFreeRuns(_States(prepared, edits, sandbox))
    assert again.unknown([state], 0) == [] and again.digest(state, 0) == digest


@pytest.mark.parametrize("line, free", [("print(nmae, random.random())", True),
                                    ("print(random.random(), nmae)", False)])
def test_a_crash_before_random_is_read_on_its_line_is_free(sandbox, line, free):
    """The misspelt name is read before `random` on its line: free once `random` has a
    line of its own (`relaid`); the same crash after the roll is not."""
    crash = prepare(Exercise("draws-" + str(free), "Roll.\n", "import random\n"
                             "nmae = 1\nprint(nmae, random.random())\n",
                             SCENARIOS[:1], None, True), sandbox)
    typo = _edit(crash.exercise.source, "print(nmae, random.random())", line, "runtime")
    judge = SeedFreeRuns(_States(crash, [typo], sandbox))
    state = frozenset({0})
    typo_program = judge.program(state).replace("nmae = 1\n", "")
    judge._programs[state] = typo_program
    plain = sandbox.run_many([Job(typo_program, ("0",), seed=0)])
    traced = _run_seeded([], judge.traced_jobs([state], 0, 0), sandbox)
    judge.judge([state], 0, traced, [shown_digest(plain)])
    assert (judge.digest(state, 0) is not None) is free




def test_the_masks_are_the_same_with_fewer_runs(sandbox, monkeypatch, tmp_path):
    source = SOURCE.replace("pick = random.choice\n", "").replace("pick('ab')",
                                                                   "random.choice('ab')")
    edits = [_edit(source, old, new, kind) for old, new, kind in (
        ("step = 1", "step = 2", "logical"), ("n // 1", "n // 0", "runtime"),
        ("total + step", "total - step", "logical"))]
    exercise = Exercise("draws3", "Roll, then add.\n", source, SCENARIOS, None, True)
    results = {}
    for mode in ("every seed", "free runs once"):
        monkeypatch.setenv("DEBUGEX_CACHE", str(tmp_path / mode.replace(" ", "_")))
        if mode == "every seed":
            monkeypatch.setattr(interplay, "SeedFreeRuns", lambda states: None)
        else:
            monkeypatch.undo()
            monkeypatch.setenv("DEBUGEX_CACHE", str(tmp_path / "free"))
        prepared = prepare(exercise, sandbox)
        counting = Counting(sandbox)
        result = analyse(prepared, edits, [7, 8, 9], counting)
        results[mode] = (result.to_dict(), counting.runs)
    (every, every_runs), (free, free_runs) = results.values()
    assert every == free and every["hidden"]  # masks held under every seed, both ways
    assert free_runs < every_runs
