"""Output in the order of the hash seed: sorted where the scenario says the order is free,
else left out with the reason.

The sandbox pins `PYTHONHASHSEED`; CodeRunner's Jobe server, a Jupyter kernel and a
student's Python pick a seed per run, so a value or a line that comes in the order of a set
of strings is not what the sandbox recorded there. Where the scenario compares a call's
value in any order (`unordered = true`, as an imported `assertCountEqual` does), the call is
asked for sorted: `words(...)` becomes `sorted(words(...))`, the correct program is run on
it again under the sandbox's seed and the others, and the test compares the sorted values,
which no seed changes. What cannot be sorted stays out: printed lines (a scenario compares
them in order), a value the scenario compares with its order, a value that is no sequence
or set, items that do not sort, or output that still differs once sorted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..sandbox import Job, Outcome
from ..scenarios import (
    ELSEWHERE,
    HASH_SEEDS,
    first_difference,
    read_value,
    runs_under_hash_seeds,
)
from ..workflow import Case, Task

SEEDS = (0, *HASH_SEEDS)  # the sandbox's own seed first: the recorded outputs are its
SORTABLE = (list, tuple, set, frozenset)


def _reason(case: Case, seed: int, what: str) -> str:
    return (f"what it prints depends on the hash seed (the order of a set or dict of "
            f"strings): under PYTHONHASHSEED={seed} scenario {case.name} {what}; {ELSEWHERE}")


def _changed(case: Case, others: dict[int, Outcome]) -> tuple[int, Outcome] | None:
    """The first seed whose run printed or returned something else (a case may end in the
    exception its scenario expects: only what it printed and returned is compared)."""
    for seed, other in others.items():
        if (other.stdout, other.returns) != (case.stdout, case.returns):
            return seed, other
    return None


def _to_sort(case: Case, seed: int, other: Outcome, all_others: dict[int, Outcome]
             ) -> list[int] | str:
    """The calls to ask for sorted, or why the case cannot be sorted."""
    for other_seed, run in all_others.items():
        if len(run.returns) != len(case.returns):
            return _reason(case, other_seed, f"ends otherwise ({run.summary()})")
    if other.stdout != case.stdout:
        return _reason(case, seed, f"prints other lines ("
                       f"{first_difference(case.stdout, other.stdout)}), and printed lines "
                       "are compared in order")
    moved = sorted({i for o in all_others.values()
                    for i, (want, got) in enumerate(zip(case.returns, o.returns, strict=False))
                    if want != got})
    for index in moved:
        call = case.calls[index]
        if not case.unordered:
            return _reason(case, seed, f"gets the value of {call} in another order, and the "
                           "scenario compares its order (with `unordered = true` it would be "
                           "sorted)")
        if not isinstance(read_value(case.returns[index]), SORTABLE):
            return _reason(case, seed, f"gets the value of {call} in another order, a value "
                           "that is no list, tuple or set to sort")
    return moved


def _sorted(case: Case, calls: list[int]) -> Case:
    asked = tuple(f"sorted({c})" if i in calls else c for i, c in enumerate(case.calls))
    return replace(case, calls=asked)


def hash_order(tasks: Sequence[Task], workers: int = 1
               ) -> tuple[list[Task], dict[str, str]]:
    """The tasks, each hash-order call of an order-free scenario asked for sorted (its
    outputs run again), and task name -> why it was left out for everything else the hash
    seed changes."""
    jobs = [Job(t.correct, c.stdin, calls=c.calls) for t in tasks for c in t.cases]
    if not jobs:
        return list(tasks), {}
    seeded = runs_under_hash_seeds(jobs, workers, HASH_SEEDS)
    runs = iter(zip(*seeded.values(), strict=True))
    left_out: dict[str, str] = {}
    rewritten: dict[str, Task] = {}
    for task in tasks:
        cases = []
        for case in task.cases:
            others = dict(zip(seeded, next(runs), strict=True))
            changed = _changed(case, others)
            if changed is None or task.name in left_out:
                cases.append(case)
                continue
            calls = _to_sort(case, *changed, others)
            if isinstance(calls, str):
                left_out[task.name] = calls
            else:
                cases.append(_sorted(case, calls))
        if task.name not in left_out and cases != list(task.cases):
            rewritten[task.name] = replace(task, cases=tuple(cases))
    rewritten, more = _run_sorted(list(rewritten.values()), workers)
    left_out.update(more)
    return [rewritten.get(t.name, t) for t in tasks if t.name not in left_out], left_out


def _run_sorted(tasks: list[Task], workers: int) -> tuple[dict[str, Task], dict[str, str]]:
    """The sorted cases' outputs, from the sandbox's seed; a task whose sorted calls do not
    finish, or still differ under another seed, is left out."""
    jobs = [Job(t.correct, c.stdin, calls=c.calls) for t in tasks for c in t.cases]
    if not jobs:
        return {}, {}
    seeded = runs_under_hash_seeds(jobs, workers, SEEDS)
    runs = iter(zip(*seeded.values(), strict=True))
    done: dict[str, Task] = {}
    left_out: dict[str, str] = {}
    for task in tasks:
        cases = []
        for case in task.cases:
            base, *others = next(runs)
            if len(base.returns) != len(case.returns):  # sorted() raised
                left_out.setdefault(task.name, _reason(
                    case, 0, f"cannot be sorted: sorted, it ends {base.summary()}"))
                continue
            fresh = replace(case, stdout=base.stdout, returns=base.returns)
            moved = [seed for seed, o in zip(HASH_SEEDS, others, strict=True)
                     if (o.kind, o.stdout, o.returns) != (base.kind, base.stdout, base.returns)]
            if moved:
                left_out.setdefault(task.name, _reason(
                    case, moved[0], "still gives other output once sorted"))
            cases.append(fresh)
        if task.name not in left_out:
            done[task.name] = replace(task, cases=tuple(cases))
    return done, left_out
