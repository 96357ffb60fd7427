"""Which tasks a platform other than debugex's sandbox would see print something else:
programs that import `random` or a clock (`workflow.unportable`), print memory addresses,
or print in the order of the hash seed, which the sandbox pins and no platform does."""

from __future__ import annotations

from collections.abc import Sequence

from ..sandbox import Job
from ..scenarios import runs_under_hash_seeds
from ..workflow import Task, unportable

ADDRESSES = "its output holds memory addresses, which differ from run to run"


def seed_dependent(tasks: Sequence[Task]) -> dict[str, str]:
    """Task name -> why, for the tasks whose correct program prints or returns something
    else under another hash seed (every case of every task run under each seed)."""
    jobs = [Job(t.correct, c.stdin, calls=c.calls) for t in tasks for c in t.cases]
    if not jobs:
        return {}
    seeded = runs_under_hash_seeds(jobs)
    found: dict[str, str] = {}
    runs = iter(zip(*seeded.values(), strict=True))
    for task in tasks:
        for case in task.cases:
            others = dict(zip(seeded, next(runs), strict=True))
            seed = next((s for s, o in others.items()
                         if (o.stdout, o.returns) != (case.stdout, case.returns)), None)
            if seed is not None and task.name not in found:
                found[task.name] = (
                    f"what it prints depends on the hash seed (the order of a set or dict of "
                    f"strings): scenario {case.name} gives other output under "
                    f"PYTHONHASHSEED={seed}, and a Jupyter kernel or a student's Python "
                    "picks a random seed for each run")
    return found


def not_portable(tasks: Sequence[Task]) -> dict[str, str]:
    """Task name -> why it cannot be handed out with expected outputs from the sandbox."""
    found: dict[str, str] = {}
    for task in tasks:
        reason = unportable(task.correct) or (
            ADDRESSES if any(" at 0x" in c.stdout for c in task.cases) else None)
        if reason:
            found[task.name] = reason
    found.update(seed_dependent([t for t in tasks if t.name not in found]))
    return found
