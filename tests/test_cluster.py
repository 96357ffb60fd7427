"""`generate --cluster` on a Dask LocalCluster (2 worker processes, two exercises):
the same drafts byte for byte as a local run, a worker killed mid-run loses nothing and
writes nothing twice, the sandbox in a Dask worker is as confined as here, and a wrong
--cluster or a missing Dask says what to do."""

import importlib
import logging
import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from debugex.cli import main
from debugex.workflow import GenerateOptions, generate
from debugex.workflow.chunking import TASK_DRAFTS
from debugex.workflow.cluster import ClusterError, parse_cluster, require_dask

distributed = pytest.importorskip("distributed")
generation = importlib.import_module("debugex.workflow.generation")

CONTENT = Path(__file__).resolve().parents[1] / "content"
# One LocalCluster and one local run for the module: its tests run on one xdist worker.
pytestmark = pytest.mark.xdist_group("cluster")
TWO = ("leap_year", "fizz_buzz")
DRAFTS: dict[str, bytes] = {}  # the local run's drafts, for the cluster runs to match


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=logging.ERROR) as c, \
            distributed.Client(c) as client:
        yield c.scheduler_address, client


def options(out: Path, **changes) -> GenerateOptions:
    # one draft more than a task holds (chunking.TASK_DRAFTS): two tasks an exercise, so
    # that the tasks of one exercise run on both workers
    values = dict(content=CONTENT, slugs=TWO, per_exercise=TASK_DRAFTS + 1, seed=7,
                  workers=1, out=out)
    values.update(changes)
    return GenerateOptions(**values)


def drafts(summary) -> bytes:
    return (summary.batch / "drafts.jsonl").read_bytes()


def local_drafts(tmp_path: Path) -> bytes:
    if "local" not in DRAFTS:
        DRAFTS["local"] = drafts(generate(options(tmp_path / "local")))
    return DRAFTS["local"]


def test_a_cluster_run_writes_the_local_runs_drafts_byte_for_byte(tmp_path, cluster):
    address, _ = cluster
    expected = local_drafts(tmp_path)
    summary = generate(options(tmp_path / "dask", cluster=address, workers=None))
    assert drafts(summary) == expected and summary.written == expected.count(b"\n") > 4
    assert summary.engine["kind"] == "dask" and summary.engine["workers"] == 2
    assert summary.engine["tasks"] == 4  # not one per exercise
    assert summary.cache["lookups"]  # the workers' lookups came back with their results


def test_local_n_and_a_tls_scheduler_write_the_local_runs_drafts(tmp_path, monkeypatch):
    """`local:1` (TLS with the run's own credentials) and a user's tls:// scheduler reached
    with certificate files named in Dask's configuration: the same drafts as a local run."""
    pytest.importorskip("cryptography")
    import dask
    from distributed.security import Security

    expected = local_drafts(tmp_path)
    summary = generate(options(tmp_path / "local1", cluster="local:1", workers=None))
    assert drafts(summary) == expected and summary.engine["workers"] == 1
    theirs = Security.temporary()  # the user's certificates, as files
    files = {}
    for name, text in (("ca", theirs.tls_ca_file), ("cert", theirs.tls_client_cert),
                       ("key", theirs.tls_client_key)):
        files[name] = tmp_path / f"{name}.pem"
        files[name].write_text(text)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  protocol="tls://", security=theirs, dashboard_address=None,
                                  silence_logs=logging.ERROR) as c, \
            dask.config.set({"distributed.comm.tls.ca-file": str(files["ca"]),
                             "distributed.comm.tls.client.cert": str(files["cert"]),
                             "distributed.comm.tls.client.key": str(files["key"])}):
        assert c.scheduler_address.startswith("tls://")
        summary = generate(options(tmp_path / "tls", cluster=c.scheduler_address,
                                   workers=None))
    assert drafts(summary) == expected


def _suspicious(dask_scheduler) -> int:
    """Tasks that were running on a worker when it died, so far."""
    return sum(p.suspicious for p in dask_scheduler.task_prefixes.values())


def test_a_worker_killed_mid_run_loses_nothing_and_writes_nothing_twice(tmp_path, cluster,
                                                                        monkeypatch):
    address, client = cluster
    # exercises no worker has seen, and a cold cache: tasks that take a while
    fresh = dict(slugs=("even_or_odd", "age_category"), per_exercise=1)
    expected = drafts(generate(options(tmp_path / "local", **fresh)))
    monkeypatch.setenv("DEBUGEX_CACHE", str(tmp_path / "cold"))
    before = client.run_on_scheduler(_suspicious)
    killed = []

    def kill_a_busy_worker():
        pids = client.run(os.getpid)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            busy = [w for w, keys in client.processing().items() if keys]
            if busy:
                os.kill(pids[busy[0]], signal.SIGKILL)
                killed.append(busy[0])
                return
            time.sleep(0.02)

    killer = threading.Thread(target=kill_a_busy_worker)
    killer.start()
    summary = generate(options(tmp_path / "dask", cluster=address, workers=None, **fresh))
    killer.join()
    assert killed, "no task was seen running"
    assert client.run_on_scheduler(_suspicious) > before  # it died with a task in hand
    assert drafts(summary) == expected  # every draft once, in plan order
    assert not summary.problems and not summary.interrupted


def _confinement(secret: str) -> dict:
    sandbox = generation._sandbox()  # the sandbox the worker's tasks use
    reading = sandbox.run(f"print(open({secret!r}).read())\n")
    # a socket through the real import machinery: only seccomp stops it
    spawning = sandbox.run("socket = len.__self__.__import__('socket')\n"
                           "print(socket.socket(socket.AF_INET, socket.SOCK_STREAM))\n")
    return {"layers": sandbox.layers, "read": reading.stdout, "read_error": reading.exc_class,
            "socket_error": spawning.exc_class, "daemon": _is_daemon()}


def _is_daemon() -> bool:
    import multiprocessing

    return multiprocessing.current_process().daemon


def test_the_sandbox_in_a_dask_worker_is_confined_as_here(tmp_path, cluster, sandbox):
    _, client = cluster
    secret = tmp_path / "secret.txt"
    secret.write_text("the secret\n")
    seen = client.submit(_confinement, str(secret), pure=False).result(timeout=60)
    assert seen["daemon"]  # a nanny's worker: it may not fork with multiprocessing
    sandbox.run("print(1)\n")
    assert seen["layers"] == sandbox.layers  # every layer that holds here holds there
    assert "the secret" not in seen["read"] and seen["read_error"] == "PermissionError"
    assert seen["socket_error"] == "PermissionError"


@pytest.mark.parametrize("spec,parsed", [("local:2", ("local", 2)),
                                         ("tcp://10.0.0.5:8786", ("remote", "tcp://10.0.0.5:8786")),
                                         ("tls://10.0.0.5:8786", ("remote", "tls://10.0.0.5:8786"))])
def test_cluster_addresses(spec, parsed):
    assert parse_cluster(spec) == parsed


@pytest.mark.parametrize("spec", ["local", "local:0", "10.0.0.5:8786", "http://x:1"])
def test_a_wrong_cluster_is_one_line_and_exit_2(tmp_path, spec):
    result = CliRunner().invoke(main, ["generate", "--content", str(CONTENT), "--exercise",
                                       "leap_year", "--out", str(tmp_path), "--cluster", spec])
    assert result.exit_code == 2 and "--cluster" in result.output
    assert "Traceback" not in result.output and not list(tmp_path.iterdir())


def test_a_missing_dask_names_the_extra_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    with pytest.raises(ClusterError, match=r"pip install -e '\.\[cluster\]'"):
        require_dask()
