"""How CodeRunner runs a question, done in debugex's sandbox.

CodeRunner expands the question's Twig template with the student's answer and the tests
(`qtype_coderunner_jobrunner`). A *combinator* template gets every test at once and runs
as one program, its output cut into one part per test by the question's test-splitter
regex; CodeRunner uses it only when no test has stdin, and when that one run does not
succeed (an exception) it runs the tests one by one instead. A per-test template runs once
per test, in a fresh process, with the test's stdin; a run that fails ends the testing
there. Each output is compared with the expected one after CodeRunner's `clean` (trailing
spaces off every line, trailing blank lines off the end).

The questions debugex writes carry their own template (below, written for Twig and
expanded here by Jinja2, whose syntax for these few tags is the same; `trim_blocks` is
Twig's rule of dropping the newline after a `{% %}` tag), so what is computed here is
what Moodle runs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import jinja2

from ..sandbox import FINISHED, Job, Outcome, Sandbox

SEPARATOR = "#<debugex: end of test>#"
SPLITTER_RE = f"|{SEPARATOR}\\n|ms"
# CodeRunner's python3_w_input prototype echoes what `input()` reads, so that a test's
# output reads like a terminal session. One line, so the student's line numbers move by one.
ECHO = ("__read = input; input = lambda prompt='': "
        "(lambda line: print(line) or line)(__read(prompt))\n")
COMBINATOR = """{{ STUDENT_ANSWER }}

{% for TEST in TESTCASES %}
{{ TEST.testcode }}
{% if not loop.last %}
print("#<debugex: end of test>#")
{% endif %}
{% endfor %}
"""
PER_TEST = """{{ STUDENT_ANSWER }}

{{ TEST.testcode }}
"""
PROTOTYPES = {"python3": "", "python3_w_input": ECHO}  # coderunnertype -> template head
# For a program that prints control characters (an ANSI colour), which no Moodle XML file
# can hold: its print() shows each as an escape (ESC as \x1b), so that the expected output
# can be stored and compared. A name of the program's own globals, so it is the same in
# the sandbox and on Jobe; one line, as ECHO.
SHOWN = ("print = (lambda show, table: lambda *args, sep=None, end=None, **rest: show("
         "*(str(a).translate(table) for a in args), sep=None if sep is None else "
         "sep.translate(table), end=None if end is None else end.translate(table), **rest))"
         "(print, {c: '\\\\x%02x' % c for c in [*range(9), 11, 12, *range(14, 32)]})\n")


_TWIG = jinja2.Environment(trim_blocks=True, keep_trailing_newline=True, autoescape=False,
                           undefined=jinja2.StrictUndefined)


@dataclass(frozen=True)
class Runnable:
    """What CodeRunner needs of a question to run it."""

    template: str
    combinator: bool
    splitter: str  # the test-splitter regex, PHP style: |pattern|flags
    tests: tuple  # of objects with .testcode, .stdin (text) and .expected


def template_for(prototype: str, combinator: bool, shown: bool = False) -> str:
    return (SHOWN if shown else "") + PROTOTYPES[prototype] + \
        (COMBINATOR if combinator else PER_TEST)


def expand(template: str, answer: str, tests: Sequence, combinator: bool) -> str:
    """The program CodeRunner runs for these tests (all of them, or the one test)."""
    cases = [{"testcode": t.testcode, "stdin": t.stdin, "expected": t.expected}
             for t in tests]
    values = {"STUDENT_ANSWER": answer}
    if combinator:
        values["TESTCASES"] = cases
    else:
        (values["TEST"],) = cases
    return _TWIG.from_string(template).render(values)


def split_output(splitter: str, output: str) -> list[str]:
    """PHP's preg_split with a `|pattern|flags` regex, as CodeRunner calls it."""
    delimiter = splitter[0]
    end = splitter.rindex(delimiter)
    flags = 0
    for letter in splitter[end + 1:]:
        flags |= {"m": re.M, "s": re.S, "i": re.I, "x": re.X}.get(letter, 0)
    return re.split(splitter[1:end], output, flags=flags)


def clean(text: str) -> str:
    """CodeRunner's `qtype_coderunner_util::clean`: what its equality grader compares."""
    if not text.strip(" \t\n\r\0\x0b"):
        return ""
    lines = [line.rstrip(" \t\n\r\0\x0b") for line in text.split("\n")]
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


def stdin_lines(text: str) -> tuple[str, ...]:
    return tuple(text.split("\n")[:-1] if text.endswith("\n") else text.split("\n")) \
        if text else ()


def single_jobs(question: Runnable, answer: str) -> list[Job]:
    """One run per test, as CodeRunner runs a per-test template (or a combinator template
    on tests with stdin, or after a combinator run failed)."""
    return [Job(expand(question.template, answer, [t], question.combinator),
                stdin_lines(t.stdin)) for t in question.tests]


def combined_job(question: Runnable, answer: str) -> Job:
    return Job(expand(question.template, answer, question.tests, True))


def uses_combinator(question: Runnable) -> bool:
    """Whether CodeRunner runs the tests in one go (its combinator with no stdin)."""
    return question.combinator and not any(t.stdin for t in question.tests)


def outputs(question: Runnable, answer: str, sandbox: Sandbox
            ) -> tuple[list[str | None], Outcome | None]:
    """The output CodeRunner gets for each test (None for a test whose run failed or was
    never reached), and the failed run if one ended the testing."""
    count = len(question.tests)
    if uses_combinator(question):
        run = sandbox.run_many([combined_job(question, answer)])[0]
        if run.kind == FINISHED:
            parts = split_output(question.splitter, run.stdout)
            return (list(parts), None) if len(parts) == count else ([None] * count, run)
        if run.kind == "syntax_error":
            return [None] * count, run
    found: list[str | None] = []
    for run in sandbox.run_many(single_jobs(question, answer)):
        if run.kind != FINISHED:
            return found + [None] * (count - len(found)), run
        found.append(run.stdout)
    return found, None


def grade(question: Runnable, answer: str, sandbox: Sandbox) -> list[bool]:
    """Which tests the answer passes, as CodeRunner's equality grader marks them."""
    found, _ = outputs(question, answer, sandbox)
    return [output is not None and clean(output) == clean(test.expected)
            for output, test in zip(found, question.tests, strict=True)]
