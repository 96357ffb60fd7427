"""Work of debugex's own spread over forked copies of this process (never programs:
those run in the sandbox). Used before a batch's workers start: the balance of its mix
replays the batch, and a first run finds every exercise's sites, on every core.

Forking is safe only from a process of one thread: a lock another thread held at the
fork is never released in the child. So elsewhere (a test runner's worker, a process
holding a Dask client) the work stays in this process, with the same result.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.pool import Pool


def can_fork(processes: int) -> bool:
    return (processes >= 2 and threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods())


@contextmanager
def forked_pool(processes: int) -> Iterator[Pool | None]:
    """A pool of `processes` forked copies of this process, or None when forking is not
    safe here (see the module's docstring) or not worth it (one process)."""
    if not can_fork(processes):
        yield None
        return
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        yield pool
