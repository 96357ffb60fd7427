"""Conditions: and/or, incomplete compound tests, elif chains and their order.

Each injector carries its golden examples; see docs/novice-mistakes.md."""

from __future__ import annotations

import libcst as cst

from .base import LOGICAL, Example, Injector, register
from .guards import indexes_with, tests_digits, turns_away_non_digits
from .helpers import _body_statements, _in_part, _test_steers_input, _walk
from .program import ProgramIndex
from .tokens import _code_token_after


@register
class AndOrConfusion(Injector):
    """`and` and `or` swapped (`x < 1 or x > 10` became `x < 1 and x > 10`)."""

    id = "and_or_confusion"
    error_class = LOGICAL
    why = ("In everyday speech 'and' and 'or' are used loosely ('numbers less than 1 and "
           "more than 10'), so novices translate the sentence instead of the logic.")
    examples = (
        Example("x = int(input())\nif x < 1 or x > 10:\n    print('out of range')\nelse:\n"
                "    print('ok')\n",
                "x = int(input())\nif x < 1 and x > 10:\n    print('out of range')\nelse:\n"
                "    print('ok')\n", stdin=(("0",), ("5",)), line=2),
    )
    no_site = "x = 3\nif x > 2:\n    print(x)\n"

    def sites(self, program: ProgramIndex):
        for node in program.nodes(cst.BooleanOperation):
            if _in_part(program, node, cst.While, "test") or _test_steers_input(program, node):
                continue
            if any(isinstance(n, cst.Subscript | cst.Call) for n in _walk(node.right)):
                continue  # the left part may be what keeps the right part safe
            if self._equalities(node) or _bounds_the_body(program, node):
                continue
            if isinstance(node.operator, cst.And):
                old, new = "and", "or"
                effect = "one true part is now enough where all of them had to hold"
            else:
                old, new = "or", "and"
                effect = "every part must now hold where one of them was enough"
            start, end = program.span(node.operator)
            yield self.edit(program, start, end, new, old=old, new=new, effect=effect,
                            condition=program.text(node))

    @staticmethod
    def _equalities(node: cst.BooleanOperation) -> bool:
        """Every part compares two variables for equality (`a == b and b == c`): such
        parts are linked (two of them imply the third), so and/or rarely differ."""
        parts = [node.left, node.right]
        while parts:
            part = parts.pop()
            if isinstance(part, cst.BooleanOperation):
                parts += [part.left, part.right]
            elif not (isinstance(part, cst.Comparison) and len(part.comparisons) == 1
                      and isinstance(part.comparisons[0].operator, cst.Equal)
                      and isinstance(part.left, cst.Name)
                      and isinstance(part.comparisons[0].comparator, cst.Name)):
                return False
        return True


def _ends_with_jump(block: cst.CSTNode) -> bool:
    body = _body_statements(block)
    if not body:
        return False
    last = body[-1]
    return isinstance(last, cst.SimpleStatementLine) and isinstance(
        last.body[-1], cst.Return | cst.Break | cst.Continue | cst.Raise)


def _ends_in_raising_else(node: cst.If) -> bool:
    """The chain from this branch on ends with an `else:` that only raises (`else: raise
    ValueError(...)`, the usual guard of a dispatch on a word)."""
    while isinstance(node.orelse, cst.If):
        node = node.orelse
    if not isinstance(node.orelse, cst.Else):
        return False
    body = _body_statements(node.orelse.body)
    return len(body) == 1 and isinstance(body[0], cst.SimpleStatementLine) and isinstance(
        body[0].body[0], cst.Raise)


def _chain_head(program: ProgramIndex, node: cst.If) -> list[cst.If]:
    """The branches before this elif, nearest first."""
    earlier = []
    parent = program.parent(node)
    while isinstance(parent, cst.If) and parent.orelse is node:
        earlier.append(parent)
        node, parent = parent, program.parent(parent)
    return earlier


@register
class ElifToIf(Injector):
    """`elif` turned into `if`, so a second branch runs as well (`if x > 5:` for `elif`)."""

    id = "elif_to_if"
    error_class = LOGICAL
    why = ("Novices read each `if` as a separate question and do not see that `elif` is "
           "what makes the branches exclude each other.")
    examples = (
        Example("t = int(input())\nif t > 25:\n    print('hot')\nelif t > 15:\n"
                "    print('warm')\nelse:\n    print('cold')\n",
                "t = int(input())\nif t > 25:\n    print('hot')\nif t > 15:\n"
                "    print('warm')\nelse:\n    print('cold')\n",
                stdin=(("30",), ("20",)), line=4),
    )
    no_site = "t = 3\nif t > 2:\n    print(t)\nelse:\n    print(0)\n"

    def sites(self, program: ProgramIndex):
        for node in program.nodes(cst.If):
            earlier = _chain_head(program, node)
            if not earlier or all(_ends_with_jump(branch.body) for branch in earlier):
                continue
            if _ends_in_raising_else(node):
                continue  # an earlier branch then falls into the raise: a runtime error
            start = program.span(node)[0]
            keyword = _code_token_after(program, start)
            if keyword is None or keyword[0].string != "elif":
                continue
            tail = ", and its `else` branch can run too" if isinstance(node.orelse, cst.Else) \
                else ""
            yield self.edit(program, keyword[1], keyword[2], "if",
                            test=program.text(node.test), tail=tail)


def _threshold(test: cst.CSTNode):
    """(left text, direction, constant) for a test like `mark >= 90`, else None."""
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return None
    target = test.comparisons[0]
    value = target.comparator
    sign = 1
    if isinstance(value, cst.UnaryOperation) and isinstance(value.operator, cst.Minus):
        value, sign = value.expression, -1
    if not isinstance(value, cst.Integer | cst.Float):
        return None
    if isinstance(target.operator, cst.GreaterThan | cst.GreaterThanEqual):
        direction = ">"
    elif isinstance(target.operator, cst.LessThan | cst.LessThanEqual):
        direction = "<"
    else:
        return None
    return test.left, direction, sign * float(value.evaluated_value)


@register
class BranchOrder(Injector):
    """A broad test placed before a narrow one (`m >= 50` checked before `m >= 90`)."""

    id = "branch_order"
    error_class = LOGICAL
    why = ("Novices think of all the tests of a chain as checked together, not in order, "
           "so they do not see that the first true test wins.")
    examples = (
        Example("m = int(input())\nif m >= 90:\n    print('A')\nelif m >= 70:\n"
                "    print('B')\nelif m >= 50:\n    print('pass')\nelse:\n    print('fail')\n",
                "m = int(input())\nif m >= 90:\n    print('A')\nelif m >= 50:\n"
                "    print('pass')\nelif m >= 70:\n    print('B')\nelse:\n    print('fail')\n",
                stdin=(("75",), ("55",)), line=4),
    )
    no_site = "m = int(input())\nif m >= 50:\n    print('pass')\nelse:\n    print('fail')\n"

    def sites(self, program: ProgramIndex):
        for first in program.nodes(cst.If):
            second = first.orelse
            if not isinstance(second, cst.If):
                continue
            one, two = _threshold(first.test), _threshold(second.test)
            if one is None or two is None or one[1] != two[1] \
                    or program.text(one[0]) != program.text(two[0]):
                continue
            narrower = one[2] > two[2] if one[1] == ">" else one[2] < two[2]
            if not narrower:
                continue
            t1, t2 = program.span(first.test), program.span(second.test)
            b1, b2 = program.span(first.body), program.span(second.body)
            source = program.source
            replacement = (source[t2[0]:t2[1]] + source[t1[1]:b1[0]]
                           + source[b2[0]:b2[1]] + source[b1[1]:t2[0]]
                           + source[t1[0]:t1[1]] + source[t2[1]:b2[0]]
                           + source[b1[0]:b1[1]])
            yield self.edit(program, t1[0], b2[1], replacement,
                            broad=program.text(second.test), narrow=program.text(first.test))


def _rightmost_comparison(node: cst.CSTNode) -> cst.CSTNode:
    while isinstance(node, cst.BooleanOperation):
        node = node.right
    return node


@register
class OrWithBareValue(Injector):
    """The second comparison left incomplete (`c == "y" or "Y"` for `c == "y" or c == "Y"`)."""

    id = "or_with_bare_value"
    error_class = LOGICAL
    why = ("In English 'if the answer is y or Y' names the answer once, so novices write "
           "the comparison once and expect Python to apply it to both values.")
    examples = (
        Example('c = input()\nif c == "y" or c == "Y":\n    print("yes")\nelse:\n'
                '    print("no")\n',
                'c = input()\nif c == "y" or "Y":\n    print("yes")\nelse:\n'
                '    print("no")\n', stdin=(("n",), ("y",)), line=2),
    )
    no_site = 'c = input()\nif c == "y" or d == "Y":\n    print("yes")\n'

    def sites(self, program: ProgramIndex):
        for node in program.nodes(cst.BooleanOperation):
            if _in_part(program, node, cst.While, "test") or _test_steers_input(program, node):
                continue
            joiner = "or" if isinstance(node.operator, cst.Or) else "and"
            wanted = cst.Equal if joiner == "or" else cst.NotEqual
            first, second = _rightmost_comparison(node.left), node.right
            if not all(isinstance(c, cst.Comparison) and len(c.comparisons) == 1
                       and isinstance(c.comparisons[0].operator, wanted)
                       for c in (first, second)):
                continue
            if program.text(first.left) != program.text(second.left):
                continue
            value = second.comparisons[0].comparator
            if not isinstance(value, cst.SimpleString | cst.Integer | cst.Float) \
                    or not value.evaluated_value:
                continue  # an empty or zero value is false, not always true
            start, end = program.span(second)
            value_text = program.text(value)
            node_start, _ = program.span(node)
            new = program.source[node_start:start] + value_text
            yield self.edit(program, start, end, value_text, value=value_text,
                            left=program.text(first.left), op="==" if joiner == "or"
                            else "!=", first=program.text(first.comparisons[0].comparator),
                            new=new, joiner=joiner)


def _right_needs_left(node: cst.BooleanOperation) -> bool:
    """The left part often keeps the right one safe (`i < len(s) and s[i]`, `k == "" or
    d[k] > 0`): left alone, the right part would crash rather than mislead."""
    return any(isinstance(n, cst.Subscript) for n in _walk(node.right)) or (
        isinstance(node.operator, cst.And)
        and any(isinstance(n, cst.Call) for n in _walk(node.right)))


def _bounds_the_body(program: ProgramIndex, node: cst.BooleanOperation) -> bool:
    """`if 0 <= r < rows and 0 <= c < cols:` before `grid[r][c]`: every part bounds an
    index the body takes; with `or`, one bound is enough and the other index runs past
    the end."""
    branch = program.statement_of(node)
    if not isinstance(node.operator, cst.And) or not isinstance(branch, cst.If) \
            or branch.test is not node:
        return False
    parts = [node.left, node.right]
    bounded = [{n.value for n in _walk(p) if isinstance(n, cst.Name)} for p in parts
               if isinstance(p, cst.Comparison)]
    return len(bounded) == 2 and all(indexes_with(program, branch.body, names)
                                     for names in bounded)


def _keeps_safe(program: ProgramIndex, node: cst.BooleanOperation, kept: cst.CSTNode,
                dropped: cst.CSTNode) -> bool:
    """The dropped part keeps the program from crashing rather than deciding what it
    shows, so that without it the change raises or shows nothing:
    - `0 <= r < rows and ...` where the `if` body indexes with r: r runs past the end;
    - a type test (`isinstance(x, str)`): the body meets a value of a type it cannot take;
    - `not s.isdigit()` in a test whose body leaves (`return`, `raise`, ...): the text
      that is no number goes on to `int()`;
    - `key = key or default`: without its default the line does nothing."""
    parent = program.parent(node)
    if isinstance(parent, cst.Assign) and len(parent.targets) == 1 and kept is node.left \
            and program.text(kept) == program.text(parent.targets[0].target):
        return True
    parts = list(_walk(dropped))
    if any(isinstance(n, cst.Call) and isinstance(n.func, cst.Name)
           and n.func.value in ("isinstance", "type") for n in parts):
        return True
    branch = program.statement_of(node)
    if not isinstance(branch, cst.If) or not any(n is node for n in _walk(branch.test)):
        return False
    if tests_digits(dropped):
        return turns_away_non_digits(program, dropped)
    bounded = {n.value for c in parts if isinstance(c, cst.Comparison)
               for n in _walk(c) if isinstance(n, cst.Name)}
    return isinstance(node.operator, cst.And) and indexes_with(program, branch.body, bounded)


@register
class ConditionPartDropped(Injector):
    """One part of a compound condition left out (`if s == ""` for
    `if s == "" or s == " "`)."""

    id = "condition_part_dropped"
    error_class = LOGICAL
    label = "a compound condition with one of its parts left out"
    why = ("Novices write the case they are thinking about and forget the second case the "
           "task also names, or believe one comparison already covers both.")
    examples = (
        Example("c = input()\nif c == 'y' or c == 'Y':\n    print('yes')\nelse:\n"
                "    print('no')\n",
                "c = input()\nif c == 'y':\n    print('yes')\nelse:\n    print('no')\n",
                stdin=(("Y",), ("n",)), line=2),
        Example("n = int(input())\nif n > 0 and n % 2 == 0:\n    print('positive even')\n",
                "n = int(input())\nif n % 2 == 0:\n    print('positive even')\n",
                stdin=(("-4",), ("4",)), line=2),
    )
    no_site = "x = 3\nif x > 2:\n    print(x)\n"

    def sites(self, program: ProgramIndex):
        for node in program.nodes(cst.BooleanOperation):
            if _in_part(program, node, cst.While, "test") or _test_steers_input(program, node):
                continue
            if isinstance(program.parent(node), cst.BooleanOperation) or any(
                    isinstance(part, cst.BooleanOperation) for part in (node.left, node.right)):
                continue  # three or more parts: one of the others often covers the case
            if AndOrConfusion._equalities(node):
                continue  # `a == b and b == c`: linked parts, the rest of the program decides
            operator = "and" if isinstance(node.operator, cst.And) else "or"
            start, end = program.span(node)
            for kept, dropped in ((node.left, node.right), (node.right, node.left)):
                if (kept is node.right and _right_needs_left(node)) or _keeps_safe(
                        program, node, kept, dropped):
                    continue
                effect = (f"cases where only `{program.text(dropped)}` holds are no longer "
                          "accepted" if operator == "or" else
                          f"cases that fail `{program.text(dropped)}` now pass the test")
                yield self.edit(program, start, end, program.text(kept),
                                old=program.text(node), new=program.text(kept),
                                kept=program.text(kept), dropped=program.text(dropped),
                                operator=operator, effect=effect)
