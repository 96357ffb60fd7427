"""What a run of the student's program showed on one scenario, in plain words: the
failing scenarios with their transcripts (a function scenario's calls with what each
printed and returned), every wrong call, and endings said as a person would."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..sandbox import (
    EXCEPTION,
    FINISHED,
    INPUT_EXHAUSTED,
    LIMIT_EXCEEDED,
    SYNTAX_ERROR,
    TIMEOUT,
    Outcome,
)
from ..scenarios import first_difference
from ..workflow import Case

# The time the student's whole program has per scenario: a beginner's program finishes
# in milliseconds, so a run past this is read as an endless loop.
STUDENT_TIMEOUT = 2.0


@dataclass
class WrongCall:
    call: str
    got: str  # repr() the student's function returned
    want: str  # repr() the correct one returned

    def sentence(self) -> str:
        return f"{self.call} returned {self.got} instead of {self.want}"


@dataclass
class Failure:
    """One scenario the student's program still gets wrong, with what it showed."""

    scenario: str
    stdin: tuple[str, ...]
    calls: tuple[str, ...]
    expected: str  # the transcript of the correct program (with returned values)
    actual: str  # the transcript of the student's program
    problem: str  # one line: the exception, the ending, the first differing line
    exception: str | None = None  # "NameError at line 7: name 'yer' is not defined"
    line: int | None = None  # where the student's program stopped with an exception
    wrong_calls: list[WrongCall] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"scenario": self.scenario, "stdin": list(self.stdin),
                "calls": list(self.calls), "expected": self.expected, "actual": self.actual,
                "problem": self.problem, "exception": self.exception, "line": self.line,
                "wrong_calls": [{"call": w.call, "returned": w.got, "expected": w.want}
                                for w in self.wrong_calls]}


def seconds(limit: float) -> str:
    return f"{limit:g} s"


def ending(outcome: Outcome, given: int, limit: float) -> str:
    """How a run that did not finish ended, in plain words."""
    if outcome.kind == TIMEOUT:
        return f"did not finish in {seconds(limit)}: an endless loop?"
    if outcome.kind == INPUT_EXHAUSTED:
        return (f"asked for more input than the scenario gives ({given} "
                f"line{'s' if given != 1 else ''})")
    if outcome.kind == LIMIT_EXCEEDED and outcome.reason == "output limit":
        return "printed more than the output limit: an endless loop that prints?"
    if outcome.kind == LIMIT_EXCEEDED and outcome.exc_class == "RecursionError":
        return "called itself too deeply (RecursionError): a recursion that never stops?"
    if outcome.kind == LIMIT_EXCEEDED and outcome.exc_class == "MemoryError":
        return "used more memory than allowed: a list that grows without end?"
    if outcome.kind == SYNTAX_ERROR:
        return f"does not compile: {outcome.summary()}"
    return f"was stopped: {outcome.reason or outcome.kind}"


def transcript(calls: Sequence[str], stdout: str, returns: Sequence[str]) -> str:
    """A function scenario as the interactive prompt would show it: each call, what it
    printed, then the value it returned. Without calls: the output as printed."""
    if not calls:
        return stdout
    parts: dict[int, list[str]] = {}
    index = -1
    for line in stdout.splitlines():
        if index + 1 < len(calls) and line == f">>> {calls[index + 1]}":
            index += 1
            parts[index] = []
        elif index >= 0:
            parts[index].append(line)
    out = []
    for number, call in enumerate(calls):
        if number not in parts:
            break  # not reached: an earlier call raised or the run stopped
        out.append(f">>> {call}")
        out.extend(parts[number])
        if number < len(returns):
            out.append(returns[number])
    return "\n".join(out) + ("\n" if out else "")


def failures(cases: Sequence[Case], outcomes: Sequence[Outcome],
             limit: float = STUDENT_TIMEOUT) -> list[Failure]:
    """The scenarios the student's program gets wrong, each with its evidence."""
    out = []
    for case, outcome in zip(cases, outcomes, strict=True):
        exception, line, wrong = None, None, []
        if outcome.kind == EXCEPTION:
            line = outcome.line
            where = f" at line {outcome.line}" if outcome.line else ""
            exception = f"{outcome.exc_class}{where}: {outcome.message}"
            failed = case.calls[len(outcome.returns)] if len(outcome.returns) < len(
                case.calls) else None
            problem = f"stopped with {exception}" + (f" during {failed}" if failed else "")
        elif outcome.kind != FINISHED:
            problem = ending(outcome, len(case.stdin), limit)
        else:
            problem = ""
        wrong = [WrongCall(c, g, w) for c, w, g in zip(case.calls, case.returns,
                                                       outcome.returns, strict=False)
                 if w != g]
        if not problem:
            if wrong:
                problem = wrong[0].sentence() if len(wrong) == 1 else \
                    f"{len(wrong)} of {len(case.calls)} calls returned a wrong value"
            elif outcome.stdout != case.stdout:
                problem = first_difference(case.stdout, outcome.stdout)
            else:
                continue
        out.append(Failure(case.name, case.stdin, case.calls,
                           transcript(case.calls, case.stdout, case.returns),
                           transcript(case.calls, outcome.stdout, outcome.returns),
                           problem, exception, line, wrong))
    return out
