"""Generate's local workers under a hard kill: a worker killed with SIGKILL (as the OOM
killer does) is noticed, its job is given once more to a fresh worker, and a job that
kills its worker every time is reported as failed while the rest of the run ends."""

import os

import pytest
from dying_jobs import killed_always, killed_once, waits_its_turn

from debugex.workflow import workers


def failed(job, reason):
    return job[0], reason


def test_a_killed_worker_is_noticed_and_its_job_runs_again(tmp_path):
    jobs = [("a", None), ("b", str(tmp_path / "b-died")), ("c", None)]
    results = list(workers.local_results(jobs, 2, killed_once, failed))
    names = sorted(r[0][0] for r in results)
    assert names == ["a", "b", "c"]  # each once: nothing lost, nothing twice
    assert (tmp_path / "b-died").exists()  # it did die once
    assert all(isinstance(r[0][1], int) for r in results)  # every result is a real one


def test_a_job_that_kills_every_worker_is_reported_once_and_the_run_ends(tmp_path):
    jobs = [("a", None), ("b", "die"), ("c", None)]
    results = dict(r for r, _ in workers.local_results(jobs, 2, killed_always, failed))
    assert set(results) == {"a", "b", "c"}
    assert results["b"] == "worker killed by SIGKILL (out of memory?), twice"


def test_closing_the_results_stops_every_worker():
    jobs = [("a", None), ("b", None), ("c", None)]
    results = workers.local_results(jobs, 2, killed_once, failed)
    (name, pid), _ = next(results)
    results.close()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_a_job_held_back_starts_only_once_the_job_it_waits_for_has_ended(tmp_path):
    names = ["first", "free", "second", "third"]
    jobs = [(name, str(tmp_path)) for name in names]
    after = [None, None, 0, 0]  # an exercise's later tasks wait for its first
    seen = dict(r for r, _ in workers.local_results(jobs, 2, waits_its_turn, failed, after))
    assert set(seen) == set(names)
    assert "first" in seen["second"] and "first" in seen["third"]


@pytest.mark.parametrize("code,words", [(-9, "killed by SIGKILL (out of memory?)"),
                                        (-11, "killed by SIGSEGV"), (3, "exited with code 3")])
def test_how_a_worker_ended_is_said_in_words(code, words):
    assert workers.death(code) == words
