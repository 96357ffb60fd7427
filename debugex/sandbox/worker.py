"""A long-lived sandbox worker process: `python -m debugex.sandbox.worker FD PROGRESS`.

It talks to the pool over the socket FD: it receives chunks of jobs and sends back one
list of outcomes per chunk. Before each job it writes (chunk id, job index, start time)
into the PROGRESS file, mapped in memory, so that the pool can kill it when a job
outlives its deadline. It runs in its own session (process group) with limits on memory,
file size and open files.
"""

from __future__ import annotations

import mmap
import os
import resource
import signal
import struct
import sys
import time

PROGRESS = struct.Struct("<qqd")  # chunk id, job index, start (CLOCK_MONOTONIC)


def _limit(kind: int, value: int) -> None:
    soft, hard = resource.getrlimit(kind)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    try:
        resource.setrlimit(kind, (value, hard))
    except (ValueError, OSError):
        pass


def _current_address_space() -> int:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[0])
    return pages * os.sysconf("SC_PAGE_SIZE")


def main(argv: list[str]) -> int:
    from multiprocessing.connection import Connection

    fd, progress_path, memory_mb = int(argv[1]), argv[2], int(argv[3])
    conn = Connection(fd)
    if sys.flags.hash_randomization:
        conn.send(("error", "PYTHONHASHSEED must be 0 in sandbox workers"))
        return 2
    time.tzset()
    # The program must not find the worker's own modules on sys.path.
    sys.path[:] = [p for p in sys.path if p not in ("", os.getcwd())]
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # an oversized write fails, not kills

    from .executor import Executor  # imports the modules programs may use, then limits

    executor = Executor(os.getcwd())
    _limit(resource.RLIMIT_AS, _current_address_space() + memory_mb * 1024 * 1024)
    _limit(resource.RLIMIT_FSIZE, 16 * 1024 * 1024)
    _limit(resource.RLIMIT_CORE, 0)
    _limit(resource.RLIMIT_NOFILE, 256)

    with open(progress_path, "r+b") as handle:
        progress = mmap.mmap(handle.fileno(), PROGRESS.size)
    conn.send(("ready", os.getpid()))
    run = executor.run
    worker_pid = os.getpid()
    monotonic = time.monotonic
    pack_into = PROGRESS.pack_into
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return 0
        if message[0] == "stop":
            return 0
        _, chunk_id, jobs = message
        results = []
        for index, job in enumerate(jobs):
            pack_into(progress, 0, chunk_id, index, monotonic())
            results.append(run(*job))
            if os.getpid() != worker_pid:
                os._exit(0)  # a forked copy of the worker must never answer
        conn.send(("done", chunk_id, results))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
