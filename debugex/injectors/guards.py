"""Tests that keep a program from crashing, which an injector's change would undo: an
emptiness test (`if not items: return []`), the indexes a block takes with a name
(`if i < n - 1:` before `row[i + 1]`) and a digit test that turns text away before
`int()` (`if not s.isdigit(): return -1`), a length that sends a list to the branch
that reads as far as it holds (`if len(xs) == 1: ... else: xs[4]`)."""

from __future__ import annotations

import libcst as cst

from .chain_binds import chain_of
from .helpers import _body_statements, _callee_name, _names_in, _walk
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


_DIGIT_TESTS = frozenset({"isdigit", "isdecimal", "isnumeric"})
_EXITS = (cst.Return, cst.Raise, cst.Continue, cst.Break)


def tests_digits(node: cst.CSTNode) -> bool:
    return any(isinstance(n, cst.Attribute) and n.attr.value in _DIGIT_TESTS
               for n in _walk(node))


def turns_away_non_digits(program: ProgramIndex, node: cst.CSTNode) -> bool:
    """The node, in the test of an `if` whose body only leaves (`return`, `raise`, ...),
    calls `.isdigit()` (or `.isdecimal()`, `.isnumeric()`): the test turns away the
    text that is no number before the code after it converts it; changed, such text
    goes on to `int()`."""
    branch = program.statement_of(node)
    if not isinstance(branch, cst.If) or not any(n is node for n in _walk(branch.test)):
        return False
    if not tests_digits(node):
        return False
    body = _body_statements(branch.body)
    return len(body) == 1 and isinstance(body[0], cst.SimpleStatementLine) \
        and isinstance(body[0].body[0], _EXITS)


def _length_test(test: cst.CSTNode) -> tuple[str, int] | None:
    """(name, k) of `len(name) == k`."""
    if not (isinstance(test, cst.Comparison) and len(test.comparisons) == 1):
        return None
    target = test.comparisons[0]
    if not isinstance(target.operator, cst.Equal) or not isinstance(target.comparator,
                                                                   cst.Integer) \
            or _callee_name(test.left) != "len" or len(test.left.args) != 1 \
            or not isinstance(test.left.args[0].value, cst.Name):
        return None
    return test.left.args[0].value.value, int(target.comparator.evaluated_value)


def sends_short_lists_on(program: ProgramIndex, comparison: cst.Comparison) -> bool:
    """`len(xs) == k` testing a branch of an `if`/`elif` chain another branch of which
    reads `xs[j]` with j >= k: made `!=`, a list of k items goes there and reads past
    its end."""
    branch = program.parent(comparison)
    tested = _length_test(comparison)
    if not isinstance(branch, cst.If) or branch.test is not comparison or tested is None:
        return False
    name, size = tested
    _, chain, rest = chain_of(program, branch)
    # where a list of `size` items can go instead: not a branch for another length
    others = [b.body for b in chain if b is not branch and not (
        (other := _length_test(b.test)) is not None and other[0] == name and other[1] != size)]
    others += [rest] if rest is not None else []
    return any(
        isinstance(s.value, cst.Name) and s.value.value == name
        and any(isinstance(e.slice, cst.Index) and isinstance(e.slice.value, cst.Integer)
                and int(e.slice.value.evaluated_value) >= size for e in s.slice)
        for body in others for s in _walk(body) if isinstance(s, cst.Subscript))
