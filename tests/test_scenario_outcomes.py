"""Scenario outcomes as a test file means them: values compared with ==, a tolerance,
order-free results, and expected exceptions; and the classes that follow."""

from __future__ import annotations

import pytest

from debugex.content import ContentError, Exercise, Scenario, parse_scenarios
from debugex.engine import judge_sources, prepare

PRICE = ("def unit_price(total, count):\n"
         "    if count <= 0:\n"
         "        raise ValueError('count must be positive')\n"
         "    return total / count\n"
         "\n"
         "\n"
         "def dearest(prices):\n"
         "    return sorted(prices)[-2:]\n")

SCENARIOS = (
    Scenario("halves", (), None, ("unit_price(3, 2)", "unit_price(4, 2)"), ("1.5", "2")),
    Scenario("no_items", (), None, ("unit_price(3, 1)", "unit_price(3, 0)"), ("3",),
             raises="ValueError"),
    Scenario("top_two", (), None, ("dearest([4, 9, 1, 7])",), ("[9, 7]",), unordered=True),
)


@pytest.fixture(scope="module")
def prepared(sandbox):
    exercise = Exercise("unit_price", "Unit prices.\n", PRICE, SCENARIOS, None, True)
    return prepare(exercise, sandbox)


def test_the_correct_program_meets_its_tests(prepared):
    # 4 / 2 is 2.0 where the test says 2, the top two come in another order, and the
    # expected ValueError is the scenario's end: a correct program, not one that raises.
    assert [o.kind for o in prepared.oracle] == ["finished", "exception", "finished"]


@pytest.mark.parametrize("old, new, status, difference", [
    # the expected exception disappears: the test now fails on a value, a logical error
    ("        raise ValueError('count must be positive')\n", "        return 0\n",
     "logical", "unit_price(3, 0) returned 0 instead of raising ValueError"),
    # another exception where ValueError is expected: also what the test sees as wrong
    ("raise ValueError(", "raise TypeError(", "logical",
     "unit_price(3, 0) raised TypeError instead of ValueError"),
    # raising where a value is expected: a runtime error
    ("    if count <= 0:\n", "    if count <= 1:\n", "runtime", None),
    # the same value written another way, as == reads it: no error at all
    ("    return total / count\n", "    return total / count * 1.0\n", "rejected", None),
    # the order of an order-free result: no error
    ("    return sorted(prices)[-2:]\n", "    return sorted(prices)[:-3:-1]\n",
     "rejected", None),
])
def test_classes_follow_the_tests(prepared, sandbox, old, new, status, difference):
    [verdict] = judge_sources([(prepared, PRICE.replace(old, new, 1))], sandbox)
    assert verdict.status == status, verdict
    if difference:
        assert verdict.difference == difference


@pytest.mark.parametrize("table, problem", [
    ('raises = "ValueError"\nstdin = []', "'raises' needs 'calls'"),
    ('calls = ["f(1)"]\nraises = "not a name"', "must be the name of an exception"),
    ('calls = ["f(1)"]\nreturns = ["1"]\nraises = "ValueError"', "calls before it only"),
    ('calls = ["f(1)"]\ntolerance = -1', "'tolerance' must be a number >= 0"),
    ('calls = ["f(1)"]\nunordered = "yes"', "'unordered' must be true or false"),
])
def test_bad_expectations_are_named(table, problem):
    with pytest.raises(ContentError, match=problem):
        parse_scenarios(f"[[scenario]]\nname = 's'\n{table}\n", "scenarios.toml")


def test_expectations_are_read():
    [scenario] = parse_scenarios('[[scenario]]\ncalls = ["f(1)", "f(0)"]\nreturns = ["1"]\n'
                                 'raises = "ZeroDivisionError"\ntolerance = 0.01\n'
                                 'unordered = true\n', "scenarios.toml")
    assert (scenario.raises, scenario.tolerance, scenario.unordered) == (
        "ZeroDivisionError", 0.01, True)


def test_a_generator_is_its_items_and_an_object_has_no_address(sandbox):
    source = ("class Box:\n    pass\n\n\ndef evens(limit):\n    for n in range(0, limit, 2):\n"
              "        yield n\n\n\ndef box():\n    return Box()\n")
    outcome = sandbox.run(source, (), calls=("evens(7)", "box()"))
    assert outcome.returns == ("[0, 2, 4, 6]", "<__main__.Box object at 0x...>")
    again = sandbox.run(source, (), calls=("box()",))
    assert again.returns[0] == outcome.returns[1]
