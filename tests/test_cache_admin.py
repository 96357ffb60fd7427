"""The proof cache looked after: its key covers the description, `info` counts what it
holds and how the last run used it, `prune` drops by age of last use and by size (least
recently used first), and generate keeps it under a bound."""

import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from counting import Counting

from debugex.cli import main
from debugex.content.exercises import Exercise, Scenario
from debugex.engine import cache_admin, take_stats
from debugex.engine.cache import VerdictLog
from debugex.engine.sites import _CACHE, catalog_for

SOURCE = "n = float(input())\nm = n * 100\nprint(m)\n"
SCENARIOS = (Scenario("a", ("2",), None), Scenario("b", ("0.5",), None))


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DEBUGEX_CACHE", str(tmp_path))
    monkeypatch.delenv("DEBUGEX_CACHE_MAX", raising=False)
    _CACHE.clear()
    take_stats()
    return tmp_path


def test_a_changed_description_is_a_new_catalogue_and_the_old_one_is_read_back(cache, sandbox):
    counting = Counting(sandbox)
    catalog_for(Exercise("u", "Prints a number times a factor.\n", SOURCE, SCENARIOS), counting)
    built = counting.jobs
    assert built > 0
    _CACHE.clear()  # a later run: only the disk
    catalog_for(Exercise("u", "Converts metres to centimetres.\n", SOURCE, SCENARIOS),
                counting)
    assert counting.jobs > built  # the units filter reads the description: proven afresh
    _CACHE.clear()
    again = counting.jobs
    catalog_for(Exercise("u", "Prints a number times a factor.\n", SOURCE, SCENARIOS), counting)
    assert counting.jobs == again
    stats = take_stats()
    assert (stats["sites miss"], stats["sites hit"]) == (2, 1)


def test_info_counts_files_entries_and_the_last_runs_hit_rate(cache):
    log = VerdictLog("k" * 40)
    log.put_many([("a = 1\n", {"status": "x"}), ("a = 2\n", {"status": "y"})])
    assert log.get("a = 1\n") and log.get("a = 3\n") is None
    (cache / ("c" * 40 + ".json")).write_text("{}")
    cache_admin.record_run(take_stats())
    data = cache_admin.info()
    assert data["files"] == 2 and data["entries"] == 3
    assert data["by_kind"]["verdicts"]["entries"] == 2 and data["by_kind"]["sites"]["files"] == 1
    assert data["bytes"] == sum(p.stat().st_size for p in cache.iterdir()
                                if p.name != cache_admin.LAST_RUN)
    assert data["last_run"]["lookups"] == {"verdicts hit": 1, "verdicts miss": 1}
    assert data["last_run"]["hit_rate"] == 0.5
    assert data["max_bytes"] == cache_admin.DEFAULT_MAX_BYTES


def _files(cache, ages_and_sizes):
    now = time.time()
    for name, age, size in ages_and_sizes:
        path = cache / name
        path.write_bytes(b"x" * size)
        os.utime(path, (now - age, now - age))
    return now


def test_prune_by_age_removes_only_files_unused_for_longer(cache):
    now = _files(cache, [("a.json", 3 * 86400, 10), ("b.verdicts.jsonl", 3600, 10)])
    (cache / cache_admin.LAST_RUN).write_text("{}")
    result = cache_admin.prune(older_than=cache_admin.parse_age("2d"), now=now)
    assert (result.removed, result.freed, result.kept) == (1, 10, 1)
    assert sorted(p.name for p in cache.iterdir()) == ["b.verdicts.jsonl", cache_admin.LAST_RUN]


def test_prune_by_size_drops_the_least_recently_used_first(cache):
    _files(cache, [("new.json", 10, 400), ("mid.json", 20, 400), ("old.json", 30, 100)])
    result = cache_admin.prune(max_size=700)
    # old.json would fit beside the others, but it is older than one that did not fit
    assert sorted(p.name for p in cache.iterdir()) == ["new.json"]
    assert (result.removed, result.kept_bytes) == (2, 400)


def test_a_catalogue_read_back_counts_as_used(cache, sandbox):
    exercise = Exercise("u", "Prints a number times a factor.\n", SOURCE, SCENARIOS)
    catalog_for(exercise, sandbox)
    for path in cache.iterdir():
        os.utime(path, (1, 1))  # as if untouched since 1970
    _CACHE.clear()
    catalog_for(exercise, sandbox)
    kept = {p.name for p in cache.iterdir() if p.stat().st_mtime > 1}
    assert any(name.endswith(".json") for name in kept)
    cache_admin.prune(older_than=86400)
    assert {p.name for p in cache.iterdir()} == kept


def test_the_bound_comes_from_the_environment(cache, monkeypatch):
    _files(cache, [("a.json", 10, 600), ("b.json", 20, 600)])
    monkeypatch.setenv("DEBUGEX_CACHE_MAX", "1k")
    assert cache_admin.keep_bounded().removed == 1
    monkeypatch.setenv("DEBUGEX_CACHE_MAX", "none")
    assert cache_admin.keep_bounded() is None
    monkeypatch.setenv("DEBUGEX_CACHE_MAX", "lots")
    with pytest.raises(ValueError, match="not a size"):
        cache_admin.max_bytes()


@pytest.mark.parametrize("text,size", [("500M", 500 * 1024**2), ("2G", 2 * 1024**3),
                                       ("64k", 65536), ("1.5MiB", 1572864), ("12", 12)])
def test_sizes_are_read_in_powers_of_1024(text, size):
    assert cache_admin.parse_size(text) == size


@pytest.mark.parametrize("text", ["", "-1M", "12 parsecs", "1e3"])
def test_a_size_that_is_not_one_says_so(text):
    with pytest.raises(ValueError, match="not a size"):
        cache_admin.parse_size(text)


def test_ages_and_their_mistakes():
    assert cache_admin.parse_age("2w") == 14 * 86400
    assert cache_admin.parse_age("90m") == 5400
    with pytest.raises(ValueError, match="not an age"):
        cache_admin.parse_age("30")


def test_info_on_a_cache_that_is_off(monkeypatch):
    monkeypatch.setenv("DEBUGEX_CACHE", "off")
    data = cache_admin.info()
    assert not data["enabled"] and data["files"] == 0
    assert json.loads(json.dumps(data)) == data


CONTENT = Path(__file__).resolve().parents[1] / "content"


def test_generate_records_its_hit_rate_and_cache_info_reports_it(cache, tmp_path,
                                                                monkeypatch):
    runner = CliRunner()
    command = ["generate", "--content", str(CONTENT), "--exercise", "leap_year",
               "--per-exercise", "1", "--workers", "1", "--out", str(tmp_path / "out"), "-q"]
    for _ in range(2):  # cold, then warm: every lookup of the second run is a hit
        assert runner.invoke(main, command).exit_code == 0
    result = runner.invoke(main, ["cache", "info", "--json"])
    data = json.loads(result.output)
    assert result.exit_code == 0 and data["last_run"]["hit_rate"] == 1.0
    assert data["files"] >= 2 and data["bytes"] > 0
    text = runner.invoke(main, ["cache", "info"]).output
    assert f"cache {cache}:" in text and "hit rate 100.0%" in text
    monkeypatch.setenv("DEBUGEX_CACHE_MAX", "20k")  # generate keeps the cache to the bound
    assert data["bytes"] > 20 * 1024 and runner.invoke(main, command).exit_code == 0
    assert cache_admin.info()["bytes"] <= 20 * 1024


def test_cache_prune_from_the_command_line(cache):
    _files(cache, [("a.json", 40 * 86400, 10), ("b.json", 60, 10)])
    result = CliRunner().invoke(main, ["cache", "prune", "--older-than", "30d", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output) == {"removed_files": 1, "freed_bytes": 10,
                                         "kept_files": 1, "kept_bytes": 10}
    wrong = CliRunner().invoke(main, ["cache", "prune", "--older-than", "a month"])
    assert wrong.exit_code == 2 and "not an age" in wrong.output
    mixed = CliRunner().invoke(main, ["cache", "info", "--max-size", "1M"])
    assert mixed.exit_code == 2 and "options of prune" in mixed.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root may remove files from a read-only folder")
def test_a_read_only_cache_is_said_in_one_line(cache):
    _files(cache, [("a.json", 40 * 86400, 10)])
    cache.chmod(0o500)
    try:
        result = CliRunner().invoke(main, ["cache", "prune", "--max-size", "0"])
    finally:
        cache.chmod(0o700)
    assert result.exit_code == 1 and "cannot remove" in result.output
