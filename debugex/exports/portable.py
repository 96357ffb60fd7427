"""Which tasks a platform other than debugex's sandbox would see print something else:
programs that import `random` or a clock (`workflow.unportable`), print memory addresses,
or print in the order of the hash seed, which the sandbox pins and no platform does (sorted
where the scenario allows, `hash_order.py`)."""

from __future__ import annotations

from collections.abc import Sequence

from ..workflow import Task, unportable
from .hash_order import hash_order

ADDRESSES = "its output holds memory addresses, which differ from run to run"


def portable(tasks: Sequence[Task], workers: int = 1) -> tuple[list[Task], dict[str, str]]:
    """(the tasks to hand out, hash-order calls sorted where the scenario allows; task name
    -> why the others cannot be handed out with expected outputs from the sandbox)."""
    found: dict[str, str] = {}
    for task in tasks:
        reason = unportable(task.correct) or (
            ADDRESSES if any(" at 0x" in c.stdout for c in task.cases) else None)
        if reason:
            found[task.name] = reason
    kept, more = hash_order([t for t in tasks if t.name not in found], workers)
    found.update(more)
    return kept, found
