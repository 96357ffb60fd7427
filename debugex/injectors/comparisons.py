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


_MEANING = {">": "greater than", ">=": "greater than or equal to", "<": "less than",
            "<=": "less than or equal to"}
_OPERATOR = {cst.GreaterThan: ">", cst.GreaterThanEqual: ">=", cst.LessThan: "<",
             cst.LessThanEqual: "<="}
_SLIP = {">": ">=", ">=": ">", "<": "<=", "<=": "<"}
_REVERSED = {">": "<", "<": ">", ">=": "<=", "<=": ">="}


def _comparisons(program: ProgramIndex):
    """(operator node, left operand, right operand, where) of every ordering comparison
    whose outcome does not decide how much input is read."""
    for node in program.nodes(cst.Comparison):
        left = node.left
        for target in node.comparisons:
            if type(target.operator) in _OPERATOR and not _test_steers_input(program, node):
                yield target.operator, left, target.comparator, _construct(program, node)
            left = target.comparator


def _construct(program: ProgramIndex, node: cst.CSTNode) -> str:
    child = node
    for ancestor in program.ancestors(node):
        if isinstance(ancestor, cst.While) and ancestor.test is child:
            return "loop"
        if isinstance(ancestor, cst.If) and ancestor.test is child:
            return "branch"
        if isinstance(ancestor, cst.SimpleStatementLine | cst.BaseCompoundStatement):
            return "value"
        child = ancestor
    return "value"


def _divides_or_indexes_by(program: ProgramIndex, node: cst.CSTNode, name: str) -> bool:
    """Is `name` a divisor or an index inside the statement guarded by this test?"""
    guarded = program.statement_of(node)
    for division in program.nodes(cst.BinaryOperation):
        if isinstance(division.operator, cst.Divide | cst.FloorDivide | cst.Modulo) \
                and isinstance(division.right, cst.Name) and division.right.value == name \
                and guarded in program.ancestors(division):
            return True
    for element in program.nodes(cst.SubscriptElement):
        if guarded in program.ancestors(element) and name in program.text(element).split():
            return True
    return False


@register
class BoundaryComparison(Injector):
    """Boundary slip: `>` for `>=` or `<=` for `<` (`if age > 18` for `if age >= 18`,
    `while k >= 0` for `while k > 0`)."""

    id = "boundary_slip"
    error_class = LOGICAL
    label = "a boundary slip (`>` for `>=`) in a comparison"
    explanations = (
        "Line {{ line }}: the comparison should be `{{ old_text }}` but is `{{ new_text }}`; "
        "the two differ only when `{{ left }}` equals `{{ right }}`, and for that value the "
        "condition is now {{ now }} instead of {{ was }} - a logical error.",
        "Line {{ line }}: `{{ new }}` ({{ new_meaning }}) has replaced `{{ old }}` "
        "({{ old_meaning }}); when `{{ left }}` is exactly `{{ right }}` the {{ effect }}.",
        "Line {{ line }}: a slip at the boundary: with `{{ new }}` instead of `{{ old }}` the "
        "value `{{ right }}` itself is {{ treated }}, so the answer for that case is wrong.",
    )
    why = ("Choosing between `>` and `>=` means deciding what happens exactly at the "
           "boundary, and novices rarely test the boundary value itself; a loop guard that "
           "should stop at zero is the classic case.")
    examples = (
        Example("age = int(input())\nif age >= 18:\n    print('adult')\nelse:\n"
                "    print('child')\n",
                "age = int(input())\nif age > 18:\n    print('adult')\nelse:\n"
                "    print('child')\n", stdin=(("18",), ("5",)), line=2),
        Example("k = int(input())\nwhile k > 0:\n    print(k)\n    k = k - 1\n",
                "k = int(input())\nwhile k >= 0:\n    print(k)\n    k = k - 1\n",
                stdin=(("3",),), line=2),
    )
    no_site = "x = 3\nif x == 2:\n    print(x)\n"

    def sites(self, program: ProgramIndex):
        for operator, left, right, where in _comparisons(program):
            old = _OPERATOR[type(operator)]
            new = _SLIP[old]
            if isinstance(right, cst.Integer) and right.value == "0" \
                    and isinstance(left, cst.Name) and len(new) > len(old) \
                    and _divides_or_indexes_by(program, operator, left.value):
                # `count > 0` guarding `total / count`: letting 0 through crashes instead
                # of misleading, which is another mistake.
                continue
            start, end = program.span(operator)
            was, now = ("true", "false") if "=" in old else ("false", "true")
            shown = {"true": "True", "false": "False"}
            effect = {"loop": ("loop stops one pass early" if "=" in old
                               else "loop runs one more time"),
                      "branch": "test decides the other way",
                      "value": f"result is {shown[now]} instead of {shown[was]}"}
            yield self.edit(program, start, end, new, old=old, new=new,
                            old_text=f"{program.text(left)} {old} {program.text(right)}",
                            new_text=f"{program.text(left)} {new} {program.text(right)}",
                            left=program.text(left), right=program.text(right), was=was,
                            now=now, effect=effect[where],
                            treated="left out" if "=" in old else "let in",
                            old_meaning=_MEANING[old], new_meaning=_MEANING[new])


@register
class ReversedComparison(Injector):
    """Comparison pointing the wrong way: `<` for `>` (`if score < best` for
    `if score > best`)."""

    id = "reversed_comparison"
    error_class = LOGICAL
    label = "a comparison pointing the wrong way (`<` for `>`)"
    explanations = (
        "Line {{ line }}: the comparison points the wrong way: `{{ new_text }}` is true for "
        "values of `{{ left }}` on the other side of `{{ right }}` from `{{ old_text }}`, so "
        "the condition picks the opposite cases - a logical error.",
        "Line {{ line }}: `{{ new }}` ({{ new_meaning }}) is written where `{{ old }}` "
        "({{ old_meaning }}) is needed; the test is reversed, so {{ effect }}.",
        "Line {{ line }}: a reversed comparison: the program asks whether `{{ left }}` is "
        "{{ new_meaning }} `{{ right }}` when it should ask whether it is {{ old_meaning }} "
        "it, so the results are wrong.",
    )
    why = ("Novices read `<` and `>` by their shape rather than as \"less than\" and "
           "\"greater than\", and when looking for a largest or smallest value they mix up "
           "which way the comparison should point.")
    examples = (
        Example("best = 0\nfor score in [4, 9, 2]:\n    if score > best:\n"
                "        best = score\nprint(best)\n",
                "best = 0\nfor score in [4, 9, 2]:\n    if score < best:\n"
                "        best = score\nprint(best)\n", line=3),
        Example("n = int(input())\nprint(n <= 10)\n", "n = int(input())\nprint(n >= 10)\n",
                stdin=(("3",),), line=2),
    )
    no_site = "x = 3\nif x == 2:\n    print(x)\n"

    def sites(self, program: ProgramIndex):
        for operator, left, right, where in _comparisons(program):
            if where == "loop":
                continue  # a reversed loop guard never runs or never stops
            old = _OPERATOR[type(operator)]
            new = _REVERSED[old]
            start, end = program.span(operator)
            effect = ("the other branch runs for most values" if where == "branch"
                      else "the result is the opposite for most values")
            yield self.edit(program, start, end, new, old=old, new=new,
                            old_text=f"{program.text(left)} {old} {program.text(right)}",
                            new_text=f"{program.text(left)} {new} {program.text(right)}",
                            left=program.text(left), right=program.text(right),
                            effect=effect, old_meaning=_MEANING[old],
                            new_meaning=_MEANING[new])
