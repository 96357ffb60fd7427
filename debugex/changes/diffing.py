"""Recover the individual changes between a correct and an incorrect program.

The one rule of what "one change" is (the audit, composition's readability check and
the injectors' site filter all call `recover_changes` through this module): lines are
aligned first; a changed line is aligned again token by token, so independent edits on
one line are separate changes (its indentation, each run of replaced, added or removed
tokens); a changed string literal or comment is one change; a removed line, an added
line and a moved line are each one change. The incorrect program may not tokenize
(that can be the error), so lines are split by a small tokenizer of our own
(`linetokens`) that reads an unclosed quote as one token and goes on reading code.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from ..injectors import Edit, apply_edits
from .change import Change, Piece
from .joining import join_comparison_sides, join_item_rewrites
from .tokens import Token, is_word, token_kind, tokens


def _line_offsets(text: str) -> list[int]:
    offsets = [0]
    for number, char in enumerate(text):
        if char == "\n":
            offsets.append(number + 1)
    return offsets


def _inside(items: list[Token], first: int, last: int) -> int | None:
    """The literal whose text holds the span items[first:last] (its neighbours, which
    are unchanged, both belong to it), else None."""
    if first == 0 or last >= len(items):
        return None
    before, after = items[first - 1], items[last]
    if before.literal is None or before.literal != after.literal or before.role == "close" \
            or after.role == "open":
        return None
    return before.literal


def _token_by_token(opcodes: list[tuple], a: list[Token], b: list[Token]) -> list[tuple]:
    """A run of k tokens replaced by k others of the same kinds is k replacements (`")`
    -> `'}` is a wrong quote and a wrong bracket); any other run stays one change
    (`>=` typed `=>`, `return x` typed `print(x)`)."""
    result = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "replace" and i2 - i1 == j2 - j1 > 1 and all(
                token_kind(a[i1 + k]) == token_kind(b[j1 + k]) for k in range(i2 - i1)):
            result += [("replace", i1 + k, i1 + k + 1, j1 + k, j1 + k + 1)
                       for k in range(i2 - i1)]
        else:
            result.append((tag, i1, i2, j1, j2))
    return result


def _single(op: tuple) -> bool:
    return op[0] == "replace" and op[2] - op[1] == 1 and op[4] - op[3] == 1


def _one_rewrite(previous: tuple, between: tuple | None, op: tuple, a: list[Token]) -> bool:
    """Two edits with one operator or bracket left between them are one rewrite
    (`sorted(nums)` typed `nums.sort()`), unless each replaces one token by another
    (`f(x)` -> `g(y)` is two slips)."""
    if between is None or between[2] - between[1] != 1 \
            or token_kind(a[between[1]]) != "operator":
        return False
    return not (_single(previous) and _single(op))


def _within_line(old: str, new: str, old_start: int, line: int) -> list[Change]:
    """Token-level changes between two versions of one line: each run of replaced,
    added or removed tokens is one change, except that the edits inside one string
    literal are one change (a reworded text) and two edits that each unbalance brackets
    or quotes but together do not are one (quoting a word, dropping a pair of brackets)."""
    a, b = tokens(old), tokens(new)
    matcher = difflib.SequenceMatcher(None, [t.text for t in a], [t.text for t in b],
                                      autojunk=False)
    groups: list[list[tuple]] = []
    keys: list[tuple | None] = []
    between: tuple | None = None  # the unchanged run since the last change
    for op in _token_by_token(matcher.get_opcodes(), a, b):
        if op[0] == "equal":
            between = op
            continue
        old_literal, new_literal = _inside(a, op[1], op[2]), _inside(b, op[3], op[4])
        key = None if old_literal is None or new_literal is None else (old_literal,
                                                                        new_literal)
        if groups and ((key is not None and keys[-1] == key)
                       or _one_rewrite(groups[-1][-1], between, op, a)):
            groups[-1] += [between, op] if between else [op]
            between = None
            continue
        groups.append([op])
        keys.append(key)
        between = None
    texts_a, texts_b = [t.text for t in a], [t.text for t in b]
    groups = _pair_unbalanced(groups, texts_a, texts_b)
    changes = []
    for group in groups:
        i1, i2 = group[0][1], group[-1][2]
        j1, j2 = group[0][3], group[-1][4]
        start = old_start + sum(len(w) for w in texts_a[:i1])
        end = start + sum(len(w) for w in texts_a[i1:i2])
        replacement = "".join(texts_b[j1:j2])
        changes.append(Change((Piece(start, end, replacement),), line, "".join(texts_a[i1:i2]),
                              replacement))
    return changes


def line_changes(old: str, new: str, old_start: int, line: int) -> list[Change]:
    """The changes between two versions of one line (`old` starting at `old_start` in
    the correct program, `new` on `line` of the incorrect one), by the one rule: for
    readings that pair lines otherwise than the line diff does."""
    return _within_line(old, new, old_start, line)


_PAIRS = (("(", ")"), ("[", "]"), ("{", "}"))


def _balance(text: str) -> tuple[int, ...]:
    """Open-minus-close counts per bracket kind, and quote parity."""
    return (*(text.count(o) - text.count(c) for o, c in _PAIRS),
            text.count('"') % 2, text.count("'") % 2)


def _delta(group: list[tuple], a: list[str], b: list[str]) -> tuple[int, ...]:
    before = "".join(a[group[0][1]:group[-1][2]])
    after = "".join(b[group[0][3]:group[-1][4]])
    return tuple(x - y for x, y in zip(_balance(after), _balance(before), strict=True))


def _pair_unbalanced(groups: list[list[tuple]], a: list[str], b: list[str]) -> list[list[tuple]]:
    """Join two changes that each unbalance brackets or quotes but together do not:
    quoting a word (`total` -> `"total"`) or dropping a pair of brackets is one change."""
    merged: list[list[tuple]] = []
    for group in groups:
        if merged:
            last = merged[-1]
            zero = (0,) * (len(_PAIRS) + 2)
            if _delta(last, a, b) != zero:
                span = [last[0], group[-1]]
                if _delta(span, a, b) == zero:
                    merged[-1] = span
                    continue
        merged.append(group)
    return merged


def _similar(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, a.strip(), b.strip(), autojunk=False).ratio() >= 0.6


def _align(old: list[str], new: list[str], i1: int, i2: int, j1: int, j2: int
           ) -> list[tuple[int, int]] | None:
    """Pair the lines of a replaced block that are edits of each other, in order.

    None when the block is not a set of edited lines (then it is one change). A blank
    line is never an edit of a line with code: a statement removed beside a blank line
    added is a removal and an insertion, not one line rewritten."""
    if i2 - i1 == j2 - j1:
        return [(i1 + k, j1 + k) for k in range(i2 - i1)
                if bool(old[i1 + k].strip()) == bool(new[j1 + k].strip())]
    pairs: list[tuple[int, int]] = []
    j = j1
    for i in range(i1, i2):
        for k in range(j, j2):
            if _similar(old[i], new[k]):
                pairs.append((i, k))
                j = k + 1
                break
    return pairs or None


def recover_changes(correct: str, incorrect: str) -> list[Change]:
    """The changes that turn `correct` into `incorrect`, in order of their line."""
    old_lines = correct.splitlines(keepends=True)
    new_lines = incorrect.splitlines(keepends=True)
    offsets = _line_offsets(correct) + [len(correct)]
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    changes: list[Change] = []
    deletions: list[tuple[int, int, int]] = []
    insertions: list[tuple[int, int, int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace":
            pairs = _align(old_lines, new_lines, i1, i2, j1, j2)
            if pairs is not None:
                i_prev, j_prev = i1, j1
                for i, j in pairs + [(i2, j2)]:
                    if i > i_prev:
                        deletions.append((i_prev, i, j_prev))
                    if j > j_prev:
                        insertions.append((i, j_prev, j))
                    if (i, j) != (i2, j2):
                        changes += _within_line(old_lines[i], new_lines[j], offsets[i], j + 1)
                    i_prev, j_prev = i + 1, j + 1
                continue
        if tag == "delete":
            deletions.append((i1, i2, j1))
        elif tag == "insert":
            insertions.append((i1, j1, j2))
        else:
            changes.append(Change((Piece(offsets[i1], offsets[i2],
                                         "".join(new_lines[j1:j2])),), j1 + 1,
                                  "".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])))
    # A statement moved elsewhere is one change: pair deletions with matching insertions.
    for i1, i2, j_at in deletions:
        moved = [text.strip() for text in old_lines[i1:i2]]
        partner = next((ins for ins in insertions
                        if [text.strip() for text in new_lines[ins[1]:ins[2]]] == moved), None)
        removal = Piece(offsets[i1], offsets[i2], "")
        if partner is not None:
            insertions.remove(partner)
            i_at, j1, j2 = partner
            pieces = (removal, Piece(offsets[i_at], offsets[i_at], "".join(new_lines[j1:j2])))
            changes.append(Change(pieces, j1 + 1, "".join(old_lines[i1:i2]),
                                  "".join(new_lines[j1:j2])))
        else:
            line = min(j_at + 1, max(1, len(new_lines)))
            changes.append(Change((removal,), line, "".join(old_lines[i1:i2]), ""))
    for i_at, j1, j2 in insertions:
        changes.append(Change((Piece(offsets[i_at], offsets[i_at], "".join(new_lines[j1:j2])),),
                              j1 + 1, "", "".join(new_lines[j1:j2])))
    ordered = sorted(changes, key=lambda c: (c.line, c.pieces[0].start))
    joined = join_comparison_sides(_join_swaps(_join_unwrapped_blocks(ordered)), correct)
    return join_item_rewrites(joined, correct)


def _join_unwrapped_blocks(changes: list[Change]) -> list[Change]:
    """A block header deleted with its body dedented (a guard removed) is one change:
    the deleted `if ...:` line, the dedent of each body line, and an `else:` branch
    deleted right after it."""
    result: list[Change] = []
    index = 0
    while index < len(changes):
        change = changes[index]
        header = change.before.strip()
        if change.after or not header.endswith(":") or "\n" in header:
            result.append(change)
            index += 1
            continue
        pieces = list(change.pieces)
        befores, last_line = [change.before], change.line - 1
        index += 1
        while index < len(changes):
            nxt = changes[index]
            dedent = not nxt.after and not nxt.before.strip() and nxt.line <= last_line + 1
            orphan_else = (not nxt.after and nxt.before.lstrip().startswith("else")
                           and nxt.line <= last_line + 2)
            if not (dedent or orphan_else):
                break
            pieces += nxt.pieces
            befores.append(nxt.before)
            last_line = nxt.line
            index += 1
        if len(pieces) == 1:
            result.append(change)
        else:
            result.append(Change(tuple(pieces), change.line, "".join(befores), ""))
    return result


def _join_swaps(changes: list[Change]) -> list[Change]:
    """Two texts that traded places are one change: `x = 5` -> `5 = x`, or two branch
    conditions swapped between lines. Swaps whose lines interleave (a whole branch,
    test and body, moved above another) are one change too."""
    result: list[Change] = []
    spans: list[tuple[int, int] | None] = []
    used: set[int] = set()
    for i, first in enumerate(changes):
        if i in used:
            continue
        partner = None
        if len(first.pieces) == 1 and first.before.strip() and first.after.strip():
            for j in range(i + 1, len(changes)):
                other = changes[j]
                if j in used or len(other.pieces) != 1:
                    continue
                if other.line != first.line and not any(map(is_word, first.before)):
                    continue  # `=` for `==` here and `==` for `=` there: two typos
                if other.before == first.after and other.after == first.before:
                    partner = j
                    break
        elif len(first.pieces) == 1 and (bool(first.before) != bool(first.after)):
            # Text deleted in one place of a line and typed again in another: one move.
            moved = sorted((first.before or first.after).replace(" ", ""))
            for j in range(i + 1, len(changes)):
                other = changes[j]
                if j in used or len(other.pieces) != 1 or other.line != first.line:
                    continue
                if bool(other.before) != bool(first.before) and \
                        sorted((other.before or other.after).replace(" ", "")) == moved:
                    partner = j
                    break
        if partner is None:
            result.append(first)
            spans.append(None)
            continue
        used.add(partner)
        other = changes[partner]
        joined = Change(first.pieces + other.pieces, first.line,
                        f"{first.before} ... {other.before}", f"{first.after} ... {other.after}")
        span = (first.line, other.line)
        previous = next((k for k in range(len(result)) if spans[k] is not None
                         and spans[k][0] < span[0] <= spans[k][1] < span[1]), None)
        if previous is not None and first.line != other.line:
            old = result[previous]
            result[previous] = Change(old.pieces + joined.pieces, old.line,
                                      f"{old.before} ... {joined.before}",
                                      f"{old.after} ... {joined.after}")
            spans[previous] = (spans[previous][0], span[1])
            continue
        result.append(joined)
        spans.append(span if first.line != other.line else None)
    return result


def readable_as(source: str, edits: Sequence[Edit], lines: Sequence[int]) -> bool:
    """Whether the text alone tells these errors apart: diffing the correct and the
    changed program recovers exactly these edits, each on its error's line. An error
    that the diff would read differently could not be checked from the text (by the
    audit, or by a teacher), so it is never used."""
    if len(edits) == 1:
        quick = _readable_one_line(source, edits[0], lines[0])
        if quick is not None:
            return quick
    changed = apply_edits(source, edits)
    changes = recover_changes(source, changed)
    if sorted(c.line for c in changes) != sorted(lines):
        return False
    return sorted(c.apply(source) for c in changes) == sorted(e.apply(source) for e in edits)


def _readable_one_line(source: str, edit: Edit, line: int) -> bool | None:
    """The same answer for an edit inside one line, diffing only that line; None when
    the shortcut does not apply (the line diff could pair lines differently)."""
    if "\n" in edit.replacement or "\n" in source[edit.start:edit.end]:
        return None
    begin = source.rfind("\n", 0, edit.start) + 1
    finish = source.find("\n", edit.end)
    finish = len(source) if finish < 0 else finish + 1
    old = source[begin:finish]
    new = old[: edit.start - begin] + edit.replacement + old[edit.end - begin:]
    previous = source.rfind("\n", 0, max(0, begin - 1)) + 1
    following = source.find("\n", finish)
    neighbours = (source[previous:begin], source[finish:following + 1 if following >= 0
                                                  else len(source)])
    if not new.strip() or new in neighbours or old == new or not old.endswith("\n"):
        return None
    actual = source.count("\n", 0, begin) + 1
    changes = join_item_rewrites(join_comparison_sides(
        _join_swaps(_within_line(old, new, begin, actual)), source), source)
    return len(changes) == 1 and actual == line and \
        changes[0].apply(source) == edit.apply(source)

