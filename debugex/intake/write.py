"""Write planned exercises into a content folder, then check each against its own tests.

An exercise is written whole or not at all (each file atomically, the folder renamed into
place last), never over an existing one. Then the correct program runs in the sandbox on
its scenarios: `debugex check`'s rules (finishes, deterministic, covered), and every test
read is held against what the program returned, compared as the test compares it.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..content import load_exercise
from ..formats import write_atomic
from ..sandbox import FINISHED, Job, Sandbox
from ..scenarios import Case, check_exercises, first_difference, read_value, same_value
from .plan import Planned


@dataclass
class Imported:
    planned: Planned
    written: Path | None = None
    skipped: str | None = None  # why it was not written
    problems: list[str] = field(default_factory=list)  # check and tests that fail
    tests_hold: int = 0
    line_coverage: float = 0.0

    @property
    def ok(self) -> bool:
        return self.written is not None and not self.problems


def toml_text(planned: Planned) -> str:
    lines = [f"# Imported by debugex from {planned.found.origin}"]
    if planned.unread:
        lines.append(f"# Not read ({len(planned.unread)}): these tests are not scenarios")
        lines += [f"#   {u}" for u in planned.unread]
    for scenario in planned.scenarios:
        lines += ["", "[[scenario]]", f"name = {_string(scenario.name)}"]
        if scenario.calls:
            lines.append("calls = [" + ", ".join(map(_string, scenario.calls)) + "]")
            if scenario.returns:
                lines.append("returns = [" + ", ".join(map(_string, scenario.returns)) + "]")
            if scenario.raises:
                lines.append(f"raises = {_string(scenario.raises)}")
            if scenario.tolerance is not None:
                lines.append(f"tolerance = {scenario.tolerance!r}")
            if scenario.unordered:
                lines.append("unordered = true")
        else:
            lines.append("stdin = [" + ", ".join(map(_string, scenario.stdin)) + "]")
    return "\n".join(lines) + "\n"


def _string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a TOML basic string


def write(planned: Planned, into: Path, replace: bool = False) -> Imported:
    result = Imported(planned)
    if planned.problem:
        result.skipped = planned.problem
        return result
    target = into / planned.slug
    if target.exists() and not replace:
        result.skipped = f"{target} exists (--replace writes over it)"
        return result
    into.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{planned.slug}.", dir=into))
    try:
        write_atomic(staging / "correct.py", planned.found.source)
        description = planned.found.description or f"The program {planned.found.name}."
        write_atomic(staging / "description.txt", description.rstrip() + "\n")
        if planned.scenarios:
            write_atomic(staging / "scenarios.toml", toml_text(planned))
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        result.skipped = f"could not write {target}: {exc.strerror or exc}"
        return result
    result.written = target
    return result


def check_imported(results: list[Imported], sandbox: Sandbox, progress=None) -> None:
    """`debugex check` on every written exercise, then each test read held against the
    correct program's values."""
    written = [r for r in results if r.written is not None]
    exercises = []
    for result in written:
        try:
            exercises.append(load_exercise(result.written))
        except ValueError as exc:  # ContentError: our own writing, so a bug if it happens
            result.problems.append(str(exc))
            exercises.append(None)
    loaded = [e for e in exercises if e is not None]
    checks = {c.slug: c for c in check_exercises(loaded, sandbox, progress=progress)}
    jobs, owners = [], []
    for result, exercise in zip(written, exercises, strict=True):
        if exercise is None:
            continue
        check = checks[exercise.slug]
        result.problems += check.problems
        result.line_coverage = check.line_coverage
        for scenario in exercise.scenarios:
            jobs.append(Job(exercise.source, scenario.stdin, calls=scenario.calls))
            owners.append((result, scenario))
    outcomes = sandbox.run_many(jobs) if jobs else []
    for (result, scenario), outcome in zip(owners, outcomes, strict=True):
        _hold_tests(result, scenario, outcome)
    _hold_stdin_tests(written, exercises, sandbox)


# Some CodeRunner question types echo each line a program reads, so their expected
# outputs hold the input too; the check runs the program with the same echo.
ECHO = ("def input(prompt='', _read=input):\n"
        "    line = _read(prompt)\n"
        "    print(line)\n"
        "    return line\n")


def _hold_stdin_tests(written: list[Imported], exercises: list, sandbox: Sandbox) -> None:
    jobs, owners = [], []
    for result, exercise in zip(written, exercises, strict=True):
        checks = dict(result.planned.stdin_checks)
        for scenario in exercise.scenarios if exercise is not None else ():
            if scenario.name in checks:
                echo = ECHO if result.planned.found.echo_input else ""
                jobs.append(Job(echo + exercise.source, scenario.stdin))
                owners.append((result, scenario.name, checks[scenario.name]))
    for (result, name, expected), outcome in zip(owners, sandbox.run_many(jobs) if jobs
                                                 else [], strict=True):
        if outcome.kind == FINISHED and _lines(outcome.stdout) == _lines(expected):
            result.tests_hold += 1
        elif outcome.kind == FINISHED:
            result.problems.append(
                f"test {name!r}: the output is not the test's expected output "
                f"({first_difference(_lines(expected), _lines(outcome.stdout))})")


def _printed_by_call(stdout: str, call: str) -> str:
    """What a call printed: the output after its `>>> CALL` marker."""
    marker = f">>> {call}\n"
    return stdout.split(marker, 1)[1] if marker in stdout else ""


def _hold_tests(result: Imported, scenario, outcome) -> None:
    planned = result.planned
    cases = planned.case_map.get(scenario.name, [])
    for index, case in enumerate(cases):
        got = outcome.returns[index] if index < len(outcome.returns) else None
        if case.how in {"printed", "output"} and got is not None:
            shown = _printed_by_call(outcome.stdout, case.call)
            if case.how == "printed":
                value = read_value(got)
                shown += f"{value if isinstance(value, str) else got}\n"
            got = repr(shown)
        verdict = case_holds(case, got, outcome)
        if verdict is None:
            result.tests_hold += 1
        else:
            result.problems.append(f"{case.name} (test line {case.line}): {verdict}")


def _lines(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.rstrip().splitlines())


def case_holds(case: Case, got: str | None, outcome) -> str | None:
    """None when the correct program passes the test, else what went wrong."""
    if case.how == "raises":
        if got is None and outcome.exc_class == case.raises:
            return None
        return (f"{case.call} should raise {case.raises}, but "
                + (f"returned {got}" if got is not None else f"raised {outcome.exc_class}"))
    if got is None:
        return f"{case.call} did not return: {outcome.summary()}"
    value = read_value(got)
    expected = read_value(case.expected) if case.expected is not None else None
    checks = {
        "equal": lambda: same_value(case.expected, got),
        "almost": lambda: same_value(case.expected, got, case.places),
        "count_equal": lambda: same_value(case.expected, got, unordered=True),
        "not_equal": lambda: not same_value(case.expected, got),
        "true": lambda: bool(value), "false": lambda: not value,
        "in": lambda: value in expected, "contains": lambda: expected in value,
        "not_in": lambda: expected not in value,
        "printed": lambda: _lines(value) == _lines(case.expected or ""),
        "output": lambda: _lines(value) == _lines(case.expected or ""),
    }
    try:
        holds = checks[case.how]()
    except (TypeError, KeyError, ValueError):
        holds = False
    if holds:
        return None
    return f"{case.call} returns {got}; the test expects {case.how.replace('_', ' ')} " \
           f"{case.expected}" if case.expected is not None else \
           f"{case.call} returns {got}; the test expects it to be {case.how}"
