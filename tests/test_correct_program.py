"""A correct program that is not correct (never finishes, or raises on every input) is
refused by every command, quickly, with the reason."""

import time

import pytest
from click.testing import CliRunner

from debugex.audit.grade import audit_records
from debugex.cli import main
from debugex.content.exercises import Exercise, Scenario
from debugex.engine.verify import prepare
from debugex.formats.dataset import Record
from debugex.formats.messages import (
    AssistantMessage,
    Request,
    UserMessage,
    render_assistant,
    render_user,
)
from debugex.scenarios.check import check_exercises
from debugex.scenarios.resolve import CorrectProgramError
from debugex.scenarios.synthesis import synthesise

LOOPING = 'n = int(input("n? "))\ntotal = 0\nwhile True:\n    total += n\nprint(total)\n'
CRASHING = ('n = int(input("n? "))\ntotal = 0\nfor i in range(n):\n    total += i\n'
            'print(total / 0)\n')
SPINNING = "count = 0\nwhile count >= 0:\n    count += 1\nprint(count)\n"
CASES = [(LOOPING, "does not finish"), (CRASHING, "raises on every input"),
         (SPINNING, "does not finish")]


@pytest.mark.parametrize("source,reason", CASES)
def test_synthesis_names_the_problem(sandbox, source, reason):
    started = time.perf_counter()
    result = synthesise(source, sandbox)
    assert result.scenarios == () and reason in (result.problem or "")
    # A generous bound (the machine may be loaded): the probe, not a full search, decides.
    assert time.perf_counter() - started < 60


@pytest.mark.parametrize("source,reason", CASES)
def test_check_and_prepare_refuse_it(sandbox, source, reason):
    exercise = Exercise("broken", "Sum.\n", source, (), None, scenarios_given=False)
    [result] = check_exercises([exercise], sandbox)
    assert not result.ok and reason in result.problems[0]
    with pytest.raises(CorrectProgramError, match=reason):
        prepare(exercise, sandbox)


def test_given_scenarios_that_all_raise_are_refused(sandbox):
    exercise = Exercise("crash", "Sum.\n", CRASHING, (Scenario("a", ("3",)),
                                                      Scenario("b", ("5",))), None)
    with pytest.raises(CorrectProgramError, match="raises on every scenario"):
        prepare(exercise, sandbox)


def test_audit_reports_it(sandbox):
    user = render_user(UserMessage("Sum.", CRASHING, Request(1, 0, 0)))
    assistant = render_assistant(AssistantMessage("t", CRASHING.replace("):", ")"), (3,),
                                                  ("Line 3: the colon is missing.",)))
    [audit] = audit_records([Record("r", user, assistant)], sandbox)
    assert [d["kind"] for d in audit.defects] == ["correct_program_fails"]
    assert "raises on every input" in audit.defects[0]["detail"]


@pytest.mark.parametrize("before,after", [(["scenarios", "suggest"], []),
                                          (["inject"], ["--syntax", "1"])])
def test_commands_refuse_with_exit_1(tmp_path, before, after, sandbox):
    program = tmp_path / "crash.py"
    program.write_text(CRASHING)
    result = CliRunner().invoke(main, [*before, str(program), *after])
    assert result.exit_code == 1 and "raises on every input" in result.output


def test_given_scenarios_that_never_finish_are_refused_after_one_short_run(sandbox):
    exercise = Exercise("loop", "Sum.\n", LOOPING, (Scenario("a", ("3",)),
                                                    Scenario("b", ("5",))), None)
    [result] = check_exercises([exercise], sandbox)
    assert result.problems == ["the correct program is not correct: it does not finish on "
                               "scenario 'a' (time-out after 1 s of CPU)"]
    with pytest.raises(CorrectProgramError, match="does not finish on scenario 'a'"):
        prepare(exercise, sandbox)


def test_generate_reports_the_refused_exercise_and_exits_1(tmp_path):
    folder = tmp_path / "content" / "crash"
    folder.mkdir(parents=True)
    (folder / "correct.py").write_text(CRASHING)
    (folder / "description.txt").write_text("Sum the numbers below n.\n")
    result = CliRunner().invoke(main, ["generate", "--content", str(tmp_path / "content"),
                                       "--per-exercise", "1", "--workers", "1", "--out",
                                       str(tmp_path / "out")])
    assert result.exit_code == 1 and "raises on every input" in result.output
