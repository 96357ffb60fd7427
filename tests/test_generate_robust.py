"""`generate` under trouble: a broken exercise, SIGTERM, an unwritable --out, --quiet."""

import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from debugex.cli import main
from debugex.workflow import generation as generate_module
from debugex.workflow import workers as workers_module
from debugex.workflow.batch import load_batch
from debugex.workflow.generation import generate
from debugex.workflow.planning import GenerateOptions

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
FEW = ("leap_year", "even_or_odd", "fizz_buzz")
# enough work to be stopped half-way (cold, two workers), without planning the whole library
LONG = FEW + ("grade_calculator", "bank_account", "caesar_shift", "top_scores", "palindrome_check")
BROKEN_SLUG = "even_or_odd"


def options(out: Path, **changes) -> GenerateOptions:
    values = dict(content=CONTENT, slugs=FEW, per_exercise=2, seed=3, workers=1, out=out)
    values.update(changes)
    return GenerateOptions(**values)


@pytest.fixture
def one_exercise_breaks(monkeypatch):
    """inject() raises an unplanned exception for one exercise, as a bug would."""
    real = generate_module.inject

    def inject(exercise, *args, **kwargs):
        if exercise.slug == BROKEN_SLUG:
            raise IndexError("list index out of range\nsecond line never shown")
        return real(exercise, *args, **kwargs)

    monkeypatch.setattr(generate_module, "inject", inject)


@pytest.mark.parametrize("workers", [1, 2], ids=["in-process", "worker-pool"])
def test_an_exercise_that_raises_is_reported_and_the_rest_goes_on(tmp_path, monkeypatch,
                                                                   one_exercise_breaks,
                                                                   workers):
    if workers > 1:
        # Workers forked from this process inherit the broken inject(); the real pool
        # path (imap_unordered) is otherwise unchanged.
        fork = multiprocessing.get_context("fork")
        monkeypatch.setattr(workers_module.multiprocessing, "get_context", lambda _: fork)
    summary = generate(options(tmp_path, workers=workers))
    assert not summary.interrupted
    assert summary.problems == {BROKEN_SLUG: "internal error: IndexError: list index out "
                                             "of range"}
    written = {d["exercise"] for d in load_batch(summary.batch).drafts}
    assert written == set(FEW) - {BROKEN_SLUG}
    assert summary.failures["internal error: IndexError: list index out of range"] == 2
    meta = json.loads((summary.batch / "batch.json").read_text())
    assert meta["complete"] is True and meta["written"] == summary.written


def test_the_command_names_the_broken_exercise_on_one_line(tmp_path, one_exercise_breaks):
    result = CliRunner().invoke(main, ["generate", "--content", str(CONTENT), "--workers",
                                       "1", "--out", str(tmp_path), "--per-exercise", "1",
                                       *[a for s in FEW for a in ("--exercise", s)]])
    assert result.exit_code == 0, result.output
    assert (f"exercise {BROKEN_SLUG} skipped: internal error: IndexError: list index out "
            "of range\n") in result.output
    assert "Traceback" not in result.output and "second line" not in result.output


_REAL_RUN_EXERCISE = generate_module.run_exercise


def result_that_cannot_be_sent_back(job):
    if Path(job[0]).name == BROKEN_SLUG:
        return (BROKEN_SLUG, [], [(0, lambda: None)])  # a lambda does not pickle
    return _REAL_RUN_EXERCISE(job)


def test_a_result_the_worker_cannot_send_back_does_not_abort_the_batch(tmp_path,
                                                                       monkeypatch):
    fork = multiprocessing.get_context("fork")
    monkeypatch.setattr(workers_module.multiprocessing, "get_context", lambda _: fork)
    monkeypatch.setattr(generate_module, "run_exercise", result_that_cannot_be_sent_back)
    summary = generate(options(tmp_path, workers=2))
    assert set(summary.problems) == {BROKEN_SLUG}
    assert summary.problems[BROKEN_SLUG].startswith("internal error: worker failed")
    assert {d["exercise"] for d in load_batch(summary.batch).drafts} == \
        set(FEW) - {BROKEN_SLUG}


def killed_by_sigkill(job):
    """The worker holding the broken exercise dies as the OOM killer ends a process; the
    first time only when a marker says so."""
    marker = os.environ.get("I26_KILL_ONCE")
    if Path(job[0]).name == BROKEN_SLUG and not (marker and Path(marker).exists()):
        if marker:
            Path(marker).touch()
        os.kill(os.getpid(), signal.SIGKILL)
    return _REAL_RUN_EXERCISE(job)


@pytest.mark.parametrize("once", [True, False], ids=["killed-once", "killed-every-time"])
def test_a_worker_killed_with_sigkill_is_noticed_retried_once_then_failed(tmp_path,
                                                                         monkeypatch, once):
    reference = load_batch(generate(options(tmp_path / "reference")).batch).drafts
    fork = multiprocessing.get_context("fork")
    monkeypatch.setattr(workers_module.multiprocessing, "get_context", lambda _: fork)
    monkeypatch.setattr(generate_module, "run_exercise", killed_by_sigkill)
    if once:
        monkeypatch.setenv("I26_KILL_ONCE", str(tmp_path / "killed"))
    summary = generate(options(tmp_path / "run", workers=2))  # ends: the test would hang
    written = load_batch(summary.batch).drafts
    if once:
        assert (tmp_path / "killed").exists() and not summary.problems
        assert {d["exercise"] for d in written} == set(FEW)
    else:
        assert summary.problems == {BROKEN_SLUG: "internal error: worker killed by SIGKILL "
                                                 "(out of memory?), twice"}
        assert summary.failures[summary.problems[BROKEN_SLUG]] == 2  # its two units
        assert {d["exercise"] for d in written} == set(FEW) - {BROKEN_SLUG}
    expected = [d["id"] for d in reference if once or d["exercise"] != BROKEN_SLUG]
    assert [d["id"] for d in written] == expected  # nothing lost, nothing twice


def test_programs_saved_as_editors_do_generate(tmp_path):
    """No final newline, CRLF and a BOM: the shape of most teachers' files."""
    content = tmp_path / "content"
    for slug in FEW:
        shutil.copytree(CONTENT / slug, content / slug)
        program = content / slug / "correct.py"
        text = program.read_text(encoding="utf-8").rstrip("\n").replace("\n", "\r\n")
        program.write_bytes(("\ufeff" + text).encode("utf-8"))
    summary = generate(options(tmp_path / "out", content=content, workers=2))
    assert summary.problems == {}
    assert {d["exercise"] for d in load_batch(summary.batch).drafts} == set(FEW)


def _start_long_generate(tmp_path: Path) -> tuple[subprocess.Popen, Path]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), DEBUGEX_CACHE="off")
    process = subprocess.Popen(
        [sys.executable, "-m", "debugex.cli", "generate", "--content", str(CONTENT),
         *(a for slug in LONG for a in ("--exercise", slug)),
         "--per-exercise", "60", "--workers", "2", "--out", str(tmp_path / "out"),
         "--seed", "9"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        found = list((tmp_path / "out").glob("*/drafts.jsonl"))
        if found and found[0].stat().st_size > 0:
            return process, found[0].parent
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.kill()
    pytest.fail("generate wrote no draft in time: " + process.communicate()[1][-500:])


def test_sigterm_is_handled_like_ctrl_c(tmp_path):
    process, batch_path = _start_long_generate(tmp_path)
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=90)
    assert process.returncode == 143, err
    assert "Traceback" not in err and "BrokenPipeError" not in err
    assert "INTERRUPTED" in out
    assert f"stopped by SIGTERM: {batch_path} is a valid batch" in err
    batch = load_batch(batch_path)
    meta = json.loads((batch_path / "batch.json").read_text())
    assert meta["complete"] is False and meta["stopped_by"] == "SIGTERM"
    assert 0 < meta["written"] == len(batch.drafts) < meta["planned"]
    indexes = [d["plan_index"] for d in batch.drafts]
    assert indexes == sorted(indexes)  # rewritten in plan order, as a finished batch


def test_unwritable_out_is_one_line_and_exit_1(tmp_path):
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder\n")
    # Writable-looking paths that no one can write to, even root (CI runs as root).
    for out in (a_file / "generated", Path("/proc/debugex-generated")):
        result = CliRunner().invoke(main, ["generate", "--content", str(CONTENT),
                                           "--exercise", "leap_year", "--out", str(out)])
        assert result.exit_code == 1, result.output
        assert result.output.startswith(f"debugex generate: cannot write to {out}")
        assert result.output.count("\n") == 1 and "Traceback" not in result.output


def test_quiet_prints_one_summary_line(tmp_path):
    result = CliRunner().invoke(main, ["generate", "--content", str(CONTENT), "--exercise",
                                       "leap_year", "--per-exercise", "2", "--workers", "1",
                                       "--out", str(tmp_path), "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.output.count("\n") == 1 and result.output.startswith("batch ")
    assert "drafts written of 2 planned" in result.output


def test_signals_stop_the_loop_but_never_the_finishing():
    from debugex.workflow.interrupt import Stopped, stop_on_signals

    before = signal.getsignal(signal.SIGTERM)
    with stop_on_signals() as stop:
        with pytest.raises(Stopped):
            signal.raise_signal(signal.SIGTERM)
        signal.raise_signal(signal.SIGINT)  # a second signal while finishing: noted only
        assert stop["signal"] == signal.SIGTERM
    with stop_on_signals() as stop:
        stop["armed"] = False  # the loop is over
        signal.raise_signal(signal.SIGTERM)
        assert stop["signal"] == signal.SIGTERM
    assert signal.getsignal(signal.SIGTERM) is before
