"""`debugex check` on the bundled library and on broken exercises."""

import json
from pathlib import Path

from click.testing import CliRunner

from debugex.cli import main
from debugex.content.exercises import Scenario
from debugex.sandbox import Outcome
from debugex.scenarios.check import CheckResult, _judge_scenario, check_exercises, load_for_check

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"


def write(tmp_path, slug, source, scenarios):
    folder = tmp_path / slug
    folder.mkdir()
    (folder / "description.txt").write_text("A test exercise.\n")
    (folder / "correct.py").write_text(source)
    if scenarios is not None:
        (folder / "scenarios.toml").write_text(scenarios)


def test_bundled_library_passes_with_full_coverage():
    result = CliRunner().invoke(main, ["check", "--json", "--content", str(CONTENT)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["failed"] == 0
    assert report["passed"] >= 60
    assert report["mean_line_coverage"] >= 0.95
    assert all(e["line_coverage"] >= 0.9 for e in report["exercises"])
    # A handful each: enough for every branch and boundary, few enough to read in review.
    assert all(2 <= e["scenarios"] <= 8 for e in report["exercises"])


def test_broken_exercises_fail_with_reasons(tmp_path, sandbox):
    write(tmp_path, "crashes", "n = int(input())\nprint(10 / n)\n",
          '[[scenario]]\nname = "zero"\nstdin = ["0"]\n')
    write(tmp_path, "bad_syntax", "print('x'\n", '[[scenario]]\nname = "a"\nstdin = []\n')
    write(tmp_path, "wrong_stdout", "print('hello')\nprint('there')\n",
          '[[scenario]]\nname = "a"\nstdin = []\nstdout = "hello\\nthem\\n"\n')
    write(tmp_path, "asks_too_much", "a = input()\nb = input()\n",
          '[[scenario]]\nname = "a"\nstdin = ["1"]\n')
    write(tmp_path, "uncovered", "n = int(input())\nif n > 0:\n    print('pos')\nelse:\n"
          "    print('neg')\n", '[[scenario]]\nname = "a"\nstdin = ["4"]\n')
    write(tmp_path, "Bad-Slug", "print(1)\n", None)
    results = {r.slug: r for r in check_exercises(load_for_check(tmp_path, []), sandbox)}
    assert "ZeroDivisionError at line 2" in results["crashes"].problems[0]
    assert "does not compile" in results["bad_syntax"].problems[0]
    assert "output line 2: expected 'them', got 'there'" in results["wrong_stdout"].problems[0]
    assert "input_exhausted" in results["asks_too_much"].problems[0]
    assert results["uncovered"].ok and results["uncovered"].missed_lines == [5]
    assert results["uncovered"].line_coverage == 0.75
    assert "not lower_snake_case" in results["Bad-Slug"].problems[0]


def test_nondeterminism_is_reported():
    result = CheckResult("x")
    scenario = Scenario("s", ())
    _judge_scenario(result, scenario, Outcome("finished", "1\n"), Outcome("finished", "2\n"))
    assert "not deterministic" in result.problems[0]


def test_exit_codes(tmp_path):
    write(tmp_path, "crashes", "print(1 / 0)\n", '[[scenario]]\nname = "a"\nstdin = []\n')
    runner = CliRunner()
    assert runner.invoke(main, ["check", "--content", str(tmp_path)]).exit_code == 1
    assert runner.invoke(main, ["check", "nope", "--content", str(tmp_path)]).exit_code == 2
    assert runner.invoke(main, ["check", "--content", str(tmp_path / "x")]).exit_code == 2


def test_output_that_depends_on_the_hash_seed_fails_the_check(tmp_path, sandbox):
    """A set of strings prints in the order of the seed; a sorted one does not."""
    words = "['pear', 'fig', 'plum', 'kiwi', 'lime', 'date']"
    write(tmp_path, "set_order", "def kinds(words):\n    return set(words)\n",
          f'[[scenario]]\nname = "six"\ncalls = ["kinds({words})"]\n')
    write(tmp_path, "set_sorted", "def kinds(words):\n    return sorted(set(words))\n",
          f'[[scenario]]\nname = "six"\ncalls = ["kinds({words})"]\n')
    write(tmp_path, "printed_set", "words = input().split()\nfor w in set(words):\n"
          "    print(w)\n", '[[scenario]]\nname = "six"\nstdin = ["pear fig plum kiwi lime date"]\n')
    results = {r.slug: r for r in check_exercises(load_for_check(tmp_path, []), sandbox)}
    assert results["set_sorted"].ok, results["set_sorted"].problems
    for slug in ("set_order", "printed_set"):
        problem = results[slug].problems[0]
        assert "depends on the hash seed" in problem and "PYTHONHASHSEED=" in problem, problem
