"""One recovered change between a correct and an incorrect program: the pieces of text
that turn the one into the other, on one line of the incorrect program."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Piece:
    start: int  # offsets in the correct program
    end: int
    replacement: str


@dataclass(frozen=True)
class Change:
    """One recovered change: pieces to apply to the correct program, and its line."""

    pieces: tuple[Piece, ...]
    line: int  # line of the change in the incorrect program
    before: str  # the correct text it replaces (for reports)
    after: str

    def apply(self, correct: str) -> str:
        # From the end backwards; of two insertions at one offset the later one (in text
        # order) goes in first, so that both end up in their order.
        order = sorted(range(len(self.pieces)), key=lambda i: (self.pieces[i].start, i),
                       reverse=True)
        for piece in (self.pieces[i] for i in order):
            correct = correct[: piece.start] + piece.replacement + correct[piece.end:]
        return correct
