"""Prove what an edit is: apply it, run the scenarios, compare with the correct program.

The classes are exactly those of design.md: syntax (compile fails), runtime (compiles,
raises on some scenario), logical (finishes on every scenario, output differs on one);
anything else is rejected with its reason (equivalent, timeout, input_exhausted,
limit_exceeded). Every verdict carries its evidence.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from .check import first_difference
from .content import Exercise, Scenario
from .injectors import Edit, ProgramIndex
from .injectors.base import LOGICAL, RUNTIME, SYNTAX
from .sandbox import EXCEPTION, FINISHED, INPUT_EXHAUSTED, SYNTAX_ERROR, Job, Outcome, Sandbox
from .scenarios import scenarios_for

REJECTED = "rejected"
EQUIVALENT = "equivalent"
COMPILE_ONLY = "not provable without scenarios (compile-only check)"
MUTANT_TIMEOUT = 0.5  # seconds; correct beginner programs finish in milliseconds


class CorrectProgramError(ValueError):
    """The correct program itself does not finish cleanly on its scenarios."""


@dataclass(frozen=True)
class Verdict:
    status: str  # syntax | runtime | logical | rejected
    reason: str | None = None  # why rejected: equivalent, timeout, input_exhausted, ...
    exc_class: str | None = None
    reported_line: int | None = None  # where Python reported it (may differ from the edit)
    scenario: str | None = None  # the scenario that showed it
    message: str = ""
    difference: str | None = None  # logical: the first differing output line

    @property
    def verified(self) -> bool:
        return self.status != REJECTED

    def to_dict(self) -> dict:
        return {"status": self.status, "reason": self.reason, "exc_class": self.exc_class,
                "reported_line": self.reported_line, "scenario": self.scenario,
                "message": self.message, "difference": self.difference}

    @classmethod
    def from_dict(cls, data: dict) -> Verdict:
        return cls(**data)

    def summary(self) -> str:
        if self.status == SYNTAX:
            return f"{self.exc_class} reported at line {self.reported_line}: {self.message}"
        if self.status == RUNTIME:
            return (f"{self.exc_class} at line {self.reported_line} on scenario "
                    f"{self.scenario!r}: {self.message}")
        if self.status == LOGICAL:
            return f"output differs on scenario {self.scenario!r}: {self.difference}"
        return f"rejected ({self.reason})" + (f" on scenario {self.scenario!r}"
                                               if self.scenario else "")


def judge(oracle: Sequence[Outcome], outcomes: Sequence[Outcome],
          scenarios: Sequence[Scenario]) -> Verdict:
    """Classify a changed program from its outcomes and the correct program's."""
    first = outcomes[0]
    if first.kind == SYNTAX_ERROR:
        return Verdict(SYNTAX, exc_class=first.exc_class, reported_line=first.line,
                       message=first.message)
    for scenario, outcome in zip(scenarios, outcomes, strict=True):
        if outcome.kind not in (FINISHED, EXCEPTION):
            return Verdict(REJECTED, reason=outcome.kind, scenario=scenario.name,
                           reported_line=outcome.line, message=outcome.reason or "")
    for scenario, outcome in zip(scenarios, outcomes, strict=True):
        if outcome.kind == EXCEPTION:
            return Verdict(RUNTIME, exc_class=outcome.exc_class, reported_line=outcome.line,
                           scenario=scenario.name, message=outcome.message)
    for scenario, outcome, expected in zip(scenarios, outcomes, oracle, strict=True):
        if outcome.stdout != expected.stdout:
            return Verdict(LOGICAL, scenario=scenario.name,
                           difference=first_difference(expected.stdout, outcome.stdout))
    return Verdict(REJECTED, reason=EQUIVALENT)


@dataclass
class Prepared:
    """An exercise ready for injection: scenarios and oracle known."""

    exercise: Exercise
    scenarios: tuple[Scenario, ...]
    oracle: list[Outcome]
    note: str | None = None  # e.g. "no scenarios: compile-only checks"
    timeout: float = MUTANT_TIMEOUT

    @cached_property
    def program(self) -> ProgramIndex:
        """The one parse the injectors share; built only when sites are looked for (the
        audit and cached catalogues never need it)."""
        return ProgramIndex(self.exercise.source, self.exercise.description)

    def jobs(self, source: str, limit: int | None = None) -> list[Job]:
        return [Job(source, s.stdin, timeout=self.timeout) for s in self.scenarios[:limit]]


def compile_verdict(source: str) -> Verdict:
    """Without scenarios only compilation can be checked (compile-only mode)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(source, "program.py", "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:
        return Verdict(SYNTAX, exc_class=type(exc).__name__,
                       reported_line=getattr(exc, "lineno", None),
                       message=getattr(exc, "msg", "") or str(exc))
    return Verdict(REJECTED, reason=COMPILE_ONLY)


def prepare(exercise: Exercise, sandbox: Sandbox) -> Prepared:
    """Run the correct program once per scenario (the oracle).

    An exercise without scenarios whose program reads input cannot be run: it is
    prepared for compile-only checks, in which only syntax errors can be proven.
    """
    scenarios, note = scenarios_for(exercise, sandbox)
    oracle = sandbox.run_many([Job(exercise.source, s.stdin) for s in scenarios])
    if not exercise.scenarios_given and any(o.kind == INPUT_EXHAUSTED for o in oracle):
        return Prepared(exercise, (), [], note=(
            "no scenarios were given and the program reads input, so only compile-only "
            "checks were possible: only syntax errors can be proven"))
    for scenario, outcome in zip(scenarios, oracle, strict=True):
        if outcome.kind != FINISHED:
            raise CorrectProgramError(
                f"{exercise.slug}: the correct program does not finish on scenario "
                f"{scenario.name!r}: {outcome.summary()}")
    return Prepared(exercise, scenarios, oracle, note)


def judge_sources(requests: Sequence[tuple[Prepared, str]], sandbox: Sandbox,
                  progress: Callable[[int], None] | None = None) -> list[Verdict]:
    """Verdicts for many changed programs at once.

    Two sandbox batches: first each program on its first scenario, which is all a
    program that does not compile needs; then the other scenarios of those that ran.
    Compiling happens in the workers, beside the runs, not in this process."""
    verdicts: list[Verdict | None] = [None] * len(requests)
    first_jobs: list[Job] = []
    first_of: list[int] = []
    for index, (prepared, source) in enumerate(requests):
        if not prepared.scenarios:
            verdicts[index] = compile_verdict(source)
        else:
            first_jobs.append(prepared.jobs(source, limit=1)[0])
            first_of.append(index)
    firsts = sandbox.run_many(first_jobs, progress=progress) if first_jobs else []
    rest_jobs: list[Job] = []
    rest_of: list[tuple[int, Outcome, int]] = []  # request, first outcome, start in rest
    for index, outcome in zip(first_of, firsts, strict=True):
        prepared, source = requests[index]
        if outcome.kind == SYNTAX_ERROR:
            verdicts[index] = Verdict(SYNTAX, exc_class=outcome.exc_class,
                                      reported_line=outcome.line, message=outcome.message)
            continue
        rest_of.append((index, outcome, len(rest_jobs)))
        rest_jobs.extend(prepared.jobs(source)[1:])
    rests = sandbox.run_many(rest_jobs, progress=progress) if rest_jobs else []
    for index, first, start in rest_of:
        prepared = requests[index][0]
        count = len(prepared.scenarios) - 1
        verdicts[index] = judge(prepared.oracle, [first, *rests[start:start + count]],
                                prepared.scenarios)
    return verdicts  # type: ignore[return-value]


def verify_edits(prepared: Prepared, edits: Sequence[Edit], sandbox: Sandbox,
                 progress: Callable[[int], None] | None = None) -> list[Verdict]:
    """Each edit applied alone to the correct program, classified."""
    source = prepared.exercise.source
    return judge_sources([(prepared, e.apply(source)) for e in edits], sandbox, progress)
