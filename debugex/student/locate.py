"""The `locate` task: the student names the lines of the errors before fixing them.

The lines are those of the program as handed out, graded against the error lines of the
draft, which follow the project's rule for a removed statement (docs/locations.md): it
is located at the line now standing in its place, the next line of its block, or the
last line left in its block when it ended the block. A wrong line next to such an
error gets that rule said, since "the line where it was" is the usual near miss.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..workflow import Task
from .grading import error_changes
from .hints import removes_statement
from .state import PlayError

NEAR = 1  # lines either side of a removal's line that count as a near miss

REMOVAL_RULE = ("a missing statement is located at the line now standing in its place: "
                "the next line of its block, or the last line of its block when it was "
                "the block's last statement")


@dataclass
class Located:
    errors: int
    right: list[int]  # lines named now that hold an error
    wrong: list[int]  # lines named now that hold none
    found: list[int]  # every error line found so far (this try and the earlier ones)
    near_removal: bool = False  # a wrong line is near a missing statement not found yet
    left: int = 0  # errors whose line is not found yet
    lines: list[int] = field(default_factory=list)  # every line named now

    @property
    def done(self) -> bool:
        return self.left == 0

    def to_dict(self) -> dict:
        return {"errors": self.errors, "right": self.right, "wrong": self.wrong,
                "found": self.found, "left": self.left, "near_removal": self.near_removal,
                "done": self.done}


def parse_lines(text: str, length: int) -> list[int]:
    """Line numbers written "4,13 31" (commas or spaces), each within the program."""
    lines = []
    for part in text.replace(",", " ").split():
        if not part.isdigit() or int(part) < 1:
            raise PlayError(f"--lines {text!r}: {part!r} is not a line number")
        if int(part) > length:
            raise PlayError(f"--lines {text!r}: the program has {length} lines, so there is "
                            f"no line {part}")
        lines.append(int(part))
    if not lines:
        raise PlayError("--lines: give the line numbers of the errors, as --lines LINE,LINE")
    return sorted(set(lines))


def removals(task: Task) -> list[int]:
    """The lines of the errors that remove a whole statement."""
    return [line for line, change in zip(task.lines, error_changes(task), strict=True)
            if change is not None and removes_statement(task.correct, change)]


def locate(task: Task, named: Iterable[int], found_before: Iterable[int] = ()) -> Located:
    """The named lines graded against the error lines."""
    named = sorted(set(named))
    errors = set(task.lines)
    right = [n for n in named if n in errors]
    wrong = [n for n in named if n not in errors]
    found = sorted(set(found_before) & errors | set(right))
    missing = [n for n in removals(task) if n not in found]
    near = any(abs(w - m) <= NEAR for w in wrong for m in missing)
    left = sum(1 for line in task.lines if line not in found)
    return Located(len(task.lines), right, wrong, found, near, left, named)
