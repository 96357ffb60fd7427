"""`false_premise`: each stock reason the audit reads, judged from the record's own
program, change and run, once where its fact holds and once where it does not."""

from __future__ import annotations

import pytest

from debugex.audit import audit_records
from debugex.content.exercises import Exercise, Scenario
from debugex.formats.dataset import Record
from debugex.formats.messages import (
    AssistantMessage,
    Request,
    UserMessage,
    render_assistant,
    render_user,
)

CORRECT = ('price = int(input("price? "))\n'
           'count = int(input("count? "))\n'
           'if price > 10 and count > 0:\n'
           '    total = price * count\n'
           '    print("total", abs(total))\n'
           'print("done")\n')
DESCRIPTION = "Read a price and a count; print the total when the price is over 10."
EXERCISE = Exercise("premises", DESCRIPTION + "\n", CORRECT,
                    (Scenario("big", ("12", "2")), Scenario("small", ("5", "3"))))
STRAY = ('count = int(input("count? "))', '  count = int(input("count? "))')
UNCLOSED = ('print("done")', 'print("done"')
NESTED = ('abs(total))', 'abs(total)')
IGNORED = ("abs(total))", "abs(price))")
SWAPPED = ("price * count", "pirce * count")
REVERSED = ("price > 10", "price < 10")

# (the edit, its line, its request, the sentence, whether the sentence is true)
ROWS = {
    "further": (STRAY, 2, (1, 0, 0), "this line is indented further than line 1", True),
    "further below": (STRAY, 2, (1, 0, 0), "this line is indented further than line 3",
                      False),
    "nested": (NESTED, 5, (1, 0, 0), "With brackets nested in the call, a student closes "
               "the inner one and forgets the outer `(`", True),
    "not nested": (UNCLOSED, 6, (1, 0, 0), "With brackets nested in the call, a student "
                   "closes the inner one and forgets the outer `(`", False),
    "reported on its line": (UNCLOSED, 6, (1, 0, 0), "the call opens a `(` that has no "
                             "matching `)`, so Python keeps reading the next lines as part "
                             "of it", False),
    "end of line": (UNCLOSED, 6, (1, 0, 0), "its `)` is missing at the end of the line", True),
    "before what": (UNCLOSED, 6, (1, 0, 0), "its `)` is missing just before the `+`", False),
    "task's words": (IGNORED, 5, (0, 0, 1), "A student renames a parameter to `total` to "
                     "match the task's words", True),
    "not the task's words": (IGNORED, 5, (0, 0, 1), "A student renames a parameter to "
                             "`amount` to match the task's words", False),
    "ignored": (IGNORED, 5, (0, 0, 1), "so the value of `total` is ignored", True),
    "still read": (IGNORED, 5, (0, 0, 1), "so the value of `price` is ignored", False),
    "alike": (IGNORED, 5, (0, 0, 1), "Names such as `price` and `prices` look alike", True),
    "not alike": (IGNORED, 5, (0, 0, 1), "Names such as `price` and `count` look alike",
                  False),
    "slip": (SWAPPED, 4, (0, 1, 0), "Two swapped letters in `price` make a new name", True),
    "another slip": (SWAPPED, 4, (0, 1, 0), "One dropped letter in `price` makes a new name",
                     False),
    "joined test": (REVERSED, 3, (0, 0, 1), "`<` tests the opposite direction, so the two "
                    "outcomes are swapped", False),
    "itself": (REVERSED, 3, (0, 0, 1), "`total` is before `total` in the program", False),
}


def _record(name: str) -> Record:
    (old, new), line, request, sentence, _ = ROWS[name]
    assert old in CORRECT
    user = render_user(UserMessage(DESCRIPTION, CORRECT, Request(*request)))
    explanation = f"Line {line}: {sentence}."
    assistant = render_assistant(AssistantMessage("Thinking.", CORRECT.replace(old, new, 1),
                                                  (line,), (explanation,), ""))
    return Record(name, user, assistant)


@pytest.fixture(scope="module")
def audited(sandbox):
    audits = audit_records([_record(n) for n in ROWS], sandbox, [EXERCISE])
    return {a.id: [d["detail"] for d in a.defects if d["kind"] == "false_premise"]
            for a in audits}


@pytest.mark.parametrize("name", ROWS)
def test_a_premise_is_false_exactly_when_its_fact_is_absent(audited, name):
    true = ROWS[name][-1]
    assert len(audited[name]) == (0 if true else 1), audited[name]
