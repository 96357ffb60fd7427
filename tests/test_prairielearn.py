"""`debugex export --format prairielearn`: a question folder per draft, info.json valid
against the required fields of PrairieLearn's schema (tests/data, our own fixture), and
tests for its Python autograder that pass the correct program and fail the bugged one.

PrairieLearn's server and grader image do not run here: its test file is executed with
stand-ins for the three autograder modules it imports (`code_feedback`, `pl_helpers`,
`pl_unit_test`), holding only the names the file uses, and the student's file is the
correct or the bugged program."""

from __future__ import annotations

import json
import sys
import types
import unittest
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from teach_helpers import CONTENT, write_batch
from test_coderunner_platform import (
    BANNER,
    BANNER_BUGGED,
    COLOUR,
    DISTINCT,
    GREET,
    TOTAL,
    TOTAL_BUGGED,
    WORDS,
    make_task,
)

from debugex.cli import main
from debugex.exports import info_for, write_prairielearn

SCHEMA = json.loads((Path(__file__).parent / "data" / "prairielearn_info_schema.json")
                    .read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tasks(sandbox):
    return [
        make_task(sandbox, "greet", GREET, GREET.replace('"Hello, "', '"Hello "'),
                  [(["Ada"], []), (["Bo"], [])]),
        make_task(sandbox, "total", TOTAL, TOTAL_BUGGED,
                  [((), ["add(2)"]), ((), ["add(3)", "add(4)"])]),
        make_task(sandbox, "banner", BANNER, BANNER_BUGGED, [((), ["to_fahrenheit(100)"])]),
        make_task(sandbox, "distinct", DISTINCT, DISTINCT.replace("set(", "list("),
                  [((), [f"distinct({WORDS})"])]),
        make_task(sandbox, "colour", COLOUR, COLOUR.replace("name +", "name"),
                  [(["Ada"], [])]),
    ]


class _Feedback:
    score: float | None = None
    messages: list[str] = []

    @classmethod
    def add_feedback(cls, text):
        cls.messages.append(text)

    @classmethod
    def set_score(cls, score):
        cls.score = score


def _decorator(key):
    def outer(value):
        def inner(function):
            setattr(function, key, value)
            return function
        return inner
    return outer


@pytest.fixture
def autograder(monkeypatch):
    """The autograder's modules as far as the written test file uses them."""
    modules = {"code_feedback": {"Feedback": _Feedback},
               "pl_helpers": {"name": _decorator("name"), "points": _decorator("points")},
               "pl_unit_test": {"PLTestCase": unittest.TestCase}}
    for module, names in modules.items():
        monkeypatch.setitem(sys.modules, module, types.SimpleNamespace(**names))

    def scores(test_file: Path, program: str, merge_dir: Path) -> list[float]:
        (merge_dir / "user_code.py").write_text(program, encoding="utf-8")
        monkeypatch.setenv("MERGE_DIR", str(merge_dir))
        namespace: dict = {"__name__": "test"}
        exec(compile(test_file.read_text(encoding="utf-8"), str(test_file), "exec"), namespace)
        suite = namespace["Test"]
        found = []
        for method in sorted(m for m in vars(suite) if m.startswith("test_")):
            assert getattr(suite, method).points == 1 and getattr(suite, method).name
            _Feedback.score, _Feedback.messages = None, []
            getattr(suite(method), method)()
            found.append(_Feedback.score)
        return found
    return scores


def test_question_folders(tasks, tmp_path, autograder):
    folders, left_out = write_prairielearn(tasks, tmp_path)
    assert [f.name for f in folders] == ["greet", "total", "banner", "colour"]
    assert "PYTHONHASHSEED=" in left_out["distinct"]
    assert "colour" not in left_out  # JSON and HTML hold an escape character
    for folder, task in zip(folders, [t for t in tasks if t.name != "distinct"], strict=True):
        assert folder.parent == tmp_path / "questions"
        info = json.loads((folder / "info.json").read_text(encoding="utf-8"))
        jsonschema.validate(info, SCHEMA)
        assert info["topic"] == task.exercise
        assert (folder / "initial_code.py").read_text(encoding="utf-8") == task.bugged
        page = (folder / "question.html").read_text(encoding="utf-8")
        assert 'source-file-name="initial_code.py"' in page and "<pl-file-editor" in page
        assert "<pl-external-grader-results>" in page
        assert f"<p>The {task.name} exercise.<br>It has two lines.</p>" in page
        assert {p.name for p in (folder / "tests").iterdir()} == {
            "test.py", "ans.py", "setup_code.py", "debugex_nothing.py"}
        passed = autograder(folder / "tests" / "test.py", task.correct, tmp_path)
        assert passed == [1.0] * len(task.cases)
        failed = autograder(folder / "tests" / "test.py", task.bugged, tmp_path)
        assert 0.0 in failed


def test_uuid_is_stable_per_draft(tasks):
    assert info_for(tasks[0])["uuid"] == info_for(tasks[0])["uuid"]
    assert len({info_for(t)["uuid"] for t in tasks}) == len(tasks)


def test_the_schema_fixture_refuses_what_prairielearn_refuses(tasks):
    info = info_for(tasks[0])
    for broken in ({k: v for k, v in info.items() if k != "topic"},
                   {**info, "uuid": "not-a-uuid"}, {**info, "colour": "red"},
                   {**info, "externalGradingOptions": {"image": "x"}}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, SCHEMA)


def test_export_command(sandbox, tmp_path):
    write_batch(tmp_path / "batch", "leap_year", sandbox)
    result = CliRunner().invoke(main, [
        "export", "--format", "prairielearn", "--batch", str(tmp_path / "batch"),
        "--out", str(tmp_path / "pl"), "--content", str(CONTENT), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["exported"] == 1 and data["files"] == [
        str(tmp_path / "pl" / "questions" / "leap_year-000-0-test")]
