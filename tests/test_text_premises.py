"""Every templated sentence carries the fact that makes it true (issue 31).

Table-driven: per stock sentence, a program where its premise holds (the sentence is
among the ones the text layer may use, and appears for some seed) and one where it does
not (it never appears, and another sentence, not the generic fallback, is used). The
facts come from the programs (tokens, syntax tree, the description) or from the run
(where CPython reports), as in `debugex.text.premises`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import pytest

from debugex.engine.partial import Shortfall, check_statement
from debugex.formats import AssistantMessage, Request
from debugex.text.evidence import Evidence, input_phrase, quoted
from debugex.text.explanations import GENERIC_MARKS, causes, explanation
from debugex.text.facts import ErrorFacts
from debugex.text.summary import program_summary
from debugex.text.thinking import _label, _why, error_sentences

SEEDS = range(12)


@dataclass(frozen=True)
class Case:
    """One real edit: `before` (its first occurrence after `at`) becomes `after`."""

    injector: str
    error_class: str
    correct: str
    before: str
    after: str
    info: dict = field(default_factory=dict)
    at: str = ""  # the edit is the first `before` after this text
    evidence: Evidence | None = None
    description: str = ""
    skip: int = 0  # occurrences of `before` passed over first

    def build(self) -> tuple[ErrorFacts, str]:
        start = self.correct.index(self.before, self.correct.index(self.at))
        for _ in range(self.skip):
            start = self.correct.index(self.before, start + 1)
        incorrect = self.correct[:start] + self.after + self.correct[start + len(self.before):]
        line = self.correct.count("\n", 0, start) + 1
        evidence = self.evidence or _observed(self.error_class, incorrect)
        begin = self.correct.rfind("\n", 0, start) + 1
        end = self.correct.find("\n", start)
        return ErrorFacts(self.injector, self.error_class, line, line, self.before,
                          self.after, evidence, self.info, self.correct[begin:end],
                          start - begin), incorrect


def _observed(error_class: str, incorrect: str) -> Evidence:
    """What a run shows: for a syntax error the line CPython itself reports."""
    if error_class == "syntax":
        try:
            compile(incorrect, "program.py", "exec")
        except SyntaxError as exc:
            return Evidence("syntax", "SyntaxError", exc.lineno, exc.msg or "")
        raise AssertionError("the syntax case compiles")
    return Evidence(error_class, "NameError" if error_class == "runtime" else None, None,
                    "stand-in", difference="output line 1: expected 'a', got 'b'", stdin=())


def _texts(table: str, case: Case) -> list[str]:
    """Everything the text layer writes for this error over several seeds: the causes
    (explanations), or the misconceptions and labels (thinking)."""
    facts, incorrect = case.build()
    found = []
    for seed in SEEDS:
        rng = random.Random(seed)
        if table == "CAUSES":
            found += causes(facts, incorrect, rng)[:-1]  # the generic fallback left out
            found.append(explanation(facts, incorrect, random.Random(seed)))
        else:
            found.append(_why(facts, incorrect, rng, case.description))
            found.append(_label(facts))
    return found


BRACKETS = {"opener": "(", "closer": ")", "word": "round bracket"}
NESTED = "age = int(input('Age: '))\nprint(age + 1)\n"
FLAT = "for i in range(3):\n    print(i)\n"
PARAM = "def area(w, h):\n    return w * h\n\n\nprint(area(2, 3))\n"
GRADE = "mark = int(input())\nif mark < 50:\n    print('fail')\nelse:\n    print('pass')\n"
GROWN = "out = []\nfor n in [3, 4]:\n    out += [n]\nprint(out)\n"
RANGE = ("mark = int(input())\nif 0 <= mark and mark <= 100:\n    print('ok')\nelse:\n"
         "    print('no')\n")
MISUSE_UNUSED = "a = 2\nb = 3\nc = a + b\nprint(c)\n"
MISUSE_USED = "a = 2\nb = 3\nc = a + b\nprint(c, b)\n"


def _rev(correct: str, old: str, new: str, at: str, left: str, right: str) -> Case:
    return Case("reversed_comparison", "logical", correct, old, new,
                {"old": old, "new": new, "left": left, "right": right,
                 "old_text": f"{left} {old} {right}", "new_text": f"{left} {new} {right}",
                 "effect": "the other branch runs for most values", "old_meaning": "",
                 "new_meaning": ""}, at=at)


CAPITAL = Case("name_typo", "runtime", "total = 3\nprint(total)\n", "print", "Print",
               {"name": "print", "typo": "Print", "kind": "capitalised"}, at="\n")

# (name, table, the sentence's mark, case where its premise holds, case where it does not)
PREMISES = [
    ("nested brackets", "WHY", "With brackets nested in",
     Case("unclosed_bracket", "syntax", NESTED, ")", "", {
         **BRACKETS, "owner": "the call to `int`"}, skip=1),
     Case("unclosed_bracket", "syntax", FLAT, ")", "", {
         **BRACKETS, "owner": "the call to `range`"})),
    ("left off at the end of a line", "WHY", "left off at the end of the line",
     Case("unclosed_bracket", "syntax", NESTED, ")", "", {
         **BRACKETS, "owner": "the call to `int`"}, skip=1),
     Case("unclosed_bracket", "syntax", FLAT, ")", "", {
         **BRACKETS, "owner": "the call to `range`"})),
    # CPython 3.11 names the line of the `(` itself; older versions (and other layouts)
    # report the line where they gave up reading, which the run records
    ("keeps reading the next lines", "CAUSES", "keeps reading the next lines",
     Case("unclosed_bracket", "syntax", NESTED, ")", "", {
         **BRACKETS, "owner": "the call to `int`"}, skip=1,
         evidence=Evidence("syntax", "SyntaxError", 2, "invalid syntax")),
     Case("unclosed_bracket", "syntax", NESTED, ")", "", {
         **BRACKETS, "owner": "the call to `int`"}, skip=1)),
    ("enough brackets to lose count", "WHY", "enough of them to lose count",
     Case("extra_or_mismatched_bracket", "syntax", NESTED, ")", "))", skip=1, info={
         **BRACKETS, "owner": "the call to `int`", "problem": "there is an extra `)`"}),
     Case("extra_or_mismatched_bracket", "syntax", "print('hi')\n", ")", "))", {
         **BRACKETS, "owner": "the call to `print`", "problem": "there is an extra `)`"})),
    ("a line with several strings", "WHY", "several strings, as this one does",
     Case("unterminated_string", "syntax", "print(\"Total:\", 'none')\n", "'none'",
          "'none", {"quote": "'"}),
     Case("unterminated_string", "syntax", "print('none')\nprint(\"end\")\n", "'none'",
          "'none", {"quote": "'"})),
    ("no longer hands anything back", "CAUSES", "no longer hands anything back",
     Case("print_instead_of_return", "logical",
          "def double(x):\n    return x * 2\n\n\nprint(double(3))\n", "return x * 2",
          "print(x * 2)", {"function": "double", "value": "x * 2"}),
     Case("print_instead_of_return", "logical",
          "def sign(x):\n    if x < 0:\n        return -1\n    return 1\n\n\n"
          "print(sign(3))\n", "return 1", "print(1)", {"function": "sign", "value": "1"})),
    ("the caller gets None", "CAUSES", "the caller gets `None`",
     Case("print_instead_of_return", "logical",
          "def double(x):\n    return x * 2\n\n\nprint(double(3))\n", "return x * 2",
          "print(x * 2)", {"function": "double", "value": "x * 2"}),
     Case("print_instead_of_return", "logical",  # the guard prints; the call still returns
          "def ends(xs):\n    if not xs:\n        return []\n    return [xs[0]]\n\n\n"
          "print(ends([]))\n", "return []", "print([])", {"function": "ends", "value": "[]"})),
    ("renamed to match the task's words", "WHY", "to match the task's words",
     Case("renamed_parameter", "runtime", PARAM, "w", "width",
          {"old": "w", "new": "width", "function": "area"}, at="def",
          description="Write a function area(width, height) that returns the area."),
     Case("renamed_parameter", "runtime", PARAM, "w", "wide",
          {"old": "w", "new": "wide", "function": "area"}, at="def",
          description="Write a function area(width, height) that returns the area.")),
    ("outcomes swapped (a whole test)", "CAUSES", "outcomes are swapped",
     _rev(GRADE, "<", ">=", "if", "mark", "50"),
     _rev(RANGE, "<=", ">=", "and", "mark", "100")),
    ("outcomes swapped except at the boundary", "CAUSES", "swapped for every value except",
     _rev(GRADE, "<", ">", "if", "mark", "50"),
     _rev(GRADE, "<", ">=", "if", "mark", "50")),
    ("exactly the values it should reject", "CAUSES", "for exactly the values",
     _rev(GRADE, "<", ">=", "if", "mark", "50"),
     _rev(RANGE, "<=", ">=", "and", "mark", "100")),
    ("the value is ignored", "CAUSES", "is ignored",
     Case("variable_misuse", "logical", MISUSE_UNUSED, "b", "a", {
         "wrong": "a", "right": "b", "reads": "b", "old": "c = a + b", "new": "c = a + a",
         "relation": "`a` and `b` are the two numbers"}, at="c ="),
     Case("variable_misuse", "logical", MISUSE_USED, "b", "a", {
         "wrong": "a", "right": "b", "reads": "b", "old": "c = a + b", "new": "c = a + a",
         "relation": "`a` and `b` are the two numbers"}, at="c =")),
    ("names that look alike", "WHY", "look alike",
     Case("item_collection_mixup", "runtime",
          "items = [1, 2]\nfor item in items:\n    print(item + 1)\n", "item +", "items +",
          {"wrong": "items", "right": "item", "new": "print(items + 1)", "what": "a list"},
          at="print"),
     Case("item_collection_mixup", "runtime",
          "items = [1, 2]\nfor entry in items:\n    print(entry + 1)\n", "entry +", "items +",
          {"wrong": "items", "right": "entry", "new": "print(items + 1)", "what": "a list"},
          at="print")),
    ("one dropped or swapped letter", "WHY", "One dropped letter in",
     Case("name_typo", "runtime", "total = 3\nprint(total)\n", "total)", "totl)",
          {"name": "total", "typo": "totl", "kind": "dropped letter"}),
     CAPITAL),
    ("the names traded (x += result)", "WHY", "in the order they come to mind",
     Case("item_joined_to_list", "runtime", GROWN, "out += [n]", "n += out",
          {"item": "n", "receiver": "out", "new": "n += out", "old": "out += [n]",
           "form": "item_first"}, at="for"),
     Case("item_joined_to_list", "runtime", GROWN, "out += [n]", "out = out + n",
          {"item": "n", "receiver": "out", "new": "out = out + n", "old": "out += [n]",
           "form": "plus"}, at="for")),
    ("the indexes do not match (one side indexed)", "CAUSES", "do not match",
     Case("index_on_one_side", "runtime",
          "def top(xs, v):\n    if xs[0] > v:\n        return xs[0]\n    return v\n",
          "xs[0] > v", "xs > v",
          {"old": "xs[0] > v", "new": "xs > v", "what": "a whole item against a single value",
           "what_short": "a whole item", "form": "dropped"}, at="if"),
     # `[1]` added on both sides: the indexes match, the values have no parts
     Case("index_on_one_side", "runtime",
          "def top(a, b):\n    if a > b:\n        return a\n    return b\n",
          "a > b", "a[1] > b[1]",
          {"old": "a > b", "new": "a[1] > b[1]",
           "what": "parts of two plain values that have no parts",
           "what_short": "an item of a plain value", "form": "added"}, at="if")),
    ("indented further than line N", "CAUSES", "indented further than line 1",
     Case("stray_indent", "syntax", "x = 5\nprint(x)\n", "print", "    print",
          {"previous": 1}),
     # numbered as the line itself: no longer said (the other phrasing is used)
     Case("stray_indent", "syntax", "x = 5\nprint(x)\n", "print", "    print",
          {"previous": 2})),
]


@pytest.mark.parametrize(("name", "table", "mark", "holds", "fails"), PREMISES,
                         ids=[p[0] for p in PREMISES])
def test_a_stock_sentence_is_used_only_when_its_premise_holds(name, table, mark, holds,
                                                               fails):
    assert any(mark in t for t in _texts(table, holds)), name
    without = _texts(table, fails)
    assert not any(mark in t for t in without), [t for t in without if mark in t]
    # another sentence stands in: not our generic fallback
    assert without and all(t and not any(m in t for m in GENERIC_MARKS) for t in without)


def test_a_capital_letter_is_called_one():
    facts, incorrect = CAPITAL.build()
    texts = {_why(facts, incorrect, random.Random(s)) for s in SEEDS}
    assert any(t.startswith("A capital letter in `print`") for t in texts), texts


def test_a_range_half_is_described_as_part_of_the_test():
    texts = _texts("CAUSES", _rev(RANGE, "<=", ">=", "and", "mark", "100"))
    assert any("this part of the test" in t for t in texts)
    assert not any("swapped" in t or "exactly the values" in t for t in texts)


def test_a_shifted_stray_indent_names_the_line_before_it_in_the_incorrect_program():
    # a statement removed above (origin 3, now line 2): the line before is line 1
    correct = "a = 1\nx = 5\nprint(x)\n"
    incorrect = "x = 5\n    print(x)\n"
    facts = ErrorFacts("stray_indent", "syntax", 2, 3, "", "    ", Evidence("syntax"),
                       {"previous": 2})
    found = " ".join(causes(facts, incorrect, random.Random(0)))
    assert "indented further than line 1," in found and "line 2," not in found
    assert correct  # the correct program numbered `x = 5` as line 2


# Vague stock clauses say which way and what instead.
CONCRETE = [
    (Case("boundary_comparison", "logical", GRADE, "<", "<=", {
        "old": "<", "new": "<=", "left": "mark", "right": "50", "old_text": "mark < 50",
        "new_text": "mark <= 50"}, at="if"), "now let in", "includes or excludes"),
    (Case("boundary_comparison", "logical", GRADE.replace("<", "<="), "<=", "<", {
        "old": "<=", "new": "<", "left": "mark", "right": "50", "old_text": "mark <= 50",
        "new_text": "mark < 50"}, at="if"), "now left out", "includes or excludes"),
    (Case("wrong_constant", "logical", GRADE, "50", "40", {
        "old": "50", "new": "40", "role": "condition"}), "40", "not the right value"),
    (Case("wrong_constant", "logical", GRADE, "50", "500", {
        "old": "50", "new": "500", "role": "condition"}), "ten times", "not the right value"),
]


@pytest.mark.parametrize(("case", "said", "vague"), CONCRETE)
def test_a_logical_diagnosis_says_which_way_and_what(case, said, vague):
    texts = _texts("CAUSES", case)
    assert all(vague not in t for t in texts)
    assert any(said in t for t in texts)
    facts, incorrect = case.build()
    if case.injector == "wrong_constant":
        assert any("10 less than the value this condition needs, 50" in t or
                   "ten times the value this condition needs, 50" in t or
                   "where the task needs 50" in t for t in texts)


def test_the_student_meets_a_misconception_twice_only_the_second_time():
    facts, incorrect = Case("name_typo", "runtime", "total = 3\nprint(total)\n", "total)",
                            "totl)", {"name": "total", "typo": "totl",
                                      "kind": "dropped letter"}).build()
    second = {error_sentences(facts, 1, "total = 3\nprint(total)\n", incorrect,
                              random.Random(s), repeat=1) for s in SEEDS}
    third = {error_sentences(facts, 2, "total = 3\nprint(total)\n", incorrect,
                             random.Random(s), repeat=2) for s in SEEDS}
    assert any("meets it twice" in t for t in second)
    assert not any("twice" in t for t in third) and any("a third time" in t for t in third)


@pytest.mark.parametrize(("description", "said", "not_said"), [
    ("Write a program that uses a loop to compute n! for a given n.", "compute n! for",
     "compute n."),
    ("Write a program that prints Liftoff! Then it stops.", "prints Liftoff", "Then"),
    ("Write a program that asks for a name. Then it greets.", "asks for a name", "greets"),
])
def test_the_summary_ends_where_the_first_sentence_ends(description, said, not_said):
    texts = {program_summary(description, random.Random(s)) for s in SEEDS}
    assert all(said in t and not_said not in t for t in texts), texts


def test_quoted_inputs_and_outputs_keep_their_spaces_and_show_tabs():
    assert input_phrase(("  canberra",)) == 'with the input "  canberra"'
    assert input_phrase(("a\tb",)) == 'with the input "a\\tb"'
    assert quoted("x\ty") == '"x\\ty"' and quoted(" 7 ") == '" 7 "'
    ev = Evidence("logical", difference="output line 1: expected 'Capital:  Rome', "
                  "got 'Capital: Rome'", stdin=("  rome",))
    facts = ErrorFacts("wrong_constant", "logical", 2, 2, "1", "2", ev,
                       {"old": "1", "new": "2", "role": "calculation"})
    program = "x = input()\ny = 2\nprint(x)\n"
    text = explanation(facts, program, random.Random(0))
    kept = AssistantMessage("t", program, (2,), (text,)).explanations[0]
    assert '"  rome"' in kept and kept == text


def test_a_partial_note_names_the_density_cap_when_that_is_the_constraint():
    asked, delivered = Request(0, 3, 0), Request(0, 2, 0)
    capped = Shortfall(asked, delivered, {"runtime": 5}, 4, 0.5)
    note = capped.statement()
    assert "fit in this program" in note and "`--max-density`" in note
    assert "could be placed and proven" not in note
    program = "a = 1\nb = 2\nc = 3\nprint(a, b, c)\n"
    assert check_statement(note, asked.as_dict(), delivered.as_dict(), program) is None
    sites = Shortfall(asked, delivered, {"runtime": 2}, 4, None).statement()
    assert "could be placed and proven" in sites and "--max-density" not in sites
    assert check_statement(sites, asked.as_dict(), delivered.as_dict(), program) is None


def test_quoted_code_keeps_its_spaces_in_an_explanation():
    facts = ErrorFacts("changed_output_text", "logical", 1, 1, '"Total:  "', '"total:  "',
                       Evidence("logical", difference="output line 1: expected 'Total:  3',"
                                " got 'total:  3'", stdin=()),
                       {"old": '"Total:  "', "new": '"total:  "',
                        "how": "the first letter has the wrong case"})
    program = 'print("total:  ", 3)\n'
    texts = {explanation(facts, program, random.Random(s)) for s in SEEDS}
    assert all('`"total:  "`' in t and '"total:  3"' in t for t in texts), texts


@pytest.mark.parametrize(("reported", "said", "not_said"), [
    (5, "only notices it on line 5", "above"), (1, "on line 1, above", "only notices"),
])
def test_where_python_reports_a_syntax_error_is_said_the_right_way_round(reported, said,
                                                                         not_said):
    from debugex.text.evidence import syntax_report
    from debugex.text.thinking import _noticed

    ev = Evidence("syntax", "SyntaxError", reported, "invalid syntax")
    report = syntax_report(ev, 3)
    assert said in report and not_said not in report
    facts = ErrorFacts("missing_colon", "syntax", 3, 3, ":", "", ev, {"keyword": "if"})
    noticed = {_noticed(facts, random.Random(s)) for s in SEEDS}
    look = "look back" if reported > 3 else "look further down"
    assert all(look in t or "which is not where the slip is" in t for t in noticed)
    assert any(look in t for t in noticed)


def test_an_injectors_own_where_is_not_overwritten_by_the_removal_location():
    """wrong_loop_placement says where the statement is ("inside the loop"); the place a
    removed statement is missing from must not take its word (it once read "`print(x)` is
    before `print(x)`")."""
    from debugex.text.evidence import Evidence
    from debugex.text.facts import ErrorFacts

    incorrect = "for n in range(3):\n    total = n\n    print(total)\n"
    facts = ErrorFacts("wrong_loop_placement", "logical", 3, 3, "print(total)",
                       "    print(total)", Evidence("logical"),
                       {"where": "inside the loop", "statement": "print(total)"})
    assert facts.params(incorrect)["where"] == "inside the loop"
