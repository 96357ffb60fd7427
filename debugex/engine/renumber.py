"""Line numbers of an edit's own proof, told in the draft it is placed in.

Each edit is proven alone (`sites.SiteCatalog`), so where Python reported its error is a
line of the correct program with that one edit applied. In a draft the other edits may
add or remove lines above it (a statement left out, an import deleted), and "Python only
notices it on line 9" must name the line the student sees.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from ..injectors import Edit
from .verify import Verdict

# Python's own messages name lines too ("expected an indented block after 'if' statement
# on line 4"); this reads Python's message, never the program's source.
_ON_LINE = re.compile(r"\bon line (\d+)\b")


def _delta(source: str, edit: Edit) -> int:
    """Lines the edit adds (or, negative, removes)."""
    return edit.replacement.count("\n") - source.count("\n", edit.start, edit.end)


def in_draft(source: str, edits: Sequence[Edit], index: int, line: int) -> int:
    """`line` of `source` with only `edits[index]` applied, as numbered once all `edits`
    are applied (they never overlap)."""
    own = edits[index]
    first = source.count("\n", 0, own.start) + 1
    if line < first:
        original = line
    elif line <= first + own.replacement.rstrip("\n").count("\n"):  # the edit's own text
        before = sum(_delta(source, e) for e in edits if e is not own and e.end <= own.start)
        return first + before + (line - first)
    else:
        original = line - _delta(source, own)
    starts = source.split("\n")
    offset = sum(len(text) + 1 for text in starts[:max(original - 1, 0)])
    return original + sum(_delta(source, e) for e in edits if e.end <= offset)


def renumbered(verdict: Verdict, source: str, edits: Sequence[Edit], index: int) -> Verdict:
    """The verdict of `edits[index]` alone with its line numbers told in the draft."""
    if verdict.reported_line is None and not _ON_LINE.search(verdict.message or ""):
        return verdict

    def moved(match: re.Match) -> str:
        return f"on line {in_draft(source, edits, index, int(match.group(1)))}"
    reported = verdict.reported_line
    return dataclasses.replace(
        verdict,
        reported_line=None if reported is None else in_draft(source, edits, index, reported),
        message=_ON_LINE.sub(moved, verdict.message or ""))
