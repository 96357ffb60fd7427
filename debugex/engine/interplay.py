"""How the errors of one draft interact, computed by running the programs a student meets.

For a draft with errors E: every fix-one program (E without one error) must show one of
the classes still in it and must not hang; and the fix-in-order sequence (fix the error
Python reports first, run again, fix the next) must reach every error, so that each one
can be found once those reported before it are fixed. The error "reported first" in a
state is the one of the reported class whose removal changes what Python reports first.
Along the way it records which errors change nothing visible until another is fixed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..injectors import SYNTAX, Edit, apply_edits
from ..sandbox import SYNTAX_ERROR, Outcome, Sandbox, compile_program
from .interplay_draws import SeedFreeRuns
from .seeded_masks import SeededStates, first_running, still_hidden
from .seeds import uses_random
from .timings import interplay_runs
from .verify import (
    EQUIVALENT,
    REJECTED,
    Prepared,
    Verdict,
    compile_verdict,
    judge,
    shown_digest,
)

# Seeds 0..63 besides the sandbox's own: a mask in a random program must hold under all
# of them (one that a roll breaks 1 time in 7 slips through with odds under 1 in 10 000).
MASK_SEEDS = 64
SEED_BLOCK = 8  # seeds judged together (one batch of runs), before checking what is left


@dataclass
class Interplay:
    lines: list[int]  # each error's line in the draft, in the draft's order
    classes: list[str] = field(default_factory=list)  # each error's class, same order
    order: list[int] = field(default_factory=list)  # lines, in the order a student meets them
    hidden: list[tuple[int, int]] = field(default_factory=list)  # (line, shown once fixed)
    failures: list[str] = field(default_factory=list)
    met: list[int] = field(default_factory=list)  # indices into lines, in the order met

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def first(self) -> int | None:
        return self.order[0] if self.order else None

    def earlier_of_same_class(self) -> int | None:
        """An error of the first-shown error's class that sits above it, if any: Python
        does not always report errors of one class top to bottom."""
        if not self.met or not self.classes:
            return None
        kind = self.classes[self.met[0]]
        same = [line for line, c in zip(self.lines, self.classes, strict=True) if c == kind]
        return min(same) if min(same) < self.first else None

    @property
    def nontrivial(self) -> bool:
        """Something a student would not expect from reading top to bottom."""
        return bool(self.hidden) or self.earlier_of_same_class() is not None

    def to_dict(self) -> dict:
        return {"first": self.first, "order": self.order, "said": self.nontrivial,
                "hidden": [{"line": line, "shows_after_fixing": by} for line, by in self.hidden],
                "failures": self.failures}


def original_line(line: int, source: str, edits: Sequence[Edit]) -> int:
    """Where line `line` of the edited program was in `source` (inside an edit: its start)."""
    shift = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        start = source.count("\n", 0, edit.start) + 1
        added = edit.replacement.count("\n")
        if line < start + shift:
            break
        if line <= start + shift + added:
            return start
        shift += added - source.count("\n", edit.start, edit.end)
    return line - shift


class _States:
    """Runs and remembers the program with a subset of the errors applied.

    Each state is kept as its verdict and a digest of what a student sees (only ever
    compared for equality), and both are remembered on disk per program text in the
    exercise's state log, so a repeated run proves nothing twice."""

    def __init__(self, prepared: Prepared, edits: Sequence[Edit], sandbox: Sandbox):
        self.prepared, self.edits, self.sandbox = prepared, list(edits), sandbox
        self.source = prepared.exercise.source
        self._seen: dict[frozenset, tuple[Verdict, str]] = {}

    def load(self, subsets: Sequence[frozenset]) -> None:
        todo = [s for s in dict.fromkeys(subsets) if s not in self._seen]
        if frozenset() in todo and self.prepared.scenarios:
            # No error left: the correct program, whose runs are the oracle.
            todo.remove(frozenset())
            self._seen[frozenset()] = (Verdict(REJECTED, reason=EQUIVALENT),
                                       shown_digest(self.prepared.oracle))
        if not todo:
            return
        log = self.prepared.states
        run: list[tuple[frozenset, str]] = []
        for subset in todo:
            program = apply_edits(self.source, [self.edits[i] for i in subset])
            # a state with a syntax error is known from its compile error before the log is
            # asked (it is never kept there: asking would count a miss on every warm run);
            # the other states are not compiled here (the sandbox does that when it runs one)
            if self.prepared.scenarios and any(
                    self.edits[i].error_class == SYNTAX for i in subset) \
                    and self._uncompiled(subset, program):
                continue
            known = log.get(program)
            if known is not None:
                self._seen[subset] = (Verdict.from_dict(known["verdict"]), known["shown"])
            else:
                run.append((subset, program))
        if not run:
            return
        if not self.prepared.scenarios:
            for subset, program in run:
                verdict = compile_verdict(program)
                self._seen[subset] = (verdict, json.dumps([verdict.status, verdict.message]))
            return  # nothing was run: compiling again costs less than remembering
        jobs = [job for _, p in run for job in self.prepared.jobs(p)]
        outcomes = self.sandbox.run_many(jobs)
        count = len(self.prepared.scenarios)
        proven = []
        for n, (subset, program) in enumerate(run):
            mine = outcomes[n * count:(n + 1) * count]
            verdict = judge(self.prepared.oracle, mine, self.prepared.scenarios)
            shown = shown_digest(mine)
            self._seen[subset] = (verdict, shown)
            proven.append((program, {"verdict": verdict.to_dict(), "shown": shown}))
        log.put_many(proven)

    def _uncompiled(self, subset: frozenset, program: str) -> bool:
        """Whether the program does not compile; then its state is known without a run.

        The sandbox compiles a program with this same function before it runs anything,
        and answers every scenario with the same syntax_error outcome; that outcome is
        built here, so the verdict and the digest are those a run would give. Not kept on
        disk: compiling again costs less than remembering."""
        compiled = compile_program(program)
        if not isinstance(compiled, list):
            return False
        exc_class, line, message = compiled
        outcome = Outcome.from_wire([SYNTAX_ERROR, "", exc_class, line, message, None, None,
                                     0, [], None])
        outcomes = [outcome] * len(self.prepared.scenarios)
        self._seen[subset] = (judge(self.prepared.oracle, outcomes, self.prepared.scenarios),
                              shown_digest(outcomes))
        return True

    def verdict(self, subset: frozenset) -> Verdict:
        self.load([subset])
        return self._seen[subset][0]

    def shown(self, subset: frozenset) -> str:
        """A digest of what a student sees when running this state (line numbers left
        out): two states show the same exactly when their digests are equal."""
        self.load([subset])
        return self._seen[subset][1]

    def same(self, a: frozenset, b: frozenset) -> bool:
        """Whether a student sees the same in both states."""
        self.load([a, b])
        return self.shown(a) == self.shown(b)

    def report(self, subset: frozenset) -> tuple:
        """What Python reports first, with its line mapped back to the correct program."""
        v = self.verdict(subset)
        line = None if v.reported_line is None else original_line(
            v.reported_line, self.source, [self.edits[i] for i in subset])
        return (v.status, v.exc_class, v.scenario, v.message, v.difference, line)


def analyse(prepared: Prepared, edits: Sequence[Edit], lines: Sequence[int],
            sandbox: Sandbox) -> Interplay:
    """The interplay of a draft's errors (`lines`: each edit's line in the draft)."""
    with interplay_runs():
        return _analyse(prepared, edits, lines, sandbox)


def _analyse(prepared: Prepared, edits: Sequence[Edit], lines: Sequence[int],
             sandbox: Sandbox) -> Interplay:
    result = Interplay(list(lines), [e.error_class for e in edits])
    n = len(edits)
    if n < 2:
        result.order, result.met = list(lines), list(range(n))
        return result
    states = _States(prepared, edits, sandbox)
    every = frozenset(range(n))
    classes = [e.error_class for e in edits]

    def claimed(subset: frozenset, verdict: Verdict) -> str | None:
        """Why this state is a problem, or None when it shows a class still in it."""
        left = sorted(lines[i] for i in subset)
        if verdict.status == REJECTED:
            return f"with the errors on lines {left} the program is rejected ({verdict.reason})"
        if verdict.status not in {classes[i] for i in subset}:
            return (f"with the errors on lines {left} the program shows a {verdict.status} "
                    "error that none of them claims")
        return None

    fix_one = [every - {i} for i in range(n)]
    states.load([every, *fix_one])
    for subset in fix_one:
        problem = claimed(subset, states.verdict(subset))
        if problem:
            result.failures.append("fix-one: " + problem)
    if result.failures:
        # The draft is dropped, and what is said of it is its first failure: the order
        # and the masks would be run for nothing.
        return result
    # The sequence a student follows: fix what Python reports first, run again.
    remaining = every
    sequence: list[frozenset] = []
    while len(remaining) > 1:
        sequence.append(remaining)
        verdict = states.verdict(remaining)
        problem = claimed(remaining, verdict)
        if problem:
            result.failures.append("fix-in-order: " + problem)
            return result
        # The error fixed is the topmost whose removal changes the report: tried top
        # down, the first that does is it, and the states below it are never run.
        candidates = sorted((i for i in remaining if classes[i] == verdict.status),
                            key=lambda i: (lines[i], i))
        here = states.report(remaining)
        fixed = next((i for i in candidates if states.report(remaining - {i}) != here), None)
        if fixed is None:
            result.failures.append(
                f"fix-in-order: what Python reports with the errors on lines "
                f"{sorted(lines[i] for i in remaining)} cannot be traced to one of them")
            return result
        result.order.append(lines[fixed])
        result.met.append(fixed)
        remaining = remaining - {fixed}
    last = next(iter(remaining))
    result.order.append(lines[last])
    result.met.append(last)
    sequence.append(remaining)
    result.hidden = _hidden(states, sequence, [lines[i] for i in range(n)], classes)
    if result.hidden and prepared.scenarios and uses_random(prepared.exercise.source):
        # A student rolls other numbers: a mask is said only when it holds under every
        # one of many seeds, along the same order of fixes (a mask that a rare roll breaks,
        # such as a tie, must not slip through a handful of seeds). Only the errors of the
        # masks still standing are followed, and the seeds stop once none is left.
        free = SeedFreeRuns(states)  # states whose runs never draw: one run for all seeds
        for block in range(0, MASK_SEEDS, SEED_BLOCK):
            if not result.hidden:
                break
            seeded = [SeededStates(states, seed, free)
                      for seed in range(block, min(block + SEED_BLOCK, MASK_SEEDS))]
            result.hidden = still_hidden(seeded, sequence, list(lines), classes,
                                         result.hidden)
    return result


def _hidden(states: _States, sequence: list[frozenset], lines: list[int],
            classes: list[str]) -> list[tuple[int, int]]:
    """Errors that change nothing visible once the program runs, until another is fixed.

    Judged from the first state without syntax errors (before it nothing runs, which is
    no news to a student); an error is hidden while removing it changes nothing a student
    sees (`shown_digest`: output, exception, and each call's returned value), and it
    shows once another is fixed when removing it then changes something, judged by the
    same runs even when it is the last error left (against the correct program)."""
    start = first_running(sequence, classes)
    if start is None:
        return []
    first = sequence[start]
    states.load([first - {j} for j in first])
    hidden = [_mask(states, sequence, start, j, lines) for j in sorted(first,
                                                                     key=lambda i: lines[i])]
    return sorted(pair for pair in hidden if pair is not None)


def _mask(states: _States, sequence: list[frozenset], start: int, j: int,
          lines: list[int]) -> tuple[int, int] | None:
    """(line of j, line of the error whose fix makes j show), when j is hidden."""
    first = sequence[start]
    if not states.same(first - {j}, first):
        return None
    for k in range(start + 1, len(sequence)):
        state = sequence[k]
        if j not in state:
            break
        fixed = next(iter(sequence[k - 1] - state))
        if not states.same(state - {j}, state):
            return lines[j], lines[fixed]
    return None
