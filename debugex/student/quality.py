"""How targeted a fix is: the lines the student changed in the program handed out, how
many of them held no error (edit precision), and whether the fix was minimal.

Novices tend to rewrite instead of debugging; a count of the lines changed beside the
lines the errors needed says so without blame. Lines are compared as the student reads
them: trailing spaces, blank lines and comment-only lines do not count as changes.
"""

from __future__ import annotations

import difflib
import io
import tokenize
from dataclasses import dataclass

from ..workflow import Task


@dataclass
class Quality:
    changed: int  # lines of the handed-out program the student changed, added or removed
    outside: int  # of them, lines that held no error (and were not next to a missing one)
    needed: int  # lines the errors needed: one per error line

    @property
    def minimal(self) -> bool:
        return self.outside == 0 and self.changed <= self.needed

    def to_dict(self) -> dict:
        return {"lines_changed": self.changed, "lines_without_error": self.outside,
                "lines_needed": self.needed, "minimal": self.minimal}


SKIPPED = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT,
           tokenize.DEDENT, tokenize.ENDMARKER}


def _key(line: str) -> str:
    """A line as its indentation and tokens: spacing inside it and a comment after it
    are no change (a line that does not tokenize alone, e.g. half of a string that
    spans lines, is compared as written)."""
    try:
        tokens = [t.string for t in tokenize.generate_tokens(io.StringIO(line).readline)
                  if t.type not in SKIPPED]
    except (tokenize.TokenError, SyntaxError):
        return line.rstrip()
    return line[:len(line) - len(line.lstrip())] + " ".join(tokens)


def _counted(lines: list[str]) -> list[tuple[int, str]]:
    """(line number, key) of the lines that count: code, not blanks or comments."""
    out = []
    for number, line in enumerate(lines, start=1):
        key = _key(line)
        if key.strip():
            out.append((number, key))
    return out


def quality(task: Task, student: str) -> Quality:
    """The student's edits of the bugged program, line by line."""
    before = _counted(task.bugged.splitlines())
    after = _counted(student.splitlines())
    errors = set(task.lines)
    changed = outside = 0
    matcher = difflib.SequenceMatcher(None, [t for _, t in before], [t for _, t in after],
                                      autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        old = [n for n, _ in before[i1:i2]]
        # An insertion sits between two lines: at an error when either is one (a missing
        # statement is told at the line after it, or at its block's last line).
        around = {before[i1 - 1][0]} if i1 > 0 else set()
        around |= {before[i2][0]} if i2 < len(before) else set()
        changed += max(len(old), j2 - j1)
        outside += sum(1 for n in old if n not in errors)
        extra = (j2 - j1) - len(old)
        if extra > 0 and not (errors & (set(old) | around)):
            outside += extra
    return Quality(changed, outside, len(errors))
