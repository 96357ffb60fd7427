"""The zygote: a lean warm process that forks one confined child per run.

Started by the pool as `python -S -s -P -B` with a minimal environment; it imports the
standard-library modules programs may use, builds the runner once, then serves frames
from its parent on stdin:

    {"config": {...}}                   once, first: scratch folder, seccomp filter, limits
    {"chunk": ID, "jobs": [JOB, ...]}   JOB = [source, stdin, timeout, seed, output_limit,
                                                trace_lines, calls]
    {"stop": true}

and answers on stdout with `{"ready": PID, "failed": [...]}` once, then one outcome frame
per job, in order (`wire.pack_outcome`: chunk, index, the outcome's JSON text). Each run is
a child of its own: forked, confined (`lockdown.py`), run (`runner.py`), its reply read
from a pipe with a size cap and a wall-clock deadline, its whole process group killed, its
scratch files removed. Nothing of a run survives it. The zygote compiles each distinct
program once, in its own process and guarded (`runner.compile_program`), so children only
`exec`. A child's reply is passed on as the text it is, checked only for its framing: the
pool, which believes nothing, parses and checks it once (so a forged reply is that run's
outcome alone, and the zygote never parses what a program could have written).
"""

from __future__ import annotations

import gc
import math
import os
import signal
import sys
import time

from . import wire
from .lockdown import Lockdown
from .modules import skip_fork_reseed
from .runner import EXCEPTION, LIMIT_EXCEEDED, TIMEOUT, Executor, compile_program

SYNTAX_ERROR = "syntax_error"
_CODE_CACHE_SIZE = 256
_JOB_FRAME_CAP = 256 * 1024 * 1024
_CALL_FILENAME = "<call>"
_monotonic = time.monotonic  # the program's `time` is frozen; ours must not be
_NO_REPLY_PIPE = 121  # a child's exit status when its reply pipe was closed under it
# The pool's backstop: seconds past a run's deadline before it takes the zygote for dead.
BACKSTOP_MARGIN = 10.0
_BATCH_WAIT = 0.01  # seconds an outcome may wait for others to go out with it
_ALARM_EVERY = 0.25  # seconds between the zygote's checks of a child's wall-clock deadline


# What the zygote runs to warm itself up: the paths most programs take (input, print,
# a loop, a function, an import, an exception that is caught, one that is not).
_WARM_UP = """
import random
def double(values):
    return [v * 2 for v in values]
count = int(input("How many? "))
total = 0
for i in range(count):
    total += random.randint(1, 6)
print(double(range(count)), total, f"{total / count:.2f}")
try:
    int(input())
except ValueError as error:
    print("not a number:", error)
print(undefined_name)
"""


def wall_deadline(timeout: float) -> float:
    """Seconds a child may take on the wall clock. CPU time is the real limit (rlimit and
    timer); this only ends a program that waits without using the CPU, and is generous so
    that a loaded machine never turns an honest run into a time-out."""
    return 3 * timeout + 2.0


def reply_cap(output_limit: int) -> int:
    # JSON escapes a character in at most 12 bytes (a surrogate pair as two \\uXXXX).
    return 12 * output_limit + (1 << 20)


def _address_space() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _failure(kind: str, reason: str, exc_class: str | None = None, message: str = "") -> bytes:
    return wire.encode([kind, "", exc_class, None, message, reason, None, 0, [], None])


class Zygote:
    def __init__(self, config: dict) -> None:
        self.scratch = os.path.realpath(config["scratch"])
        self.memory = int(config["memory_mb"]) * 1024 * 1024
        bpf, zygote_bpf = (bytes.fromhex(config[key]) if config.get(key) else None
                           for key in ("bpf", "bpf_zygote"))
        self.lockdown = Lockdown(bpf, config.get("landlock_fd"), zygote_bpf)
        self.executor = Executor(self.scratch)  # imports the allowed modules
        self.codes: dict[str, object] = {}  # programs, by source text
        self.calls: dict[str, object] = {}  # a function scenario's call expressions
        self.expected_failures: set[str] = set()
        self.landlocked = False
        # The child being waited for, and its wall-clock deadline (see `_collect`).
        self._current = 0
        self._deadline = 0.0
        self._overdue = False
        signal.signal(signal.SIGALRM, self._on_alarm)
        signal.setitimer(signal.ITIMER_REAL, _ALARM_EVERY, _ALARM_EVERY)

    # -- compiling -------------------------------------------------------------------
    def _compiled(self, source: str, mode: str = "exec", filename: str = "program.py"):
        codes = self.codes if mode == "exec" else self.calls
        code = codes.get(source)
        if code is None:
            if len(codes) >= _CODE_CACHE_SIZE:
                codes.pop(next(iter(codes)))
            code = codes[source] = compile_program(source, filename, mode)
        return code

    # -- one run -----------------------------------------------------------------------
    def run(self, job: list, chunk: int, index: int) -> bytes:
        """The outcome frame of one job (`wire.pack_outcome`), ready for the pool."""
        source, stdin, timeout, seed, output_limit, trace_lines, calls = job
        code = self._compiled(source)
        if type(code) is list:
            exc_class, line, message = code
            return wire.pack_outcome(wire.outcome_tag(chunk, index), wire.encode(
                [SYNTAX_ERROR, "", exc_class, line, message, None, None, 0, [], None]))
        compiled_calls = []
        for text in calls:
            call = self._compiled(text, "eval", _CALL_FILENAME)
            if type(call) is list:
                return wire.pack_outcome(wire.outcome_tag(chunk, index), _failure(
                    EXCEPTION, None, "SyntaxError",
                    f"the scenario's call {text!r} is not an expression"))
            compiled_calls.append((text, call))
        # Jobs are well-typed (`Job.as_wire`); each object made here costs a page fault.
        return self._fork_and_run(code, stdin, timeout, seed, output_limit, trace_lines,
                                  compiled_calls, wire.OUTCOME.pack(wire.OUTCOME_TAG, chunk, index))  # = outcome_tag

    def _fork_and_run(self, code, stdin, timeout, seed, output_limit, trace_lines, calls,
                      tag: bytes) -> bytes:
        if seed != self.executor.snapshots.seeded:  # no call per run on the hot path
            self.executor.snapshots.seed_for(seed)
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: confine, run, reply, vanish
            try:
                # The read end is closed with every other descriptor but the reply pipe.
                failed = self.lockdown.apply(write_end, math.ceil(timeout) + 1)
                if failed and set(failed) - self.expected_failures:
                    body = _failure(LIMIT_EXCEEDED, "the sandbox could not confine the run: "
                                    + ", ".join(sorted(failed)))
                else:
                    body = wire.encode(self.executor.run(
                        code, stdin, timeout, seed, output_limit, trace_lines, calls))
            except BaseException:  # noqa: BLE001 - the child must never return into the loop
                body = _failure(LIMIT_EXCEEDED, "the sandbox child failed")
            try:
                # The pool's whole frame: the zygote checks it and passes it on as it is.
                wire.write_all(write_end, wire.pack_outcome(tag, body))
            except OSError:  # the program closed its reply pipe
                os._exit(_NO_REPLY_PIPE)
            finally:
                os._exit(0)
        os.close(write_end)
        try:
            data, ending = self._collect(read_end, pid, wall_deadline(timeout),
                                         reply_cap(output_limit))
        finally:
            os.close(read_end)
        whole = ending == "whole" and data[wire.HEADER.size:wire.HEADER.size + len(tag)] == tag
        # A pipe closed by a child that still runs: the program closed it (the slow path
        # only; a run that replied costs nothing more).
        cut_off = ending == "eof" and os.waitid(
            os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None
        # Its reply is in, or it is past its time: end it and anything in its group.
        try:
            os.kill(-pid, signal.SIGKILL)
        except OSError:  # it left its group (possible only where seccomp is missing)
            _kill_group(pid)
        if whole:
            os.waitpid(pid, 0)
            reply = data
        else:
            _, status, usage = os.wait4(pid, 0)
            reply = wire.pack_outcome(tag, _verdict(
                data, ending, status, usage.ru_utime + usage.ru_stime, timeout, cut_off))
        if os.listdir(self.scratch):
            self._clean_scratch()
        return reply

    def _collect(self, fd: int, pid: int, limit: float, cap: int) -> tuple[bytes, str]:
        """What the child `pid` wrote, and how the reading ended: "whole" (one whole
        frame), "eof" (the pipe closed first), "deadline" or "cap".

        The reads block: the zygote's alarm (`_on_alarm`, a few times a second) ends a
        child that is past its wall-clock deadline, which closes the pipe. (A deadline
        kept here would cost every run a select and two clock readings.)"""
        self._deadline = _monotonic() + limit
        self._current = pid
        self._overdue = False
        try:
            data = os.read(fd, 1 << 16)
            while data:
                if len(data) > cap:
                    return b"", "cap"
                if len(data) >= wire.HEADER.size \
                        and wire.HEADER.unpack_from(data)[0] + wire.HEADER.size == len(data):
                    return data, "whole"
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    break
                data += chunk
        finally:
            self._current = 0  # before it is reaped: never signal a pid that was reused
        return data, "deadline" if self._overdue else "eof"

    def _on_alarm(self, signum, frame) -> None:
        pid = self._current
        if pid and _monotonic() > self._deadline:
            self._overdue = True
            _kill_group(pid)

    def _clean_scratch(self) -> None:
        with os.scandir(self.scratch) as entries:
            for entry in entries:
                try:
                    if entry.is_dir(follow_symlinks=False):
                        _remove_tree(entry.path)
                    else:
                        os.unlink(entry.path)
                except OSError:
                    pass

    # -- start-up ----------------------------------------------------------------------
    def warm_up(self, rounds: int = 12) -> None:
        """Run a program of our own a few times in the zygote itself, before it forks: the
        interpreter specialises the harness's code as it runs it, and a child that did it
        would have to copy every page of code it specialised."""
        code = self._compiled(_WARM_UP)
        saved = sys.stdout, sys.stderr, sys.stdin
        try:
            for _ in range(rounds):
                wire.pack_outcome(wire.outcome_tag(0, 0), wire.encode(self.executor.run(
                    code, ("4", "x"), 1.0, 0, 100_000, False, ())))
        finally:
            sys.stdout, sys.stderr, sys.stdin = saved
            self.executor.snapshots.seed_for(None)  # the warm-up drew from the generator

    def probe(self) -> list[str]:
        """Fork one child that confines itself and tries what confinement must stop."""
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(read_end)
                failed = self.lockdown.apply(write_end, 5)
                failed += _escapes(self.lockdown, self.landlocked)
                data = wire.pack(failed)
            except BaseException as exc:  # noqa: BLE001
                data = wire.pack([f"probe: {type(exc).__name__}: {exc}"])
            try:
                wire.write_all(write_end, data)
            finally:
                os._exit(0)
        os.close(write_end)
        body, _ = self._collect(read_end, pid, 20.0, 1 << 16)
        os.close(read_end)
        _kill_group(pid)
        os.waitpid(pid, 0)
        self._clean_scratch()
        try:
            failed = wire.unpack_body(body[wire.HEADER.size:])
        except wire.WireError:
            failed = ["probe: no answer"]
        return [str(item) for item in failed] if isinstance(failed, list) else ["probe"]


def _escapes(lockdown: Lockdown, landlocked: bool) -> list[str]:
    """Layers that did not hold in the probe: each test is something they must stop."""
    found = []
    if landlocked:
        try:
            os.close(os.open("/proc/self/status", os.O_RDONLY))
            found.append("landlock")
        except OSError:
            pass
    if lockdown.child_filter is not None:
        try:
            os.kill(os.getppid(), 0)
            found.append("seccomp")
        except OSError:
            pass
    return found


def _remove_tree(path: str) -> None:
    """Remove a folder a program made, whatever modes it gave it (the zygote has no
    capabilities, so it must make a folder its own again before it can empty it)."""
    os.chmod(path, 0o700)
    with os.scandir(path) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                _remove_tree(entry.path)
            else:
                os.unlink(entry.path)
    os.rmdir(path)


def _kill_group(pid: int) -> None:
    for target in (-pid, pid):
        try:
            os.kill(target, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def _verdict(body: bytes, ending: str, status: int, cpu: float, timeout: float,
             cut_off: bool = False) -> bytes:
    """The JSON text of the run's outcome when the child did not send one whole frame of
    its own: from how it ended. (A whole frame is passed on as it is; the pool checks what
    it says, and believes it only as the verdict on that one run.) `cut_off`: the zygote
    ended a child that had closed its reply pipe and still ran."""
    if ending == "cap":
        return _failure(LIMIT_EXCEEDED, "the run's reply was over the size limit")
    if ending == "deadline":
        return _failure(TIMEOUT, "wall-clock limit (the program waited without using the CPU)")
    if body:  # anything but the whole frame with this job's tag, written last
        return _failure(LIMIT_EXCEEDED, wire.TAMPERED)
    closed = "the program closed the sandbox's reply pipe"
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig in (signal.SIGXCPU, signal.SIGKILL) and cpu >= timeout:
            return _failure(TIMEOUT, "time limit")
        if sig == signal.SIGKILL and cut_off:  # the zygote's own kill
            return _failure(LIMIT_EXCEEDED, closed)
        return _failure(LIMIT_EXCEEDED, f"the program crashed the sandbox process (signal {sig})")
    if os.WEXITSTATUS(status) == _NO_REPLY_PIPE:
        return _failure(LIMIT_EXCEEDED, closed)
    return _failure(LIMIT_EXCEEDED, "the program ended the sandbox process "
                    f"(exit status {os.waitstatus_to_exitcode(status)})")


def main() -> int:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # an oversized write fails, not kills
    time.tzset()
    stdin, stdout = _private_streams()
    first = wire.read_frame(stdin, _JOB_FRAME_CAP)
    if not isinstance(first, dict) or "config" not in first:
        return 2
    zygote = Zygote(first["config"])
    zygote.warm_up()
    skip_fork_reseed()
    gc.collect()
    gc.freeze()  # keep the preloaded heap shared with every child, untouched by their GC
    failed = zygote.lockdown.confine_zygote(_address_space() + zygote.memory,
                                            first["config"].get("readable", []), zygote.scratch)
    zygote.landlocked = zygote.lockdown.landlock_fd is not None and "landlock" not in failed
    zygote.expected_failures = set(failed) | set(zygote.probe())
    wire.write_all(stdout, wire.pack({"ready": os.getpid(),
                                      "failed": sorted(zygote.expected_failures)}))
    while True:
        message = wire.read_frame(stdin, _JOB_FRAME_CAP)
        if not isinstance(message, dict) or message.get("stop"):
            return 0
        chunk, jobs = message["chunk"], message["jobs"]
        # Outcomes go out in small batches: the pool then wakes once for several runs.
        # A batch waits at most `_BATCH_WAIT` beyond the run that ends it, and never for
        # a run that may take as long as the pool waits for an answer (`BACKSTOP_MARGIN`
        # beyond a run's own deadline), so no answer held here looks like a silent zygote.
        batch: list[bytes] = []
        since = 0.0
        for index, job in enumerate(jobs):
            if batch and wall_deadline(job[2]) + _ALARM_EVERY >= BACKSTOP_MARGIN - 1:
                wire.write_all(stdout, b"".join(batch))
                batch.clear()
            if not batch:
                since = _monotonic()
            batch.append(zygote.run(job, chunk, index))
            if index + 1 < len(jobs) and _monotonic() - since < _BATCH_WAIT:
                continue
            wire.write_all(stdout, b"".join(batch))
            batch.clear()


def _private_streams() -> tuple[int, int]:
    """Move the pipes from the pool and the log off descriptors 0-2 and put /dev/null
    there: a child then inherits nothing on them, and closes the rest in one call."""
    stdin, stdout, log = os.dup(0), os.dup(1), os.dup(2)
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)
    sys.stdout = sys.__stdout__ = open(os.devnull, "w")  # noqa: SIM115 - for the process' life
    sys.stderr = sys.__stderr__ = open(log, "w", buffering=1)  # noqa: SIM115
    return stdin, stdout


if __name__ == "__main__":
    sys.exit(main())
