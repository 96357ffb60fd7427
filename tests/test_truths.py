"""Every sentence and figure the workflow commands print must hold (issue 17, item 6)."""

import ast
import json
import re
import shutil
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from debugex.cli import main
from debugex.formats.dataset import SPLITS, example_numbers
from debugex.formats.messages import parse_user
from debugex.workflow.batch import load_batch
from debugex.workflow.export import META_KEYS
from debugex.workflow.generation import generate
from debugex.workflow.planning import GenerateOptions

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
ALL_CLEAN = "Every example was audited"


def invoke(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    summary = generate(GenerateOptions(content=CONTENT, slugs=("leap_year",), per_exercise=3,
                                       seed=1, workers=1, out=out))
    loaded = load_batch(summary.batch)
    for draft in loaded.drafts:
        loaded.decide(draft["id"], "accepted")
    return summary.batch


def hand_written(tmp_path: Path) -> Path:
    """The hand-written examples, without the testing examples of exercises that also have
    training examples (the function exercises' 2 + 1), so that no exercise is in both."""
    root = tmp_path / "examples"
    for split in SPLITS:
        shutil.copytree(ROOT / "fine-tuning-examples" / split, root / split)
    exercise = {split: {json.loads(p.read_text())["exercise"]: p for p in
                        (root / split / "meta").glob("example_*.json")} for split in SPLITS}
    shared = set(exercise["training"]) & set(exercise["testing"])
    numbers = sorted(int(re.search(r"\d+", exercise["testing"][s].name).group())
                     for s in shared)
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers))) if numbers else True
    last = len(example_numbers(root / "testing"))
    assert not numbers or numbers[-1] == last, "the shared ones are the last: no gaps after"
    for number in numbers:
        for path in (f"user_content/example_{number}_user.xml",
                     f"assistant_content/example_{number}_assistant.xml",
                     f"meta/example_{number}.json"):
            (root / "testing" / path).unlink()
    return root


def export(root: Path, out: Path, *extra: str):
    return invoke("export", "--examples", root, "--out", out, "--content", CONTENT, *extra)


def test_export_with_defects_marks_them_and_never_claims_a_clean_audit(tmp_path):
    root = hand_written(tmp_path)
    clean = export(root, tmp_path / "clean")
    assert clean.exit_code == 0, clean.output
    assert ALL_CLEAN in (tmp_path / "clean" / "README.md").read_text()
    assert json.loads((tmp_path / "clean" / "statistics.json").read_text())["warnings"] == []
    # One wrong error line, one unparseable answer.
    wrong = root / "training" / "assistant_content" / "example_1_assistant.xml"
    wrong.write_text(wrong.read_text().replace("<error-location>\n", "<error-location>\n1\n"))
    (root / "testing" / "assistant_content" / "example_2_assistant.xml").write_text("garbage")
    out = tmp_path / "out"
    result = export(root, out, "--allow-defects")
    assert result.exit_code == 0, result.output
    card = (out / "README.md").read_text()
    assert ALL_CLEAN not in card
    assert "1 of the" in card and "did not audit clean" in card
    assert "could not be parsed and was left out: testing/example_2" in card
    warnings = json.loads((out / "statistics.json").read_text())["warnings"]
    assert any(w.startswith("training/example_1 does not audit clean") for w in warnings)
    assert any(w.startswith("testing/example_2 was left out") for w in warnings)
    assert "left out 1 that cannot be parsed" in result.output
    assert "1 of them with defects" in result.output
    rows = {row["id"]: row for row in map(json.loads,
                                          (out / "metadata.jsonl").read_text().splitlines())}
    assert rows["training/example_1"]["defects"]
    assert "testing/example_2" not in rows
    assert sum(bool(row["defects"]) for row in rows.values()) == 1


def test_metadata_rows_have_one_key_set_whatever_the_origin(tmp_path, batch):
    root = hand_written(tmp_path)
    merged = invoke("merge", batch, "--examples", root)
    assert merged.exit_code == 0, merged.output
    out = tmp_path / "out"
    assert export(root, out).exit_code == 0
    rows = [json.loads(line) for line in (out / "metadata.jsonl").read_text().splitlines()]
    assert {row["origin"] for row in rows} == {"hand-written", "generated"}
    keys = {tuple(row) for row in rows}
    assert keys == {("id", "split", *META_KEYS, "defects")}
    for row in rows:
        split, name = row["id"].split("/")
        user = (root / split / "user_content" / f"{name}_user.xml").read_text()
        assert row["request"] == parse_user(user).request.as_dict()
        assert (row["edited"] is None) == (row["origin"] == "hand-written")


def test_card_counts_are_computed(tmp_path):
    root = hand_written(tmp_path)
    out = tmp_path / "out"
    assert export(root, out).exit_code == 0
    card = (out / "README.md").read_text()
    assert "- n<1K\n" in card and "No exercise appears in both splits." in card


def test_merge_names_the_hand_written_example_a_draft_repeats(tmp_path, batch):
    root = hand_written(tmp_path)
    draft = json.loads((batch / "drafts.jsonl").read_text().splitlines()[0])
    number = len(example_numbers(root / "testing")) + 1
    folder = root / "testing"  # leap_year's hand-written examples are in testing
    (folder / "user_content" / f"example_{number}_user.xml").write_text(draft["user_xml"])
    (folder / "assistant_content" / f"example_{number}_assistant.xml").write_text(
        draft["assistant_xml"])
    (folder / "meta" / f"example_{number}.json").write_text(json.dumps(
        {"exercise": "leap_year", "origin": "hand-written", "split": "testing"}))
    result = invoke("merge", batch, "--examples", root)
    assert result.exit_code == 0, result.output
    assert "already merged" not in result.output
    assert (f"skipped 1 that would repeat an example: {draft['id']} has the same incorrect "
            f"program as testing/example_{number} (hand-written)") in result.output
    again = invoke("merge", batch, "--examples", root)
    assert "skipped 2 already merged from this batch" in again.output
    assert "skipped 1 that would repeat an example" in again.output


def write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def test_inject_refuses_an_expected_stdout_the_correct_program_does_not_print(tmp_path):
    program = write(tmp_path / "double.py", 'x = int(input("n? "))\nprint(x * 2)\n')
    task = write(tmp_path / "task.txt", "Print twice the number read.\n")
    wrong = write(tmp_path / "wrong.toml", '[[scenario]]\nname = "two"\nstdin = ["2"]\n'
                  'stdout = "n? 5\\n"\n')
    right = write(tmp_path / "right.toml", '[[scenario]]\nname = "two"\nstdin = ["2"]\n'
                  'stdout = "n? 4\\n"\n')
    refused = invoke("inject", program, "--description", task, "--scenarios", wrong,
                     "--syntax", "1")
    assert refused.exit_code == 1
    assert "does not print the expected stdout of scenario 'two'" in refused.output
    assert "expected 'n? 5', got 'n? 4'" in refused.output
    accepted = invoke("inject", program, "--description", task, "--scenarios", right,
                      "--syntax", "1")
    assert accepted.exit_code == 0, accepted.output


def test_a_missing_description_is_a_stated_default(tmp_path):
    program = write(tmp_path / "rterr.py", 'x = int(input("n? "))\nprint(x * 2)\n')
    bare = invoke("inject", program, "--syntax", "1")
    assert bare.exit_code == 0, bare.output
    assert "note: no --description given: the exercise says only 'The program rterr.py.'" \
        in bare.output
    data = json.loads(CliRunner().invoke(main, ["inject", str(program), "--syntax", "1",
                                               "--json"]).stdout)
    assert any("no --description given" in note for note in data["notes"])
    task = write(tmp_path / "task.txt", "Read a number and print its double.\n")
    described = invoke("inject", program, "--description", task, "--syntax", "1")
    assert "no --description" not in described.output
    assert "Read a number and print its double." in described.output
    empty = invoke("inject", program, "--description", write(tmp_path / "e.txt", "\n"),
                   "--syntax", "1")
    assert empty.exit_code == 2 and "file is empty" in empty.output
    assert "Traceback" not in empty.output


@pytest.mark.parametrize("exercise, flag, count", [
    ("leap_year", "--syntax", 50),  # fewer sites than asked
    ("leap_year", "--logical", 9),
])
def test_an_unmet_request_says_what_fits_and_counts_what_it_lists(exercise, flag, count):
    result = invoke("inject", "--exercise", exercise, flag, count, "--content", CONTENT)
    assert result.exit_code == 1
    message = result.output
    partial = CliRunner().invoke(main, ["inject", "--exercise", exercise, flag, str(count),
                                        "--content", str(CONTENT), "--allow-partial",
                                        "--json"])
    if partial.exit_code == 0:
        delivered = json.loads(partial.stdout)["delivered"]
        label = f"{delivered['syntax']}/{delivered['runtime']}/{delivered['logical']}"
        assert f"--allow-partial would inject {label} (syntax/runtime/logical)" in message
    offer = re.search(r"offers (\d+) verifiable \w+ sites?(?:, of which (\d+) can be used "
                      r"together)? \(\d+ short\): (.*?)(?:\.|;|$)", message)
    if offer:  # the count is the number of sites listed
        listed = offer.group(3)
        more = re.search(r" and (\d+) more$", listed)
        shown = len(re.sub(r" and \d+ more$", "", listed).split(", "))
        assert int(offer.group(1)) == shown + (int(more.group(1)) if more else 0)


def test_every_declared_dependency_is_imported():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    imported = set()
    for path in (ROOT / "debugex").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                imported |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                imported.add(node.module.split(".")[0])
    for requirement in project["dependencies"]:
        name = re.match(r"[A-Za-z0-9_.-]+", requirement).group(0).lower()
        assert name in imported, f"{name} is declared but never imported"
