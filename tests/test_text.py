"""The text layer: explanations from the evidence, thinking that holds, styles, and the
audit's text checks."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from debugex.audit.misleading import misleading
from debugex.changes.diffing import recover_changes
from debugex.injectors import ProgramIndex, all_injectors
from debugex.text.class_words import claimed_class
from debugex.text.evidence import Evidence, article, input_phrase, plural, shorten, symptom
from debugex.text.explanations import explanation, generic_cause
from debugex.text.facts import ErrorFacts
from debugex.text.program import backtick_spans, never_closed, visible
from debugex.text.summary import program_summary
from debugex.text.thinking import closing


@pytest.mark.parametrize(("word", "expected"), [
    ("`if`", "an"), ("`else`", "an"), ("`elif`", "an"), ("`for`", "a"), ("IndexError", "an"),
    ("UnboundLocalError", "an"), ("NameError", "a"), ("unit", "a"), ("`while`", "a"),
])
def test_articles(word, expected):
    assert article(word) == expected


@pytest.mark.parametrize(("count", "expected"), [(1, "1 argument"), (2, "2 arguments"),
                                                 (0, "0 arguments")])
def test_plurals(count, expected):
    assert plural(count, "argument") == expected


@pytest.mark.parametrize(("stdin", "expected"), [
    ((), ""), (("75",), "with the input 75"), (("Ada", "90"), 'with the inputs "Ada" and 90'),
    ((" 7",), 'with the input " 7"'), (("  canberra",), 'with the input "  canberra"'),
    (("a\tb",), 'with the input "a\\tb"'),
    (("1", "2", "3", "4", "5"), "with the inputs 1, 2, 3, 4, … (5 in all)"),
])
def test_inputs_are_named_as_a_teacher_writes_them(stdin, expected):
    assert input_phrase(stdin) == expected


def test_shortening_keeps_the_part_that_differs():
    want, got = shorten("Mark: Pass with merit", "Mark: Pass")
    assert (want, got) == ("Pass with merit", "Pass")


def logical(stdin=("75",), difference="output line 2: expected 'Pass with merit', got 'Pass'"):
    return Evidence("logical", difference=difference, stdin=stdin)


@pytest.mark.parametrize(("evidence", "case", "seen"), [
    (logical(), "with the input 75", 'the program prints "Pass" instead of "Pass with merit"'),
    (logical(stdin=()), "when it runs", 'the program prints "Pass" instead of "Pass with merit"'),
    (logical(difference="expected 3 output lines, got 2"), "with the input 75",
     "the program prints 2 lines of output where 3 lines are expected"),
    (Evidence("logical", call="f(2)", expected="4", actual="5"), "`f(2)`",
     "returns 5 instead of 4"),
])
def test_the_symptom_is_the_observed_case(evidence, case, seen):
    assert symptom(evidence) == (case, seen)


def facts(injector, error_class, line, evidence, before="", after="", **info):
    return ErrorFacts(injector, error_class, line, line, before, after, evidence, info)


GRADE = ('mark = int(input("Mark: "))\nif mark > 70:\n    print("Pass with merit")\n'
         'else:\n    print("Pass")\n')


def test_a_logical_explanation_states_input_output_and_expectation():
    text = explanation(facts("wrong_constant", "logical", 2, logical(), old="70", new="80",
                             role="condition"),
                       GRADE.replace("70", "80"), random.Random(1))
    assert text.startswith("Line 2: ")
    assert 'with the input 75' in text.lower()
    assert '"Pass" instead of "Pass with merit"' in text
    assert claimed_class(text) == "logical"


@pytest.mark.parametrize(("old", "new", "slip"), [("<", "<=", True), (">=", ">", True),
                                                 ("<", ">", False), ("<=", ">", False),
                                                 (">", "<=", False)])
def test_a_reversed_comparison_is_not_called_a_boundary_slip(old, new, slip):
    error = facts("boundary_comparison", "logical", 2, logical(), old=old, new=new,
                  old_meaning="", new_meaning="")
    assert error.kind == ("boundary_slip" if slip else "reversed_comparison")
    program = GRADE.replace(">", new)
    for seed in range(6):
        text = explanation(error, program, random.Random(seed))
        assert ("boundary" in text) == slip


def test_the_string_that_never_closes_is_the_one_named():
    program = 'stock = {"pen": 2}\nitem = "pen"\nprint("Only\', stock[item], item, "left.")\n'
    assert never_closed(program) == (3, '")')
    error = facts("unterminated_string", "syntax", 3,
                  Evidence("syntax", "SyntaxError", 3, "unterminated string literal"),
                  broken="\"Only'", problem="", quote='"')
    for seed in range(4):
        text = explanation(error, program, random.Random(seed))
        assert '`")`' in text and "Only'" not in text


def test_a_removed_statement_is_placed_before_the_line_that_now_stands_there():
    program = "valid = True\nfor c in 'ab1':\n    if c.isdigit():\n        pass\nif valid:\n" \
              "    print('ok')\n"
    error = facts("missing_statement", "logical", 5, logical(stdin=()),
                  statement="valid = False", effect="`valid` keeps the value it had before")
    for seed in range(6):
        text = explanation(error, program, random.Random(seed))
        assert "before `if valid:`" in text and "valid = False" not in text
        assert "used to be" not in text


@pytest.mark.parametrize("style", ["teacher", "terse"])
def test_unknown_injectors_get_text_from_their_class_and_evidence(style):
    program = "a = 1\nb = 2\nprint(a + b)\n"
    cases = [
        ("syntax", Evidence("syntax", "SyntaxError", 3, "'(' was never closed")),
        ("runtime", Evidence("runtime", "RecursionError", 3, "maximum recursion depth",
                             stdin=("5",))),
        ("logical", Evidence("logical", difference="output line 1: expected '3', got '4'",
                             stdin=())),
    ]
    for error_class, evidence in cases:
        text = explanation(facts("not_a_known_injector", error_class, 3, evidence), program,
                           random.Random(0), style)
        assert text.startswith("Line 3: ") and claimed_class(text) == error_class
    assert "was never closed" in generic_cause(facts("x", "syntax", 3, cases[0][1]), program)


def _catalogue_cases():
    for injector in all_injectors():
        for example in injector.examples:
            yield pytest.param(injector, example, id=injector.id)


def _verdict_for(error_class, line):
    if error_class == "syntax":
        return Evidence("syntax", "SyntaxError", line, "invalid syntax")
    if error_class == "runtime":
        return Evidence("runtime", "TypeError", line, "bad operand", stdin=("3",))
    return Evidence("logical", difference="output line 1: expected 'a 4', got 'a 5'",
                    stdin=("3",))


@pytest.mark.parametrize(("injector", "example"), list(_catalogue_cases()))
def test_every_injector_is_explained_truthfully_in_both_styles(injector, example):
    """Over the whole catalogue: the explanation names the class the audit reads, and
    the teacher style quotes only code the incorrect program shows."""
    program = ProgramIndex(example.before)
    edits = [e for e in injector.sites(program) if e.apply(example.before) == example.after]
    if not edits:
        pytest.skip("example not produced by a single site")
    edit = edits[0]
    error = ErrorFacts(edit.injector, edit.error_class, edit.line,
                       example.before.count("\n", 0, edit.start) + 1,
                       example.before[edit.start:edit.end], edit.replacement,
                       _verdict_for(edit.error_class, edit.line), edit.info)
    for seed in range(3):
        teacher = explanation(error, example.after, random.Random(seed))
        assert teacher.startswith(f"Line {edit.line}: ")
        assert claimed_class(teacher) == edit.error_class, teacher
        hidden = [s for s in backtick_spans(teacher) if not visible(s, example.after)]
        assert not hidden, teacher
        for stock in ("used to be on this line", "gives the wrong answer for some inputs",
                      "argument(s)", "a `if`", "a `else`"):
            assert stock not in teacher
    terse = explanation(error, example.after, random.Random(0), "terse")
    assert claimed_class(terse) == edit.error_class and terse.count(". ") == 0


@given(st.lists(st.tuples(st.integers(1, 30), st.sampled_from(["syntax", "runtime",
                                                                 "logical"])),
                min_size=2, max_size=6), st.integers(0, 50))
def test_closing_remarks_hold_for_the_draft(errors, seed):
    error_facts = [facts("x", c, line, Evidence(c)) for line, c in errors]
    text = closing(error_facts, random.Random(seed))
    lines = sorted(line for line, _ in errors)
    classes = {c for _, c in errors}
    if "separate lines" in text or "line of its own" in text or "share a line" in text:
        assert len(set(lines)) == len(lines)
    if "more than one error" in text:
        assert len(set(lines)) < len(lines)
    if "within lines" in text or "packed into" in text:
        assert lines[-1] - lines[0] <= 3
    if "cannot show" in text or "out of sight" in text or "surface later" in text:
        assert "syntax" in classes and len(classes) > 1
    if "logical" in text and "only careful testing" in text:
        assert classes == {"logical"}
    for false in ("different lines where possible", "Spreading the errors",
                  "the first message Python prints"):
        assert false not in text


@pytest.mark.parametrize(("description", "expected"), [
    ("Write a program that reads two numbers and prints their sum.",
     "reads two numbers and prints their sum"),
    ("Write a function middle(items) that returns the middle item.",
     "`middle`"),
    ("Ask the user for a number.", ""),
])
def test_the_summary_retells_the_task(description, expected):
    text = program_summary(description, random.Random(3))
    assert (expected in text) if expected else text == ""


CORRECT = "i = 2\nx = [1, 2, 3, 4]\nprint(x[i + 1])\nif i < 3:\n    print(i)\ny = 1\nprint(y)\n"
WRONG = "i = 2\nx = [1, 2, 3, 4]\nprint(x[i - 1])\nif i > 3:\n    print(i)\nprint(y)\n"


@pytest.mark.parametrize(("explanations", "count"), [
    (["Line 3: in `i + 1` the values are subtracted - a logical error.",
      "Line 4: the value at the boundary takes the wrong branch - a logical error.",
      "Line 6: `y = 1` used to be on this line, a NameError."], 3),
    (["Line 3: in `i - 1` the values are subtracted where `i + 1` was meant, a logical error.",
      "Line 4: `>` tests the opposite direction - a logical error.",
      "Line 6: the statement that should come before `print(y)` is missing; a NameError."],
     0),
    (["Line 6: the statement that should come before `if i > 3:` is missing; NameError."], 1),
])
def test_the_audit_finds_misleading_explanations(explanations, count):
    changes = recover_changes(CORRECT, WRONG)
    assert len(misleading(CORRECT, WRONG, explanations, changes)) == count


def test_the_order_met_is_matched_by_line_and_class_not_by_position():
    from debugex.engine.interplay import Interplay
    from debugex.text.thinking import _met_order

    draft = [facts("a", "logical", 2, Evidence("logical")),
             facts("b", "runtime", 13, Evidence("runtime")),
             facts("c", "syntax", 26, Evidence("syntax"))]
    # composed in another order: syntax, logical, runtime; met: syntax, logical, runtime
    interplay = Interplay([26, 2, 13], ["syntax", "logical", "runtime"], met=[0, 1, 2])
    assert _met_order(interplay, draft) == [2, 0, 1]
    assert _met_order(Interplay([26, 2], ["syntax", "logical"], met=[0, 1]), draft) is None
