"""Options a user expects (issue 17, item 7): help for every option, --json, --quiet."""

import json
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from debugex.cli import main
from debugex.formats.dataset import SPLITS
from debugex.workflow.batch import load_batch
from debugex.workflow.generation import generate
from debugex.workflow.planning import GenerateOptions

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
OWNED = ("check", "injectors", "inject", "merge", "export", "audit", "scenarios suggest")


def command(path: str) -> click.Command:
    found = main
    for name in path.split():
        found = found.commands[name]
    return found


@pytest.mark.parametrize("path", OWNED)
def test_every_visible_option_has_help(path):
    for param in command(path).params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help and param.help.strip(), f"{path} {param.opts} has no help"
    shown = CliRunner().invoke(main, [*path.split(), "--help"])
    assert shown.exit_code == 0 and "Usage: " in shown.output


@pytest.mark.parametrize("path", ("check", "injectors", "inject", "merge", "export", "audit",
                                  "scenarios suggest"))
def test_json_is_spelt_one_way(path):
    names = {opt for p in command(path).params if not getattr(p, "hidden", False)
             for opt in p.opts}
    assert "--json" in names and "--format" not in names


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_inject_format_json_is_kept_as_a_hidden_alias_of_json():
    base = ["inject", "--exercise", "leap_year", "--runtime", "1", "--content", CONTENT]
    new, old = invoke(*base, "--json"), invoke(*base, "--format", "json")
    assert new.exit_code == old.exit_code == 0, new.output
    assert json.loads(new.stdout) == json.loads(old.stdout)
    assert "--format" not in invoke("inject", "--help").output


@pytest.fixture(scope="module")
def examples(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("examples")
    for split in SPLITS:
        shutil.copytree(ROOT / "fine-tuning-examples" / split, root / split)
    return root


def test_check_quiet_prints_failures_and_the_summary_only():
    loud = invoke("check", "leap_year", "fizz_buzz", "--content", CONTENT)
    quiet = invoke("check", "leap_year", "fizz_buzz", "--content", CONTENT, "--quiet")
    assert loud.exit_code == quiet.exit_code == 0
    assert "exercise" in loud.output and "coverage" in loud.output.splitlines()[0]
    assert quiet.output.strip().splitlines() == [loud.output.strip().splitlines()[-1]]


def test_audit_quiet_prints_the_summary_line(examples):
    quiet = invoke("audit", examples, "--content", CONTENT, "-q")
    assert quiet.exit_code == 0
    lines = quiet.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("records: ")


def test_export_quiet_prints_one_line(examples, tmp_path):
    quiet = invoke("export", "--examples", examples, "--out", tmp_path / "out", "--content",
                   CONTENT, "--quiet")
    assert quiet.exit_code == 0
    lines = quiet.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("exported ")


def test_survey_quiet_leaves_out_the_table(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT / "leap_year", content / "leap_year")
    loud = invoke("injectors", "--survey", "--content", content)
    quiet = invoke("injectors", "--survey", "--content", content, "--quiet")
    assert loud.exit_code == quiet.exit_code
    assert "injector" in loud.output.splitlines()[0]
    assert "injector" not in quiet.output.splitlines()[0]
    summary = [line for line in loud.output.splitlines() if " sites over " in line]
    assert summary and quiet.output.splitlines()[0] == summary[0]


def test_merge_quiet_and_json(examples, tmp_path):
    out = tmp_path / "generated"
    batch = generate(GenerateOptions(content=CONTENT, slugs=("fizz_buzz",), per_exercise=2,
                                     seed=3, workers=1, out=out)).batch
    loaded = load_batch(batch)
    for draft in loaded.drafts:
        loaded.decide(draft["id"], "accepted")
    root = tmp_path / "examples"
    shutil.copytree(examples, root)
    quiet = invoke("merge", batch, "--examples", root, "--dry-run", "-q")
    assert quiet.exit_code == 0
    assert quiet.output.strip().splitlines() == [
        f"{len(loaded.drafts)} examples would be added to {root} (dry run: nothing written)"]
    done = invoke("merge", batch, "--examples", root, "--json")
    report = json.loads(done.stdout)
    assert report["folder"] == str(root) and report["total"] == len(loaded.drafts)
    again = json.loads(invoke("merge", batch, "--examples", root, "--json").stdout)
    assert again["total"] == 0
    assert {s["reason"] for s in again["skipped"]} == {"already merged"}
