"""`debugex play`: the student's file is checked error by error (with the audit's change
recovery) and scenario by scenario, in a new process too, without giving the answer."""

from __future__ import annotations

import json
import os
from unittest import mock

import pytest
from teach_helpers import CONTENT, REQUEST, write_batch

from debugex.changes import recover_changes
from debugex.commands import play as command
from debugex.formats import Request
from debugex.student import MAX_HINTS, error_changes, resolve_target, start_play, state_path
from debugex.student.grading import _apply_all


@pytest.fixture(scope="module", autouse=True)
def play_key(tmp_path_factory):
    """States are signed with a per-user key: this module's own, not the home folder's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))
        yield


@pytest.fixture(scope="module")
def game(sandbox, tmp_path_factory):
    """leap_year started in a fresh folder: (task, file)."""
    folder = tmp_path_factory.mktemp("play")
    target = resolve_target("leap_year", CONTENT, None, folder / "generated", REQUEST, 0)
    started = start_play(target, folder / "leap_year.py", sandbox)
    assert not started.resumed and len(started.task.lines) == 2
    return started.task, started.file


def fresh(file, text):
    """The file as the student saved it, with no hint given yet (hints are counted in
    the state, unsigned, and tests sharing a game must not see each other's)."""
    file.write_text(text)
    state = json.loads(state_path(file).read_text())
    state["hints"] = []
    state_path(file).write_text(json.dumps(state))


def check(file, capsys, hint=False, as_json=False):
    code = command.run_check(file, hint, as_json)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_state_beside_the_file_does_not_hold_the_answer(game):
    task, file = game
    assert file.read_text() == task.bugged
    state = json.loads(state_path(file).read_text())
    assert state["errors"] == 2 and sorted(state["classes"]) == ["logical", "runtime"]
    text = state_path(file).read_text()
    wrong_lines = [task.correct.splitlines()[n - 1] for n in task.lines]
    assert not any(json.dumps(line)[1:-1] in text for line in wrong_lines)


def test_check_on_the_bugged_file_lists_every_error_as_remaining(game, capsys):
    task, file = game
    code, out, _ = check(file, capsys, as_json=True)
    result = json.loads(out)
    assert code == 1 and result["fixed"] == 0 and result["states"] == ["remaining"] * 2
    assert result["failing"] and all(f["expected"] for f in result["failing"])
    code, out, _ = check(file, capsys)
    assert "Errors fixed: 0 of 2." in out and "expected output:" in out
    # The evidence, never the answer: no line of the correct program that was changed.
    for line in task.lines:
        assert task.correct.splitlines()[line - 1].strip() not in out


def test_partly_fixed_file(game, capsys, tmp_path):
    task, file = game
    left = error_changes(task)[1]  # only the second error is still there
    file.write_text(left.apply(task.correct))
    code, out, _ = check(file, capsys, as_json=True)
    result = json.loads(out)
    assert code == 1 and result["states"] == ["fixed", "remaining"]
    assert "Errors fixed: 1 of 2." in check(file, capsys)[1]


def test_hint_gives_the_line_of_an_error_still_there(game, capsys):
    task, file = game
    fresh(file, task.bugged)
    code, out, _ = check(file, capsys, hint=True, as_json=True)
    assert json.loads(out)["hint"]["line"] in task.lines
    left = error_changes(task)[0]
    fresh(file, left.apply(task.correct))
    code, out, _ = check(file, capsys, hint=True)
    assert f"Hint 1 of {MAX_HINTS} for this error: look at line {left.line}." in out


def test_a_change_on_an_error_line_that_does_not_fix_it_is_not_fixed_yet(game, capsys):
    """`; pass` after the statement of a logical error: the line changed, the error is
    still there, and it is said so with what that place still shows."""
    task, file = game
    index = json.loads(state_path(file).read_text())["classes"].index("logical")
    line = task.lines[index]
    lines = task.bugged.splitlines(keepends=True)
    assert not lines[line - 1].rstrip().endswith(":"), "a simple statement"
    lines[line - 1] = lines[line - 1].rstrip("\n") + "; pass\n"
    file.write_text("".join(lines))
    code, out, _ = check(file, capsys, as_json=True)
    result = json.loads(out)
    assert result["states"][index] == "remaining" and result["other_changes"] == []
    (tried,) = result["not_fixed_yet"]
    assert tried["line"] == line and tried["shows"].startswith("a logical error (scenario ")
    out = check(file, capsys)[1]
    assert f"Line {line}: changed, but not fixed yet: on its own your change there still " \
        f"gives {tried['shows']}." in out
    assert "which had no error" not in out


def test_an_unrelated_change_is_told_apart(game, capsys):
    task, file = game
    file.write_text(task.bugged + "unused = 0\n")
    code, out, _ = check(file, capsys, as_json=True)
    result = json.loads(out)
    assert result["fixed"] == 0
    assert result["other_changes"] == [{"line": task.bugged.count("\n") + 1, "class": None,
                                        "reason": "equivalent",
                                        "shows": "no difference on any scenario"}]
    assert "which had no error: on its own it changes nothing" in check(file, capsys)[1]


def test_the_correct_file_is_all_fixed(game, capsys):
    task, file = game
    file.write_bytes(("\ufeff" + task.correct.rstrip("\n")).replace("\n", "\r\n").encode())
    code, out, _ = check(file, capsys)
    assert code == 0
    assert out.startswith(f"All 2 errors fixed and all {len(task.cases)} scenarios pass.")


def test_play_a_draft_of_a_batch(sandbox, tmp_path, capsys, monkeypatch):
    draft_id = write_batch(tmp_path / "generated" / "b1", "leap_year", sandbox, seed=3)
    code = command.run(draft_id, tmp_path / "mine.py", CONTENT, None, tmp_path / "generated",
                       REQUEST, 0, False, False)
    out = capsys.readouterr().out
    assert code == 0 and "mine.py holds a program for this task" in out
    assert json.loads(state_path(tmp_path / "mine.py").read_text())["target"]["kind"] == "draft"
    # Playing it again takes up the same file instead of overwriting the student's work.
    (tmp_path / "mine.py").write_text("work in progress\n")
    assert command.run(draft_id, tmp_path / "mine.py", CONTENT, None, tmp_path / "generated",
                       REQUEST, 0, False, False) == 0
    assert "taken up where you left it" in capsys.readouterr().out
    assert (tmp_path / "mine.py").read_text() == "work in progress\n"
    # Without --file, the file is named after the exercise, not the draft id.
    monkeypatch.chdir(tmp_path)
    assert command.run(draft_id, None, CONTENT, None, tmp_path / "generated", REQUEST, 0,
                       False, False) == 0
    assert "leap_year.py holds a program" in capsys.readouterr().out
    assert (tmp_path / "leap_year.py").is_file() and not (tmp_path / f"{draft_id}.py").exists()


def test_bad_input_says_what_is_wrong(tmp_path, capsys):
    code = command.run("no_such_exercise", None, CONTENT, None, tmp_path, REQUEST, 0,
                       False, False)
    assert code == 2 and "neither an exercise nor a draft id" in capsys.readouterr().err
    assert check(tmp_path / "missing.py", capsys)[::2] == (
        2, f"debugex play: {tmp_path / 'missing.py'} does not exist (start a game with "
           "`debugex play EXERCISE`, which writes it)\n")
    (tmp_path / "mine.py").write_text("print(1)\n")
    assert check(tmp_path / "mine.py", capsys)[::2] == (
        2, f"debugex play: {tmp_path / 'mine.py'} was not started with debugex play (no "
           "mine.py.play.json beside it): run `debugex play EXERCISE` first\n")
    (tmp_path / "taken.py").write_text("x = 1\n")
    code = command.run("leap_year", tmp_path / "taken.py", CONTENT, None, tmp_path, REQUEST,
                       0, False, False)
    assert code == 2 and "already exists" in capsys.readouterr().err


def test_watch_checks_each_save_until_all_is_fixed(game, capsys):
    task, file = game
    file.write_text(task.bugged)
    saves = iter([error_changes(task)[0].apply(task.correct), task.correct])

    def save_next(seconds):
        # Stands in for time.sleep in the watch loop: the student saves between polls.
        text = next(saves, None)
        if text is not None:
            file.write_text(text)
            stamp = file.stat().st_mtime_ns + 10_000_000 * (2 if text == task.correct else 1)
            os.utime(file, ns=(stamp, stamp))

    with mock.patch.object(command.time, "sleep", save_next):
        assert command.watch(task, file, interval=0) == 0
    out = capsys.readouterr().out
    assert out.count("--- checking") == 2
    assert "Errors fixed: 1 of 2." in out and "All 2 errors fixed" in out


def test_a_fix_of_ones_own_counts_when_every_scenario_passes(game, capsys):
    """A different program at an error's place (here `pass; ` before the correct
    statement: another syntax tree, the same behaviour) fixes it in the student's way."""
    task, file = game
    lines = task.correct.splitlines(keepends=True)
    compound = ("if ", "elif ", "else", "for ", "while ", "def ", "try", "except", "with ")
    simple = [n for n in task.lines if not lines[n - 1].strip().startswith(compound)]
    assert simple, "leap_year's draft has an error on a simple statement"
    line = lines[simple[0] - 1]
    indent = line[:len(line) - len(line.lstrip())]
    lines[simple[0] - 1] = indent + "pass; " + line.lstrip()
    file.write_text("".join(lines))
    code, out, _ = check(file, capsys, as_json=True)
    result = json.loads(out)
    assert code == 0 and result["done"] and "fixed_otherwise" in result["states"]
    assert "1 of them in your own way" in check(file, capsys)[1]


def test_a_file_deleted_while_watching_is_said_once(game, capsys):
    task, file = game
    file.write_text(task.bugged)
    # Per poll: gone, still gone (said), still gone (not said again), saved fixed.
    steps = iter(["delete", None, None, task.correct])

    def step(seconds):
        action = next(steps, None)
        if action == "delete":
            file.unlink()
        elif action is not None:
            file.write_text(action)

    with mock.patch.object(command.time, "sleep", step):
        assert command.watch(task, file, interval=0) == 0
    out = capsys.readouterr()
    assert out.err.count("is gone (deleted or moved): save it again") == 1
    assert "All 2 errors fixed" in out.out


@pytest.fixture(scope="module")
def three_kinds(sandbox, tmp_path_factory):
    """grade_calculator with a syntax, a runtime and a logical error: (task, file, classes)."""
    folder = tmp_path_factory.mktemp("kinds")
    target = resolve_target("grade_calculator", CONTENT, None, folder, Request(1, 1, 1), 0)
    started = start_play(target, folder / "grade_calculator.py", sandbox)
    assert sorted(started.classes) == ["logical", "runtime", "syntax"]
    return started.task, started.file, started.classes


def test_hints_come_in_the_order_python_reports_and_grow_stronger(three_kinds, capsys):
    task, file, classes = three_kinds
    changes = error_changes(task)
    syntax, runtime = classes.index("syntax"), classes.index("runtime")
    fresh(file, task.bugged)
    hints = [json.loads(check(file, capsys, hint=True, as_json=True)[1])["hint"]
             for _ in range(MAX_HINTS + 1)]
    # The syntax error first, wherever it is: nothing else runs before it is fixed.
    assert [(h["error"], h["level"]) for h in hints[:MAX_HINTS]] == \
        [(syntax, n) for n in range(1, MAX_HINTS + 1)]
    assert hints[0]["text"] == f"look at line {task.lines[syntax]}."
    assert hints[1]["text"].startswith(f"line {task.lines[syntax]}: ")
    assert "Python's words for it are" in hints[2]["text"]
    # Its hints spent, the next error met gets its first one, and that is said.
    assert (hints[3]["level"], hints[3]["error"]) == (1, runtime)
    assert f"No more hints for the error on line {task.lines[syntax]}" in hints[3]["text"]
    # With the syntax error fixed, what raises comes before the logical error.
    file.write_text(_apply_all(task.correct, [c for i, c in enumerate(changes)
                                              if i != syntax]))
    hint = json.loads(check(file, capsys, hint=True, as_json=True)[1])["hint"]
    assert (hint["error"], hint["level"]) == (runtime, 2)
    assert "this line is meant to be" in hint["text"]


def test_function_scenarios_show_values_and_every_wrong_call(sandbox, tmp_path, capsys):
    target = resolve_target("caesar_encode_function", CONTENT, None, tmp_path,
                            Request(0, 0, 2), 0)
    started = start_play(target, tmp_path / "caesar.py", sandbox)
    code, out, _ = check(started.file, capsys, as_json=True)
    failing = json.loads(out)["failing"]
    assert failing and all(f["calls"] for f in failing)
    text = check(started.file, capsys)[1]
    for failure, case in ((f, next(c for c in started.task.cases if c.name == f["scenario"]))
                          for f in failing):
        wrong = [w["call"] for w in failure["wrong_calls"]]
        assert wrong == [c for c, want, got in zip(case.calls, case.returns,
                                                   failure["actual"].splitlines()[1::2],
                                                   strict=True) if want != got]
        for call, value in zip(case.calls, case.returns, strict=True):
            assert f">>> {call}\n{value}\n" in failure["expected"]
        if len(wrong) > 1:
            assert all(f"    {w['call']} returned {w['returned']} instead of "
                       f"{w['expected']}" in text for w in failure["wrong_calls"])


LETTERS = '''    if score >= 90:
        return "A"
    elif score >= 80:
        return "B"
    elif score >= 70:
        return "C"
    elif score >= 60:
        return "D"
    else:
        return "F"
'''
AS_A_LOOP = '''    for limit, letter in ((90, "A"), (80, "B"), (70, "C"), (60, "D")):
        if score >= limit:
            return letter
    return "F"
'''


def test_a_rewrite_is_judged_as_a_whole(three_kinds, capsys):
    """A block retyped another way: the diff reads it as pieces on neighbouring lines,
    each wrong alone; together they are right, so the error in the block is fixed in
    the student's way and no piece is called a new error."""
    task, file, classes = three_kinds
    assert LETTERS in task.correct
    file.write_text(task.correct.replace(LETTERS, AS_A_LOOP))
    code, out, _ = check(file, capsys, as_json=True)
    result = json.loads(out)
    assert code == 0 and result["done"] and result["other_changes"] == []
    assert result["states"][classes.index("logical")] == "fixed_otherwise"
    quality = result["quality"]
    assert not quality["minimal"] and quality["lines_changed"] > quality["lines_needed"]
    text = check(file, capsys)[1]
    assert f"You rewrote {quality['lines_changed']} lines; the 3 errors needed 3." in text
    assert "which had no error" not in text and "not fixed yet" not in text


def test_changes_at_one_offset_apply_in_text_order():
    """An inserted line and a new indentation of the line after it start at the same
    offset: the inserted line comes first, as in the student's file."""
    correct = "def f():\n    return 1\n"
    student = "def f():\n    x = 1\n    return x\n"
    assert _apply_all(correct, recover_changes(correct, student)) == student
    student = "def f():\n    if True:\n        return 1\n"
    assert _apply_all(correct, recover_changes(correct, student)) == student
