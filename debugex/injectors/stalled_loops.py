"""A `while` loop's own update made to divide its name by itself.

`while number > 0: ... number //= base` is how a number is taken apart digit by digit.
With `number //= number` the name is 1 after the first turn and stays 1 (1 // 1 is 1),
so a test that holds at 1 (`number > 0`) holds for ever: where the body has no other
way out and no other update of the name, the loop never ends, a time-out rather than the
logical mistake the swap claims.
"""

from __future__ import annotations

import operator

import libcst as cst

from .program import ProgramIndex

_SELF_ONE = cst.FloorDivideAssign | cst.DivideAssign  # x // x and x / x are 1
_TESTS = {cst.GreaterThan: operator.gt, cst.GreaterThanEqual: operator.ge,
          cst.NotEqual: operator.ne, cst.LessThan: operator.lt,
          cst.LessThanEqual: operator.le, cst.Equal: operator.eq}
_EXITS = (cst.Break, cst.Return, cst.Raise)


def stalls_loop(program: ProgramIndex, node: cst.Name, name: str) -> bool:
    """`name` in place of `node` makes `name //= name` (or `/=`) in a `while` loop whose
    test holds at 1, with no other exit or update of `name` in its body."""
    update = program.parent(node)
    if not (isinstance(update, cst.AugAssign) and update.value is node
            and isinstance(update.operator, _SELF_ONE)
            and isinstance(update.target, cst.Name) and update.target.value == name):
        return False
    loop = next((a for a in program.ancestors(update)
                 if isinstance(a, cst.While | cst.For | cst.FunctionDef)), None)
    if not isinstance(loop, cst.While) or not _holds_at_one(loop.test, name):
        return False
    for inner in _walk(loop.body):
        if isinstance(inner, _EXITS):
            return False
        if inner is not update and isinstance(inner, cst.Assign | cst.AugAssign) and any(
                isinstance(t, cst.Name) and t.value == name for t in _targets(inner)):
            return False
    return True


def _holds_at_one(test: cst.BaseExpression, name: str) -> bool:
    """`name OP number`, true when the name is 1."""
    if not (isinstance(test, cst.Comparison) and len(test.comparisons) == 1
            and isinstance(test.left, cst.Name) and test.left.value == name):
        return False
    comparison = test.comparisons[0]
    check = _TESTS.get(type(comparison.operator))
    bound = comparison.comparator
    if check is None or not isinstance(bound, cst.Integer):
        return False
    return bool(check(1, int(bound.value.replace("_", ""), 0)))


def _targets(statement: cst.Assign | cst.AugAssign) -> list[cst.BaseExpression]:
    if isinstance(statement, cst.AugAssign):
        return [statement.target]
    return [t.target for t in statement.targets]


def _walk(node: cst.CSTNode):
    """Every node under `node`, nested functions and classes aside (their exits are theirs)."""
    todo = [node]
    while todo:
        current = todo.pop()
        yield current
        todo.extend(c for c in current.children
                    if not isinstance(c, cst.FunctionDef | cst.ClassDef | cst.Lambda))
