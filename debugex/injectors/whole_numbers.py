"""Numbers a program needs whole, in bounds or moving, where an arithmetic slip crashes or
hangs rather than misleads (`integer_division`, `wrong_operator`).

A whole number is required by some functions (`gcd`, `chr`, `range`, an index) and a float
there raises; a fraction that `int()` or `math.floor()` drops anyway is no fraction lost;
the size of a list the program indexes (`[0] * (n + 1)`) made smaller puts an index past
its end; the step of a `while` loop's own variable (`k = k - 1` as `k + 1`) turned the
other way never reaches the loop's end; a quotient the program asks `.is_integer()` of is
an `int` after `//`, which has no such method before Python 3.12.
"""

from __future__ import annotations

import libcst as cst

from .guards import indexes_with
from .helpers import _callee_name, _names_in
from .program import ProgramIndex

# Functions that take whole numbers only: a float there raises a TypeError.
_WHOLE_ONLY = frozenset({"gcd", "lcm", "factorial", "comb", "perm", "isqrt", "chr", "bin",
                         "hex", "oct"})
_TRUNCATING = frozenset({"int", "floor", "trunc"})


def _whole_number_names(program: ProgramIndex) -> set[str]:
    """Names passed to a function that takes whole numbers only (`gcd(a, b)`)."""
    names: set[str] = set()
    for call in program.nodes(cst.Call):
        if (_callee_name(call) or "").rsplit(".", 1)[-1] in _WHOLE_ONLY:
            for arg in call.args:
                names |= _names_in(arg)
    return names


def _argument_of(program: ProgramIndex, node: cst.CSTNode) -> tuple[cst.Call, int] | None:
    """(the call, the position) where the node is a positional argument as a whole."""
    arg = program.parent(node)
    call = program.parent(arg) if isinstance(arg, cst.Arg) else None
    if not isinstance(call, cst.Call) or arg.keyword or arg.star:
        return None
    return call, next(i for i, a in enumerate(call.args) if a is arg)


def _truncated(program: ProgramIndex, node: cst.CSTNode) -> bool:
    """`int(a / b)`, `math.floor(a / b)`: the fraction is dropped anyway."""
    found = _argument_of(program, node)
    return found is not None and len(found[0].args) == 1 and (
        _callee_name(found[0]) or "").rsplit(".", 1)[-1] in _TRUNCATING


def asked_is_integer(program: ProgramIndex, node: cst.CSTNode) -> bool:
    """`return color / 1000, 'kΩ'` in `f`, and `value, unit = f(...)` then
    `value.is_integer()`: made `//`, the value is an `int`, which (before Python 3.12,
    where every `int` has the method) raises an AttributeError there."""
    if hasattr(int, "is_integer"):
        return False
    ret = next((a for a in program.ancestors(node) if isinstance(a, cst.Return)), None)
    function = next((a for a in program.ancestors(node) if isinstance(a, cst.FunctionDef)),
                    None)
    if ret is None or function is None:
        return False
    asked = {c.func.value.value for c in program.nodes(cst.Call)
             if isinstance(c.func, cst.Attribute) and c.func.attr.value == "is_integer"
             and isinstance(c.func.value, cst.Name)}
    for assign in program.nodes(cst.Assign):
        if isinstance(assign.value, cst.Call) and isinstance(assign.value.func, cst.Name) \
                and assign.value.func.value == function.name.value \
                and any(asked & _names_in(t.target) for t in assign.targets):
            return True
    return False


def _passed_where_whole(program: ProgramIndex, node: cst.CSTNode, guarded: set[str]) -> bool:
    """`count(1, n // 2)` where the program's `count` uses that parameter as an index or
    a range bound: a float there raises."""
    found = _argument_of(program, node)
    if found is None or not isinstance(found[0].func, cst.Name):
        return False
    call, position = found
    return any(f.name.value == call.func.value and position < len(f.params.params)
               and f.params.params[position].name.value in guarded
               for f in program.nodes(cst.FunctionDef))


def sizes_a_table(program: ProgramIndex, node: cst.CSTNode) -> bool:
    """`table = [0] * (n + 1)` where the program reads `table[...]`: the size of a list
    made to be indexed up to n."""
    parent = program.parent(node)
    if not (isinstance(parent, cst.BinaryOperation) and isinstance(parent.operator,
                                                                    cst.Multiply)):
        return False
    other = parent.left if parent.right is node else parent.right
    statement = program.statement_of(parent)
    if not isinstance(other, cst.List) or not isinstance(statement, cst.SimpleStatementLine):
        return False
    named = {n.value for small in statement.body if isinstance(small, cst.Assign)
             for t in small.targets for n in [t.target] if isinstance(n, cst.Name)}
    return any(isinstance(s.value, cst.Name) and s.value.value in named
               for s in program.nodes(cst.Subscript))


def moves_the_loop(program: ProgramIndex, node: cst.CSTNode) -> bool:
    """`k = k - 1` in the body of a `while` whose test reads k: the step of the loop's own
    variable (the slipped operation reads k itself), which a slip sends the wrong way."""
    statement = program.statement_of(node)
    small = statement.body[0] if isinstance(statement, cst.SimpleStatementLine) else None
    if not (isinstance(small, cst.Assign) and len(small.targets) == 1
            and isinstance(small.targets[0].target, cst.Name)):
        return False
    targets = {small.targets[0].target.value} & _names_in(node)
    for ancestor in program.ancestors(statement):
        if isinstance(ancestor, cst.FunctionDef | cst.ClassDef | cst.Lambda):
            return False
        if isinstance(ancestor, cst.While) and targets & _names_in(ancestor.test):
            return True
    return False


def bounds_an_index(program: ProgramIndex, node: cst.CSTNode) -> bool:
    """`if i < width - 1:` guarding `row[i + 1]`: the bound of a name the `if` body
    indexes with, which a slip moves past the end (an IndexError)."""
    child = node
    for ancestor in program.ancestors(node):
        if isinstance(ancestor, cst.Comparison):
            break
        child = ancestor
    else:
        return False
    branch = program.parent(ancestor)
    if not isinstance(branch, cst.If) or branch.test is not ancestor \
            or len(ancestor.comparisons) != 1:
        return False
    target = ancestor.comparisons[0]
    upper = isinstance(target.operator, cst.LessThan | cst.LessThanEqual)
    lower = isinstance(target.operator, cst.GreaterThan | cst.GreaterThanEqual)
    bounded = ancestor.left if (upper and child is target) else target.comparator if (
        lower and child is ancestor.left) else None
    if not isinstance(bounded, cst.Name):
        return False
    return indexes_with(program, branch.body, {bounded.value})
