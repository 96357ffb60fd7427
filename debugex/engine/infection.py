"""Which probed edits the scenarios can never show, or show only as a raise.

The probe runs (`probes.py`) run the correct program on every scenario with each probed
expression also evaluated as an edit would have it. The program with one edit runs
exactly as the correct one until that expression first gives another value (or raises);
so an edit whose expression never does, on any scenario, is an equivalent mutant there
(nothing to prove), and a logical edit whose expression first differs by raising, in a
run that finished cleanly, in a program that catches nothing, raises: it is a runtime
error, not the logical one its injector claims. A probe run that did not end as the
correct program's did (time-out, limits, another ending) decides nothing: its edits are
kept. The same runs watch the edits that change a statement (`statement_probes.py`): an
`elif` made `if` or a statement left out that never changes what the program does next
is equivalent too. What the runs report is a hint for what is worth proving, never a
claim: whatever is offered is still proven on its own (`verify.py`).
"""

from __future__ import annotations

import ast
from collections.abc import Sequence

from ..content import Scenario
from ..injectors import LOGICAL, Edit, get_injector
from ..sandbox import EXCEPTION, FINISHED, Job, Outcome, Sandbox
from .probes import MARK, Probe, instrumented, layers, probes_for
from .reach import parsed
from .statement_probes import HELPER_SOURCE, KEY, StatementProbe, statement_probes_for
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
    """(probe, form) -> "d" (another value) or "r:Class" (raised), as first seen, or
    "t" when it only ever gave the same number of the other type (2.0 for 2)."""
    found: dict[tuple[int, int], str] = {}
    for piece in stdout.split(MARK)[1::2]:
        parts = piece.split(":", 2)
        if len(parts) >= 3 and parts[0].isdigit() and parts[1].isdigit():
            key = (int(parts[0]), int(parts[1]))
            if found.get(key, "t") == "t":
                found[key] = parts[2]
    return found


def infection(edits: Sequence[Edit], prepared: Prepared, sandbox: Sandbox
              ) -> dict[Edit, str]:
    """The edits the probe runs decide: "equivalent" (never shown), "raises" (a
    logical edit that can only raise) or, in a program that prints nothing,
    "type_only" (`6 // 2` for `6 / 2` where no scenario leaves a fraction: see
    `Injector.type_alone_shows`). Edits not probed, or whose runs decide nothing,
    are absent. An edit probed at two levels (`probes_for`) is equivalent when either
    level never gives another value."""
    source = prepared.exercise.source
    scenarios, oracle = prepared.scenarios, prepared.oracle
    if not scenarios or len(oracle) != len(scenarios):
        return {}
    probes = probes_for(edits, source)
    probed = {p.edit for p in probes}
    # a range's loop probe adds to its expression's probes (a level more: never firing
    # at either shows the same)
    statements = [p for p in statement_probes_for(edits, source)
                  if p.edit not in probed or p.group[0] == "over"]
    if not probes and not statements:
        return {}
    catches = _catches(source)
    raise_only = {p.edit for p in statements if not p.shows_equivalence}
    uncaught = {p.edit for p in statements if p.uncaught}
    decided: dict[Edit, str] = {}
    # A program that prints nothing shows its numbers only as values compared with `==`
    # (2.0 == 2) or through what it does with them: edits whose probes only ever saw
    # the same number of the other type, for a mistake a type alone does not show.
    silent = all(_prints_nothing(s, o) for s, o in zip(scenarios, oracle, strict=True))
    typed: dict[Edit, bool] = {}
    for program, watched in _programs(source, layers(probes), statements):
        runs = sandbox.run_many([Job(program, s.stdin, calls=s.calls,
                                     timeout=prepared.timeout * PROBE_SLACK)
                                 for s in scenarios])
        if any(r.kind != o.kind or r.exc_class != o.exc_class
               for r, o in zip(runs, oracle, strict=True)):
            continue  # a run that did not end as the program's decides nothing
        seen = [_marks(r.stdout) for r in runs]
        for key, edit, raising in watched:
            shown = [m[key] for m in seen if key in m]
            if not shown:
                if edit not in raise_only:
                    decided[edit] = "equivalent"
                continue
            if silent and not get_injector(edit.injector).type_alone_shows:
                typed[edit] = typed.get(edit, True) and set(shown) == {"t"}
            if decided.get(edit) != "equivalent" and edit.error_class == LOGICAL \
                    and (not catches or edit in uncaught) and any(
                    _raised(m.get(key, ""), raising) and o.kind == FINISHED
                    for m, o in zip(seen, oracle, strict=True)):
                decided[edit] = "raises"
    for edit, alone in typed.items():
        if alone and edit not in decided:
            decided[edit] = "type_only"
    return decided


def _prints_nothing(scenario: Scenario, outcome: Outcome) -> bool:
    """The run wrote nothing but the sandbox's `>>> CALL` lines (an expected exception
    may have ended it)."""
    calls = {f">>> {c}" for c in scenario.calls}
    return outcome.kind in (FINISHED, EXCEPTION) \
        and all(line in calls for line in outcome.stdout.splitlines()) \
        and (outcome.kind == FINISHED or scenario.raises is not None)


def _raised(mark: str, raising: bool) -> bool:
    """Whether the edited program raises where the probe first saw it differ: the edited
    form raised, or (`raising`) an `if` whose body starts with `raise` took its body. In
    a run that finished, in a program that catches nothing, the correct program never
    took that body: the edited one did."""
    if mark.startswith("r:"):
        return mark[2:] not in _NOT_A_RAISE
    return raising and mark == "d"


def _programs(source: str, expression_layers: list[list[list[Probe]]],
              statements: Sequence[StatementProbe]):
    """(probe run's program, the (marker key, edit) pairs it watches) for each run: the
    statement probes go with the first layer of expressions when none of their
    insertions falls inside one of its expressions, else in a run of their own; the
    loop probes (`loop_probes.py`, `return_probes.py`) always in a run of their own (a
    first layer too slow to finish decides nothing, theirs included)."""
    groups: dict[tuple, list[StatementProbe]] = {}
    loops: dict[tuple, list[StatementProbe]] = {}
    for probe in statements:
        (loops if probe.group[0] in ("moved", "over") else groups).setdefault(
            probe.group, []).append(probe)
    first = expression_layers[0] if expression_layers else []
    inside = any(g[0].start < at < g[0].end for group in groups.values()
                 for at, _, _ in group[0].inserts for g in first)
    plans: list[tuple[list[list[Probe]], list[list[StatementProbe]]]] = [
        (layer, []) for layer in expression_layers]
    if groups:
        if inside or not plans:
            plans.append(([], []))
        plans[-1 if inside else 0][1].extend(groups.values())
    if loops:
        plans.append(([], list(loops.values())))
    for layer, statement_groups in plans:
        expressions = [((k, i), p.edit, p.raising) for k, group in enumerate(layer)
                       for i, p in enumerate(group)]
        watched, inserts = list(expressions), []
        for j, group in enumerate(statement_groups, start=len(layer)):
            watched += [((j, 0), p.edit, False) for p in group]
            inserts += [(at, order, text.replace(KEY, str(j)))
                        for at, order, text in group[0].inserts]
        program = instrumented(source, layer, inserts, HELPER_SOURCE if inserts else "")
        if inserts and _does_not_parse(program):  # never expected: keep the expressions'
            program, watched = instrumented(source, layer), expressions
        if watched:
            yield program, watched


def _does_not_parse(program: str) -> bool:
    try:
        ast.parse(program)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return True
    return False
