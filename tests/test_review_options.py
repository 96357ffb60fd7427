"""`review` for scripts (--list, --json) and its messages where a traceback used to be;
`export --out` on a path nobody can write."""

import getpass
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from debugex.cli import main
from debugex.formats.messages import (
    AssistantMessage,
    Request,
    UserMessage,
    render_assistant,
    render_user,
)
from debugex.review import audit_edit, draft_exercise, interactive
from debugex.workflow.batch import Batch, load_batch
from debugex.workflow.generation import generate
from debugex.workflow.planning import GenerateOptions

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"


@pytest.fixture(scope="module")
def small_batch(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    summary = generate(GenerateOptions(content=CONTENT, slugs=("leap_year", "even_or_odd"),
                                       per_exercise=2, seed=2, workers=1, out=out))
    assert summary.written >= 3
    return summary.batch


@pytest.fixture
def batch(small_batch, tmp_path) -> Path:
    copy = tmp_path / small_batch.name
    shutil.copytree(small_batch, copy)
    return copy


def invoke(*args: str):
    return CliRunner().invoke(main, ["review", *map(str, args)])


def test_list_shows_every_draft_with_its_decision(batch):
    drafts = load_batch(batch).drafts
    first, second = drafts[0]["id"], drafts[1]["id"]
    assert invoke(batch, "--accept", first, "--reject", second).exit_code == 0
    result = invoke(batch, "--list", "--json")
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)
    assert [row["id"] for row in listed["drafts"]] == [d["id"] for d in drafts]
    assert [row["decision"] for row in listed["drafts"]] == \
        ["accepted", "rejected"] + ["undecided"] * (len(drafts) - 2)
    assert listed["drafts"][0]["exercise"] == drafts[0]["exercise"]
    assert listed["drafts"][0]["request"] == drafts[0]["request"]
    text = invoke(batch, "--list")
    assert text.exit_code == 0
    lines = text.output.splitlines()
    assert lines[0].split() == ["id", "exercise", "request", "decision"]
    label = "/".join(str(drafts[0]["request"][c]) for c in ("syntax", "runtime", "logical"))
    assert lines[2].split() == [first, drafts[0]["exercise"], label, "accepted"]
    assert lines[-1] == (f"{len(drafts)} drafts: 1 accepted, 1 rejected, "
                         f"{len(drafts) - 2} undecided")


def test_decisions_and_page_as_json(batch):
    ids = [d["id"] for d in load_batch(batch).drafts]
    result = invoke(batch, "--accept", "all", "--note", "fine", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"batch": batch.name, "accepted": ids, "rejected": [],
                                         "note": "fine"}
    page = invoke(batch, "--html", "--json")
    assert json.loads(page.output) == {"batch": batch.name, "wrote": str(batch / "review.html"),
                                       "drafts": len(ids)}


@pytest.mark.parametrize("args, message", [
    (["--json"], "--json goes with --list"),
    (["--list", "--html"], "choose one of --list, --html, --serve and --accept/--reject"),
    (["--serve", "--list"], "choose one of --list, --html, --serve and --accept/--reject"),
    (["--serve", "--json"], "--json does not go with --serve"),
    (["--port", "9000"], "--port, --host and --no-browser go with --serve"),
    (["--no-browser"], "--port, --host and --no-browser go with --serve"),
    (["--serve", "--port", "70000"], "70000 is not in the range"),
])
def test_options_that_do_not_go_together(batch, args, message):
    result = invoke(batch, *args)
    assert result.exit_code == 2 and message in result.output


def _unwritable(path: Path, how: str) -> None:
    """Make `path` a file nobody can write, root included (chmod does not stop root)."""
    path.unlink(missing_ok=True)
    if how == "directory":
        path.mkdir()  # opening a folder for writing fails for everyone
    else:
        path.symlink_to("/sys/debugex-cannot-create-this")  # sysfs refuses new files


WAYS = ["directory", "sysfs"] if os.path.ismount("/sys") else ["directory"]


@pytest.mark.parametrize("how", WAYS)
def test_accept_into_an_unwritable_batch_is_one_line(batch, how):
    _unwritable(batch / "decisions.jsonl", how)
    result = invoke(batch, "--accept", "all")
    assert result.exit_code == 1
    assert result.output.startswith(f"debugex review: cannot write to {batch}/decisions.jsonl:")
    assert result.output.count("\n") == 1 and "Traceback" not in result.output


def test_html_into_an_unwritable_batch_is_one_line(batch):
    _unwritable(batch / "review.html", "directory")
    result = invoke(batch, "--html")
    assert result.exit_code == 1
    assert result.output == f"debugex review: cannot write to {batch}/review.html: Is a " \
                            "directory\n"


def test_interactive_review_without_a_terminal_says_what_to_do(batch):
    result = invoke(batch)
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert "no terminal" in result.output and "--accept/--reject" in result.output \
        and "--html" in result.output
    # The real thing: stdin from /dev/null in a process without a controlling terminal.
    process = subprocess.run([sys.executable, "-m", "debugex.cli", "review", str(batch)],
                             stdin=subprocess.DEVNULL, capture_output=True, text=True,
                             env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=120,
                             start_new_session=True)
    assert process.returncode == 2
    assert "Traceback" not in process.stderr and "no terminal" in process.stderr
    assert (batch / "decisions.jsonl").read_text() == ""  # nothing decided


def test_export_to_a_path_nobody_can_write_is_one_line(tmp_path):
    examples = tmp_path / "examples"
    for split in ("training", "testing"):
        for kind, name in (("user_content", "example_1_user.xml"),
                           ("assistant_content", "example_1_assistant.xml"),
                           ("meta", "example_1.json")):
            source = ROOT / "fine-tuning-examples" / split / kind / name
            if source.exists():
                (examples / split / kind).mkdir(parents=True, exist_ok=True)
                shutil.copy(source, examples / split / kind / name)
    a_file = tmp_path / "a-file"
    a_file.write_text("")
    for out in (a_file / "export", Path("/proc/debugex-export")):
        result = CliRunner().invoke(main, ["export", "--examples", str(examples), "--out",
                                           str(out), "--content", str(CONTENT)])
        assert result.exit_code == 1, result.output
        assert result.output.startswith(f"debugex export: cannot write to {out}")
        assert result.output.count("\n") == 1 and "Traceback" not in result.output


ACCENTS = '''word = input("Word? ")
accents = 0
for letter in word:
    if ord(letter) > 127:
        accents = accents + 1
print("letters outside ASCII:", accents)
'''


def test_an_edit_is_audited_on_the_scenarios_of_its_own_exercise(tmp_path, sandbox,
                                                                  monkeypatch):
    """The draft's error only shows on a word with an accent, which the exercise's own
    scenario has and synthesised words do not: the edit must be judged on the former."""
    content = tmp_path / "content"
    (content / "count_accents").mkdir(parents=True)
    (content / "count_accents" / "correct.py").write_text(ACCENTS)
    (content / "count_accents" / "description.txt").write_text("Count the letters outside ASCII.")
    (content / "count_accents" / "scenarios.toml").write_text(
        '[[scenario]]\nname = "mixed"\nstdin = ["café crème"]\n')
    incorrect = ACCENTS.replace("accents + 1", "accents + 2")
    sentence = ("Line 5: each accented letter adds 2 to the count instead of 1, so for "
                "'café crème' the program prints 4 instead of 2 (a logical error).")
    draft = {"id": "count_accents-001-0-x", "exercise": "count_accents",
             "request": {"syntax": 0, "runtime": 0, "logical": 1}, "errors": [],
             "user_xml": render_user(UserMessage("Count the letters outside ASCII.", ACCENTS,
                                                 Request(0, 0, 1))),
             "assistant_xml": render_assistant(AssistantMessage(
                 "One logical error.", incorrect, (5,), (sentence,)))}
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "decisions.jsonl").write_text("")
    batch = Batch(folder, {"content": str(content)}, [draft])
    edited = draft["assistant_xml"].replace("(a logical error)", "(a logical error, "
                                            "which no traceback will point at)")
    own = draft_exercise(batch, draft)
    assert own is not None and own.scenarios_given
    assert audit_edit(draft, edited, sandbox, []) != []  # synthesised words miss it
    assert audit_edit(draft, edited, sandbox, [], own) == []
    keys = iter("e")
    monkeypatch.setattr("click.getchar", lambda: next(keys))
    counts = interactive(batch, sandbox, [], editor=lambda text: edited)
    assert counts["accepted"] == 1
    assert batch.decisions()[draft["id"]]["assistant_xml"] == edited


@pytest.mark.parametrize(("args", "reviewer"), [
    ((), getpass.getuser()),  # nobody named: the user logged in
    (("--reviewer", "  Grace   Hopper "), "Grace Hopper"),
])
def test_every_decision_names_its_reviewer(batch, args, reviewer):
    first, second = (d["id"] for d in load_batch(batch).drafts[:2])
    result = invoke(batch, "--accept", first, "--reject", second, *args)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in (batch / "decisions.jsonl").read_text().splitlines()]
    assert [(r["draft"], r["reviewer"]) for r in records] == [(first, reviewer), (second, reviewer)]


def test_a_blank_reviewer_is_refused(batch):
    result = invoke(batch, "--accept", "all", "--reviewer", " ")
    assert result.exit_code == 2 and "--reviewer needs a name" in result.output
    assert not (batch / "decisions.jsonl").read_text().strip()
