"""Facts of a program the text can name: where a line sits (function, loop, condition),
what code the student can see, and the string literal that never closes."""

from __future__ import annotations

import ast
import io
import tokenize
from dataclasses import dataclass
from functools import lru_cache

KEYWORDS_OK = frozenset({
    "if", "elif", "else", "for", "while", "def", "return", "import", "print", "range",
    "global", "and", "or", "not", "in", "str()", "int()", "float()", "list()", "input()",
    "len()", "None", "True", "False", "=", "==", "!=", "<", ">", "<=", ">=", "+", "-", "*",
    "/", "//", "%", "+=", "-=", "=+", "=-", "(", ")", "[", "]", "{", "}", ":", "f",
})


def squash(text: str) -> str:
    return "".join(text.split())


def visible(code: str, program: str) -> bool:
    """Whether a quoted piece of code can be seen in the program (spaces ignored); names
    of keywords, operators and built-ins count as vocabulary, not as quotes."""
    text = code.strip()
    if not text or text in KEYWORDS_OK:
        return True
    if text.endswith("()") and text[:-2].lstrip(".").isidentifier():
        text = text[:-2].lstrip(".")  # a function or method named by `name()`
    return squash(text) in _squashed(program)


@lru_cache(maxsize=64)
def _squashed(program: str) -> str:
    """squash(program), once per program: every quote of every sentence is looked up."""
    return squash(program)


def backtick_spans(text: str) -> list[str]:
    """The `...` quotes of a sentence, in order."""
    parts = text.split("`")
    return [parts[i] for i in range(1, len(parts) - 1, 2)]


def line_text(program: str, line: int) -> str:
    lines = program.splitlines()
    return lines[line - 1].strip() if 0 < line <= len(lines) else ""


@dataclass(frozen=True)
class Spot:
    """Where a line of the correct program sits."""

    function: str | None = None
    loop: str | None = None  # 'the `for` loop over `items`', 'the `while` loop'
    condition: str | None = None  # the test of the innermost if/elif/while containing it
    statement: str = ""  # the kind of the statement: 'assignment', 'call to `print`', ...
    condition_line: int = 0  # the line of that test


@lru_cache(maxsize=256)
def _tree(source: str) -> ast.Module | None:
    try:
        return ast.parse(source)
    except SyntaxError:
        return None


def _segment(source: str, node: ast.AST) -> str:
    return " ".join((ast.get_source_segment(source, node) or "").split())


@lru_cache(maxsize=4096)
def spot_of(source: str, line: int) -> Spot:
    """The function, loop and condition around `line` of a program that parses."""
    tree = _tree(source)
    if tree is None:
        return Spot()
    function = loop = condition = None
    statement, condition_line = "", 0
    node: ast.AST = tree
    while True:
        inner = None
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.stmt) and child.lineno <= line <= (child.end_lineno or 0):
                inner = child
                break
        if inner is None:
            break
        in_body = bool(getattr(inner, "body", None)) and \
            inner.body[0].lineno <= line <= (inner.body[-1].end_lineno or 0)
        if isinstance(inner, ast.For | ast.While | ast.If) and not in_body:
            node = inner  # an elif/else part: not under this test, not in this loop
            statement = type(inner).__name__
            continue
        if isinstance(inner, ast.FunctionDef):
            function = inner.name
        elif isinstance(inner, ast.For) and inner.lineno != line:
            loop = (f"the `for` loop over `{_segment(source, inner.iter)}`")
        elif isinstance(inner, ast.While) and inner.lineno != line:
            loop = "the `while` loop"
            condition, condition_line = _segment(source, inner.test), inner.test.lineno
        elif isinstance(inner, ast.If) and inner.lineno != line:
            condition, condition_line = _segment(source, inner.test), inner.test.lineno
        statement = type(inner).__name__
        node = inner
    return Spot(function, loop, condition, statement, condition_line)


def never_closed(program: str, line: int | None = None) -> tuple[int, str] | None:
    """(line, text from the opening quote to the end of the line) of the first string
    literal in `program` that never closes, read with tokenize. When another error stops
    the tokenizer first, `line` alone is read."""
    found = _never_closed(program)
    if found is None and line is not None:
        lines = program.splitlines()
        if 0 < line <= len(lines):
            alone = _never_closed(lines[line - 1].strip() + "\n")
            if alone is not None:
                return line, alone[1]
    return found


def _never_closed(program: str) -> tuple[int, str] | None:
    try:
        for token in tokenize.generate_tokens(io.StringIO(program).readline):
            if token.type == tokenize.ERRORTOKEN and token.string.strip() in ("'", '"'):
                row, col = token.start
                return row, token.line[col:].rstrip("\n").rstrip()
    except (tokenize.TokenError, SyntaxError) as exc:
        # Python 3.12+ tokenizes in C and raises at the opening quote instead
        position = exc.args[1] if len(exc.args) > 1 else None
        if "unterminated string" in str(exc.args[0]) and isinstance(position, tuple):
            row, col = position[0], position[1]
            lines = program.splitlines()
            if 0 < row <= len(lines):
                text = lines[row - 1]
                start = next((i for i in range(min(col, len(text) - 1), -1, -1)
                              if text[i] in "'\""), None)
                if start is not None:
                    return row, text[start:].rstrip()
        return None
    return None
