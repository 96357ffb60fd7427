"""What depends only on the program is kept: its candidate sites and its prepared
scenarios and oracle are found once, read back sealed and in their exact shape, and a
batch made on a warm cache is byte for byte the batch of a cold one."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from counting import Counting

from debugex.cli import main
from debugex.content.exercises import Exercise, Scenario
from debugex.engine import cache, cache_admin, prepared_cache, site_cache, take_stats
from debugex.engine.sites import _CACHE
from debugex.engine.verify import verify_edits

SOURCE = "n = int(input())\ntotal = 0\nfor i in range(n):\n    total = total + i\nprint(total)\n"
EXERCISE = Exercise("sum_below", "Prints the sum of the numbers below n.\n", SOURCE,
                    (Scenario("three", ("3",), None), Scenario("zero", ("0",), None)),
                    None, True)
CONTENT = Path(__file__).resolve().parents[1] / "content"


def forget() -> None:
    """What a new process would not have: everything kept in memory."""
    _CACHE.clear()
    site_cache._MEMORY.clear()
    prepared_cache._MEMORY.clear()


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("DEBUGEX_CACHE", str(tmp_path))
    forget()
    take_stats()
    return tmp_path


def test_sites_are_found_once_then_read_back_as_found(folder):
    found = site_cache.found_sites(SOURCE, EXERCISE.description)
    assert found.edits and take_stats() == {"found miss": 1}
    forget()
    again = site_cache.found_sites(SOURCE, EXERCISE.description)
    assert take_stats() == {"found hit": 1}
    assert again.edits == found.edits and again.unreadable == found.unreadable
    # another description is another entry (the plausibility filters read it)
    site_cache.found_sites(SOURCE, "Adds up the first n numbers.\n")
    assert take_stats() == {"found miss": 1}


def test_a_forged_or_misshapen_sites_entry_is_found_again(folder):
    site_cache.found_sites(SOURCE, EXERCISE.description)
    take_stats()
    [path] = folder.glob("*.found1.json")
    seal, text = path.read_text().split("\n", 1)
    data = json.loads(text)
    data["edits"][0]["start"] = 10**6  # outside the program, under the old seal
    path.write_text(f"{seal}\n{json.dumps(data)}")
    forget()
    site_cache.found_sites(SOURCE, EXERCISE.description)
    assert take_stats() == {"found miss": 1}


def test_a_changed_catalogue_finds_the_sites_again(folder, monkeypatch):
    site_cache.found_sites(SOURCE, EXERCISE.description)
    forget()
    monkeypatch.setattr(site_cache, "catalogue_version", lambda: "another injector")
    site_cache.found_sites(SOURCE, EXERCISE.description)
    assert take_stats()["found miss"] == 2


@pytest.mark.parametrize("kept_by, read_by", [("3.11.9 (main) [GCC 12]", "3.13.1 (main) [GCC 13]"),
                                              ("3.13.1 (main) [GCC 13]", "3.11.9 (main) [GCC 12]")])
def test_what_one_python_kept_is_never_read_by_another(folder, sandbox, monkeypatch, kept_by,
                                                       read_by):
    # Messages, tokenizer errors and printing differ between versions: every entry on
    # disk (sites, prepared scenarios and oracle, verdicts) is keyed by the Python.
    def under(version: str) -> tuple[dict, int]:
        monkeypatch.setattr(cache.sys, "version", version)
        cache.code_fingerprint.cache_clear()
        cache.catalogue_version.cache_clear()
        forget()
        take_stats()
        counting = Counting(sandbox)
        found = site_cache.found_sites(SOURCE, EXERCISE.description)
        prepared = prepared_cache.prepared_for(EXERCISE, counting)
        verify_edits(prepared, found.edits[:3], counting)
        return take_stats(), counting.jobs

    first, ran = under(kept_by)
    assert ran > 0 and first["verdicts miss"] == 3
    assert {k: v for k, v in first.items() if k.endswith("hit")} == {}
    other, ran_again = under(read_by)
    assert ran_again == ran  # everything proven again: nothing the other Python kept is read
    assert {k: v for k, v in other.items() if k.endswith("hit")} == {}
    back, ran_back = under(kept_by)  # and what the first one kept is still there
    assert ran_back == 0
    assert back == {"found hit": 1, "prepared hit": 1, "verdicts hit": 3}
    monkeypatch.undo()
    cache.code_fingerprint.cache_clear()
    cache.catalogue_version.cache_clear()


def test_a_prepared_exercise_is_read_back_without_running(folder, sandbox):
    first = Counting(sandbox)
    prepared = prepared_cache.prepared_for(EXERCISE, first)
    assert first.jobs > 0
    forget()
    second = Counting(sandbox)
    read = prepared_cache.prepared_for(EXERCISE, second)
    assert second.jobs == 0
    assert read.scenarios == prepared.scenarios and read.oracle == prepared.oracle
    assert read.cache_key == prepared.cache_key


def test_a_warm_batch_is_byte_for_byte_the_cold_one(folder, tmp_path):
    runner = CliRunner()
    batches = []
    for run in ("cold", "warm"):
        forget()
        out = tmp_path / run
        command = ["generate", "--content", str(CONTENT), "--exercise", "leap_year",
                   "--exercise", "minutes_to_hours", "--per-exercise", "3", "--seed", "3",
                   "--workers", "1", "--out", str(out), "-q"]
        result = runner.invoke(main, command + (["--timings"] if run == "warm" else []))
        assert result.exit_code == 0
        [batch] = out.iterdir()
        batches.append((batch / "drafts.jsonl").read_bytes())
    assert batches[0] and batches[0] == batches[1]
    assert cache.cache_dir() == folder
    assert cache_admin.info(folder)["last_run"]["hit_rate"] == 1.0
    # where the time went, by phase, said on request
    line = result.output.splitlines()[-1]
    assert line.startswith("timings (s, wall ")
    assert all(f" {name} " in line for name in ("start-up", "plan", "sites", "compose",
                                                "prove", "text", "write", "prune"))
