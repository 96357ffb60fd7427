"""A pool of zygotes, one per core, and the batch API on top of it.

Each zygote (see `harness/zygote.py`) forks one confined child per run. The pool sends
it chunks of jobs and reads one outcome per job back, as length-capped JSON, with
non-blocking pipes so that no zygote can stall another. The pool owns the last clock: a
zygote that does not answer for a job within that job's backstop deadline, that sends
anything malformed, or that dies, is killed with its whole process group and replaced;
the job gets a clear outcome of its own and the rest of its chunk runs elsewhere. Nothing
a zygote sends is believed beyond the verdict on that one job.
"""

from __future__ import annotations

import atexit
import json
import os
import selectors
import shutil
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from . import confine, reap, scratch
from . import outcome as oc
from .harness import wire
from .harness.zygote import BACKSTOP_MARGIN, reply_cap, wall_deadline
from .outcome import Job, Outcome

_IN_FLIGHT = 2  # chunks per zygote: it starts the next while we read the last
_BOOT = ("import sys; sys.path.insert(0, {path!r}); "
         "from harness.zygote import main; sys.exit(main())")


class SandboxError(RuntimeError):
    """The sandbox itself failed (a zygote could not start)."""


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)))


def zygote_environment(hash_seed: int = 0) -> dict[str, str]:
    """The whole environment of a zygote: what Python needs, nothing inherited beyond it
    (no HOME, no tokens, no secrets). The hash seed is fixed (0 unless asked otherwise) so
    that set order is the same on every run; other seeds show output that depends on it."""
    env = {"PATH": os.defpath, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TZ": "UTC",
           "PYTHONHASHSEED": str(int(hash_seed)), "PYTHONUTF8": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    if "LD_LIBRARY_PATH" in os.environ:  # some Python builds cannot start without it
        env["LD_LIBRARY_PATH"] = os.environ["LD_LIBRARY_PATH"]
    return env


_warned: set[str] = set()


def _warn_once(text: str) -> None:
    if text not in _warned:
        _warned.add(text)
        print(f"debugex: warning: {text} (see SECURITY.md)", file=sys.stderr)


class _Zygote:
    def __init__(self, scratch_root: str, memory_mb: int,
                 filters: confine.Filters | None, hash_seed: int = 0) -> None:
        self.scratch = tempfile.mkdtemp(prefix="z-", dir=scratch_root)
        self.log_path = self.scratch + ".log"
        ruleset_fd, self.landlock_missing = confine.landlock_ruleset(self.scratch)
        config = {"scratch": self.scratch, "memory_mb": memory_mb,
                  "landlock_fd": ruleset_fd, "readable": confine.readable_paths(),
                  # hex, not base64: the zygote then imports no module to read it
                  "bpf": filters.child.hex() if filters else None,
                  "bpf_zygote": filters.zygote.hex() if filters else None}
        boot = _BOOT.format(path=str(Path(confine.HARNESS_DIR).parent))
        try:
            with open(self.log_path, "wb") as log:
                self.process = subprocess.Popen(
                    [sys.executable, "-S", "-s", "-P", "-B", "-c", boot],
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                    pass_fds=() if ruleset_fd is None else (ruleset_fd,),
                    cwd=self.scratch, env=zygote_environment(hash_seed),
                    start_new_session=True)
        finally:
            if ruleset_fd is not None:
                os.close(ruleset_fd)
        self.stdin = self.process.stdin.fileno()
        self.stdout = self.process.stdout.fileno()
        wire.write_all(self.stdin, wire.pack({"config": config}))
        os.set_blocking(self.stdin, False)
        os.set_blocking(self.stdout, False)
        self.outgoing = bytearray()
        self.reader = wire.FrameReader(reply_cap(oc.DEFAULT_OUTPUT_LIMIT) * 4, raw=True)
        # In flight: [chunk id, job indices, how many answered], oldest first.
        self.chunks: deque[list] = deque()
        self.current_since = time.monotonic()  # when the job it is on now began
        self.failed_layers: list[str] = []

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        reader = wire.FrameReader(1 << 16)
        with selectors.DefaultSelector() as sel:
            sel.register(self.stdout, selectors.EVENT_READ)
            while time.monotonic() < deadline:
                if not sel.select(deadline - time.monotonic()):
                    continue
                data = os.read(self.stdout, 1 << 16)
                if not data:
                    break
                try:
                    frames = reader.feed(data)
                except wire.WireError:
                    break
                if frames:
                    first = frames[0]
                    if isinstance(first, dict) and "ready" in first:
                        self.failed_layers = [str(x) for x in first.get("failed", [])]
                        return
                    break
        self.kill()
        raise SandboxError("a sandbox process did not start" + self._log_tail())

    def _log_tail(self) -> str:
        try:
            text = Path(self.log_path).read_text(errors="replace")[-2000:]
        except OSError:
            return ""
        return f":\n{text}" if text else ""

    def send(self, chunk_id: int, jobs: list[list]) -> None:
        if not self.chunks:
            self.current_since = time.monotonic()
        self.outgoing += wire.pack({"chunk": chunk_id, "jobs": jobs})

    def flush(self) -> None:
        """Write what the pipe takes now; raises OSError when the zygote is gone."""
        if self.outgoing:
            try:
                written = os.write(self.stdin, self.outgoing)
            except BlockingIOError:
                return
            del self.outgoing[:written]

    def kill(self) -> None:
        reap.kill_family(self.process.pid)
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()
            except OSError:
                pass
        shutil.rmtree(self.scratch, ignore_errors=True)

    def stop(self) -> None:
        try:
            os.set_blocking(self.stdin, True)
            wire.write_all(self.stdin, wire.pack({"stop": True}))
            self.process.wait(timeout=2)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.kill()


class Sandbox:
    """Runs (program, scenario) jobs, each in a fresh confined process, one zygote per core.

    Use as a context manager, or call close(). `run_many` keeps the order of its jobs.
    `layers` says which OS protections hold on this machine.
    """

    def __init__(self, workers: int | None = None, memory_mb: int = 512,
                 chunk_size: int | None = None, hash_seed: int = 0) -> None:
        self.n_workers = workers or default_workers()
        self.hash_seed = hash_seed  # PYTHONHASHSEED of every run: str and bytes hashes
        self.memory_mb = memory_mb
        self.chunk_size = chunk_size
        self._scratch_root = scratch.new_root()
        self._filters, self._seccomp_missing = confine.seccomp_filter()
        self._scope_missing = confine.signal_scope_missing()
        self._workers: list[_Zygote] = []
        self._next_chunk = 0
        self._closed = False
        self.layers: dict[str, bool] = {}
        reap.close_at_exit(self)

    # -- life cycle ------------------------------------------------------------------
    def _spawn(self) -> _Zygote:
        worker = _Zygote(self._scratch_root, self.memory_mb, self._filters, self.hash_seed)
        worker.wait_ready()
        self._note_layers(worker)
        return worker

    def _note_layers(self, worker: _Zygote) -> None:
        failed = set(worker.failed_layers)
        self.layers = {
            "seccomp": self._filters is not None and "seccomp" not in failed,
            "landlock": worker.landlock_missing is None and "landlock" not in failed,
            "rlimits": not any(f.startswith("rlimit") for f in failed),
            "no_new_privs": "no_new_privs" not in failed,
            "signal scope": self._scope_missing is None and "signal scope" not in failed,
            "unprivileged": "unprivileged" not in failed,
        }
        if self._scope_missing or "signal scope" in failed:
            _warn_once("no Landlock signal scope: only seccomp and the user keep a program's "
                       "signals in; " + (self._scope_missing or "the kernel refused it"))
        if "unprivileged" in failed:
            _warn_once("programs run as root: the sandbox could not become nobody")
        if self._seccomp_missing or "seccomp" in failed:
            _warn_once("no seccomp filter: a program could start processes or open sockets; "
                       + (self._seccomp_missing or "the kernel refused the filter"))
        if worker.landlock_missing or "landlock" in failed:
            _warn_once("no Landlock: a program could read any file this user can read; "
                       + (worker.landlock_missing or "the kernel refused the ruleset"))
        other = sorted(f for f in failed
                       if f not in ("seccomp", "landlock", "signal scope", "unprivileged"))
        if other:
            _warn_once("some sandbox limits could not be set: " + ", ".join(other))

    def _ensure_workers(self) -> None:
        if self._closed:
            raise SandboxError("this sandbox is closed")
        while len(self._workers) < self.n_workers:
            self._workers.append(self._spawn())

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        for worker in self._workers:
            worker.stop()
        self._workers.clear()
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
        """Run every job; `progress(n)` is called as n more jobs complete."""
        jobs = list(jobs)
        if not jobs:
            return []
        results: list[Outcome | None] = [None] * len(jobs)
        self._ensure_workers()
        size = self.chunk_size or max(1, min(64, len(jobs) // (self.n_workers * 4) or 1))
        pending: deque[list[int]] = deque(
            list(range(start, min(start + size, len(jobs))))
            for start in range(0, len(jobs), size))
        wires = [job.as_wire() for job in jobs]
        deaths_without_progress = 0

        def finish(index: int, outcome: Outcome) -> None:
            results[index] = outcome

        with selectors.DefaultSelector() as sel:
            while pending or any(w.chunks for w in self._workers):
                for worker in self._workers:
                    while pending and len(worker.chunks) < _IN_FLIGHT:
                        indices = pending.popleft()
                        self._next_chunk += 1
                        worker.send(self._next_chunk, [wires[i] for i in indices])
                        worker.chunks.append([self._next_chunk, indices, 0])
                dead: list[tuple[_Zygote, Outcome | None]] = []
                for worker in self._workers:
                    try:
                        worker.flush()
                    except OSError:
                        dead.append((worker, None))
                        continue
                    if worker.chunks:
                        sel.register(worker.stdout, selectors.EVENT_READ, worker)
                    if worker.outgoing:
                        sel.register(worker.stdin, selectors.EVENT_WRITE, worker)
                ready = sel.select(0.05) if sel.get_map() else []
                for key in list(sel.get_map().values()):
                    sel.unregister(key.fileobj)
                for key, mask in ready:
                    worker = key.data
                    if not mask & selectors.EVENT_READ or any(w is worker for w, _ in dead):
                        continue
                    answered, problem = self._receive(worker, finish)
                    if answered:
                        deaths_without_progress = 0
                        if progress is not None:
                            progress(answered)
                    if problem is not None:
                        dead.append((worker, problem))
                now = time.monotonic()
                for worker in self._workers:
                    if worker.chunks and not any(w is worker for w, _ in dead):
                        _, indices, answered = worker.chunks[0]
                        job = jobs[indices[answered]]
                        if now - worker.current_since > self._backstop(job):
                            dead.append((worker, Outcome(
                                oc.TIMEOUT, reason="the sandbox process stopped answering")))
                for worker, outcome in dead:
                    lost = self._bury(worker, pending, outcome)
                    if lost is not None:
                        finish(*lost)
                        if progress is not None:
                            progress(1)
                        deaths_without_progress = 0
                    else:
                        deaths_without_progress += 1
                        if deaths_without_progress > 3:
                            raise SandboxError("sandbox processes keep dying before running a job")
        return results  # type: ignore[return-value]

    @staticmethod
    def _backstop(job: Job) -> float:
        return wall_deadline(job.timeout) + BACKSTOP_MARGIN

    @staticmethod
    def _receive(worker: _Zygote, finish) -> tuple[int, Outcome | None]:
        """Read what the zygote sent: how many jobs it answered, and an Outcome for its
        current job if it misbehaved (then it is replaced)."""
        try:
            data = os.read(worker.stdout, 1 << 20)
        except BlockingIOError:
            return 0, None
        except OSError:
            data = b""
        if not data:
            return 0, Outcome(oc.LIMIT_EXCEEDED, reason="the sandbox process ended unexpectedly")
        try:
            frames = worker.reader.feed(data)
        except wire.WireError:
            return 0, Outcome(oc.LIMIT_EXCEEDED,
                              reason="the sandbox process sent a malformed reply")
        answered = 0
        for frame in frames:
            head = worker.chunks[0] if worker.chunks else None
            if head is None or len(frame) < wire.OUTCOME.size \
                    or wire.OUTCOME.unpack_from(frame) != (wire.OUTCOME_TAG, head[0], head[2]):
                return answered, Outcome(oc.LIMIT_EXCEEDED,
                                         reason="the sandbox process sent a malformed reply")
            finish(head[1][head[2]], _outcome(frame[wire.OUTCOME.size:]))
            answered += 1
            head[2] += 1
            worker.current_since = time.monotonic()
            if head[2] == len(head[1]):
                worker.chunks.popleft()
        return answered, None

    def _bury(self, worker: _Zygote, pending: deque[list[int]],
              outcome: Outcome | None) -> tuple[int, Outcome] | None:
        """Replace a failed zygote; give its current job `outcome`, requeue the rest."""
        worker.kill()
        self._workers.remove(worker)
        self._workers.append(self._spawn())
        lost = None
        requeue: list[list[int]] = []
        for position, (_, indices, answered) in enumerate(worker.chunks):
            rest = indices[answered:]
            if position == 0 and rest and outcome is not None:
                lost = (rest[0], outcome)
                rest = rest[1:]
            if rest:
                requeue.append(rest)
        pending.extendleft(reversed(requeue))
        return lost


def _outcome(text: bytes) -> Outcome:
    """The outcome a zygote passed on: a child's reply, checked here and only here."""
    try:
        return Outcome.from_wire(json.loads(text))
    except (ValueError, RecursionError):  # not JSON, or not an outcome
        return Outcome(oc.LIMIT_EXCEEDED, reason=wire.TAMPERED)


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
