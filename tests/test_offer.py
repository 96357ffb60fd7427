"""Sites that can never be proven as what they claim are not offered (engine/offer.py):
a logical edit in a program that shows nothing, and a variable swapped for one whose
values never share a type with it where the type matters (engine/mistyped.py, from the
types the sandbox's trace saw). Each rule is checked against the proof itself."""

from __future__ import annotations

import pytest

from debugex.content import Exercise, Scenario
from debugex.engine.mistyped import mistyped_edits, types_by_name
from debugex.engine.offer import offered_edits, shows_nothing
from debugex.engine.reach import trace
from debugex.engine.verify import REJECTED, prepare, verify_edits
from debugex.injectors import LOGICAL, RUNTIME, Edit
from debugex.sandbox import Job, Outcome

STOCK = """\
def restock(names, counts, extra):
    total = 0
    for k in counts:
        total = total + k
    print(names[0], total)
    if total == extra:
        print("exact")
    return total + extra


print(restock(["tea", "jam"], [2, 3], 5))
"""


def _edit(source: str, old: str, new: str, nth: int = 0,
          error_class: str = LOGICAL) -> Edit:
    start = -1
    for _ in range(nth + 1):
        start = source.index(old, start + 1)
    return Edit("variable_misuse", error_class, start, start + len(old), new, "", {})


def test_the_trace_reports_the_types_each_variable_held(sandbox):
    traced = trace(STOCK, (Scenario("s", ()),), sandbox)
    assert traced is not None
    kinds = types_by_name(traced[1])
    assert kinds["names"] == {"collection"} and kinds["total"] == {"number"}
    assert kinds["k"] == {"number"} and kinds["extra"] == {"number"}


@pytest.mark.parametrize(("old", "new", "nth", "dropped"), [
    ("k", "names", 2, True),           # total + names: a list in arithmetic
    ("names", "counts", 1, False),     # a list for a list: a logical mistake is possible
    ("counts", "extra", 0, False),     # the parameter itself: not a read, never dropped
    ("counts", "extra", 1, True),      # for k in extra: an int is not iterable
    ("total", "names", 3, False),      # print(names[0], names): any value prints
    ("total", "names", 4, False),      # names == extra: compared with ==, no error
    ("total", "names", 5, True),       # names + extra in the return: arithmetic
    ("extra", "names", 2, True),       # total + names in the return: still arithmetic
    ("k", "total", 2, False),          # a number for a number
    ("total", "names", 0, True),       # names = 0, then names[0]: an int has no items
])
def test_a_swap_is_dropped_only_where_the_type_matters(sandbox, old, new, nth, dropped):
    traced = trace(STOCK, (Scenario("s", ()),), sandbox)
    edit = _edit(STOCK, old, new, nth)
    kept, gone = mistyped_edits([edit], STOCK, traced[1])
    assert (gone == [edit]) is dropped and (kept == [edit]) is not dropped


def test_a_value_returned_as_it_is_may_be_of_any_type(sandbox):
    source = "def pick(a, b):\n    return a\n\n\nprint(pick([1], 2))\n"
    traced = trace(source, (Scenario("s", ()),), sandbox)
    edit = _edit(source, "a", "b", 1)
    assert mistyped_edits([edit], source, traced[1]) == ([edit], [])


def test_an_argument_of_the_programs_own_function_must_fit_its_parameter(sandbox):
    source = ('def shout(word, times):\n    return word.upper() * times\n\n\n'
              'label, n = "hey", 3\nprint(shout(label, n))\nprint(label, n)\n')
    traced = trace(source, (Scenario("s", ()),), sandbox)
    into_word = _edit(source, "label", "n", 1)     # shout(n, n): an int has no upper()
    printed = _edit(source, "label", "n", 2)       # print(n, n): any value prints
    kept, gone = mistyped_edits([into_word, printed], source, traced[1])
    assert gone == [into_word] and kept == [printed]


def test_every_mistyped_edit_dropped_raises_instead(sandbox):
    """What the rule predicts is what the proof finds: each dropped swap is a runtime
    error, never a logical one."""
    exercise = Exercise("stock", "Add up the counts.", STOCK, (Scenario("s", ()),))
    prepared = prepare(exercise, sandbox)
    edits = [_edit(STOCK, "k", "names", 2), _edit(STOCK, "extra", "names", 2),
             _edit(STOCK, "k", "total", 2)]
    kept, dropped = offered_edits(edits, prepared)
    assert len(dropped["mistyped"]) == 2 and kept == edits[2:]
    assert all(v.status == RUNTIME for v in verify_edits(prepared, dropped["mistyped"],
                                                          sandbox))


def test_a_program_that_shows_nothing_offers_no_logical_site(sandbox):
    source = "class Tally:\n    START = 1\n\n    def add(self, n):\n        return n + 1\n"
    exercise = Exercise("tally", "A counter.", source, (Scenario("s", ()),))
    prepared = prepare(exercise, sandbox)
    assert shows_nothing(prepared)
    logical = _edit(source, "1", "0")
    runtime = _edit(source, "START", "START_", error_class=RUNTIME)
    kept, dropped = offered_edits([logical, runtime], prepared)
    assert dropped["silent"] == [logical] and logical not in kept
    assert verify_edits(prepared, [logical], sandbox)[0].status != LOGICAL


def test_a_program_that_prints_is_not_silent(sandbox):
    exercise = Exercise("stock", "Add up the counts.", STOCK, (Scenario("s", ()),))
    assert not shows_nothing(prepare(exercise, sandbox))


@pytest.mark.parametrize("typed", [
    [["names", ""]], [["names"]], [["n" * 81, "int"]], [[1, "int"]], "names:int",
    [["x", "int"]] * 2001,
])
def test_a_forged_type_report_is_refused(typed):
    wire = ["finished", "", None, None, "", None, [1], 0, [], typed]
    with pytest.raises(ValueError):
        Outcome.from_wire(wire)


def test_an_untraced_run_reports_no_types(sandbox):
    outcome = sandbox.run_many([Job("x = [1]\nprint(x)\n")])[0]
    assert outcome.ok and outcome.typed is None


def test_adding_in_place_to_a_name_of_another_kind_is_dropped(sandbox):
    source = ("def add(xs):\n    total = 0\n    for x in xs:\n        total += x\n"
              "    return total\n\n\nprint(add([1, 2]))\n")
    traced = trace(source, (Scenario("s", ()),), sandbox)
    in_place = _edit(source, "total", "xs", 1)     # xs += x: an int is not iterable
    kept, gone = mistyped_edits([in_place], source, traced[1])
    assert gone == [in_place] and kept == []


ASKS = """\
def ask():
    return int(input("How many? "))


def squares(n):
    out = []
    for k in range(n):
        out.append(k * k)
    return out


size = ask()
table = squares(size)
"""


def test_a_program_that_only_asks_shows_nothing_but_its_prompts(sandbox):
    """It computes and prints nothing: its logical edits can never show (the proof
    agrees), except an edit of a prompt's own text, which is written."""
    exercise = Exercise("asks", "Squares.", ASKS, (Scenario("s", ("3",)),))
    prepared = prepare(exercise, sandbox)
    assert shows_nothing(prepared)
    inner = _edit(ASKS, "k * k", "k + k")
    prompt = _edit(ASKS, "How many? ", "How much? ")
    kept, dropped = offered_edits([inner, prompt], prepared)
    assert dropped["silent"] == [inner] and kept == [prompt]
    assert [v.status for v in verify_edits(prepared, [inner, prompt], sandbox)] == [
        "rejected", LOGICAL]


@pytest.mark.parametrize("program", [
    ASKS + "print(table)\n",                                   # it prints
    ASKS.replace("size = ask()", "size = ask() if True else 0"),  # asked in a branch
    ASKS.replace('input("How many? ")', 'input(f"How many ({1})? ")'),  # a computed prompt
    ASKS + "more = ask()\n",                                    # asked twice
])
def test_prompts_are_fixed_only_when_asked_once_in_straight_code(sandbox, program):
    exercise = Exercise("asks", "Squares.", program, (Scenario("s", ("3", "2")),))
    assert not shows_nothing(prepare(exercise, sandbox))


# An assignment given to another name (engine/misassigned.py): dropped where that name is
# later used as the kind of value it held, on a path with no rebinding first.
DEAL = """\
def deal(cards):
    turn = "left"
    pile = []
    rounds = 0
    last = 0
    for card in cards:
        pile.append(card)
        last = card
        if card > 5:
            rounds += 1
            turn = "right" if turn == "left" else "left"
    return turn, len(pile), rounds, last


print(deal([3, 7, 2, 9]))
"""
NEAREST = """\
def nearest(stops, here):
    best = stops[0]
    best_gap = abs(best[1] - here)
    for stop in stops:
        gap = abs(stop[1] - here)
        if gap < best_gap:
            best = stop
            best_gap = gap
    return best[0]


print(nearest([("mill", 2), ("pond", 9), ("gate", 5)], 8))
"""
TIDY = """\
def tidy(words, mark):
    out = []
    for n, word in enumerate(words):
        out.append(str(n) + word.replace(mark, "-"))
    return out


print(tidy(["a.b", "c"], "."))
"""


def _named(source: str, line: str, old: str, new: str) -> Edit:
    start = source.index(line) + line.index(old)
    return Edit("variable_misuse", LOGICAL, start, start + len(old), new, "", {})


MISASSIGNED = [
    # a string where a list was: the next turn's `pile.append` has no such method
    (DEAL, 'turn = "right"', "turn", "pile", True),
    # a string where a count was: the next `rounds += 1` cannot add
    (DEAL, 'turn = "right"', "turn", "rounds", True),
    # `last` is bound anew before any read and only returned: a wrong value, no error
    (DEAL, 'turn = "right"', "turn", "last", False),
    # a pair where a distance was, but the next line overwrites it first
    (NEAREST, "best = stop\n", "best", "best_gap", False),
    # a distance where a pair was, and `best[0]` follows the loop
    (NEAREST, "best_gap = gap", "best_gap", "best", True),
    # a text method's argument: a number cannot be replaced in text, a word can
    (TIDY, "word.replace(mark", "mark", "n", True),
    (TIDY, "word.replace(mark", "mark", "word", False),
]


@pytest.mark.parametrize(("source", "line", "old", "new", "dropped"), MISASSIGNED,
                         ids=[f"{r[2]}-to-{r[3]}" for r in MISASSIGNED])
def test_a_name_given_a_value_it_cannot_be_used_as_is_dropped(sandbox, source, line, old,
                                                               new, dropped):
    traced = trace(source, (Scenario("s", ()),), sandbox)
    edit = _named(source, line, old, new)
    kept, gone = mistyped_edits([edit], source, traced[1])
    assert (gone == [edit]) is dropped and (kept == [edit]) is not dropped


def test_what_the_assignment_rule_drops_raises_and_what_it_keeps_is_logical(sandbox):
    """The proof agrees with every row: a dropped edit is a runtime error, a kept one a
    logical error."""
    for source in (DEAL, NEAREST, TIDY):
        rows = [r for r in MISASSIGNED if r[0] is source]
        exercise = Exercise("rows", "Rows.", source, (Scenario("s", ()),))
        prepared = prepare(exercise, sandbox)
        edits = [_named(source, line, old, new) for _, line, old, new, _ in rows]
        verdicts = verify_edits(prepared, edits, sandbox)
        assert [v.status for v in verdicts] == [RUNTIME if r[4] else LOGICAL for r in rows]


CONVERT = ("def convert(amount, unit, places):\n    if unit == 'km':\n        factor = 1000\n"
           "    elif unit == 'cm':\n        factor = 0.01\n{rest}"
           "    return round(amount * factor, places)\n\n\n"
           "print(convert(3, 'km', 0), convert(250, 'cm', 1))\n")


@pytest.mark.parametrize(("rest", "status"), [
    ("", RUNTIME),                                  # no else: `factor` left unbound
    ("    else:\n        factor = 1\n", LOGICAL),  # the else binds it: a wrong factor
])
def test_a_chain_test_swapped_leaves_its_name_unbound_only_without_else(sandbox, rest,
                                                                         status):
    """What `injectors/chain_binds.py` refuses (tests/test_injectors_roles.py) is what
    the proof finds: `if places == 'km'` skips every branch on the first call."""
    source = CONVERT.format(rest=rest)
    prepared = prepare(Exercise("convert", "Convert.", source, (Scenario("s", ()),)),
                       sandbox)
    edit = _named(source, "if unit", "unit", "places")
    verdict = verify_edits(prepared, [edit], sandbox)[0]
    assert verdict.status == status
    assert (verdict.exc_class == "UnboundLocalError") is (status == RUNTIME)


@pytest.mark.parametrize(("test", "status", "reason"), [
    ("number > 0", REJECTED, "timeout"),  # 1 // 1 is 1: the loop never ends
    ("number > 1", LOGICAL, None),        # stops at 1: a wrong list of digits
])
def test_a_loop_update_divided_by_itself_stalls_only_where_the_test_holds_at_one(
        sandbox, test, status, reason):
    """What `injectors/stalled_loops.py` refuses (tests/test_injectors_roles.py) is what
    the proof finds."""
    source = ("def digits(number, base):\n    out = []\n    while " + test + ":\n"
              "        out.append(number % base)\n        number //= base\n    return out\n"
              "\n\nprint(digits(345, 10))\n")
    prepared = prepare(Exercise("digits", "Digits.", source, (Scenario("s", ()),)), sandbox)
    verdict = verify_edits(prepared, [_named(source, "//= base", "base", "number")],
                           sandbox)[0]
    assert verdict.status == status and verdict.reason == reason


PAIRS = """\
import itertools


def groups(names, size):
    found = []
    for group in itertools.combinations(names, size):
        found.append("+".join(group))
    return found, size


print(groups(["ann", "bo", "cy"], 2))
"""


@pytest.mark.parametrize(("line", "old", "new", "status"), [
    ("tions(names, size)", "size", "names", RUNTIME),  # a list as the size of a combination
    ("found, size", "size", "names", LOGICAL),   # returned as it is: any value
])
def test_a_standard_function_called_through_its_module_takes_its_kind(sandbox, line, old,
                                                                       new, status):
    traced = trace(PAIRS, (Scenario("s", ()),), sandbox)
    edit = _named(PAIRS, line, old, new)
    kept, gone = mistyped_edits([edit], PAIRS, traced[1])
    assert (gone == [edit]) is (status == RUNTIME) and (kept == [edit]) is (status == LOGICAL)
    prepared = prepare(Exercise("pairs", "Pairs.", PAIRS, (Scenario("s", ()),)), sandbox)
    assert verify_edits(prepared, [edit], sandbox)[0].status == status
