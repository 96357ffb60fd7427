"""The interplay with fewer runs, and the same answers: a state that does not compile is
known without running it (the outcomes the sandbox would give, built here), a draft
whose fix-one programs fail stops there, and a mask of a random program is followed
under the other seeds only until one seed shows otherwise; its runs are counted apart
and reported by generate."""

from pathlib import Path

from debugex.content.exercises import Exercise, Scenario
from debugex.engine import INTERPLAY_RUNS, RUNS, SECONDS, TimedSandbox
from debugex.engine.interplay import _States, analyse
from debugex.engine.timings import take_timings
from debugex.engine.verify import judge, prepare, shown_digest
from debugex.injectors import Edit
from debugex.workflow.reporting import Tally


class Counting:
    """A sandbox that counts the programs it runs."""

    def __init__(self, inner) -> None:
        self.inner, self.runs = inner, 0

    def run_many(self, jobs, progress=None):
        jobs = list(jobs)
        self.runs += len(jobs)
        return self.inner.run_many(jobs, progress=progress)

    def __getattr__(self, name):
        return getattr(self.inner, name)


def edit(source: str, old: str, new: str, kind: str) -> Edit:
    start = source.index(old)
    return Edit("fixture", kind, start, start + len(old), new,
                source.count("\n", 0, start) + 1)


PLAIN = "n = int(input())\ntotal = n * 2\nprint(total)\nprint(n + 1)\n"


def test_a_state_that_does_not_compile_is_what_running_it_would_show(sandbox):
    exercise = Exercise("plain", "Double a number.\n", PLAIN,
                        (Scenario("three", ("3",)), Scenario("nine", ("9",))), None, True)
    prepared = prepare(exercise, sandbox)
    edits = [edit(PLAIN, "print(total)", "print(total", "syntax"),
             edit(PLAIN, "n + 1", "m + 1", "runtime")]
    counting = Counting(sandbox)
    states = _States(prepared, edits, counting)
    both, syntax_alone = frozenset({0, 1}), frozenset({0})
    states.load([both, syntax_alone])
    assert counting.runs == 0  # neither ran
    for subset in (both, syntax_alone):
        program = PLAIN.replace("print(total)", "print(total")
        if 1 in subset:
            program = program.replace("n + 1", "m + 1")
        ran = sandbox.run_many(prepared.jobs(program))
        assert states.verdict(subset) == judge(prepared.oracle, ran, prepared.scenarios)
        assert states.shown(subset) == shown_digest(ran)
    runtime_alone = frozenset({1})
    assert states.verdict(runtime_alone).status == "runtime"  # this one does run
    assert counting.runs == len(prepared.scenarios)


def test_a_draft_whose_fix_one_program_fails_runs_nothing_more(sandbox):
    source = "n = int(input())\nm = n\nprint(m)\nprint(n * 3)\n"
    exercise = Exercise("three", "Print n and three times n.\n", source,
                        (Scenario("two", ("2",)),), None, True)
    prepared = prepare(exercise, sandbox)
    # The first two cancel out: with the third fixed, nothing is wrong any more.
    edits = [edit(source, "m = n", "m = n + 1", "logical"),
             edit(source, "print(m)", "print(m - 1)", "logical"),
             edit(source, "n * 3", "n * 4", "logical")]
    counting = Counting(sandbox)
    result = analyse(prepared, edits, [2, 3, 4], counting)
    assert not result.ok
    assert result.failures == ["fix-one: with the errors on lines [2, 3] the program is "
                               "rejected (equivalent)"]
    assert not result.order and not result.hidden
    # the whole program and its three fix-one programs, and nothing of the order
    assert counting.runs == 4 * len(prepared.scenarios)


def _base_roll(sandbox) -> int:
    return int(sandbox.run("import random\nprint(random.randint(1, 6))\n").stdout)


def test_a_random_programs_masks_are_kept_only_when_every_seed_shows_them(sandbox):
    """`step` is hidden by the crash under the sandbox's roll and shows once it is fixed,
    but on a roll of `other` it is printed before the crash: under the other seeds that
    mask is dropped. `total - step` is hidden by the crash whatever the roll."""
    other = _base_roll(sandbox) % 6 + 1  # a roll the sandbox's own seed does not give
    source = ("import random\nroll = random.randint(1, 6)\nn = int(input())\nstep = 1\n"
              f"if roll == {other}:\n    print(n + step)\ntotal = n // 1\n"
              "print(total + step)\n")
    exercise = Exercise("roll", "Print n and one more.\n", source,
                        (Scenario("three", ("3",)),), None, True)
    prepared = prepare(exercise, sandbox)
    edits = [edit(source, "step = 1", "step = 2", "logical"),
             edit(source, "n // 1", "n // 0", "runtime"),
             edit(source, "total + step", "total - step", "logical")]
    result = analyse(prepared, edits, [4, 7, 8], sandbox)
    assert result.ok and result.order[0] == 7  # the crash is met first
    assert result.hidden == [(8, 7)]  # (4, 7) does not hold when the roll is `other`


def test_the_interplays_runs_are_counted_apart_and_reported(sandbox):
    source = "n = int(input())\nm = n\nprint(m)\nprint(n * 3)\n"
    exercise = Exercise("counted", "Print n and three times n.\n", source,
                        (Scenario("five", ("5",)),), None, True)
    prepared = prepare(exercise, sandbox)
    edits = [edit(source, "m = n", "m = n + 2", "logical"),
             edit(source, "n * 3", "n * 5", "logical")]
    take_timings()
    timed = TimedSandbox(sandbox)
    timed.run_many(prepared.jobs(source))  # a run of something else
    analyse(prepared, edits, [2, 4], timed)
    counts = take_timings()
    assert 0 < counts[INTERPLAY_RUNS] == counts[RUNS] - len(prepared.scenarios)
    tally = Tally()
    tally.add_stats({SECONDS + k: v for k, v in counts.items()})
    report = tally.summary(Path("b"), 2, 2, False, 1.0, None).to_dict()
    assert report["interplay_runs"] == counts[INTERPLAY_RUNS]
    assert report["interplay_runs_per_draft"] == round(counts[INTERPLAY_RUNS] / 2, 1)
    assert report["runs"] == counts[RUNS]
