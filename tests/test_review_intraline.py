"""The review page marks the characters a changed line changed, not the whole line."""

import pytest

from debugex.review.intraline import changed_spans, mark_pairs


def marked(text: str, spans: list[list[int]]) -> list[str]:
    return [text[start:end] for start, end in spans]


@pytest.mark.parametrize(("old", "new", "before", "after"), [
    # one character: only it is marked on each side
    ("if score >= 60:", "if score > 60:", ["="], []),
    ("print(year)", "print(Year)", ["y"], ["Y"]),
    ("for i in range(1, n):", "for i in range(1, n)", [":"], []),
    ("total = total + x", "total == total + x", [], ["="]),
    # two changes one character apart read as one mark
    ("x = a + b", "x = a - c", ["+ b"], ["- c"]),
    # a line rewritten: the whole of both lines
    ("n = int(input())", "print('done', flush=True)", ["n = int(input())"],
     ["print('done', flush=True)"]),
])
def test_changed_spans(old, new, before, after):
    spans_old, spans_new = changed_spans(old, new)
    assert marked(old, spans_old) == before and marked(new, spans_new) == after


def test_only_a_removed_line_paired_with_an_added_one_gets_spans():
    rows = [{"kind": "same", "text": "a = 1"},
            {"kind": "old", "text": "if a >= 1:"}, {"kind": "old", "text": "    pass"},
            {"kind": "new", "text": "if a > 1:"},
            {"kind": "same", "text": "b = 2"}, {"kind": "new", "text": "c = 3"}]
    mark_pairs(rows)
    assert [row.get("changed") for row in rows] == [None, [[6, 7]], None, [], None, None]
