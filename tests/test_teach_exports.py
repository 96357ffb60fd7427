"""The teacher's exports: CodeRunner XML (structure, round trip, tests that hold) and
Jupyter notebooks (valid, and a check cell that tells a bugged program from a fixed one)."""

from __future__ import annotations

import ast
import json

import nbformat
import pytest
from click.testing import CliRunner
from lxml import etree
from teach_helpers import CONTENT, REQUEST, run_notebook, write_batch

from debugex.cli import main
from debugex.exports import (
    ExtraMissing,
    check_tree,
    coderunner_tests,
    grade,
    need,
    questions_for,
    read_coderunner,
    write_coderunner,
    write_notebooks,
)
from debugex.text import claimed_class
from debugex.workflow import TaskMaker, split_tasks
from debugex.workflow.tasks import Task, unportable


@pytest.fixture(scope="module")
def tasks(sandbox):
    """A stdin exercise and a function exercise, one draft each, made by the engine."""
    made, left_out = split_tasks(TaskMaker(sandbox, CONTENT).from_exercises(
        ["leap_year", "count_matches"], REQUEST, 0))
    assert not left_out and len(made) == 2
    return made


@pytest.fixture(scope="module")
def questions(tasks, sandbox):
    out, left_out = questions_for(tasks, sandbox)
    assert not left_out, left_out
    return out


def test_coderunner_round_trip(tasks, questions, tmp_path):
    path = write_coderunner(questions, tmp_path / "quiz.xml")
    back = read_coderunner(path)
    assert back == questions
    for task, question in zip(tasks, back, strict=True):
        assert question.answerpreload == task.bugged
        assert question.answer == task.correct
        assert len(question.tests) == len(task.cases)
    stdin_tests, call_tests = back[0].tests, back[1].tests
    assert all(t.stdin and not t.testcode for t in stdin_tests)
    assert all(t.testcode.startswith("print(repr(") and not t.stdin for t in call_tests)
    root = etree.parse(str(path)).getroot()
    assert check_tree(root) == []
    kinds = [(q.get("type"), q.findtext("category/text")) for q in root.iter("question")]
    assert kinds == [("category", "$course$/top/debugex/leap_year"), ("coderunner", None),
                     ("category", "$course$/top/debugex/count_matches"), ("coderunner", None)]
    node = root.find("question[@type='coderunner']")
    assert node.findtext("coderunnertype") == "python3"
    assert node.findtext("displayfeedback") == "0"  # as the quiz's review options say
    assert [t.text for t in node.iterfind("tags/tag/text")][0] == "leap_year"
    assert set(back[1].tags) == {"count_matches", *(claimed_class(e) for e in tasks[1].explanations)}
    # Explanations are the general feedback; the task is the question text.
    assert "Line " in node.find("generalfeedback/text").text
    assert "leap year" in node.find("questiontext/text").text


def test_coderunner_expected_outputs_hold(questions, sandbox, tmp_path):
    """Run as CodeRunner runs the questions read back from the file (their own template,
    the tests substituted): the model answer passes every test, the bugged program fails
    one."""
    for question in read_coderunner(write_coderunner(questions, tmp_path / "quiz.xml")):
        assert all(grade(question.runnable(), question.answer, sandbox))
        assert not all(grade(question.runnable(), question.answerpreload, sandbox))


def test_coderunner_structure_check_names_what_is_wrong(questions, tmp_path):
    path = write_coderunner(questions, tmp_path / "quiz.xml")
    root = etree.parse(str(path)).getroot()
    first, second = root.findall("question[@type='coderunner']")
    first.find("testcases/testcase").remove(first.find("testcases/testcase/expected"))
    first.find("prototypetype").text = "1"
    second.find("name/text").text = first.find("name/text").text
    root.find("question[@type='category']/category/text").text = " "
    problems = "\n".join(check_tree(root))
    assert "<expected>" in problems and "prototypetype" in problems
    assert "a second question named" in problems and "an empty <category>" in problems
    assert check_tree(etree.fromstring("<quiz><question type='essay'/></quiz>"))
    (tmp_path / "bad.xml").write_bytes(etree.tostring(root))
    with pytest.raises(ValueError, match="expected"):
        read_coderunner(tmp_path / "bad.xml")


def test_programs_with_random_results_are_left_out(tasks, sandbox, tmp_path):
    source = "import random\nprint(random.randint(1, 6))\n"
    assert "random" in unportable(source)
    task = Task("dice", "dice", "Roll a die.", source, source.replace("6", "7"), (2,),
                ("Line 2: ...",), tasks[0].cases[:1])
    assert "random" in coderunner_tests(task, sandbox)
    files, left_out = write_notebooks([task], tmp_path)
    assert not files and "random" in left_out["dice"]


def test_notebook_is_valid_and_its_check_cell_tells_fixed_from_bugged(tasks, tmp_path):
    files, left_out = write_notebooks(tasks, tmp_path)
    assert not left_out and sorted(f.name for f in files) == [
        "count_matches.ipynb", "leap_year.ipynb"]
    for task, path in zip(sorted(tasks, key=lambda t: t.exercise), sorted(files), strict=True):
        notebook = nbformat.read(str(path), as_version=4)
        nbformat.validate(notebook)
        kinds = [c.cell_type for c in notebook.cells]
        assert kinds == ["markdown", "code", "markdown", "code", "code"]
        assert task.description.strip() in notebook.cells[0].source
        assert notebook.cells[1].metadata["jupyter"]["source_hidden"]  # the one helper
        assert notebook.cells[3].source.endswith(task.bugged.rstrip("\n"))
        (call,) = ast.parse(notebook.cells[4].source).body  # one call of the helper
        assert call.value.func.id == "debugex_check"
        bugged = run_notebook(path)
        assert "still fail" in bugged and "FAIL scenario" in bugged
        fixed = run_notebook(path, {notebook.cells[3].source.split("\n", 1)[0]: task.correct})
        assert f"All {len(task.cases)} scenarios pass." in fixed
        assert "FAIL" not in fixed


def test_exports_from_a_batch_take_only_accepted_drafts(sandbox, tmp_path):
    write_batch(tmp_path / "accepted", "leap_year", sandbox)
    write_batch(tmp_path / "rejected", "leap_year", sandbox, accept=False)
    maker = TaskMaker(sandbox, CONTENT)
    made, _ = split_tasks(maker.from_batch(tmp_path / "accepted"))
    assert [t.name for t in made] == ["leap_year-000-0-test"]
    assert maker.from_batch(tmp_path / "rejected") == []
    drafts = json.loads((tmp_path / "accepted" / "drafts.jsonl").read_text())
    assert made[0].lines == tuple(e["line"] for e in drafts["errors"])


def test_export_command_for_teachers(sandbox, tmp_path):
    batch = tmp_path / "batch"
    write_batch(batch, "leap_year", sandbox)
    runner = CliRunner()
    for fmt, wrote, more in (("coderunner", "coderunner.xml", ["--prototype", "python3_w_input"]),
                             ("jupyter", "leap_year.ipynb", ["--flavour", "nbgrader"])):
        result = runner.invoke(main, ["export", "--format", fmt, "--batch", str(batch),
                                      "--out", str(tmp_path / fmt), "--content", str(CONTENT),
                                      "--json", *more])
        assert result.exit_code == 0, result.output
        data = json.loads(result.output)
        assert data["exported"] == 1 and data["files"] == [str(tmp_path / fmt / wrote)]
    book = nbformat.read(str(tmp_path / "jupyter" / "leap_year.ipynb"), as_version=4)
    assert book.metadata.debugex.flavour == "nbgrader"
    assert read_coderunner(tmp_path / "coderunner" / "coderunner.xml")[0].prototype == \
        "python3_w_input"
    assert len(read_coderunner(tmp_path / "coderunner" / "coderunner.xml")) == 1


def test_export_command_bad_input(sandbox, tmp_path):
    write_batch(tmp_path / "none", "leap_year", sandbox, accept=False)
    runner = CliRunner()
    result = runner.invoke(main, ["export", "--format", "coderunner", "--batch",
                                  str(tmp_path / "none"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "is accepted (accept some with `debugex review`)" in result.output
    result = runner.invoke(main, ["export", "--format", "jupyter", "--batch", str(tmp_path)])
    assert result.exit_code == 2 and "is not a batch folder" in result.output
    result = runner.invoke(main, ["export", "--format", "jupyter", "--exercise", "nope",
                                  "--content", str(CONTENT)])
    assert result.exit_code == 2 and "no exercise named 'nope'" in result.output
    result = runner.invoke(main, ["export", "--batch", str(tmp_path / "none")])
    assert result.exit_code == 2 and "go with --format coderunner, jupyter or prairielearn" in result.output


def test_a_missing_extra_says_how_to_install_it():
    with pytest.raises(ExtraMissing, match=r"pip install 'debugex\[teach\]'"):
        need("no_such_module_for_debugex", "debugex export --format jupyter")
