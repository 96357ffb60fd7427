"""Generate's local worker processes: one task at a time per process, and a process
that dies is noticed.

multiprocessing.Pool loses the task of a worker killed hard (SIGKILL, the OOM killer, a
segfault) and then waits for its result forever. Here every worker has a pipe of its
own and the parent watches each process's sentinel beside the pipes, so it always knows
which task a dead worker held: that task is given once more to a fresh worker,
and if that one dies too it is reported as failed, and the run goes on to its end.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import wait

from ..engine import take_stats

RETRIES = 1  # a job whose worker died is given to a fresh worker this many times


def _serve(conn, run: Callable) -> None:
    """A worker: run each job it is sent, send back (result, lookup counts) or
    (None, why the result could not be sent)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # and ends us when it stops
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        result = run(job)
        try:
            conn.send((result, take_stats()))
        except Exception as exc:  # noqa: BLE001 - e.g. a result that does not pickle
            message = str(exc).strip().splitlines()
            conn.send((None, type(exc).__name__ + (f": {message[0]}" if message else "")))


def death(exitcode: int | None) -> str:
    """How a worker process ended, in words."""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        hint = " (out of memory?)" if name == "SIGKILL" else ""
        return f"killed by {name}{hint}"
    return f"exited with code {exitcode}"


class _Worker:
    def __init__(self, context, run: Callable) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, run), daemon=True)
        self.process.start()
        child.close()
        self.job: int | None = None

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def local_results(jobs: Sequence, workers: int, run: Callable,
                  failed: Callable[[object, str], tuple],
                  after: Sequence[int | None] | None = None) -> Iterator[tuple]:
    """(result of run(job), lookup counts) for every job, in any order. A job whose
    worker died twice, or whose result could not be sent back, yields
    (failed(job, reason), {}). `after[i]`: the job that must have ended (its result or
    its failure yielded) before job i is given out. Closing the iterator stops every
    worker."""
    context = multiprocessing.get_context("forkserver")
    # Workers fork from a server that has imported what they run once, rather than each
    # importing debugex anew (about a second of CPU each).
    module = getattr(run, "__module__", None)
    if module:
        context.set_forkserver_preload([module])
    after = list(after) if after is not None else [None] * len(jobs)
    waiting = deque(i for i, first in enumerate(after) if first is None)
    held: dict[int, list[int]] = {}  # a job -> the jobs that wait for it
    for index, first in enumerate(after):
        if first is not None:
            held.setdefault(first, []).append(index)

    def ended(index: int) -> None:
        waiting.extend(held.pop(index, []))

    deaths = [0] * len(jobs)
    pool: list[_Worker] = []
    try:
        while waiting or pool:
            busy = [w for w in pool if w.job is not None]
            while len(pool) < min(workers, len(busy) + len(waiting)):
                pool.append(_Worker(context, run))  # at start, and in place of a dead one
            for worker in pool:
                if worker.job is None and waiting:
                    worker.job = waiting.popleft()
                    try:
                        worker.conn.send(jobs[worker.job])
                    except OSError:
                        pass  # it died: its sentinel says so below
            busy = [w for w in pool if w.job is not None]
            if not busy:
                break
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy]))
            for worker in busy:
                index = worker.job
                if worker.conn in ready:
                    try:
                        result, stats = worker.conn.recv()
                    except (EOFError, OSError):
                        ready.add(worker.process.sentinel)  # it died while sending
                    else:
                        worker.job = None
                        ended(index)
                        if result is None:
                            yield failed(jobs[index], f"worker failed ({stats})"), {}
                        else:
                            yield result, stats
                        continue
                if worker.process.sentinel in ready:
                    worker.process.join()
                    how = death(worker.process.exitcode)
                    worker.stop()
                    pool.remove(worker)
                    deaths[index] += 1
                    if deaths[index] > RETRIES:
                        ended(index)
                        yield failed(jobs[index], f"worker {how}, twice"), {}
                    else:
                        waiting.appendleft(index)
        for worker in pool:
            worker.conn.send(None)
    finally:
        for worker in pool:
            worker.stop()
