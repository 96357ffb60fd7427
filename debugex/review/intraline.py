"""Which characters of a changed line changed: the page marks those, not the whole line.

A line replaced by another is compared character by character (difflib); when the two have
little in common (under half their characters), the whole line is the change, since marking
scattered letters of a rewritten line says nothing."""

from __future__ import annotations

import difflib

Spans = list[list[int]]  # [start, end) character offsets


def changed_spans(old: str, new: str) -> tuple[Spans, Spans]:
    """(spans of `old` that were changed or removed, spans of `new` changed or added)."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    if matcher.ratio() < 0.5:
        return _whole(old), _whole(new)
    before: Spans = []
    after: Spans = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i2 > i1:
            _add(before, i1, i2)
        if j2 > j1:
            _add(after, j1, j2)
    return before, after


def _whole(text: str) -> Spans:
    return [[0, len(text)]] if text else []


def _add(spans: Spans, start: int, end: int) -> None:
    if spans and start - spans[-1][1] <= 1:  # one unchanged character between: one mark
        spans[-1][1] = end
    else:
        spans.append([start, end])


def mark_pairs(rows: list[dict]) -> None:
    """Set `changed` on each removed line paired with the added line that replaces it (the
    k-th removed with the k-th added of one block of changes, as the page lays them side
    by side); an unpaired line is changed as a whole (no `changed`)."""
    index = 0
    while index < len(rows):
        if rows[index]["kind"] == "same":
            index += 1
            continue
        olds, news = [], []
        while index < len(rows) and rows[index]["kind"] == "old":
            olds.append(rows[index])
            index += 1
        while index < len(rows) and rows[index]["kind"] == "new":
            news.append(rows[index])
            index += 1
        for old, new in zip(olds, news, strict=False):
            old["changed"], new["changed"] = changed_spans(old["text"], new["text"])
