"""Recovering individual changes from two program texts (what the audit relies on)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debugex.changes.diffing import readable_as, recover_changes
from debugex.changes.tokens import tokens
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
    # Three independent errors on one line: indentation, closing quote, bracket.
    ('print("Hello world")\n', "    print(\"Hello world'}\n",
     [(1, "", "    "), (1, '"', "'"), (1, ")", "}")]),
    # A reworded string literal is one change, however many words differ.
    ('print("Hello world")\n', 'print("greetings land")\n',
     [(1, "Hello world", "greetings land")]),
    ('print("a b c", x)\n', 'print("a z c!", y)\n', [(1, "b c", "z c!"), (1, "x", "y")]),
    # A changed comment is one change; a number is one token.
    ("x = 3.14  # pi\n", "x = 3.15  # the pie\n", [(1, "3.14", "3.15"),
                                                    (1, "# pi", "# the pie")]),
    ("x = a + b\n", "y = a - b\n", [(1, "x", "y"), (1, "+", "-")]),
    ("f(x)\n", "g(y)\n", [(1, "f", "g"), (1, "x", "y")]),
    ("s = sorted(n)\n", "s = n.sort()\n", [(1, "sorted(n", "n.sort(")]),
    ("        return 6.50\n", "        print(6.50)\n", [(1, "return 6.50", "print(6.50)")]),
    ("a = 1\nb = 2\n", "a == 1\nb = 2\n", [(1, "=", "==")]),
    # `=` for `==` on one line and `==` for `=` on another are two typos, not a swap.
    ("a = 1\nif a == 1:\n", "a == 1\nif a = 1:\n", [(1, "=", "=="), (2, "==", "=")]),
    # An item's list brackets lost in one rewrite of its statement: the statement written
    # out, or its two names traded, is one change; anything else on the line stays apart.
    ("out += [n]\n", "out = out + n\n", [(1, "+= [n]", "= out + n")]),
    ("out += [n]\n", "n += out\n", [(1, "out += [n]", "n += out")]),
    ("out += [n]\n", "out = res + n\n", [(1, "+=", "="), (1, "[n]", "res + n")]),
    ("out += [n]\n", "m += out\n", [(1, "out", "m"), (1, "[n]", "out")]),
    ("out += [n, k]\n", "out = out + n, k\n", [(1, "+=", "="), (1, "[n, k]", "out + n, k")]),
    # A removed line and a moved line are each one change.
    ("a = 1\nb = 2\nc = 3\nprint(a)\n", "b = 2\nc = 3\na = 1\nprint(a)\n",
     [(3, "a = 1\n", "a = 1\n")]),
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


@pytest.mark.parametrize("line", ['print("it\'s", x)  # say it\n', "s = f'{a}' + rb\"x\"\n",
                                  'print("never closed)\n', "  \tx = .5e-3 ** 2 // 1\n"])
def test_tokens_cover_the_line_exactly(line):
    assert "".join(t.text for t in tokens(line)) == line


@given(st.text(alphabet="ab (\"')#=+<>:\t\n1.", max_size=40),
       st.text(alphabet="ab (\"')#=+<>:\t\n1.", max_size=40))
@settings(max_examples=200, deadline=None)
def test_applying_every_change_gives_the_incorrect_program(correct, incorrect):
    # Programs are compared normalised: every line ends with a newline.
    correct, incorrect = correct + "\n", incorrect + "\n"
    changes = recover_changes(correct, incorrect)
    result = correct
    pieces = [p for c in changes for p in c.pieces]  # in text order
    # From the end backwards; of two insertions at one offset, the later one goes in first.
    for _, _, piece in sorted(((p.start, n, p) for n, p in enumerate(pieces)), reverse=True,
                              key=lambda t: (t[0], t[1])):
        result = result[:piece.start] + piece.replacement + result[piece.end:]
    assert result == incorrect
