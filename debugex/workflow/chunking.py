"""The tasks generate's work is cut into: a few planned drafts each, not a whole exercise.

One task per exercise left a small library with many drafts per exercise on a few busy
workers (two exercises of 80 drafts kept two of 64 workers busy; now they are 20 tasks). Here an exercise's
units are dealt into tasks of at most TASK_DRAFTS units. The cut depends only on the
plan, never on the number of workers or on the engine, so the local pool, one process
and a Dask cluster run the same tasks and write the same drafts for the same seed.

Within a task the units run in one worker, largest request first, and that task's drafts
avoid each other's edits and programs (`generation.run_exercise`); tasks of one exercise
do not see each other, as shards (`--shard`) never did: a program two tasks both drew is
written by both, and merging adds it once.

An exercise's first task proves its sites (the catalogue, kept on disk); its other tasks
start only once that one has finished (`after`), so they read the catalogue instead of
proving it again side by side. Tasks go out round by round: every exercise's first task,
then every second one, and so on; within a round the exercises expected to take longest
go first (what they took last time, or a guess: `task_costs.py`).
The order changes when a draft is made, never what it is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

# Planned drafts per task at most: a few, so that a small library fills many workers, and
# no fewer than the default --per-exercise (5), so that a default batch is one task per
# exercise and never holds one program twice (tasks of one exercise do not see each other).
TASK_DRAFTS = 8


@dataclass
class Tasks:
    """The jobs to run, in the order they go out, and for each the index of the job that
    must have finished before it starts (None: none)."""

    jobs: list[tuple]
    after: list[int | None]



def deal(units: Sequence, size: int = TASK_DRAFTS) -> list[list]:
    """An exercise's units dealt into ceil(n / size) groups, largest request first and
    round the groups in turn, so that every group gets its share of the large requests
    (which need the most fresh sites) and the groups take about as long."""
    ordered = sorted(units, key=lambda u: (-u.request.total, u.index))
    count = max(1, -(-len(ordered) // size))
    return [group for k in range(count) if (group := ordered[k::count])]


def cut(by_slug: Mapping[str, Sequence], job_of: Callable[[str, list], tuple],
        size: int = TASK_DRAFTS, cost: Callable[[str], float] | None = None) -> Tasks:
    """Every exercise's units (`by_slug`, in plan order) as tasks; `job_of(slug, units)`
    makes one task's job. `cost(slug)`: how long an exercise's work is expected to take;
    the costliest exercises' tasks go out first in each round (plan order among equals),
    so that the batch does not end on one long task while the other workers wait."""
    slugs = sorted(by_slug, key=lambda slug: -cost(slug)) if cost is not None else list(by_slug)
    groups = {slug: deal(by_slug[slug], size) for slug in slugs}
    jobs: list[tuple] = []
    after: list[int | None] = []
    first: dict[str, int] = {}
    for turn in range(max((len(g) for g in groups.values()), default=0)):
        for slug, dealt in groups.items():
            if turn < len(dealt):
                after.append(first.get(slug))
                first.setdefault(slug, len(jobs))
                jobs.append(job_of(slug, dealt[turn]))
    return Tasks(jobs, after)
