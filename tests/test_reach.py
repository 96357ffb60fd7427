"""Sites no scenario can run are not offered (engine/reach.py): the static call graph of
what the scenarios call, and the lines the correct program ran. Every edit dropped must be
one the proof would reject as changing nothing."""

from __future__ import annotations

import pytest

from debugex.content import Exercise, Scenario
from debugex.engine.reach import reached_edits, trace, unreached_lines
from debugex.engine.verify import REJECTED, prepare, verify_edits
from debugex.injectors import LOGICAL, RUNTIME, SYNTAX, Edit

HELPERS = """\
def double(n):
    return n * 2


def triple(n):
    return n * 3


def apply(f, n):
    return f(n)


def unused(n):
    return n - 1
"""


def calls(*exprs: str) -> tuple[Scenario, ...]:
    return (Scenario("s", (), None, exprs),)


@pytest.mark.parametrize(("source", "scenarios", "unreached"), [
    # only what the calls name, and what that code mentions (called or passed along)
    (HELPERS, calls("apply(double, 3)"), {"triple", "unused"}),
    (HELPERS, calls("triple(1)", "apply(unused, 2)"), {"double"}),
    # the top level runs: a call there reaches the function
    (HELPERS + "print(unused(4))\n", (Scenario("s", ()),), {"double", "triple", "apply"}),
    # a class mentioned brings all its methods
    ("class Box:\n    def put(self, x):\n        return x\n\n\ndef lonely():\n    return 1\n",
     calls("Box().put(2)"), {"lonely"}),
    # names looked up at run time: every part counts as run
    (HELPERS + "print(globals()['unused'](1))\n", (Scenario("s", ()),), set()),
    # a call that does not parse: nothing is dropped
    (HELPERS, calls("apply(double,"), set()),
])
def test_functions_no_scenario_runs(source, scenarios, unreached):
    lines = unreached_lines(source, scenarios)
    names = {line.split("(")[0][4:] for line in source.splitlines()
             if line.startswith("def ") and source.splitlines().index(line) + 1 in lines}
    assert names == unreached


def _edit(source: str, old: str, new: str, error_class: str = LOGICAL) -> Edit:
    start = source.index(old)
    return Edit("test", error_class, start, start + len(old), new,
                source.count("\n", 0, start) + 1)


BRANCHY = """\
n = int(input())
if n > 0:
    print("positive")
elif n < -100:
    print("far below")
else:
    print("not positive")
total = 0
for k in range(n):
    total += k
print(total)
"""


@pytest.mark.parametrize(("old", "new", "error_class", "dropped"), [
    # a statement that never ran (no input is below -100): changing it shows nothing
    ('print("far below")', 'print("far under")', LOGICAL, True),
    ("n < -100", "n < -10", LOGICAL, False),  # the `elif` test ran (for -3)
    # the block keyword: `if` runs where the `elif` never did
    ("elif n < -100", "if n < -100", LOGICAL, False),
    # a line that ran; a jump put in place of a statement that never ran
    ('print("positive")', 'print("Positive")', LOGICAL, False),
    ('print("far below")', "break", LOGICAL, False),
    # a statement removed whole, never run: dropped; one that ran: kept
    ('        print("far below")\n'[4:], "", LOGICAL, True),
    ("total = 0\n", "", RUNTIME, False),
    # a syntax error is one wherever it is
    ('print("far below")', 'print("far below"', SYNTAX, False),
])
def test_lines_the_correct_program_never_ran(old, new, error_class, dropped):
    lines_run = frozenset({1, 2, 3, 4, 7, 8, 9, 10, 11})  # inputs 5 and -3
    edit = _edit(BRANCHY, old, new, error_class)
    kept, gone = reached_edits([edit], BRANCHY, (Scenario("s", ("5",)),), lines_run)
    assert (gone == [edit]) is dropped and (kept == [edit]) is not dropped


@pytest.mark.parametrize(("new", "dropped"), [
    ("print(n)", True),        # a return taken away where it never ran: nothing changes
    ("return -n", True),
    ("break", False),          # a jump put in may not even compile there
])
def test_a_return_that_never_ran(new, dropped):
    source = "def sign(n):\n    if n > 0:\n        return n\n    return 0\n\n\nprint(sign(-2))\n"
    edit = _edit(source, "return n", new, LOGICAL)
    lines_run = frozenset({1, 2, 4, 7})
    kept, gone = reached_edits([edit], source, (Scenario("s", ()),), lines_run)
    assert (gone == [edit]) is dropped and (kept == [edit]) is not dropped


def test_a_global_statement_acts_without_running():
    source = "x = 0\ndef bump():\n    global x\n    x += 1\nbump()\nprint(x)\n"
    edit = _edit(source, "    global x\n", "")
    kept, _ = reached_edits([edit], source, (Scenario("s", ()),), frozenset({1, 2, 4, 5, 6}))
    assert kept == [edit]


def test_the_trace_comes_from_the_sandbox(sandbox):
    scenarios = (Scenario("a", ("5",)), Scenario("b", ("-3",)))
    lines = trace(BRANCHY, scenarios, sandbox)[0]
    assert lines is not None and {1, 2, 3, 4, 7, 11} <= lines and 5 not in lines
    # a run that does not end gives no trace at all
    assert trace("while True:\n    pass\n", (Scenario("s", ()),), sandbox) is None


def test_every_dropped_edit_is_one_the_proof_rejects(sandbox):
    """The filter only saves proofs: each edit it drops, proven anyway, changes nothing."""
    source = HELPERS + BRANCHY.replace("n = int(input())", "n = int(input()) + apply(double, 0)")
    exercise = Exercise("reach", "Sort a number into positive or not.", source,
                        (Scenario("a", ("5",)), Scenario("b", ("-3",))))
    prepared = prepare(exercise, sandbox)
    assert prepared.lines_run is not None
    edits = [_edit(source, "n * 3", "n * 4"), _edit(source, "n - 1", "n + 1"),
             _edit(source, '"far below"', '"far off"'),
             _edit(source, "n * 2", "n * 2 + 1"), _edit(source, "total += k", "total -= k")]
    kept, dropped = reached_edits(edits, source, prepared.scenarios, prepared.lines_run)
    assert len(dropped) == 3 and len(kept) == 2
    verdicts = verify_edits(prepared, dropped, sandbox)
    assert all(v.status == REJECTED for v in verdicts)
    assert all(v.status == LOGICAL for v in verify_edits(prepared, kept, sandbox))


def test_a_class_no_one_uses_still_runs_its_own_statements_and_decorators():
    source = ("import functools\n\n\nclass Shelf:\n    SIZES = ['small', 'large']\n\n"
              "    @functools.cache\n    def label(self, n):\n        return self.SIZES[n]\n")
    lines = unreached_lines(source, (Scenario("s", ()),))
    # the class body's list and the method's decorator run as the class is defined
    assert lines == {8, 9}


@pytest.mark.parametrize(("old", "new", "dropped"), [
    ("import math\n", "", True),              # math is read only by `area`, never called
    ("import string\n", "", False),           # string is read by a line that ran
    ("import math\nimport string\n", "import string\n", True),
    ("import string\n", "import math\n", False),
])
def test_an_import_taken_away_matters_only_where_its_names_are_read(old, new, dropped):
    source = ("import math\nimport string\n\n\ndef area(r):\n    return math.pi * r * r\n\n\n"
              "print(string.ascii_lowercase[:3])\n")
    edit = _edit(source, old, new, RUNTIME)
    lines_run = frozenset({1, 2, 5, 9})
    kept, gone = reached_edits([edit], source, (Scenario("s", ()),), lines_run)
    assert (gone == [edit]) is dropped and (kept == [edit]) is not dropped
