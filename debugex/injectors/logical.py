"""Logical injectors: see novice-mistakes.md."""

from __future__ import annotations

import libcst as cst

from .base import LOGICAL, Example, Injector, register
from .program import ProgramIndex

# Each comparison and the boundary slips a novice makes with it.
_BOUNDARY = {
    cst.GreaterThanEqual: (">",),
    cst.GreaterThan: (">=", "<"),
    cst.LessThanEqual: ("<",),
    cst.LessThan: ("<=", ">"),
}
_MEANING = {">": "greater than", ">=": "greater than or equal to", "<": "less than",
            "<=": "less than or equal to"}


@register
class BoundaryComparison(Injector):
    """`>=`/`>` (or `<=`/`<`) swapped, or the comparison reversed (`age > 18` for `age >= 18`)."""

    id = "boundary_comparison"
    error_class = LOGICAL
    explanations = (
        "Line {{ line }}: the comparison should be `{{ old }}` but is `{{ new }}`, so the "
        "value at the boundary takes the wrong branch - a logical error.",
        "Line {{ line }}: `{{ new }}` ({{ new_meaning }}) has replaced `{{ old }}` "
        "({{ old_meaning }}); the program runs but gives the wrong answer for some inputs.",
        "Line {{ line }}: the condition uses `{{ new }}` where `{{ old }}` is needed, a "
        "logical error that shows at the boundary value.",
    )
    why = ("Choosing between `>` and `>=` means deciding what happens exactly at the "
           "boundary, and novices rarely test the boundary value itself.")
    examples = (
        Example("age = int(input())\nif age >= 18:\n    print('adult')\nelse:\n"
                "    print('child')\n",
                "age = int(input())\nif age > 18:\n    print('adult')\nelse:\n"
                "    print('child')\n", stdin=(("18",), ("5",)), line=2),
    )

    def sites(self, program: ProgramIndex):
        for kind, replacements in _BOUNDARY.items():
            for node in program.nodes(kind):
                start, end = program.span(node)
                old = program.source[start:end]
                for new in replacements:
                    yield self.edit(program, start, end, new, old=old, new=new,
                                    old_meaning=_MEANING[old], new_meaning=_MEANING[new])
