"""Assignments: `=` and `==` confused, assignments written backwards or mistyped.

Each injector carries its golden examples; see docs/novice-mistakes.md."""

from __future__ import annotations

import libcst as cst

from .base import LOGICAL, RUNTIME, SYNTAX, Example, Injector, register
from .helpers import _BUILTINS, _header_keyword, _loop_control_names, _names_in, _one_line
from .kinds import _is_numeric
from .program import ProgramIndex
from .tokens import _op_token, _token


@register
class AssignInCondition(Injector):
    """`=` written for `==` in an if/elif/while condition (`if x = 3:` for `if x == 3:`)."""

    id = "assign_in_condition"
    error_class = SYNTAX
    why = ("In maths `=` both states and tests equality, so novices write the one sign they "
           "know when they mean \"is equal to\".")
    examples = (
        Example("answer = input('2 + 2 = ')\nif answer == '4':\n    print('right')\n",
                "answer = input('2 + 2 = ')\nif answer = '4':\n    print('right')\n",
                stdin=(("4",), ("5",)), line=2),
        Example("n = 0\nwhile n == 0:\n    n = n + 1\nprint(n)\n",
                "n = 0\nwhile n = 0:\n    n = n + 1\nprint(n)\n", line=2),
    )
    no_site = "x = 3\nif x > 2:\n    print(x == 3)\n"

    def sites(self, program: ProgramIndex):
        for statement in program.nodes(cst.If, cst.While):
            keyword = _header_keyword(program, statement)
            for comparison in self._tested(statement.test):
                left = comparison.left
                for target in comparison.comparisons:
                    if isinstance(target.operator, cst.Equal):
                        start, end = program.span(target.operator)
                        yield self.edit(program, start, end, "=", keyword=keyword,
                                        left=program.text(left),
                                        right=program.text(target.comparator))
                        break  # one `=` per comparison
                    left = target.comparator

    def _tested(self, test: cst.BaseExpression):
        """Comparisons that are the condition itself or joined by and/or/not: never one
        inside a call, where `f(a = b)` is a valid keyword argument."""
        if isinstance(test, cst.Comparison):
            yield test
        elif isinstance(test, cst.BooleanOperation):
            yield from self._tested(test.left)
            yield from self._tested(test.right)
        elif isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
            yield from self._tested(test.expression)


# Assignment targets: a value of one of these kinds on the left of `=` is still valid.
_ASSIGNABLE = (cst.Name, cst.Attribute, cst.Subscript, cst.Tuple, cst.List, cst.StarredElement)


@register
class ReversedAssignment(Injector):
    """Assignment written backwards (`5 = x` for `x = 5`, `a + b = t` for `t = a + b`)."""

    id = "reversed_assignment"
    error_class = SYNTAX
    why = ("In maths `x = 5` and `5 = x` say the same thing, so novices treat Python's `=` "
           "as symmetric instead of as \"store the right side in the left\".")
    examples = (
        Example("x = 5\nprint(x)\n", "5 = x\nprint(x)\n", line=1),
        Example("a = 2\nb = 3\nt = a + b\nprint(t)\n", "a = 2\nb = 3\na + b = t\nprint(t)\n",
                line=3),
    )
    no_site = "x = y = 5\nz = x\nprint(z)\n"

    def sites(self, program: ProgramIndex):
        for node in program.nodes(cst.Assign):
            if len(node.targets) != 1 or not _one_line(program, node):
                continue
            target, value = node.targets[0].target, node.value
            if not isinstance(target, cst.Name) or not self._reversible(value):
                continue
            target_start, target_end = program.span(target)
            value_start, value_end = program.span(value)
            middle = program.source[target_end:value_start]
            yield self.edit(program, target_start, value_end,
                            program.text(value) + middle + program.text(target),
                            name=target.value, value=program.text(value))

    @staticmethod
    def _reversible(value: cst.BaseExpression) -> bool:
        """Values novices put on the left: a literal, a calculation or one simple call
        (`sqrt(y) = x`); never a name (`y = x` is valid) nor a line that reads input."""
        if isinstance(value, _ASSIGNABLE):
            return False
        calls = [n for n in _descendants(value) if isinstance(n, cst.Call)]
        return len(calls) <= 1 and not any(
            isinstance(c.func, cst.Name) and c.func.value == "input" for c in calls)


def _descendants(node: cst.CSTNode):
    yield node
    for child in node.children:
        yield from _descendants(child)


@register
class EqualityForAssignment(Injector):
    """`==` typed where `=` should store a value (`total == 0` for `total = 0`)."""

    id = "equality_for_assignment"
    error_class = RUNTIME
    why = ("Novices read `=` and `==` both as 'equals' and do not yet separate storing a "
           "value from asking whether two values are the same.")
    examples = (
        Example("total = 0\nfor n in range(4):\n    total += n\nprint(total)\n",
                "total == 0\nfor n in range(4):\n    total += n\nprint(total)\n", line=1),
        Example("def area(w, h):\n    result = w * h\n    return result\n\n\nprint(area(2, 3))\n",
                "def area(w, h):\n    result == w * h\n    return result\n\n\n"
                "print(area(2, 3))\n", line=2),
    )
    no_site = "def show(n):\n    n = n + 1\n    print(n == 2)\n\n\nfor i in range(2):\n    show(i)\n"

    def sites(self, program: ProgramIndex):
        module_scope = program.scopes[program.module]
        for node in program.nodes(cst.Assign):
            if len(node.targets) != 1 or not isinstance(node.targets[0].target, cst.Name):
                continue
            target = node.targets[0].target
            name = target.value
            scope = program.scopes.get(target)
            if scope is None or name in _BUILTINS:
                continue
            bindings = list(scope.assignments[name])
            if not bindings:
                continue  # `global name` inside a function: bound in another scope
            first = min(bindings, key=lambda a: program.span(a.node)[0])
            if first.node is not target:
                continue  # a re-assignment: `==` would be a silent no-op
            if scope is not module_scope and len(bindings) == 1 \
                    and module_scope.assignments[name]:
                continue  # `name == ...` would read the global of the same name
            equals = _token(program, program.span(target)[1], program.span(node.value)[0], "=")
            if equals is None:
                continue
            value = program.text(node.value)
            if len(value) > 24 or "\n" in value:
                value = "the value on the right"
            else:
                value = f"`{value}`"
            yield self.edit(program, equals[0], equals[1], "==", name=name, value=value)


_AUG_TYPO = {cst.AddAssign: ("+=", "=+", "adds to"),
             cst.SubtractAssign: ("-=", "=-", "subtracts from")}


@register
class AugassignTypo(Injector):
    """`+=` typed as `=+` (`total =+ n` for `total += n`), so the variable is replaced."""

    id = "augassign_typo"
    error_class = LOGICAL
    why = ("`=+` and `+=` use the same two characters, and Python accepts both: `=+` is an "
           "assignment of a positive value, so nothing warns the novice.")
    examples = (
        Example("total = 0\nfor n in [3, 4, 5]:\n    total += n\nprint(total)\n",
                "total = 0\nfor n in [3, 4, 5]:\n    total =+ n\nprint(total)\n", line=3),
    )
    no_site = "words = ''\nfor w in ['a', 'b']:\n    words += w\nprint(words)\n"

    def sites(self, program: ProgramIndex):
        loop_names = _loop_control_names(program)
        for node in program.nodes(cst.AugAssign):
            kind = _AUG_TYPO.get(type(node.operator))
            if kind is None:
                continue
            target = node.target
            if _names_in(target) & loop_names:
                continue
            numeric = _is_numeric(program, node.value) or (
                isinstance(target, cst.Name) and _is_numeric(program, target))
            if not numeric:
                continue
            old, new, verb = kind
            found = _op_token(program, program.span(target)[1], program.span(node.value)[0],
                              (old,))
            if found is None:
                continue
            sign = "+" if old == "+=" else "-"
            yield self.edit(program, found[0], found[1], new, old=old, new=new, verb=verb,
                            target=program.text(target), value=program.text(node.value),
                            sign=sign)
