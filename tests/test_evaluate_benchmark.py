"""`debugex export --format repair`: the benchmark items, their card, and benchmarks drawn
with other seeds that share no item (an exercise with too few drafts is left out)."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from teach_helpers import CONTENT, write_batch

from debugex.cli import main
from debugex.evaluation import MAX_SEED, read_items
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


def programs(out) -> list[str]:
    return [i.task.bugged for i in read_items(out)]


def test_two_seeds_share_no_item(first, tmp_path):
    out, data = first
    seeds = {1: programs(out)}
    for seed in (2, 3):
        made = drawn(tmp_path / f"seed{seed}", seed)
        assert made["exported"] == len(SLUGS) and made["left_out"] == {}
        seeds[seed] = programs(tmp_path / f"seed{seed}")
    for a, b in ((1, 2), (1, 3), (2, 3)):  # by program text, not only by id
        assert not set(seeds[a]) & set(seeds[b]), (a, b)
    # Without --exclude the same seed gives the same items (a benchmark is reproducible).
    assert drawn(tmp_path / "same", 1)["ids"] == data["ids"]
    # An item an excluded benchmark holds is left out, never drawn again from another
    # seed's draft.
    code, said = export(tmp_path / "again", *[a for s in SLUGS for a in ("--exercise", s)],
                        "--seed", "1", "--exclude", str(out))
    assert code == 1 and said.count("an excluded benchmark holds this seed's draft") == 2
    for seed in ("-1", "64"):
        code, said = export(tmp_path / "bad", "--exercise", SLUGS[0], "--seed", seed)
        assert code == 2 and "numbers a variant of each exercise's drafts, 0 to 63" in said
    # --help says the same range (written out there: the CLI does not load evaluation/)
    shown = " ".join(CliRunner().invoke(main, ["export", "--help"]).output.split())
    assert f"--seed (0 to {MAX_SEED}) numbers a variant" in shown


def test_an_exercise_with_few_drafts_is_left_out_not_repeated(tmp_path):
    """`greet` offers two runtime errors alone: seeds 0 and 1 take one each, seed 2 none."""
    folder = tmp_path / "content" / "greet"
    folder.mkdir(parents=True)
    (folder / "correct.py").write_text('name = input()\nprint("Hi " + name)\n')
    (folder / "description.txt").write_text("Read a name and greet it.\n")
    (folder / "scenarios.toml").write_text('[[scenario]]\nname = "ann"\nstdin = ["Ann"]\n')
    made = {}
    for seed in (0, 1, 2):
        made[seed] = export(tmp_path / f"s{seed}", "--content", str(tmp_path / "content"),
                            "--exercise", "all", "--runtime", "1", "--logical", "0",
                            "--seed", str(seed))
    assert made[0][0] == made[1][0] == 0
    first, second = programs(tmp_path / "s0"), programs(tmp_path / "s1")
    assert len(first) == len(second) == 1 and first != second
    code, said = made[2]
    assert code == 1 and "found 2 distinct draft(s)" in said and "would repeat another " \
        "seed's" in said
    card = (tmp_path / "s1" / "README.md").read_text()
    assert "Seed 1 names a variant" in card and "shares no item with this one" in card


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
