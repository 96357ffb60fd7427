"""A variable swapped for a collection of the same kind whose items cannot serve
(engine/item_kinds.py, from the items' kinds the sandbox's trace reports): each row's
decision is checked against the proof of the edited program itself, and next to each
dropped shape stands one that must still be offered."""

from __future__ import annotations

import pytest

from debugex.content import Exercise, Scenario
from debugex.engine.mistyped import mistyped_edits, types_by_name
from debugex.engine.reach import trace
from debugex.engine.verify import prepare, verify_edits
from debugex.injectors import LOGICAL, RUNTIME, Edit
from debugex.sandbox import Job, Outcome

# Words counted per round: one dict of counts, one dict of first letters and one set of
# the words seen per round
TALLY = """\
def tally(words, rounds):
    counts = [{} for _ in range(rounds)]
    firsts = [{} for _ in range(rounds)]
    seen = [set() for _ in range(rounds)]
    for turn in range(rounds):
        for word in words[turn:]:
            counts[turn][word] = counts[turn].get(word, 0) + 1
            firsts[turn][word] = word[0]
            seen[turn].add(word)
    done = []
    for turn, found in enumerate(counts):
        print(turn, sorted(found.items()), len(seen[turn]))
        done.append(turn)
    last = counts[-1]
    first = counts[0]
    for word in sorted(last):
        print(word, last[word], first.get(word))
    return counts, done


print(tally(["jam", "tea", "jam", "oat"], 2))
"""

# A pair and a triple unpacked, a list of scores written into
SPLIT = """\
def total(triple):
    low, mid, high = triple
    return low + mid + high


def describe(pair, other, triple, scores):
    first, second = pair
    low, mid, high = triple
    scores[0] = total(triple)
    print(first, second, scores, other)
    return pair, triple


print(describe(("ann", "bo"), ("cy", "di"), [1, 2, 3], [0, 5, 7]))
"""

# Stops on a map: pairs of coordinates, their names, how far each is
ROUTE = """\
def span(ax, ay, bx, by):
    return abs(bx - ax) + abs(by - ay)


def route(stops, names, marks, home):
    total = 0
    for stop in stops:
        total += span(stop[0], stop[1], home[0], home[1])
    for name in names:
        if name in marks:
            print(name, "marked")
    shown = []
    for name in names:
        shown.append(name)
    print(" > ".join(shown), total)
    return total


print(route([(0, 0), (2, 3)], ["ann", "bo"], "ann cy", [1, 1]))
"""

ROWS = [
    # an item of a list of sets assigned to: a set has no item assignment
    (TALLY, "counts[turn][word] = counts", "counts", "seen", RUNTIME),
    # the neighbour: an item of another list of dicts, a wrong count
    (TALLY, "counts[turn][word] = counts", "counts", "firsts", LOGICAL),
    # the items of a list of sets looped over: a set has no `items()`
    (TALLY, "enumerate(counts)", "counts", "seen", RUNTIME),
    (TALLY, "enumerate(counts)", "counts", "firsts", LOGICAL),
    # a list of numbers, but filled by this very loop: empty when the loop starts
    (TALLY, "enumerate(counts)", "counts", "done", LOGICAL),
    # a list subscripted by a name that only held text
    (TALLY, "last[word]", "last", "words", RUNTIME),
    (TALLY, "last[word]", "last", "first", LOGICAL),
    # unpacked into a number of names it never had the length of
    (SPLIT, "first, second = pair", "pair", "triple", RUNTIME),
    (SPLIT, "first, second = pair", "pair", "other", LOGICAL),
    (SPLIT, "low, mid, high = triple", "triple", "pair", RUNTIME),
    # an item of a tuple assigned to; of another list, a wrong score
    (SPLIT, "scores[0] = total", "scores", "pair", RUNTIME),
    (SPLIT, "scores[0] = total", "scores", "triple", LOGICAL),
    # passed to a function that unpacks it first thing into three names
    (SPLIT, "= total(triple)", "triple", "pair", RUNTIME),
    (SPLIT, "= total(triple)", "triple", "scores", LOGICAL),
    # returned as it is: any length
    (SPLIT, "return pair", "pair", "triple", LOGICAL),
    # an item of the list of pairs passed where a number went; of another pair, a
    # wrong distance
    (ROUTE, "span(stop[0]", "stop", "stops", RUNTIME),
    (ROUTE, "span(stop[0]", "stop", "home", LOGICAL),
    # a list looked for in a text; a text in a text is a wrong answer
    (ROUTE, "if name in marks", "name", "stops", RUNTIME),
    (ROUTE, "if name in marks", "name", "marks", LOGICAL),
    # pairs joined as text; words joined in another order is a wrong line
    (ROUTE, '.join(shown)', "shown", "stops", RUNTIME),
    (ROUTE, '.join(shown)', "shown", "marks", LOGICAL),
    # a list of pairs added to a list of texts joined next; a text added is a wrong line
    (ROUTE, "shown.append(name)", "name", "stops", RUNTIME),
    (ROUTE, "shown.append(name)", "name", "marks", LOGICAL),
]


def _named(source: str, line: str, old: str, new: str) -> Edit:
    start = source.index(line) + line.index(old)
    return Edit("variable_misuse", LOGICAL, start, start + len(old), new, "", {})


def test_the_trace_reports_the_kinds_of_a_collections_items_and_its_length(sandbox):
    traced = trace(TALLY, (Scenario("s", ()),), sandbox)
    assert traced is not None
    assert {("counts", "list[dict]"), ("seen", "list[set]"), ("counts", "list/2"),
            ("words", "list[str]"), ("seen", "list")} <= traced[1]
    # what the other rules read is unchanged: a list is a collection
    assert types_by_name(traced[1])["seen"] == {"collection"}
    traced = trace(SPLIT, (Scenario("s", ()),), sandbox)
    assert {("pair", "tuple/2"), ("triple", "list/3"), ("pair", "tuple[str]")} <= traced[1]


@pytest.mark.parametrize(("source", "line", "old", "new", "status"), ROWS,
                         ids=[f"{r[2]}-to-{r[3]}-{i}" for i, r in enumerate(ROWS)])
def test_a_swap_whose_items_cannot_serve_is_dropped(sandbox, source, line, old, new,
                                                     status):
    traced = trace(source, (Scenario("s", ()),), sandbox)
    edit = _named(source, line, old, new)
    kept, gone = mistyped_edits([edit], source, traced[1])
    assert (gone == [edit]) is (status == RUNTIME) and (kept == [edit]) is (status == LOGICAL)


@pytest.mark.parametrize("source", [TALLY, SPLIT, ROUTE], ids=["tally", "split", "route"])
def test_what_the_item_rules_drop_raises_and_what_they_keep_is_logical(sandbox, source):
    """The proof agrees with every row: a dropped edit raises, a kept one is a logical
    error."""
    rows = [r for r in ROWS if r[0] is source]
    prepared = prepare(Exercise("rows", "Rows.", source, (Scenario("s", ()),)), sandbox)
    edits = [_named(source, line, old, new) for _, line, old, new, _ in rows]
    verdicts = verify_edits(prepared, edits, sandbox)
    assert [v.status for v in verdicts] == [r[4] for r in rows]


def test_a_report_of_items_keeps_the_wire_shape():
    wire = ["finished", "", None, None, "", None, [1], 0, [],
            [["rows", "list"], ["rows", "list[dict]"], ["rows", "list/2"]]]
    assert ("rows", "list[dict]") in Outcome.from_wire(wire).typed


LOUD = """\
class Loud(type):
    def __hash__(cls):
        print("hashed")
        return 1

    def __eq__(cls, other):
        print("compared")
        return False


class Item(metaclass=Loud):
    pass


def keep():
    items = [Item(), "tag"]
    return len(items)


print(keep())
"""


def test_reading_the_items_runs_none_of_the_programs_code(sandbox):
    """The item kinds are found by identity: a class whose metaclass prints when hashed
    or compared prints nothing while its instances are looked at."""
    outcome = sandbox.run_many([Job(LOUD, trace_lines=True)])[0]
    assert outcome.ok and outcome.stdout == "2\n"
    assert {("items", "list[object|str]"), ("items", "list/2")} <= outcome.typed
