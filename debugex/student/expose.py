"""The `expose` task: the student writes an input (stdin lines, or calls of the
exercise's functions) that makes the bugged program go wrong.

An input counts when the bugged program's outcome on it differs from the correct
program's; the errors it exposes are those whose program (the correct one with that
error alone) differs too. Nothing of the correct program's run is ever said: only
whether the input exposes an error, what the bugged program did (the student can run
that one), and which error it exposes.

Only data of the student's reaches a program: stdin lines, and calls that name a
function the exercise defines with literal arguments (`ast.literal_eval`); an
expression that could read the program's code is refused before anything runs.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..content import Scenario
from ..engine import Verdict, judge
from ..sandbox import EXCEPTION, FINISHED, INPUT_EXHAUSTED, Job, Outcome, Sandbox
from ..workflow import Task
from .evidence import STUDENT_TIMEOUT, ending, seconds
from .grading import error_changes, same_behaviour
from .state import PlayError

YOURS = "your input"


@dataclass
class Exposed:
    exposes: bool
    said: str  # what the runs showed, without the correct program's output
    errors: list[int] = field(default_factory=list)  # indexes of the errors it exposes
    lines: list[int] = field(default_factory=list)  # their lines in the bugged program
    counted: bool = True  # False: the input is outside the task (the correct one fails)

    def to_dict(self) -> dict:
        return {"exposes": self.exposes, "said": self.said, "errors": self.errors,
                "lines": self.lines, "counted": self.counted}


def functions(source: str) -> list[str]:
    """The functions a program defines at its top level."""
    return [node.name for node in ast.parse(source).body
            if isinstance(node, ast.FunctionDef)]


def checked_call(text: str, names: Sequence[str]) -> str:
    """The call as written, when it calls one of `names` with literal arguments only."""
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise PlayError(f"--call {text!r} is not a Python call: {exc.msg}") from None
    call = tree.body
    if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name) or \
            call.func.id not in names:
        raise PlayError(f"--call {text!r}: give a call of "
                        f"{' or '.join(names) or 'a function of the exercise'} with its "
                        "arguments written out, as in --call \"" + (names or ["f"])[0]
                        + "(...)\"")
    for argument in [*call.args, *(k.value for k in call.keywords)]:
        try:
            ast.literal_eval(argument)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            raise PlayError(f"--call {text!r}: each argument must be a value written out "
                            "(a number, a string, a list, ...), not an expression") from None
        if isinstance(argument, ast.Starred):
            raise PlayError(f"--call {text!r}: write the arguments out, without *")
    return text.strip()


def scenario_of(task: Task, stdin: Sequence[str], calls: Sequence[str]) -> Scenario:
    """The student's input as a scenario, checked against the kind of the exercise."""
    names = functions(task.correct)
    by_calls = any(c.calls for c in task.cases)
    if by_calls and not calls:
        raise PlayError("this exercise is checked by calling its functions: give one or "
                        f"more --call, as in --call \"{(names or ['f'])[0]}(...)\"")
    if not by_calls and calls:
        raise PlayError("this exercise reads its input: give the lines with --input "
                        "(one --input per line)")
    if not stdin and not calls and task.uses_stdin:
        raise PlayError("give the input lines with --input (one --input per line)")
    return Scenario(YOURS, tuple(stdin), None, tuple(checked_call(c, names) for c in calls))


def _first_line_apart(want: str, got: str) -> int:
    a, b = want.splitlines(), got.splitlines()
    return next((n for n, (x, y) in enumerate(zip(a, b, strict=False), start=1) if x != y),
                min(len(a), len(b)) + 1)


def _said(verdict: Verdict, bugged: Outcome, correct: Outcome, given: int,
          limit: float) -> str:
    """What the bugged program did that the correct one did not, in its own terms."""
    if verdict.status == "syntax":
        return (f"the program does not compile ({verdict.exc_class} at line "
                f"{verdict.reported_line}), so any input exposes that error")
    if verdict.status == "runtime":
        during = f" during {verdict.call}" if verdict.call else ""
        return (f"with your input the program stops with {verdict.exc_class} at line "
                f"{verdict.reported_line}{during}: {verdict.message}; the correct program "
                "runs through")
    if verdict.status == "logical" and verdict.call:
        return (f"{verdict.call} returns {verdict.actual}, which is not what the correct "
                "program returns")
    if verdict.status == "logical":
        line = _first_line_apart(correct.stdout, bugged.stdout)
        return (f"the program's output differs from the correct program's from output "
                f"line {line} on")
    if verdict.reason == "timeout":
        return f"the program does not finish in {seconds(limit)}; the correct program does"
    return f"the program {ending(bugged, given, limit)}; the correct one does not"


def expose(task: Task, stdin: Sequence[str], calls: Sequence[str],
           sandbox: Sandbox) -> Exposed:
    """Whether the student's input exposes an error of the task, and which."""
    scenario = scenario_of(task, stdin, calls)
    changes = error_changes(task)
    sources = [task.correct, task.bugged] + [c.apply(task.correct) for c in changes
                                             if c is not None]
    jobs = [Job(s, scenario.stdin, timeout=STUDENT_TIMEOUT, calls=scenario.calls)
            for s in sources]
    correct, bugged, *alone = sandbox.run_many(jobs)
    if correct.kind == INPUT_EXHAUSTED:
        given = len(scenario.stdin)
        return Exposed(False, f"the program reads more lines than the {given} you gave: "
                       "give one --input per line it reads", counted=False)
    if correct.kind != FINISHED:
        why = (f"stops with {correct.exc_class}" if correct.kind == EXCEPTION
               else ending(correct, len(scenario.stdin), STUDENT_TIMEOUT).replace(
                   "did not finish", "does not finish"))
        return Exposed(False, "the correct program cannot take this input either (it "
                       f"{why}): choose an input the task allows", counted=False)
    verdict = judge([correct], [bugged], [scenario])
    if same_behaviour(verdict):
        return Exposed(False, "on your input the program does what the correct program "
                       "does: this input exposes no error")
    known = [i for i, c in enumerate(changes) if c is not None]
    found = [i for i, outcome in zip(known, alone, strict=True)
             if not same_behaviour(judge([correct], [outcome], [scenario]))]
    return Exposed(True, _said(verdict, bugged, correct, len(scenario.stdin),
                               STUDENT_TIMEOUT), found, [task.lines[i] for i in found])

