"""Function exercises: scenarios made of calls and expected return values."""

from pathlib import Path

import pytest

from debugex.content.exercises import ContentError, Exercise, Scenario, parse_scenarios
from debugex.engine.verify import Verdict, failed_call, first_wrong_return, prepare, verify_edits
from debugex.injectors import Edit
from debugex.review import proof_text
from debugex.sandbox import EXCEPTION, FINISHED, TIMEOUT, Job
from debugex.scenarios.check import check_exercises, load_for_check
from debugex.text.evidence import Evidence, crash, symptom

SEARCH = """\
def search(x, seq):
    for i in range(len(seq)):
        if x <= seq[i]:
            return i
    return len(seq)
"""
SEARCH_SCENARIOS = """\
[[scenario]]
name = "middle"
calls = ["search(42, (-5, 1, 3, 5, 7, 10))", "search(4, [1, 3, 5])"]
returns = ["6", "2"]

[[scenario]]
name = "ends"
calls = ["search(-7, (-5, 1, 3))", "search(5, [])", "search(3, (1, 3, 5))"]
returns = ["0", "0", "1"]
"""


def test_calls_and_returns_are_read():
    scenarios = parse_scenarios(SEARCH_SCENARIOS, "s.toml")
    assert scenarios[0] == Scenario("middle", (), None,
                                    ("search(42, (-5, 1, 3, 5, 7, 10))", "search(4, [1, 3, 5])"),
                                    ("6", "2"))
    assert scenarios[1].stdin == () and len(scenarios[1].calls) == 3


def test_stdin_scenarios_are_unchanged():
    (scenario,) = parse_scenarios('[[scenario]]\nname = "a"\nstdin = ["1"]\n', "s.toml")
    assert scenario == Scenario("a", ("1",)) and scenario.calls == scenario.returns == ()


def test_calls_with_stdin_and_fewer_returns():
    (scenario,) = parse_scenarios(
        '[[scenario]]\nname = "a"\nstdin = ["x"]\ncalls = ["f(1)", "f(2)"]\nreturns = ["1"]\n',
        "s.toml")
    assert scenario.stdin == ("x",) and scenario.calls == ("f(1)", "f(2)")
    assert scenario.returns == ("1",)


@pytest.mark.parametrize(("body", "message"), [
    ('calls = ["f(1)"]\nexpect = ["1"]', "unknown key 'expect'"),
    ('calls = ["f(1)"]\nreturns = ["1", "2"]', "'returns' has 2 values but 'calls' only 1"),
    ('calls = [1, 2]', "'calls' must be a list of strings"),
    ('calls = "f(1)"', "'calls' must be a list of strings"),
    ('calls = ["f(1)"]\nreturns = [1]', "'returns' must be a list of strings"),
    ('calls = ["x = f(1)"]', "call 1 ('x = f(1)') is not a Python expression"),
    ('returns = ["1"]', "missing 'stdin'"),
])
def test_bad_function_scenarios_are_located(body, message):
    with pytest.raises(ContentError) as caught:
        parse_scenarios(f'[[scenario]]\nname = "a"\n{body}\n', "s.toml")
    assert message in str(caught.value)
    assert str(caught.value).startswith("s.toml: scenario 1 ('a')")


MUTATES = """\
def add_zero(items):
    items.append(0)
    print("now", len(items))
    return items

def ratio(a, b):
    return a // b

def spin():
    while True:
        pass

print("ready")
"""


def test_a_function_that_mutates_its_argument_gets_a_fresh_one(sandbox):
    outcome = sandbox.run_many([Job(MUTATES, calls=("add_zero([1])", "add_zero([1])"))])[0]
    assert outcome.kind == FINISHED
    assert outcome.returns == ("[1, 0]", "[1, 0]")
    assert outcome.stdout == "ready\n>>> add_zero([1])\nnow 2\n>>> add_zero([1])\nnow 2\n"


def test_a_call_that_raises_ends_the_run_and_is_named(sandbox):
    calls = ("ratio(6, 3)", "ratio(1, 0)", "ratio(4, 2)")
    outcome = sandbox.run_many([Job(MUTATES, calls=calls)])[0]
    assert (outcome.kind, outcome.exc_class, outcome.line) == (EXCEPTION, "ZeroDivisionError", 7)
    assert outcome.returns == ("2",)
    assert failed_call(Scenario("s", (), None, calls), outcome) == "ratio(1, 0)"


def test_an_exception_at_top_level_is_not_blamed_on_a_call(sandbox):
    program = "def f():\n    return 1\n\nprint(1 / 0)\n"
    outcome = sandbox.run_many([Job(program, calls=("f()",))])[0]
    assert outcome.kind == EXCEPTION and outcome.line == 4
    assert failed_call(Scenario("s", (), None, ("f()",)), outcome) is None


def test_a_call_that_loops_times_out(sandbox):
    outcome = sandbox.run_many([Job(MUTATES, calls=("ratio(4, 2)", "spin()"), timeout=0.3)])[0]
    assert outcome.kind == TIMEOUT and outcome.returns == ("2",)


def test_coverage_counts_lines_reached_through_calls(sandbox):
    outcome = sandbox.run_many([Job(MUTATES, calls=("ratio(4, 2)",), trace_lines=True)])[0]
    assert 7 in outcome.lines_run and 2 not in outcome.lines_run


def _write(root: Path, slug: str, source: str, scenarios: str) -> None:
    folder = root / slug
    folder.mkdir()
    (folder / "description.txt").write_text("A function exercise.\n")
    (folder / "correct.py").write_text(source)
    (folder / "scenarios.toml").write_text(scenarios)


def test_check_reports_a_returns_the_correct_program_does_not_match(tmp_path, sandbox):
    _write(tmp_path, "good", SEARCH, SEARCH_SCENARIOS)
    _write(tmp_path, "wrong_returns", SEARCH, SEARCH_SCENARIOS.replace('["6", "2"]', '["6", "3"]'))
    _write(tmp_path, "raising", MUTATES, '[[scenario]]\nname = "z"\ncalls = ["ratio(1, 0)"]\n')
    results = {r.slug: r for r in check_exercises(load_for_check(tmp_path, []), sandbox)}
    assert results["good"].ok and results["good"].line_coverage == 1.0
    assert results["wrong_returns"].problems == [
        "scenario 'middle': search(4, [1, 3, 5]) returns 2, but the scenario expects 3"]
    assert "ZeroDivisionError at line 7" in results["raising"].problems[0]


def _search_exercise() -> Exercise:
    return Exercise("search", "Find where x goes.\n", SEARCH,
                    parse_scenarios(SEARCH_SCENARIOS, "s.toml"))


def _edit(old: str, new: str, injector: str, error_class: str) -> Edit:
    start = SEARCH.index(old)
    return Edit(injector, error_class, start, start + len(old), new,
                SEARCH.count("\n", 0, start) + 1)


def test_verify_judges_return_values_and_exceptions_in_calls(sandbox):
    prepared = prepare(_search_exercise(), sandbox)
    logical, runtime, same = verify_edits(prepared, [
        _edit("x <= seq[i]", "x < seq[i]", "comparison_swap", "logical"),
        _edit("range(len(seq))", "range(len(seq) + 1)", "index_out_of_range", "runtime"),
        _edit("return len(seq)", "return len(seq[:])", "x", "logical"),
    ], sandbox)
    assert (logical.status, logical.scenario, logical.call) == (
        "logical", "ends", "search(3, (1, 3, 5))")
    assert (logical.expected, logical.actual) == ("1", "2")
    assert logical.difference == "search(3, (1, 3, 5)) returned 2 instead of 1"
    assert (runtime.status, runtime.exc_class, runtime.reported_line, runtime.call) == (
        "runtime", "IndexError", 3, "search(42, (-5, 1, 3, 5, 7, 10))")
    assert same.status == "rejected" and same.reason == "equivalent"


def test_output_printed_by_a_call_is_compared_too(sandbox):
    program = "def greet(name):\n    print('hi', name)\n    return len(name)\n"
    exercise = Exercise("greet", "Greet.\n", program,
                        (Scenario("a", (), None, ("greet('Ann')",)),))
    prepared = prepare(exercise, sandbox)
    start = program.index("'hi'")
    (verdict,) = verify_edits(prepared, [Edit("x", "logical", start, start + 4, "'ho'", 2)],
                              sandbox)
    assert verdict.status == "logical" and verdict.call is None
    assert "expected 'hi Ann', got 'ho Ann'" in verdict.difference


def test_a_dropped_demo_print_is_told_without_the_call_markers(sandbox):
    # the demo line's print is dropped: the sandbox's `>>> double(2)` line would then be
    # the first line that differs, though no program prints it
    program = "def double(n):\n    return n * 2\n\n\nprint(double(21))\n"
    exercise = Exercise("double", "Double.\n", program,
                        (Scenario("a", (), None, ("double(2)",), ("4",)),))
    prepared = prepare(exercise, sandbox)
    start = program.index("print(double(21))")
    (verdict,) = verify_edits(prepared, [Edit("dropped_call", "logical", start,
                                              start + len("print(double(21))"),
                                              "double(21)", 5)], sandbox)
    assert verdict.status == "logical" and ">>>" not in verdict.difference
    assert verdict.difference == "expected 1 output lines, got 0"
    assert symptom(Evidence.of(verdict))[1] == "the program prints nothing where 1 line is expected"


@pytest.mark.parametrize(("calls", "expected", "actual", "wrong"), [
    (("f(1)", "f(2)"), ("1", "2"), ("1", "3"), ("f(2)", "2", "3")),
    (("f(1)", "f(2)"), ("1", "2"), ("1", "2"), None),
    (("f(1)",), ("[1]",), ("(1,)",), ("f(1)", "[1]", "(1,)")),
])
def test_first_wrong_return(calls, expected, actual, wrong):
    assert first_wrong_return(calls, expected, actual) == wrong


def test_call_facts_in_explanations_and_proofs():
    logical = Verdict("logical", scenario="m", call="search(42, (-5, 1))", expected="2",
                      actual="1", difference="x")
    runtime = Verdict("runtime", exc_class="IndexError", reported_line=3, scenario="m",
                      call="search(5, [])")
    assert symptom(Evidence.of(logical)) == ("`search(42, (-5, 1))`", "returns 1 instead of 2")
    assert crash(Evidence.of(runtime), 3) == "the call `search(5, [])` stops with an IndexError"
    assert crash(Evidence.of(runtime), 4) == (
        "the call `search(5, [])` stops on line 3 with an IndexError")
    assert symptom(Evidence.of(Verdict("logical", scenario="m", difference="x"), ())) is None
    assert proof_text(logical.to_dict()) == "search(42, (-5, 1)) returned 1, expected 2 (scenario 'm')"
    assert proof_text(runtime.to_dict()) == (
        "IndexError reported at line 3 during search(5, []) (scenario 'm')")
