"""Values: a constant changed.

Each injector carries its golden examples; see docs/novice-mistakes.md."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import libcst as cst

from .base import LOGICAL, Example, Injector, register
from .helpers import (
    _ORDERING_TYPES,
    _feeds_guarded,
    _in_part,
    _index_names,
    _inside_guarded,
    _loop_control_names,
)
from .kinds import _is_numeric
from .program import ProgramIndex


def _changed_numbers(text: str) -> list[str]:
    """The slips a person makes with a number: one more or one less (an off-by-one in a
    count or threshold), the neighbouring round value for a multiple of ten (a grade
    boundary of 40 for 50), the last digit of a decimal one off (0.3 for 0.2). Never a
    factor of ten, never zero, never the number written another way."""
    if text.isdigit():
        value = int(text)
        found = [value + 1, value - 1]
        if value >= 20 and value % 10 == 0:
            found += [value - 10, value + 10]
        return [str(v) for v in found if v > 0]
    try:
        number = Decimal(text)
    except InvalidOperation:
        return []
    if "." not in text or "e" in text.lower() or number == 0 or "_" in text:
        return []
    step = Decimal(1).scaleb(number.as_tuple().exponent)
    return [format(n, "f") for n in (number - step, number + step) if n > 0]


@register
class WrongConstant(Injector):
    """A number in a condition or calculation one off or a neighbouring value (`total <= 99`
    for `total <= 100`, `* 0.3` for `* 0.2`)."""

    id = "wrong_constant"
    error_class = LOGICAL
    why = ("A number typed into a program looks right at a glance; novices check that the "
           "program runs, not that every threshold and factor has the intended value.")
    examples = (
        Example("price = float(input())\nif price >= 100:\n    price = price * 0.9\n"
                "print(price)\n",
                "price = float(input())\nif price >= 101:\n    price = price * 0.9\n"
                "print(price)\n", stdin=(("100",), ("20",)), line=2),
        Example("price = float(input())\nprint(price * 0.2)\n",
                "price = float(input())\nprint(price * 0.3)\n", stdin=(("10",),), line=2),
    )
    no_site = "for i in range(10):\n    print(i)\n"

    def sites(self, program: ProgramIndex):
        loop_names = _loop_control_names(program)
        guarded = _index_names(program)
        thresholds = {program.text(target.comparator)
                      for target in program.nodes(cst.ComparisonTarget)
                      if isinstance(target.comparator, cst.Integer | cst.Float)}
        for node in program.nodes(cst.Integer, cst.Float):
            parent = program.parent(node)
            if isinstance(parent, cst.UnaryOperation):
                parent = program.parent(parent)
            if isinstance(parent, cst.ComparisonTarget):
                # Thresholds only: `==` against a changed value stops matching input
                # altogether, and a changed `0` guard turns into a division by zero.
                if not isinstance(parent.operator, _ORDERING_TYPES) or program.text(node) == "0":
                    continue
                role = "condition"
            elif isinstance(parent, cst.BinaryOperation):
                role = "calculation"
            elif isinstance(parent, cst.Assign) and len(parent.targets) == 1 \
                    and isinstance(parent.targets[0].target, cst.Name) \
                    and parent.targets[0].target.value.isupper() \
                    and isinstance(program.parent(program.parent(parent)), cst.Module):
                name = parent.targets[0].target.value
                if name in loop_names or name in guarded:
                    continue
                role = f"constant `{name}`"
            else:
                continue
            if _in_part(program, node, cst.While, "test") or _inside_guarded(program, node):
                continue
            if role != "condition" and _feeds_guarded(program, node, guarded | loop_names):
                continue
            old = program.text(node)
            start, end = program.span(node)
            for new in _changed_numbers(old):
                if role == "condition" and new in thresholds:
                    continue  # another branch's threshold: that branch becomes unreachable
                yield self.edit(program, start, end, new, old=old, new=new, role=role)


@register
class WrongValueUsed(Injector):
    """A value one off where it is returned or used as a slice end (`return count - 1`
    for `return count`, `[:k + 1]` for `[:k]`)."""

    id = "wrong_value_used"
    error_class = LOGICAL
    label = "a value one off where it is returned or used"
    why = ("Novices adjust a result by one \"to be safe\" or because they count from 1 "
           "while Python counts from 0, without checking the value the task asks for.")
    examples = (
        Example("def count_even(values):\n    count = 0\n    for v in values:\n"
                "        if v % 2 == 0:\n            count += 1\n    return count\n"
                "print(count_even([2, 3, 4]))\n",
                "def count_even(values):\n    count = 0\n    for v in values:\n"
                "        if v % 2 == 0:\n            count += 1\n    return count - 1\n"
                "print(count_even([2, 3, 4]))\n", line=6),
        Example("def first(items, k):\n    return items[:k]\nprint(first([5, 6, 7], 2))\n",
                "def first(items, k):\n    return items[:k + 1]\nprint(first([5, 6, 7], 2))\n",
                line=2),
    )
    no_site = "def f(s):\n    return s\nprint(f('a'))\n"

    def sites(self, program: ProgramIndex):
        for node in program.nodes(cst.Return):
            value = node.value
            if value is None or not _is_numeric(program, value) \
                    or isinstance(value, cst.Integer | cst.Float):
                continue
            text = program.text(value)
            if isinstance(value, cst.BinaryOperation):
                continue  # `a + b - 1` reads as a different formula, not a slip
            start, end = program.span(value)
            for sign, direction in (("+", "more"), ("-", "less")):
                yield self.edit(program, start, end, f"{text} {sign} 1", old=text,
                                new=f"{text} {sign} 1", direction=direction,
                                role="returned value")
        for node in program.nodes(cst.Slice):
            upper = node.upper
            if not isinstance(upper, cst.Name) or node.lower is not None \
                    or node.step is not None:
                continue
            start, end = program.span(upper)
            text = upper.value
            yield self.edit(program, start, end, f"{text} + 1", old=text, new=f"{text} + 1",
                            direction="more", role="end of the slice")
