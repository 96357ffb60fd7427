"""Scenario synthesis: programs without scenarios still verify."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from debugex.cli import main
from debugex.content.exercises import Exercise, exercise_folders, load_exercise
from debugex.engine.synthesis_quality import measure, summary
from debugex.formats.messages import Request
from debugex.scenarios.adequacy import logical_mutants
from debugex.scenarios.inputs import add_description_values, analyse, value_pools
from debugex.scenarios.synthesis import distinguishing_input, synthesise
from debugex.workflow.inject import inject

ROOT = Path(__file__).resolve().parents[1]


def test_reads_what_inputs_expect_and_harvests_values():
    source = ('n = int(input())\nw = float(input())\nc = input().strip().lower()\n'
              'if n >= 18 and c == "yes":\n    print(w)\nwhile c != "q":\n    c = input()\n')
    harvest = analyse(source)
    assert [s.kind for s in harvest.sites] == ["int", "float", "str", "str"]
    pools = value_pools(harvest)
    assert {"17", "18", "19"} <= set(pools["int"])
    assert {"yes", "q"} <= set(pools["str"])


def test_inputs_read_as_a_person_types_them():
    source = ('move = input(\'Where to? For example type "2,3"\')\n'
              'row, col = [int(part) for part in move.split(",")]\nprint(row * col)\n')
    harvest = analyse(source)
    add_description_values(harvest, "Read a 4-digit binary number and print its value.")
    strings = set(value_pools(harvest)["str"])
    assert {"2,3", "3,1,2", "1011", "1111"} <= strings  # the prompt's example, the split
    assert "-1" not in harvest.strings
    add_description_values(harvest, "For example, I type:\n\n  My name is Ann\nand see it.")
    assert "My name is Ann" in harvest.strings  # an example set apart on its own line


def test_a_blank_line_is_not_chosen_over_a_typed_answer(sandbox):
    source = 'words = input("Write a sentence: ")\nprint(words[::-1])\n'
    result = synthesise(source, sandbox)
    assert result.scenarios and all(s.stdin[0].strip() for s in result.scenarios)


def test_a_game_that_never_ends_on_the_inputs_tried_is_not_called_incorrect(sandbox):
    # the secret comes from the seeded random generator: no harvested value guesses it
    source = ("import random\nsecret = random.randint(1000, 9999)\n"
              "while int(input('Guess: ')) != secret:\n    print('no')\nprint('yes')\n")
    result = synthesise(source, sandbox)
    assert not result.scenarios and result.problem is None
    assert "asked for more input at line 3 than the 24 lines given" in result.unfound
    assert "scenarios.toml" in result.unfound


def test_program_without_input_gets_one_empty_scenario(sandbox):
    result = synthesise("print('hi')\n", sandbox)
    assert [s.stdin for s in result.scenarios] == [()]
    assert result.line_coverage == 1.0


def test_menu_loop_is_covered(sandbox):
    source = ('total = 0\nwhile True:\n    choice = input("a/s/q: ")\n    if choice == "q":\n'
              '        break\n    elif choice == "a":\n        total += int(input("n: "))\n'
              '    else:\n        print("unknown")\nprint(total)\n')
    result = synthesise(source, sandbox)
    assert 2 <= len(result.scenarios) <= 5
    assert result.line_coverage == 1.0
    assert all(s.stdin[-1] == "q" for s in result.scenarios)


@pytest.mark.heavy
def test_synthesis_over_the_bundled_content(sandbox):
    # Every sixth exercise, a fixed sample: the whole content is what
    # bench/scenario_synthesis.py measures (minutes; too long for every test run).
    exercises = [load_exercise(f) for f in exercise_folders(ROOT / "content")][::6]
    report = summary(measure(exercises, sandbox))
    assert report["found_fraction"] >= 0.9
    assert report["mean_coverage_synthesised"] >= report["mean_coverage_hand_written"] - 0.05


def test_check_and_inject_use_synthesised_scenarios(tmp_path, sandbox):
    folder = tmp_path / "leap"
    folder.mkdir()
    for name in ("correct.py", "description.txt"):
        (folder / name).write_text((ROOT / "content" / "leap_year" / name).read_text())
    result = CliRunner().invoke(main, ["check", "--content", str(tmp_path), "--json"])
    report = json.loads(result.output)
    assert result.exit_code == 0 and report["exercises"][0]["line_coverage"] == 1.0
    assert "synthesised" in report["exercises"][0]["notes"][0]
    exercise = Exercise("leap", "Leap years.\n", (folder / "correct.py").read_text(), (),
                        folder, scenarios_given=False)
    injected = inject(exercise, Request(0, 1, 1), 3, sandbox)
    assert injected.composition.delivered == Request(0, 1, 1)
    assert "synthesised" in injected.note


def test_suggest_command_writes_toml(tmp_path):
    program = tmp_path / "p.py"
    program.write_text("x = int(input())\nif x > 10:\n    print('big')\nelse:\n    print('small')\n")
    runner = CliRunner()
    result = runner.invoke(main, ["scenarios", "suggest", str(program), "--write", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["line_coverage"] == 1.0 and (tmp_path / "scenarios.toml").exists()
    again = runner.invoke(main, ["scenarios", "suggest", str(program), "--write"])
    assert again.exit_code == 2  # never overwrites


AGE = ("age = int(input('Age? '))\nif age >= 18:\n    print('adult')\nelse:\n"
       "    print('minor')\n")


def _shows(source, mutant, scenarios, sandbox):
    return any(sandbox.run(source, s.stdin).stdout != sandbox.run(mutant, s.stdin).stdout
               for s in scenarios)


@pytest.mark.parametrize("source", [AGE, (
    "total = 0\ncount = 0\nn = int(input())\nwhile n != -1:\n    if n > 100:\n"
    "        print('too big')\n    else:\n        total += n\n        count += 1\n"
    "    n = int(input())\nprint(count, total)\n")])
def test_synthesised_scenarios_show_every_injectable_logical_mutant(sandbox, source):
    # Line coverage alone is met by -1 and 100 for `age >= 18`; `>` for `>=` needs 18.
    result = synthesise(source, sandbox)
    mutants = logical_mutants(source)
    assert mutants and AGE.replace(">=", ">") in logical_mutants(AGE)
    assert [m for m in mutants if not _shows(source, m, result.scenarios, sandbox)] == []


def test_distinguishing_input_finds_the_boundary(sandbox):
    stdin = distinguishing_input(AGE, AGE.replace(">=", ">"), sandbox)
    assert stdin is not None and stdin[0] == "18"
    same = AGE.replace("print('adult')", "print('ad' + 'ult')")
    assert distinguishing_input(AGE, same, sandbox) is None


def test_a_computed_bound_is_met_by_constants_together(sandbox):
    source = ("w = float(input())\nh = float(input())\nbmi = w / (h / 100) ** 2\n"
              "print('high' if bmi > 25 else 'fine')\n")
    assert distinguishing_input(source, source.replace("> 25", ">= 25"), sandbox) is not None


def test_description_values_join_the_candidates():
    harvest = analyse("n = int(input())\nprint(n * 2)\n")
    add_description_values(harvest, 'Children under 12 pay half; type "done" to stop.')
    assert 12 in harvest.numbers and "done" in harvest.strings
