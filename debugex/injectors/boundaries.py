"""Where a comparison's boundary moved cannot show as a wrong output (`boundary_slip`).

Three shapes whose boundary case the changed program does not survive:
- a `while` test that lets in the value at which its body can no longer move the name
  (`while n > 0: n //= 10` as `n >= 0`: 0 // 10 is 0, and the loop never ends);
- a search loop that returns what it finds and is followed by `raise` (not found): a
  boundary moved there makes it miss, and the program raises where a value was expected;
  so does a first value of the names its test reads (`low = 1` for `low = 0` before
  `while low <= high`): the window loses an end (a miss raises) or reaches past the
  sequence (an index raises), and inside it the answer is the same;
- an `if`/`elif` chain with no `else` whose every branch binds the name read after it:
  a boundary left out falls through every test and leaves the name unbound (so does
  every value of the last branch whose test is turned the other way: `reversed_comparison`,
  `wrong_equality_operator`).
"""

from __future__ import annotations

import libcst as cst

from .chain_binds import chain_of
from .helpers import _block_of, _names_in, _walk
from .program import ProgramIndex

_SHRINK = (cst.FloorDivide, cst.Divide, cst.Multiply, cst.Modulo, cst.RightShift)
_SHRINK_IN_PLACE = (cst.FloorDivideAssign, cst.DivideAssign, cst.MultiplyAssign,
                    cst.ModuloAssign, cst.RightShiftAssign)
_DIVIDE = (cst.FloorDivide, cst.Divide, cst.FloorDivideAssign, cst.DivideAssign)
_SCOPES = (cst.FunctionDef, cst.ClassDef, cst.Lambda)


def _is(node: cst.CSTNode, name: str) -> bool:
    return isinstance(node, cst.Name) and node.value == name


def _changes(body: cst.CSTNode, name: str) -> list[cst.CSTNode] | None:
    """The statements of `body` that change `name`, when each one divides or multiplies
    it by something (`n //= 10`, `n = n / 2`); None when anything else binds it."""
    found: list[cst.CSTNode] = []
    for node in _walk(body):
        if isinstance(node, cst.AugAssign) and _is(node.target, name):
            if not isinstance(node.operator, _SHRINK_IN_PLACE):
                return None
            found.append(node)
        elif isinstance(node, cst.Assign) and any(
                name in _names_in(t.target) for t in node.targets):
            value = node.value
            if len(node.targets) != 1 or not _is(node.targets[0].target, name) or not (
                    isinstance(value, cst.BinaryOperation) and _is(value.left, name)
                    and isinstance(value.operator, _SHRINK)):
                return None
            found.append(node)
        else:
            target = getattr(node, "target", None) if isinstance(
                node, cst.AnnAssign | cst.For | cst.NamedExpr | cst.CompFor | cst.Del) \
                else getattr(node, "name", None) if isinstance(node, cst.AsName) else None
            names = [n.name for n in node.names] if isinstance(
                node, cst.Global | cst.Nonlocal) else []
            if (target is not None and name in _names_in(target)) or any(
                    _is(n, name) for n in names):
                return None
    return found


def _divisible_test(test: cst.CSTNode, name: str) -> bool:
    """`name % d == 0`."""
    return (isinstance(test, cst.Comparison) and len(test.comparisons) == 1
            and isinstance(test.comparisons[0].operator, cst.Equal)
            and isinstance(test.comparisons[0].comparator, cst.Integer)
            and test.comparisons[0].comparator.value == "0"
            and isinstance(test.left, cst.BinaryOperation)
            and isinstance(test.left.operator, cst.Modulo) and _is(test.left.left, name))


def stuck_at_boundary(program: ProgramIndex, operator: cst.CSTNode, left: cst.CSTNode,
                      right: cst.CSTNode, old: str) -> bool:
    """`while n > 0` (or `0 < n`) whose body only divides or multiplies n: let in, 0 stays
    0. `while n > 1` whose body divides n only when a divisor goes into it (a prime
    factorisation): let in, 1 stays 1. Either way the loop never ends: a time-out."""
    loop = program.statement_of(operator)
    if not isinstance(loop, cst.While) or old not in (">", "<"):
        return False
    name, bound = (left, right) if old == ">" else (right, left)
    if not isinstance(name, cst.Name) or not isinstance(bound, cst.Integer):
        return False
    changes = _changes(loop.body, name.value)
    if not changes:
        return False
    if bound.value == "0":
        return True
    return bound.value == "1" and all(
        isinstance(getattr(c, "operator", None), _DIVIDE)
        or isinstance(getattr(getattr(c, "value", None), "operator", None), _DIVIDE)
        for c in changes) and all(_guarded_by_divisibility(program, c, name.value, loop)
                                  for c in changes)


def _guarded_by_divisibility(program: ProgramIndex, change: cst.CSTNode, name: str,
                             loop: cst.While) -> bool:
    for ancestor in program.ancestors(change):
        if ancestor is loop:
            return False
        if isinstance(ancestor, cst.If | cst.While) and _divisible_test(ancestor.test, name):
            return True
    return False


def _loop_of(program: ProgramIndex, node: cst.CSTNode) -> cst.While | cst.For | None:
    for ancestor in program.ancestors(node):
        if isinstance(ancestor, _SCOPES):
            return None
        if isinstance(ancestor, cst.While | cst.For):
            return ancestor
    return None


def _returns(body: cst.CSTNode) -> bool:
    """A `return` in this block, not in a function defined there."""
    todo = [body]
    while todo:
        node = todo.pop()
        if isinstance(node, cst.Return):
            return True
        if not isinstance(node, _SCOPES):
            todo += node.children
    return False


def _raises_next(program: ProgramIndex, statement: cst.CSTNode) -> bool:
    block, index = _block_of(program, statement)
    body = list(getattr(block, "body", ())) if block is not None else []
    after = body[index + 1] if 0 <= index < len(body) - 1 else None
    return isinstance(after, cst.SimpleStatementLine) and isinstance(after.body[0], cst.Raise)


def in_search_then_raise(program: ProgramIndex, operator: cst.CSTNode) -> bool:
    """The comparison steers a loop that returns what it finds and is followed by a
    `raise` (`while low <= high: ... return middle` then `raise ValueError(...)`)."""
    loop = _loop_of(program, operator)
    return loop is not None and _returns(loop.body) and _raises_next(program, loop)


def sets_search_window(program: ProgramIndex, node: cst.CSTNode) -> bool:
    """The node is in the value of `name = ...`, a statement of the block that a search
    loop followed by `raise` comes later in, and that loop's test reads `name`
    (`low = 0`, `high = len(items) - 1` before `while low <= high:`)."""
    line = program.statement_of(node)
    if not isinstance(line, cst.SimpleStatementLine):
        return False
    assigned = {t.target.value for small in line.body if isinstance(small, cst.Assign)
                for t in small.targets if isinstance(t.target, cst.Name)
                and any(a is small.value for a in (node, *program.ancestors(node)))}
    block, index = _block_of(program, line)
    if not assigned or block is None:
        return False
    for later in list(getattr(block, "body", ()))[index + 1:]:
        if isinstance(later, cst.While) and assigned & _names_in(later.test) \
                and _returns(later.body) and _raises_next(program, later):
            return True
    return False


def _binds(block: cst.CSTNode) -> set[str]:
    """Names a block's own statements assign (`unit = 'ohms'`)."""
    names: set[str] = set()
    for line in getattr(block, "body", ()):
        for small in getattr(line, "body", ()) if isinstance(line, cst.SimpleStatementLine) \
                else ():
            if isinstance(small, cst.Assign):
                names |= {t.target.value for t in small.targets if isinstance(t.target, cst.Name)}
    return names


def falls_through_unbound(program: ProgramIndex, operator: cst.CSTNode, old: str) -> bool:
    """`if n < 4: unit = 'a' / elif n <= 8: unit = 'b'` with no `else`, `unit` read
    after the chain and bound nowhere before it: `<= 8` as `< 8` lets 8 fall through
    every test, and reading `unit` raises."""
    return "=" in old and _unbound_after(program, operator, last_only=False)


def last_test_unbinds(program: ProgramIndex, operator: cst.CSTNode) -> bool:
    """The same chain, the operator in its last branch's test, or in `x == 'a'` followed
    only by tests of x against other literals: turned the other way (`>=` as `<=`, `==`
    as `!=`), the values that branch took go past its end (the earlier tests never took
    them, else they would never have reached it; the later ones take other values)."""
    return _unbound_after(program, operator, last_only=True)


def _other_literals(program: ProgramIndex, test: cst.CSTNode, later: list[cst.If]) -> bool:
    """`x == 'a'` where every later test is `x == <another literal>`."""
    def literal_test(node: cst.CSTNode) -> tuple[str, str] | None:
        if isinstance(node, cst.Comparison) and len(node.comparisons) == 1 \
                and isinstance(node.comparisons[0].operator, cst.Equal) \
                and isinstance(node.comparisons[0].comparator,
                               cst.SimpleString | cst.Integer | cst.Float):
            return program.text(node.left), program.text(node.comparisons[0].comparator)
        return None
    this = literal_test(test)
    others = [literal_test(b.test) for b in later]
    return this is not None and all(o is not None and o[0] == this[0] and o[1] != this[1]
                                    for o in others)


def _unbound_after(program: ProgramIndex, operator: cst.CSTNode, last_only: bool) -> bool:
    branch = program.statement_of(operator)
    if not isinstance(branch, cst.If):
        return False
    start, end = program.span(branch.test)
    if not start <= program.span(operator)[0] < end:
        return False  # in a one-line body (`if x: y = a <= b`), not the test
    top, chain, rest = chain_of(program, branch)
    bound = set.intersection(*(_binds(part.body) for part in chain))
    if rest is not None or not bound:
        return False  # an `else` takes what falls through
    later = chain[chain.index(branch) + 1:]
    if last_only and later and not _other_literals(program, branch.test, later):
        return False  # a later branch may take what this one no longer does
    block, index = _block_of(program, top)
    if not isinstance(block, cst.Module) and not isinstance(program.parent(block),
                                                             cst.FunctionDef):
        return False  # in a loop or a branch, an earlier pass may have bound it
    body = list(getattr(block, "body", ())) if block is not None else []
    before, after = body[:index], body[index + 1:]
    read = set().union(*(_names_in(s) for s in after)) if after else set()
    earlier = set().union(*(_names_in(s) for s in before)) if before else set()
    scope = next((a for a in program.ancestors(top) if isinstance(a, _SCOPES)), None)
    params = _names_in(scope.params) if isinstance(scope, cst.FunctionDef) else set()
    return any(n in read and n not in earlier and n not in params for n in bound)

