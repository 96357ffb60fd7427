"""`debugex export --format repair`: the benchmark items, their card, and benchmarks drawn
with other seeds (and --exclude) that share no item."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from teach_helpers import CONTENT, write_batch

from debugex.cli import main
from debugex.evaluation import read_items
from debugex.sandbox import FINISHED, Job

SLUGS = ("leap_year", "count_matches")


def export(out, *extra):
    args = ["export", "--format", "repair", "--content", str(CONTENT), "--out", str(out),
            "--json", *extra]
    result = CliRunner().invoke(main, args)
    return result.exit_code, json.loads(result.stdout) if result.exit_code == 0 else \
        result.output


def drawn(out, seed, *extra):
    code, data = export(out, *[a for s in SLUGS for a in ("--exercise", s)],
                        "--seed", str(seed), *extra)
    assert code == 0, data
    return data


@pytest.fixture(scope="module")
def first(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed1")
    return out, drawn(out, 1)


def test_items_hold_what_a_grader_needs_and_the_truth_of_it(first, sandbox):
    out, data = first
    items = read_items(out)
    assert [i.id for i in items] == data["ids"] and len(items) == len(SLUGS)
    rows = [json.loads(line) for line in (out / "repair.jsonl").read_text().splitlines()]
    for item, row in zip(items, rows, strict=True):
        assert set(row) >= {"description", "program", "scenarios", "errors", "difficulty",
                            "scoring"}
        assert row["program"] != row["scoring"]["correct"]
        counts = {c: row["difficulty"][c] for c in ("syntax", "runtime", "logical")}
        assert counts == {c: [e["class"] for e in row["errors"]].count(c) for c in counts}
        lines = [e["line"] for e in row["errors"]]
        assert row["difficulty"]["spread"] == max(lines) - min(lines)
        # The expected outputs are what the correct program does on the scenarios.
        jobs = [Job(item.task.correct, c.stdin, calls=c.calls) for c in item.task.cases]
        for case, outcome in zip(item.task.cases, sandbox.run_many(jobs), strict=True):
            assert outcome.kind == FINISHED and outcome.stdout == case.stdout
    card = (out / "README.md").read_text()
    assert "repair.jsonl" in card and f"{len(items)} beginner Python programs" in card


def test_two_seeds_share_no_item(first, tmp_path):
    out, data = first
    second = drawn(tmp_path / "seed2", 2, "--exclude", str(out))
    assert second["exported"] == len(SLUGS)
    assert not set(second["ids"]) & set(data["ids"])
    # The same seed again, excluding its own benchmark: every draft is drawn again.
    again = drawn(tmp_path / "again", 1, "--exclude", str(out))
    assert again["redrawn"] == len(SLUGS) and not set(again["ids"]) & set(data["ids"])
    # Without --exclude the same seed gives the same items (a benchmark is reproducible).
    assert drawn(tmp_path / "same", 1)["ids"] == data["ids"]


def test_from_a_batch_and_bad_input(tmp_path, sandbox):
    write_batch(tmp_path / "batch", "leap_year", sandbox)
    code, data = export(tmp_path / "out", "--batch", str(tmp_path / "batch"))
    assert code == 0 and data["exported"] == 1 and data["left_out"] == {}
    code, data = export(tmp_path / "out2", "--batch", str(tmp_path / "batch"), "--exclude",
                        str(tmp_path / "out"))
    assert code == 1 and "an excluded benchmark holds the same program" in data
    (tmp_path / "junk.jsonl").write_text("{}\n")
    code, data = export(tmp_path / "out3", "--exercise", "leap_year", "--exclude",
                        str(tmp_path / "junk.jsonl"))
    assert code == 2 and "not a repair item" in data
    code, data = export(tmp_path / "out4", "--format", "jsonl", "--exclude",
                        str(tmp_path / "out"))
    assert code == 2 and "--exclude goes with --format repair" in data


def test_every_exercise_of_a_content_folder(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT / "leap_year", content / "leap_year")
    code, data = export(tmp_path / "out", "--content", str(content), "--exercise", "all")
    assert code == 0 and data["exported"] == 1
    assert [i.task.exercise for i in read_items(tmp_path / "out")] == ["leap_year"]
    code, data = export(tmp_path / "out2", "--format", "jupyter", "--exercise", "all")
    assert code == 2 and "--exercise all goes with --format repair" in data
