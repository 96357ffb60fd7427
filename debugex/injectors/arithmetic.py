"""Arithmetic: operators, precedence, division, and the guard before a division.

Each injector carries its golden examples; see docs/novice-mistakes.md."""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Access

from .base import LOGICAL, RUNTIME, Example, Injector, register
from .boundaries import in_search_then_raise, sets_search_window
from .helpers import (
    _accesses,
    _assigned_value,
    _assignments,
    _bound_value,
    _call_name,
    _callee_name,
    _feeds_guarded,
    _index_names,
    _indexed_by,
    _inside_guarded,
    _referents,
    _same,
    _value_used,
    _within,
)
from .kinds import _STR_METHODS, _is_number, _is_numeric, _is_text
from .program import ProgramIndex
from .tokens import _LAYOUT, _code_token_after
from .whole_numbers import (
    _passed_where_whole,
    _truncated,
    _whole_number_names,
    asked_is_integer,
    bounds_an_index,
    moves_the_loop,
    sizes_a_table,
)


def _line_end(program: ProgramIndex, line: int) -> int:
    """Offset of the end of a line's text (before its newline)."""
    return program.line_starts[line - 1] + len(program.line_text(line))


def _dedented(program: ProgramIndex, first: int, last: int, amount: int, indent: str) -> str:
    """Lines first..last moved `amount` columns left; the first without its indent."""
    lines = []
    for number in range(first, last + 1):
        text = program.line_text(number)
        spaces = len(text) - len(text.lstrip(" \t"))
        lines.append(text[min(amount, spaces):] if text.strip() else "")
    lines[0] = lines[0][len(indent):] if lines[0].startswith(indent) else lines[0].lstrip()
    return "\n".join(lines)


_DIVISIONS = (cst.Divide, cst.FloorDivide, cst.Modulo)


@register
class DivisionByZero(Injector):
    """Zero check removed before a division (`if count > 0:` guard deleted)."""

    id = "division_by_zero"
    error_class = RUNTIME
    why = ("Novices test their program with ordinary inputs and do not think of the case "
           "where nothing was entered, so a check for zero looks unnecessary to them.")
    examples = (
        Example('count = int(input())\ntotal = 12\nif count > 0:\n    print(total / count)\n'
                'print("done")\n',
                'count = int(input())\ntotal = 12\nprint(total / count)\nprint("done")\n',
                stdin=(("3",), ("0",)), line=3),
        Example('n = int(input())\nif n != 0:\n    print(100 // n)\nelse:\n    print("none")\n',
                'n = int(input())\nprint(100 // n)\n', stdin=(("2",), ("0",)), line=2),
    )
    no_site = 'n = int(input())\nif n > 0:\n    print(n * 2)\nprint(10 / 4)\n'

    def sites(self, program: ProgramIndex):
        for node in program.nodes(cst.If):
            parent = program.parent(node)
            if isinstance(node.orelse, cst.If) or (isinstance(parent, cst.If)
                                                   and parent.orelse is node):
                continue  # elif chains
            test = node.test
            if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1 \
                    or not isinstance(test.left, cst.Name):
                continue
            compare = test.comparisons[0]
            if not isinstance(compare.comparator, cst.Integer) or compare.comparator.value != "0":
                continue
            # Only `if d > 0:` / `if d != 0:` guarding the division: removing the header
            # (and any else) and dedenting the body reads as one change. Keeping the else
            # branch of `if d == 0:` would delete a body too: two changes, not one.
            if not isinstance(compare.operator, cst.GreaterThan | cst.NotEqual):
                continue
            kept, header = node.body, program.line(node)
            if not isinstance(kept, cst.IndentedBlock):
                continue  # `if n > 0: print(1 / n)` on one line
            if not any(isinstance(op.operator, _DIVISIONS) and _same(op.right, test.left)
                       and _within(program, op, kept)
                       for op in program.nodes(cst.BinaryOperation)):
                continue
            first, last = header + 1, program.range(kept).end.line
            indent = program.indent_of(program.line(node))
            amount = len(program.indent_of(program.line(kept.body[0]))) - len(indent)
            start = program.span(node)[0]
            end = _line_end(program, program.range(node).end.line)
            yield self.edit(program, start, end,
                            _dedented(program, first, last, amount, indent),
                            divisor=test.left.value, condition=program.text(test))


def _holds_dict(program: ProgramIndex, expr: cst.CSTNode,
                reads: dict[cst.CSTNode, Access]) -> bool:
    if not isinstance(expr, cst.Name):
        return False
    return any(kind == "assign" and (isinstance(value, cst.Dict) or _call_name(value) == "dict")
               for kind, value in (_bound_value(program, a)
                                   for a in _referents(program, expr, reads)))


def _needs_int(program: ProgramIndex, node: cst.CSTNode,
               reads: dict[cst.CSTNode, Access]) -> bool:
    """True when this value must be a whole number: a list index, range(), `"*" * n`."""
    parent = program.parent(node)
    if isinstance(parent, cst.BinaryOperation):
        other = parent.right if parent.left is node else parent.left
        if isinstance(parent.operator, cst.Add | cst.Subtract) and _is_number(program, other,
                                                                              reads):
            return _needs_int(program, parent, reads)  # a float plus one is still a float
        return isinstance(parent.operator, cst.Multiply) and _is_text(program, other)
    if isinstance(parent, cst.Index):
        subscript = _indexed_by(program, node)
        return subscript is not None and not _holds_dict(program, subscript.value, reads)
    if isinstance(parent, cst.Arg) and not parent.keyword:
        return _call_name(program.parent(parent)) == "range"
    return False


@register
class FloatWhereIntNeeded(Injector):
    """`/` where a whole number is needed (`range(n / 2)` for `range(n // 2)`)."""

    id = "float_where_int_needed"
    error_class = RUNTIME
    why = ("Novices expect 6 / 2 to give the whole number 3, as on paper; they do not know "
           "that `/` always produces a float and `//` is the whole-number division.")
    examples = (
        Example('items = ["a", "b", "c", "d", "e"]\nmiddle = len(items) // 2\n'
                'print(items[middle])\n',
                'items = ["a", "b", "c", "d", "e"]\nmiddle = len(items) / 2\n'
                'print(items[middle])\n', line=2),
        Example('n = int(input())\nfor i in range(n // 2):\n    print(i)\n',
                'n = int(input())\nfor i in range(n / 2):\n    print(i)\n', stdin=(("6",),),
                line=2),
    )
    no_site = 'minutes = int(input())\nprint(minutes // 60, "h")\n'

    def sites(self, program: ProgramIndex):
        reads = _accesses(program)
        for node in program.nodes(cst.BinaryOperation):
            if not isinstance(node.operator, cst.FloorDivide) \
                    or not _value_used(program, node, reads, _needs_int, 0):
                continue
            start, end = program.span(node.operator)
            expr = f"{program.text(node.left)} / {program.text(node.right)}"
            yield self.edit(program, start, end, "/", expr=expr)


def _is_text_value(program: ProgramIndex, expr: cst.CSTNode, depth: int = 0) -> bool:
    """Conservatively: does this expression hold a string?"""
    if depth > 6:
        return False
    if isinstance(expr, cst.SimpleString | cst.FormattedString | cst.ConcatenatedString):
        return True
    if isinstance(expr, cst.Call):
        name = _callee_name(expr) or ""
        return name in ("str", "input") or (isinstance(expr.func, cst.Attribute)
                                            and expr.func.attr.value in _STR_METHODS)
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        return _is_text_value(program, expr.left, depth + 1) or _is_text_value(program, expr.right,
                                                                   depth + 1)
    if isinstance(expr, cst.Name):
        found = _assignments(program, expr)
        if not found:
            return False
        for assignment in found:
            parent = program.parent(assignment.node)
            if isinstance(parent, cst.AugAssign):
                continue
            value = _assigned_value(program, assignment.node)
            if value is None or not _is_text_value(program, value, depth + 1):
                return False
        return True
    return False


def _token_before(program: ProgramIndex, offset: int):
    """The last real token that ends at or before `offset`."""
    before = None
    for located in program.located_tokens:
        token = located[0]
        if located[2] > offset:
            break
        if token.type not in _LAYOUT:
            before = located
    return before


@register
class IntegerDivision(Injector):
    """`/` and `//` confused (`total // count` for `total / count`)."""

    id = "integer_division"
    error_class = LOGICAL
    type_alone_shows = False  # `6 // 2` for `6 / 2` loses no fraction: not this mistake
    why = ("Novices expect one division operator; that `//` rounds down and `/` always "
           "gives a decimal is a rule of Python they have not yet met.")
    examples = (
        Example("a = int(input())\nb = int(input())\nprint((a + b) / 2)\n",
                "a = int(input())\nb = int(input())\nprint((a + b) // 2)\n",
                stdin=(("3", "4"),), line=3),
        Example("m = int(input())\nprint(m // 60, 'hours')\n",
                "m = int(input())\nprint(m / 60, 'hours')\n", stdin=(("90",),), line=2),
    )
    no_site = "print(7 * 2)\n"

    def sites(self, program: ProgramIndex):
        guarded = _index_names(program) | _whole_number_names(program)
        for node in program.nodes(cst.BinaryOperation):
            if isinstance(node.operator, cst.Divide):
                if _truncated(program, node) or asked_is_integer(program, node):
                    continue  # `int(a / b)` is `a // b` for every value that is not negative;
                    # an `int` has no `is_integer()` before Python 3.12
                old, new = "/", "//"
                effect = "the decimal part of the result is lost"
            elif isinstance(node.operator, cst.FloorDivide):
                if _inside_guarded(program, node) or \
                        _feeds_guarded(program, node, guarded) or \
                        _passed_where_whole(program, node, guarded):
                    continue
                old, new = "//", "/"
                effect = "the result keeps a decimal part where a whole number was wanted"
            else:
                continue
            start, end = program.span(node.operator)
            yield self.edit(program, start, end, new, old=old, new=new, effect=effect,
                            expr=program.text(node))


_LEVEL = {cst.Add: 1, cst.Subtract: 1, cst.Multiply: 2, cst.Divide: 2, cst.FloorDivide: 2,
          cst.Modulo: 2, cst.Power: 3}


_NOT_ASSOCIATIVE = (cst.Subtract, cst.Divide, cst.FloorDivide, cst.Modulo)


@register
class Precedence(Injector):
    """Brackets dropped so the operators group differently (`a + b / 2` for `(a + b) / 2`)."""

    id = "precedence"
    error_class = LOGICAL
    why = ("Novices write a formula in the order they would say it and forget that `*` "
           "and `/` are done before `+` and `-` unless brackets say otherwise.")
    examples = (
        Example("a = int(input())\nb = int(input())\nprint((a + b) / 2)\n",
                "a = int(input())\nb = int(input())\nprint(a + b / 2)\n",
                stdin=(("4", "6"),), line=3),
        Example("w = 3\nh = 4\nprint(2 * (w + h))\n", "w = 3\nh = 4\nprint(2 * w + h)\n",
                line=3),
    )
    no_site = "a = 2\nprint((a * 3) + 1)\n"

    def sites(self, program: ProgramIndex):
        guarded = _index_names(program)
        for outer in program.nodes(cst.BinaryOperation):
            outer_level = _LEVEL.get(type(outer.operator))
            if outer_level is None or _inside_guarded(program, outer) \
                    or _feeds_guarded(program, outer, guarded) \
                    or any((_callee_name(a) or "").startswith("math.")
                           for a in program.ancestors(outer)):
                continue
            if _is_text_value(program, outer.left) or _is_text_value(program, outer.right):
                continue
            for side in ("left", "right"):
                inner = getattr(outer, side)
                if not isinstance(inner, cst.BinaryOperation) or not inner.lpar:
                    continue
                inner_level = _LEVEL.get(type(inner.operator))
                if inner_level is None:
                    continue
                changes = inner_level < outer_level or (
                    inner_level == outer_level and side == "right"
                    and isinstance(outer.operator, _NOT_ASSOCIATIVE))
                if not changes:
                    continue
                opening = _token_before(program, program.span(inner)[0])
                closing = _code_token_after(program, program.span(inner)[1])
                if opening is None or closing is None or opening[0].string != "(" \
                        or closing[0].string != ")":
                    continue
                inner_text = program.text(inner)
                replacement = inner_text
                old = program.text(outer)
                start, end = opening[1], closing[2]
                outer_start, outer_end = program.span(outer)
                new = (program.source[outer_start:start] + replacement
                       + program.source[end:outer_end])
                near = program.text(inner.right if side == "left" else inner.left)
                yield self.edit(program, start, end, replacement, inner=inner_text,
                                old=old, new=new, near=near,
                                op=program.text(outer.operator),
                                inner_op=program.text(inner.operator))


_SWAP = {cst.Add: ("+", "-", "added", "subtracted"),
         cst.Subtract: ("-", "+", "subtracted", "added"),
         cst.Multiply: ("*", "+", "multiplied", "added"),
         cst.Divide: ("/", "*", "divided", "multiplied")}


def _is_collection(node: cst.BaseExpression) -> bool:
    """A set or a tally (`set(digits) - set('01')`, `volumes - Counter(...)`): its `-`
    is no arithmetic, and `+` on sets raises rather than miscounting."""
    return isinstance(node, cst.Set | cst.SetComp) or _callee_name(node) in (
        "set", "frozenset", "Counter")


@register
class WrongOperator(Injector):
    """An arithmetic operator swapped for another (`a * b` for `a + b`)."""

    id = "wrong_operator"
    error_class = LOGICAL
    why = ("Novices type a formula from memory and check only that it runs; a slipped "
           "operator gives a plausible-looking number that they do not question.")
    examples = (
        Example("w = float(input())\nh = float(input())\nprint(w * h)\n",
                "w = float(input())\nh = float(input())\nprint(w + h)\n",
                stdin=(("3", "4"),), line=3),
    )
    no_site = "print('ab' + 'cd')\nprint('-' * 10)\n"

    def sites(self, program: ProgramIndex):
        guarded = _index_names(program)
        for node in program.nodes(cst.BinaryOperation):
            swap = _SWAP.get(type(node.operator))
            if swap is None or _inside_guarded(program, node) \
                    or _feeds_guarded(program, node, guarded) or sizes_a_table(program, node) \
                    or moves_the_loop(program, node) or in_search_then_raise(program, node) \
                    or sets_search_window(program, node) or bounds_an_index(program, node) \
                    or isinstance(node.operator, cst.Divide) and asked_is_integer(program, node):
                continue  # an index past the end, a loop that never ends (whole_numbers.py)
            left, right = node.left, node.right
            if _is_text_value(program, left) or _is_text_value(program, right) \
                    or isinstance(left, cst.List | cst.Tuple) \
                    or isinstance(right, cst.List | cst.Tuple) \
                    or _is_collection(left) or _is_collection(right):
                continue
            if isinstance(node.operator, cst.Add | cst.Multiply):
                # a number on one side proves both are numbers (str + int fails)
                if not (_is_numeric(program, left) or _is_numeric(program, right)):
                    continue
            old, new, old_verb, new_verb = swap
            start, end = program.span(node.operator)
            yield self.edit(program, start, end, new, old=old, new=new, old_verb=old_verb,
                            new_verb=new_verb, expr=program.text(node))
