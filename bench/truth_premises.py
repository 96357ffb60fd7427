"""The premise of each stock sentence, checked with logic of its own (issue 31, item 4).

`premise(sentence, draft, index)` answers for the sentences whose truth rests on a fact
about the program or its run: True when the fact holds, False when it does not, None for
a sentence this does not know. The facts are read here from the draft's own programs and
evidence (tokens and syntax trees), not from the text layer that wrote the sentence.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Callable

COMPARISONS = ("<", "<=", ">", ">=", "==", "!=")


def _block(xml: str, tag: str) -> str:
    return xml.split(f"<{tag}>\n", 1)[1].split(f"</{tag}>", 1)[0] if f"<{tag}>" in xml else ""


def _tokens(line: str) -> list[tokenize.TokenInfo]:
    found = []
    try:
        found.extend(tokenize.generate_tokens(io.StringIO(line.strip() + "\n").readline))
    except (tokenize.TokenError, SyntaxError):
        pass
    return found


def _loaded_names(program: str) -> set[str] | None:
    try:
        tree = ast.parse(program)
    except (SyntaxError, ValueError, RecursionError):
        return None
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _distance(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (x != y))
    return row[-1]


class _Facts:
    def __init__(self, draft: dict, index: int) -> None:
        self.error = draft["errors"][index]
        self.errors = draft["errors"]
        self.program = _block(draft["assistant_xml"], "incorrect-program")
        self.lines = self.program.splitlines()
        self.line = self.error["line"]
        self.code = self.lines[self.line - 1] if 0 < self.line <= len(self.lines) else ""
        self.details = self.error["edit"].get("details") or {}
        self.user_xml = draft["user_xml"]
        self.description = _block(self.user_xml, "description").lower()

    def indent(self, text: str) -> int:
        return len(text) - len(text.lstrip())


def _indented_further(f: _Facts, match: re.Match) -> bool:
    n = int(match.group(1))
    previous = f.lines[n - 1] if 0 < n <= len(f.lines) else ""
    return n < f.line and previous.strip() != "" and f.indent(previous) < f.indent(f.code)


def _nested(f: _Facts, match: re.Match) -> bool:
    brackets = [t for t in _tokens(f.code) if t.type == tokenize.OP and t.string in "([{)]}"]
    stack = []
    for token in brackets:
        if token.string in "([{":
            stack.append(token)
        elif stack:
            stack.pop()
    return bool(stack) and any(t.start[1] > stack[0].start[1] for t in brackets)


def _keeps_reading(f: _Facts, match: re.Match) -> bool:
    reported = (f.error.get("evidence") or {}).get("reported_line")
    return reported is not None and reported > f.line


def _end_of_line(f: _Facts, match: re.Match) -> bool:
    return not f.code.split("#")[0].rstrip().endswith(":")


def _task_words(f: _Facts, match: re.Match) -> bool:
    return f.details.get("new", "").lower() in re.findall(r"[a-z_]\w*", f.description)


def _ignored(f: _Facts, match: re.Match) -> bool:
    names = _loaded_names(f.program)
    return names is not None and f.details.get("reads") not in names


def _look_alike(f: _Facts, match: re.Match) -> bool:
    a, b = f.details.get("right", ""), f.details.get("wrong", "")
    return a in b or b in a or a[:3] == b[:3] or _distance(a, b) <= 2


def _not_a_capital(f: _Facts, match: re.Match) -> bool:
    a, b = f.details.get("name", ""), f.details.get("typo", "")
    return a.lower() != b.lower()


def _whole_test(f: _Facts, match: re.Match) -> bool:
    tokens = _tokens(f.code)
    comparisons = sum(t.type == tokenize.OP and t.string in COMPARISONS for t in tokens)
    joined = any(t.type == tokenize.NAME and t.string in ("and", "or") for t in tokens)
    return comparisons == 1 and not joined


def _no_other_return(f: _Facts, match: re.Match) -> bool | None:
    """The function the print stands in no longer returns a value anywhere: read from the
    correct program's syntax tree, every `return` with a value in that function (not in
    one nested in it) is the one the edit replaced."""
    correct = _block(f.user_xml, "correct-program")
    try:
        tree = ast.parse(correct)
    except SyntaxError:
        return None
    starts = [0]
    for line in correct.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    at = f.error["edit"]["start"]

    def offset(node: ast.AST) -> int:
        return starts[node.lineno - 1] + len(
            correct.splitlines()[node.lineno - 1].encode()[:node.col_offset].decode())

    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
                 and offset(n) <= at < starts[n.end_lineno]]
    if not functions:
        return None
    inner = max(functions, key=offset)
    todo, others = list(inner.body), 0
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Return) and node.value is not None and offset(node) != at:
            others += 1
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda |
                          ast.ClassDef):
            todo += list(ast.iter_child_nodes(node))
    return others == 0


def _not_itself(f: _Facts, match: re.Match) -> bool:
    return False  # "`x` is before `x`": a sentence that places a line against itself


def _twice(f: _Facts, match: re.Match) -> bool:
    return sum(e["injector"] == f.error["injector"] for e in f.errors) >= 2


# (injector or None for any, pattern of the sentence, the fact that makes it true)
CHECKS: tuple[tuple[str | None, str, Callable[[_Facts, re.Match], bool]], ...] = (
    (None, r"indented further than line (\d+)", _indented_further),
    ("unclosed_bracket", r"with brackets nested in", _nested),
    ("unclosed_bracket", r"keeps reading the next lines", _keeps_reading),
    ("unclosed_bracket", r"(at the )?end of (a|the) line", _end_of_line),
    ("renamed_parameter", r"task's words", _task_words),
    ("variable_misuse", r"is ignored", _ignored),
    ("item_collection_mixup", r"look alike", _look_alike),
    ("name_typo", r"dropped or swapped|one dropped letter|two swapped letters", _not_a_capital),
    (None, r"outcomes are swapped|for exactly the values", _whole_test),
    (None, r"meets it twice", _twice),
    ("print_instead_of_return", r"caller gets `None`|no longer hands anything back",
     _no_other_return),
    (None, r"`([^`]+)` is (?:before|after|inside|outside) `\1`", _not_itself),
)


def premise(sentence: str, draft: dict, index: int | None) -> bool | None:
    """True / False for a stock sentence about error `index` whose premise is known here;
    None for any other sentence."""
    if index is None:
        return None
    facts = None
    for injector, pattern, holds in CHECKS:
        match = re.search(pattern, sentence, re.IGNORECASE)
        if match is None:
            continue
        facts = facts or _Facts(draft, index)
        if injector is not None and facts.error["injector"] != injector:
            continue
        return holds(facts, match)
    return None
