"""Where a recovered change may be located: the line the diff gives it, and the other
lines at which the same text reads as the same change.

A diff picks one of several equally good alignments; a teacher may pick another and be
just as right. Three such freedoms are read here:
- a removed line, by its line in the correct program (`Removed line N of original
  program`, or a plain N once an earlier edit has shifted the lines);
- a line inserted next to an identical one (a duplicated line), or a removal from a run
  of identical lines, by either copy;
- a line moved over a block no longer than itself (two lines swapped), by either side;
- a removed statement at the line the location rule of docs/locations.md gives it (the
  last line left in the block it ended, or the next code line after blank lines).
"""

from __future__ import annotations

from ..changes import Change
from ..engine import told_line


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _slides(lines: list[str], first: int, last: int) -> set[int]:
    """1-based lines covered by the block lines[first:last] and by every position it can
    slide to over identical neighbours (the same text, another alignment)."""
    covered = set(range(first + 1, last + 1))
    size = last - first
    up, down = first, last
    while up > 0 and lines[up - 1].rstrip() == lines[up - 1 + size].rstrip():
        up -= 1
        covered.add(up + 1)
    while down < len(lines) and lines[down].rstrip() == lines[down - size].rstrip():
        down += 1
        covered.add(down)
    return covered


def removed_lines(change: Change, correct: str) -> set[int]:
    """Lines of the correct program that a removal may be said to remove (empty when the
    change removes nothing whole)."""
    if len(change.pieces) != 1 or change.after or not change.before.strip():
        return set()
    piece = change.pieces[0]
    first, last = _line_of(correct, piece.start) - 1, _line_of(correct, piece.end) - 1
    if correct[piece.start - 1:piece.start] not in ("", "\n") or first == last:
        return set()  # not whole lines
    return _slides(correct.splitlines(keepends=True), first, last)


def places(change: Change, correct: str, incorrect: str) -> dict[int, str]:
    """Lines of the incorrect program at which a claim locates this change, each with
    the reading it takes (empty for the diff's own line)."""
    found = {change.line: ""}
    lines = incorrect.splitlines(keepends=True)
    pieces = change.pieces
    if len(pieces) == 1 and pieces[0].start == pieces[0].end and change.after.strip():
        size = change.after.count("\n") or 1
        for line in _slides(lines, change.line - 1, change.line - 1 + size):
            found.setdefault(line, "the other copy of a duplicated line")
    removed = removed_lines(change, correct)
    if removed:
        # the line the location rule tells a removed statement at (docs/locations.md)
        told = told_line(correct, pieces[0].start, pieces[0].end, change.line)
        found.setdefault(told, "the line the location rule gives a removed statement "
                         "(docs/locations.md)")
        first = _line_of(correct, pieces[0].start)
        for line in removed:
            found.setdefault(line, "the line of the correct program the removed line stood on")
            found.setdefault(change.line + line - first, "the line now standing where a "
                             "copy of the removed line stood")
    if len(pieces) == 2 and change.before.strip() == change.after.strip():
        gone, put = sorted(pieces, key=lambda p: p.replacement != "")
        size = change.after.count("\n") or 1
        if put.start <= gone.start:  # moved up over the lines that now follow it
            over = correct.count("\n", put.start, gone.start)
            others = range(change.line + size, change.line + size + over)
        else:
            over = correct.count("\n", gone.end, put.start)
            others = range(change.line - over, change.line)
        if 0 < over <= size:
            for line in others:
                found.setdefault(line, "the other side of two lines that changed places")
    return found
