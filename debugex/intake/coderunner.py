"""A Moodle question bank (XML) read for its CodeRunner questions.

Per question: its name, its text (HTML made plain), its model answer (`<answer>`) and its
test cases. A test whose code is empty runs the program on the test's stdin; a test whose
code is `print(f(...))` (or `f(...)` with literal arguments) calls a function of the
answer. Other test code is listed as not read. A stdin test's expected output is held
against the program with its input echoed, as CodeRunner's Python 3 question type does. The XML is parsed with lxml with entities
and network access off (a bank is a file from elsewhere).
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

from ..scenarios import Case
from .sources import Found

# Question types whose template echoes each line of input after its prompt (CodeRunner's
# "Python 3 with input" prototypes); the plain `python3` type does not.
ECHOING = frozenset({"python3_w_input", "python3_cosc121"})


def read_bank(path: Path) -> tuple[list[Found], list[str]]:
    try:
        from lxml import etree, html
    except ImportError:
        return [], [f"{path}: reading a Moodle XML bank needs lxml "
                    "(pip install 'debugex[teach]')"]
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except (etree.XMLSyntaxError, OSError) as exc:
        return [], [f"{path}: not a readable XML file ({exc})"]
    if root.tag != "quiz":
        return [], [f"{path}: an XML file that is not a Moodle question bank (no <quiz>)"]
    found, passed = [], []
    for number, question in enumerate(root.iter("question"), start=1):
        kind = question.get("type")
        name = (question.findtext("name/text") or f"question {number}").strip()
        if kind != "coderunner":
            if kind != "category":
                passed.append(f"{path}: question {name!r} is of type {kind!r}, not CodeRunner")
            continue
        language = (question.findtext("coderunnertype") or "").strip()
        if language and not language.startswith("python3"):
            passed.append(f"{path}: question {name!r} is of type {language!r}, not Python 3")
            continue
        answer = question.findtext("answer") or ""
        if not answer.strip():
            passed.append(f"{path}: question {name!r} has no model answer (<answer>)")
            continue
        if _is_data(answer):
            passed.append(f"{path}: question {name!r} has an answer that is data (JSON), "
                          "not a Python program: it is answered in another editor")
            continue
        if "{{" in answer or "{%" in answer:
            passed.append(f"{path}: question {name!r} is randomised: its answer is a Twig "
                          "template that only Moodle expands")
            continue
        text = question.findtext("questiontext/text") or ""
        try:
            words = html.fromstring(text).text_content().strip() if text.strip() else ""
        except (etree.ParserError, ValueError):
            words = text.strip()
        item = Found(name, f"{path} (question {name!r})", answer.replace("\r\n", "\n"),
                     words, "the question text" if words else "")
        if not words:
            item.notes.append("the question has no text: write a description")
        template = question.findtext("template") or ""
        item.echo_input = "__saved_input__" in template or language in ECHOING
        if template.strip() and not item.echo_input:
            item.notes.append("the question has a template of its own, which debugex does "
                              "not run: its tests are not read")
            found.append(item)
            continue
        item.cases_given, unread = _cases(question, answer)
        item.notes += unread
        found.append(item)
    return found, passed


def _cases(question, answer: str) -> tuple[list[tuple[str, Case | None, str]], list[str]]:
    """Each test as (stdin text, a Case for a call or None for a stdin run, expected
    output), and the tests that could not be read."""
    try:
        functions = {n.name for n in ast.parse(answer).body if isinstance(n, ast.FunctionDef)}
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        functions = set()
    cases, unread = [], []
    for number, test in enumerate(question.iter("testcase"), start=1):
        code = _code_of(test.findtext("testcode/text") or "")
        stdin = test.findtext("stdin/text") or ""
        expected = test.findtext("expected/text") or ""
        if not code:
            cases.append((stdin, None, expected))
            continue
        call = _call(code, functions)
        if call is None:
            unread.append(f"test {number} not read: its code is not a call of the answer's "
                          f"functions with literal arguments ({code[:60]!r})")
            continue
        call, how = call
        cases.append((stdin, Case(f"test_{number}", call, number, how, expected), expected))
    return cases, unread


def _code_of(text: str) -> str:
    """The test's code, or "" when it holds only comments (\"# Testing your program as a
    whole\"): such a test runs the program on its stdin, as an empty one does."""
    try:
        if not ast.parse(text).body:
            return ""
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        pass
    return text.strip()


def _is_data(answer: str) -> bool:
    """An answer written in one of CodeRunner's other editors (a graph, a table) is JSON."""
    if not answer.lstrip().startswith(("{", "[")):
        return False
    try:
        json.loads(answer)
    except ValueError:
        return False
    return True


def _call(code: str, functions: set[str]) -> tuple[str, str] | None:
    """(the call, "printed" when the test prints its value, "output" when the test only
    calls it and reads what it prints)."""
    try:
        node = ast.parse(code, mode="eval").body
    except SyntaxError:
        return None
    how = "output"
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id == "print" and len(node.args) == 1 and not node.keywords):
        node, how = node.args[0], "printed"
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id in functions):
        return None
    try:
        for argument in [*node.args, *(k.value for k in node.keywords)]:
            ast.literal_eval(argument)
    except (ValueError, TypeError, SyntaxError, RecursionError):
        return None
    return ast.unparse(node), how
