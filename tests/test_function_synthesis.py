"""Function exercises end to end: synthesis of calls, autograder import, inject + audit."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from debugex.audit.grade import audit_records
from debugex.cli import main
from debugex.content.exercises import ContentError, Exercise, load_exercise, parse_scenarios
from debugex.formats.dataset import Record
from debugex.formats.messages import Request
from debugex.sandbox import FINISHED, Job
from debugex.scenarios.autograder import read_test_pairs
from debugex.scenarios.calls import public_functions, synthesise_calls
from debugex.scenarios.resolve import scenarios_for
from debugex.workflow.inject import inject

ROOT = Path(__file__).resolve().parents[1]

SEARCH = """\
def search(x, seq):
    for i in range(len(seq)):
        if x <= seq[i]:
            return i
    return len(seq)
"""


@pytest.mark.parametrize(("source", "kinds"), [
    (SEARCH, {"x": "any", "seq": "list"}),
    ("def f(word):\n    return word.lower()\n", {"word": "str"}),
    ("def f(n):\n    return n > 3\n", {"n": "number"}),
    ("def f(n):\n    return list(range(n))\n", {"n": "int"}),
    ("def f(d):\n    return list(d.items())\n", {"d": "dict"}),
    ("def f(grid):\n    return grid[0][1]\n", {"grid": "grid"}),
    ("def f(rows):\n    t = 0\n    for row in rows:\n        t += len(row)\n    return t\n",
     {"rows": "grid"}),
    ("def f(words):\n    return [w for w in words]\n", {"words": "any"}),
])
def test_parameter_kinds_come_from_their_use(source, kinds):
    (function,) = public_functions(source)
    assert {p.name: p.kind for p in function.params} == kinds


def test_private_and_star_functions_are_not_called():
    source = "def _helper(x):\n    return x\n\ndef f(*args):\n    return args\n\ndef g():\n" \
             "    return 1\n"
    assert [f.name for f in public_functions(source)] == ["g"]


def test_synthesised_calls_cover_and_tell_mutants_apart(sandbox):
    result = synthesise_calls(SEARCH, sandbox, "Insert x into a sorted sequence.")
    assert 1 <= len(result.scenarios) <= 5
    assert result.line_coverage == 1.0
    assert result.mutants >= 1 and result.distinguished == result.mutants
    # The toml reads back, and the recorded values are what the program returns.
    scenarios = parse_scenarios(result.toml(), "synth.toml")
    assert scenarios == result.scenarios
    outcomes = sandbox.run_many([Job(SEARCH, calls=s.calls) for s in scenarios])
    for scenario, outcome in zip(scenarios, outcomes, strict=True):
        assert outcome.kind == FINISHED and outcome.returns == scenario.returns


def test_an_exercise_without_scenarios_gets_calls(sandbox):
    exercise = Exercise("search", "Insert x.\n", SEARCH, (), None, scenarios_given=False)
    scenarios, note = scenarios_for(exercise, sandbox)
    assert all(s.calls for s in scenarios) and "function scenarios" in note


def _pairs(folder: Path, pairs: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in pairs.items():
        (folder / name).write_text(text)
    return folder


def test_import_reads_pairs_in_number_order(tmp_path):
    folder = _pairs(tmp_path / "tests", {
        "input_10.txt": "search(9, [1])\n", "output_10.txt": "1\n",
        "input_2.txt": "search(42, (-5, 1, 3, 5, 7, 10))\n", "output_2.txt": "6\n",
        "notes.txt": "ignored"})
    imported = read_test_pairs(folder)
    assert [s.name for s in imported.scenarios] == ["test_2", "test_10"]
    assert imported.calls == ["search(42, (-5, 1, 3, 5, 7, 10))", "search(9, [1])"]
    assert parse_scenarios(imported.toml(), "x") == imported.scenarios


@pytest.mark.parametrize(("files", "message"), [
    ({"input_1.txt": "f(1)"}, "input_1.txt: has no output_1.txt beside it"),
    ({"output_3.txt": "1"}, "output_3.txt: has no input_3.txt beside it"),
    ({"input_1.txt": "  \n", "output_1.txt": "1"}, "input_1.txt: is empty"),
    ({"input_1.txt": "f(1)", "output_1.txt": "\n"}, "output_1.txt: is empty"),
    ({"input_1.txt": "x = f(1)", "output_1.txt": "1"}, "is not a Python expression"),
    ({"readme.txt": "hi"}, "no input_N.txt / output_N.txt files"),
])
def test_import_errors_are_located(tmp_path, files, message):
    with pytest.raises(ContentError) as caught:
        read_test_pairs(_pairs(tmp_path / "t", files))
    assert message in str(caught.value)


def test_import_command_writes_beside_the_program(tmp_path):
    exercise = tmp_path / "search"
    exercise.mkdir()
    (exercise / "correct.py").write_text(SEARCH)
    (exercise / "description.txt").write_text("Insert x.\n")
    _pairs(exercise / "tests", {"input_1.txt": "search(3, (1, 3, 5))", "output_1.txt": "1"})
    runner = CliRunner()
    result = runner.invoke(main, ["scenarios", "import", str(exercise / "tests"), "--write",
                                  "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["written"] == str(exercise / "scenarios.toml")
    assert load_exercise(exercise).scenarios[0].returns == ("1",)
    again = runner.invoke(main, ["scenarios", "import", str(exercise / "tests"), "--write"])
    assert again.exit_code == 2 and "exists" in again.output
    (exercise / "tests" / "input_2.txt").write_text("search(1, [])")
    broken = runner.invoke(main, ["scenarios", "import", str(exercise / "tests")])
    assert broken.exit_code == 2 and "has no output_2.txt" in broken.output
    assert "Traceback" not in broken.output


def test_inject_on_a_function_exercise_audits_clean(sandbox):
    exercise = load_exercise(ROOT / "content" / "top_k_without_sort")
    result = inject(exercise, Request(0, 1, 1), 3, sandbox)
    errors = result.errors()
    assert all(e["evidence"]["call"] for e in errors if e["error_class"] != "syntax")
    logical = next(e for e in errors if e["error_class"] == "logical")
    evidence = logical["evidence"]
    assert f"`{evidence['call']}`" in logical["explanation"]
    assert evidence["actual"] in logical["explanation"]
    (audit,) = audit_records([Record("r", result.user_xml, result.assistant_xml)], sandbox,
                             [exercise])
    assert audit.defects == []
