"""Two merges into one examples folder at once, as separate processes; locks and crashes."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from debugex.formats.dataset import SPLITS, example_numbers, load_examples
from debugex.formats.journal import (
    JOURNAL_PREFIX,
    LOCK,
    STAGING_PREFIX,
    LockBusy,
    locked,
    pending,
)
from debugex.formats.messages import parse_assistant
from debugex.workflow.batch import load_batch
from debugex.workflow.generation import generate
from debugex.workflow.merge import merge
from debugex.workflow.planning import GenerateOptions

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
# One pair of generated batches for the module: its tests run on one xdist worker.
pytestmark = pytest.mark.xdist_group("merge_concurrent")
DEBUGEX = [sys.executable, "-m", "debugex.cli"]
GROUPS = {"a": ("grade_calculator", "leap_year", "shopping_list"),
          "b": ("fizz_buzz", "age_category", "bmi_report")}


@pytest.fixture(scope="module")
def batches(tmp_path_factory) -> dict[str, Path]:
    """Two batches of accepted drafts on disjoint exercises."""
    found = {}
    for seed, (name, slugs) in enumerate(GROUPS.items()):
        out = tmp_path_factory.mktemp(f"generated-{name}")
        summary = generate(GenerateOptions(content=CONTENT, slugs=slugs, per_exercise=5,
                                           seed=seed, workers=1, out=out))
        batch = load_batch(summary.batch)
        for draft in batch.drafts:
            batch.decide(draft["id"], "accepted")
        assert batch.accepted()
        found[name] = summary.batch
    return found


def seed_examples(tmp_path: Path) -> Path:
    root = tmp_path / "examples"
    for split in SPLITS:
        shutil.copytree(ROOT / "fine-tuning-examples" / split, root / split)
    return root


def start_merge(batch: Path, root: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([*DEBUGEX, "merge", str(batch), "--examples", str(root), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=ROOT)


def assert_folder_consistent(root: Path, batches: list[Path]) -> None:
    """Every accepted draft exactly once, no gaps, files of one example from one draft."""
    hand_written = {(r.meta.get("exercise"), parse_assistant(r.assistant).program)
                    for r in load_examples(ROOT / "fine-tuning-examples")
                    if r.meta.get("origin") == "hand-written"}
    drafts = {}
    for path in batches:
        batch = load_batch(path)
        for draft, assistant in batch.accepted():
            if (draft["exercise"], parse_assistant(assistant).program) in hand_written:
                continue  # merge skips it, and says so (tests/test_truths.py)
            drafts[(batch.id, draft["id"])] = (draft["user_xml"], assistant)
    seen: Counter = Counter()
    for split in SPLITS:
        folder = root / split
        numbers = example_numbers(folder)
        assert numbers == list(range(1, len(numbers) + 1)), f"gap in {split}: {numbers}"
        for kind, pattern in (("assistant_content", "example_{}_assistant.xml"),
                              ("meta", "example_{}.json")):
            names = sorted(p.name for p in (folder / kind).iterdir())
            assert names == sorted(pattern.format(n) for n in numbers), f"{split}/{kind}"
        for number in numbers:
            meta = json.loads((folder / "meta" / f"example_{number}.json").read_text())
            if meta["origin"] != "generated":
                continue
            key = (meta["batch"], meta["draft"])
            seen[key] += 1
            assert key in drafts, f"{key} should have been skipped"
            user, assistant = drafts[key]
            assert (folder / "user_content" / f"example_{number}_user.xml").read_text() == user
            assert (folder / "assistant_content" /
                    f"example_{number}_assistant.xml").read_text() == assistant
            assert meta["split"] == split
    assert set(seen) == set(drafts), "an accepted draft is missing"
    assert max(seen.values()) == 1, "a draft was merged twice"
    assert not pending(root)


def audit_strict(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*DEBUGEX, "audit", str(root), "--strict", "--content",
                           str(CONTENT)], capture_output=True, text=True, cwd=ROOT,
                          timeout=600)


@pytest.mark.parametrize("attempt", range(3))
def test_two_merge_processes_at_once_leave_a_valid_folder(batches, tmp_path, attempt):
    root = seed_examples(tmp_path)
    first = start_merge(batches["a"], root)
    second = start_merge(batches["b"], root)
    for process in (first, second):
        stdout, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stderr
        assert "Traceback" not in stderr
    assert_folder_consistent(root, [batches["a"], batches["b"]])
    audited = audit_strict(root)
    assert audited.returncode == 0, audited.stdout[:3000]
    # And again, both at once: nothing is added twice.
    again = [start_merge(batches[name], root) for name in ("b", "a")]
    for process in again:
        stdout, _ = process.communicate(timeout=600)
        assert process.returncode == 0 and "0 examples added" in stdout
    assert_folder_consistent(root, [batches["a"], batches["b"]])


def test_a_held_lock_makes_merge_wait_with_a_message_or_refuse(batches, tmp_path):
    root = seed_examples(tmp_path)
    with locked(root, exclusive=True):
        refused = subprocess.run([*DEBUGEX, "merge", str(batches["a"]), "--examples",
                                  str(root), "--no-wait"], capture_output=True, text=True,
                                 cwd=ROOT, timeout=600)
        assert refused.returncode == 1
        assert f"another merge into {root} is running (pid {os.getpid()})" in refused.stderr
        assert "Traceback" not in refused.stderr
        waiting = start_merge(batches["a"], root)
        line = waiting.stderr.readline()
        assert line.startswith(f"waiting for another merge into {root} (pid {os.getpid()})")
        time.sleep(0.5)
        assert waiting.poll() is None  # still waiting while we hold the folder
        following = len(list((root / "training" / "meta").glob("example_*.json"))) + 1
        assert not (root / "training" / "meta" / f"example_{following}.json").exists()
    stdout, _ = waiting.communicate(timeout=600)
    assert waiting.returncode == 0 and "examples added" in stdout
    assert_folder_consistent(root, [batches["a"]])


def test_a_lock_held_by_a_killed_process_does_not_block(batches, tmp_path):
    root = seed_examples(tmp_path)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from debugex.formats import locked\n"
         "with locked(sys.argv[1]):\n    print('held', flush=True); time.sleep(600)",
         str(root)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert holder.stdout.readline().strip() == "held"
    with pytest.raises(LockBusy, match=f"pid {holder.pid}"):
        with locked(root, wait=False):
            pass
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(timeout=60)
    assert (root / LOCK).read_text() == str(holder.pid)  # the file stays behind ...
    merged = subprocess.run([*DEBUGEX, "merge", str(batches["a"]), "--examples", str(root),
                             "--no-wait"], capture_output=True, text=True, cwd=ROOT,
                            timeout=600)
    assert merged.returncode == 0, merged.stderr  # ... but the kernel dropped its lock
    assert_folder_consistent(root, [batches["a"]])


def test_a_crash_after_the_commit_is_completed_by_the_next_merge(batches, tmp_path):
    root = seed_examples(tmp_path)
    with pytest.raises(RuntimeError, match="simulated crash"):
        merge(load_batch(batches["a"]), root, _crash_after=4)
    assert list(root.glob(JOURNAL_PREFIX + "*.json"))
    result = subprocess.run([*DEBUGEX, "merge", str(batches["b"]), "--examples", str(root)],
                            capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "completed a merge that was cut short" in result.stdout
    assert_folder_consistent(root, [batches["a"], batches["b"]])


def test_a_crash_before_the_commit_leaves_the_old_examples(batches, tmp_path):
    root = seed_examples(tmp_path)
    before = {s: example_numbers(root / s) for s in SPLITS}
    next_number = len(before["training"]) + 1
    orphan = root / f"{STAGING_PREFIX}999-dead" / "training" / "user_content"
    orphan.mkdir(parents=True)
    (orphan / f"example_{next_number}_user.xml").write_text("half written")
    assert len(load_examples(root)) == sum(len(v) for v in before.values())
    assert {s: example_numbers(root / s) for s in SPLITS} == before
    merged = subprocess.run([*DEBUGEX, "merge", str(batches["a"]), "--examples", str(root)],
                            capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert merged.returncode == 0, merged.stderr
    assert not pending(root)  # the uncommitted staging is gone, never moved into place
    assert_folder_consistent(root, [batches["a"]])


def test_dry_run_writes_nothing_and_json_lists_the_plan(batches, tmp_path):
    root = seed_examples(tmp_path)
    snapshot = sorted(str(p) for p in root.rglob("*"))
    dry = subprocess.run([*DEBUGEX, "merge", str(batches["a"]), "--examples", str(root),
                          "--dry-run", "--json"], capture_output=True, text=True, cwd=ROOT,
                         timeout=600)
    assert dry.returncode == 0, dry.stderr
    report = json.loads(dry.stdout)
    assert sorted(str(p) for p in root.rglob("*")) == snapshot
    assert report["dry_run"] and report["total"] == len(load_batch(batches["a"]).accepted())
    real = subprocess.run([*DEBUGEX, "merge", str(batches["a"]), "--examples", str(root),
                           "--json"], capture_output=True, text=True, cwd=ROOT, timeout=600)
    done = json.loads(real.stdout)
    assert not done["dry_run"]
    assert done["added"] == report["added"] and done["examples"] == report["examples"]


def test_readers_wait_for_a_merge_and_never_create_the_lock_file(tmp_path):
    root = seed_examples(tmp_path)
    expected = len(load_examples(root))
    assert not (root / LOCK).exists()  # reading leaves the folder as it was
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from debugex.formats import locked\n"
         "with locked(sys.argv[1]):\n    print('held', flush=True); time.sleep(600)",
         str(root)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert holder.stdout.readline().strip() == "held"
    reader = subprocess.Popen(
        [sys.executable, "-c", "import sys; from debugex.formats import load_examples\n"
         "print(len(load_examples(sys.argv[1])))", str(root)],
        stdout=subprocess.PIPE, text=True, cwd=ROOT)
    time.sleep(1.0)
    assert reader.poll() is None  # blocked while the merge holds the folder
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(timeout=60)
    stdout, _ = reader.communicate(timeout=600)
    assert int(stdout) == expected
