"""Composition read as an exercise: density cap, spread, edit reuse, interplay, partials."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debugex.audit.grade import audit_records
from debugex.content.exercises import Exercise, Scenario, load_exercise
from debugex.engine.compose import ComposeOptions, InfeasibleRequest, compose
from debugex.engine.density import Layout, cap, code_lines, describe_density
from debugex.engine.interplay import analyse, original_line
from debugex.engine.partial import Shortfall, check_statement
from debugex.engine.pick import edit_signature
from debugex.engine.sites import SiteCatalog, catalog_for
from debugex.engine.verify import prepare
from debugex.formats.dataset import Record
from debugex.formats.messages import Request, parse_assistant
from debugex.injectors import Edit
from debugex.workflow.composition_stats import CompositionStats
from debugex.workflow.inject import inject

ROOT = Path(__file__).resolve().parents[1]


def exercise(source: str, *stdins: tuple[str, ...]) -> Exercise:
    scenarios = tuple(Scenario(f"s{n}", tuple(s)) for n, s in enumerate(stdins))
    return Exercise("fixture", "A small program.\n", source, scenarios, None, True)


def edit(source: str, old: str, new: str, error_class: str, occurrence: int = 0) -> Edit:
    start = -1
    for _ in range(occurrence + 1):
        start = source.index(old, start + 1)
    line = source.count("\n", 0, start) + 1
    return Edit("fixture", error_class, start, start + len(old), new, line)


# -- density ----------------------------------------------------------------------------

@pytest.mark.parametrize("source, lines", [
    ("x = 1\n", {1}),
    ("# only a comment\n\nx = 1\n\n", {3}),
    ("x = (1,\n     2)  # two lines\n", {1, 2}),
    ('def f():\n    """Doc."""\n    return 1\n', {1, 2, 3}),
    ("if x:\n  y = (\n", {1, 2}),  # does not tokenize: plain lines
])
def test_code_lines(source, lines):
    assert code_lines(source) == lines


@pytest.mark.parametrize("lines, density, expected", [
    (3, 0.5, 1), (8, 0.5, 4), (9, 0.5, 4), (1, 0.5, 0), (10, 1 / 3, 3), (7, 1.0, 7)])
def test_cap(lines, density, expected):
    assert cap(lines, density) == expected


@pytest.mark.parametrize("density, words", [
    (0.5, "one error per two code lines"), (1.0, "one error per code line"),
    (0.25, "one error per four code lines"), (0.4, "0.4 errors per code line")])
def test_describe_density(density, words):
    assert describe_density(density) == words


def test_layout_statements_and_blocks():
    source = ("total = 0\n"
              "for n in range(3):\n"
              "    if n:\n"
              "        total += (n +\n"
              "                  1)\n"
              "    total -= 1\n"
              "print(total)\n")
    layout = Layout(source)
    assert layout.statement(4) == layout.statement(5) != layout.statement(6)
    assert layout.block(1) == layout.block(2) == layout.block(7)
    assert layout.block(3) == layout.block(6) != layout.block(4)


SMALL = ("a = int(input())\n"
         "b = int(input())\n"
         "c = a + b\n"
         "d = a * b\n"
         "print(c)\n"
         "print(d)\n")


@pytest.fixture(scope="module")
def small(sandbox):
    return catalog_for(exercise(SMALL, ("3", "4"), ("1", "5")), sandbox)


def test_density_cap_refuses_with_the_reason(small, sandbox):
    assert len(code_lines(SMALL)) == 6
    with pytest.raises(InfeasibleRequest) as info:
        compose(small, Request(1, 1, 2), 1, sandbox)
    assert "6 lines of code, which hold at most 3" in str(info.value)
    more = compose(small, Request(1, 1, 2), 1, sandbox, options=ComposeOptions(max_density=1))
    assert more.delivered == Request(1, 1, 2) and more.density.actual == round(4 / 6, 4)


def test_partial_trims_to_the_cap_and_says_why(small, sandbox):
    result = compose(small, Request(1, 1, 2), 1, sandbox, allow_partial=True)
    assert result.partial and result.delivered.total == 3
    assert result.density.to_dict() == {"code_lines": 6, "max_density": 0.5, "cap": 3,
                                        "errors": 3, "actual": 0.5}
    statement = result.shortfall.statement()
    assert "the request asks for 1 syntax error, 1 runtime error and 2 logical errors" in \
        statement
    assert "its 6 lines of code hold at most 3 errors at one error per two code lines" in \
        statement


def only(catalog: SiteCatalog, keep) -> SiteCatalog:
    edits = [e for e in catalog.edits if keep(e)]
    return SiteCatalog(catalog.prepared, edits, [catalog.verdict(e) for e in edits])


def test_errors_share_a_line_only_when_nothing_else_fits(small, sandbox):
    spread = ComposeOptions(max_density=1)
    for seed in range(4):
        result = compose(small, Request(0, 0, 3), seed, sandbox, options=spread)
        lines = [p.line for p in result.errors]
        assert len(set(lines)) == 3 and not result.same_line
    # When only one line offers logical sites, it is two errors there or nothing.
    busy = catalog_for(exercise("n = int(input())\nprint(n * 2 + 10)\n", ("3",), ("7",)),
                       sandbox)
    line2 = only(busy, lambda e: e.line == 2)
    assert line2.offered["logical"] >= 2
    forced = compose(line2, Request(0, 0, 2), 1, sandbox, options=spread)
    assert forced.same_line and {p.line for p in forced.errors} == {2}


def test_spread_prefers_other_statements_and_blocks(sandbox):
    source = ("n = int(input())\n"
              "total = 0\n"
              "for i in range(n):\n"
              "    total = total + i\n"
              "    total = total * 1\n"
              "    total = total - 0\n"
              "if total > 10:\n"
              "    print('big')\n"
              "print(total)\n")
    catalog = catalog_for(exercise(source, ("4",), ("6",)), sandbox)
    layout = Layout(source)
    for seed in range(3):
        result = compose(catalog, Request(0, 0, 2), seed, sandbox)
        blocks = {layout.block(p.edit.line) for p in result.errors}
        assert len(blocks) == 2, [p.edit for p in result.errors]


# -- variety ----------------------------------------------------------------------------

def test_fresh_edits_first_then_one_reuse_then_none(small, sandbox):
    first = compose(small, Request(0, 0, 1), 1, sandbox)
    used = {edit_signature(first.errors[0].edit): 1}
    second = compose(small, Request(0, 0, 1), 1, sandbox, options=ComposeOptions(used=used))
    assert second.repeated == 0 and second.errors[0].edit != first.errors[0].edit
    one = only(small, lambda e: e == first.errors[0].edit)
    again = compose(one, Request(0, 0, 1), 1, sandbox, options=ComposeOptions(used=used))
    assert again.repeated == 1
    with pytest.raises(InfeasibleRequest):
        compose(one, Request(0, 0, 1), 1, sandbox,
                options=ComposeOptions(used={edit_signature(first.errors[0].edit): 2}))


# -- interplay --------------------------------------------------------------------------

LOOP = ("n = int(input())\n"
        "i = 0\n"
        "while i < n:\n"
        "    i += 1\n"
        "print(i)\n"
        "print('done')\n")


@pytest.fixture(scope="module")
def loop(sandbox):
    return prepare(exercise(LOOP, ("3",)), sandbox)


def test_a_crash_hides_a_later_mistake_until_it_is_fixed(loop, sandbox):
    crash = edit(LOOP, "n = int", "n = itn", "runtime")
    wrong = edit(LOOP, "'done'", "'dome'", "logical")
    result = analyse(loop, [crash, wrong], [1, 6], sandbox)
    assert result.ok and result.order == [1, 6] and result.hidden == [(6, 1)]
    assert result.nontrivial  # the thinking says so (see text/thinking.interplay_text)


def test_a_later_syntax_error_reported_first_is_said(loop, sandbox):
    # The tokenizer meets the unclosed string on line 6 before the parser reaches line 3.
    colon = edit(LOOP, "while i < n:", "while i < n", "syntax")
    quote = edit(LOOP, "'done'", "'done", "syntax")
    result = analyse(loop, [colon, quote], [3, 6], sandbox)
    try:
        compile(colon.apply(quote.apply(LOOP)), "p.py", "exec")
    except SyntaxError as exc:
        reported = exc.lineno  # which one comes first depends on the Python version
    assert result.ok and result.order == ([6, 3] if reported == 6 else [3, 6])
    assert result.nontrivial == (reported == 6)
    if reported == 6:
        assert result.first == 6 and result.earlier_of_same_class() == 3


def test_a_later_logical_error_shown_first_because_of_class_says_nothing(loop, sandbox):
    crash = edit(LOOP, "'done'", "done", "runtime")
    wrong = edit(LOOP, "i += 1", "i += 2", "logical")
    result = analyse(loop, [wrong, crash], [4, 6], sandbox)
    # The crash shows first (a runtime error outranks a logical one: no news), and the
    # wrong count is visible beside it (4 is printed before the crash, not 3).
    assert result.ok and result.order == [6, 4] and result.hidden == []
    assert not result.nontrivial


def test_independent_errors_are_reported_in_order_and_say_nothing(loop, sandbox):
    first = edit(LOOP, "print(i)", "print(i + 1)", "logical")
    second = edit(LOOP, "'done'", "'dome'", "logical")
    result = analyse(loop, [first, second], [5, 6], sandbox)
    assert result.ok and result.order == [5, 6] and result.hidden == []
    assert not result.nontrivial


def test_a_fix_one_program_showing_an_unclaimed_class_fails(loop, sandbox):
    faster = edit(LOOP, "i += 1", "i += 2", "logical")  # n=3: prints 4
    divide = edit(LOOP, "print(i)", "print(10 // (i - n - 1))", "logical")  # alone: -10
    name = edit(LOOP, "print('done')", "print(done)", "runtime")
    result = analyse(loop, [faster, divide, name], [4, 5, 6], sandbox)
    # Without the NameError, the two logical mistakes together divide by zero.
    assert not result.ok
    assert any("runtime error that none of them claims" in f for f in result.failures)


@pytest.mark.parametrize("line, expected", [(1, 1), (2, 2), (3, 2), (4, 3), (5, 4)])
def test_original_line_through_an_added_line(line, expected):
    source = "a\nb\nc\nd\n"
    added = Edit("x", "logical", 2, 3, "b\nb2", 2)  # line 2 becomes two lines
    assert original_line(line, source, [added]) == expected


# -- partial answers --------------------------------------------------------------------

def shortfall(**changes) -> Shortfall:
    values = dict(asked=Request(0, 3, 1), delivered=Request(0, 2, 1),
                  offered={"syntax": 5, "runtime": 2, "logical": 4}, code_lines=10,
                  max_density=0.5)
    values.update(changes)
    return Shortfall(**values)


def test_partial_statement_reads_back_true():
    note = shortfall().statement()
    assert "only 2 places where a runtime error can be made" in note
    assert "lines of code" not in note  # 4 errors fit in 10 lines: density is no reason
    assert check_statement(note, {"syntax": 0, "runtime": 3, "logical": 1},
                           {"syntax": 0, "runtime": 2, "logical": 1}, "x = 1\n") is None


@pytest.mark.parametrize("requested, delivered, program, problem", [
    ({"syntax": 0, "runtime": 4, "logical": 1}, {"syntax": 0, "runtime": 2, "logical": 1},
     "x\n" * 6, "were asked for"),
    ({"syntax": 0, "runtime": 4, "logical": 2}, {"syntax": 0, "runtime": 1, "logical": 2},
     "x\n" * 6, "were placed"),
    ({"syntax": 0, "runtime": 4, "logical": 2}, {"syntax": 0, "runtime": 1, "logical": 1},
     "x\n" * 5, "lines of code"),
])
def test_false_partial_statements_are_caught(requested, delivered, program, problem):
    note = shortfall(asked=Request(0, 4, 2), delivered=Request(0, 1, 1), code_lines=6,
                     offered={"syntax": 5, "runtime": 9, "logical": 9}).statement()
    assert "its 6 lines of code hold at most 3 errors" in note
    found = check_statement(note, requested, delivered, program)
    assert found is not None and problem in found


def test_partial_draft_audits_clean_and_a_false_one_does_not(sandbox):
    target = load_exercise(ROOT / "content" / "times_table")
    result = inject(target, Request(1, 1, 2), 3, sandbox, allow_partial=True,
                    options=ComposeOptions())
    assert result.composition.partial
    parsed = parse_assistant(result.assistant_xml)
    assert "fewer errors than requested" in parsed.note and parsed.note in parsed.thinking
    lying = result.assistant_xml.replace("its 3 lines of code", "its 2 lines of code")
    records = [Record("true", result.user_xml, result.assistant_xml),
               Record("false", result.user_xml, lying)]
    honest, false = audit_records(records, sandbox, [target])
    assert honest.defects == []
    assert [d["kind"] for d in false.defects] == ["partial_statement_false"]


def test_inject_keeps_a_hand_made_request_without_a_density_cap(sandbox):
    target = load_exercise(ROOT / "content" / "times_table")  # 3 code lines
    result = inject(target, Request(0, 1, 1), 3, sandbox)
    assert result.composition.delivered == Request(0, 1, 1)
    assert result.composition.density.actual == round(2 / 3, 4)


def test_stats_histogram_and_shares():
    stats = CompositionStats()
    base = {"request": {"syntax": 3, "runtime": 3, "logical": 0}, "partial": False}
    stats.add({**base, "composition": {"density": {"actual": 0.25, "errors": 3, "cap": 4},
                                       "repeated_edits": 1, "interplay_failures": 2}})
    stats.add({**base, "partial": True, "request": {"syntax": 1, "runtime": 0, "logical": 0},
               "composition": {"density": {"actual": 0.5, "errors": 2, "cap": 2}}})
    data = stats.to_dict()
    assert data["density_histogram"] == {"[0.2,0.3)": 1, "[0.5,0.6)": 1}
    assert data["repeated_edit_share"] == 0.5 and data["partial_share"] == 0.5
    assert data["requests_6_plus_share"] == 0.5
    assert data["interplay_failures_before_recomposition"] == 2
    assert data["drafts_above_density_cap"] == 0


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.tuples(st.integers(0, 2), st.integers(0, 2), st.integers(0, 2)),
       st.integers(0, 10**6))
def test_any_composition_keeps_the_rules(small, sandbox, counts, seed):
    if sum(counts) == 0:
        return
    try:
        result = compose(small, Request(*counts), seed, sandbox)
    except InfeasibleRequest:
        assert sum(counts) > 3  # 6 code lines hold 3 errors; each class offers 2+ sites
        return
    edits = [p.edit for p in result.errors]
    assert result.density.errors == len(edits) <= result.density.cap == 3
    assert not any(a.overlaps(b) for a in edits for b in edits if a is not b)
    lines = [p.line for p in result.errors]
    assert result.same_line == (len(set(lines)) < len(lines))
    assert result.interplay is None or result.interplay.ok


def test_the_thinking_carries_the_interplay_sentence_only_when_it_says_something(small,
                                                                                 sandbox):
    from debugex.engine.interplay import Interplay
    from debugex.engine.render import build_messages

    result = compose(small, Request(0, 1, 1), 2, sandbox)
    lines = [p.line for p in result.errors]
    target = exercise(SMALL, ("3", "4"))
    classes = [p.edit.error_class for p in result.errors]
    result.interplay = Interplay(lines, classes, order=lines, met=[0, 1])
    masking = ("shows nothing until", "becomes visible once", " hides ", "first problem",
               "reports line")
    plain = build_messages(target, result, 1)[1].thinking
    assert not any(m in plain for m in masking)
    result.interplay = Interplay(lines, classes, order=lines, met=[0, 1],
                                 hidden=[(lines[1], lines[0])])
    told = build_messages(target, result, 1)[1].thinking
    said = [s for s in told.splitlines() if any(m in s for m in masking)]
    assert len(said) == 1 and f"error on line {lines[1]}" in said[0] \
        and f"error on line {lines[0]}" in said[0]
