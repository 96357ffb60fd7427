"""Comparisons: an operator typed backwards, a boundary slipped or reversed.

Each injector carries its golden examples; see docs/novice-mistakes.md."""

from __future__ import annotations

import libcst as cst

from .base import LOGICAL, SYNTAX, Example, Injector, register
from .helpers import _test_steers_input
from .program import ProgramIndex

# Each two-character comparison and the backwards way a novice types it.
_INVERTED = {cst.GreaterThanEqual: ("=>", "greater than or equal to"),
             cst.LessThanEqual: ("=<", "less than or equal to"),
             cst.NotEqual: ("=!", "not equal to")}


@register
class InvertedOperator(Injector):
    """Comparison operator typed backwards (`x => 2` for `x >= 2`, `=<`, `=!`)."""

    id = "inverted_operator"
    error_class = SYNTAX
    explanations = (
        "Line {{ line }}: \"{{ meaning }}\" is written `{{ old }}`; `{{ new }}` is not a "
        "Python operator, so this is a syntax error.",
        "Line {{ line }}: the two characters of `{{ old }}` are the wrong way round: Python "
        "reads `{{ new }}` as `=` followed by a stray `{{ new[1] }}`, a syntax error.",
        "Line {{ line }}: in Python the `=` always comes second in a comparison, as in "
        "`{{ old }}`; `{{ new }}` is a syntax error.",
    )
    why = ("Novices say \"greater than or equal\" or think of the arrow `=>` from maths and "
           "type the symbols in whatever order feels natural.")
    examples = (
        Example("x = 3\nif x >= 2:\n    print('ok')\n", "x = 3\nif x => 2:\n    print('ok')\n",
                line=2),
        Example("x = 3\nif x != 2:\n    print('ok')\n", "x = 3\nif x =! 2:\n    print('ok')\n",
                line=2),
    )
    no_site = "x = 3\nif x > 2:\n    print('ok')\n"

    def sites(self, program: ProgramIndex):
        for kind, (new, meaning) in _INVERTED.items():
            for node in program.nodes(kind):
                start, end = program.span(node)
                yield self.edit(program, start, end, new, old=program.text(node), new=new,
                                meaning=meaning)


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
    label = "a boundary slip in a comparison (`>` for `>=`, or the comparison reversed)"
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
                if _test_steers_input(program, node):
                    continue
                target = program.parent(node)
                zero_guard = isinstance(target, cst.ComparisonTarget) and isinstance(
                    target.comparator, cst.Integer) and target.comparator.value == "0"
                start, end = program.span(node)
                old = program.source[start:end]
                for new in replacements:
                    if zero_guard and new.rstrip("=") == old.rstrip("="):
                        # `count > 0` guards a division or an index: letting 0 through
                        # is a crash, not a wrong answer.
                        continue
                    yield self.edit(program, start, end, new, old=old, new=new,
                                    old_meaning=_MEANING[old], new_meaning=_MEANING[new])
