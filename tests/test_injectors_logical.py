"""Special cases of the logical injectors: the structural filters that keep their sites
verifiable (no time-outs, no drift into runtime errors, no equivalent mutants)."""

import pytest

from debugex.injectors import REGISTRY, ProgramIndex
from debugex.injectors.values import _changed_numbers


def sites(injector_id: str, source: str):
    """The injector's own candidates (before find_sites drops the unreadable ones)."""
    found = REGISTRY[injector_id].sites(ProgramIndex(source))
    unique = {(e.start, e.end, e.replacement): e for e in found}
    return [unique[k] for k in sorted(unique)]


def results(injector_id: str, source: str) -> list[str]:
    return [e.apply(source) for e in sites(injector_id, source)]


def test_augassign_typo_skips_text_and_while_counters():
    text = "s = ''\nfor w in ['a', 'b']:\n    s += w\nprint(s)\n"
    assert sites("augassign_typo", text) == []
    counter = "n = int(input())\nwhile n > 0:\n    print(n)\n    n -= 1\n"
    assert sites("augassign_typo", counter) == []
    numbers = "t = 0\nfor x in [1, 2]:\n    t += x\nprint(t)\n"
    assert results("augassign_typo", numbers) == [numbers.replace("+=", "=+")]


def test_missing_statement_keeps_first_assignments_and_loop_updates():
    source = ("n = int(input())\ncount = 0\nwhile n > 0:\n    count += 1\n    n -= 1\n"
              "print(count)\n")
    removed = {e.info["statement"] for e in sites("missing_statement", source)}
    assert removed == {"count += 1"}


def test_missing_statement_removes_a_reassignment_only():
    source = "name = input()\nname = name.strip()\nprint(name)\n"
    edits = sites("missing_statement", source)
    assert [e.info["statement"] for e in edits] == ["name = name.strip()"]
    assert edits[0].line == 2


def test_wrong_constant_leaves_range_while_and_zero_guards_alone():
    source = ("n = int(input())\nwhile n < 100:\n    n += 7\nfor i in range(1, 11):\n"
              "    print(i)\nif n == 0:\n    print('zero')\nprint(n * 3)\n")
    changed = [(e.info["old"], e.info["new"]) for e in sites("wrong_constant", source)]
    assert sorted(changed) == [("3", "2"), ("3", "4")]


def test_wrong_constant_decimal_slip():
    source = "p = float(input())\nprint(p * 0.2)\n"
    assert results("wrong_constant", source) == ["p = float(input())\nprint(p * 0.1)\n",
                                                 "p = float(input())\nprint(p * 0.3)\n"]


@pytest.mark.parametrize("old,new", [
    ("18", ["19", "17", "81"]), ("1", ["2"]), ("50", ["51", "49", "40", "60"]),
    ("10", ["11", "9"]), ("0.2", ["0.1", "0.3"]), ("2.50", ["2.49", "2.51"]),
    ("0.05", ["0.04", "0.06"]), ("1e3", []), ("0.0", []),
    # two digits the other way round (not for 44, nor 70 -> 07); a factor as its rate
    ("32", ["33", "31", "23"]), ("44", ["45", "43"]), ("70", ["71", "69", "60", "80"]),
    ("1.2", ["1.1", "1.3", "0.2"]), ("1.05", ["1.04", "1.06", "0.05"]),
])
def test_wrong_constant_slips_are_neighbours_never_powers_of_ten(old, new):
    assert _changed_numbers(old) == new


def test_off_by_one_range_forms():
    source = ("n = 3\nitems = [1, 2, 3]\nfor i in range(1, n + 1):\n    print(i)\n"
              "for i in range(0, len(items)):\n    print(items[i])\n"
              "for i in range(n, 0, -1):\n    print(i)\n")
    new = [(e.info["old"], e.info["new"]) for e in sites("off_by_one_range", source)]
    # the countdown stops one early as its own form; a step of 2 is left alone
    assert new == [("n + 1", "n"), ("len(items)", "len(items) - 1"), ("0", "1")]
    assert sites("off_by_one_range", "for i in range(9, 0, -2):\n    print(i)\n") == []


def test_accumulator_not_moved_into_a_loop_that_may_not_run():
    counted = "n = int(input())\ntotal = 0\nfor i in range(n):\n    total += i\nprint(total)\n"
    assert sites("accumulator_reset_in_loop", counted) == []
    fixed = "total = 0\nfor i in [1, 2]:\n    total += i\nprint(total)\n"
    [edit] = sites("accumulator_reset_in_loop", fixed)
    assert edit.apply(fixed) == "for i in [1, 2]:\n    total = 0\n    total += i\nprint(total)\n"
    assert edit.line == 2


def test_branch_order_swaps_test_and_body_together():
    source = ("m = int(input())\nif m >= 90:\n    print('A')\nelif m >= 50:  # pass mark\n"
              "    print('pass')\n")
    assert results("branch_order", source) == [
        "m = int(input())\nif m >= 50:\n    print('pass')\nelif m >= 90:  # pass mark\n"
        "    print('A')\n"]
    ascending = source.replace("90", "40")
    assert sites("branch_order", ascending) == []


def test_precedence_only_where_brackets_matter():
    assert sites("precedence", "a = 1\nb = 2\nprint((a * b) + 1, a - (b - 1))\n")[0] \
        .apply("a = 1\nb = 2\nprint((a * b) + 1, a - (b - 1))\n") \
        == "a = 1\nb = 2\nprint((a * b) + 1, a - b - 1)\n"
    assert sites("precedence", "a = 1\nb = 2\nprint(a + (b * 2))\n") == []


def test_missing_f_prefix_with_other_prefix_letters():
    source = 'x = 1\nprint(F"{x}", rf"\\d{x}", f"plain")\n'
    assert results("missing_f_prefix", source) == [
        'x = 1\nprint("{x}", rf"\\d{x}", f"plain")\n',
        'x = 1\nprint(F"{x}", r"\\d{x}", f"plain")\n']


def test_or_with_bare_value_needs_a_truthy_value_and_same_subject():
    source = 'c = input()\nif c == "y" or c == "":\n    print(1)\n'
    assert sites("or_with_bare_value", source) == []
    source = 'c = input()\nif c != "n" and c != "N":\n    print(1)\n'
    assert results("or_with_bare_value", source) == [
        'c = input()\nif c != "n" and "N":\n    print(1)\n']


def test_print_instead_of_return_only_when_the_result_is_just_shown():
    shown = "def f(x):\n    return x * 2\n\n\nprint(f(3))\n"
    assert results("print_instead_of_return", shown) == [
        "def f(x):\n    print(x * 2)\n\n\nprint(f(3))\n"]
    formatted = "def f(x):\n    return x * 2\n\n\nprint(f'{f(3):.1f}')\n"
    assert sites("print_instead_of_return", formatted) == []


def test_wrong_loop_placement_does_not_dedent_reads_of_loop_values():
    source = "for n in [1, 2]:\n    sq = n * n\n    print(sq)\nprint('done')\n"
    moved = results("wrong_loop_placement", source)
    assert moved == ["for n in [1, 2]:\n    sq = n * n\n    print(sq)\n    print('done')\n"]


@pytest.mark.parametrize("source", [
    'medals = ["Gold", "Silver"]\nprint(medals[1])\n',
    # a lookup of either word raises once they are joined
    'bands = ["red", "green"]\nprint(bands.index(input()))\n',
    # one argument fewer than `.format` has fields raises
    'print("{}-{}".format("a", "b"))\n',
])
def test_missing_comma_strings_skips_what_a_shorter_list_crashes(source):
    assert sites("missing_comma_strings", source) == []


# The guard of a `raise`, turned, makes valid input raise: a runtime error, so the logical
# comparison injectors leave it alone (and still offer the comparison beside it).
def guarded(test: str) -> str:
    return (f"def square(n):\n    if {test}:\n        raise ValueError('from 1 to 64')\n"
            "    if n == 64:\n        return 'last'\n    return n * n\n")


@pytest.mark.parametrize("injector,test", [
    ("boundary_slip", "n < 1"), ("reversed_comparison", "n < 1"),
    ("wrong_equality_operator", "n == 0"), ("not_dropped_or_added", "n not in range(1, 65)"),
])
def test_comparisons_leave_the_guard_of_a_raise_alone(injector, test):
    assert all(edit.line != 2 for edit in sites(injector, guarded(test)))


def test_the_comparison_beside_a_guard_is_still_offered():
    assert {e.line for e in sites("wrong_equality_operator", guarded("n == 0"))} == {4}


@pytest.mark.parametrize("source,slips", [
    # a loop guard that should stop at zero: the real slip is offered
    ("k = int(input())\nwhile k > 0:\n    print(k)\n    k -= 1\n", ["k >= 0"]),
    # a guard that protects a division: letting 0 through would crash, not mislead
    ("t = 10\nc = int(input())\nif c > 0:\n    print(t / c)\n", []),
    # a guard that protects nothing: offered
    ("c = int(input())\nif c > 0:\n    print('some')\n", ["c >= 0"]),
])
def test_boundary_slip_zero_guard_rule(source, slips):
    found = [e.info["new_text"] for e in sites("boundary_slip", source)]
    assert found == slips


def test_reversed_comparison_is_explained_as_reversed_not_as_a_boundary():
    import random

    from debugex.text import ErrorFacts, explanation
    from debugex.text.evidence import Evidence

    source = "best = 0\nfor s in [4, 9]:\n    if s > best:\n        best = s\nprint(best)\n"
    (edit,) = sites("reversed_comparison", source)
    assert edit.replacement == "<"
    incorrect = edit.apply(source)
    facts = ErrorFacts(edit.injector, edit.error_class, edit.line, edit.line, ">", "<",
                       Evidence("logical", difference="output line 1: expected '9', got '0'", stdin=()), edit.info)
    assert facts.kind == "reversed_comparison"
    for seed in range(6):
        sentence = explanation(facts, incorrect, random.Random(seed))
        assert "boundary" not in sentence and "one value off" not in sentence, sentence
        assert "wrong way" in sentence or "opposite direction" in sentence, sentence


@pytest.mark.parametrize("source, unwrapped", [
    # the program's own function: its value is worked out and lost
    ("def half(n):\n    return n / 2\n\n\nprint(half(9))\n", "half(9)"),
    # a builtin's value, a keyword argument, two values: not this mistake's shape
    ("items = [3, 1]\nprint(len(items))\n", None),
    ("def half(n):\n    return n / 2\n\n\nprint(half(9), end='')\n", None),
    ("def half(n):\n    return n / 2\n\n\nprint('Half:', half(9))\n", None),
])
def test_dropped_call_drops_only_the_print_round_an_own_call(source, unwrapped):
    kept = [e for e in sites("dropped_call", source) if "kept" in e.info]
    assert [e.info["kept"] for e in kept] == ([unwrapped] if unwrapped else [])
    if unwrapped:
        assert kept[0].apply(source).splitlines()[-1] == unwrapped
