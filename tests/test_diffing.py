"""Recovering individual changes from two program texts (what the audit relies on)."""

import pytest

from debugex.diffing import readable_as, recover_changes
from debugex.injectors import Edit

CASES = [
    # (correct, incorrect, [(line, before, after)])
    ("print(total)\n", 'print("total")\n', [(1, "total", '"total"')]),
    ("x = (a + b) / 2\n", "x = a + b / 2\n", [(1, "(a + b)", "a + b")]),
    ('print("a", b)\n', 'print("a" b\n', [(1, ",", ""), (1, ")", "")]),
    ("if x >= 2:\n", "if x => 2:\n", [(1, ">=", "=>")]),
    ("guesses = 0\n", "0 = guesses\n", [(1, "guesses ... 0", "0 ... guesses")]),
    ("t = a + b\n", "a + b = t\n", [(1, "t =  ... ", " ...  = t")]),
    ("a = 1\nb = 2\nc = a + b\n", "a = 1\nc = a + b\n", [(2, "b = 2\n", "")]),
    ("for i in x:\n    s += i\nprint(s)\n", "for i in x:\n    s += i\n    print(s)\n",
     [(3, "", "    ")]),
]


@pytest.mark.parametrize("correct,incorrect,expected", CASES)
def test_changes_are_recovered_one_per_error(correct, incorrect, expected):
    changes = recover_changes(correct, incorrect)
    assert [(c.line, c.before, c.after) for c in changes] == expected
    if len(changes) == 1:
        assert changes[0].apply(correct) == incorrect


def test_removed_guard_is_one_change():
    correct = "n = int(input())\nif n > 0:\n    print(10 / n)\n    print('ok')\nprint('end')\n"
    incorrect = "n = int(input())\nprint(10 / n)\nprint('ok')\nprint('end')\n"
    [change] = recover_changes(correct, incorrect)
    assert change.line == 2 and change.apply(correct) == incorrect


def test_swapped_branches_are_one_change():
    correct = ("m = int(input())\nif m >= 90:\n    print('A')\nelif m >= 70:\n    print('B')\n"
               "elif m >= 50:\n    print('pass')\n")
    incorrect = ("m = int(input())\nif m >= 90:\n    print('A')\nelif m >= 50:\n"
                 "    print('pass')\nelif m >= 70:\n    print('B')\n")
    [change] = recover_changes(correct, incorrect)
    assert change.line == 4 and change.apply(correct) == incorrect


def test_two_errors_on_separate_lines_stay_separate():
    correct = "a = 1\nb = 2\nprint(a + b)\n"
    incorrect = "a = 1\nb = 3\nprint(a - b)\n"
    assert [c.line for c in recover_changes(correct, incorrect)] == [2, 3]


def test_readable_as_needs_the_same_edits_on_the_same_lines():
    source = "x = 1\nprint(x)\n"
    typo = Edit("name_typo", "runtime", 12, 13, "y", 2)
    assert readable_as(source, [typo], [2])
    assert not readable_as(source, [typo], [1])
