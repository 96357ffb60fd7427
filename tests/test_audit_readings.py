"""The audit's readings of a teacher's text (docs/changes.md, "Readings"): per reading, one
small record that uses it rightly (no defect, the reading said in a note) and one that
abuses it (the defect still found), all audited in one batch; and the changes each reading
recovers, without running anything. Programs and records are our own writing."""

from __future__ import annotations

import pytest

from debugex.audit import audit_records
from debugex.audit.regroup import apply_all, read_changes
from debugex.content import Exercise, Scenario
from debugex.formats import (
    Record,
    Request,
    UserMessage,
    explanation_line,
    explanation_of_original,
    render_user,
    tag_relative_program,
)

AREA = 'import math\n\nside = float(input("Side: "))\nprint("Area:", side * side)\n' \
       'print("Pi:", round(math.pi, 2))\n'
CONSTANTS = "A = 2\nB = 3\nprint(A * B)\n"
SUMS = "nums = [1, 2, 3]\nprint(sum(nums))\n"
LABEL = 'total = 7\ncount = 2\nprint("Sum:", total)\n'
ONE_LINE = 'print("Ready")\n'
FLOORS = "import math\nvals = [math.floor(1.5), math.floor(2.5), math.floor(3.5)]\n" \
         "print(len(vals))\n"
PROGRAMS = {"area": AREA, "constants": CONSTANTS, "sums": SUMS, "label": LABEL,
            "one_line": ONE_LINE, "floors": FLOORS}
EXERCISES = [Exercise(name, f"The {name} program.\n", source,
                      (Scenario("run", ("3",) if name == "area" else ()),))
             for name, source in PROGRAMS.items()]


def _assistant(program: str, locations: list[str], explanations: list[str],
               nested: int | None = None) -> str:
    """Our layout, or (nested = spaces of the program beyond its tag) a dataset's that
    indents its blocks inside <root>, their text at the tag's own indentation."""
    def block(tag: str, text: str, extra: int = 0) -> str:
        pad = "" if nested is None else "    "
        lines = "".join(pad + " " * extra + line if line.strip() else line
                        for line in text.splitlines(keepends=True))
        return f"{pad}<{tag}>\n{lines}{pad}</{tag}>\n"
    return ("<root>\n" + block("thinking", "Our reasoning.\n")
            + block("incorrect-program", program, nested or 0)
            + block("error-location", "".join(x + "\n" for x in locations))
            + block("explanation", "".join(x + "\n" for x in explanations)) + "</root>\n")


def _record(name: str, correct: str, program: str, request: tuple[int, int, int],
            locations: list[str], explanations: list[str], nested: int | None = None
            ) -> Record:
    user = render_user(UserMessage(f"The {name} program.", correct, Request(*request)))
    return Record(name, user, _assistant(program, locations, explanations, nested))


NO_IMPORT = AREA.replace("import math\n", "")
MERGED = CONSTANTS.replace("A = 2\nB = 3\n", "A = 2, B = 3\n")
SHIFTED = SUMS.replace("[1, 2, 3]", "[0, 1, 2]")
QUOTED = LABEL.replace('print("Sum:", total)', "print(\"Sum:',count)")
SHORT = FLOORS.replace("import math\nvals = [math.floor(1.5), math.floor(2.5), "
                       "math.floor(3.5)]\n", "vals = [math.floor(1.5)]\n")
QUOTE = "Line 3: the text opens with a double quote and ends with a single one, a syntax error."
REMOVAL = "Line 1 of original program: Removed the import, so `math` is not defined: a NameError."
# reading: (clean record, (abused record, the defect it must still show))
CASES = {
    "original_line_explanation": (
        _record("area", AREA, NO_IMPORT, (0, 1, 0), ["Removed line 1 of original program"],
                ["Line 1 of original program: Removed the import of math, so `math.pi` "
                 "raises a NameError after the area is printed."]),
        (_record("area", AREA, AREA.replace("side * side", "side * 2"), (0, 0, 1),
                 ["Removed line 4 of original program"],
                 ["Line 4 of original program: Removed the area line: a logical error."]),
         "wrong_line")),
    "merged_statements": (
        _record("constants", CONSTANTS, MERGED, (1, 0, 0), ["1"],
                ["Line 1: two assignments on one line with a comma, a syntax error."]),
        (_record("constants", CONSTANTS, MERGED, (1, 1, 0), ["1", "1"],
                 ["Line 1: two assignments on one line with a comma, a syntax error.",
                  "Line 1: `B` is no longer defined, so `A * B` raises a NameError."]),
         "count_mismatch")),
    "whole_literal": (
        _record("sums", SUMS, SHIFTED, (0, 0, 1), ["1"],
                ["Line 1: the list holds 0 to 2 instead of 1 to 3, so the sum is 3 instead "
                 "of 6: a logical error."]),
        (_record("sums", SUMS, SHIFTED.replace("nums = [", "num = ["), (0, 0, 1), ["1"],
                 ["Line 1: the list holds 0 to 2 instead of 1 to 3: a logical error."]),
         "unexplained_change")),
    "broken_quote_line": (
        _record("label", LABEL, QUOTED, (1, 0, 1), ["3", "3"],
                [QUOTE, "Line 3: `count` is printed instead of `total`, a logical error."]),
        (_record("label", LABEL, QUOTED, (1, 0, 0), ["3"], [QUOTE]), "unexplained_change")),
    "tag_indentation": (
        _record("one_line", ONE_LINE, ONE_LINE, (1, 0, 0), ["1"],
                ["Line 1: incorrectly indented the line, an IndentationError."], nested=4),
        (_record("one_line", ONE_LINE, ONE_LINE, (1, 0, 0), ["1"],
                 ["Line 1: incorrectly indented the line, an IndentationError."], nested=0),
         "no_such_change")),
    "change_alone": (
        _record("floors", FLOORS, SHORT, (0, 1, 1),
                ["Removed line 1 of original program", "1"],
                [REMOVAL, "Line 1: the list keeps one value, so 1 is printed instead of 3: "
                          "a logical error."]),
        (_record("floors", FLOORS, SHORT, (0, 1, 0), ["Removed line 1 of original program"],
                 [REMOVAL]), "unexplained_change")),
}


@pytest.fixture(scope="module")
def audited(sandbox):
    records = [r for clean, (abused, _) in CASES.values() for r in (clean, abused)]
    audits = audit_records(records, sandbox, EXERCISES)
    return {name: (audits[2 * n], audits[2 * n + 1]) for n, name in enumerate(CASES)}


@pytest.mark.parametrize("reading", sorted(CASES))
def test_a_record_using_a_reading_holds_and_says_so(audited, reading):
    audit = audited[reading][0]
    assert audit.defects == [], audit.defects
    assert all(c.verdict == "holds" for c in audit.claims), audit.claims
    assert {n["kind"] for n in audit.notes} & {"other_reading", "removed_line_location"}


@pytest.mark.parametrize("reading", sorted(CASES))
def test_a_record_abusing_a_reading_keeps_its_defect(audited, reading):
    kind = CASES[reading][1][1]
    assert kind in {d["kind"] for d in audited[reading][1].defects}, audited[reading][1].defects


@pytest.mark.parametrize("correct,incorrect,expected", [
    (CONSTANTS, MERGED, [(1, "\n", ", ")]),
    ("n = [5, 6, 7, 8]\nn.remove(5)\nn.remove(6)\n", "n = [5, 6, 7, 8]\nn.remove(7): n.remove(8)\n",
     [(2, "5 ... 6", "7 ... 8"), (2, "\n", ": ")]),
    (LABEL, QUOTED, [(3, '"', "'"), (3, " total", "count")]),
    (FLOORS, SHORT, [(1, "import math\n", ""),
                     (1, ", math.floor(2.5), math.floor(3.5)", "")]),
    # the rule's own reading stays where no reading applies: a quoted name is one change
    (LABEL, LABEL.replace("(\"Sum:\", total)", "(\"Sum:', \"total\")"),
     [(3, '"', "'"), (3, "total", '"total"')]),
])
def test_each_reading_recovers_changes_that_give_the_program(correct, incorrect, expected):
    reading = read_changes(correct, incorrect)
    assert [(c.line, c.before, c.after) for c in reading.changes] == expected
    assert apply_all(correct, reading.changes) == incorrect


def test_the_format_reads_an_explanation_of_the_original_program():
    assert explanation_line("Line 12 of original program: Removed the else clause.") == 12
    assert explanation_of_original("Line 12 of the Original Program: gone.")
    assert not explanation_of_original("Line 12: the original program had it.")


@pytest.mark.parametrize("nested,expected", [(4, "    " + ONE_LINE), (0, None)])
def test_a_program_read_against_its_tag(nested, expected):
    assert tag_relative_program(_assistant(ONE_LINE, ["1"], ["Line 1: x."], nested)) == expected
    assert tag_relative_program(_assistant(ONE_LINE, ["1"], ["Line 1: x."])) is None
