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
    explanations = (
        "Line {{ line }}: the value `{{ old }}` has been changed to `{{ new }}`, so the "
        "{{ role }} uses the wrong number - a logical error.",
        "Line {{ line }}: `{{ new }}` should be `{{ old }}`; the program still runs, but "
        "its {{ role }} gives a wrong result, which is a logical error.",
        "Line {{ line }}: a mistyped number: `{{ old }}` became `{{ new }}`, so the "
        "{{ role }} is off and some answers are wrong (a logical error).",
    )
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
                yield self.edit(program, start, end, new, old=old, new=new, role=role)
