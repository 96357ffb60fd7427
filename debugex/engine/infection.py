"""Which probed edits the scenarios can never show, or show only as a raise.

The probe runs (`probes.py`) run the correct program on every scenario with each probed
expression also evaluated as an edit would have it. The program with one edit runs
exactly as the correct one until that expression first gives another value (or raises);
so an edit whose expression never does, on any scenario, is an equivalent mutant there
(nothing to prove), and a logical edit whose expression first differs by raising, in a
run that finished cleanly, in a program that catches nothing, raises: it is a runtime
error, not the logical one its injector claims. A probe run that did not end as the
correct program's did (time-out, limits, another ending) decides nothing: its edits are
kept. What the runs report is a hint for what is worth proving, never a claim: whatever
is offered is still proven on its own (`verify.py`).
"""

from __future__ import annotations

import ast
from collections.abc import Sequence

from ..injectors import LOGICAL, Edit
from ..sandbox import FINISHED, Job, Sandbox
from .probes import MARK, instrumented, layers, probes_for
from .reach import parsed
from .verify import Prepared

PROBE_SLACK = 4.0  # a probe run evaluates more: its time limit is the proof's times this
# Exceptions some caller may take as an answer rather than an error (iteration ends).
_NOT_A_RAISE = frozenset({"StopIteration", "StopAsyncIteration", "GeneratorExit"})
# Methods through which Python itself catches an exception of the program's.
_PROTOCOLS = frozenset({"__getitem__", "__next__", "__iter__", "__getattr__",
                        "__getattribute__", "__exit__", "__contains__", "__len__"})


def _catches(source: str) -> bool:
    """Whether the program could catch an exception it raises: a try, a with, a
    method Python's own protocols call and catch, or getattr/hasattr."""
    tree = parsed(source)
    if tree is None:
        return True
    for node in ast.walk(tree):
        if isinstance(node, ast.Try | ast.TryStar | ast.With | ast.AsyncWith):
            return True
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and \
                node.name in _PROTOCOLS:
            return True
        if isinstance(node, ast.Name) and node.id in ("hasattr", "getattr"):
            return True
    return False


def _marks(stdout: str) -> dict[tuple[int, int], str]:
    """(probe, form) -> "d" (another value) or "r:Class" (raised), as first seen."""
    found: dict[tuple[int, int], str] = {}
    for piece in stdout.split(MARK)[1::2]:
        parts = piece.split(":", 2)
        if len(parts) >= 3 and parts[0].isdigit() and parts[1].isdigit():
            found.setdefault((int(parts[0]), int(parts[1])), parts[2])
    return found


def infection(edits: Sequence[Edit], prepared: Prepared, sandbox: Sandbox
              ) -> dict[Edit, str]:
    """The edits the probe runs decide: "equivalent" (never shown) or "raises" (a
    logical edit that can only raise). Edits not probed, or whose runs decide nothing,
    are absent. An edit probed at two levels (`probes_for`) is equivalent when either
    level never gives another value."""
    source = prepared.exercise.source
    scenarios, oracle = prepared.scenarios, prepared.oracle
    if not scenarios or len(oracle) != len(scenarios):
        return {}
    probes = probes_for(edits, source)
    if not probes:
        return {}
    catches = _catches(source)
    decided: dict[Edit, str] = {}
    for layer in layers(probes):
        program = instrumented(source, layer)
        runs = sandbox.run_many([Job(program, s.stdin, calls=s.calls,
                                     timeout=prepared.timeout * PROBE_SLACK)
                                 for s in scenarios])
        if any(r.kind != o.kind or r.exc_class != o.exc_class
               for r, o in zip(runs, oracle, strict=True)):
            continue  # a run that did not end as the program's decides nothing
        seen = [_marks(r.stdout) for r in runs]
        for k, group in enumerate(layer):
            for i, probe in enumerate(group):
                shown = [m[(k, i)] for m in seen if (k, i) in m]
                if not shown:
                    decided[probe.edit] = "equivalent"
                elif decided.get(probe.edit) != "equivalent" and \
                        probe.edit.error_class == LOGICAL and not catches and any(
                        m.get((k, i), "").startswith("r:")
                        and m[(k, i)][2:] not in _NOT_A_RAISE
                        and o.kind == FINISHED
                        for m, o in zip(seen, oracle, strict=True)):
                    decided[probe.edit] = "raises"
    return decided

