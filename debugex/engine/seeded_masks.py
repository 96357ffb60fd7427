"""The masks of a random program, judged again under other seeds of `random`.

A student rolls other numbers than the sandbox's seed: an error said to hide another
(`interplay._hidden`) is said only when it hides it under every one of many seeds too,
along the same order of fixes. The states are compared one scenario at a time (the
first that differs decides), and what each (seed, program) showed is kept on disk.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..injectors import SYNTAX, apply_edits
from ..sandbox import Job
from .interplay_draws import SeedFreeRuns
from .verify import shown_digest


class SeededStates:
    """What a student sees in each state under another seed of `random`, one scenario at
    a time: two states differ as soon as one scenario shows a difference, so the other
    scenarios of a pair that differs are never run. What a (seed, program) showed on each
    scenario run is remembered on disk in the exercise's seeded log (the same few
    programs, such as one error alone or the correct program, recur in many drafts)."""

    def __init__(self, states, seed: int, free: SeedFreeRuns | None = None) -> None:
        self.states, self.seed = states, seed  # states: interplay._States
        self.free = free  # the runs that show the same under every seed, shared by seeds
        self._shown: dict[tuple[frozenset, int], str] = {}  # (state, scenario) -> digest

    def missing(self, subsets: Sequence[frozenset], indices: Sequence[int]) -> list[tuple]:
        """The (state, scenario) runs not known yet, in memory or on disk (those known on
        disk are taken now): [(self, subset, index, log key, program)]."""
        base = self.states
        log = base.prepared.seeded
        count = len(base.prepared.scenarios)
        run: list[tuple] = []
        for subset in dict.fromkeys(subsets):
            if self.free is not None:
                for i in indices:
                    digest = self.free.digest(subset, i)
                    if digest is not None:
                        self._shown.setdefault((subset, i), digest)
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


def _run_seeded(run: list[tuple], extra: Sequence[Job] = (), sandbox=None) -> list:
    """Run what `SeededStates.missing` found, for any number of seeds, in one batch, and
    keep one line per state (what it showed on each scenario run so far). The `extra`
    jobs (run by `sandbox`) join the batch; their outcomes are returned."""
    if not run and not extra:
        return []
    jobs = []
    for owner, _, index, _, program in run:
        prepared = owner.states.prepared
        scenario = prepared.scenarios[index]
        jobs.append(Job(program, scenario.stdin, timeout=prepared.timeout, seed=owner.seed,
                        calls=scenario.calls))
    outcomes = (sandbox or run[0][0].states.sandbox).run_many(jobs + list(extra))
    states: dict[str, tuple] = {}
    for (owner, subset, index, key, _), outcome in zip(run, outcomes[:len(run)],
                                                       strict=True):
        # one scenario's digest: two states show the same on every scenario exactly when
        # `shown_digest` of all their runs is the same
        owner._shown[(subset, index)] = shown_digest([outcome])
        states[key] = (owner, subset)
    if states:
        run[0][0].states.prepared.seeded.put_many(
            [(key, owner.entry(subset)) for key, (owner, subset) in states.items()])
    return outcomes[len(run):]


def _settle_free(seeded: Sequence[SeededStates], open_: list[int],
                 subsets: Sequence[frozenset], index: int) -> None:
    """Before the seeds run a scenario: judge the states not yet known to show the same
    under every seed, by a traced run under the first open seed beside that seed's plain
    run (which it needs anyway)."""
    free = seeded[0].free
    if free is None:
        return
    todo = free.unknown(subsets, index)
    if not todo:
        return
    owner = seeded[open_[0]]
    traced = _run_seeded(owner.missing(todo, [index]),
                         free.traced_jobs(todo, index, owner.seed), owner.states.sandbox)
    free.judge(todo, index, traced, [owner._shown[(s, index)] for s in todo])


def _same_under(seeded: Sequence[SeededStates], a: frozenset, b: frozenset,
                until_difference: bool = False) -> list[bool]:
    """For each seed, whether a student sees the same in both states on every scenario:
    one scenario at a time, for the seeds where none has shown a difference yet (the
    first scenario that differs decides); every seed's runs of a round in one batch.
    `until_difference`: the caller only asks whether every seed sees the same, so the
    rounds stop once one seed has seen a difference (the others are left unfinished)."""
    count = len(seeded[0].states.prepared.scenarios) if seeded else 0
    same = [True] * len(seeded)
    for indices in ([i] for i in range(count)):
        open_ = [k for k, ok in enumerate(same) if ok]
        if not open_ or (until_difference and len(open_) < len(same)):
            break
        _settle_free(seeded, open_, [a, b], indices[0])
        _run_seeded([r for k in open_ for r in seeded[k].missing([a, b], indices)])
        for k in open_:
            same[k] = not seeded[k].differs(a, b, indices)
    return same


def still_hidden(seeded: Sequence[SeededStates], sequence: list[frozenset],
                  lines: list[int], classes: list[str], pairs: list[tuple[int, int]]
                  ) -> list[tuple[int, int]]:
    """The pairs among `pairs` that `_hidden` would also find under every one of these
    seeds: the same judgement, made only for the errors whose line starts one of the
    pairs, the seeds side by side."""
    start = first_running(sequence, classes)
    if start is None:
        return []
    first = sequence[start]
    mine = [j for j in first if lines[j] in {line for line, _ in pairs}]
    if len({lines[i] for i in first}) == len(first):
        # One error per line: a pair can come from its own error only, so each error is
        # followed until one seed shows another pair (then the others need not run).
        expected = dict(pairs)  # line of the hidden error -> line whose fix shows it
        kept = {lines[j] for j in mine if _holds_under(
            seeded, sequence, start, j, lines, (lines[j], expected[lines[j]]))}
        return [pair for pair in pairs if pair[0] in kept]
    found: list[set] = [set() for _ in seeded]
    for j in mine:
        for k, pair in enumerate(_masks_under(seeded, sequence, start, j, lines)):
            found[k].add(pair)
    return [pair for pair in pairs if all(pair in f for f in found)]


def _masks_under(seeded: Sequence[SeededStates], sequence: list[frozenset], start: int,
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


def _holds_under(seeded: Sequence[SeededStates], sequence: list[frozenset], start: int,
                 j: int, lines: list[int], expected: tuple[int, int]) -> bool:
    """Whether `_masks_under` would give `expected` for j under every seed (the lines of
    the errors all differ): j is hidden in the first running state, stays hidden until
    the step that fixes the error on expected[1], and shows there. The seeds walk side
    by side, and the walk ends at the first seed that shows otherwise."""
    first = sequence[start]
    if not all(_same_under(seeded, first - {j}, first, until_difference=True)):
        return False
    for step in range(start + 1, len(sequence)):
        state = sequence[step]
        if j not in state:
            return False
        fixed = next(iter(sequence[step - 1] - state))
        if lines[fixed] == expected[1]:
            return not any(_same_under(seeded, state - {j}, state))
        if not all(_same_under(seeded, state - {j}, state, until_difference=True)):
            return False
    return False


def first_running(sequence: list[frozenset], classes: list[str]) -> int | None:
    """The first state of the sequence without syntax errors, when it holds two or more
    errors (else no error can hide another)."""
    start = next((k for k, s in enumerate(sequence)
                  if all(classes[i] != SYNTAX for i in s)), None)
    return None if start is None or len(sequence[start]) < 2 else start
