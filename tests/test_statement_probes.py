"""Statement probes (engine/statement_probes.py): an `elif` made `if`, a statement left
out and a method left uncalled are watched in the correct program's probe runs. Each
decision is checked against the proof itself, and programs where the edit does show
are never decided."""

from __future__ import annotations

import pytest
from test_infection import assert_the_proof_agrees

from debugex.content import Exercise, Scenario
from debugex.engine.infection import _programs, infection
from debugex.engine.probes import layers, probes_for
from debugex.engine.statement_probes import StatementProbe, statement_probes_for
from debugex.engine.verify import prepare, verify_edits
from debugex.injectors import LOGICAL, RUNTIME, Edit

pytestmark = pytest.mark.xdist_group("infection")

ONE_RUN = (Scenario("s", ()),)

# Exclusive tests: after `x == 1` held, `x == 2` never does.
GRADES = '''\
def grade(x):
    word = "?"
    if x == 1:
        word = "one"
    elif x == 2:
        word = "two"
    elif x > 5:
        word = "many"
    return word


print(grade(1), grade(2), grade(7))
'''

# A running maximum and minimum: a value above the maximum is never below the minimum
# when both start at the first value...
SPREAD = '''\
def spread(values):
    top = low = values[0]
    for v in values:
        if v > top:
            top = v
        elif v < low:
            low = v
    return top - low


print(spread([4, 1, 9, 3]))
'''
# ... but they are when the minimum starts above every value.
SPREAD_WIDE = SPREAD.replace("top = low = values[0]", "top, low = 0, 99").replace(
    "[4, 1, 9, 3]", "[4, 9]")

WITH_ELSE = '''\
def sign(n):
    word = ""
    if n > 0:
        word = "plus"
    elif n < 0:
        word = "minus"
    else:
        word = "zero"
    return word


print(sign(3), sign(-2))
'''

# The first branch falls through with an index past the end: `items[i]` then raises.
LOOKUP = '''\
def pick(items, i):
    found = None
    if i >= len(items):
        found = -1
    elif items[i] > 0:
        found = items[i]
    return found


print(pick([5, 6], 1), pick([5, 6], 4))
'''

SORTED = '''\
def ordered(lines):
    lines.sort()
    return " ".join(lines)


print(ordered(["ant", "bee", "cat"]))
'''
UNSORTED = SORTED.replace('"ant", "bee", "cat"', '"bee", "ant", "cat"')

RESET = '''\
def digits(n):
    total = 0
    total = total % 10  # a digit at most
    count = 0
    for d in str(n):
        total += int(d)
        count += 1
    return total, count


print(digits(2024))
'''

# `same = first` makes the two names one list: without it a later append is not seen.
ALIAS = '''\
first = [1, 2]
same = [1, 2]
same = first
first.append(3)
print(same)
'''

# The statement raises, the program catches it and prints: without it nothing is printed.
CAUGHT = '''\
def parse(text):
    value = 0
    try:
        value = int(text)
        value = value + 0
    except ValueError:
        print("not a number:", text)
    return value


print(parse("x"))
'''

# A list of the program's own objects is not plain data: nothing is decided (though
# this one is in order already).
OBJECTS = '''\
class Box:
    def __init__(self, n):
        self.n = n

    def __lt__(self, other):
        return self.n < other.n


boxes = [Box(1), Box(2)]
boxes.sort()
print([b.n for b in boxes])
'''


def _find(source: str, old: str, nth: int = 0) -> int:
    start = -1
    for _ in range(nth + 1):
        start = source.index(old, start + 1)
    return start


def _elif(source: str, nth: int = 0) -> Edit:
    start = _find(source, "elif", nth)
    return Edit("elif_to_if", LOGICAL, start, start + 4, "if", 1, ())


def _drop(source: str, statement: str) -> Edit:
    """The whole line holding the statement left out."""
    at = _find(source, statement)
    start = source.rindex("\n", 0, at) + 1
    end = source.index("\n", at) + 1
    return Edit("missing_statement", LOGICAL, start, end, "", 1, ())


def _uncalled(source: str, call: str) -> Edit:
    end = _find(source, call) + len(call)
    return Edit("method_not_called", LOGICAL, end - 2, end, "", 1, ())


def _prepared(sandbox, source: str):
    return prepare(Exercise("probe", "A probed program.", source, ONE_RUN), sandbox)


# A default made with a lambda, when every call passes its own: the same function stays.
KEYED = '''\
def first_by(values, key=None):
    key = key or (lambda v: v)
    return key(values[0])


print(first_by([-3, 1], key=abs), first_by(["ab"], key=len))
'''
# ... when a call passes none, the lambda is what it calls.
UNKEYED = KEYED.replace("key=len)", "None)")


CASES = [  # (name, program, edit, probes' decision, the proof's when they decide none)
    ("exclusive tests", GRADES, lambda s: _elif(s, 0), "equivalent"),
    ("exclusive tests, the last one", GRADES, lambda s: _elif(s, 1), "equivalent"),
    ("a maximum is not a minimum", SPREAD, _elif, "equivalent"),
    ("the first branch falls through and C holds", SPREAD_WIDE, _elif, None),
    ("an else after it", WITH_ELSE, _elif, None),
    ("a later test raises", LOOKUP, _elif, "raises"),
    ("a sort of a sorted list", SORTED, lambda s: _drop(s, "lines.sort()"), "equivalent"),
    ("a sort left uncalled", SORTED, lambda s: _uncalled(s, "lines.sort()"), "equivalent"),
    ("a sort that orders", UNSORTED, lambda s: _drop(s, "lines.sort()"), None),
    ("a sort uncalled that orders", UNSORTED, lambda s: _uncalled(s, "lines.sort()"), None),
    ("a value kept as it was", RESET, lambda s: _drop(s, "total = total % 10"), "equivalent"),
    ("a total that counts", RESET, lambda s: _drop(s, "total += int(d)"), None),
    ("an equal list, another object", ALIAS, lambda s: _drop(s, "same = first"), None),
    ("a statement that raises", CAUGHT, lambda s: _drop(s, "value = int(text)"), None),
    ("the program's objects", OBJECTS, lambda s: _drop(s, "boxes.sort()"), None,
     "equivalent"),
    ("a function kept as it was", KEYED, lambda s: _drop(s, "key = key or"), "equivalent"),
    ("a default function used", UNKEYED, lambda s: _drop(s, "key = key or"), None,
     "runtime"),
]


@pytest.mark.parametrize(("source", "make", "decided", "proof"),
                         [(*c[1:4], c[4] if len(c) > 4 else LOGICAL) for c in CASES], ids=[c[0] for c in CASES])
def test_a_statement_probe_decides_only_what_the_proof_confirms(sandbox, source, make,
                                                                decided, proof):
    prepared = _prepared(sandbox, source)
    edit = make(source)
    assert statement_probes_for([edit], source), "the edit is probed"
    assert infection([edit], prepared, sandbox).get(edit) == decided
    verdict = verify_edits(prepared, [edit], sandbox)[0]
    assert_the_proof_agrees(verdict, decided)
    if decided is None:
        assert proof in (verdict.status, verdict.reason)


@pytest.mark.parametrize("source", [
    "if True:\n\tn = [3, 1]\n\tn.sort()\n\tprint(n)\n",  # tabs stay tabs
    "n = [2, 1]\nn.sort()\nprint(n)",  # the first statement, no newline at the end
    "def f(x):\n    if x: return 1\n    elif x > 1:\n        return 2\n    return 0\n\n\n"
    "print(f(3))\n",  # a body on the `if` line: not probed, the rest still runs
])
def test_a_program_with_statement_probes_prints_what_it_prints(sandbox, source):
    edits = [_elif(source)] if "elif" in source else [
        _drop(source.rstrip("\n") + "\n", "n.sort()"), _uncalled(source, "n.sort()")]
    plain = sandbox.run(source, ())
    for program, _ in _programs(source, layers(probes_for(edits, source)),
                                statement_probes_for(edits, source)):
        probed = sandbox.run(program, ())
        assert probed.kind == plain.kind == "finished"
        assert probed.stdout.replace("\x1e", "|").split("|")[-1] == plain.stdout


def test_statement_and_expression_probes_share_a_run(sandbox):
    source = SPREAD.replace("return top - low", "return top - low + 0 * len(values)")
    edits = [_elif(source), Edit("wrong_constant", LOGICAL, _find(source, "+ 0") + 2,
                                 _find(source, "+ 0") + 3, "1", 1, ())]
    expressions = layers(probes_for(edits, source))
    programs = list(_programs(source, expressions, statement_probes_for(edits, source)))
    assert len(programs) == len(expressions)  # the statement probes add no run
    prepared = _prepared(sandbox, source)
    # one run decides both: the elif never shows, `1 * len(values)` does
    assert infection(edits, prepared, sandbox) == {edits[0]: "equivalent"}


@pytest.mark.parametrize(("old", "new", "decided"), [
    ("values[0:len(values)]", "values[0:len(values) + 1]", "equivalent"),  # past the end
    ("values[0:len(values)]", "values[0:len(values) - 1]", None),
    ("values[0:len(values)]", "values", None),  # the list itself: a later change shows
])
def test_lists_an_expression_makes_compare_by_what_they_hold(sandbox, old, new, decided):
    source = ("def copy(values):\n    out = values[0:len(values)]\n    values.append(0)\n"
              "    return out\n\n\nprint(copy([1, 2]))\n")
    prepared = _prepared(sandbox, source)
    start = _find(source, old)
    edit = Edit("boundary_slip", LOGICAL, start, start + len(old), new, 1, ())
    assert infection([edit], prepared, sandbox).get(edit) == decided
    verdict = verify_edits(prepared, [edit], sandbox)[0]
    assert (verdict.reason == "equivalent") == (decided == "equivalent")


RANGE_CHECK = '''\
def doubled(base):
    if base < 2:
        raise ValueError("base must be at least 2")
    return base * 2


print(doubled(2), doubled(7))
'''


@pytest.mark.parametrize(("source", "old", "new", "decided"), [
    (RANGE_CHECK, "base < 2", "base < 3", "raises"),  # 2 now fails the check
    (RANGE_CHECK, "base < 2", "base < 1", "equivalent"),  # 2 and 7 pass either way
    (RANGE_CHECK, "base < 2", "base < 9", "raises"),
    # a program that catches what it raises: nothing decided
    (RANGE_CHECK.replace("print(doubled(2), doubled(7))",
                         "try:\n    print(doubled(2))\nexcept ValueError:\n    print('no')"),
     "base < 2", "base < 3", None),
])
def test_a_test_before_a_raise_that_turns_true_raises(sandbox, source, old, new, decided):
    prepared = _prepared(sandbox, source)
    start = _find(source, old)
    edit = Edit("wrong_constant", LOGICAL, start + len(old) - 1, start + len(old),
                new[-1], 1, ())
    assert infection([edit], prepared, sandbox).get(edit) == decided
    verdict = verify_edits(prepared, [edit], sandbox)[0]
    if decided == "equivalent":
        assert verdict.reason == "equivalent"
    else:
        assert verdict.status == (RUNTIME if decided else LOGICAL)


BRACKETS = '''\
def balanced(text):
    pairs = {")": "(", "]": "["}
    stack = []
    for char in text:
        if char in pairs.values():
            stack.append(char)
        elif char in pairs:
            if not stack or stack.pop() != pairs[char]:
                return False
    return not stack


print(balanced("([])"), balanced("(]"))
'''


@pytest.mark.parametrize(("source", "decided"), [
    (BRACKETS, "equivalent"),  # an opening bracket is never a key of `pairs`
    # the same test on an iterator: `in` would take items the program never takes
    (BRACKETS.replace('pairs = {")": "(", "]": "["}', 'pairs = {")": "(", "]": "["}\n'
                      '    closing = iter(")]")').replace("elif char in pairs:",
                                                       "elif char in closing:"), None),
])
def test_a_chain_test_with_in_is_read_only_in_a_builtin_container(sandbox, source, decided):
    prepared = _prepared(sandbox, source)
    edit = _elif(source)
    assert infection([edit], prepared, sandbox).get(edit) == decided
    if decided:
        assert verify_edits(prepared, [edit], sandbox)[0].reason == decided


def test_statement_probes_that_would_break_the_run_leave_the_expressions_probed():
    source = SPREAD
    constant = _find(source, "values[0]") + 7
    edits = [Edit("wrong_constant", LOGICAL, constant, constant + 1, "1", 1, ())]
    broken = StatementProbe(_elif(source), ("rest", 0), ((0, 1, "  if\n"),))
    expressions = layers(probes_for(edits, source))
    programs = list(_programs(source, expressions, [broken]))
    # each layer probes the constant (at its own level), none the broken statement
    assert [[edit for _, edit, _ in watched] for _, watched in programs] == \
        [edits] * len(expressions)
    assert all("_dbx_rest_" not in program for program, _ in programs)
    # alone, it makes no run at all
    assert list(_programs(source, [], [broken])) == []


def test_a_statement_copied_too_often_counts_as_changed(sandbox):
    # the list never changes, but copying it before and after every pass costs more
    # than a probe may spend: nothing is decided, and the run still ends as it should
    source = ("def run(n):\n    grid = list(range(1500))\n    total = 0\n"
              "    for i in range(n):\n        grid.sort()\n        total += i\n"
              "    return total\n\n\nprint(run(100))\n")
    prepared = _prepared(sandbox, source)
    edit = _uncalled(source, "grid.sort()")
    assert infection([edit], prepared, sandbox) == {}
    short = source.replace("run(100)", "run(3)")
    assert infection([_uncalled(short, "grid.sort()")], _prepared(sandbox, short),
                     sandbox) == {_uncalled(short, "grid.sort()"): "equivalent"}
