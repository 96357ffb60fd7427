"""Tests that keep a program from crashing, which an injector's change would undo: an
emptiness test (`if not items: return []`) and the indexes a block takes with a name
(`if i < n - 1:` before `row[i + 1]`)."""

from __future__ import annotations

import libcst as cst

from .helpers import _callee_name, _names_in
from .program import ProgramIndex


def emptiness_tested(test: cst.CSTNode) -> str | None:
    """X in `not X`, `not len(X)`, `not any(X)`, `len(X) == 0`, `X == []` (or "" or ())."""
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        tested = test.expression
    elif isinstance(test, cst.Comparison) and len(test.comparisons) == 1 \
            and isinstance(test.comparisons[0].operator, cst.Equal):
        tested, other = test.left, test.comparisons[0].comparator
        empty = isinstance(other, cst.List | cst.Tuple) and not other.elements or (
            isinstance(other, cst.SimpleString) and other.evaluated_value == "") or (
            isinstance(other, cst.Integer) and other.value == "0"
            and _callee_name(tested) == "len")
        if not empty:
            return None
    else:
        return None
    if isinstance(tested, cst.Call) and _callee_name(tested) in ("len", "any", "bool") \
            and len(tested.args) == 1:
        tested = tested.args[0].value
    return tested.value if isinstance(tested, cst.Name) else None


def indexes_with(program: ProgramIndex, scope: cst.CSTNode, names: set[str]) -> bool:
    """Some index inside `scope` (not a slice, which stays in range) reads one of the
    names (`row[i + 1]`)."""
    return any(scope in program.ancestors(e) and isinstance(e.slice, cst.Index)
               and names & _names_in(e.slice.value)
               for e in program.nodes(cst.SubscriptElement))
