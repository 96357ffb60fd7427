"""A `return` that is a `while` loop's only way on: printed instead, the loop never ends.

In `while low <= high: ... else: return middle` the branch that returns changes nothing
the loop's test reads. Made `print(middle)`, the pass ends with every name as it was,
the next pass takes the same branch and prints again, and so on until the sandbox stops
the program (its output limit or its time): never a wrong value a scenario could show.
"""

from __future__ import annotations

import libcst as cst

from .helpers import _names_in, _walk
from .program import ProgramIndex

_SCOPES = (cst.FunctionDef, cst.ClassDef, cst.Lambda)
# Calls that read their arguments and change nothing a loop's test could read
_READ_ONLY_CALLS = frozenset({"len", "abs", "min", "max", "int", "float", "str", "bool",
                              "round", "range", "sorted", "sum", "print", "ord", "chr",
                              "divmod", "pow", "isinstance", "repr", "tuple", "list"})
_LEAVES = (cst.Break, cst.Raise, cst.Yield, cst.Global, cst.Nonlocal, cst.Return,
           cst.Await)


def _loop_of(program: ProgramIndex, node: cst.CSTNode) -> cst.While | None:
    """The innermost loop around the node, when it is a `while` in the same function."""
    for ancestor in program.ancestors(node):
        if isinstance(ancestor, (*_SCOPES, cst.For)):
            return None
        if isinstance(ancestor, cst.While):
            return ancestor
    return None


def _run_with(program: ProgramIndex, ret: cst.Return, loop: cst.While) -> list[cst.CSTNode]:
    """The parts of the loop's body that may run in a pass that reaches `ret`: all of
    it but the other branches of each `if` on the way down (and any `else` of the loop)."""
    path = {id(a) for a in program.ancestors(ret)}
    kept: list[cst.CSTNode] = []
    todo: list[cst.CSTNode] = [loop.body]
    while todo:
        node = todo.pop()
        if isinstance(node, cst.If) and id(node) in path:
            # of this if/elif/else only the part on the way to the return runs
            for part in (node.body, node.orelse):
                if part is not None and id(part) in path:
                    todo.append(part)
            kept.append(node.test)
            continue
        if isinstance(node, cst.Else) and id(node) in path:
            todo.append(node.body)
            continue
        if isinstance(node, cst.SimpleStatementLine | cst.BaseCompoundStatement) \
                and id(node) not in path and node is not program.statement_of(ret):
            kept.append(node)
            continue
        todo += [c for c in node.children if isinstance(c, cst.CSTNode)]
    return kept


def _changes_state(node: cst.CSTNode, names: set[str]) -> bool:
    for sub in _walk(node):
        if isinstance(sub, _LEAVES):
            return True
        if isinstance(sub, cst.Assign) and any(names & _names_in(t.target)
                                               for t in sub.targets):
            return True
        if isinstance(sub, cst.AugAssign | cst.AnnAssign | cst.For | cst.NamedExpr
                      | cst.CompFor) and names & _names_in(sub.target):
            return True
        if isinstance(sub, cst.Del) and names & _names_in(sub.target):
            return True
        if isinstance(sub, cst.Call) and not (isinstance(sub.func, cst.Name)
                                              and sub.func.value in _READ_ONLY_CALLS):
            return True  # a method or the program's function may change what the test reads
    return False


def only_way_on(program: ProgramIndex, ret: cst.Return) -> bool:
    """`ret` is in a `while` loop whose test reads names, and nothing else that runs in
    a pass reaching it changes them, leaves the loop or calls anything that could."""
    loop = _loop_of(program, ret)
    if loop is None:
        return False
    names = _names_in(loop.test)
    if not names or any(_changes_state(n, names) for n in _walk(loop.test)
                        if isinstance(n, cst.Call)):
        return False
    line = program.statement_of(ret)
    if isinstance(line, cst.SimpleStatementLine) and len(line.body) > 1:
        return False  # `x += 1; return x`: the rest of the line may move the state
    parts = _run_with(program, ret, loop) + ([ret.value] if ret.value is not None else [])
    return not any(_changes_state(n, names) for n in parts)
