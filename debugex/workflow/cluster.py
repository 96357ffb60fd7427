"""Generate on a Dask cluster (`debugex generate --cluster local:N|tcp://HOST:PORT`).

The client plans and writes the batch, exactly as a local run does; the unit of work
sent to the cluster is the local pool's: one task of a few planned drafts of an exercise
(`chunking.py`), run by the same function and released under the same rule (an exercise's
later tasks once its first has ended), so the same arguments and seed give the same
drafts. Each Dask worker process starts its own confined sandbox on its first task (the
sandbox's zygotes are plain subprocesses, which a Dask worker, itself a daemon process
under its nanny, may start) and runs one task at a time.

A worker lost mid-run (killed, out of memory, its node gone) is noticed by the
scheduler, which gives its tasks to other workers (Dask's `allowed-failures`: a task
whose workers died more than that many times fails, and its exercise is reported as
failed). The client receives each task's result once, so nothing is written twice.

Who may use the cluster: a `local:N` cluster listens on 127.0.0.1, where any user of the
machine can connect, and whoever reaches a Dask scheduler runs code on its workers. So it
speaks TLS with credentials made for the run (`Security.temporary()`, in memory only):
every connection to the scheduler, the nannies and the workers must show a certificate of
that run, which no other process has. A `tls://` scheduler is reached with the user's
certificates from Dask's configuration (`distributed.comm.tls.*`, e.g. the environment
variables DASK_DISTRIBUTED__COMM__TLS__CA_FILE, ..._CLIENT__CERT and ..._CLIENT__KEY); a
`tcp://` one has no authentication at all, which `insecure_warning` says.

The proof cache is shared through a path: every task sets $DEBUGEX_CACHE to the
client's setting when the client has one (name a folder that every node mounts to share
proofs between nodes); without one, each worker uses its own node's default cache. The
lookup counts of every task are shipped back with its result.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ..engine import take_stats

INSTALL_HINT = "pip install -e '.[cluster]'"
_ONE_AT_A_TIME = threading.Lock()  # a worker with several threads still runs one task


class ClusterError(RuntimeError):
    """The cluster cannot be used (Dask missing, a bad address, no scheduler there)."""


def parse_cluster(spec: str) -> tuple[str, int | str]:
    """('local', N) for `local:N`, ('remote', address) for `tcp://HOST:PORT` (also
    tls:// and other Dask schemes). ValueError with the reason otherwise."""
    match = re.fullmatch(r"local:(\d+)", spec.strip())
    if match:
        count = int(match[1])
        if not 1 <= count <= 512:
            raise ValueError(f"--cluster {spec}: local needs 1 to 512 workers")
        return "local", count
    if re.fullmatch(r"(tcp|tls|ucx|inproc|ws|wss)://[^\s/]+(:\d+)?/?", spec.strip()):
        return "remote", spec.strip()
    raise ValueError(f"--cluster {spec!r}: expected local:N (N worker processes on this "
                     "machine) or tcp://HOST:PORT (the address of a Dask scheduler)")


def insecure_warning(spec: str) -> str | None:
    """What to tell the user about a scheduler anyone could use, or None."""
    if not spec.strip().startswith("tcp://"):
        return None
    return (f"warning: --cluster {spec.strip()}: a tcp:// scheduler has no authentication and "
            "no encryption: anyone who can reach it can run code on its workers as their "
            "user and read the exercises sent; use tls:// with certificates (Dask's "
            "distributed.comm.tls settings, e.g. DASK_DISTRIBUTED__COMM__TLS__CA_FILE, "
            "..._CLIENT__CERT, ..._CLIENT__KEY) on a network you do not trust")


def local_security():
    """TLS credentials for one local cluster's run (ClusterError without `cryptography`)."""
    from distributed.security import Security

    try:
        return Security.temporary()
    except ImportError:
        raise ClusterError("--cluster local:N secures its scheduler with TLS, which needs the "
                           f"cryptography package: {INSTALL_HINT}") from None


def require_dask():
    """dask.distributed, or ClusterError with the command that installs it."""
    try:
        import distributed
    except ImportError:
        raise ClusterError("--cluster needs Dask's distributed package, which is not "
                           f"installed: {INSTALL_HINT}") from None
    return distributed


def _tls_configured(distributed) -> bool:
    """Whether Dask's configuration names the CA a tls:// scheduler is checked against.
    Asked before connecting: without it the client fails inside Dask, with a message that
    depends on what else this process has connected to."""
    return bool(distributed.security.Security().tls_ca_file)


def run_task(job: tuple, run: Callable, cache: str | None, key_file: str | None = None
             ) -> tuple:
    """One task on a Dask worker: (run(job), the lookup counts it made). `key_file`
    names the file of the key that seals the shared cache (its path travels, never the
    key): without it each node seals with its own user's key."""
    with _ONE_AT_A_TIME:
        if cache is not None:
            os.environ["DEBUGEX_CACHE"] = cache
        if key_file is not None:
            os.environ["DEBUGEX_CACHE_KEY"] = key_file
        take_stats()  # counts of anything before this task are not its own
        return run(job), take_stats()


def _connect(spec: str, workers_hint: dict, run: Callable):
    distributed = require_dask()
    kind, where = parse_cluster(spec)
    started = time.monotonic()
    cluster = None
    try:
        if kind == "local":
            # TLS on 127.0.0.1: only this run holds a certificate the cluster accepts; and
            # no routes on the HTTP servers Dask starts anyway (plain HTTP, no login: the
            # workers' logs and call stacks would be anyone's to read); and no sampling
            # profiler in the workers (every 10 ms it walks the stacks of the thread
            # that runs a task, for a page nobody can open here)
            import dask

            with dask.config.set({"distributed.scheduler.http.routes": [],
                                  "distributed.worker.http.routes": [],
                                  "distributed.worker.profile.enabled": False}):
                cluster = distributed.LocalCluster(
                    n_workers=where, threads_per_worker=1, processes=True, host="127.0.0.1",
                    protocol="tls://", security=local_security(), dashboard_address=None,
                    silence_logs=logging.ERROR)
            client = distributed.Client(cluster)  # with the cluster's credentials
        else:
            if where.startswith("tls://") and not _tls_configured(distributed):
                raise ValueError("no CA file is configured")
            client = distributed.Client(where, timeout="10s")  # tls://: Dask's config
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"--cluster {spec}: cannot reach the scheduler ({exc})") from None
    except (TypeError, ValueError) as exc:  # tls:// without certificates configured
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"--cluster {spec}: cannot connect with TLS ({exc}); give the "
                           "certificates in Dask's configuration, e.g. "
                           "DASK_DISTRIBUTED__COMM__TLS__CA_FILE, "
                           "DASK_DISTRIBUTED__COMM__TLS__CLIENT__CERT and "
                           "DASK_DISTRIBUTED__COMM__TLS__CLIENT__KEY") from None
    # Every worker imports the code it runs now, as a local run has before it starts, so
    # that start-up is counted as such and not in the first task of each worker.
    with contextlib.suppress(Exception):  # a worker that cannot says so on its first task
        client.run(importlib.import_module, run.__module__)
    workers_hint["workers"] = len(client.scheduler_info().get("workers", {}))
    workers_hint["startup_s"] = round(time.monotonic() - started, 3)
    return client, cluster


def cluster_results(jobs: Sequence[tuple], spec: str, run: Callable,
                    failed: Callable[[tuple, str], tuple],
                    engine: dict | None = None,
                    after: Sequence[int | None] | None = None) -> ClusterRun:
    """(result of run(job), lookup counts) for every job, as tasks complete. A task that
    fails (its workers died too often) yields (failed(job, reason), {}). `after[i]`: the
    job that must have ended before job i is submitted. `engine` receives the number of
    workers and the start-up time. The cluster is reached at once (ClusterError when it
    cannot be); closing the results cancels what is left and closes the client (and the
    local cluster it started)."""
    engine = {} if engine is None else engine
    client, cluster = _connect(spec, engine, run)
    return ClusterRun(client, cluster, jobs, run, failed, after, engine)


class ClusterRun:
    """The results of one run on a cluster: an iterator with close()."""

    def __init__(self, client, cluster, jobs: Sequence[tuple], run: Callable,
                 failed: Callable[[tuple, str], tuple],
                 after: Sequence[int | None] | None = None, engine: dict | None = None
                 ) -> None:
        self.client, self.cluster, self.futures = client, cluster, {}
        self.engine = {} if engine is None else engine  # receives shutdown_s
        after = list(after) if after is not None else [None] * len(jobs)
        self._stream = self._results(jobs, run, failed, after)

    def __iter__(self) -> Iterator[tuple]:
        return self

    def __next__(self) -> tuple:
        return next(self._stream)

    def close(self) -> None:
        started = time.monotonic()
        self._stream.close()
        if self.client is not None:
            self.client.cancel(list(self.futures))
            self.client.close()
            self.client = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None
        self.engine.setdefault("shutdown_s", round(time.monotonic() - started, 3))

    def _results(self, jobs: Sequence[tuple], run: Callable,
                 failed: Callable[[tuple, str], tuple],
                 after: list[int | None]) -> Iterator[tuple]:
        distributed = require_dask()
        cache = os.environ.get("DEBUGEX_CACHE")
        key_file = os.environ.get("DEBUGEX_CACHE_KEY")
        index_of: dict = {}
        waiting: dict[int, list[int]] = {}  # a task -> the tasks that wait for it
        for index, first in enumerate(after):
            if first is not None:
                waiting.setdefault(first, []).append(index)

        def submit(indices: list[int]) -> list:
            submitted = []
            for index in indices:
                job = jobs[index]
                # pure=False: a rerun of the same job is new work, never a stale result
                future = self.client.submit(
                    run_task, job, run, cache, key_file, pure=False,
                    key=f"debugex-{Path(job[0]).name}-{os.urandom(4).hex()}")
                self.futures[future] = job
                index_of[future] = index
                submitted.append(future)
            return submitted

        completed = distributed.as_completed(
            submit([i for i, first in enumerate(after) if first is None]))
        for future in completed:
            job, index = self.futures[future], index_of[future]
            # what waited for this task goes out before its result is handed on
            for released in submit(waiting.pop(index, [])):
                completed.add(released)
            try:
                result, stats = future.result()
            except distributed.KilledWorker as exc:
                yield failed(job, f"worker lost, the scheduler gave up ({exc})"), {}
            except Exception as exc:  # noqa: BLE001 - one task, the rest goes on
                message = str(exc).strip().splitlines()
                reason = type(exc).__name__ + (f": {message[0]}" if message else "")
                yield failed(job, f"worker failed ({reason})"), {}
            else:
                yield result, stats
