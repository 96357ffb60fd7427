"""Red team, cause 5: the student cannot reach the answer through `debugex play`.

Each payload is what a student can write in the file `play` hands out, or do to the files
beside it; each asserts its win condition false: the correct program's text or code never
reaches the student's output, a file that only reaches for the answer is never "done",
and an edited `.play.json` never makes a wrong program "done"."""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner
from lxml import etree
from teach_helpers import CONTENT, REQUEST

from debugex.cli import main
from debugex.commands import play as command
from debugex.exports import questions_for, write_coderunner, write_notebooks
from debugex.sandbox import Sandbox
from debugex.student import Target, error_changes, load_task, resolve_target, start_play, state_path
from debugex.student.state import digest
from debugex.workflow import (
    TaskMaker,
    split_tasks,
)

ROOT = Path(__file__).resolve().parents[2]

# Walks up from a traceback's frame to the zygote and through the garbage collector
# (reached from object's subclasses: `gc` and `sys` are not importable), collecting every
# program text and every code object of another program (the zygote's warm-up is one);
# prints what it found.
REACH = '''\
def _reach():
    texts, foreign, frames = [], 0, 0
    bi = [c for c in ().__class__.__base__.__subclasses__()
          if c.__name__ == "BuiltinImporter"][0]
    gc = bi.load_module("gc")
    mine = set()
    def own(code):
        mine.add(code)
        for const in code.co_consts:
            if type(const).__name__ == "code":
                own(const)
    def take(value):
        nonlocal foreign
        if type(value) is str and "print(" in value and "_reach" not in value:
            texts.append(value)
        elif type(value).__name__ == "code" and value.co_filename == "program.py" \\
                and value not in mine:
            foreign += 1
            texts.append("CODE " + repr(value.co_names) + repr(value.co_consts))
    def scan(value):
        take(value)
        if type(value) is dict:
            for key, item in list(value.items()):
                take(key)
                take(item)
    try:
        raise ZeroDivisionError
    except ZeroDivisionError as error:
        frame = error.__traceback__.tb_frame
    while frame is not None:
        frames += 1
        if frame.f_code.co_name == "<module>" and frame.f_code.co_filename == "program.py":
            own(frame.f_code)
        for value in list(frame.f_locals.values()):
            scan(value)
            for item in list(getattr(value, "__dict__", {}).values()):
                scan(item)
        frame = frame.f_back
    gc.unfreeze()  # the zygote froze its objects: get_objects() would not list them
    for value in gc.get_objects():
        scan(value)
        if type(value).__name__ == "Zygote":
            for key, item in list(value.codes.items()):
                take(key)
                take(item)
    print("REACHED", frames, "FOREIGN CODE", foreign)
    for text in texts:
        print("FOUND", text)
_reach()
'''
# One line that finds the correct line NTH in its zygote's code cache (through the garbage
# collector, the zygote's objects unfrozen) and runs it: a cached
# program that is the student's (bugged) program outside the error lines (from --hint),
# whose line NTH differs from the bugged one and is not this payload (the correct program,
# or one judged alone with the student's change at another error).
ANSWER = ('[k[NTH] for gc in [[c for c in ().__class__.__base__.__subclasses__() '
          'if c.__name__ == "BuiltinImporter"][0].load_module("gc")] '
          'for o in (gc.unfreeze(), gc.get_objects())[1] '
          'if type(o).__name__ == "Zygote" for k in map(str.splitlines, o.codes) '
          'if len(k) == len(BUGGED) and "load_module" not in k[NTH] '
          'and k[NTH] != BUGGED[NTH] and all(k[i] == BUGGED[i] for i in range(len(k)) '
          'if i + 1 not in ERRS)][0].strip()')


@pytest.fixture(scope="module", autouse=True)
def play_key(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))
        yield


@pytest.fixture()
def game(sandbox, tmp_path):
    target = resolve_target("leap_year", CONTENT, None, tmp_path / "generated", REQUEST, 0)
    started = start_play(target, tmp_path / "leap_year.py", sandbox)
    return started.task, started.file


def answer_lines(task) -> list[str]:
    """The lines of the correct program the student must find: those the errors changed."""
    bugged = set(task.bugged.splitlines())
    return [line.strip() for line in task.correct.splitlines()
            if line.strip() and line not in bugged]


def check(file, capsys, as_json=True):
    code = command.run_check(file, False, as_json)
    out = capsys.readouterr()
    return code, out.out + out.err


def test_frame_walking_finds_no_answer_in_the_students_run(game, capsys):
    task, file = game
    file.write_text(REACH + task.bugged)
    code, out = check(file, capsys)
    result = json.loads(out)
    actual = "".join(f["actual"] for f in result["failing"])
    # The payload ran and walked up to the zygote (win condition below is not vacuous).
    assert result["failing"] and "REACHED" in actual
    assert all(int(f["actual"].split("REACHED ")[1].split()[0]) >= 3
               for f in result["failing"])
    # It found no line of the answer, and no code object of the exercise's program
    # (the correct one names is_leap_year and says "leap year").
    for line in answer_lines(task):
        assert line not in out
    found = [line for line in actual.splitlines() if line.startswith("FOUND")]
    assert not [line for line in found if "is_leap_year" in line or "leap year" in line]
    assert code == 1 and not result["done"]


def test_error_lines_that_take_the_answer_from_the_cache_are_not_fixed(game, capsys):
    """The red team's file: each error line (from --hint) replaced by one that runs the
    same line of the correct program, taken from the zygote's code cache."""
    task, file = game
    lines = task.bugged.splitlines()
    known = ANSWER.replace("ERRS", repr(set(task.lines))).replace("BUGGED", repr(lines))
    for n in task.lines:
        text = lines[n - 1]
        indent = text[:len(text) - len(text.lstrip())]
        assert not text.lstrip().startswith(("return", "if", "else", "elif", "for", "while"))
        lines[n - 1] = indent + "exec(" + known.replace("NTH", str(n - 1)) + ")"
    file.write_text("\n".join(lines) + "\n")
    code, out = check(file, capsys)
    result = json.loads(out)
    assert code == 1 and not result["done"]
    # Found nowhere (before the fix it made an error "fixed in your own way" and its
    # other line "changes nothing"): no error fixed, every scenario fails, and the line
    # judged alone is an error of its own.
    assert result["fixed"] == 0 and len(result["failing"]) == result["scenarios"]
    assert all(c["class"] is not None for c in result["other_changes"])
    code, out = check(file, capsys, as_json=False)
    assert "Well done" not in out and "All 2 errors fixed" not in out
    for line in answer_lines(task):
        assert line not in out


def test_the_students_program_never_shares_a_zygote(game, capsys, monkeypatch):
    """Every Sandbox a check starts runs one program; none is the correct or the bugged
    program, and the student's program runs in none that made the oracle."""
    task, file = game
    runs: list[tuple[Sandbox, str]] = []
    real = Sandbox.run_many

    def spy(self, jobs, progress=None):
        jobs = list(jobs)
        runs.extend((self, job.source) for job in jobs)
        return real(self, jobs, progress)

    monkeypatch.setattr(Sandbox, "run_many", spy)
    # An error fixed in the student's own way, the other left, a change elsewhere.
    fixed_otherwise = error_changes(task)[1].apply(task.correct).replace(
        "    print(year, \"is a leap", "    pass; print(year, \"is a leap")
    student = fixed_otherwise + "unused = 0\n"
    file.write_text(student)
    check(file, capsys)
    # The oracle is made in a sandbox of its own, or read back from the sealed cache of
    # prepared exercises (then no sandbox ran the correct program at all).
    oracle = {id(box) for box, source in runs if source == task.correct}
    checking = [(box, s) for box, s in runs if id(box) not in oracle]
    by_box: dict[int, set[str]] = {}
    for box, source in checking:
        by_box.setdefault(id(box), set()).add(source)
    assert len(by_box) >= 3  # the student's program and two programs judged alone
    assert all(len(sources) == 1 for sources in by_box.values())
    assert [s for s in by_box.values() if student in s]
    assert not any({task.correct, task.bugged} & s for s in by_box.values())
    # The sandbox that made the oracle never ran the student's program.
    assert not any(source == student for box, source in runs if id(box) in oracle)


def test_an_edited_state_does_not_make_a_wrong_program_done(game, capsys):
    task, file = game
    path = state_path(file)
    state = json.loads(path.read_text())
    state.update(done=True, fixed=2, states=["fixed", "fixed"], hints=[1, 2, 3])
    path.write_text(json.dumps(state))
    code, out = check(file, capsys, as_json=False)
    assert code == 1 and "Errors fixed: 0 of 2." in out and "Well done" not in out
    # The hints it counts are not signed: anything there is only a count to start again.
    state["hints"] = "all of them"
    path.write_text(json.dumps(state))
    assert command.run_check(file, True, False) == 1
    assert "for this error: look at line" in capsys.readouterr().out
    (given,) = json.loads(path.read_text())["hints"]
    assert given["line"] in task.lines and given["level"] == 1


def test_a_state_pointed_at_a_forged_answer_is_refused(game, sandbox, capsys, tmp_path):
    """The state says which answer the file is graded against: pointed at a content
    folder whose correct program is the student's wrong one (digest made to match), it
    would grade any program "done"; it is refused instead."""
    task, file = game
    state = json.loads(state_path(file).read_text())
    logical = state["classes"].index("logical")
    wrong = error_changes(task)[logical].apply(task.correct)  # runs, prints the wrong thing
    forged = tmp_path / "forged"
    shutil.copytree(CONTENT / "leap_year", forged / "leap_year")
    (forged / "leap_year" / "correct.py").write_text(wrong)
    target = Target(**{**state["target"], "content": str(forged)})
    forged_task = load_task(target, sandbox)
    assert forged_task.correct == wrong  # without the signature this grades `wrong` done
    state.update(target=state["target"] | {"content": str(forged)},
                 bugged_sha256=digest(forged_task.bugged))
    state_path(file).write_text(json.dumps(state))
    file.write_text(wrong)
    code, out = check(file, capsys, as_json=False)
    assert code == 2 and "has been changed since play started" in out
    assert "Well done" not in out
    # A signature made with another key is no better.
    state["signature"] = "0" * 64
    state_path(file).write_text(json.dumps(state))
    assert check(file, capsys)[0] == 2


def test_a_changed_answer_behind_the_game_is_refused(sandbox, capsys, tmp_path):
    """The exercise edited after play started (its correct program is now the student's
    wrong one, the bugged program the same): the keyed digest of the answer tells it."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT / "leap_year", content / "leap_year")
    target = resolve_target("leap_year", content, None, tmp_path / "g", REQUEST, 0)
    started = start_play(target, tmp_path / "mine.py", sandbox)
    task = started.task
    wrong = error_changes(task)[started.classes.index("logical")].apply(task.correct)
    (content / "leap_year" / "correct.py").write_text(wrong)
    started.file.write_text(wrong)
    code, out = check(started.file, capsys, as_json=False)
    assert code == 2 and "Well done" not in out


def debugex(*args: str | bytes, cwd) -> subprocess.CompletedProcess:
    """The real command in a new process (argv as bytes, as a shell passes them)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", "from debugex.cli import main; main()",
                           *args], capture_output=True, cwd=cwd, env=env, timeout=300)


def test_lone_surrogates_give_a_sentence_not_a_traceback(game, tmp_path):
    """Cause 7, play's half: a program that prints a lone surrogate, a file name and a
    target that are not UTF-8 (a shell hands them over as bytes), a file that holds an
    encoded surrogate."""
    task, file = game
    file.write_text('print("\\ud800")\n' + task.bugged)
    shown = debugex("play", "--check", str(file), cwd=tmp_path)
    assert shown.returncode == 1 and b"Traceback" not in shown.stderr, shown.stderr
    assert b"\\ud800" in shown.stdout and b"Errors fixed: 0 of 2." in shown.stdout
    as_json = debugex("play", "--check", str(file), "--json", cwd=tmp_path)
    assert as_json.returncode == 1 and b"Traceback" not in as_json.stderr
    result = json.loads(as_json.stdout)
    assert all(f["actual"].startswith("\ud800\n") for f in result["failing"])

    missing = debugex("play", "--check", b"a\xff.py", cwd=tmp_path)
    assert missing.returncode == 2 and b"Traceback" not in missing.stderr
    assert missing.stderr.startswith(b"debugex play: a\\udcff.py does not exist")
    unknown = debugex("play", b"\xff", "--content", str(CONTENT), "--no-watch", cwd=tmp_path)
    assert unknown.returncode == 2 and b"Traceback" not in unknown.stderr
    assert b"is neither an exercise nor a draft id" in unknown.stderr

    started = debugex("play", "leap_year", "--content", str(CONTENT), "--no-watch",
                      "--file", b"b\xff.py", cwd=tmp_path)
    assert started.returncode == 0 and b"b\\udcff.py holds a program" in started.stdout
    (tmp_path / os.fsdecode(b"b\xff.py")).write_bytes(b'print("\xed\xa0\x80")\n')
    encoded = debugex("play", "--check", b"b\xff.py", cwd=tmp_path)
    assert encoded.returncode == 2 and b"Traceback" not in encoded.stderr
    assert b"is not UTF-8 text (byte 0xed)" in encoded.stderr


TASK_SEED = 2


@pytest.fixture(scope="module")
def tasks(sandbox):
    """A stdin exercise and a function exercise, one draft each."""
    # TASK_SEED: each draft changes a line that appears nowhere else in its program (under
    # seed 0 count_matches changes only lines its other function repeats, leaving nothing
    # that could leak)
    made, left_out = split_tasks(TaskMaker(sandbox, CONTENT).from_exercises(
        ["leap_year", "count_matches"], REQUEST, TASK_SEED))
    assert not left_out and len(made) == 2
    return made


def test_no_student_side_artefact_holds_the_answer(tasks, sandbox, tmp_path):
    """What the student is handed: the notebook (all of it), a CodeRunner question's
    student-visible fields (its `answer` stays on the Moodle server), and the files of
    `play`. None holds a line of the correct program that the errors changed."""
    answers = {t.name: answer_lines(t) for t in tasks}
    assert all(answers.values())
    notebooks, left_out = write_notebooks(tasks, tmp_path / "notebooks")
    assert not left_out and len(notebooks) == 2
    for path in notebooks:
        raw = path.read_text(encoding="utf-8")
        notebook = nbformat.reads(raw, as_version=4)
        sources = "\n".join(cell.source for cell in notebook.cells)
        for lines in answers.values():
            for line in lines:
                assert line not in sources and json.dumps(line)[1:-1] not in raw
        assert "expected" in sources  # the oracle's outputs are there, as data

    questions, left_out = questions_for(tasks, sandbox)
    assert not left_out, left_out
    quiz = write_coderunner(questions, tmp_path / "quiz.xml")
    for node in etree.parse(str(quiz)).getroot().iterfind("question[@type='coderunner']"):
        visible = [node.findtext("name/text"), node.findtext("questiontext/text"),
                   node.findtext("answerpreload"),
                   *(case.findtext(f"{tag}/text") for case in node.iter("testcase")
                     for tag in ("testcode", "stdin", "expected"))]
        text = "\n".join(v or "" for v in visible)
        task = next(t for t in tasks if t.bugged == node.findtext("answerpreload"))
        assert node.findtext("answer") == task.correct  # the server's model answer
        for line in answers[task.name]:
            assert line not in text and html.escape(line) not in text

    for task in tasks:
        target = resolve_target(task.exercise, CONTENT, None, tmp_path / "g", REQUEST,
                                TASK_SEED)
        started = start_play(target, tmp_path / f"{task.exercise}.py", sandbox)
        handed = started.file.read_text() + state_path(started.file).read_text()
        assert started.task.correct == task.correct
        for line in answers[task.name]:
            assert line not in handed and json.dumps(line)[1:-1] not in handed


def test_play_says_it_is_for_practice():
    shown = CliRunner().invoke(main, ["play", "--help"])
    assert shown.exit_code == 0
    assert "For practice, not for an exam" in " ".join(shown.output.split())
