"""What the sandbox cannot run, settled around the check of an import.

- A test the correct program does not finish in the sandbox is left out before the check,
  with its reason at the top of `scenarios.toml` and in the report, never silently: a
  reference solution slower than the sandbox's time limit on one test, or a function test
  of a CodeRunner question whose answer calls `main()` (CodeRunner drops that call for a
  function test; debugex runs the whole program, and `main()` then asks for input the test
  does not give).
- After the check, an exercise whose correct program needs a module the sandbox does not
  offer (`requests`, `tkinter`) or a file the exercise does not have is taken back out of
  the content folder: it could never run there, so it is reported as not written, with why.
"""

from __future__ import annotations

import shutil

from ..formats import write_atomic
from ..sandbox import INPUT_EXHAUSTED, LIMIT_EXCEEDED, TIMEOUT, Job, Sandbox
from ..scenarios import NEEDS_PREFIX
from .write import Imported, toml_text

UNFINISHED = frozenset({TIMEOUT, INPUT_EXHAUSTED, LIMIT_EXCEEDED})


def leave_out_unfinished(results: list[Imported], sandbox: Sandbox) -> int:
    """Run each imported scenario once; those the correct program does not finish are
    left out (scenarios.toml rewritten). The number left out."""
    jobs, owners = [], []
    for result in results:
        if result.written is None:
            continue
        source = result.planned.found.source
        for scenario in result.planned.scenarios:
            jobs.append(Job(source, scenario.stdin, calls=scenario.calls))
            owners.append((result, scenario))
    dropped: dict[int, list] = {}
    for (result, scenario), outcome in zip(owners, sandbox.run_many(jobs) if jobs else [],
                                           strict=True):
        if outcome.kind in UNFINISHED:
            dropped.setdefault(id(result), [result]).append((scenario, outcome.summary()))
    for result, *gone in dropped.values():
        _drop(result, gone)
    return sum(len(gone) for _, *gone in dropped.values())


def _drop(result: Imported, gone: list) -> None:
    planned = result.planned
    names = {scenario.name for scenario, _ in gone}
    for scenario, why in gone:
        planned.unread.append(f"{scenario.name}: the correct program does not finish it in "
                              f"the sandbox ({why}); left out")
    planned.scenarios = [s for s in planned.scenarios if s.name not in names]
    left = {case.name for name in names for case in planned.case_map.pop(name, [])}
    planned.cases = [c for c in planned.cases if c.name not in left]
    planned.stdin_checks = [(n, out) for n, out in planned.stdin_checks if n not in names]
    target = result.written / "scenarios.toml"
    if planned.scenarios:
        write_atomic(target, toml_text(planned))
    else:  # none left: the check synthesises scenarios, as for a program without tests
        target.unlink(missing_ok=True)


def take_back_unrunnable(results: list[Imported]) -> int:
    """Remove the exercises whose correct program cannot run in the sandbox at all."""
    taken = 0
    for result in results:
        why = next((p for p in result.problems if f": {NEEDS_PREFIX}" in p), None)
        if result.written is None or why is None:
            continue
        shutil.rmtree(result.written, ignore_errors=True)
        result.written = None
        result.problems = []
        result.skipped = f"not written: {why}"
        taken += 1
    return taken
