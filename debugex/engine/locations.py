"""Location styles of the assistant message.

`lines` (the default) gives every error by its line in the incorrect program. The
`removed-lines` style writes an error that deletes whole lines the way the hand-made
dataset does, `Removed line N of original program`, N being the first deleted line in
the correct program; its explanation's `Line N:` names the same N, so the two agree.
"""

from __future__ import annotations

import ast
import re
import textwrap
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from ..changes import recover_changes
from ..formats import AssistantMessage
from ..injectors import Edit

LOCATION_STYLES = ("lines", "removed-lines")
DEFAULT_LOCATION_STYLE = "lines"
_LINE_ENTRY = re.compile(r"Line\s+(\d+)\s*:")


def _removals(correct: str, incorrect: str) -> dict[int, int]:
    """Incorrect-program line -> correct-program line, for the changes that delete whole
    lines and are alone on their line."""
    changes = recover_changes(correct, incorrect)
    per_line: dict[int, int] = {}
    for change in changes:
        per_line[change.line] = per_line.get(change.line, 0) + 1
    found = {}
    for change in changes:
        piece = change.pieces[0]
        whole = (len(change.pieces) == 1 and not change.after and change.before.strip()
                 and change.before.endswith("\n")
                 and correct[piece.start - 1:piece.start] in ("", "\n"))
        if whole and per_line[change.line] == 1:
            # keyed by the line the removal is told at (see `located_lines`)
            told = told_line(correct, piece.start, piece.end, change.line)
            found[told] = correct.count("\n", 0, piece.start) + 1
    return found


def with_location_style(assistant: AssistantMessage, correct: str,
                        style: str = DEFAULT_LOCATION_STYLE) -> AssistantMessage:
    """The message with its locations written in `style` (unchanged for `lines`)."""
    if style == DEFAULT_LOCATION_STYLE:
        return assistant
    if style not in LOCATION_STYLES:
        raise ValueError(f"unknown location style {style!r}; choose from {LOCATION_STYLES}")
    removals = _removals(correct, assistant.program)
    locations, removed = list(assistant.locations), []
    explanations = list(assistant.explanations)
    for index, line in enumerate(assistant.locations):
        if line not in removals or assistant.locations.count(line) != 1:
            continue
        number = removals[line]
        locations[index], removed = number, removed + [index]
        for k, text in enumerate(explanations):
            match = _LINE_ENTRY.match(text)
            if match and int(match.group(1)) == line:
                explanations[k] = f"Line {number}:" + text[match.end():]
    if locations != sorted(locations):  # lines shifted past another error: keep numbers
        return assistant
    return replace(assistant, locations=tuple(locations), explanations=tuple(explanations),
                   removed=tuple(removed))


# Where a removed statement is located (docs/locations.md). A statement that ended its
# block leaves no line of that block in its place: the line now standing there belongs
# to the outer block (or is blank), and a student told "before `return names`" puts the
# statement back in the wrong block. Such a removal is located at the last line left in
# its block, and said to be missing at the end of that block.
_HEADERS = {ast.For: "the body of the `for` loop", ast.While: "the body of the `while` loop",
            ast.With: "the `with` block", ast.Try: "the `try` block",
            ast.ExceptHandler: "the `except` block", ast.Module: "the program"}
_LONGEST_QUOTE = 40  # a longer test or iterable is named without quoting it


@lru_cache(maxsize=256)
def _tree(source: str) -> ast.Module | None:
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _segment(source: str, node: ast.AST) -> str:
    text = " ".join((ast.get_source_segment(source, node) or "").split())
    return text if len(text) <= _LONGEST_QUOTE else ""


def _block_name(source: str, node: ast.AST, part: str) -> str:
    """The block `node.<part>` in words, quoting only short code the student sees."""
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and part == "body":
        return f"the body of the function `{node.name}`"
    if isinstance(node, ast.For) and part == "body":
        over = _segment(source, node.iter)
        return f"the body of the `for` loop over `{over}`" if over else _HEADERS[ast.For]
    if isinstance(node, ast.If) and part == "body":
        test = _segment(source, node.test)
        header = source.splitlines()[node.lineno - 1].lstrip()
        word = "elif" if header.startswith("elif") else "if"
        return f"the block under `{word} {test}`" if test else f"the block of the `{word}`"
    if part == "orelse":
        return "the `else` block" + (" of the loop" if isinstance(node, ast.For | ast.While)
                                     else "")
    if part == "finalbody":
        return "the `finally` block"
    return _HEADERS.get(type(node), "its block")


@lru_cache(maxsize=4096)
def _ends_block(source: str, first: int, last: int) -> tuple[int, str] | None:
    tree = _tree(source)
    if tree is None:
        return None
    for node in ast.walk(tree):
        for part in ("body", "orelse", "finalbody"):
            body = getattr(node, part, None)
            if not isinstance(body, list) or len(body) < 2 or not isinstance(body[-1], ast.stmt):
                continue
            if body[-1].lineno == first and body[-1].end_lineno == last:
                return body[-2].end_lineno or first - 1, _block_name(source, node, part)
    return None


def block_end(source: str, start: int, end: int) -> tuple[int, str] | None:
    """When `source[start:end]` is the whole lines of the last statement of a block that
    keeps other statements: (the line of `source` it followed, that block in words, e.g.
    "the body of the `for` loop over `results`"); else None."""
    if start >= end or source[start - 1:start] not in ("", "\n") or \
            source[end - 1:end] != "\n" or not source[start:end].strip():
        return None
    first = source.count("\n", 0, start) + 1
    return _ends_block(source, first, source.count("\n", 0, end))


def _blank_after(source: str, end: int) -> int:
    """How many blank lines follow offset `end` (the start of a line)."""
    count = 0
    for line in source[end:].splitlines():
        if line.strip():
            break
        count += 1
    return count


def located_lines(source: str, edits: Sequence[Edit], lines: Sequence[int]) -> list[int]:
    """Each error's line as the student is told it: the diff's line, except for a removed
    statement (not an import), never told at a blank line: at the next code line of its
    block, or, when it ended its block, at the last line left in that block (the lines
    between are blank or comments, and stand in the draft just above the diff's line)."""
    return [line if edit.replacement else told_line(source, edit.start, edit.end, line)
            for edit, line in zip(edits, lines, strict=True)]


def told_line(source: str, start: int, end: int, line: int) -> int:
    """The line a removal of `source[start:end]` is told at, `line` being where the diff
    puts it in the changed program (see `located_lines`)."""
    if not _whole_statement(source, start, end):
        return line
    found = block_end(source, start, end)
    if found is not None:
        return line - (source.count("\n", 0, start) + 1 - found[0])
    return line + _blank_after(source, end)


def _whole_statement(source: str, start: int, end: int) -> bool:
    """Whole lines holding statements other than imports."""
    if start >= end or source[start - 1:start] not in ("", "\n") or source[end - 1:end] != "\n":
        return False
    try:
        tree = ast.parse(textwrap.dedent(source[start:end]))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return bool(tree.body) and not any(isinstance(s, ast.Import | ast.ImportFrom)
                                       for s in tree.body)


def in_block(source: str, edit: Edit) -> Edit:
    """The edit with the block its removal ended in its details (`block`), so that the
    text says "missing at the end of the body of the `for` loop"; unchanged otherwise."""
    found = None if edit.replacement else block_end(source, edit.start, edit.end)
    if found is None:
        return edit
    return replace(edit, details=tuple(sorted({**edit.info, "block": found[1]}.items())))
