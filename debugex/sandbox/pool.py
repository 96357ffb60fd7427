"""A pool of long-lived sandbox workers, and the batch API on top of it.

Jobs travel in chunks so that the cost of a round trip is shared by many runs. The pool
watches every worker's progress record; a job that outlives its hard deadline gets its
worker's whole process group killed, the job is reported as a time-out, and the rest of
its chunk goes to a fresh worker. A worker that dies on its own (a program that found a
way to end the process) is handled the same way, so a batch is never lost.
"""

from __future__ import annotations

import atexit
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from multiprocessing.connection import Connection, wait
from pathlib import Path

from . import outcome as oc
from .outcome import Job, Outcome
from .worker import PROGRESS

_IN_FLIGHT = 2
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])


class SandboxError(RuntimeError):
    """The sandbox itself failed (a worker could not start)."""


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)))


class _Worker:
    def __init__(self, scratch_root: str, memory_mb: int) -> None:
        self.scratch = tempfile.mkdtemp(prefix="w-", dir=scratch_root)
        self.progress_path = os.path.join(scratch_root, os.path.basename(self.scratch) + ".pg")
        with open(self.progress_path, "wb") as handle:
            handle.write(b"\0" * PROGRESS.size)
        self.log_path = self.progress_path[:-3] + ".log"
        parent_sock, child_sock = socket.socketpair()
        env = dict(os.environ)
        env.update(PYTHONHASHSEED="0", TZ="UTC", PYTHONDONTWRITEBYTECODE="1",
                   PYTHONPATH=os.pathsep.join(
                       p for p in (_PACKAGE_ROOT, env.get("PYTHONPATH")) if p))
        for name in ("PYTHONSTARTUP", "PYTHONINSPECT", "PYTHONSAFEPATH"):
            env.pop(name, None)
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "debugex.sandbox.worker", str(child_sock.fileno()),
                 self.progress_path, str(memory_mb)],
                pass_fds=(child_sock.fileno(),), cwd=self.scratch, env=env,
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log,
                start_new_session=True)
        child_sock.close()
        self.conn = Connection(parent_sock.detach())
        self.chunks: deque[tuple[int, list[int]]] = deque()  # (chunk id, job indices) sent
        self.killed_for_timeout = False

    def wait_ready(self, timeout: float = 60.0) -> None:
        if not self.conn.poll(timeout):
            self.kill()
            raise SandboxError("a sandbox worker did not start in time" + self._log_tail())
        try:
            message = self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            raise SandboxError("a sandbox worker failed to start" + self._log_tail()) from None
        if message[0] != "ready":
            self.kill()
            raise SandboxError(f"a sandbox worker failed to start: {message[1]}")

    def _log_tail(self) -> str:
        try:
            text = Path(self.log_path).read_text(errors="replace")[-2000:]
        except OSError:
            return ""
        return f":\n{text}" if text else ""

    def progress(self) -> tuple[int, int, float]:
        with open(self.progress_path, "rb") as handle:
            first = handle.read(PROGRESS.size)
            handle.seek(0)
            second = handle.read(PROGRESS.size)
        if first != second:  # caught mid-write; the next poll will see it whole
            return (-1, -1, time.monotonic())
        return PROGRESS.unpack(first)

    def kill(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.process.wait()
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(("stop",))
            self.process.wait(timeout=2)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.kill()


class Sandbox:
    """Runs (program, scenario) jobs on long-lived worker processes, one per core.

    Use as a context manager, or call close(). `run_many` keeps the order of its jobs.
    """

    def __init__(self, workers: int | None = None, memory_mb: int = 512,
                 chunk_size: int | None = None) -> None:
        self.n_workers = workers or default_workers()
        self.memory_mb = memory_mb
        self.chunk_size = chunk_size
        self._scratch_root = tempfile.mkdtemp(prefix="debugex-sandbox-")
        self._workers: list[_Worker] = []
        self._next_chunk = 0
        self._closed = False

    # -- life cycle ------------------------------------------------------------------
    def _spawn(self) -> _Worker:
        worker = _Worker(self._scratch_root, self.memory_mb)
        worker.wait_ready()
        return worker

    def _ensure_workers(self) -> None:
        if self._closed:
            raise SandboxError("this sandbox is closed")
        missing = self.n_workers - len(self._workers)
        if missing > 0:
            started = [_Worker(self._scratch_root, self.memory_mb) for _ in range(missing)]
            for worker in started:
                worker.wait_ready()
            self._workers.extend(started)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        for worker in self._workers:
            worker.stop()
        self._workers.clear()
        import shutil

        shutil.rmtree(self._scratch_root, ignore_errors=True)

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def worker_pids(self) -> list[int]:
        return [w.process.pid for w in self._workers]

    # -- running ---------------------------------------------------------------------
    def run(self, source: str, stdin: Sequence[str] = (), **options) -> Outcome:
        return self.run_many([Job(source, tuple(stdin), **options)])[0]

    def run_many(self, jobs: Iterable[Job],
                 progress: Callable[[int], None] | None = None) -> list[Outcome]:
        """Run every job; `progress(n)` is called as each chunk of n jobs completes."""
        jobs = list(jobs)
        results: list[Outcome | None] = [None] * len(jobs)
        if not jobs:
            return []
        self._ensure_workers()
        size = self.chunk_size or max(1, min(128, len(jobs) // (self.n_workers * 4) or 1))
        pending: deque[list[int]] = deque(
            list(range(start, min(start + size, len(jobs))))
            for start in range(0, len(jobs), size))
        wires = [tuple(job) for job in jobs]
        make = Outcome._make
        busy: list[_Worker] = []
        deaths_without_progress = 0

        def finish(indices: list[int], outcomes: Iterable[Outcome]) -> None:
            for index, outcome in zip(indices, outcomes, strict=True):
                results[index] = outcome
            if progress is not None:
                progress(len(indices))

        while pending or busy:
            # Two chunks in flight per worker: it starts the next while we read the last.
            for worker in self._workers:
                while pending and len(worker.chunks) < _IN_FLIGHT:
                    indices = pending.popleft()
                    self._next_chunk += 1
                    worker.chunks.append((self._next_chunk, indices))
                    try:
                        worker.conn.send(("run", self._next_chunk, [wires[i] for i in indices]))
                    except OSError:
                        pass  # it died; the wait below sees it
                    if worker not in busy:
                        busy.append(worker)
            ready = wait([w.conn for w in busy], timeout=0.02)
            now = time.monotonic()
            for worker in list(busy):
                if worker.conn in ready:
                    try:
                        message = worker.conn.recv()
                    except (EOFError, OSError):
                        message = None
                    if message is not None and message[0] == "done" \
                            and message[1] == worker.chunks[0][0]:
                        finish(worker.chunks.popleft()[1], map(make, message[2]))
                        if not worker.chunks:
                            busy.remove(worker)
                        deaths_without_progress = 0
                        continue
                elif not self._overdue(worker, jobs, now):
                    continue
                # The worker is gone (killed for time, or ended by its program).
                busy.remove(worker)
                requeue, lost = self._bury(worker)
                if lost is not None:
                    finish([lost[0]], [lost[1]])
                    deaths_without_progress = 0
                else:
                    deaths_without_progress += 1
                    if deaths_without_progress > 3:
                        raise SandboxError("sandbox workers keep dying before running a job")
                pending.extendleft(reversed(requeue))
        return results  # type: ignore[return-value]

    def _overdue(self, worker: _Worker, jobs: list[Job], now: float) -> bool:
        """Kill the worker if its current job has outlived the hard deadline."""
        seen_chunk, index, started = worker.progress()
        for chunk_id, indices in worker.chunks:
            if chunk_id == seen_chunk and 0 <= index < len(indices):
                limit = jobs[indices[index]].timeout
                # Wall-clock backstop for programs that stop the CPU timer or sit in C code;
                # generous, so that a loaded machine never kills an honest run.
                if now - started > 2 * limit + 1.0:
                    worker.killed_for_timeout = True
                    worker.kill()
                    return True
        return False

    def _bury(self, worker: _Worker) -> tuple[list[list[int]], tuple[int, Outcome] | None]:
        """Replace a dead worker; say which job killed it and what must run again."""
        seen_chunk, index, _ = worker.progress()
        worker.kill()  # reap and close; killpg also ends any child it left behind
        status = worker.process.returncode
        self._workers.remove(worker)
        self._workers.append(self._spawn())
        requeue: list[list[int]] = []
        lost = None
        for chunk_id, indices in worker.chunks:
            if chunk_id == seen_chunk and 0 <= index < len(indices):
                if worker.killed_for_timeout:
                    outcome = Outcome(oc.TIMEOUT,
                                      reason="time limit (the program ignored the timer)")
                else:
                    how = (f"signal {-status}" if status is not None and status < 0
                           else f"exit status {status}")
                    outcome = Outcome(oc.LIMIT_EXCEEDED,
                                      reason=f"the program ended the sandbox process ({how})")
                lost = (indices[index], outcome)
                rest = indices[:index] + indices[index + 1:]
                if rest:
                    requeue.append(rest)
            else:
                requeue.append(indices)
        return requeue, lost


_default: Sandbox | None = None


def default_sandbox() -> Sandbox:
    """A process-wide sandbox, started on first use and closed at exit."""
    global _default
    if _default is None or _default._closed:
        _default = Sandbox()
        atexit.register(_default.close)
    return _default


def run_program(source: str, stdin: Sequence[str] = (), **options) -> Outcome:
    """Run one program on the default sandbox."""
    return default_sandbox().run(source, stdin, **options)
