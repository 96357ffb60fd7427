"""Grade a student's file against the draft it started from, without giving the answer.

The audit's change recovery (`recover_changes`) finds the changes between the correct
program and the draft's bugged program: one per error, matched to the error lines as
the audit matches claims. The same recovery between the correct program and the
student's file says, for each error, whether its change is still there (not fixed),
gone (fixed), or replaced by another change at the same place; such a change, and any
change elsewhere, is run alone on the scenarios: one that shows no difference there
fixes the error (another way) or is harmless, one that does is still an error or a new
one. The student's whole program is run on every scenario for the evidence.

Where each program runs is part of the promise that the student cannot reach the answer
(see SECURITY.md): a zygote keeps every program it compiled, and a program can walk up
its frames or the garbage collector to that cache. So grading never runs the correct or
bugged program (the oracle is the task's cases: data), the student's whole program runs
in a Sandbox of its own that has compiled nothing else, and each program made of the
correct one with some of the student's changes runs in yet another fresh Sandbox, so it
can read neither the student's program nor another such program (which holds the
correct text of the other errors).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..audit import apply_all
from ..changes import Change, recover_changes
from ..content import Exercise, Scenario
from ..engine import REJECTED, Prepared, Verdict, judge, proven_equivalent
from ..sandbox import FINISHED, SYNTAX_ERROR, Outcome, Sandbox
from ..workflow import Task
from .evidence import STUDENT_TIMEOUT, Failure, failures, seconds
from .quality import Quality, quality

FIXED, FIXED_OTHERWISE, REMAINING = "fixed", "fixed_otherwise", "remaining"


@dataclass
class Grade:
    errors: list[str]  # per error, in the draft's order: fixed | fixed_otherwise | remaining
    lines_now: list[int | None]  # per error: its line in the student's file (None: fixed)
    other: list[dict] = field(default_factory=list)  # the student's other changes
    failures: list[Failure] = field(default_factory=list)
    scenarios: int = 0
    syntax: str | None = None  # the program does not compile: Python's words
    syntax_line: int | None = None
    # Per error: what the student's own change at its place shows alone, when they
    # changed it and it is not right yet (None: untouched, or fixed).
    tried: list[str | None] = field(default_factory=list)
    quality: Quality | None = None  # how targeted the student's edits are

    def __post_init__(self) -> None:
        if not self.tried:
            self.tried = [None] * len(self.errors)

    @property
    def fixed(self) -> int:
        return sum(state != REMAINING for state in self.errors)

    @property
    def done(self) -> bool:
        return self.fixed == len(self.errors) and not self.failures

    def to_dict(self) -> dict:
        return {"errors": len(self.errors), "fixed": self.fixed, "states": self.errors,
                "not_fixed_yet": [{"line": line, "shows": shows} for line, shows in
                                  zip(self.lines_now, self.tried, strict=True) if shows],
                "other_changes": self.other, "scenarios": self.scenarios,
                "failing": [f.to_dict() for f in self.failures], "syntax_error": self.syntax,
                "syntax_line": self.syntax_line, "done": self.done,
                "quality": self.quality.to_dict() if self.quality else None}


def prepared_for(task: Task, timeout: float | None = None) -> Prepared:
    """The task's cases as the engine's prepared exercise (oracle from the cases)."""
    scenarios = tuple(Scenario(c.name, c.stdin, None, c.calls) for c in task.cases)
    oracle = [Outcome(FINISHED, c.stdout, returns=c.returns) for c in task.cases]
    exercise = Exercise(task.exercise, task.description, task.correct, scenarios)
    prepared = Prepared(exercise, scenarios, oracle)
    return replace(prepared, timeout=timeout) if timeout else prepared
def error_changes(task: Task) -> list[Change | None]:
    """Per error, the change between the correct and the bugged program that is it:
    the changes on the error's line, in order (as the audit matches claims)."""
    changes = recover_changes(task.correct, task.bugged)
    taken: set[int] = set()
    out: list[Change | None] = []
    for line in task.lines:
        index = next((i for i, c in enumerate(changes) if c.line == line and i not in taken),
                     None)
        if index is not None:
            taken.add(index)
        out.append(changes[index] if index is not None else None)
    # An error whose line holds no change (a line the audit would call wrong) takes the
    # next change no error claimed, in order.
    spare = iter(c for i, c in enumerate(changes) if i not in taken)
    return [c if c is not None else next(spare, None) for c in out]


def _span(change: Change) -> tuple[int, int]:
    return min(p.start for p in change.pieces), max(p.end for p in change.pieces)


def _overlap(a: Change, b: Change) -> bool:
    (s1, e1), (s2, e2) = _span(a), _span(b)
    return s1 <= e2 and s2 <= e1


def _judge_alone(prepared: Prepared, sources: Sequence[str], sandbox: Sandbox) -> list[Verdict]:
    """Each program run on every scenario and classified against the oracle."""
    jobs = [job for source in sources for job in prepared.jobs(source)]
    outcomes = sandbox.run_many(jobs) if jobs else []
    size = len(prepared.scenarios)
    return [judge(prepared.oracle, outcomes[i * size:(i + 1) * size], prepared.scenarios)
            for i in range(len(sources))]


def run_apart(prepared: Prepared, source: str) -> list[Outcome]:
    """One program on every scenario, in a new Sandbox (its own zygote, closed after):
    its code cache holds this program alone (and the zygote's warm-up)."""
    with Sandbox(workers=1) as fresh:
        return fresh.run_many(prepared.jobs(source))


def _judge_apart(prepared: Prepared, sources: Sequence[str]) -> list[Verdict]:
    return [judge(prepared.oracle, run_apart(prepared, s), prepared.scenarios)
            for s in sources]


def _lines(correct: str, change: Change) -> set[int]:
    """The lines of the correct program a change touches."""
    start, end = _span(change)
    return set(range(correct.count("\n", 0, start) + 1, correct.count("\n", 0, end) + 2))


def shows(verdict: Verdict, limit: float, named: bool = True) -> str:
    """What a program made of the correct one and some changes shows, from its verdict:
    "a logical error (scenario grade_d: output line 2: ...)" (without the scenario's
    name when the sentence names it already)."""
    where = f"scenario {verdict.scenario}: " if verdict.scenario and named else ""
    if verdict.status == "syntax":
        return f"a syntax error ({verdict.exc_class}: {verdict.message})"
    if verdict.status == "runtime":
        during = f" during {verdict.call}" if verdict.call else ""
        return f"a runtime error ({where}{verdict.exc_class}{during}: {verdict.message})"
    if verdict.status == "logical":
        if verdict.call:
            return (f"a logical error ({where}{verdict.call} returns {verdict.actual} "
                    f"instead of {verdict.expected})")
        return f"a logical error ({where}{verdict.difference})"
    if verdict.reason == "equivalent":
        return "no difference on any scenario"
    if verdict.reason == "timeout":
        return f"a run that does not finish in {seconds(limit)} ({where}an endless loop?)"
    if verdict.reason == "input_exhausted":
        return "a run that asks for more input than a scenario gives" + (
            f" (scenario {verdict.scenario})" if verdict.scenario else "")
    return f"a run that stops early ({where}{verdict.reason})"


def grade(task: Task, student: str) -> Grade:
    """How far the student's program is: per error, other changes, failing scenarios.

    Every program run here is run apart (`run_apart`): nothing the student wrote shares
    a zygote with the correct program, the bugged one or another program."""
    prepared = prepared_for(task)
    originals = error_changes(task)
    now = recover_changes(task.correct, student)
    # A change still there as the draft made it is that error, not fixed.
    kept = {o.pieces for o in originals if o is not None}
    loose = [c for c in now if c.pieces not in kept]
    states: list[str] = []
    lines_now: list[int | None] = []
    touching: list[list[Change]] = []
    for original in originals:
        same = next((c for c in now if original is not None and c.pieces == original.pieces),
                    None)
        # What the student wrote at that place: changes over it or on its lines, judged
        # together with the error's own change when it is still there (a rewrite the
        # diff reads as several changes, or `> 59` beside a kept `>`, is one fix or none).
        near = [] if original is None else [
            c for c in loose if _overlap(c, original)
            or _lines(task.correct, c) & _lines(task.correct, original)]
        states.append(REMAINING if same or original is None else FIXED)
        lines_now.append(same.line if same else None)
        touching.append(near + ([same] if same and near else []))
    claimed = {id(c) for group in touching for c in group}
    elsewhere: dict[int, list[Change]] = {}
    for change in loose:
        if id(change) not in claimed:
            elsewhere.setdefault(min(_lines(task.correct, change)), []).append(change)
    groups = [g for g in touching if g] + list(elsewhere.values())
    verdicts = _judge_apart(prepared, [_apply_all(task.correct, g) for g in groups])
    whole = _whole_rewrites(task.correct, groups, verdicts, prepared)
    verdicts_left = iter(verdicts)
    tried: list[str | None] = [None] * len(originals)
    for index, group in enumerate(touching):
        if not group:
            continue
        number = groups.index(group)
        verdict = next(verdicts_left)
        if number in whole:  # right as part of a rewrite of its neighbourhood
            states[index] = whole[number]
        elif proven_equivalent(task.correct, _apply_all(task.correct, group)):
            states[index] = FIXED
        elif same_behaviour(verdict):
            states[index] = FIXED_OTHERWISE
        else:
            states[index] = REMAINING
            lines_now[index] = min(c.line for c in group)
            tried[index] = shows(verdict, prepared.timeout)
    other = []
    for number, group in enumerate(groups[len(groups) - len(elsewhere):],
                                   start=len(groups) - len(elsewhere)):
        verdict = next(verdicts_left)
        if number in whole or proven_equivalent(task.correct,
                                                _apply_all(task.correct, group)):
            continue  # spacing or a comment, or part of a right rewrite: nothing to say
        other.append({"line": min(c.line for c in group), "class": verdict.status
                      if verdict.status != REJECTED else None, "reason": verdict.reason,
                      "shows": shows(verdict, prepared.timeout)})
    outcomes = run_apart(prepared_for(task, STUDENT_TIMEOUT), student)
    syntax, syntax_line = None, None
    if outcomes and outcomes[0].kind == SYNTAX_ERROR:
        first = outcomes[0]
        syntax, syntax_line = f"{first.exc_class} at line {first.line}: {first.message}", \
            first.line
    return Grade(states, lines_now, other, failures(task.cases, outcomes), len(task.cases),
                 syntax, syntax_line, tried, quality(task, student))


def same_behaviour(verdict: Verdict) -> bool:
    return verdict.status == REJECTED and verdict.reason == "equivalent"


def _neighbours(correct: str, a: Sequence[Change], b: Sequence[Change]) -> bool:
    """Whether two groups of changes touch the same or consecutive lines."""
    lines_a = set().union(*(_lines(correct, c) for c in a))
    lines_b = set().union(*(_lines(correct, c) for c in b))
    return min(lines_b) <= max(lines_a) + 1 and min(lines_a) <= max(lines_b) + 1


def _whole_rewrites(correct: str, groups: list[list[Change]], verdicts: list[Verdict],
                    prepared: Prepared) -> dict[int, str]:
    """The groups that are right as part of a rewrite: a student who retypes a block
    makes changes on neighbouring lines that the diff reads apart, each wrong alone (a
    half-rewritten loop does not even compile). Each chain of neighbouring groups of
    which one is wrong alone is judged once more as a whole; when the whole shows no
    difference, every group in it is right (group index -> fixed or fixed otherwise)."""
    chains: list[list[int]] = []
    for number, group in enumerate(groups):
        joined = [c for c in chains if any(_neighbours(correct, group, groups[n]) for n in c)]
        merged = [number] + [n for c in joined for n in c]
        chains = [c for c in chains if c not in joined] + [sorted(merged)]
    whole: dict[int, str] = {}
    for chain in chains:
        if len(chain) < 2 or all(same_behaviour(verdicts[n]) for n in chain):
            continue
        changes = list({id(c): c for n in chain for c in groups[n]}.values())
        program = _apply_all(correct, changes)
        if proven_equivalent(correct, program):
            whole.update(dict.fromkeys(chain, FIXED))
        elif same_behaviour(_judge_apart(prepared, [program])[0]):
            whole.update(dict.fromkeys(chain, FIXED_OTHERWISE))
    return whole


def _apply_all(correct: str, changes: Sequence[Change]) -> str:
    """The correct program with these (non-overlapping) changes, taken in text order."""
    return apply_all(correct, sorted(changes, key=_span))


def error_classes(task: Task, sandbox: Sandbox) -> list[str]:
    """The class each error shows alone (as its proof found it), in the draft's order."""
    changes = error_changes(task)
    known = [c for c in changes if c is not None]
    verdicts = iter(_judge_alone(prepared_for(task), [c.apply(task.correct) for c in known],
                                 sandbox))
    return [next(verdicts).status if c is not None else "unknown" for c in changes]
