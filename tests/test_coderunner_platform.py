"""CodeRunner questions run as CodeRunner runs them: the question's own template with the
tests substituted (all at once without stdin, split at the test splitter; else one run
per test), in the sandbox, graded by CodeRunner's rule. On programs of our own that carry
state from one call to the next, print at their top level, print a set, or print a
control character."""

from __future__ import annotations

import pytest
from lxml import etree
from teach_helpers import (
    BANNER,
    BANNER_BUGGED,
    COLOUR,
    DISTINCT,
    GREET,
    PLAIN,
    TOTAL,
    TOTAL_BUGGED,
    WORDS,
    make_task,
)

from debugex.exports import (
    grade,
    questions_for,
    read_coderunner,
    write_coderunner,
    write_notebooks,
)
from debugex.exports.coderunner_runs import (
    COMBINATOR,
    Runnable,
    clean,
    expand,
    split_output,
)

pytestmark = pytest.mark.xdist_group("coderunner_platform")

@pytest.fixture(scope="module")
def tasks(sandbox):
    return {
        "total": make_task(sandbox, "total", TOTAL, TOTAL_BUGGED,
                           [((), ["add(2)"]), ((), ["add(3)", "add(4)"])]),
        "banner": make_task(sandbox, "banner", BANNER, BANNER_BUGGED,
                            [((), ["to_fahrenheit(0)"]), ((), ["to_fahrenheit(100)"])]),
        "plain": make_task(sandbox, "plain", PLAIN, PLAIN.replace("2", "3"),
                           [((), ["double(2)"]), ((), ["double(5)"])]),
        "distinct": make_task(sandbox, "distinct", DISTINCT,
                              DISTINCT.replace("set(words)", "list(words)"),
                              [((), [f"distinct({WORDS})"])]),
        "colour": make_task(sandbox, "colour", COLOUR, COLOUR.replace("name +", "name"),
                            [(["Ada"], [])]),
        "greet": make_task(sandbox, "greet", GREET, GREET.replace("!", "?"),
                           [(["Ada"], []), (["Bo"], [])]),
        # A scenario whose input holds ESC: no form of it fits in the XML.
        "escaped_input": make_task(sandbox, "escaped_input", GREET, GREET.replace("!", "?"),
                                   [(["\x1b[A"], [])]),
    }


@pytest.fixture(scope="module")
def exported(tasks, sandbox, tmp_path_factory):
    """Every fixture in one export, read back from the file."""
    questions, left_out = questions_for(list(tasks.values()), sandbox)
    path = write_coderunner(questions, tmp_path_factory.mktemp("cr") / "quiz.xml")
    return {q.name: q for q in read_coderunner(path)}, left_out, path


@pytest.mark.parametrize("name, combinator", [
    ("total", False),  # state carried between calls: a per-test template
    ("banner", False),  # top-level output printed once in one process: per test
    ("plain", True),  # no state: CodeRunner's one run for all tests
    ("greet", True),  # stdin: CodeRunner runs a combinator template once per test
    ("colour", True),  # prints ESC: shown as an escape by the question's own print
])
def test_model_answer_passes_and_bugged_fails_as_coderunner_runs_them(
        exported, sandbox, name, combinator):
    questions, _, _ = exported
    question = questions[name]
    assert question.combinator is combinator
    assert ("{% for TEST in TESTCASES %}" in question.template) is combinator
    assert all(grade(question.runnable(), question.answer, sandbox))
    assert not all(grade(question.runnable(), question.answerpreload, sandbox))


def test_a_stateful_program_under_one_process_would_fail_its_fresh_expectations(
        exported, sandbox):
    """What went wrong before: expected outputs from fresh runs, tests run in one."""
    question = exported[0]["total"]
    assert [t.expected for t in question.tests] == ["2\n", "3\n7\n"]
    together = Runnable(COMBINATOR, True, question.splitter, question.tests)
    assert grade(together, question.answer, sandbox) == [True, False]


def test_the_template_expands_and_splits_as_coderunner_does(exported, sandbox):
    question = exported[0]["plain"]
    program = expand(question.template, question.answer, question.tests, True)
    assert program.startswith(question.answer)
    run = sandbox.run(program)
    assert split_output(question.splitter, run.stdout) == ["4\n", "10\n"]
    assert clean("a  \nb\n\n\n") == clean("a\nb") == "a\nb\n"


def test_bad_drafts_are_left_out_with_reasons_and_the_rest_exported(exported):
    questions, left_out, path = exported
    assert sorted(questions) == ["banner", "colour", "greet", "plain", "total"]
    assert "PYTHONHASHSEED=" in left_out["distinct"]
    assert "depends on the hash seed" in left_out["distinct"]
    assert "U+001B" in left_out["escaped_input"] and "stdin" in left_out["escaped_input"]
    assert sorted(left_out) == ["distinct", "escaped_input"]
    colour = questions["colour"]
    assert [t.expected for t in colour.tests] == ["Name: \\x1b[1mAda\\x1b[0m\n"]
    assert "shown as escapes" in colour.questiontext
    etree.parse(str(path))  # the file is well-formed XML


def test_questions_carry_hints_code_and_line_breaks(exported):
    question = exported[0]["total"]
    assert "<code>x</code>" in question.feedback and "`" not in question.feedback
    assert "The total exercise.<br>It has two lines." in question.questiontext
    assert "<summary>Hint 1</summary><p>Look at line 1.</p>" in question.questiontext


def test_the_input_echoing_prototype(tasks, sandbox):
    questions, left_out = questions_for([tasks["greet"]], sandbox, "python3_w_input")
    assert not left_out
    (question,) = questions
    assert question.prototype == "python3_w_input"
    assert [t.expected for t in question.tests] == ["Name: Ada\nHello, Ada!\n",
                                                    "Name: Bo\nHello, Bo!\n"]
    assert all(grade(question.runnable(), question.answer, sandbox))


def test_notebooks_leave_out_hash_order_programs(tasks, tmp_path):
    files, left_out = write_notebooks([tasks["distinct"], tasks["plain"]], tmp_path)
    assert [f.name for f in files] == ["plain.ipynb"]
    assert "PYTHONHASHSEED=" in left_out["distinct"] and "Jupyter" in left_out["distinct"]
