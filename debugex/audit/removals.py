"""Removed statements told by the location rule of docs/locations.md, checked.

A removal that ended its block is told at the last line left in that block, "missing at
the end of the body of the `for` loop over `results` (after line 11)". Two sentences are
false, and reported as `misleading_explanation`:
- such a removal said to be missing "before `return names`": that line stands outside the
  block, and a student who follows the sentence puts the statement in the wrong block;
- a removal said to be missing "at the end of" a block "(after line N)" when it did not end
  a block, or N is not the last line left in it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..changes import Change
from ..engine import block_end, told_line
from ..formats import explanation_line

_AFTER = re.compile(r"\bat the end of .*?\(after line (\d+)\)|\bbelongs after line (\d+)|"
                    r"should end with .*? after line (\d+)")


def _removal(change: Change) -> bool:
    return (len(change.pieces) == 1 and not change.after and change.before.strip() != ""
            and change.before.endswith("\n"))


def removal_claims(correct: str, explanations: Sequence[str],
                   changes: Sequence[Change]) -> list[str]:
    """One detail per explanation that tells a removed statement's place falsely."""
    problems = []
    for change in (c for c in changes if _removal(c)):
        piece = change.pieces[0]
        ended = block_end(correct, piece.start, piece.end)
        told = told_line(correct, piece.start, piece.end, change.line)
        for text in explanations:
            line = explanation_line(text)
            if line not in (change.line, told):
                continue
            said = _AFTER.search(text)
            if ended and "before `" in text:
                quoted = text.split("before `", 1)[1].split("`", 1)[0]
                problems.append(f"line {line}: the removed statement ended {ended[1]}, but "
                                f"is said to be missing before `{quoted}`, which stands "
                                "outside that block")
            elif said and not ended:
                problems.append(f"line {line}: the removed statement is said to be missing "
                                "at the end of a block, but other statements of its block "
                                "follow it")
            elif said and int(next(g for g in said.groups() if g)) != told:
                problems.append(f"line {line}: the removed statement belongs after line "
                                f"{told}, not after line {next(g for g in said.groups() if g)}")
    return problems
