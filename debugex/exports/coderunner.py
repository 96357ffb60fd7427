"""Moodle CodeRunner questions (Moodle XML, built with lxml): one per task.

Each question is of type `coderunner` with `coderunnertype` python3 (or python3_w_input,
which echoes what `input()` reads): the description is the question text, with hints
that name the error lines one more at a time; the bugged program the student's starting
answer (`answerpreload`); the correct program the model answer (`answer`); each scenario
a test case; the explanations the general feedback (shown after the attempt). A stdin
scenario is a test with that stdin; a function scenario a test whose `testcode` prints the
repr() of each call. The question carries its own template (`coderunner_runs`), and every
expected output is what the correct program printed when that template ran in the
sandbox as CodeRunner runs it: all tests without stdin in one process (state the calls
leave behind is seen by the next test), or, when that gives other outputs than fresh
processes would (module-level state, output at the top level), a per-test template. The
question is kept only when, run that way, the model answer passes every test (also under
two other hash seeds; a value an order-free scenario gets in the order of the hash seed is
asked for sorted, `hash_order`) and the bugged program fails one. The elements and
attributes follow CodeRunner's own export (`qtype_coderunner::export_to_xml`);
`coderunner_check` validates them and `read_coderunner` reads a file back.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from ..formats import write_atomic, xml_printable, xml_unsafe
from ..sandbox import Sandbox
from ..scenarios import HASH_SEEDS
from ..text import claimed_class
from ..workflow import Task, unportable
from .coderunner_check import check_tree
from .coderunner_runs import (
    PROTOTYPES,
    SPLITTER_RE,
    Runnable,
    grade,
    outputs,
    template_for,
)
from .extras import need
from .hash_order import hash_order

WHAT = "debugex export --format coderunner"
CATEGORY_ROOT = "$course$/top/debugex"


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
    prototype: str = "python3"
    template: str = ""
    combinator: bool = True
    splitter: str = SPLITTER_RE
    category: str = ""
    tags: tuple[str, ...] = field(default=())

    def runnable(self) -> Runnable:
        return Runnable(self.template, self.combinator, self.splitter, self.tests)


@dataclass(frozen=True)
class Planned:
    """A task's tests with the template whose runs gave their expected outputs."""

    tests: tuple[QuestionTest, ...]
    template: str
    combinator: bool
    prototype: str
    shown: bool = False  # control characters printed as escapes


def _stdin_text(lines: Sequence[str]) -> str:
    return "".join(line + "\n" for line in lines)


def _testcode(calls: Sequence[str]) -> str:
    return "".join(f"print(repr({call}))\n" for call in calls)


def coderunner_tests(task: Task, sandbox: Sandbox, prototype: str = "python3",
                     shown: bool = False) -> Planned | str:
    """The task's scenarios as CodeRunner tests, expected outputs run now; or why not. A
    program that prints control characters gets them shown as escapes (`SHOWN`)."""
    reason = unportable(task.correct) or _unstorable(task)
    if reason:
        return reason
    blank = tuple(QuestionTest(_testcode(c.calls), _stdin_text(c.stdin), "")
                  for c in task.cases)
    combined = Runnable(template_for(prototype, True, shown), True, SPLITTER_RE, blank)
    found, failed = outputs(combined, task.correct, sandbox)
    template, combinator = combined.template, True
    if not any(t.stdin for t in blank):  # CodeRunner ran them together: as fresh runs too?
        alone = Runnable(template_for(prototype, False, shown), False, SPLITTER_RE, blank)
        apart, failed_apart = outputs(alone, task.correct, sandbox)
        if failed is not None or apart != found:
            template, combinator, found, failed = alone.template, False, apart, failed_apart
    if failed is not None:
        return f"the correct program does not finish a test: {failed.summary()}"
    tests = tuple(QuestionTest(t.testcode, t.stdin, out or "")
                  for t, out in zip(blank, found, strict=True))
    for test in tests:
        if " at 0x" in test.expected:
            return "its output holds memory addresses, which differ from run to run"
        for what, text in (("expected output", test.expected), ("stdin", test.stdin),
                           ("test code", test.testcode)):
            if (char := xml_unsafe(text)) is not None:
                if what == "expected output" and not shown:
                    return coderunner_tests(task, sandbox, prototype, shown=True)
                return (f"its {what} holds {char}, a character a Moodle XML file cannot "
                        "hold, so CodeRunner could not compare it")
    return Planned(tests, template, combinator, prototype, shown)


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
    """Escaped for HTML, `code` in backticks as <code>, the characters XML cannot hold
    shown as symbols."""
    parts = xml_printable(text).split("`")
    if len(parts) % 2 == 0:  # an odd number of backticks: no code spans to be sure of
        return html.escape("`".join(parts))
    return "".join(f"<code>{html.escape(p)}</code>" if i % 2 else html.escape(p)
                   for i, p in enumerate(parts))


def paragraphs_html(text: str) -> str:
    """Paragraphs at blank lines; a single newline inside one is kept as a line break."""
    return "".join("<p>" + "<br>".join(_html(line.strip()) for line in part.strip().split("\n"))
                   + "</p>" for part in text.split("\n\n") if part.strip())


def hints(task: Task) -> list[str]:
    """Hints that name one more error line each: the last names them all."""
    lines = sorted(set(task.lines))
    out = []
    for count in range(1, len(lines) + 1):
        shown = [str(n) for n in lines[:count]]
        where = shown[0] if count == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
        rest = len(lines) - count
        out.append(f"Look at line{'s' if count > 1 else ''} {where}."
                   + (f" ({rest} more line{'s' if rest != 1 else ''} with an error "
                      "after this hint.)" if rest else ""))
    return out


def error_classes_named(task: Task) -> list[str]:
    """The error classes the draft's explanations name, sorted (for tags)."""
    return sorted({c for e in task.explanations if (c := claimed_class(e))})


def tags_for(task: Task) -> tuple[str, ...]:
    """The exercise and the error classes the explanations name, for the question bank."""
    return tuple(dict.fromkeys([xml_printable(task.exercise), *error_classes_named(task)]))


def question_for(task: Task, planned: Planned, category: str = "") -> Question:
    count = len(task.lines)
    intro = (f"The program below was written for this task but has {count} "
             f"error{'s' if count != 1 else ''}. Find and fix "
             f"{'them' if count != 1 else 'it'}, then check your answer against the tests.")
    helps = "".join(f"<details><summary>Hint {n}</summary><p>{html.escape(h)}</p></details>"
                    for n, h in enumerate(hints(task), start=1))
    feedback = "".join(f"<p>{_html(e)}</p>" for e in task.explanations)
    if planned.shown:
        intro += (" The program prints control characters (such as the escape that starts a "
                  "terminal colour); in the tests they are shown as escapes, \\x1b for ESC.")
    return Question(xml_printable(f"{task.exercise}: {task.name}" if task.name != task.exercise
                                  else task.exercise),
                    paragraphs_html(task.description) + f"<p>{html.escape(intro)}</p>" + helps,
                    task.bugged, task.correct, planned.tests, feedback, planned.prototype,
                    planned.template, planned.combinator, SPLITTER_RE,
                    category or f"{CATEGORY_ROOT}/{xml_printable(task.exercise)}",
                    tags_for(task))


def questions_for(tasks: Sequence[Task], sandbox: Sandbox, prototype: str = "python3",
                  category: str = "") -> tuple[list[Question], dict[str, str]]:
    """The questions whose model answer passes and bugged program fails as CodeRunner
    runs them; (questions, task name -> why it was left out). One task's trouble never
    stops the others."""
    if prototype not in PROTOTYPES:
        raise ValueError(f"unknown CodeRunner prototype {prototype!r}")
    questions = []
    # Hash-order values of order-free scenarios asked for sorted; other hash-order output
    # left out (the seeded grading below then confirms what was kept).
    kept, left_out = hash_order(tasks, sandbox.n_workers)
    with ExitStack() as stack:
        seeded: dict[int, Sandbox] = {}
        for task in kept:
            planned = coderunner_tests(task, sandbox, prototype)
            if isinstance(planned, str):
                left_out[task.name] = planned
                continue
            question = question_for(task, planned, category)
            if not seeded:
                seeded = {s: stack.enter_context(Sandbox(workers=1, hash_seed=s))
                          for s in HASH_SEEDS}
            reason = _fails_on_the_platform(question, sandbox, seeded)
            if reason:
                left_out[task.name] = reason
            else:
                questions.append(question)
    return questions, left_out


def _fails_on_the_platform(question: Question, sandbox: Sandbox,
                           seeded: dict[int, Sandbox]) -> str | None:
    runnable = question.runnable()
    passed = grade(runnable, question.answer, sandbox)
    if not all(passed):
        return (f"its model answer fails test {passed.index(False) + 1} as CodeRunner runs "
                "the question")
    if all(grade(runnable, question.answerpreload, sandbox)):
        return "its bugged program passes every test as CodeRunner runs the question"
    for seed, other in seeded.items():
        passed = grade(runnable, question.answer, other)
        if not all(passed):
            return (f"what it prints depends on the hash seed (the order of a set or dict "
                    f"of strings): its model answer fails test {passed.index(False) + 1} "
                    f"under PYTHONHASHSEED={seed}, and CodeRunner's Jobe server picks a "
                    "random seed for each run")
    return None


# CodeRunner's own fields, in the order its export writes them; a value of None is
# written empty, which CodeRunner reads as "inherit from the python3 prototype".
def _fields(question: Question) -> list[tuple[str, str | None]]:
    rows = max(12, question.answerpreload.count("\n") + 3)
    return [
        ("coderunnertype", question.prototype), ("prototypetype", "0"), ("allornothing", "1"),
        ("penaltyregime", "10, 20, ..."), ("precheck", "0"), ("hidecheck", "0"),
        ("showsource", "0"), ("answerboxlines", str(rows)), ("answerboxcolumns", "100"),
        ("answerpreload", question.answerpreload), ("globalextra", None), ("useace", "1"),
        ("resultcolumns", None), ("template", question.template or None),
        ("iscombinatortemplate", "1" if question.combinator else "0"),
        ("allowmultiplestdins", "0"), ("answer", question.answer), ("validateonsave", "1"),
        ("testsplitterre", question.splitter), ("language", None), ("acelang", None), ("sandbox", None),
        ("grader", None), ("cputimelimitsecs", None), ("memlimitmb", None),
        ("sandboxparams", None), ("templateparams", None), ("hoisttemplateparams", "1"),
        ("extractcodefromjson", "1"), ("templateparamslang", "None"),
        ("templateparamsevalpertry", "0"), ("templateparamsevald", "{}"), ("twigall", "0"),
        ("uiplugin", None), ("uiparameters", None), ("attachments", "0"),
        ("attachmentsrequired", "0"), ("maxfilesize", "10240"), ("filenamesregex", None),
        # displayfeedback 0: as the quiz sets it
        ("filenamesexplain", None), ("displayfeedback", "0"), ("giveupallowed", "0"),
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
    category = None
    for question in questions:
        if question.category and question.category != category:
            category = question.category  # the questions after it go into this category
            texted(etree.SubElement(quiz, "question", type="category"), "category", category)
        node = etree.SubElement(quiz, "question", type="coderunner")
        texted(node, "name", question.name)
        texted(node, "questiontext", question.questiontext, format="html")
        texted(node, "generalfeedback", question.feedback, format="html")
        for tag, value in (("defaultgrade", "1"), ("penalty", "0"), ("hidden", "0"),
                           ("idnumber", None)):
            sub(node, tag, value)
        for tag, value in _fields(question):
            sub(node, tag, value)
        if question.tags:
            tags = etree.SubElement(node, "tags")
            for tag in question.tags:
                texted(tags, "tag", tag)
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

    questions, category = [], ""
    for node in root.iterfind("question"):
        if node.get("type") == "category":
            category = text(node, "category")
        if node.get("type") != "coderunner":
            continue
        tests = tuple(QuestionTest(text(case, "testcode"), text(case, "stdin"),
                               text(case, "expected"))
                      for case in node.iterfind("testcases/testcase"))
        questions.append(Question(
            text(node, "name"), text(node, "questiontext"),
            node.findtext("answerpreload") or "", node.findtext("answer") or "", tests,
            text(node, "generalfeedback"), node.findtext("coderunnertype") or "",
            node.findtext("template") or "", node.findtext("iscombinatortemplate") == "1",
            node.findtext("testsplitterre") or "", category,
            tuple(t.text or "" for t in node.iterfind("tags/tag/text"))))
    return questions
