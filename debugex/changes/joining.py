"""Changes that a diff recovers apart but a reader sees as one: a comparison rewritten."""

from __future__ import annotations

from .change import Change
from .tokens import tokens

_COMPARISONS = frozenset({"==", "!=", "<", ">", "<=", ">=", "in", "not in", "is", "is not"})
_SEPARATORS = frozenset({"and", "or", ",", "=", ":", ";", "if", "else"})


def join_comparison_sides(changes: list[Change], correct: str) -> list[Change]:
    """One comparison rewritten is one change: two changes of a line with only the
    comparison operator between them (`len(s) == 0` -> `s == []`), a rewrite the diff
    aligned one token off (`not s` -> `s == ()`), or the same edit on both sides of one
    comparison (`a[1] > b[1]` -> `a > b`, `x > best` -> `x[1] > best[1]`)."""
    result: list[Change] = []
    for change in changes:
        previous = result[-1] if result else None
        if previous is None or previous.line != change.line or len(change.pieces) != 1:
            result.append(change)
            continue
        end, start = previous.pieces[-1].end, change.pieces[0].start
        gap = correct[end:start] if end <= start else "\n"
        words = gap.split()
        # the same text on both sides, however the diff aligned it (`][1` and `[1]`)
        same_edit = (sorted(previous.before), sorted(previous.after)) == (
            sorted(change.before), sorted(change.after))
        # a misaligned rewrite reads `not s` -> `s == ()` as `not`->`s`, `s`->`== ()`
        shifted = not words and previous.after.strip() == change.before.strip() != ""
        joined = "\n" not in gap and (
            shifted or " ".join(words) in _COMPARISONS
            or (same_edit and sum(w in _COMPARISONS for w in words) == 1
                and not any(w in _SEPARATORS for w in _tokens_of(gap))))
        if not joined:
            result.append(change)
            continue
        result[-1] = _joined(previous, change, gap)
    return result


def _joined(previous: Change, change: Change, gap: str) -> Change:
    """Two changes of one line read as one, with the text between them."""
    return Change(previous.pieces + change.pieces, previous.line,
                  f"{previous.before}{gap}{change.before}",
                  f"{previous.after}{gap}{change.after}")


def _tokens_of(text: str) -> list[str]:
    return [t.text.strip() for t in tokens(text) if t.text.strip()]


def _unbracketed(text: str) -> str | None:
    """`[x]` -> `x`: the item of a one-item list written with its brackets, else None."""
    text = text.strip()
    if len(text) > 2 and text[0] == "[" and text[-1] == "]" and "[" not in text[1:-1] \
            and "," not in text[1:-1]:
        return text[1:-1].strip()
    return None


def join_item_rewrites(changes: list[Change], correct: str) -> list[Change]:
    """An item's list brackets lost in one rewrite of its statement are one change: the
    two names of `result += [x]` traded (`x += result`), or the statement written out
    (`result = result + x`). A diff reads each as two changes of the line."""
    result: list[Change] = []
    for change in changes:
        previous = result[-1] if result else None
        if previous is None or previous.line != change.line or len(change.pieces) != 1 \
                or len(previous.pieces) != 1:
            result.append(change)
            continue
        end, start = previous.pieces[0].end, change.pieces[0].start
        gap = correct[end:start] if end <= start else "\n"
        item = _unbracketed(change.before)
        line_start = correct.rfind("\n", 0, previous.pieces[0].start) + 1
        target = correct[line_start:previous.pieces[0].start].strip()
        traded = previous.before.strip() == change.after.strip() != "" \
            and item is not None and previous.after.strip() == item \
            and _tokens_of(gap) == ["+="] and not target
        written_out = previous.before.strip() == "+=" and previous.after.strip() == "=" \
            and not gap.strip() and item is not None and target.isidentifier() \
            and change.after.strip() == f"{target} + {item}"
        if not (traded or written_out):
            result.append(change)
            continue
        result[-1] = _joined(previous, change, gap)
    return result
