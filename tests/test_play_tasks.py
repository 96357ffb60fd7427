"""`debugex play --task expose` and `--task locate`: an input counts when the bugged
program's outcome on it differs from the correct program's (and the correct output is
never said); error lines are graded with the rule for a removed statement, then the fix
follows."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from teach_helpers import CONTENT

from debugex.cli import main
from debugex.commands import play as command
from debugex.engine import told_line
from debugex.formats import Request
from debugex.student import read_state, resolve_target, start_play, task_lines
from debugex.student.grading import grade
from debugex.student.locate import locate
from debugex.workflow import Task


@pytest.fixture(scope="module", autouse=True)
def play_key(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))
        yield


def started(sandbox, folder, slug, request, kind):
    target = resolve_target(slug, CONTENT, None, folder, request, 0)
    return start_play(target, folder / f"{slug}.py", sandbox, kind)


def check(capsys, file, **options):
    code = command.run_check(file, False, options.pop("as_json", False), **options)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("slug, request_", [("leap_year", Request(0, 1, 1)),
                                            ("caesar_encode_function", Request(0, 0, 2))])
def test_expose_counts_exactly_the_inputs_the_bugged_program_gets_wrong(
        sandbox, tmp_path, capsys, slug, request_):
    """Each scenario of the exercise tried as the student's input: it exposes an error
    exactly when the bugged program fails it, and once every failing one is tried
    every error is exposed. No correct output the bugged program does not print is
    ever said."""
    game = started(sandbox, tmp_path, slug, request_, "expose")
    task = game.task
    failing = {f.scenario for f in grade(task, task.bugged).failures}
    assert failing
    codes = []
    for case in sorted(task.cases, key=lambda c: c.name in failing):
        code, out, _ = check(capsys, game.file, stdin=case.stdin, calls=case.calls,
                             as_json=True)
        result = json.loads(out)
        assert result["exposes"] == (case.name in failing), (case.name, result)
        assert all(line in task.lines for line in result["lines"])
        text = result["said"]
        bugged_out = next(f.actual for f in grade(task, task.bugged).failures
                          if f.scenario == case.name) if case.name in failing else ""
        hidden = [line for line in case.stdout.splitlines() + list(case.returns)
                  if line.strip() and line not in bugged_out]
        assert not any(line in text for line in hidden)
        codes.append(code)
    state = read_state(game.file)
    assert state["exposed"] == list(range(len(task.lines))) and codes[-1] == 0
    assert [e["exposes"] for e in state["log"]] == [c.name in failing for c in sorted(
        task.cases, key=lambda c: c.name in failing)]


def test_expose_refuses_what_is_not_an_input_of_the_task(sandbox, tmp_path, capsys):
    game = started(sandbox, tmp_path, "caesar_encode_function", Request(0, 0, 2), "expose")
    # The way to try a call is shown with a placeholder: a scenario's call could expose.
    told = "\n".join(task_lines(game))
    assert '--call "encode(...)"' in told
    assert not any(call in told for case in game.task.cases for call in case.calls)
    for call, words in [("__import__('os').getcwd()", "give a call of encode"),
                        ("encode.__code__", "give a call of encode"),
                        ("encode(text, 1)", "each argument must be a value written out"),
                        ("encode('a',", "is not a Python call")]:
        code, out, err = check(capsys, game.file, calls=(call,))
        assert code == 2 and words in err and not out
    code, _, err = check(capsys, game.file, stdin=("abc",))
    assert code == 2 and "checked by calling its functions" in err
    # Nothing to shift: the bugged function does what the correct one does.
    code, out, _ = check(capsys, game.file, calls=("encode('', 3)",))
    assert code == 1 and out.splitlines() == [
        "No error exposed: on your input the program does what the correct program does: "
        "this input exposes no error.", "Errors exposed so far: 0 of 2."]
    code, _, err = check(capsys, game.file)
    assert code == 2 and "this game's task is expose" in err


def test_an_input_the_correct_program_cannot_take_is_not_counted(sandbox, tmp_path, capsys):
    game = started(sandbox, tmp_path, "leap_year", Request(0, 1, 1), "expose")
    code, out, _ = check(capsys, game.file, stdin=("not a year",))
    assert code == 1 and out.startswith("Not counted: the correct program cannot take this "
                                        "input either (it stops with ValueError)")
    assert read_state(game.file)["exposed"] == []
    game = started(sandbox, tmp_path, "grade_calculator", Request(0, 1, 1), "expose")
    code, out, _ = check(capsys, game.file, stdin=("Ada", "90"))
    assert code == 1 and out == ("Not counted: the program reads more lines than the 2 you "
                                 "gave: give one --input per line it reads.\n")


def test_locate_then_fix(sandbox, tmp_path, capsys):
    game = started(sandbox, tmp_path, "grade_calculator", Request(1, 1, 1), "locate")
    task, file = game.task, game.file
    lines = sorted(set(task.lines))
    spare = next(n for n in range(1, 40) if n not in task.lines)
    code, out, _ = check(capsys, file, lines=f"{lines[0]},{spare}")
    assert code == 1
    assert out.splitlines() == [f"Right: line {lines[0]} holds an error.",
                                f"Line {spare} holds no error.",
                                f"Errors located: {task.lines.count(lines[0])} of "
                                f"{len(task.lines)}."]
    # Found lines are kept: the rest completes the task, and fixing follows.
    code, out, _ = check(capsys, file, lines=" ".join(map(str, lines[1:])), as_json=True)
    assert code == 0 and json.loads(out)["done"]
    assert read_state(file)["task"] == "fix"
    code, out, _ = check(capsys, file)
    assert code == 1 and out.startswith(f"Errors fixed: 0 of {len(task.lines)}.")
    code, _, err = check(capsys, file, lines="1")
    assert code == 2 and "--lines goes with a locate game; this game's task is fix" in err
    code, _, err = check(capsys, file, lines="0")
    assert code == 2


LOOP = "total = 0\nfor n in range(3):\n    total += n\n    print(n)\n\nprint(total)\n"
# (situation, correct, bugged, lines named, right, wrong, said near a missing statement)
LOCATIONS = [
    ("a changed line", LOOP, LOOP.replace("total += n", "total -= n"), [3], [3], [], False),
    ("removed inside its block: told at the next line", LOOP,
     LOOP.replace("    total += n\n", ""), [3], [3], [], False),
    ("removed inside its block: the line it stood on before is near", LOOP,
     LOOP.replace("    total += n\n", ""), [2], [], [2], True),
    ("removed at the end of its block: told at the block's last line", LOOP,
     LOOP.replace("    print(n)\n", ""), [3], [3], [], False),
    ("removed at the end of its block: the blank line after is near", LOOP,
     LOOP.replace("    print(n)\n", ""), [4], [], [4], True),
    ("far from any missing statement", LOOP, LOOP.replace("    print(n)\n", ""), [1],
     [], [1], False),
]


@pytest.mark.parametrize("correct, bugged, named, right, wrong, near",
                         [row[1:] for row in LOCATIONS], ids=[row[0] for row in LOCATIONS])
def test_lines_are_graded_with_the_rule_for_a_removed_statement(correct, bugged, named,
                                                                 right, wrong, near):
    start = correct.index(next(line for line in correct.splitlines(keepends=True)
                               if line not in bugged.splitlines(keepends=True)))
    end = start + len(next(line for line in correct.splitlines(keepends=True)
                           if line not in bugged.splitlines(keepends=True)))
    diff_line = bugged[:start].count("\n") + 1
    told = told_line(correct, start, end, diff_line)
    task = Task("t", "t", "", correct, bugged, (told,), ("",), ())
    result = locate(task, named)
    assert (result.right, result.wrong, result.near_removal) == (right, wrong, near)
    assert result.done == bool(right)


def test_the_command_line_wires_every_option(tmp_path, monkeypatch):
    """The options as typed: a locate game started and tried, a misplaced option, the
    report with its CSV, and the usage errors (exit code 2 with a sentence)."""
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def play(*args):
        return runner.invoke(main, ["play", *map(str, args)])

    started_ = play("leap_year", "--content", CONTENT, "--task", "locate")
    assert started_.exit_code == 0 and "Before fixing them" in started_.output
    tried = play("--check", "leap_year.py", "--lines", "1", "--json")
    assert tried.exit_code == 1 and json.loads(tried.output)["wrong"] == [1]
    misplaced = play("--check", "leap_year.py", "--input", "2024")
    assert misplaced.exit_code == 2
    assert "--input and --call go with an expose game" in misplaced.output
    report = play("--report", tmp_path, "--csv", tmp_path / "out.csv", "--json")
    assert report.exit_code == 0 and json.loads(report.output)["exercises"][0]["games"] == 1
    assert (tmp_path / "out.csv").read_text().startswith("file,exercise,")
    for args, words in [(["--csv", "x.csv", "leap_year"], "--csv FILE goes with --report"),
                        (["--report", tmp_path, "leap_year"], "--report FOLDER goes alone"),
                        (["leap_year", "--lines", "3"], "go with --check FILE"),
                        (["leap_year", "--task", "guess"], "'guess' is not one of")]:
        result = play(*args)
        assert result.exit_code == 2 and words in result.output, (args, result.output)
