"""Every sentence `debugex play` says about a check, against the situation it is said in.

The situations are built as data (a grade, a scenario's outcome), so each sentence is
checked without running a program; tests/test_play.py checks that real runs lead to
these situations."""

from __future__ import annotations

from pathlib import Path

import pytest

from debugex.changes import recover_changes
from debugex.sandbox import (
    EXCEPTION,
    FINISHED,
    INPUT_EXHAUSTED,
    LIMIT_EXCEEDED,
    TIMEOUT,
    Outcome,
)
from debugex.student import (
    FIXED,
    FIXED_OTHERWISE,
    REMAINING,
    Exposed,
    Grade,
    Located,
    Started,
    exposed_lines,
    grade_lines,
    hint_text,
    located_lines,
    task_lines,
)
from debugex.student.evidence import STUDENT_TIMEOUT, failures, transcript
from debugex.student.feedback import quality_lines
from debugex.student.hints import MAX_HINTS, Hint, construct, next_hint, order
from debugex.student.locate import REMOVAL_RULE
from debugex.student.quality import Quality, quality
from debugex.workflow import Case, Task

STDIN = Case("grade_d", ("Dev", "60"), (), "Grade: D\n", ())
CALLS = Case("forward", (), ("encode('abc', 1)", "encode('xyz', 3)"),
             ">>> encode('abc', 1)\n>>> encode('xyz', 3)\n", ("'bcd'", "'abc'"))
LOGICAL = "a logical error (scenario grade_d: output line 1: expected 'Grade: D', got 'Grade: F')"


def failing(case: Case, outcome: Outcome):
    return failures([case], [outcome])


# (situation, outcome of the student's program on the case, the problem said)
PROBLEMS = [
    ("endless loop", STDIN, Outcome(TIMEOUT, "", reason="time limit"),
     f"did not finish in {STUDENT_TIMEOUT:g} s: an endless loop?"),
    ("reads too much", STDIN, Outcome(INPUT_EXHAUSTED, "Grade: "),
     "asked for more input than the scenario gives (2 lines)"),
    ("prints without end", STDIN, Outcome(LIMIT_EXCEEDED, "x" * 10, reason="output limit"),
     "printed more than the output limit: an endless loop that prints?"),
    ("deep recursion", STDIN, Outcome(LIMIT_EXCEEDED, "", "RecursionError",
                                      reason="recursion limit"),
     "called itself too deeply (RecursionError): a recursion that never stops?"),
    ("exception", STDIN, Outcome(EXCEPTION, "", "NameError", 7, "name 'yer' is not defined"),
     "stopped with NameError at line 7: name 'yer' is not defined"),
    ("exception in a call", CALLS, Outcome(EXCEPTION, ">>> encode('abc', 1)\n", "TypeError",
                                           3, "bad", returns=()),
     "stopped with TypeError at line 3: bad during encode('abc', 1)"),
    ("wrong line of output", STDIN, Outcome(FINISHED, "Grade: F\n"),
     "output line 1: expected 'Grade: D', got 'Grade: F'"),
    ("one wrong call", CALLS, Outcome(FINISHED, CALLS.stdout, returns=("'bcd'", "'xyo'")),
     "encode('xyz', 3) returned 'xyo' instead of 'abc'"),
    ("every call wrong", CALLS, Outcome(FINISHED, CALLS.stdout, returns=("'abc'", "'xyo'")),
     "2 of 2 calls returned a wrong value"),
]


@pytest.mark.parametrize("case, outcome, problem", [p[1:] for p in PROBLEMS],
                         ids=[p[0] for p in PROBLEMS])
def test_what_a_failing_scenario_is_said_to_do(case, outcome, problem):
    (failure,) = failing(case, outcome)
    assert failure.problem == problem
    assert "(time limit)" not in failure.problem  # the sandbox's words never reach a student


def test_a_passing_scenario_is_not_a_failure():
    assert failing(STDIN, Outcome(FINISHED, "Grade: D\n")) == []
    assert failing(CALLS, Outcome(FINISHED, CALLS.stdout, returns=CALLS.returns)) == []


def test_function_transcripts_show_values_and_every_wrong_call():
    outcome = Outcome(FINISHED, ">>> encode('abc', 1)\nshifting\n>>> encode('xyz', 3)\n",
                      returns=("'abc'", "'xyo'"))
    (failure,) = failing(CALLS, outcome)
    assert failure.expected == ">>> encode('abc', 1)\n'bcd'\n>>> encode('xyz', 3)\n'abc'\n"
    assert failure.actual == (">>> encode('abc', 1)\nshifting\n'abc'\n"
                              ">>> encode('xyz', 3)\n'xyo'\n")
    lines = grade_lines(Grade([REMAINING], [4], failures=[failure], scenarios=1))
    assert "    encode('abc', 1) returned 'abc' instead of 'bcd'" in lines
    assert "    encode('xyz', 3) returned 'xyo' instead of 'abc'" in lines
    # A call that raised ends the transcript there: the next call was never made.
    assert transcript(CALLS.calls, ">>> encode('abc', 1)\n", ()) == ">>> encode('abc', 1)\n"


OTHER_SAME = {"line": 9, "class": None, "reason": "equivalent", "shows": ""}
OTHER_NEW = {"line": 9, "class": "runtime", "reason": None,
             "shows": "a runtime error (scenario a: ZeroDivisionError: division by zero)"}
ONE_FAILURE = failing(STDIN, Outcome(FINISHED, "Grade: F\n"))

# (situation, grade, sentences that must be said, sentences that must not)
SENTENCES = [
    ("all fixed", Grade([FIXED, FIXED], [None, None], scenarios=3),
     ["All 2 errors fixed and all 3 scenarios pass. Well done!"], ["Errors fixed"]),
    ("fixed in one's own way", Grade([FIXED, FIXED_OTHERWISE], [None, None], scenarios=1),
     ["All 2 errors fixed and all 1 scenario pass. Well done! (1 of them in your own way: "
      "your code differs from the usual fix there but passes every scenario.)"], []),
    ("one left", Grade([FIXED, REMAINING], [None, 13], failures=ONE_FAILURE, scenarios=1),
     ["Errors fixed: 1 of 2.", "Scenarios failing: 1 of 1.",
      "  grade_d (input 'Dev', '60'): output line 1: expected 'Grade: D', got 'Grade: F'"],
     ["13"]),  # the line of an error is a hint's, never a check's
    ("error line changed, not right yet",
     Grade([REMAINING], [13], failures=ONE_FAILURE, scenarios=1, tried=[LOGICAL]),
     [f"Line 13: changed, but not fixed yet: on its own your change there still gives "
      f"{LOGICAL}."], ["which had no error"]),
    ("harmless change elsewhere", Grade([REMAINING], [13], [OTHER_SAME], ONE_FAILURE, 1),
     ["You also changed line 9, which had no error: on its own it changes nothing the "
      "scenarios show."], ["not fixed yet"]),
    ("new error elsewhere", Grade([REMAINING], [13], [OTHER_NEW], ONE_FAILURE, 1),
     ["You also changed line 9, which had no error: on its own it brings in a new runtime "
      "error (scenario a: ZeroDivisionError: division by zero)."], []),
    ("does not compile", Grade([REMAINING], [5], failures=ONE_FAILURE, scenarios=4,
                               syntax="SyntaxError at line 5: invalid syntax", syntax_line=5),
     ["Your program does not compile: SyntaxError at line 5: invalid syntax.",
      "So all 4 scenarios fail."], ["Scenarios failing"]),
    ("hidden by other changes", Grade([REMAINING], [13], [OTHER_SAME], [], 2),
     ["All 2 scenarios pass, but 1 error is still in the program: your other changes "
      "hide it on these scenarios."], ["Well done"]),
    ("many failing", Grade([REMAINING], [2], failures=ONE_FAILURE * 5, scenarios=5),
     ["Scenarios failing: 5 of 5.", "  also failing: grade_d, grade_d"], []),
]


@pytest.mark.parametrize("result, said, unsaid", [s[1:] for s in SENTENCES],
                         ids=[s[0] for s in SENTENCES])
def test_every_sentence_against_its_situation(result, said, unsaid):
    lines = grade_lines(result)
    for sentence in said:
        assert sentence in lines
    for words in unsaid:
        assert not any(words in line for line in lines), (words, lines)


RAISES = failing(STDIN, Outcome(EXCEPTION, "", "NameError", 2, "name 'x' is not defined"))

# (situation, grade, class of each error, the order the errors are met in)
ORDERS = [
    ("syntax first, wherever it is", Grade([REMAINING] * 3, [2, 13, 31], syntax="S",
                                           syntax_line=31), ["runtime", "logical", "syntax"],
     [2, 0, 1]),
    ("then what raises first", Grade([REMAINING] * 2, [13, 2], failures=RAISES),
     ["logical", "runtime"], [1, 0]),
    ("logical ones top to bottom", Grade([REMAINING] * 2, [20, 4]), ["logical", "logical"],
     [1, 0]),
    ("fixed ones are not met", Grade([FIXED, REMAINING], [None, 4]), ["syntax", "logical"],
     [1]),
]


@pytest.mark.parametrize("result, classes, met", [o[1:] for o in ORDERS],
                         ids=[o[0] for o in ORDERS])
def test_hints_follow_the_order_python_reports(result, classes, met):
    assert order(result, classes) == met


def test_hints_are_limited_per_error_and_said_so():
    result = Grade([REMAINING, REMAINING], [3, 8])
    classes = ["logical", "logical"]
    spent = [{"error": 0, "line": 3, "level": n} for n in range(1, MAX_HINTS + 1)]
    hint = next_hint(None, result, classes, spent)  # level 1 needs no program
    assert (hint.error, hint.level) == (1, 1)
    assert hint_text(hint) == (f"Hint 1 of {MAX_HINTS} for this error: look at line 8. (No "
                               f"more hints for the error on line 3: you have had all "
                               f"{MAX_HINTS}.)")
    every = spent + [{"error": 1, "line": 8, "level": n} for n in range(1, MAX_HINTS + 1)]
    hint = next_hint(None, result, classes, every)
    assert hint.level == 0 and hint_text(hint) == (
        f"Hint: No more hints for the error on line 3: you have had all {MAX_HINTS}.")
    # An edited state's odd entries count for nothing.
    assert next_hint(None, result, classes, ["x", 3, {"error": "0"}]).level == 1


def test_hint_for_a_syntax_error_of_ones_own():
    result = Grade([FIXED], [None], syntax="SyntaxError at line 4: '(' was never closed",
                   syntax_line=4)
    hint = next_hint(None, result, ["logical"], [])
    assert hint_text(hint) == ("Hint: Python stops before running anything: SyntaxError at "
                               "line 4: '(' was never closed. That is not one of the "
                               "exercise's errors: it came with your changes.")
    assert hint_text(Hint(None, None, 0, "no error of the exercise is left in the program.")) \
        == "Hint: no error of the exercise is left in the program."


# (situation, what the input showed, errors exposed so far of 2, the sentences)
EXPOSED = [
    ("outside the task", Exposed(False, "the correct program cannot take this input "
                                 "either (it stops with ValueError): choose an input the "
                                 "task allows", counted=False), [],
     ["Not counted: the correct program cannot take this input either (it stops with "
      "ValueError): choose an input the task allows."]),
    ("exposes nothing", Exposed(False, "on your input the program does what the correct "
                                "program does: this input exposes no error"), [1],
     ["No error exposed: on your input the program does what the correct program does: "
      "this input exposes no error.", "Errors exposed so far: 1 of 2."]),
    ("exposes one", Exposed(True, "the program's output differs from the correct "
                            "program's from output line 1 on", [0], [8]), [0],
     ["Your input exposes an error: the program's output differs from the correct "
      "program's from output line 1 on.", "It exposes the error on line 8.",
      "Errors exposed so far: 1 of 2."]),
    ("exposes the last ones", Exposed(True, "x", [0, 1], [8, 10]), [0, 1],
     ["Your input exposes an error: x.", "It exposes the errors on lines 8 and 10.",
      "Every error exposed (2 of 2). Well done!"]),
    ("only together", Exposed(True, "x", [], []), [],
     ["Your input exposes an error: x.", "It exposes the errors together: none of them "
      "alone changes what the program does on it.", "Errors exposed so far: 0 of 2."]),
]


@pytest.mark.parametrize("result, so_far, said", [e[1:] for e in EXPOSED],
                         ids=[e[0] for e in EXPOSED])
def test_what_an_input_tried_is_said_to_show(result, so_far, said):
    assert exposed_lines(result, so_far, 2) == said


# (situation, the lines graded, the sentences)
LOCATED = [
    ("one right, one wrong", Located(3, [13], [7], [13], left=2),
     ["Right: line 13 holds an error.", "Line 7 holds no error.", "Errors located: 1 of 3."]),
    ("wrong, near a missing statement", Located(2, [], [4, 9], [], True, left=2),
     ["Lines 4 and 9 hold no error.", f"Close to one, maybe: {REMOVAL_RULE}.",
      "Errors located: 0 of 2."]),
    ("all found", Located(2, [2, 31], [], [2, 31], left=0),
     ["Right: lines 2 and 31 hold errors.", "All 2 errors located. Now fix them: edit "
      "f.py, then `debugex play --check f.py` checks it."]),
]


@pytest.mark.parametrize("result, said", [row[1:] for row in LOCATED],
                         ids=[row[0] for row in LOCATED])
def test_what_lines_named_are_said_to_be(result, said):
    assert located_lines(result, "f.py") == said


CORRECT = "total = 0\nfor n in range(3):\n    total += n\n    print(n)\n\nprint(total)\n"
CHANGED = Task("t", "t", "", CORRECT, CORRECT.replace("+= n", "-= n"), (3,), ("",), ())
REMOVED = Task("t", "t", "", CORRECT, CORRECT.replace("    total += n\n", ""), (3,), ("",), ())

# (situation, task, the student's file, lines changed, of them without error, minimal)
EDITS = [
    ("untouched", CHANGED, CHANGED.bugged, 0, 0, True),
    ("the error line fixed", CHANGED, CORRECT, 1, 0, True),
    ("spacing and a comment are no change", CHANGED,
     CORRECT.replace("total = 0", "total  =  0   # start") + "# done\n", 1, 0, True),
    ("a rewrite around the error", CHANGED,
     CORRECT.replace("total = 0", "total = 0 * 1").replace("print(n)", "print(n, end='')"),
     3, 2, False),
    ("a missing statement put back", REMOVED, CORRECT, 1, 0, True),
    ("more than the missing statement", REMOVED,
     CORRECT.replace("    total += n\n", "    total += n\n    total += 0\n"), 2, 0, False),
]


@pytest.mark.parametrize("task, student, changed, outside, minimal", [e[1:] for e in EDITS],
                         ids=[e[0] for e in EDITS])
def test_edit_precision_and_minimality(task, student, changed, outside, minimal):
    found = quality(task, student)
    assert (found.changed, found.outside, found.minimal) == (changed, outside, minimal)


# (situation, grade, the sentences about the edits)
KINDLY = [
    ("minimal and done", Grade([FIXED, FIXED], [None, None], scenarios=1,
                               quality=Quality(2, 0, 2)),
     ["A minimal fix: you changed only the 2 lines the 2 errors needed."]),
    ("minimal, not done yet: nothing to say", Grade([FIXED, REMAINING], [None, 4],
                                                    quality=Quality(1, 0, 2)), []),
    ("a rewrite that works", Grade([FIXED, FIXED], [None, None], scenarios=1,
                                   quality=Quality(9, 7, 2)),
     ["You rewrote 9 lines; the 2 errors needed 2. 7 of the lines you changed held no "
      "error.", "The program works, well done; next time, try changing only the lines you "
      "have found wrong: that is the debugging skill."]),
    ("a change beside, not done", Grade([FIXED, REMAINING], [None, 4],
                                        quality=Quality(2, 1, 2)),
     ["You changed 2 lines; the 2 errors needed 2. 1 of the lines you changed held no "
      "error.", "Debugging is finding the few lines that are wrong: try changing only "
      "those."]),
]


@pytest.mark.parametrize("result, said", [k[1:] for k in KINDLY], ids=[k[0] for k in KINDLY])
def test_fix_quality_is_said_kindly(result, said):
    assert quality_lines(result) == said


FUNCTION = Task("t", "t", "Shift letters.", "def encode(text, shift):\n    return text\n",
                "def encode(text, shift):\n    return text[1:]\n", (2,), ("",), (CALLS,))
READING = Task("t", "t", "Grade it.", CORRECT, CHANGED.bugged, (3,), ("",), (STDIN,))
HOLDS = "f.py holds a program for this task with 1 error (1 logical)."

# (situation, the game started, the lines after the description)
STARTS = [
    ("fix", Started(READING, Path("f.py"), ["logical"], False),
     [f"{HOLDS} Fix it in your editor."]),
    ("fix, taken up", Started(READING, Path("f.py"), ["logical"], True),
     [f"{HOLDS} Fix it in your editor.",
      "(taken up where you left it: f.py was already there)"]),
    ("expose, reading input", Started(READING, Path("f.py"), ["logical"], False, "expose"),
     [f"{HOLDS} Do not fix it: find inputs on which the program goes wrong.",
      "Try one with `debugex play --check f.py --input LINE --input LINE` (one --input per "
      "line the program reads). An input counts when the program does something else on "
      "it than the correct program would; you are told which error it exposes, never the "
      "correct output."]),
    ("expose, calling a function", Started(FUNCTION, Path("f.py"), ["logical"], False,
                                           "expose"),
     [f"{HOLDS} Do not fix it: find inputs on which the program goes wrong.",
      "Try one with `debugex play --check f.py --call \"encode(...)\"` (one --call per call, "
      "arguments written out). An input counts when the program does something else on it "
      "than the correct program would; you are told which error it exposes, never the "
      "correct output."]),
    ("locate", Started(READING, Path("f.py"), ["logical"], False, "locate"),
     [f"{HOLDS} Before fixing it, find its line: `debugex play --check f.py --lines "
      f"LINE,LINE` (line numbers of the program as handed out; {REMOVAL_RULE}). Then you "
      "fix it."]),
]


@pytest.mark.parametrize("game, said", [s[1:] for s in STARTS], ids=[s[0] for s in STARTS])
def test_what_each_task_asks(game, said):
    lines = task_lines(game)
    assert lines[:2] == [game.task.description, ""] and lines[2:] == said


PROGRAM = ("def mean(a, b):\n    return (a + b) / 2\n\n\nfor n in range(3):\n"
           "    if n > 1:\n        print(mean(n, 4))\n    total = n\nprint(total)\n")

# (situation, the bugged program, the construct hint 2 names)
CONSTRUCTS = [
    ("a comparison", PROGRAM.replace("n > 1", "n >= 1"),
     "this line is meant to be an `if` statement; the error is in a comparison"),
    ("a name", PROGRAM.replace("(a + b)", "(a + c)"),
     "this line is meant to be a `return` statement; the error is in a variable's name"),
    ("a call", PROGRAM.replace("mean(n, 4)", "mean(n)"),
     "this line is meant to be a statement on its own (a call); the error is in the call "
     "to `mean`"),
    ("an indentation", PROGRAM.replace("    total = n\nprint", "total = n\nprint"),
     "the error is in the indentation of this line: which block it belongs to decides "
     "when it runs"),
    ("a statement removed at the end of its block", PROGRAM.replace("    total = n\n", ""),
     "a statement is missing at the end of the body of the `for` loop over `range(3)`: "
     "the program needs one more step there"),
    ("a statement removed before another",
     PROGRAM.replace("    if n > 1:\n        print(mean(n, 4))\n", ""),
     "a statement is missing just before this line: the program skips a step"),
]


@pytest.mark.parametrize("bugged, said", [c[1:] for c in CONSTRUCTS],
                         ids=[c[0] for c in CONSTRUCTS])
def test_the_construct_a_second_hint_names(bugged, said):
    (change,) = recover_changes(PROGRAM, bugged)
    assert construct(PROGRAM, change) == said
