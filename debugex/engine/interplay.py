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
from ..sandbox import Job, Sandbox
from .seeds import uses_random
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
        for block in range(0, MASK_SEEDS, SEED_BLOCK):
            if not result.hidden:
                break
            seeded = [_SeededStates(states, seed)
                      for seed in range(block, min(block + SEED_BLOCK, MASK_SEEDS))]
            result.hidden = _still_hidden(seeded, sequence, list(lines), classes,
                                          result.hidden)
    return result


class _SeededStates:
    """What a student sees in each state under another seed of `random`, one scenario at
    a time: two states differ as soon as one scenario shows a difference, so the other
    scenarios of a pair that differs are never run. What a (seed, program) showed on each
    scenario run is remembered on disk in the exercise's seeded log (the same few
    programs, such as one error alone or the correct program, recur in many drafts)."""

    def __init__(self, states: _States, seed: int) -> None:
        self.states, self.seed = states, seed
        self._shown: dict[tuple[frozenset, int], str] = {}  # (state, scenario) -> digest

    def missing(self, subsets: Sequence[frozenset], indices: Sequence[int]) -> list[tuple]:
        """The (state, scenario) runs not known yet, in memory or on disk (those known on
        disk are taken now): [(self, subset, index, log key, program)]."""
        base = self.states
        log = base.prepared.seeded
        count = len(base.prepared.scenarios)
        run: list[tuple] = []
        for subset in dict.fromkeys(subsets):
            if all((subset, i) in self._shown for i in indices):
                continue
            program = apply_edits(base.source, [base.edits[i] for i in subset])
            key = f"{self.seed}\n{program}"
            known = log.get(key)
            if known is not None and len(known["shown"]) == count:
                for index, shown in enumerate(known["shown"]):
                    if shown is not None:
                        self._shown.setdefault((subset, index), shown)
            run += [(self, subset, index, key, program) for index in indices
                    if (subset, index) not in self._shown]
        return run

    def entry(self, subset: frozenset) -> dict:
        """What is known of a state: one digest per scenario, None where not run."""
        count = len(self.states.prepared.scenarios)
        return {"shown": [self._shown.get((subset, i)) for i in range(count)]}

    def differs(self, a: frozenset, b: frozenset, indices: Sequence[int]) -> bool:
        return any(self._shown[(a, i)] != self._shown[(b, i)] for i in indices)


def _run_seeded(run: list[tuple]) -> None:
    """Run what `_SeededStates.missing` found, for any number of seeds, in one batch, and
    keep one line per state (what it showed on each scenario run so far)."""
    if not run:
        return
    base = run[0][0].states
    prepared = base.prepared
    scenarios = prepared.scenarios
    outcomes = base.sandbox.run_many([
        Job(program, scenarios[index].stdin, timeout=prepared.timeout, seed=owner.seed,
            calls=scenarios[index].calls) for owner, _, index, _, program in run])
    states: dict[str, tuple] = {}
    for (owner, subset, index, key, _), outcome in zip(run, outcomes, strict=True):
        # one scenario's digest: two states show the same on every scenario exactly when
        # `shown_digest` of all their runs is the same
        owner._shown[(subset, index)] = shown_digest([outcome])
        states[key] = (owner, subset)
    prepared.seeded.put_many([(key, owner.entry(subset))
                              for key, (owner, subset) in states.items()])


def _same_under(seeded: Sequence[_SeededStates], a: frozenset, b: frozenset) -> list[bool]:
    """For each seed, whether a student sees the same in both states on every scenario:
    the first scenario alone first (a difference is most often there), then the rest for
    the seeds where it showed none; every seed's runs of a round in one batch."""
    count = len(seeded[0].states.prepared.scenarios) if seeded else 0
    same = [True] * len(seeded)
    for indices in ([0], range(1, count)):
        open_ = [k for k, ok in enumerate(same) if ok]
        _run_seeded([r for k in open_ for r in seeded[k].missing([a, b], indices)])
        for k in open_:
            same[k] = not seeded[k].differs(a, b, indices)
    return same


def _hidden(states: _States, sequence: list[frozenset], lines: list[int],
            classes: list[str]) -> list[tuple[int, int]]:
    """Errors that change nothing visible once the program runs, until another is fixed.

    Judged from the first state without syntax errors (before it nothing runs, which is
    no news to a student); an error is hidden while removing it changes nothing a student
    sees (`shown_digest`: output, exception, and each call's returned value), and it
    shows once another is fixed when removing it then changes something, judged by the
    same runs even when it is the last error left (against the correct program)."""
    start = _first_running(sequence, classes)
    if start is None:
        return []
    first = sequence[start]
    states.load([first - {j} for j in first])
    hidden = [_mask(states, sequence, start, j, lines) for j in sorted(first,
                                                                     key=lambda i: lines[i])]
    return sorted(pair for pair in hidden if pair is not None)


def _still_hidden(seeded: Sequence[_SeededStates], sequence: list[frozenset],
                  lines: list[int], classes: list[str], pairs: list[tuple[int, int]]
                  ) -> list[tuple[int, int]]:
    """The pairs among `pairs` that `_hidden` would also find under every one of these
    seeds: the same judgement, made only for the errors whose line starts one of the
    pairs, the seeds side by side."""
    start = _first_running(sequence, classes)
    if start is None:
        return []
    first = sequence[start]
    mine = [j for j in first if lines[j] in {line for line, _ in pairs}]
    found: list[set] = [set() for _ in seeded]
    for j in mine:
        for k, pair in enumerate(_masks_under(seeded, sequence, start, j, lines)):
            found[k].add(pair)
    return [pair for pair in pairs if all(pair in f for f in found)]


def _masks_under(seeded: Sequence[_SeededStates], sequence: list[frozenset], start: int,
                 j: int, lines: list[int]) -> list[tuple[int, int] | None]:
    """`_mask` of j under each seed, the seeds walking the sequence side by side."""
    masks: list[tuple[int, int] | None] = [None] * len(seeded)
    first = sequence[start]
    same = _same_under(seeded, first - {j}, first)
    walking = [k for k in range(len(seeded)) if same[k]]
    for step in range(start + 1, len(sequence)):
        state = sequence[step]
        if j not in state or not walking:
            break
        fixed = next(iter(sequence[step - 1] - state))
        same = _same_under([seeded[k] for k in walking], state - {j}, state)
        for k, ok in zip(walking, same, strict=True):
            if not ok:
                masks[k] = (lines[j], lines[fixed])
        walking = [k for k, ok in zip(walking, same, strict=True) if ok]
    return masks


def _first_running(sequence: list[frozenset], classes: list[str]) -> int | None:
    """The first state of the sequence without syntax errors, when it holds two or more
    errors (else no error can hide another)."""
    start = next((k for k, s in enumerate(sequence)
                  if all(classes[i] != SYNTAX for i in s)), None)
    return None if start is None or len(sequence[start]) < 2 else start


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
