"""Prove what an edit is: apply it, run the scenarios, compare with the correct program.

The classes are exactly those of design.md: syntax (compile fails), runtime (compiles,
raises on some scenario), logical (finishes on every scenario, output differs on one);
anything else is rejected with its reason (equivalent, timeout, input_exhausted,
limit_exceeded). Every verdict carries its evidence.
"""

from __future__ import annotations

import ast
import hashlib
import json
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from ..content import Exercise, Scenario
from ..injectors import LOGICAL, RUNTIME, SYNTAX, Edit, ProgramIndex
from ..sandbox import (
    DEFAULT_TIMEOUT,
    EXCEPTION,
    FINISHED,
    INPUT_EXHAUSTED,
    SYNTAX_ERROR,
    Job,
    Outcome,
    Sandbox,
    compile_program,
)
from ..scenarios import (
    CorrectProgramError,
    expected_finish,
    finish_difference,
    first_difference,
    never_finishing,
    raised_early,
    same_value,
    scenarios_for,
)
from .cache import VerdictLog, code_fingerprint
from .entries import readable_ok, shown_ok, state_ok, verdict_ok
from .reach import trace
from .time_limit import time_limit

REJECTED = "rejected"
EQUIVALENT = "equivalent"  # no observable difference on the scenarios
# The audit's two readings of "no difference": proven (same syntax tree) or not (no input
# found that shows one, after a search targeted at the change).
PROVEN_EQUIVALENT = "proven_equivalent"
UNVERIFIED = "unverified"
COMPILE_ONLY = "not provable without scenarios (compile-only check)"
MUTANT_TIMEOUT = 0.5  # seconds; scaled up for a slow correct program (`time_limit.py`)
TRACE_SLACK = 8.0  # the trace of the correct program may take this many time limits
# The file kind of the interplay states' log; a new number whenever what a state entry
# holds changes, so that no run reads entries of another shape.
STATES_KIND = "states2"  # 2: the digest holds each call's returned value
READABLE_KIND = "readable1"  # the same for the log of readable_as answers
SEEDED_KIND = "seeded2"  # what a state showed under another seed, per scenario
UNDER_SEEDS_KIND = "underseeds1"  # a verdict judged again under the other seeds


@dataclass(frozen=True)
class Verdict:
    status: str  # syntax | runtime | logical | rejected
    reason: str | None = None  # why rejected: equivalent, timeout, input_exhausted, ...
    exc_class: str | None = None
    reported_line: int | None = None  # where Python reported it (may differ from the edit)
    scenario: str | None = None  # the scenario that showed it
    message: str = ""
    difference: str | None = None  # logical: the first differing output line
    call: str | None = None  # function scenarios: the call that raised or returned wrongly
    expected: str | None = None  # logical via a call: repr() the correct program returned
    actual: str | None = None  # ... and the repr() this program returned

    @property
    def verified(self) -> bool:
        return self.status != REJECTED

    def to_dict(self) -> dict:
        return {"status": self.status, "reason": self.reason, "exc_class": self.exc_class,
                "reported_line": self.reported_line, "scenario": self.scenario,
                "message": self.message, "difference": self.difference, "call": self.call,
                "expected": self.expected, "actual": self.actual}

    @classmethod
    def from_dict(cls, data: dict) -> Verdict:
        """A verdict read back (from the cache): exactly its fields, each of its type, or
        ValueError (see `entries.py`)."""
        if not verdict_ok(data):
            raise ValueError("not a verdict")
        return cls(**data)

    def summary(self) -> str:
        if self.status == SYNTAX:
            return f"{self.exc_class} reported at line {self.reported_line}: {self.message}"
        if self.status == RUNTIME:
            during = f" during {self.call}" if self.call else ""
            return (f"{self.exc_class} at line {self.reported_line} on scenario "
                    f"{self.scenario!r}{during}: {self.message}")
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
        if raised_early(scenario, outcome):
            return Verdict(RUNTIME, exc_class=outcome.exc_class, reported_line=outcome.line,
                           scenario=scenario.name, message=outcome.message,
                           call=failed_call(scenario, outcome))
    for scenario, outcome, expected in zip(scenarios, outcomes, oracle, strict=True):
        wrong = first_wrong_return(scenario.calls, expected.returns, outcome.returns,
                                   scenario.tolerance, scenario.unordered)
        if wrong is not None:
            call, want, got = wrong
            return Verdict(LOGICAL, scenario=scenario.name, call=call, expected=want,
                           actual=got, difference=f"{call} returned {got} instead of {want}")
        missed = finish_difference(scenario, outcome)
        if missed is not None:  # the expected exception disappeared or changed class
            return Verdict(LOGICAL, scenario=scenario.name, difference=missed)
        if outcome.stdout != expected.stdout:
            return Verdict(LOGICAL, scenario=scenario.name,
                           difference=output_difference(scenario, expected.stdout,
                                                        outcome.stdout))
    return Verdict(REJECTED, reason=EQUIVALENT)


def output_difference(scenario: Scenario, expected: str, actual: str) -> str:
    """The first difference in what the program printed. In a function scenario the
    sandbox's `>>> CALL` lines are left out (no program prints them, so a quote of one
    would mislead), unless only where they fall differs."""
    if scenario.calls:
        def printed(text: str) -> str:
            return "".join(line for line in text.splitlines(keepends=True)
                           if not line.startswith(">>> "))
        want, got = printed(expected), printed(actual)
        if want != got:
            return first_difference(want, got)
    return first_difference(expected, actual)


def first_wrong_return(calls: Sequence[str], expected: Sequence[str], actual: Sequence[str],
                       tolerance: float | None = None, unordered: bool = False
                       ) -> tuple[str, str, str] | None:
    """(call, expected repr, actual repr) of the first call whose value differs, compared
    as Python compares values (`scenarios.same_value`)."""
    for call, want, got in zip(calls, expected, actual, strict=False):
        if not same_value(want, got, tolerance, unordered):
            return call, want, got
    return None


def failed_call(scenario: Scenario, outcome: Outcome) -> str | None:
    """The call during which a run stopped, or None when it stopped at the top level.

    The sandbox writes `>>> CALL` before each call, so a run that stopped in call k has
    returned k values and its output holds the marker of call k."""
    index = len(outcome.returns)
    if index >= len(scenario.calls):
        return None
    marker = f">>> {scenario.calls[index]}"
    return scenario.calls[index] if marker in outcome.stdout.splitlines() else None


@dataclass
class Prepared:
    """An exercise ready for injection: scenarios and oracle known."""

    exercise: Exercise
    scenarios: tuple[Scenario, ...]
    oracle: list[Outcome]
    note: str | None = None  # e.g. "no scenarios: compile-only checks"
    timeout: float = MUTANT_TIMEOUT
    # Lines the correct program ran under the scenarios (None: not known). A hint for
    # where sites are worth proving (`reach.py`), never a claim: the program reports it.
    lines_run: frozenset[int] | None = None
    # The (variable, type name) pairs the same runs saw (`mistyped.py`), as a hint too.
    typed: frozenset[tuple[str, str]] | None = None

    @cached_property
    def program(self) -> ProgramIndex:
        """The one parse the injectors share; built only when sites are looked for (the
        audit and cached catalogues never need it)."""
        return ProgramIndex(self.exercise.source, self.exercise.description)

    @cached_property
    def cache_key(self) -> str:
        """What every verdict on this exercise depends on: the code that judges, the
        program, what each scenario feeds it (stdin, calls) and the time limit. A
        scenario's expected stdout is left out: verdicts compare with the oracle, and a
        catalogue read back from the cache does not carry it, so the key would differ
        between the run that built a catalogue and every run after it."""
        scenarios = tuple((s.name, s.stdin, s.calls, s.returns, s.raises, s.tolerance,
                           s.unordered) for s in self.scenarios)
        return hashlib.sha1(repr((code_fingerprint(), self.exercise.source, scenarios,
                                  self.timeout)).encode()).hexdigest()

    @cached_property
    def verdicts(self) -> VerdictLog:
        """Proven verdicts on whole programs for this exercise, kept between runs."""
        return VerdictLog(self.cache_key, well_formed=verdict_ok)

    @cached_property
    def states(self) -> VerdictLog:
        """What the programs met while fixing a draft's errors did (see `interplay`),
        kept between runs under the same key as the verdicts."""
        return VerdictLog(self.cache_key, kind=STATES_KIND, well_formed=state_ok)

    @cached_property
    def readable(self) -> VerdictLog:
        """Whether the text of a set of edits reads back as those edits (see
        `diffing.readable_as`), kept between runs under the same key as the verdicts."""
        return VerdictLog(self.cache_key, kind=READABLE_KIND, well_formed=readable_ok)

    @cached_property
    def seeded(self) -> VerdictLog:
        """What the programs met while fixing a draft showed under other seeds of
        `random` (the masks of a random program, see `interplay`), per seed and program,
        kept between runs under the same key as the verdicts."""
        return VerdictLog(self.cache_key, kind=SEEDED_KIND, well_formed=shown_ok)

    @cached_property
    def under_seeds(self) -> VerdictLog:
        """Verdicts of a random program's changed programs judged again under the other
        seeds (`seeds.under_seeds`), per program and verdict, kept between runs."""
        return VerdictLog(self.cache_key, kind=UNDER_SEEDS_KIND, well_formed=verdict_ok)

    def jobs(self, source: str, limit: int | None = None) -> list[Job]:
        return [Job(source, s.stdin, timeout=self.timeout, calls=s.calls)
                for s in self.scenarios[:limit]]


def compile_verdict(source: str) -> Verdict:
    """Without scenarios only compilation can be checked (compile-only mode)."""
    compiled = compile_program(source)  # guarded: hostile text must not crash the caller
    if isinstance(compiled, list):
        exc_class, line, message = compiled
        return Verdict(SYNTAX, exc_class=exc_class, reported_line=line, message=message)
    return Verdict(REJECTED, reason=COMPILE_ONLY)


def prepare(exercise: Exercise, sandbox: Sandbox) -> Prepared:
    """Run the correct program once per scenario (the oracle).

    An exercise without scenarios whose program reads input cannot be run: it is
    prepared for compile-only checks, in which only syntax errors can be proven.
    """
    endless = never_finishing([exercise], sandbox)
    if endless:
        raise CorrectProgramError(f"{exercise.slug}: {endless[exercise.slug]}")
    scenarios, note = scenarios_for(exercise, sandbox)
    oracle = sandbox.run_many([Job(exercise.source, s.stdin, calls=s.calls)
                               for s in scenarios])
    if not exercise.scenarios_given and any(o.kind == INPUT_EXHAUSTED for o in oracle):
        return Prepared(exercise, (), [], note=(
            "no scenarios were given and the program reads input, so only compile-only "
            "checks were possible: only syntax errors can be proven"))
    if len(scenarios) > 1 and all(o.kind == EXCEPTION and not expected_finish(s, o)
                                  for s, o in zip(scenarios, oracle, strict=True)):
        raise CorrectProgramError(
            f"{exercise.slug}: the correct program is not correct: it raises on every "
            f"scenario, e.g. {oracle[0].summary()}")
    for scenario, outcome in zip(scenarios, oracle, strict=True):
        if not expected_finish(scenario, outcome):
            raise CorrectProgramError(
                f"{exercise.slug}: the correct program does not finish on scenario "
                f"{scenario.name!r}: {outcome.summary()}")
    limit = time_limit(exercise.source, scenarios, sandbox)
    # a traced run is several times slower: a slow correct program still gets its trace
    traced = trace(exercise.source, scenarios, sandbox,
                   max(DEFAULT_TIMEOUT, limit * TRACE_SLACK))
    return Prepared(exercise, scenarios, oracle, note, timeout=limit,
                    lines_run=traced[0] if traced else None,
                    typed=traced[1] if traced else None)


def judge_sources(requests: Sequence[tuple[Prepared, str]], sandbox: Sandbox,
                  progress: Callable[[int], None] | None = None) -> list[Verdict]:
    """Verdicts for many changed programs at once.

    A verdict already proven for the same program, scenarios and debugex code is taken
    from the exercise's verdict log. A program that does not compile needs no run: it is
    compiled here, with the sandbox's own guarded compile. The rest run in one batch.
    """
    verdicts: list[Verdict | None] = [None] * len(requests)
    jobs: list[Job] = []
    started: list[tuple[int, int]] = []  # request, its first job
    fresh: list[int] = []  # requests proven now, to remember
    for index, (prepared, source) in enumerate(requests):
        known = prepared.verdicts.get(source)
        if known is not None:
            verdicts[index] = Verdict.from_dict(known)
            if progress is not None:
                progress(max(1, len(prepared.scenarios)))
            continue
        fresh.append(index)
        compiled = compile_program(source)
        if isinstance(compiled, list):
            exc_class, line, message = compiled
            verdicts[index] = Verdict(SYNTAX, exc_class=exc_class, reported_line=line,
                                      message=message)
        elif not prepared.scenarios:
            verdicts[index] = Verdict(REJECTED, reason=COMPILE_ONLY)
        else:
            started.append((index, len(jobs)))
            jobs.extend(prepared.jobs(source))
            continue
        if progress is not None:
            progress(max(1, len(prepared.scenarios)))
    outcomes = sandbox.run_many(jobs, progress=progress) if jobs else []
    # What each run showed is kept too, as the interplay's state of the same program
    # (an edit alone, or a draft's whole program), so that it is not run again there.
    states: dict[int, tuple[Prepared, list[tuple[str, dict]]]] = {}
    for index, start in started:
        prepared, source = requests[index]
        mine = outcomes[start:start + len(prepared.scenarios)]
        verdicts[index] = judge(prepared.oracle, mine, prepared.scenarios)
        states.setdefault(id(prepared), (prepared, []))[1].append(
            (source, {"verdict": verdicts[index].to_dict(), "shown": shown_digest(mine)}))
    remembered: dict[int, tuple[Prepared, list[tuple[str, dict]]]] = {}
    for index in fresh:
        prepared, source = requests[index]
        remembered.setdefault(id(prepared), (prepared, []))[1].append(
            (source, verdicts[index].to_dict()))
    for prepared, items in remembered.values():
        prepared.verdicts.put_many(items)
    for prepared, items in states.values():
        prepared.states.put_many(items)
    return verdicts  # type: ignore[return-value]


def shown_digest(outcomes: Sequence[Outcome]) -> str:
    """A digest of what a student sees running a program on every scenario: each run's
    outcome kind, output, exception class and message (line numbers left out), and in a
    function scenario the repr() of every value the calls returned (the call that raised
    is the one after them, and its `>>> CALL` marker is in the output). An error that
    only changes what a function returns is seen; without the values it looked hidden.
    Two runs show the same exactly when their digests are equal."""
    shown = [[o.kind, o.stdout, o.exc_class, o.message, list(o.returns)] for o in outcomes]
    return hashlib.sha1(json.dumps(shown).encode()).hexdigest()


def verify_edits(prepared: Prepared, edits: Sequence[Edit], sandbox: Sandbox,
                 progress: Callable[[int], None] | None = None) -> list[Verdict]:
    """Each edit applied alone to the correct program, classified."""
    source = prepared.exercise.source
    return judge_sources([(prepared, e.apply(source)) for e in edits], sandbox, progress)


def proven_equivalent(source: str, changed: str) -> bool:
    """Whether two programs are the same program: one syntax tree (positions, comments,
    layout and redundant brackets aside), so they compile to the same code."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.dump(ast.parse(source)) == ast.dump(ast.parse(changed))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
