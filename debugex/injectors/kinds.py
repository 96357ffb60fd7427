"""What kind of value an expression certainly holds in the correct program (a number,
text), so that an injector only offers edits whose error is certain."""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Access

from .helpers import (
    _assigned_value,
    _assignments,
    _bound_value,
    _call_name,
    _callee_name,
    _reads_input,
    _referents,
)
from .program import ProgramIndex

# Calls whose result is always a number.
_NUMBER_CALLS = frozenset({"int", "float", "len", "round", "abs", "sum"})


def _is_number(program: ProgramIndex, expr: cst.CSTNode, reads: dict[cst.CSTNode, Access],
               depth: int = 0) -> bool:
    """True when the correct program certainly computes a number (int or float) here."""
    if depth > 4:
        return False
    if isinstance(expr, cst.Integer | cst.Float):
        return True
    if isinstance(expr, cst.UnaryOperation):
        return _is_number(program, expr.expression, reads, depth + 1)
    if isinstance(expr, cst.BinaryOperation):
        left = _is_number(program, expr.left, reads, depth + 1)
        right = _is_number(program, expr.right, reads, depth + 1)
        if isinstance(expr.operator, cst.Subtract | cst.Divide | cst.FloorDivide | cst.Power
                      | cst.Add):
            return left or right
        if isinstance(expr.operator, cst.Modulo):
            return left
        return left and right
    name = _call_name(expr)
    if name in _NUMBER_CALLS:
        return True
    if name in ("max", "min") and expr.args:
        return all(_is_number(program, a.value, reads, depth + 1) for a in expr.args)
    if isinstance(expr, cst.Subscript) and isinstance(expr.value, cst.Name):
        # an item of a dict or list literal whose values are all numbers
        containers = [_bound_value(program, a) for a in
                      _referents(program, expr.value, reads)]
        if not containers:
            return False
        for kind, value in containers:
            if kind != "assign":
                return False
            if isinstance(value, cst.Dict):
                items = [e.value for e in value.elements if isinstance(e, cst.DictElement)]
            elif isinstance(value, cst.List):
                items = [e.value for e in value.elements]
            else:
                return False
            if not items or not all(_is_number(program, i, reads, depth + 1) for i in items):
                return False
        return True
    if isinstance(expr, cst.Name):
        return _bound_to_numbers(program, _referents(program, expr, reads), reads, depth)
    return False


def _bound_to_numbers(program: ProgramIndex, bindings, reads: dict[cst.CSTNode, Access],
                      depth: int = 0) -> bool:
    """True when every binding of a name (but `+=` and the like, which keep the type of
    the first value) certainly stores a number, and there is at least one."""
    assigned = False
    for assignment in bindings:
        kind, value = _bound_value(program, assignment)
        if kind == "aug":
            continue  # `total += x` keeps the type of the first value
        if kind == "assign":
            if not _is_number(program, value, reads, depth + 1):
                return False
        elif kind == "for":
            if _call_name(value.iter) != "range":
                return False
        else:
            return False
        assigned = True
    return assigned


def _is_text(program: ProgramIndex, expr: cst.CSTNode) -> bool:
    """True when the expression is plainly a string (a literal, f-string or str() call)."""
    if isinstance(expr, cst.SimpleString | cst.FormattedString | cst.ConcatenatedString):
        return True
    if _call_name(expr) in ("str", "input"):
        return True
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        return _is_text(program, expr.left) or _is_text(program, expr.right)
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Multiply):
        return _is_text(program, expr.left) or _is_text(program, expr.right)
    return False


_STR_RESULTS = frozenset({"strip", "lstrip", "rstrip", "lower", "upper", "title", "capitalize",
                          "replace", "join"})


def _holds_text(program: ProgramIndex, expr: cst.CSTNode, reads: dict[cst.CSTNode, Access],
                depth: int = 0) -> bool:
    """True when the correct program certainly has a string here."""
    if depth > 3:
        return False
    if _is_text(program, expr) or _reads_input(expr):
        return True
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) \
            and expr.func.attr.value in _STR_RESULTS:
        return expr.func.attr.value == "join" or _holds_text(program, expr.func.value, reads,
                                                             depth + 1)
    if isinstance(expr, cst.Name):
        bound = [_bound_value(program, a) for a in _referents(program, expr, reads)]
        return bool(bound) and all(kind == "assign" and _holds_text(program, value, reads,
                                                                     depth + 1)
                                   for kind, value in bound)
    return False


_STR_METHODS = {"upper", "lower", "strip", "lstrip", "rstrip", "title", "capitalize",
                "replace", "swapcase", "casefold", "join", "format", "center", "ljust",
                "rjust", "zfill"}


_NUMERIC_CALLS = {"int", "float", "len", "round", "abs", "sum"}


def _is_numeric(program: ProgramIndex, expr: cst.CSTNode, depth: int = 0) -> bool:
    """Conservatively: does this expression always hold a number (int or float)?"""
    if depth > 6:
        return False
    if isinstance(expr, cst.Integer | cst.Float):
        return True
    if isinstance(expr, cst.UnaryOperation):
        return _is_numeric(program, expr.expression, depth + 1)
    if isinstance(expr, cst.Call):
        return _callee_name(expr) in _NUMERIC_CALLS or (_callee_name(expr) or "").startswith(
            ("math.", "random.randint"))
    if isinstance(expr, cst.Attribute):
        return isinstance(expr.value, cst.Name) and expr.value.value == "math"
    if isinstance(expr, cst.BinaryOperation):
        if isinstance(expr.operator, cst.Modulo):
            return _is_numeric(program, expr.left, depth + 1)
        return (_is_numeric(program, expr.left, depth + 1)
                and _is_numeric(program, expr.right, depth + 1))
    if isinstance(expr, cst.Name):
        found = _assignments(program, expr)
        if not found:
            return False
        for assignment in found:
            node = assignment.node
            parent = program.parent(node)
            if isinstance(parent, cst.AugAssign):
                continue
            if isinstance(parent, cst.For) and parent.target is node:
                if _callee_name(parent.iter) == "range":
                    continue
                return False
            value = _assigned_value(program, node)
            if value is None or not _is_numeric(program, value, depth + 1):
                return False
        return True
    return False
