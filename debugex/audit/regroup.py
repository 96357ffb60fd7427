"""The audit's own reading of what the changes are, where the one rule of
`changes/diffing.py` groups text a teacher reads otherwise (docs/changes.md, "Readings").

The injectors and composition write only edits that the one rule reads as one change
each, and none of these readings regroups them (checked over every site of the bundled
content and a sample of pairs of sites); they apply to hand-written records:
- **statements paired by what they assign or call**: a block of lines the line diff could
  not pair (no two lines alike enough) is read line by line where its lines start with the
  same name (`import math` removed and `nums = [...]` shortened are two changes, each
  classified alone, not one block that raises a NameError);
- **two statements merged onto one line** are one change, the join (`RATE = 2.5` and
  `LITRES = 1000.0` typed `RATE = 2.5, LITRES = 1000.0`), and the same edit made to both
  merged statements is one more (`remove(1)` and `remove(3)` typed `remove(2): remove(4)`);
- **a broken quote** is a change of its own: on a line whose quotes no longer balance,
  the edit of a quote is not joined to the edits of the code beside it
  (`print("Full coaches:", full)` typed `print("Full coaches:'',left)` is a quote and a
  name).
Every reading is checked: its changes together must give the incorrect program exactly.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from ..changes import Change, Piece, Token, line_changes, recover_changes, tokens


@dataclass
class Reading:
    """The changes of a record as the audit reads them, and what it read otherwise than
    the diff (said in the record's `other_reading` notes)."""
    program: str  # the incorrect program as read
    changes: list[Change]
    said: list[str] = field(default_factory=list)


def apply_all(correct: str, changes: list[Change]) -> str:
    """Every piece of every change applied at once, from the end backwards; at one offset
    a replaced span goes first, then the insertions there (which stand before it)."""
    pieces = [p for c in changes for p in c.pieces]
    order = sorted(range(len(pieces)), key=lambda n: (pieces[n].start,
                                                      pieces[n].end != pieces[n].start, n),
                   reverse=True)
    for piece in (pieces[n] for n in order):
        correct = correct[:piece.start] + piece.replacement + correct[piece.end:]
    return correct


def _offsets(text: str) -> list[int]:
    starts = [0]
    starts += [n + 1 for n, char in enumerate(text) if char == "\n"]
    return starts


def _code(token: Token) -> bool:
    return bool(token.text.strip())


def _lead(line: str) -> str | None:
    """The first name of a line of code (`nums` of `nums = [...]`), else None."""
    units = [t for t in tokens(line)[1:] if _code(t)]
    if units and (units[0].text[0].isalpha() or units[0].text[0] == "_"):
        return units[0].text
    return None


def _similar(a: str, b: str, ratio: float) -> bool:
    return difflib.SequenceMatcher(None, a.strip(), b.strip(), autojunk=False).ratio() >= ratio


def _paired(change: Change, lines_after: int) -> list[Change] | None:
    """A block of whole lines replaced by another, read line by line: lines that start with
    the same name are edits of each other, the others removed or added."""
    if len(change.pieces) != 1 or not change.before or not change.after:
        return None
    old = change.before.splitlines(keepends=True)
    new = change.after.splitlines(keepends=True)
    if len(old) + len(new) < 3 or not change.before.endswith("\n") \
            or not change.after.endswith("\n"):
        return None
    leads_old, leads_new = [_lead(x) for x in old], [_lead(x) for x in new]
    matcher = difflib.SequenceMatcher(None, leads_old, leads_new, autojunk=False)
    pairs = [(a + k, b + k) for a, b, size in matcher.get_matching_blocks()
             for k in range(size) if leads_old[a + k] is not None
             and _similar(old[a + k], new[b + k], 0.4)]
    if not pairs:
        return None
    start = change.pieces[0].start
    starts = [start + sum(len(x) for x in old[:k]) for k in range(len(old) + 1)]
    result: list[Change] = []
    i_prev, j_prev = 0, 0
    for i, j in pairs + [(len(old), len(new))]:
        if i > i_prev:  # removed lines, told at the line now standing where they were
            line = min(change.line + j_prev, max(1, lines_after))
            result.append(Change((Piece(starts[i_prev], starts[i], ""),), line,
                                 "".join(old[i_prev:i]), ""))
        if j > j_prev:
            result.append(Change((Piece(starts[i_prev], starts[i_prev], "".join(new[j_prev:j])),),
                                 change.line + j_prev, "", "".join(new[j_prev:j])))
        if i < len(old):
            result += line_changes(old[i], new[j], starts[i], change.line + j)
        i_prev, j_prev = i + 1, j + 1
    return result


def _resplit(correct: str, reading: Reading, split, why, ordered: bool = False) -> None:
    """Each change that `split` reads as several replaced by them, with `why` said of it,
    when the changes together still rebuild the incorrect program."""
    changes: list[Change] = []
    said: list[str] = []
    for change in reading.changes:
        parts = split(change)
        if parts is None:
            changes.append(change)
            continue
        changes += parts
        said.append(why(change))
    if said and apply_all(correct, changes) == reading.program:
        reading.changes = sorted(changes, key=lambda c: (c.line, c.pieces[0].start)) \
            if ordered else changes
        reading.said += said


def _statements_paired(correct: str, reading: Reading) -> None:
    lines_after = len(reading.program.splitlines())
    _resplit(correct, reading, lambda change: _paired(change, lines_after), lambda change: (
        f"line {change.line}: read line by line, each edited statement paired with the one "
        "that starts with the same name (the diff reads one block of lines replaced)"),
        ordered=True)


@dataclass(frozen=True)
class _Merge:
    first: int  # index of the first merged line in the correct program
    line: int  # the merged line in the incorrect program (1-based)
    changes: tuple[Change, ...]


def _shape(units: list[Token]) -> list[str]:
    """A statement's tokens, every name and number as one kind: `remove(1)` and
    `remove(3)` have one shape."""
    return ["w" if u.text[0].isalnum() or u.text[0] == "_" else u.text for u in units
            if _code(u)]


def _merge(old1: str, old2: str, new: str, start: int, line: int) -> tuple[Change, ...] | None:
    """The changes of `new` read as the statements `old1` and `old2` (starting at `start`
    in the correct program) typed on one line: the join (line break and indentation
    replaced by a separator) is one change, the edits of each statement are changes as
    on any line, and the same edit at the same place of two statements of one shape is
    one change. None when `new` does not hold most of both statements."""
    first, second = tokens(old1), tokens(old2)
    if first[-1].text != "\n" or first[0].text != second[0].text:
        return None  # not two statements of one block
    body1 = first[1:-1]
    body2 = second[1:-1] if second[-1].text == "\n" else second[1:]
    code1 = [t.text for t in body1 if _code(t)]
    if not code1 or not any(map(_code, body2)) or code1[-1] == ":":
        return None  # a block header and its body are not two statements of one line
    junction = len(first) - 1
    texts = [t.text for t in first[:-1]] + ["\n" + second[0].text] + [t.text for t in second[1:]]
    after = [t.text for t in tokens(new)]
    ops = difflib.SequenceMatcher(None, texts, after, autojunk=False).get_opcodes()
    at = next(op for op in ops if op[1] <= junction < op[2])
    separator = "".join(after[at[3]:at[4]])
    if at[0] == "equal" or "\n" in separator:
        return None
    kept = [0, 0]
    for tag, i1, i2, _, _ in ops:
        for k in range(i1, i2) if tag == "equal" else ():
            kept[k > junction] += len(texts[k].strip())
    need = [sum(len(t.text.strip()) for t in body) for body in (body1, body2)]
    if kept[0] < 0.5 * need[0] or kept[1] < 0.5 * need[1]:
        return None
    cut = [start + sum(len(x) for x in texts[:k]) for k in (at[1], at[2])]
    join = Change((Piece(cut[0], cut[1], separator),), line, "".join(texts[at[1]:at[2]]),
                  separator)
    side1 = line_changes("".join(texts[:at[1]]), "".join(after[:at[3]]), start, line)
    side2 = line_changes("".join(texts[at[2]:]), "".join(after[at[4]:]), cut[1], line)
    starts = (start + len(first[0].text), start + len(old1) + len(second[0].text))
    return tuple(_parallel(side1, side2, (body1, body2), starts) + [join])


def _index(units: list[Token], base: int, offset: int) -> int:
    """Which token of a statement (starting at `base`) begins at or after `offset`."""
    position = base
    for n, unit in enumerate(units):
        if position >= offset:
            return n
        position += len(unit.text)
    return len(units)


def _parallel(side1: list[Change], side2: list[Change], bodies: tuple[list[Token], ...],
              starts: tuple[int, int]) -> list[Change]:
    """The same edit at the same place of two statements of one shape is one change."""
    if _shape(bodies[0]) != _shape(bodies[1]):
        return side1 + side2

    def span(change: Change, n: int) -> tuple[int, int]:
        return (_index(bodies[n], starts[n], change.pieces[0].start),
                _index(bodies[n], starts[n], change.pieces[-1].end))

    result, rest = [], list(side2)
    for one in side1:
        twin = next((two for two in rest if span(two, 1) == span(one, 0)), None)
        if twin is None:
            result.append(one)
            continue
        rest.remove(twin)
        result.append(Change(one.pieces + twin.pieces, one.line,
                             f"{one.before} ... {twin.before}", f"{one.after} ... {twin.after}"))
    return result + rest


def _statements_merged(correct: str, reading: Reading) -> None:
    """Two consecutive statements of the correct program on one line of the incorrect
    one, where the line diff finds one line fewer."""
    old_lines = correct.splitlines(keepends=True)
    new_lines = reading.program.splitlines(keepends=True)
    offsets = _offsets(correct)
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    merges: list[_Merge] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or j2 == j1 or (i2 - i1) - (j2 - j1) < 1:
            continue
        for i in range(i1, i2 - 1):
            # the merged line stands where the lines before it, or those after it, pair up
            # one to one (never every pair of lines: a hostile record can be long)
            for j in sorted(j for j in {j1 + i - i1, j2 - (i2 - i - 1)} if j1 <= j < j2):
                found = _merge(old_lines[i], old_lines[i + 1], new_lines[j], offsets[i], j + 1)
                if found is not None and not any(m.line == j + 1 or abs(m.first - i) < 2
                                                 for m in merges):
                    merges.append(_Merge(i, j + 1, found))
    if not merges:
        return
    changes = list(reading.changes)
    for merge in merges:
        low, high = offsets[merge.first], offsets[merge.first + 2]
        changes = [c for c in changes if c.line != merge.line and not any(
            p.start < high and p.end > low or low < p.start < high for p in c.pieces)]
        changes += merge.changes
    if apply_all(correct, changes) != reading.program:
        return
    reading.changes = sorted(changes, key=lambda c: (c.line, c.pieces[0].start))
    reading.said += [f"line {m.line}: read as lines {m.first + 1} and {m.first + 2} of the "
                     "correct program typed on one line (the diff reads an edit and a removed "
                     "line)" for m in merges]


def _broken_quote(line: str) -> bool:
    """Whether a line holds a quote that our tokenizer could not close."""
    return any(t.literal is None and t.text[-1:] in ("'", '"') for t in tokens(line))


def _split_at_quote(change: Change, program_lines: list[str]) -> list[Change] | None:
    """A change on a line whose quotes no longer balance, split where it leaves tokens
    unchanged on either side of its quote edit: the quote, and the code beside it."""
    if len(change.pieces) != 1 or "\n" in change.before or "\n" in change.after:
        return None
    if not 0 < change.line <= len(program_lines) or not _broken_quote(
            program_lines[change.line - 1]):
        return None
    if all(change.before.count(q) % 2 == change.after.count(q) % 2 for q in "'\""):
        return None  # its quotes pair up (`total` quoted): one change by the one rule
    old, new = tokens(change.before), tokens(change.after)
    a, b = [t.text for t in old[1:]], [t.text for t in new[1:]]
    lead_a, lead_b = old[0].text, new[0].text  # leading spaces, read as indentation
    if lead_a != lead_b:
        return None
    runs = [op for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
            if op[0] != "equal"]
    quoted = [n for n, op in enumerate(runs)
              if any(q in "".join(a[op[1]:op[2]] + b[op[3]:op[4]]) for q in "'\"")]
    if len(runs) < 2 or not quoted:
        return None
    q = quoted[0]
    groups = [g for g in (runs[:q], runs[q:q + 1], runs[q + 1:]) if g]
    start = change.pieces[0].start + len(lead_a)
    result = []
    for group in groups:
        i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
        begin = start + sum(len(x) for x in a[:i1])
        before, after = "".join(a[i1:i2]), "".join(b[j1:j2])
        result.append(Change((Piece(begin, begin + len(before), after),), change.line,
                             before, after))
    return result


def _quotes_split(correct: str, reading: Reading) -> None:
    lines = reading.program.splitlines()
    _resplit(correct, reading, lambda change: _split_at_quote(change, lines), lambda change: (
        f"line {change.line}: the quote that no longer balances read as a change of its "
        f"own, apart from the code beside it (the diff reads {change.before.strip()!r} -> "
        f"{change.after.strip()!r} as one change)"))


def read_changes(correct: str, incorrect: str) -> Reading:
    """The changes between the programs as the audit reads them: the one rule's, then
    the readings above where the text reads otherwise to a teacher."""
    reading = Reading(incorrect, recover_changes(correct, incorrect))
    _statements_paired(correct, reading)
    _statements_merged(correct, reading)
    _quotes_split(correct, reading)
    return reading
