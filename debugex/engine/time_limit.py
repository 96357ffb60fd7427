"""How long a changed program may run before it counts as a time-out, scaled from the
correct program's own run time (design: "Scale the time limit from the correct
program's own run time").

A changed program may do somewhat more work than the correct one and still finish: an
extra loop turn, a branch that searches further. A fixed limit calls every such program
of a slow exercise (a puzzle search that needs a third of a second itself) a time-out,
which proves nothing. So the limit is the first of a few fixed levels under which the
correct program finishes every scenario within a share of it; levels rather than a
measured figure, so that the same program gets the same limit (and the same cache key)
on a machine a little slower or busier.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..content import Scenario
from ..sandbox import TIMEOUT, Job, Sandbox

LEVELS = (0.5, 1.0, 2.0, 4.0)  # seconds of CPU; correct beginner programs need milliseconds
HEADROOM = 4  # the correct program must finish within a quarter of the level


def time_limit(source: str, scenarios: Sequence[Scenario], sandbox: Sandbox) -> float:
    """The first level under which the correct program finishes each scenario within
    1/HEADROOM of it (runs only the scenarios still in doubt at each level); the last
    level when none does."""
    pending = list(scenarios)
    for level in LEVELS[:-1]:
        if not pending:
            return level
        runs = sandbox.run_many([Job(source, s.stdin, calls=s.calls, timeout=level / HEADROOM)
                                 for s in pending])
        pending = [s for s, run in zip(pending, runs, strict=True) if run.kind == TIMEOUT]
        if not pending:
            return level
    return LEVELS[-1]
