"""Proofs that a change is no change: beyond one syntax tree (`proven_equivalent`), an
augmented assignment written out (`x += e` as `x = x + e`) where `x` can only ever hold a
number or a string. For those types `+=` has no in-place form, so Python runs
`x = x + e` either way (`x` is read once, before `e`, in both). A name that may hold
anything else (a list, whose `+=` extends it in place) is not proven."""

from __future__ import annotations

import ast
import builtins
import warnings

from ..engine import proven_equivalent

# Builtins whose result is a number or a string: always, or when their arguments are.
_ALWAYS_SCALAR = frozenset({"input", "len"})
_SCALAR_OF_SCALARS = frozenset({"int", "float", "str", "round", "abs", "bool", "complex",
                                "ord", "chr"})
# Calls that can bind a name behind the syntax tree's back.
_REFLECTION = frozenset({"globals", "locals", "vars", "exec", "eval", "setattr", "__import__"})


def _parse(source: str) -> ast.Module | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _bindings(tree: ast.Module) -> dict[str, list[ast.AST | None]]:
    """Every binding of every name, in any scope: the expression bound, `range` for a
    loop over range(), None where the value cannot be known (parameters, imports...)."""
    found: dict[str, list[ast.AST | None]] = {}

    def bind(target: ast.AST, value: ast.AST | None) -> None:
        if isinstance(target, ast.Name):
            found.setdefault(target.id, []).append(value)
        else:  # unpacking: values unknown
            for node in ast.walk(target):
                if isinstance(node, ast.Name):
                    found.setdefault(node.id, []).append(None)

    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                bind(target, node.value if isinstance(target, ast.Name) else None)
        elif isinstance(node, ast.AugAssign | ast.AnnAssign | ast.NamedExpr):
            bind(node.target, node.value)
        elif isinstance(node, ast.For | ast.AsyncFor | ast.comprehension):
            # range() gives numbers; a loop over a scalar (a string) gives strings, and
            # over a number it raises before binding anything.
            ranged = isinstance(node.iter, ast.Call) and isinstance(node.iter.func, ast.Name) \
                and node.iter.func.id == "range"
            bind(node.target, ast.Constant(0) if ranged else node.iter)
        elif isinstance(node, ast.arg):
            found.setdefault(node.arg, []).append(None)
        elif isinstance(node, ast.alias):
            found.setdefault((node.asname or node.name).split(".")[0], []).append(None)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            found.setdefault(node.name, []).append(None)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            found.setdefault(node.name, []).append(None)
        elif isinstance(node, ast.withitem) and node.optional_vars is not None:
            bind(node.optional_vars, None)
        elif isinstance(node, ast.Global | ast.Nonlocal | ast.Delete):
            names = node.names if not isinstance(node, ast.Delete) else []
            for name in names:
                found.setdefault(name, []).append(None)
    return found


def scalar_names(tree: ast.Module) -> set[str]:
    """Names that can only ever hold a number or a string: the largest set such that
    every binding of each is a scalar expression of the others (sound by induction on
    the bindings a run makes)."""
    if any(isinstance(node, ast.Name) and node.id in _REFLECTION for node in ast.walk(tree)):
        return set()
    bound = _bindings(tree)
    shadowed = set(bound) & set(dir(builtins))
    if "range" in shadowed:  # loops over range() are read as numbers
        return set()
    names = {name for name, values in bound.items() if None not in values}

    def scalar(node: ast.AST) -> bool:
        if isinstance(node, ast.Constant):
            return isinstance(node.value, int | float | complex | str)
        if isinstance(node, ast.Name):
            return node.id in names
        if isinstance(node, ast.BinOp):
            return scalar(node.left) and scalar(node.right)
        if isinstance(node, ast.UnaryOp):
            return scalar(node.operand)
        if isinstance(node, ast.IfExp):
            return scalar(node.body) and scalar(node.orelse)
        if isinstance(node, ast.JoinedStr):
            return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id not in shadowed:
            if node.func.id in _ALWAYS_SCALAR:
                return True
            return node.func.id in _SCALAR_OF_SCALARS and not node.keywords \
                and all(scalar(arg) for arg in node.args)
        return False

    changed = True
    while changed:
        changed = False
        for name in sorted(names):
            if not all(scalar(value) for value in bound[name]):
                names.discard(name)
                changed = True
    return names


class _WriteOut(ast.NodeTransformer):
    def __init__(self, names: set[str]) -> None:
        self.names = names

    def visit_AugAssign(self, node: ast.AugAssign) -> ast.AST:
        if isinstance(node.target, ast.Name) and node.target.id in self.names:
            return ast.Assign([ast.Name(node.target.id, ast.Store())],
                              ast.BinOp(ast.Name(node.target.id, ast.Load()), node.op,
                                        node.value))
        return node


def _written_out(tree: ast.Module) -> str:
    return ast.dump(_WriteOut(scalar_names(tree)).visit(tree))


def same_program(source: str, changed: str) -> str | None:
    """Why the two are one program, or None when that is not proven."""
    if proven_equivalent(source, changed):
        return "the same syntax tree: the same program"
    old, new = _parse(source), _parse(changed)
    if old is None or new is None:
        return None
    if _written_out(old) == _written_out(new):
        return ("the same program: `x += e` and `x = x + e` run alike when `x` can only "
                "hold a number or a string")
    return None
