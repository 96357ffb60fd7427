"""Moodle CodeRunner questions (Moodle XML, built with lxml): one per task.

Each question is of type `coderunner` with `coderunnertype` python3: the description is
the question text, the bugged program the student's starting answer (`answerpreload`),
the correct program the model answer (`answer`), each scenario a test case and the
explanations the general feedback (shown after the attempt). A stdin scenario is a test
with that stdin; a function scenario is a test whose `testcode` prints the repr() of each
call, run after the student's program as CodeRunner's python3 type does. Every expected
output is what the correct program printed in the sandbox for exactly that test (the
program, then the test code, with the test's stdin), so the model answer passes every
test. The elements and attributes follow CodeRunner's own export
(`qtype_coderunner::export_to_xml`); `coderunner_check` validates them and
`read_coderunner` reads a file back.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..formats import write_atomic, xml_printable, xml_unsafe
from ..sandbox import FINISHED, Job, Sandbox
from ..workflow import Task, unportable
from .coderunner_check import check_tree
from .extras import need

WHAT = "debugex export --format coderunner"


@dataclass(frozen=True)
class QuestionTest:
    testcode: str
    stdin: str
    expected: str


@dataclass(frozen=True)
class Question:
    name: str
    questiontext: str  # HTML
    answerpreload: str  # the bugged program
    answer: str  # the correct program
    tests: tuple[QuestionTest, ...]
    feedback: str  # HTML


def _stdin_text(lines: Sequence[str]) -> str:
    return "".join(line + "\n" for line in lines)


def _testcode(calls: Sequence[str]) -> str:
    return "".join(f"print(repr({call}))\n" for call in calls)


def coderunner_tests(task: Task, sandbox: Sandbox) -> tuple[QuestionTest, ...] | str:
    """The task's scenarios as CodeRunner tests, expected outputs run now; or why not."""
    reason = unportable(task.correct) or _unstorable(task)
    if reason:
        return reason
    plans = [(c.calls, c.stdin) for c in task.cases]
    # CodeRunner runs tests without stdin together, the program's top level once; a
    # program that prints at its top level would then print only before the first of
    # them, so such tests are folded into one.
    loose = [p for p in plans if p[0] and not p[1]]
    prints = any(c.stdout.split(">>> ", 1)[0] for c in task.cases if c.calls and not c.stdin)
    if len(loose) > 1 and prints:
        plans = [p for p in plans if p not in loose] + \
            [(tuple(call for calls, _ in loose for call in calls), ())]
    jobs = [Job(task.correct.rstrip("\n") + "\n\n" + _testcode(calls) if calls
                else task.correct, stdin) for calls, stdin in plans]
    tests = []
    for (calls, stdin), outcome in zip(plans, sandbox.run_many(jobs), strict=True):
        if outcome.kind != FINISHED:
            return f"the correct program does not finish a test: {outcome.summary()}"
        if " at 0x" in outcome.stdout:
            return "its output holds memory addresses, which differ from run to run"
        test = QuestionTest(_testcode(calls), _stdin_text(stdin), outcome.stdout)
        for what, text in (("expected output", test.expected), ("stdin", test.stdin),
                           ("test code", test.testcode)):
            if (char := xml_unsafe(text)) is not None:
                return (f"its {what} holds {char}, a character a Moodle XML file cannot "
                        "hold, so CodeRunner could not compare it")
        tests.append(test)
    return tuple(tests)


def _unstorable(task: Task) -> str | None:
    """Why a program of the task cannot be written to Moodle XML as it is (a control
    character or a lone surrogate in it), or None. The student's and the model program
    must stay exact; the words around them are shown escaped instead (`question_for`)."""
    for what, source in (("correct program", task.correct), ("bugged program", task.bugged)):
        if (char := xml_unsafe(source)) is not None:
            return (f"its {what} holds {char}, a character a Moodle XML file cannot hold "
                    "(write it as an escape such as \\x1b in the program)")
    return None


def _html(text: str) -> str:
    """Escaped for HTML, with the characters XML cannot hold shown as symbols."""
    return html.escape(xml_printable(text))


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{_html(part.strip())}</p>"
                   for part in text.split("\n\n") if part.strip())


def question_for(task: Task, tests: tuple[QuestionTest, ...]) -> Question:
    count = len(task.lines)
    intro = (f"The program below was written for this task but has {count} "
             f"error{'s' if count != 1 else ''}. Find and fix "
             f"{'them' if count != 1 else 'it'}, then check your answer against the tests.")
    feedback = "".join(f"<p>{_html(e)}</p>" for e in task.explanations)
    return Question(xml_printable(f"{task.exercise}: {task.name}" if task.name != task.exercise
                                  else task.exercise),
                    _paragraphs(task.description) + f"<p>{html.escape(intro)}</p>",
                    task.bugged, task.correct, tests, feedback)


# CodeRunner's own fields, in the order its export writes them; a value of None is
# written empty, which CodeRunner reads as "inherit from the python3 prototype".
def _fields(question: Question) -> list[tuple[str, str | None]]:
    rows = max(12, question.answerpreload.count("\n") + 3)
    return [
        ("coderunnertype", "python3"), ("prototypetype", "0"), ("allornothing", "1"),
        ("penaltyregime", "10, 20, ..."), ("precheck", "0"), ("hidecheck", "0"),
        ("showsource", "0"), ("answerboxlines", str(rows)), ("answerboxcolumns", "100"),
        ("answerpreload", question.answerpreload), ("globalextra", None), ("useace", "1"),
        ("resultcolumns", None), ("template", None), ("iscombinatortemplate", None),
        ("allowmultiplestdins", None), ("answer", question.answer), ("validateonsave", "1"),
        ("testsplitterre", None), ("language", None), ("acelang", None), ("sandbox", None),
        ("grader", None), ("cputimelimitsecs", None), ("memlimitmb", None),
        ("sandboxparams", None), ("templateparams", None), ("hoisttemplateparams", "1"),
        ("extractcodefromjson", "1"), ("templateparamslang", "None"),
        ("templateparamsevalpertry", "0"), ("templateparamsevald", "{}"), ("twigall", "0"),
        ("uiplugin", None), ("uiparameters", None), ("attachments", "0"),
        ("attachmentsrequired", "0"), ("maxfilesize", "10240"), ("filenamesregex", None),
        ("filenamesexplain", None), ("displayfeedback", "1"), ("giveupallowed", "0"),
        ("prototypeextra", None),
    ]


def build_tree(questions: Sequence[Question]):
    """The `<quiz>` element (lxml) holding every question."""
    etree = need("lxml.etree", WHAT)

    def sub(parent, tag: str, text: str | None = None, **attributes: str):
        element = etree.SubElement(parent, tag, **attributes)
        element.text = "" if text is None else text  # "" keeps <tag></tag>, never <tag/>
        return element

    def texted(parent, tag: str, text: str, **attributes: str):
        element = etree.SubElement(parent, tag, **attributes)
        sub(element, "text", text)
        return element

    quiz = etree.Element("quiz")
    for question in questions:
        node = etree.SubElement(quiz, "question", type="coderunner")
        texted(node, "name", question.name)
        texted(node, "questiontext", question.questiontext, format="html")
        texted(node, "generalfeedback", question.feedback, format="html")
        for tag, value in (("defaultgrade", "1"), ("penalty", "0"), ("hidden", "0"),
                           ("idnumber", None)):
            sub(node, tag, value)
        for tag, value in _fields(question):
            sub(node, tag, value)
        cases = etree.SubElement(node, "testcases")
        for number, test in enumerate(question.tests):
            case = etree.SubElement(cases, "testcase", testtype="0",
                                    useasexample="1" if number == 0 else "0",
                                    hiderestiffail="0", mark="1.0000000")
            for tag, value in (("testcode", test.testcode), ("stdin", test.stdin),
                               ("expected", test.expected), ("extra", ""),
                               ("display", "SHOW")):
                texted(case, tag, value)
    return quiz


def write_coderunner(questions: Sequence[Question], path: Path) -> Path:
    """Validate and write the questions as one Moodle XML file (atomically)."""
    etree = need("lxml.etree", WHAT)
    tree = build_tree(questions)
    problems = check_tree(tree)
    if problems:  # a bug of ours, never the user's: say it rather than write it
        raise ValueError("the CodeRunner XML does not validate: " + "; ".join(problems))
    data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    write_atomic(path, data.decode("utf-8"))
    return path


def read_coderunner(path: Path) -> list[Question]:
    """The coderunner questions of a Moodle XML file (other question types skipped)."""
    etree = need("lxml.etree", "reading CodeRunner XML")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, strip_cdata=True)
    root = etree.parse(str(path), parser).getroot()
    problems = check_tree(root)
    if problems:
        raise ValueError(f"{path}: not CodeRunner questions as debugex reads them: "
                         + "; ".join(problems[:5]))

    def text(node, tag: str) -> str:
        found = node.find(f"{tag}/text")
        return found.text or "" if found is not None else ""

    questions = []
    for node in root.iterfind("question[@type='coderunner']"):
        tests = tuple(QuestionTest(text(case, "testcode"), text(case, "stdin"),
                               text(case, "expected"))
                      for case in node.iterfind("testcases/testcase"))
        questions.append(Question(text(node, "name"), text(node, "questiontext"),
                                  node.findtext("answerpreload") or "",
                                  node.findtext("answer") or "", tests,
                                  text(node, "generalfeedback")))
    return questions
