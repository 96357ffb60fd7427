"""Explanations checked against what the programs do when run: a statement about the
observed behaviour that the runs show false is `misleading_explanation`.

Two statements are checked, each only where the text says it plainly:
- "for 20 and 3 ... 5 ... instead of 6": the program is run with exactly those answers;
  when it reads them all and finishes, and its output holds no 5, the text is false;
- a runtime error said to come before the program asks for anything ("as soon as it
  starts", "before it asks"): false when, on every scenario where it raises, the program
  has read an answer first.
Prose is matched by patterns (it is English, not code); programs are only run.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..engine import Prepared
from ..formats import explanation_line
from ..sandbox import EXCEPTION, FINISHED, Job, Sandbox

_NUMBER = r"-?\d+(?:\.\d+)?"
# "for 20 and 3", "for 7", "with 4, 5 and 6", then a word (not a call or a list).
_INPUTS = re.compile(rf"\b(?:for|with|entering|given)\s+((?:{_NUMBER})(?:(?:,\s*|\s+and\s+)"
                     rf"{_NUMBER})*)(?=[\s,:;])(?!\s*(?:%|percent|kg|cm|m\b|euros?\b))")
# "5 multiples instead of 6", "5 instead of 6" (at most two words between).
_INSTEAD = re.compile(rf"(?<![\w.`'\"\[(])({_NUMBER})(?:\s+[A-Za-z]+){{0,2}}\s+instead of\s+"
                      rf"({_NUMBER})(?![\w.]\d)")
_BEFORE_INPUT = ("before it asks", "before asking", "before any input", "before it reads",
                 "as soon as it starts", "as soon as the program starts",
                 "before the user can type", "before the question")


def _numbers(text: str) -> set[float]:
    return {float(n) for n in re.findall(_NUMBER, text)}


def _claimed_run(text: str) -> tuple[tuple[str, ...], str] | None:
    """(the answers, the value the program is said to give) of a plain statement."""
    inputs, result = _INPUTS.search(text), _INSTEAD.search(text)
    if inputs is None or result is None or inputs.end() > result.start():
        return None
    answers = tuple(re.findall(_NUMBER, inputs.group(1)))
    return answers, result.group(1)


def observed(prepared: Prepared, incorrect: str, explanations: Sequence[str],
             sandbox: Sandbox) -> list[str]:
    """One detail per explanation that the runs of the incorrect program show false."""
    runs: list[tuple[str, tuple[str, ...], str]] = []
    timing: list[str] = []
    for text in explanations:
        claim = _claimed_run(text)
        if claim is not None:
            runs.append((text, *claim))
        if any(phrase in text.lower() for phrase in _BEFORE_INPUT):
            timing.append(text)
    if not runs and not (timing and prepared.scenarios):
        return []
    jobs = [Job(incorrect, answers, timeout=prepared.timeout) for _, answers, _ in runs]
    jobs += prepared.jobs(incorrect) if timing else []
    outcomes = sandbox.run_many(jobs)
    problems = []
    for (text, answers, said), outcome in zip(runs, outcomes, strict=False):
        if outcome.kind != FINISHED or outcome.inputs_used != len(answers):
            continue  # not the whole story of a run: nothing to compare
        if float(said) not in _numbers(outcome.stdout):
            printed = " / ".join(line for line in outcome.stdout.splitlines() if line)[:120]
            problems.append(f"line {explanation_line(text)}: says the program gives {said} "
                            f"for {', '.join(answers)}, but run with those answers it "
                            f"prints {printed!r}")
    raised = [(s, o) for s, o in zip(prepared.scenarios, outcomes[len(runs):], strict=False)
              if o.kind == EXCEPTION]
    if timing and raised and all(o.inputs_used > 0 for _, o in raised):
        scenario, outcome = raised[0]
        for text in timing:
            problems.append(f"line {explanation_line(text)}: says the error comes before the "
                            f"program asks for anything, but on scenario {scenario.name!r} "
                            f"it reads {outcome.inputs_used} answer(s) before the "
                            f"{outcome.exc_class}")
    return problems
