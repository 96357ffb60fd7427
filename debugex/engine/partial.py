"""Honest partial answers: what was asked, what fits, and why, as data and as one note.

When a program cannot carry a request, the exercise says so in its thinking and before
its explanations. The note is written from a Shortfall (numbers only), so the audit can
read it back and check every number in it against the text of the record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..formats import Request
from .density import cap, code_lines, describe_density

CLASSES = ("syntax", "runtime", "logical")


def describe_counts(counts: dict[str, int]) -> str:
    parts = [f"{counts[c]} {c} error{'s' if counts[c] != 1 else ''}" for c in CLASSES
             if counts.get(c)]
    if not parts:
        return "no errors"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


@dataclass(frozen=True)
class Shortfall:
    """Why a request was only partly met: every figure the note states."""

    asked: Request
    delivered: Request
    offered: dict[str, int]  # verified sites of each class that can be used together
    code_lines: int
    max_density: float | None  # None: no density cap was applied
    combine: bool = False  # sites that fit could not all be combined and proven

    @property
    def cap(self) -> int | None:
        return None if self.max_density is None else cap(self.code_lines, self.max_density)

    @property
    def capped(self) -> bool:
        """The density cap is one of the constraints (the request holds more errors)."""
        return self.cap is not None and self.asked.total > self.cap

    def reasons(self) -> list[str]:
        found = []
        for c in CLASSES:
            if self.asked.count(c) > self.offered.get(c, 0):
                n = self.offered.get(c, 0)
                found.append(f"it offers only {n} place{'s' if n != 1 else ''} where a {c} "
                             "error can be made and proven without overlapping another")
        if self.capped and self.cap is not None and self.max_density is not None:
            found.append(f"its {self.code_lines} lines of code hold at most {self.cap} "
                         f"error{'s' if self.cap != 1 else ''} at "
                         f"{describe_density(self.max_density)}, the density cap that "
                         "`--max-density` sets")
        if self.combine:
            found.append("not every remaining site could be combined with the others into "
                         "one program that shows the requested classes")
        return found

    def statement(self) -> str:
        """The note; 'fit' when the density cap is a reason (nothing failed to be
        proven), else 'could be placed and proven'."""
        verb = "fit" if self.capped else "could be placed and proven"
        return (f"Note: the request asks for {describe_counts(self.asked.as_dict())}, but "
                f"only {describe_counts(self.delivered.as_dict())} {verb} "
                f"in this program: {'; '.join(self.reasons())}. So this exercise has fewer "
                "errors than requested.")

    def to_dict(self) -> dict:
        return {"asked": self.asked.as_dict(), "delivered": self.delivered.as_dict(),
                "offered": dict(self.offered), "code_lines": self.code_lines,
                "max_density": self.max_density, "cap": self.cap, "combine": self.combine,
                "reasons": self.reasons()}


_CLAIM = re.compile(r"the request asks for (.+?), but only (.+?) "
                    r"(?:could be placed and proven|fit) in this program")
_COUNT = re.compile(r"(\d+) (syntax|runtime|logical) errors?")
_LINES = re.compile(r"its (\d+) lines of code hold at most (\d+) errors?")


def _counts(text: str) -> dict[str, int]:
    found = {c: 0 for c in CLASSES}
    for number, error_class in _COUNT.findall(text):
        found[error_class] += int(number)
    return found


def is_statement(note: str) -> bool:
    return bool(_CLAIM.search(note))


def check_statement(note: str, requested: dict[str, int], delivered: dict[str, int],
                    program: str) -> str | None:
    """What is false in a partial note about this record, or None when it all holds.

    Checked: the asked counts are the request's, the placed counts are what the changes
    really are, fewer were placed than asked, and a density reason counts the code lines
    of the correct program right and names a cap the placed errors respect."""
    match = _CLAIM.search(note)
    if match is None:
        return "the note does not say what was asked and what was placed"
    asked, placed = _counts(match.group(1)), _counts(match.group(2))
    if asked != requested:
        return f"the note says {asked} were asked for; the request is {requested}"
    if placed != delivered:
        return f"the note says {placed} were placed; the changes are {delivered}"
    if all(placed[c] >= asked[c] for c in CLASSES):
        return "the note calls the answer partial but every requested error is there"
    lines = _LINES.search(note)
    if lines:
        claimed_lines, claimed_cap = int(lines.group(1)), int(lines.group(2))
        real = len(code_lines(program))
        if claimed_lines != real:
            return f"the note counts {claimed_lines} lines of code; the program has {real}"
        if not sum(placed.values()) <= claimed_cap < sum(asked.values()):
            return (f"the note's limit of {claimed_cap} errors does not explain placing "
                    f"{sum(placed.values())} of {sum(asked.values())}")
    return None
