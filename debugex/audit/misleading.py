"""Text checks for the audit: explanations that would mislead a student.

Four kinds, all reported as `misleading_explanation`:
- a quote, pointed at as the code on the explained line ("in `i + 1`"), of the correct
  program's text of the change there, which the student cannot see (they see `i - 1`),
  unless the clause frames it as what should be there;
- a reversed comparison (`<` for `>`) described as a boundary slip;
- a removed statement whose explanation points at an unrelated line: worded as if it
  "used to be on this line", or said to be missing before code that is not the line now
  standing where it was;
- a name said to be used twice (`` `height` is added twice``) that the explained line of
  the incorrect program holds once or not at all.
(Statements about what the program prints or when it fails are checked against runs, in
`observed`.)
"""

from __future__ import annotations

import io
import tokenize
from collections.abc import Sequence

from ..changes import tokens
from ..formats import explanation_line
from ..text import COMPARISONS, squash, visible

# Words that frame a quote as the fix or as something absent, not as what is there.
FRAMING = ("should", "need", "instead of", "missing", "meant", "must", "write", "became",
           "replaced", "without", "in place of", "rather than", "expect", "never", "left out",
           "forgot", "removed", "correct", "fix", "called", "spelt", "would")
# Words that present the quote as the code the student is looking at.
POINTING = ("in ", "the expression ", "the condition ", "the calculation ",
            "the comparison ", "the division ", "the line ", "the test ", "the statement ")


def _clauses(text: str) -> list[str]:
    """Pieces of a sentence between ; : , - and full stops, outside backticks."""
    pieces, start, inside = [], 0, False
    for i, ch in enumerate(text):
        if ch == "`":
            inside = not inside
        elif not inside and ch in ";:,." and (i + 1 == len(text) or text[i + 1] == " "):
            pieces.append(text[start:i])
            start = i + 1
    pieces.append(text[start:])
    return pieces


def hidden_quotes(explanation: str, correct: str, incorrect: str,
                  changes: Sequence = ()) -> list[str]:
    """Quotes that present, as the code on the explained line, the correct program's
    text of a change there (the student sees `i - 1`, the text says "in `i + 1`")."""
    found = []
    for clause in _clauses(explanation):
        lowered = clause.lower()
        if any(word in lowered for word in FRAMING):
            continue
        pieces = clause.split("`")
        for index in range(1, len(pieces) - 1, 2):
            span, before = pieces[index], pieces[index - 1].lower()
            if not before.endswith(POINTING) or visible(span, incorrect) \
                    or squash(span) not in squash(correct):
                continue
            for change in changes:
                old, new = squash(change.before), squash(change.after)
                if old and old in squash(span) and \
                        squash(span).replace(old, new, 1) in squash(incorrect):
                    found.append(span)
                    break
    return found


def _reversed(before: str, after: str) -> bool:
    old, new = before.strip(), after.strip()
    return (old in COMPARISONS and new in COMPARISONS
            and COMPARISONS[old][0] != COMPARISONS[new][0])


def _standing(incorrect: str, line: int) -> str:
    lines = incorrect.splitlines()
    while 0 < line <= len(lines) and not lines[line - 1].strip():
        line += 1
    return lines[line - 1].strip() if 0 < line <= len(lines) else ""


def _names_on(line: str) -> list[str]:
    if len(line) > _LONGEST_LINE:
        return []  # no teacher's line is this long; the check stays silent
    try:
        return [t.string for t in tokenize.generate_tokens(io.StringIO(line.strip()).readline)
                if t.type == tokenize.NAME]
    except (tokenize.TokenError, SyntaxError):
        # A quote that no longer balances hides the rest of the line from `tokenize`;
        # the line's own units read past it, as the author of the line meant it.
        return [t.text for t in tokens(line) if t.literal is None and t.text.isidentifier()]


# Tokenizing a hostile line can take minutes (3.12's tokenizer on some inputs), and only
# a sentence that says "twice" needs the line's names.
_LONGEST_LINE = 1000


def twice(explanation: str, incorrect: str) -> list[str]:
    """Names said to be used twice (`` `x` is added twice``, within three words) that
    the explained line holds fewer than two times."""
    pieces = explanation.split("`")
    said = [pieces[i] for i in range(1, len(pieces) - 1, 2) if pieces[i].isidentifier()
            and "twice" in [word.strip(".,;:") for word in pieces[i + 1].split()[:3]]]
    line = explanation_line(explanation) or 0
    lines = incorrect.splitlines()
    if not said or not 0 < line <= len(lines):
        return []
    names = _names_on(lines[line - 1])
    return [f"line {line}: says `{span}` is used twice, but the line holds it "
            f"{names.count(span)} time(s): `{lines[line - 1].strip()}`"
            for span in said if names.count(span) < 2]


def misleading(correct: str, incorrect: str, explanations: Sequence[str],
               changes: Sequence) -> list[str]:
    """One detail per misleading explanation (empty when the text is sound)."""
    problems = []
    by_line: dict[int, list[str]] = {}
    for text in explanations:
        line = explanation_line(text) or 0
        by_line.setdefault(line, []).append(text)
        here = [c for c in changes if c.line == line]
        problems += twice(text, incorrect)
        for span in hidden_quotes(text, correct, incorrect, here):
            problems.append(f"{text[:40]}...: quotes `{span}`, which the incorrect program "
                            "does not contain")
    for change in changes:
        texts = by_line.get(change.line, [])
        if _reversed(change.before, change.after):
            for text in texts:
                if "boundary" in text.lower():
                    problems.append(f"line {change.line}: `{change.after.strip()}` reverses "
                                    f"`{change.before.strip()}` but is called a boundary slip")
        removed = change.before.strip() and not change.after.strip() and \
            change.before.endswith("\n")
        if not removed:
            continue
        anchor = _standing(incorrect, change.line)
        for text in texts:
            if "used to be on this line" in text:
                problems.append(f"line {change.line}: a removed statement is said to be on "
                                f"a line that now holds `{anchor}`")
            elif "before `" in text:
                quoted = text.split("before `", 1)[1].split("`", 1)[0]
                if squash(quoted) != squash(anchor):
                    problems.append(f"line {change.line}: the removed statement is placed "
                                    f"before `{quoted}`, but the line there is `{anchor}`")
    return problems
