"""The repair task: the question a model is asked about an item, reading its answer, and
grading the fixed program in the sandbox.

Grading reuses `debugex play`'s grade (the audit's change recovery between the correct
program and the answer, each change run apart in a fresh sandbox): an error counts as
fixed when its change is gone or replaced by one that shows no difference on the
scenarios. The answer runs only in the sandbox; here it is only diffed and parsed.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..changes import recover_changes
from ..engine import proven_equivalent
from ..student import REMAINING, grade
from .benchmark import Item
from .client import Prompt

SYSTEM = """You fix beginner Python programs. You are given what the program should do, \
the program (its lines numbered from 1) and the inputs it is tested on. Find every error \
and fix it, changing nothing else.

Answer in this form and nothing else:
LINES: the numbers of the lines that hold an error, separated by commas
```python
the whole fixed program
```
"""

SYSTEM_NO_LINES = """You fix beginner Python programs. You are given what the program \
should do, the program (its lines numbered from 1) and the inputs it is tested on. Find \
every error and fix it, changing nothing else.

Answer with the whole fixed program in one ```python block, and nothing else.
"""


def prompt_for(item: Item, system: str) -> Prompt:
    task = item.task
    numbered = "\n".join(f"{n:>3}  {line}" for n, line in
                         enumerate(task.bugged.splitlines(), 1))
    tests = []
    for case in task.cases:
        given = []
        if case.stdin:
            given.append("typed input: " + ", ".join(repr(s) for s in case.stdin))
        if case.calls:
            given.append("calls: " + "; ".join(case.calls))
        tests.append(f"- {case.name}: " + ("; ".join(given) or "no input"))
    user = (f"What the program should do:\n{task.description.strip()}\n\n"
            f"The program:\n{numbered}\n\nIt is tested on:\n" + "\n".join(tests) + "\n")
    return Prompt(item.id, ({"role": "system", "content": system},
                            {"role": "user", "content": user}))


@dataclass(frozen=True)
class Reading:
    program: str | None  # None: no ```python block (a malformed answer)
    lines: tuple[int, ...] | None  # None: the answer names no lines


def read_answer(text: str) -> Reading:
    """The first fenced code block of the answer, and the numbers of a `LINES:` line."""
    rows = text.splitlines()
    lines = None
    for row in rows:
        label, _, rest = row.strip().partition(":")
        if label.strip().upper() == "LINES" and rest is not None:
            numbers = [p.strip() for p in rest.replace(";", ",").split(",") if p.strip()]
            if all(p.isdigit() for p in numbers):
                lines = tuple(sorted({int(p) for p in numbers}))
            break
    opening = next((i for i, row in enumerate(rows) if row.strip().startswith("```")), None)
    if opening is None:
        return Reading(None, lines)
    closing = next((i for i in range(opening + 1, len(rows))
                    if rows[i].strip() == "```"), None)
    if closing is None:
        return Reading(None, lines)
    body = rows[opening + 1:closing]
    return Reading("\n".join(body) + "\n" if body else None, lines)


@dataclass
class RepairGrade:
    id: str
    level: str
    classes: tuple[str, ...]
    answered: bool
    malformed: bool = False
    passed: bool = False
    fixed: tuple[bool, ...] = ()  # per error
    changed_lines: tuple[int, ...] = ()  # lines of the given program the answer changed
    named_lines: tuple[int, ...] | None = None
    error_lines: tuple[int, ...] = ()
    failing: int = 0  # scenarios the answer gets wrong
    problem: str | None = None  # why there is no answer to grade

    @property
    def recall(self) -> float:
        return sum(self.fixed) / len(self.classes) if self.classes else 0.0

    @property
    def precision(self) -> float | None:
        if not self.changed_lines:
            return None
        held = set(self.changed_lines) & set(self.error_lines)
        return len(held) / len(self.changed_lines)

    @property
    def localisation(self) -> float | None:
        """Share of the error lines the answer named (None: it named none)."""
        if self.named_lines is None or not self.error_lines:
            return None
        return len(set(self.named_lines) & set(self.error_lines)) / len(set(self.error_lines))

    def to_dict(self) -> dict:
        return {"id": self.id, "difficulty": self.level, "answered": self.answered,
                "malformed": self.malformed, "pass": self.passed,
                "bug_recall": round(self.recall, 4),
                "edit_precision": None if self.precision is None else round(self.precision, 4),
                "localisation": None if self.localisation is None
                else round(self.localisation, 4),
                "errors": [{"line": line, "class": c, "fixed": f} for line, c, f in
                           zip(self.error_lines, self.classes, self.fixed or
                               (False,) * len(self.classes), strict=True)],
                "changed_lines": list(self.changed_lines),
                "named_lines": None if self.named_lines is None else list(self.named_lines),
                "failing_scenarios": self.failing, "problem": self.problem}


def changed_lines(bugged: str, answer: str) -> tuple[int, ...]:
    """The lines of the given program that the answer changes, leaving out changes that
    leave the program's syntax tree as it was (spacing, comments)."""
    lines: set[int] = set()
    for change in recover_changes(bugged, answer):
        if proven_equivalent(bugged, change.apply(bugged)):
            continue
        start = min(p.start for p in change.pieces)
        end = max(p.end for p in change.pieces)
        first = bugged.count("\n", 0, start) + 1
        last = bugged.count("\n", 0, max(start, end - 1)) + 1
        lines.update(range(first, last + 1))
    return tuple(sorted(lines))


def grade_answer(item: Item, answer: str | None, problem: str | None = None) -> RepairGrade:
    """One item's figures: pass, errors fixed, changed lines, lines named."""
    task = item.task
    base = dict(id=item.id, level=item.level, classes=item.classes,
                error_lines=tuple(task.lines))
    if answer is None:
        return RepairGrade(**base, answered=False, fixed=(False,) * len(item.classes),
                           problem=problem or "no answer")
    reading = read_answer(answer)
    if reading.program is None:
        return RepairGrade(**base, answered=True, malformed=True,
                           fixed=(False,) * len(item.classes), named_lines=reading.lines,
                           problem="the answer holds no program in a ``` block")
    result = grade(task, reading.program)
    return RepairGrade(**base, answered=True, passed=not result.failures,
                       fixed=tuple(state != REMAINING for state in result.errors),
                       changed_lines=changed_lines(task.bugged, reading.program),
                       named_lines=reading.lines, failing=len(result.failures))
