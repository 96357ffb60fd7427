"""Names an `if`/`elif` chain without `else` is the only place to bind.

`if mode == 0: new = ...` / `elif mode == 1: new = ...`, then `use(new)`: every run of the
correct program takes one of the branches (it reads `new` after them and does not fail).
Swap `mode` in one test for another name and a run that took that branch now passes the
test by (the other tests still ask `mode` for other values): nothing binds `new`, and its
read raises UnboundLocalError (NameError at the top level), a runtime error, not the
logical one the swap claims.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Assignment

from .program import ProgramIndex

_LITERALS = cst.Integer | cst.Float | cst.SimpleString


def leaves_unbound(program: ProgramIndex, node: cst.Name) -> bool:
    """`node` is the name each test of such a chain compares with a literal, and the
    branch it guards binds a name nothing else binds and the code reads after the chain."""
    branch = _tested_by(program, node)
    if branch is None:
        return False
    top, chain, rest = chain_of(program, branch)
    if rest is not None:  # an `else` catches what no test does
        return False
    literals = [_literal_compared(program, c.test, node.value) for c in chain]
    if None in literals or len(set(literals)) != len(literals):
        return False
    scope = program.scopes.get(node)
    if scope is None:
        return False
    start, end = program.span(top)
    for statement in branch.body.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if not (isinstance(small, cst.Assign) and len(small.targets) == 1
                    and isinstance(small.targets[0].target, cst.Name)):
                continue
            name = small.targets[0].target.value
            bindings = list(scope.assignments[name])
            if not all(isinstance(a, Assignment) and start <= program.span(a.node)[0] < end
                       for a in bindings):
                continue  # bound before the chain too (or a parameter, an import)
            if any(program.span(a.node)[0] >= end for a in scope.accesses[name]
                   if isinstance(a.node, cst.Name)):
                return True
    return False


def chain_of(program: ProgramIndex, branch: cst.If
             ) -> tuple[cst.If, list[cst.If], cst.CSTNode | None]:
    """(the chain's first `if`, its `if`/`elif` branches in order, its `else` or None)
    for a branch of an `if`/`elif` chain."""
    top = branch
    while isinstance(program.parent(top), cst.If) and program.parent(top).orelse is top:
        top = program.parent(top)
    chain, current = [], top
    while isinstance(current, cst.If):
        chain.append(current)
        current = current.orelse
    return top, chain, current


def _tested_by(program: ProgramIndex, node: cst.Name) -> cst.If | None:
    child = node
    for ancestor in program.ancestors(node):
        if isinstance(ancestor, cst.If):
            return ancestor if ancestor.test is child else None
        if isinstance(ancestor, cst.BaseSuite | cst.BaseStatement):
            return None
        child = ancestor
    return None


def _literal_compared(program: ProgramIndex, test: cst.BaseExpression,
                      name: str) -> str | None:
    """The literal's text in `name == literal` (either way round)."""
    if not (isinstance(test, cst.Comparison) and len(test.comparisons) == 1
            and isinstance(test.comparisons[0].operator, cst.Equal)):
        return None
    left, right = test.left, test.comparisons[0].comparator
    if isinstance(left, _LITERALS):
        left, right = right, left
    if isinstance(left, cst.Name) and left.value == name and isinstance(right, _LITERALS):
        return program.text(right)
    return None
