"""Classifying each recovered change of a record: what the scenarios show, and for a
change they do not show, a proof of equivalence or a search for an input that shows it.

A program that asks for more input than a scenario gives is not rejected here (the
generator rejects it, for its own drafts): a student sees it stop and wait for an answer
the correct program never asks for, which is an observable difference of its behaviour."""

from __future__ import annotations

from collections.abc import Sequence

from ..content import Scenario
from ..engine import (
    EQUIVALENT,
    PROVEN_EQUIVALENT,
    REJECTED,
    UNVERIFIED,
    Verdict,
    judge,
)
from ..injectors import LOGICAL
from ..sandbox import INPUT_EXHAUSTED, Job, Sandbox
from ..scenarios import distinguishing_input
from .proofs import same_program
from .reading import Pending


def judge_on(item: Pending, changed: str, inputs: Sequence[tuple[str, ...]],
              sandbox: Sandbox) -> Verdict:
    """A changed program judged on inputs found by the audit (not the record's scenarios)."""
    scenarios = [Scenario(f"found_by_audit_{n + 1}", stdin) for n, stdin in enumerate(inputs)]
    runs = sandbox.run_many([Job(item.user.program, s.stdin) for s in scenarios]
                            + [Job(changed, s.stdin, timeout=item.prepared.timeout)
                               for s in scenarios])
    return judge(runs[:len(scenarios)], runs[len(scenarios):], scenarios)


def settle(item: Pending, verdicts: Sequence[Verdict], sandbox: Sandbox
            ) -> tuple[list[Verdict], list[tuple[str, ...]]]:
    """A change that made no difference on the scenarios is either proven the same
    program (one syntax tree), or searched once more with inputs aimed at it (the
    boundaries of its comparisons); if still nothing differs it is unverified. Returns
    the verdicts and the inputs the search found."""
    settled = list(verdicts)
    found: list[tuple[str, ...]] = []
    source = item.user.program
    for index, verdict in enumerate(verdicts):
        if verdict.status == REJECTED and verdict.reason == INPUT_EXHAUSTED:
            settled[index] = waiting(item, item.changes[index].apply(source), sandbox)
        if verdict.status != REJECTED or verdict.reason != EQUIVALENT:
            continue
        changed = item.changes[index].apply(source)
        proof = same_program(source, changed)
        if proof:
            settled[index] = Verdict(REJECTED, reason=PROVEN_EQUIVALENT, message=proof)
            continue
        stdin = distinguishing_input(source, changed, sandbox,
                                     description=item.user.description)
        if stdin is not None:
            shown = judge_on(item, changed, [stdin], sandbox)
            if shown.verified:
                settled[index] = shown
                found.append(stdin)
                continue
        settled[index] = Verdict(REJECTED, reason=UNVERIFIED,
                                 message="no input found that shows it")
    return settled, found


def waiting(item: Pending, changed: str, sandbox: Sandbox) -> Verdict:
    """A program that ran out of input on some scenario, judged on what a student sees:
    an error shown on the other scenarios first (as `judge` orders them), else the
    program stopping to wait for input, a logical error."""
    prepared = item.prepared
    outcomes = sandbox.run_many(prepared.jobs(changed))
    rest = [n for n, o in enumerate(outcomes) if o.kind != INPUT_EXHAUSTED]
    if rest:
        shown = judge([prepared.oracle[n] for n in rest], [outcomes[n] for n in rest],
                      [prepared.scenarios[n] for n in rest])
        if shown.status != REJECTED or shown.reason != EQUIVALENT:
            return shown
    stopped = next((n for n, o in enumerate(outcomes) if o.kind == INPUT_EXHAUSTED), None)
    if stopped is None:  # not reproduced: leave it as the scenarios first judged it
        return Verdict(REJECTED, reason=INPUT_EXHAUSTED)
    outcome, scenario = outcomes[stopped], prepared.scenarios[stopped]
    return Verdict(LOGICAL, scenario=scenario.name, reported_line=outcome.line,
                   difference=f"after {outcome.inputs_used} answer(s) the program asks for "
                   f"more input at line {outcome.line}, which the correct program never "
                   "asks for: it stops and waits")
