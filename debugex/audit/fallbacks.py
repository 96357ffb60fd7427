"""Readings the audit takes only where a record holds under them alone
(docs/changes.md, "Readings"): the text allows them, but so does the one rule's reading.

- **a literal rewritten as a whole**: the edits inside one list, tuple, set or dict of
  constants that still reads as such a literal are one change (`[1, 2, 3, 4, 5]` typed
  `[0, 1, 2, 3, 4]`, "the list holds 0-4 instead of 1-5"), where the token diff reads
  a `0, ` added and a `, 5` removed;
- **the indentation relative to the block's tag**: in a message whose blocks are indented
  inside `<root>`, the program read with what its lines have beyond their tag (see
  `formats.tag_relative_program`); the whole program indented deeper is one change, at
  its first line (`print("Hello world'}` typed with an indent: "the line is indented").
"""

from __future__ import annotations

import ast

from ..changes import Change, Piece
from ..formats import tag_relative_program
from ..injectors import ast_offsets
from .regroup import Reading, apply_all, read_changes

_DISPLAYS = (ast.List, ast.Tuple, ast.Set, ast.Dict)


def _constant(node: ast.AST | None) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        node = node.operand
    return isinstance(node, ast.Constant)


def _literal(node: ast.AST) -> bool:
    """A list, tuple, set or dict display of constants only."""
    if isinstance(node, ast.Dict):
        return all(map(_constant, node.keys)) and all(map(_constant, node.values))
    return isinstance(node, _DISPLAYS) and all(map(_constant, node.elts))


def _displays(source: str) -> list[tuple[int, int]]:
    """(start, end) offsets of every literal display of constants in the program."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return []
    offset = ast_offsets(source)
    return [(offset(n.lineno, n.col_offset), offset(n.end_lineno, n.end_col_offset))
            for n in ast.walk(tree) if isinstance(n, _DISPLAYS) and _literal(n)
            and n.end_lineno is not None and n.end_col_offset is not None]


def _same_kind(before: str, after: str) -> bool:
    try:
        old, new = (ast.parse(t.strip(), mode="eval").body for t in (before, after))
    except (SyntaxError, ValueError):
        return False
    return type(old) is type(new) and _literal(new)


def literal_reading(correct: str, main: Reading) -> Reading | None:
    """The main reading with the edits inside one literal of constants joined."""
    changes = list(main.changes)
    said = []
    for start, end in _displays(correct):
        inside = [c for c in changes if all(start < p.start and p.end < end for p in c.pieces)]
        if len(inside) < 2:
            continue
        pieces = tuple(p for c in inside for p in c.pieces)
        before = correct[start:end]
        after = Change(tuple(Piece(p.start - start, p.end - start, p.replacement)
                             for p in pieces), 0, "", "").apply(before)
        if not _same_kind(before, after):
            continue
        joined = Change(pieces, min(c.line for c in inside), before, after)
        changes = [c for c in changes if c not in inside] + [joined]
        said.append(f"line {joined.line}: read as the literal {before} rewritten as a whole, "
                    f"one change (the diff reads {len(inside)}; the record holds only so)")
    if not said or apply_all(correct, changes) != main.program:
        return None
    return Reading(main.program, sorted(changes, key=lambda c: (c.line, c.pieces[0].start)),
                   main.said + said)


def _shifted(change: Change, correct: str, prefix: str) -> bool:
    """A line's indentation made deeper by `prefix`, and nothing else."""
    start = change.pieces[0].start
    return (len(change.pieces) == 1 and not change.before.strip()
            and change.after == prefix + change.before
            and correct[start - 1:start] in ("", "\n"))


def indented_reading(correct: str, raw_assistant: str, read: str) -> Reading | None:
    """The program as its lines are indented beyond their tag (`read` is the program as
    read), the shift one change."""
    program = tag_relative_program(raw_assistant)
    if program is None:
        return None
    first = next(line for line in program.splitlines() if line.strip())
    prefix = first[: len(first) - len(next(x for x in read.splitlines() if x.strip()))]
    reading = read_changes(correct, program)
    shifted = [c for c in reading.changes if _shifted(c, correct, prefix)]
    if not shifted:
        return None
    whole = Change(tuple(p for c in shifted for p in c.pieces), shifted[0].line, "", prefix)
    changes = [whole] + [c for c in reading.changes if c not in shifted]
    if apply_all(correct, changes) != program:
        return None
    lines = f"{len(shifted)} lines" if len(shifted) > 1 else "its line"
    return Reading(program, sorted(changes, key=lambda c: (c.line, c.pieces[0].start)),
                   reading.said + [f"line {whole.line}: the program read with the indentation "
                                   f"its lines have relative to the `<incorrect-program>` tag "
                                   f"({len(prefix)} more than the message's other blocks: "
                                   f"{lines} indented, one change; the record holds only "
                                   "so)"])


def other_readings(correct: str, raw_assistant: str, main: Reading) -> list[Reading]:
    """The readings to try, in order, when a record does not hold under the main one."""
    found = []
    literal = literal_reading(correct, main)
    indented = indented_reading(correct, raw_assistant, main.program)
    found += [r for r in (literal, indented) if r is not None]
    if indented is not None:
        both = literal_reading(correct, indented)
        if both is not None:
            found.append(both)
    return found
