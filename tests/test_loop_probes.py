"""Loop probes (engine/loop_probes.py, engine/return_probes.py): an initialisation or a
`return` moved into a loop, and a range one over, watched in the correct program's probe
runs. Each decision is checked against the proof itself, and the programs next to them
where the edit is a wrong answer are never decided."""

from __future__ import annotations

import pytest
from test_infection import assert_the_proof_agrees

from debugex.changes.candidates import find_sites
from debugex.content import Exercise, Scenario
from debugex.engine.infection import infection
from debugex.engine.statement_probes import statement_probes_for
from debugex.engine.verify import prepare, verify_edits
from debugex.injectors import LOGICAL, REGISTRY, ProgramIndex

pytestmark = pytest.mark.xdist_group("infection")

# The list is read after a loop that, for an empty input, makes no pass: the moved
# `out = []` never runs, and `return out` raises (before the edited program parts from
# this one anywhere else: a first pass resets nothing).
SQUARES = '''\
def squares(values):
    out = []
    for v in values:
        out.append(v * v)
    return out


print(squares([]), squares([1, 2]))
'''

# `found[n - 1]` at the end of the first pass: one even number found, the third asked.
NTH_EVEN = '''\
def nth_even(n):
    found = []
    k = 0
    while len(found) < n:
        k += 1
        if k % 2 == 0:
            found.append(k)
    return found[n - 1]


print(nth_even(3))
'''

# For 0 the loop makes no pass: the moved return is never reached and None comes back
# to `count_up(n) * 2`.
DOUBLED = '''\
def count_up(n):
    c = 0
    while c < n:
        c += 1
    return c


def doubled(n):
    return count_up(n) * 2


print(doubled(0), doubled(3))
'''
# ... where the value is first tested for None: a wrong answer, no crash.
TESTED = DOUBLED.replace("    return count_up(n) * 2", "    got = count_up(n)\n"
                         "    if got is None:\n        return -1\n    return got * 2")

# The star is written at `width - 1 + i`: one pass more writes past the row's end.
STAR = '''\
def star(width):
    row = [" "] * (2 * width - 1)
    for i in range(width):
        row[width - 1 + i] = "*"
    return "".join(row)


print(star(3))
'''
# The first k of more than k: one pass more reads one more, still inside the list.
HEAD = '''\
def head(xs, k):
    t = 0
    for i in range(k):
        t += xs[i]
    return t


print(head([1, 2, 3], 2))
'''

# One pass more gives the verse's number to `verse`, which indexes with it.
VERSES = '''\
LINES = ["one", "two", "three"]


def verse(number):
    return LINES[number] + "!"


def song(count):
    return [verse(n) for n in range(count)]


print(song(3))
'''
# A search whose extra pass (i = m) never finds: (a * m) % m is 0.
INVERSE = '''\
def inverse(a, m):
    for i in range(1, m):
        if (a * i) % m == 1:
            return i
    return 0


print(inverse(3, 7), inverse(2, 4))
'''
# ... and one whose extra pass finds: 3 * 3 > 5.
OVER = INVERSE.replace("(a * i) % m == 1", "i * i > a").replace(
    "print(inverse(3, 7), inverse(2, 4))", "print(inverse(5, 3))")

# A search whose later passes never find: returning after the first pass returns the same.
FIRST_BAD = '''\
def first_bad(digits):
    for d in digits:
        if not "0" <= d <= "1":
            return d
    return ""


print(first_bad("101"), first_bad("0"))
'''
# ... and one whose third pass finds "2".
THIRD_BAD = FIRST_BAD.replace('first_bad("0")', 'first_bad("102")')

# A try that calls only a builtin catches nothing the program raises elsewhere: the
# nested empty list, first, makes no pass.
FLAT = '''\
def listy(thing):
    try:
        iter(thing)
    except TypeError:
        return False
    return not isinstance(thing, str)


def flat(items):
    out = []
    for item in items:
        if listy(item):
            out += flat(item)
        else:
            out.append(item)
    return out


print(flat([[], 1, [2]]))
'''
# ... but one around the call catches the raise: the program prints another line.
FLAT_CAUGHT = FLAT.replace("print(flat([[], 1, [2]]))",
                           "try:\n    print(flat([[], 1, [2]]))\nexcept TypeError:\n"
                           "    print('not flat')")

# A search that finds on a later pass: the edited call gives None after the first, and
# the caller reads an attribute of what it gets.
FOUND = '''\
class Point:
    def __init__(self, x):
        self.x = x


def at(points, x):
    for p in points:
        if p.x == x:
            return p
    return None


def shifted(points, x):
    return at(points, x).x + 1


print(shifted([Point(1), Point(2)], 2))
'''

# One score: the loop makes no pass, and the name is read at the position None.
BEST = '''\
def best(scores):
    at = 0
    for i in range(1, len(scores)):
        if scores[i] > scores[at]:
            at = i
    return at


names = ["Ann"]
print(names[best([5])])
'''


def _edit(injector: str, source: str, line: int, form: str | None = None):
    return next(e for e in find_sites(ProgramIndex(source), [REGISTRY[injector]])
                if e.line == line and (form is None or e.info.get("form") == form))


CASES = [  # (name, program, injector, line, form, the probes' decision)
    ("an initialisation moved, a loop with no pass", SQUARES, "accumulator_reset_in_loop",
     3, None, "raises"),
    ("an initialisation moved, every loop runs", SQUARES.replace("squares([]), ", ""),
     "accumulator_reset_in_loop", 3, None, None),
    ("a return whose value raises after one pass", NTH_EVEN, "return_in_loop", 8, None,
     "raises"),
    ("a return moved, None into an operation", DOUBLED, "return_in_loop", 5, None,
     "raises"),
    ("a return moved, None tested first", TESTED, "return_in_loop", 5, None, None),
    ("a range one over written past a row's end", STAR, "off_by_one_range", 3, "one_over",
     "raises"),
    ("a search returning after a pass that never finds", FIRST_BAD, "return_in_loop", 5,
     None, "equivalent"),
    ("a search returning before the pass that finds", THIRD_BAD, "return_in_loop", 5, None,
     None),
    ("None into an operation, a try elsewhere", FLAT, "return_in_loop", 16, None,
     "raises"),
    ("a name unbound, a try elsewhere", FLAT, "accumulator_reset_in_loop", 11, None,
     "raises"),
    ("None into an operation, caught", FLAT_CAUGHT, "return_in_loop", 16, None, None),
    ("None read as a position", BEST, "return_in_loop", 6, None, "raises"),
    ("a search's None into an attribute", FOUND, "return_in_loop", 10, None, "raises"),
    ("a range one over, still inside the list", HEAD, "off_by_one_range", 3, "one_over",
     None),
    ("a range one over, indexed in the function called", VERSES, "off_by_one_range", 9,
     "one_over", "raises"),
    ("a search's extra pass never finds", INVERSE, "off_by_one_range", 2, "one_over",
     "equivalent"),
    ("a search's extra pass finds", OVER, "off_by_one_range", 2, "one_over", None),
]


@pytest.mark.parametrize(("source", "injector", "line", "form", "decided"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_loop_probe_decides_only_what_the_proof_confirms(sandbox, source, injector, line,
                                                           form, decided):
    prepared = prepare(Exercise("probe", "A probed program.", source,
                                (Scenario("s", ()),)), sandbox)
    edit = _edit(injector, source, line, form)
    probes = statement_probes_for([edit], source)
    assert probes, "probed"
    assert infection([edit], prepared, sandbox).get(edit) == decided
    verdict = verify_edits(prepared, [edit], sandbox)[0]
    assert_the_proof_agrees(verdict, decided)
    if decided is None:
        assert verdict.status == LOGICAL


def test_a_moved_initialisation_bound_elsewhere_is_not_probed():
    """A parameter of the same name is there after a loop with no pass: nothing to see."""
    source = SQUARES.replace("def squares(values):", "def squares(values, out=None):")
    edit = _edit("accumulator_reset_in_loop", source, 3)
    assert statement_probes_for([edit], source) == []
