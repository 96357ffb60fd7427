"""Probe runs (engine/probes.py, engine/infection.py): an edited expression that never
gives another value on the scenarios is not offered (an equivalent mutant), nor is a
logical edit whose expression can only raise. Each decision is checked against the
proof itself, and a probed program runs exactly as the program does."""

from __future__ import annotations

import pytest

from debugex.content import Exercise, Scenario
from debugex.engine.infection import infection
from debugex.engine.offer import offered_edits
from debugex.engine.probes import instrumented, layers, probes_for
from debugex.engine.verify import prepare, verify_edits
from debugex.injectors import LOGICAL, RUNTIME, Edit

pytestmark = pytest.mark.xdist_group("infection")

SHELF = '''\
"""Shelf labels."""
LIMIT = 10


def label(count, name):
    if count > LIMIT:
        return name.upper() + "!"
    size = count * 2
    if size >= 0:
        return name + str(size // 2)
    return name


def first(names):
    return names[0] + "/" + str(len(names))


class Shelf:
    WIDTH = LIMIT + 1

    def width(self):
        return self.WIDTH


print(label(3, "tea"), label(12, "jam"), first(["a", "b"]), Shelf().width())
'''


def _edit(source: str, old: str, new: str, nth: int = 0, error_class: str = LOGICAL
          ) -> Edit:
    start = -1
    for _ in range(nth + 1):
        start = source.index(old, start + 1)
    return Edit("wrong_constant", error_class, start, start + len(old), new, 1, ())


ONE_RUN = (Scenario("s", ()),)


def _prepared(sandbox, source: str = SHELF):
    return prepare(Exercise("shelf", "Labels for a shelf.", source, ONE_RUN), sandbox)


@pytest.mark.parametrize(("old", "new", "nth", "error_class", "decided"), [
    ("size >= 0", "size > 0", 0, LOGICAL, "equivalent"),  # size is only ever 6
    ("count > LIMIT", "count >= LIMIT", 0, LOGICAL, "equivalent"),  # 3 and 12: never 10
    ("size // 2", "size / 2", 0, LOGICAL, None),         # 3 vs 3.0: another value
    ("names[0]", "names[2]", 0, LOGICAL, "raises"),      # only an IndexError
    ("names[0]", "names[1]", 0, LOGICAL, None),          # "b": another value
    ("count * 2", "count + count", 0, LOGICAL, "equivalent"),
    ("names[0]", "names[2]", 0, RUNTIME, None),          # a runtime edit that raises: kept
    ("LIMIT + 1", "LIMIT + 2", 0, LOGICAL, None),        # a class body: never probed
])
def test_a_probe_decides_only_what_the_proof_confirms(sandbox, old, new, nth, error_class,
                                                       decided):
    prepared = _prepared(sandbox)
    edit = _edit(SHELF, old, new, nth, error_class)
    assert infection([edit], prepared, sandbox).get(edit) == decided
    assert_the_proof_agrees(verify_edits(prepared, [edit], sandbox)[0], decided)


def assert_the_proof_agrees(verdict, decided: str | None) -> None:
    """An edit the probes call equivalent proves equivalent; one they say raises is a
    runtime error."""
    if decided == "equivalent":
        assert verdict.reason == "equivalent"
    elif decided == "raises":
        assert verdict.status == RUNTIME


def test_a_constant_is_judged_by_the_whole_test_that_holds_it(sandbox):
    """`size >= -1` for `size >= 0`: the constant always differs, the test never does
    (size is only ever 6): equivalent, as the proof finds; `count > 2` for
    `count > LIMIT` gives another truth (3 > 2): kept."""
    prepared = _prepared(sandbox)
    at = SHELF.index("size >= 0") + len("size >= ")
    never = Edit("wrong_constant", LOGICAL, at, at + 1, "-1", 1, ())
    at = SHELF.index("count > LIMIT") + len("count > ")
    shown = Edit("wrong_constant", LOGICAL, at, at + len("LIMIT"), "2", 1, ())
    assert infection([never, shown], prepared, sandbox) == {never: "equivalent"}
    assert [v.reason for v in verify_edits(prepared, [never], sandbox)] == ["equivalent"]
    assert verify_edits(prepared, [shown], sandbox)[0].status == LOGICAL


def test_a_field_of_an_f_string_is_probed_where_it_reads_back(sandbox):
    """`value < 999` for `value < 1000` inside an f-string's field: the field's value
    never changes (5 and 7000 are far from 999), so the edit is equivalent, as the proof
    finds; a format spec is never wrapped."""
    source = ("def show(value, label):\n    return f'{value if value < 1000 else label}"
              " {label:>{value % 3 + 1}}'\n\n\nprint(show(5, 'k'), show(7000, 'M'))\n")
    prepared = _prepared(sandbox, source)
    at = source.index("1000")
    edit = Edit("wrong_constant", LOGICAL, at, at + 4, "999", 1, ())
    at = source.index("3 + 1")
    spec = Edit("wrong_constant", LOGICAL, at, at + 1, "4", 1, ())
    assert {p.edit for p in probes_for([edit, spec], source)} == {edit}
    assert infection([edit], prepared, sandbox) == {edit: "equivalent"}
    assert [v.reason for v in verify_edits(prepared, [edit], sandbox)] == ["equivalent"]


def test_a_probed_program_prints_what_the_program_prints(sandbox):
    edits = [_edit(SHELF, "count > LIMIT", "count >= LIMIT"), _edit(SHELF, "names[0]", "names[1]"),
             _edit(SHELF, "2", "3"), _edit(SHELF, "count * 2", "count + count")]
    groups = layers(probes_for(edits, SHELF))
    # `2` sits inside `count * 2`: both are probed as the whole `count * 2` (one group),
    # and `2` and `names[0]` on their own too (their smallest expressions)
    assert sorted(len(group) for layer in groups for group in layer) == [1, 1, 1, 1, 2]
    plain = sandbox.run(SHELF, ())
    for layer in groups:
        probed = sandbox.run(instrumented(SHELF, layer), ())
        assert probed.kind == plain.kind
        assert probed.stdout.replace("\x1e", "|").split("|")[-1] == plain.stdout


def test_a_program_that_catches_keeps_its_raising_edits(sandbox):
    source = ("def first(names):\n    return names[0]\n\n\ntry:\n    print(first(['a']))\n"
              "except KeyError:\n    print('none')\n")
    edit = _edit(source, "names[0]", "names[2]")
    assert infection([edit], _prepared(sandbox, source), sandbox) == {}


def test_iterators_and_calls_are_not_evaluated_twice(sandbox):
    source = ("def seen(items, it):\n    return 'a' in it, sorted(items)\n\n\n"
              "print(seen([2, 1], iter('ab')))\n")
    edits = [_edit(source, "'a' in it", "'b' in it"), _edit(source, "sorted(items)", "items")]
    assert probes_for(edits, source) == []


def test_a_probe_run_that_does_not_finish_decides_nothing(sandbox):
    source = "n = 0\nwhile n < 3 * 10 ** 6:\n    n = n + 1\nprint(n > 5)\n"
    prepared = _prepared(sandbox, source)
    edit = _edit(source, "n > 5", "n > 6")
    prepared.timeout = 0.001  # the probe run's limit is a few times this: it stops
    assert infection([edit], prepared, sandbox) == {}


def test_offered_edits_names_the_reasons(sandbox):
    prepared = _prepared(sandbox)
    same = _edit(SHELF, "count * 2", "count + count")
    raising = _edit(SHELF, "names[0]", "names[2]")
    other = _edit(SHELF, "names[0]", "names[1]")
    kept, dropped = offered_edits([same, raising, other], prepared, sandbox)
    assert kept == [other]
    assert dropped["equivalent"] == [same] and dropped["raises"] == [raising]
    # without a sandbox nothing is run and nothing is decided
    kept, dropped = offered_edits([same, raising, other], prepared)
    assert kept == [same, raising, other] and not dropped["equivalent"]


def test_a_test_is_compared_by_its_truth(sandbox):
    source = ("def report(items):\n    if not items:\n        return 'none'\n"
              "    return str(len(items))\n\n\nprint(report([1, 2]))\n")
    prepared = _prepared(sandbox, source)
    # [] or (): another value, but as falsy as `not items` is here: nothing shows
    same = _edit(source, "not items", "items == [] or ()")
    shown = _edit(source, "len(items)", "len(items) - 1")
    decided = infection([same, shown], prepared, sandbox)
    assert decided == {same: "equivalent"}
    assert verify_edits(prepared, [same], sandbox)[0].reason == "equivalent"


@pytest.mark.parametrize("source", [
    # the helper goes before the first decorator, not between it and its definition
    "import functools\n\n\n@functools.cache\ndef half(n):\n    return n // 2\n\n\nprint(half(9))\n",
    "@staticmethod\ndef half(n):\n    return n // 2\n\n\nprint(half.__func__(9))\n",
    # a pattern's value is not an expression a call may stand for
    "def name(n):\n    match n:\n        case 1:\n            return 'one'\n    return str(n // 2)\n"
    "\n\nprint(name(1), name(9))\n",
])
def test_a_probed_program_still_compiles(sandbox, source):
    edits = [_edit(source, "n // 2", "n / 2")]
    if "case 1" in source:
        edits.append(_edit(source, "1", "2"))
    probed = [instrumented(source, layer) for layer in layers(probes_for(edits, source))]
    assert probed
    for program in probed:
        assert sandbox.run(program, ()).kind == sandbox.run(source, ()).kind == "finished"


HALVES = "def half(n):\n    return n / 2\n"
PRICED = "def half(n):\n    return n / 2, 'units'\n"  # the number in a tuple


@pytest.mark.parametrize(("source", "calls", "decided"), [
    (HALVES, ("half(4)", "half(10)"), "type_only"),  # 2.0 == 2: nothing to show
    (HALVES, ("half(4)", "half(5)"), None),  # 2.5 and 2: a fraction lost
    (HALVES + "\n\nprint(half(4))\n", ("half(10)",), None),  # printed: `2.0` and `2`
    (PRICED, ("half(4)", "half(10)"), "type_only"),  # (2.0, 'units') == (2, 'units')
    (PRICED, ("half(4)", "half(5)"), None),  # (2.5, ...) and (2, ...)
])
def test_a_number_of_the_other_type_alone_is_no_fraction_lost(sandbox, source, calls,
                                                               decided):
    """`n // 2` for `n / 2` in a program that prints nothing and is only ever given even
    numbers returns values equal with `==`: the proof finds it equivalent. Where a call
    leaves a fraction, or the program prints the number, the edit is kept."""
    prepared = prepare(Exercise("halves", "Halve a number.", source,
                                (Scenario("s", (), calls=calls),)), sandbox)
    at = source.index("/ 2")
    edit = Edit("integer_division", LOGICAL, at, at + 1, "//", 2, ())
    assert infection([edit], prepared, sandbox).get(edit) == decided
    verdict = verify_edits(prepared, [edit], sandbox)[0]
    assert (verdict.reason == "equivalent") == (decided == "type_only")


DISTANCE = ("{imports}\n\ndef dist(x, y):\n    return sqrt(x * x + y * y)\n\n\n"
            "print(dist(-3, 4))\n")


@pytest.mark.parametrize(("imports", "decided"), [
    ("from math import sqrt", "raises"),  # sqrt(9 - 12): a ValueError, nothing printed
    ("import math\nsqrt = math.sqrt", None),  # a name the program binds: not probed whole
])
def test_a_math_function_the_program_imports_is_probed_whole(sandbox, imports, decided):
    """`x * y` for `y * y` under `sqrt` gives -3 for (-3, 4): the square root raises
    before anything is printed, as the proof finds. A `sqrt` the program binds itself
    could be anything: only `x * x + x * y` is probed, and it gives another value."""
    source = DISTANCE.format(imports=imports)
    prepared = prepare(Exercise("dist", "Distance from the origin.", source, ONE_RUN),
                       sandbox)
    at = source.index("y * y")
    edit = Edit("variable_misuse", LOGICAL, at, at + 1, "x", 5, ())
    assert infection([edit], prepared, sandbox).get(edit) == decided
    assert verify_edits(prepared, [edit], sandbox)[0].status == RUNTIME


CLAMPED = "def tens(n):\n    return max(1, n // 10)\n\n\nprint({calls})\n"


@pytest.mark.parametrize(("calls", "decided"), [
    ("tens(5), tens(7)", "equivalent"),  # 0 both ways: the larger is 1 every time
    ("tens(5), tens(95)", None),  # 9 against 10
])
def test_max_of_two_values_is_probed_whole(sandbox, calls, decided):
    """`n // 9` for `n // 10` inside `max(1, ...)`: where 1 is always the larger, the
    program never sees the change, as the proof finds."""
    source = CLAMPED.format(calls=calls)
    prepared = prepare(Exercise("tens", "Tens, at least one.", source, ONE_RUN), sandbox)
    at = source.index("10)")
    edit = Edit("wrong_constant", LOGICAL, at, at + 2, "9", 2, ())
    assert infection([edit], prepared, sandbox).get(edit) == decided
    assert (verify_edits(prepared, [edit], sandbox)[0].reason == "equivalent") \
        == (decided == "equivalent")


KEPT = "def small(xs):\n    return [x for x in range(1, len(xs) * 3) if x < 10]\n\n\nprint({calls})\n"


@pytest.mark.parametrize(("old", "new", "calls", "decided"), [
    ("x < 10", "x < 11", "small([4])", "equivalent"),  # x runs 1..2: never 10
    ("x < 10", "x < 11", "small([4, 5, 6, 7])", None),  # 10 is kept now
    ("len(xs) * 3", "len(xs) * 2", "small([])", "equivalent"),  # range(1, 0): empty
])
def test_a_comprehension_s_iterable_and_test_are_probed(sandbox, old, new, calls, decided):
    """A comprehension's iterable and its `if` are expressions like any other (only its
    target is not): an edit there that never changes them is seen to change nothing."""
    source = KEPT.format(calls=calls)
    prepared = prepare(Exercise("small", "Small numbers.", source, ONE_RUN), sandbox)
    edit = _edit(source, old, new)
    assert infection([edit], prepared, sandbox).get(edit) == decided
    assert (verify_edits(prepared, [edit], sandbox)[0].reason == "equivalent") \
        == (decided == "equivalent")
