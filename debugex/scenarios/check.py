"""`debugex check`: every correct program compiles, finishes, matches, is deterministic.

All runs of all exercises go to the sandbox as one batch, so checking the whole library
costs about as much as its slowest exercise.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..content import ContentError, Exercise, exercise_folders, find_exercise, load_exercise
from ..sandbox import Job, Outcome, Sandbox
from .coverage import line_coverage
from .hash_seeds import ELSEWHERE, hash_seed_change, order_only, runs_under_hash_seeds
from .resolve import CorrectProgramError, never_finishing, scenarios_for
from .values import expected_finish, finish_difference, raised_early, same_value


@dataclass
class CheckResult:
    slug: str
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    line_coverage: float = 0.0
    missed_lines: list[int] = field(default_factory=list)
    scenarios: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict:
        return {"slug": self.slug, "ok": self.ok, "problems": self.problems,
                "notes": self.notes, "line_coverage": round(self.line_coverage, 4),
                "missed_lines": self.missed_lines, "scenarios": self.scenarios}


def first_difference(expected: str, actual: str) -> str:
    """Where two outputs part, for a person."""
    want, got = expected.splitlines(), actual.splitlines()
    for number, (a, b) in enumerate(zip(want, got, strict=False), start=1):
        if a != b:
            return f"output line {number}: expected {a!r}, got {b!r}"
    if len(want) != len(got):
        return f"expected {len(want)} output lines, got {len(got)}"
    return "outputs differ in line endings or trailing spaces"


def load_for_check(content: Path, slugs: Sequence[str]) -> list[Exercise | CheckResult]:
    """Exercises to check; a folder that fails to load becomes a failed result."""
    folders = [find_exercise(content, s) for s in slugs] if slugs else exercise_folders(content)
    loaded: list[Exercise | CheckResult] = []
    for folder in folders:
        try:
            loaded.append(load_exercise(folder))
        except ContentError as exc:
            loaded.append(CheckResult(folder.name, problems=[str(exc)]))
    return loaded


def check_exercises(items: Sequence[Exercise | CheckResult], sandbox: Sandbox,
                    progress: Callable[[int], None] | None = None) -> list[CheckResult]:
    """Run each exercise's scenarios twice plus once traced, and once under each other
    hash seed, and judge the outcomes."""
    plan: list[tuple[Exercise, list]] = []
    jobs: list[Job] = []
    failed: dict[str, CheckResult] = {}
    endless = never_finishing([i for i in items if isinstance(i, Exercise)], sandbox)
    for item in items:
        if isinstance(item, CheckResult):
            continue
        if item.slug in endless:
            failed[item.slug] = CheckResult(item.slug, problems=[endless[item.slug]])
            continue
        try:
            scenarios, note = scenarios_for(item, sandbox)
        except CorrectProgramError as exc:
            failed[item.slug] = CheckResult(item.slug, problems=[str(exc).replace(
                f"{item.slug}: ", "", 1)])
            continue
        plan.append((item, [scenarios, note, len(jobs)]))
        for scenario in scenarios:
            calls = scenario.calls
            jobs.append(Job(item.source, scenario.stdin, calls=calls))
            jobs.append(Job(item.source, scenario.stdin, calls=calls))
            jobs.append(Job(item.source, scenario.stdin, trace_lines=True, calls=calls))
    outcomes = sandbox.run_many(jobs, progress=progress)
    seeded = runs_under_hash_seeds(jobs[::3], workers=sandbox.n_workers)
    by_slug: dict[str, CheckResult] = dict(failed)
    for exercise, (scenarios, note, start) in plan:
        result = CheckResult(exercise.slug, scenarios=len(scenarios))
        if note:
            result.notes.append(note)
        traced: list[Outcome] = []
        for number, scenario in enumerate(scenarios):
            first, second, with_trace = outcomes[start + 3 * number: start + 3 * number + 3]
            traced.append(with_trace)
            _judge_scenario(result, scenario, first, second)
            _judge_hash_seeds(result, scenario, first, {
                seed: runs[(start + 3 * number) // 3] for seed, runs in seeded.items()})
            if first.kind == "syntax_error":
                break
        result.line_coverage, result.missed_lines = line_coverage(
            exercise.source, (o.lines_run for o in traced)) if _compiles(traced) else (0.0, [])
        by_slug[exercise.slug] = result
    return [item if isinstance(item, CheckResult) else by_slug[item.slug] for item in items]


def _compiles(outcomes: list[Outcome]) -> bool:
    return bool(outcomes) and all(o.kind != "syntax_error" for o in outcomes)


def _judge_hash_seeds(result: CheckResult, scenario, first: Outcome,
                      others: dict[int, Outcome]) -> None:
    changed = hash_seed_change(first, others) if first.kind != "syntax_error" else None
    if changed is not None and scenario.unordered and order_only(first, others):
        result.notes.append(
            f"scenario {scenario.name!r}: its returned values come in the order of the hash "
            f"seed (another order under PYTHONHASHSEED={changed[0]}), and it compares them in "
            "any order (unordered = true): the exports ask for them sorted")
    elif changed is not None:
        seed, other = changed
        what = first_difference(first.stdout, other.stdout) if first.stdout != other.stdout \
            else f"it ended {other.summary()}" if other.kind != first.kind \
            else f"the calls returned {', '.join(other.returns)}"
        result.problems.append(
            f"scenario {scenario.name!r}: what it prints depends on the hash seed (the order "
            f"of a set or dict of strings): under PYTHONHASHSEED={seed} instead of the "
            f"sandbox's 0, {what}; {ELSEWHERE}")


def _judge_scenario(result: CheckResult, scenario, first: Outcome, second: Outcome) -> None:
    where = f"scenario {scenario.name!r}"
    if first.kind == "syntax_error":
        result.problems.append(f"correct.py does not compile: {first.summary()}")
        return
    if not expected_finish(scenario, first):
        missed = finish_difference(scenario, first) if not raised_early(scenario, first) \
            else None
        result.problems.append(f"{where}: {missed}" if missed else
                               f"{where}: did not finish cleanly: {first.summary()}")
        return
    if first != second:
        result.problems.append(f"{where}: not deterministic (two runs gave different output: "
                               f"{first_difference(first.stdout, second.stdout)})")
    if scenario.stdout is not None and first.stdout != scenario.stdout:
        result.problems.append(f"{where}: stdout does not match the expected output "
                               f"({first_difference(scenario.stdout, first.stdout)})")
    for call, want, got in zip(scenario.calls, scenario.returns, first.returns, strict=False):
        if not same_value(want, got, scenario.tolerance, scenario.unordered):
            result.problems.append(f"{where}: {call} returns {got}, but the scenario expects "
                                   f"{want}")
