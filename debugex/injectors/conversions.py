"""Conversions between text and numbers.

Each injector carries its golden examples; see docs/novice-mistakes.md."""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Access, Assignment

from .base import LOGICAL, RUNTIME, Example, Injector, register
from .helpers import (
    _ORDERING,
    _accesses,
    _binding,
    _bound_value,
    _call_name,
    _in_part,
    _reads_input,
    _referents,
    _single_target,
    _some_use,
    _test_steers_input,
)
from .kinds import _bound_to_numbers, _is_number, _is_text
from .program import ProgramIndex

_STRICTLY_NUMERIC = (cst.Subtract, cst.Divide, cst.FloorDivide, cst.Power, cst.Modulo)


_NUMBER_ARGUMENTS = frozenset({"range", "round", "abs", "chr"})


def _needs_number(program: ProgramIndex, node: cst.CSTNode,
                  reads: dict[cst.CSTNode, Access]) -> bool:
    """True when this read uses a value as a number in a way that raises for a string
    (arithmetic, ordering against a number, range(), a format spec...)."""
    parent = program.parent(node)
    if isinstance(parent, cst.BinaryOperation):
        other = parent.right if parent.left is node else parent.left
        if isinstance(parent.operator, _STRICTLY_NUMERIC):
            return True
        if isinstance(parent.operator, cst.Add):
            return _is_number(program, other, reads)
        # `text * n` raises for a text n (a sequence times a sequence); `n * 1.5` too
        return isinstance(parent.operator, cst.Multiply) and (
            isinstance(other, cst.Float) or _is_sequence(program, other, reads))
    if isinstance(parent, cst.UnaryOperation):
        return isinstance(parent.operator, cst.Minus)
    if isinstance(parent, cst.Comparison) and parent.left is node:
        first = parent.comparisons[0]
        return isinstance(first.operator, _ORDERING) and _is_number(
            program, first.comparator, reads)
    if isinstance(parent, cst.ComparisonTarget):
        comparison = program.parent(parent)
        index = list(comparison.comparisons).index(parent)
        other = comparison.left if index == 0 else comparison.comparisons[index - 1].comparator
        return isinstance(parent.operator, _ORDERING) and _is_number(program, other, reads)
    if isinstance(parent, cst.AugAssign):
        if isinstance(parent.operator, cst.MultiplyAssign):
            return False
        if parent.value is not node:
            return not isinstance(parent.operator, cst.AddAssign) \
                or _is_number(program, parent.value, reads)
        return not isinstance(parent.operator, cst.AddAssign) \
            or _target_is_number(program, parent.target, reads)
    if isinstance(parent, cst.FormattedStringExpression):
        return parent.format_spec is not None
    if isinstance(parent, cst.Index) and _list_position(program, parent, reads):
        return True  # `items[i]`: a list or text cannot be indexed by text
    if isinstance(parent, cst.Arg) and not parent.keyword:
        call = program.parent(parent)
        if _call_name(call) in _NUMBER_ARGUMENTS:
            return True
        return isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) \
            and isinstance(call.func.value, cst.Name) and call.func.value.value == "math"
    return False


def _target_is_number(program: ProgramIndex, target: cst.CSTNode,
                      reads: dict[cst.CSTNode, Access]) -> bool:
    """An augmented assignment's target name bound to numbers (`total = 0.0` before
    `total += score`): a target is no read, so its bindings are those of its scope."""
    scope = program.scopes.get(target)
    if not isinstance(target, cst.Name) or scope is None:
        return False
    return _bound_to_numbers(program, [a for a in scope.assignments[target.value]
                                       if isinstance(a, Assignment)], reads)


def _is_sequence(program: ProgramIndex, expr: cst.CSTNode,
                 reads: dict[cst.CSTNode, Access]) -> bool:
    """A text or a list literal, or a name only ever bound to one."""
    if _is_text(program, expr) or isinstance(expr, cst.List | cst.ListComp):
        return True
    if isinstance(expr, cst.Name):
        bound = [_bound_value(program, a) for a in _referents(program, expr, reads)]
        return bool(bound) and all(kind == "assign" and value is not None
                                   and _is_sequence(program, value, reads)
                                   for kind, value in bound)
    return False


def _list_position(program: ProgramIndex, index: cst.Index,
                   reads: dict[cst.CSTNode, Access]) -> bool:
    """`index` is the whole subscript of a list or text (not of a dict, which text keys)."""
    element = program.parent(index)
    subscript = program.parent(element) if isinstance(element, cst.SubscriptElement) else None
    return isinstance(subscript, cst.Subscript) and len(subscript.slice) == 1 \
        and _is_sequence(program, subscript.value, reads)


def _earlier_reads_in_loop(program: ProgramIndex, target: cst.Name,
                           reads: dict[cst.CSTNode, Access]) -> list[cst.CSTNode]:
    """Reads of `target`'s name in its loop, above it: the next round reads this value
    (`mark = int(input())` at the end of `while mark != -1:`), which the scopes, read
    top to bottom, do not give as references of this assignment."""
    loop = program.parent(target)
    while loop is not None and not isinstance(loop, cst.While | cst.For):
        loop = program.parent(loop)
    if loop is None:
        return []
    first = program.span(loop)[0]
    here = program.span(target)[0]
    scope = program.scopes.get(target)
    return [node for node, access in reads.items()
            if isinstance(node, cst.Name) and node.value == target.value
            and access.scope is scope and first <= program.span(node)[0] < here]


@register
class MissingTypeConversion(Injector):
    """`int()`/`float()` dropped round `input()` (`age = input()` for `age = int(input())`)."""

    id = "missing_type_conversion"
    error_class = RUNTIME
    why = ("Novices assume that typing digits gives a number; they do not know that input() "
           "always returns text which must be converted before any arithmetic.")
    examples = (
        Example('age = int(input("Age: "))\nprint("Next year:", age + 1)\n',
                'age = input("Age: ")\nprint("Next year:", age + 1)\n', stdin=(("12",),),
                line=1),
        Example('n = int(input())\nfor i in range(n):\n    print(i)\n',
                'n = input()\nfor i in range(n):\n    print(i)\n', stdin=(("3",),), line=1),
        # a position into a list, and a read that the loop's next round uses
        Example('days = ["Mon", "Tue", "Wed"]\ni = int(input())\nprint(days[i])\n',
                'days = ["Mon", "Tue", "Wed"]\ni = input()\nprint(days[i])\n',
                stdin=(("1",),), line=2),
        Example('top = 0\nn = int(input())\nwhile n != 0:\n    if n > top:\n        top = n\n'
                '    n = int(input())\nprint(top)\n',
                'top = 0\nn = int(input())\nwhile n != 0:\n    if n > top:\n        top = n\n'
                '    n = input()\nprint(top)\n', stdin=(("4", "7", "0"),), line=6),
    )
    no_site = 'age = int(input("Age: "))\nprint("You are", age)\nif age == 18:\n    print("!")\n'

    def sites(self, program: ProgramIndex):
        reads = _accesses(program)
        for call, func, argument, target in _converted_inputs(program):
            if not _some_use(program, _binding(program, target), reads, _needs_number) \
                    and not any(_needs_number(program, node, reads)
                                for node in _earlier_reads_in_loop(program, target, reads)):
                continue  # only printed or compared with ==: logical or nothing
            start, end = program.span(call)
            yield self.edit(program, start, end, program.text(argument), func=func,
                            name=target.value)


def _converted_inputs(program: ProgramIndex):
    """(call, "int" or "float", the input() it converts, the one name it is stored in) for
    every `x = int(input(...))`."""
    for call in program.nodes(cst.Call):
        func = _call_name(call)
        if func not in ("int", "float") or len(call.args) != 1:
            continue
        argument = call.args[0].value
        target = _single_target(program, call)
        if _reads_input(argument) and target is not None:
            yield call, func, argument, target


def _tells(program: ProgramIndex, node: cst.CSTNode, reads: dict[cst.CSTNode, Access]) -> bool:
    """A read where text behaves differently from the number without failing: compared
    for equality with a number (never equal), searched for among numbers, or repeated by
    `*` (`"3" * 2` is `"33"`); never in a loop's test or a test that steers input."""
    if _in_part(program, node, cst.While, "test") or _test_steers_input(program, node):
        return False
    parent = program.parent(node)
    if isinstance(parent, cst.BinaryOperation) and isinstance(parent.operator, cst.Multiply):
        other = parent.right if parent.left is node else parent.left
        return _whole(program, other, reads)
    if isinstance(parent, cst.Comparison) and parent.left is node:
        first = parent.comparisons[0]
        return isinstance(first.operator, cst.Equal | cst.NotEqual | cst.In | cst.NotIn) \
            and (_is_number(program, first.comparator, reads)
                 or isinstance(first.comparator, cst.List | cst.Tuple))
    if isinstance(parent, cst.ComparisonTarget) and parent.comparator is node:
        comparison = program.parent(parent)
        return isinstance(parent.operator, cst.Equal | cst.NotEqual) \
            and _is_number(program, comparison.left, reads)
    return False


def _whole(program: ProgramIndex, expr: cst.CSTNode, reads: dict[cst.CSTNode, Access],
           depth: int = 0) -> bool:
    """Certainly a whole number: a literal, `int(..)` or `len(..)`, or a name only ever
    bound to one (text times a decimal number fails, times a whole one repeats)."""
    if isinstance(expr, cst.Integer) or _call_name(expr) in ("int", "len"):
        return True
    if isinstance(expr, cst.Name) and depth < 2:
        bound = [_bound_value(program, a) for a in _referents(program, expr, reads)]
        return bool(bound) and all(kind == "assign" and value is not None
                                   and _whole(program, value, reads, depth + 1)
                                   for kind, value in bound)
    return False


def _shows_text_alike(program: ProgramIndex, node: cst.CSTNode) -> bool:
    """A read where text and the number it spells look the same: printed, or put in an
    f-string or `str()` without a format."""
    parent = program.parent(node)
    if isinstance(parent, cst.FormattedStringExpression):
        return parent.format_spec is None
    if isinstance(parent, cst.Arg) and not parent.keyword and not parent.star:
        return _call_name(program.parent(parent)) in ("print", "str")
    return False


@register
class StringNotNumber(Injector):
    """`int()`/`float()` dropped round `input()` where the text runs on without an error
    but behaves differently: compared with a number (never equal) or repeated by `*`
    (`guess == 7` is always False, `"3" * 2` is `"33"`)."""

    id = "string_not_number"
    error_class = LOGICAL
    label = "an input kept as text where it is compared with a number or repeated"
    why = ("Novices assume that typing digits gives a number; where the text is compared "
           "with a number or multiplied, Python does not complain, it just never matches "
           "or repeats the text.")
    examples = (
        Example('guess = int(input("Guess: "))\nif guess == 7:\n    print("Right!")\nelse:\n'
                '    print("Wrong")\n',
                'guess = input("Guess: ")\nif guess == 7:\n    print("Right!")\nelse:\n'
                '    print("Wrong")\n', stdin=(("7",), ("3",)), line=1),
        Example('n = int(input())\nprint("Double:", n * 2)\n',
                'n = input()\nprint("Double:", n * 2)\n', stdin=(("4",),), line=1),
    )
    no_site = 'age = int(input("Age: "))\nprint("Next year:", age + 1)\n'

    def sites(self, program: ProgramIndex):
        reads = _accesses(program)
        for call, func, argument, target in _converted_inputs(program):
            binding = _binding(program, target)
            uses = [a.node for a in binding.references] if binding is not None else []
            uses += _earlier_reads_in_loop(program, target, reads)
            if not any(_tells(program, n, reads) for n in uses) or not all(
                    _tells(program, n, reads) or _shows_text_alike(program, n)
                    for n in uses):
                continue  # no difference, or a use that may crash (or hang) instead
            start, end = program.span(call)
            yield self.edit(program, start, end, program.text(argument), func=func,
                            name=target.value)


@register
class ConcatNumberToString(Injector):
    """`str()` dropped when a number is joined to text (`"Total: " + t`)."""

    id = "concat_number_to_string"
    error_class = RUNTIME
    why = ("Novices expect `+` to glue anything onto a message, as print(a, b) does, and "
           "forget that numbers must be turned into text first.")
    examples = (
        Example('n = int(input())\nprint("Double: " + str(n * 2))\n',
                'n = int(input())\nprint("Double: " + n * 2)\n', stdin=(("4",),), line=2),
        Example('for i in range(1, 3):\n    print("Step " + str(i) + " done")\n',
                'for i in range(1, 3):\n    print("Step " + i + " done")\n', line=2),
    )
    no_site = 'name = input()\nprint("Hi " + str(name))\nprint(str(5))\n'

    def sites(self, program: ProgramIndex):
        reads = _accesses(program)
        for call in program.nodes(cst.Call):
            if _call_name(call) != "str" or len(call.args) != 1 or call.args[0].keyword:
                continue
            parent = program.parent(call)
            if not isinstance(parent, cst.BinaryOperation) \
                    or not isinstance(parent.operator, cst.Add):
                continue
            other = parent.right if parent.left is call else parent.left
            value = call.args[0].value
            if not _is_text(program, other) or not _is_number(program, value, reads):
                continue
            start, end = program.span(call)
            yield self.edit(program, start, end, program.text(value), value=program.text(value))


@register
class WrongConversionFunction(Injector):
    """`int()` used for decimal input (`int(input())` for `float(input())`)."""

    id = "wrong_conversion_function"
    error_class = RUNTIME
    why = ("Novices think of int() as 'make it a number' and expect it to round a decimal; "
           "they do not know that int() refuses text with a decimal point.")
    examples = (
        Example('price = float(input("Price: "))\nprint(price * 2)\n',
                'price = int(input("Price: "))\nprint(price * 2)\n', stdin=(("2.5",),), line=1),
    )
    no_site = 'n = int(input())\nx = float(n)\nprint(x)\n'

    def sites(self, program: ProgramIndex):
        for call in program.nodes(cst.Call):
            if _call_name(call) != "float" or len(call.args) != 1 \
                    or not _reads_input(call.args[0].value):
                continue
            start, end = program.span(call.func)
            yield self.edit(program, start, end, "int")
