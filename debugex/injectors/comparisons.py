"""Comparisons: an operator typed backwards, a boundary slipped or reversed.

Each injector carries its golden examples; see docs/novice-mistakes.md."""

from __future__ import annotations

import libcst as cst

from .base import LOGICAL, SYNTAX, Example, Injector, register
from .boundaries import (
    falls_through_unbound,
    in_search_then_raise,
    last_test_unbinds,
    stuck_at_boundary,
)
from .chain_binds import chain_of
from .guards import sends_short_lists_on
from .helpers import _callee_name, _in_part, _test_steers_input, guards_raise
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
    whose outcome does not decide how much input is read, nor guards a `raise`."""
    for node in program.nodes(cst.Comparison):
        if guards_raise(program, node):
            continue
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
    """Is `name` (a variable, or an expression such as `len(xs)`) a divisor or an index
    inside the statement guarded by this test?"""
    guarded = program.statement_of(node)
    for division in program.nodes(cst.BinaryOperation):
        if isinstance(division.operator, cst.Divide | cst.FloorDivide | cst.Modulo) \
                and program.text(division.right) == name \
                and guarded in program.ancestors(division):
            return True
    return _indexes_within(program, guarded, name)


def _indexes_within(program: ProgramIndex, scope: cst.CSTNode, name: str) -> bool:
    """Is `name` part of an index (`xs[name]`, `xs[name + 1]`) somewhere inside `scope`?"""
    return any(scope in program.ancestors(element) and name in program.text(element).split()
               for element in program.nodes(cst.SubscriptElement))


def _indexes_in_body(program: ProgramIndex, node: cst.CSTNode, name: str) -> bool:
    """Is `name` part of an index in the body of the `if` this test decides?"""
    branch = program.statement_of(node)
    return isinstance(branch, cst.If) and _indexes_within(program, branch.body, name)


@register
class BoundaryComparison(Injector):
    """Boundary slip: `>` for `>=` or `<=` for `<` (`if age > 18` for `if age >= 18`,
    `while k >= 0` for `while k > 0`)."""

    id = "boundary_slip"
    error_class = LOGICAL
    label = "a boundary slip (`>` for `>=`) in a comparison"
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
            if self._running_best(program, operator, left, right) or (
                    _callee_name(left) == "len" and program.text(right) == "0"):
                continue  # a tie no output shows; `len(x) >= 0` lets an empty list crash
            if stuck_at_boundary(program, operator, left, right, old) or \
                    in_search_then_raise(program, operator) or \
                    falls_through_unbound(program, operator, old):
                continue  # a time-out, a raise or a name left unbound (boundaries.py)
            index = left if old == "<" else right if old == ">" else None
            if where == "branch" and isinstance(index, cst.Name) \
                    and _indexes_in_body(program, operator, index.value):
                continue  # `i < n` guarding `xs[i]`: `<=` lets the index past the end
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


    @staticmethod
    def _running_best(program: ProgramIndex, operator: cst.CSTNode, left: cst.CSTNode,
                      right: cst.CSTNode) -> bool:
        """`if x > best: best = x`: with `>=` a tie replaces the best by an equal value,
        which no output can show."""
        statement = program.statement_of(operator)
        if not isinstance(statement, cst.If):
            return False
        compared = {program.text(left), program.text(right)}
        for assign in program.nodes(cst.Assign):
            if statement in program.ancestors(assign) and any(
                    program.text(t.target) in compared for t in assign.targets):
                return True
        return False


@register
class ReversedComparison(Injector):
    """Comparison pointing the wrong way: `<` for `>` (`if score < best` for
    `if score > best`)."""

    id = "reversed_comparison"
    error_class = LOGICAL
    label = "a comparison pointing the wrong way (`<` for `>`)"
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
            new_text = f"{program.text(left)} {new} {program.text(right)}"
            if in_search_then_raise(program, operator) \
                    and not _repeats_an_earlier_test(program, operator, new_text) \
                    or last_test_unbinds(program, operator):
                continue  # a search steered the wrong way misses (a raise); the last
                # branch's values fall through and leave its name unbound
            start, end = program.span(operator)
            effect = ("the other branch runs for most values" if where == "branch"
                      else "the result is the opposite for most values")
            yield self.edit(program, start, end, new, old=old, new=new,
                            old_text=f"{program.text(left)} {old} {program.text(right)}",
                            new_text=new_text,
                            left=program.text(left), right=program.text(right),
                            effect=effect, old_meaning=_MEANING[old],
                            new_meaning=_MEANING[new])


def _repeats_an_earlier_test(program: ProgramIndex, operator: cst.CSTNode,
                             new_text: str) -> bool:
    """The changed test of an `elif` reads as an earlier branch's test: that branch
    takes every value it would, and the branch after it (a search's `else: return`)
    runs in its place, a wrong answer rather than a miss."""
    branch = program.statement_of(operator)
    if not isinstance(branch, cst.If):
        return False
    _, chain, _ = chain_of(program, branch)
    earlier = chain[:chain.index(branch)]  # nodes compare by identity
    return any(program.text(b.test) == new_text for b in earlier)


def _decides(program: ProgramIndex, node: cst.CSTNode) -> bool:
    """In the test of an if/elif or a returned value, never deciding how much input is
    read or how often a loop runs."""
    if _in_part(program, node, cst.While, "test") or _test_steers_input(program, node) \
            or guards_raise(program, node):
        return False
    return _in_part(program, node, cst.If, "test") or program.inside(node, cst.Return)


def _dispatch(program: ProgramIndex, comparison: cst.Comparison) -> bool:
    """The test of one branch of an if/elif chain that picks among three or more
    literal values of the same thing (`elif word == '+':`): `!=` there runs one
    branch's code for every other value, which is no novice's reading of the chain
    (and mostly crashes that code rather than giving a wrong answer)."""
    branch = program.parent(comparison)
    if not isinstance(branch, cst.If) or branch.test is not comparison:
        return False
    while isinstance(program.parent(branch), cst.If) and program.parent(branch).orelse is branch:
        branch = program.parent(branch)
    subject, same = program.text(comparison.left), 0
    while isinstance(branch, cst.If):
        test = branch.test
        if isinstance(test, cst.Comparison) and len(test.comparisons) == 1 \
                and isinstance(test.comparisons[0].operator, cst.Equal) \
                and program.text(test.left) == subject \
                and isinstance(test.comparisons[0].comparator, cst.BaseString | cst.Integer):
            same += 1
        branch = branch.orelse
    return same >= 3


_EQUALITY_SLIPS = {"==": ("!=", "<=", ">="), "!=": ("==",)}
_EQUALITY_TYPES = {cst.Equal: "==", cst.NotEqual: "!="}


@register
class WrongEqualityOperator(Injector):
    """`==` turned into `!=`, `<=` or `>=` (or `!=` into `==`) in a test."""

    id = "wrong_equality_operator"
    error_class = LOGICAL
    label = "the wrong equality operator (`!=` or `<=` for `==`)"
    why = ("Novices pick a comparison operator by how the sentence sounds (\"is it not the "
           "same\", \"up to\"), and `==`, `!=`, `<=` differ by one character.")
    examples = (
        Example("answer = input()\nif answer == 'yes':\n    print('great')\nelse:\n"
                "    print('ok')\n",
                "answer = input()\nif answer != 'yes':\n    print('great')\nelse:\n"
                "    print('ok')\n", stdin=(("yes",),), line=2),
        Example("n = int(input())\nif n == 10:\n    print('ten')\n",
                "n = int(input())\nif n <= 10:\n    print('ten')\n", stdin=(("3",),), line=2),
    )
    no_site = "x = 3\nif x > 2:\n    print(x)\n"

    _MEANINGS = {"==": "equal to", "!=": "not equal to", "<=": "less than or equal to",
                 ">=": "greater than or equal to"}

    def sites(self, program: ProgramIndex):
        for node in program.nodes(cst.ComparisonTarget):
            old = _EQUALITY_TYPES.get(type(node.operator))
            comparison = program.parent(node)
            if old is None or len(comparison.comparisons) != 1 \
                    or not _decides(program, comparison):
                continue
            left, right = comparison.left, node.comparator
            if isinstance(right, cst.Integer) and right.value == "0" \
                    and _divides_or_indexes_by(program, comparison, program.text(left)):
                continue  # a zero guard: flipping it crashes instead of misleading
            # `<=` only against a number, and never on a remainder or a length, which
            # cannot fall below 0 (`n % 2 <= 0` means `n % 2 == 0`)
            numeric = isinstance(right, cst.Integer | cst.Float) and not (
                isinstance(left, cst.BinaryOperation) and isinstance(left.operator, cst.Modulo)
                or _callee_name(left) == "len")
            start, end = program.span(node.operator)
            dispatch = _dispatch(program, comparison)
            for new in _EQUALITY_SLIPS[old]:
                if new in ("<=", ">=") and not numeric or new == "<=" and program.text(
                        right) == "0":
                    continue  # `count <= 0` is `count == 0` for the counts programs keep
                if new == "!=" and (dispatch or sends_short_lists_on(program, comparison)
                                    or last_test_unbinds(program, node.operator)):
                    continue  # other branches' code for other values; an index past the
                    # end; a name left unbound
                if new == "!=" or old == "!=":
                    effect = "the test is true exactly when it should be false"
                else:
                    effect = (f"it is also true for values "
                              f"{'below' if new == '<=' else 'above'} `{program.text(right)}`")
                yield self.edit(program, start, end, new, old=old, new=new,
                                old_text=f"{program.text(left)} {old} {program.text(right)}",
                                new_text=f"{program.text(left)} {new} {program.text(right)}",
                                effect=effect, old_meaning=self._MEANINGS[old],
                                new_meaning=self._MEANINGS[new])


# The empty value a novice writes for another kind of empty container.
_OTHER_EMPTY = {"[]": (("()", "an empty tuple"), ("None", "`None`")),
                "()": (("[]", "an empty list"),), "{}": (("[]", "an empty list"),)}
_EMPTY_NAMES = {"[]": "an empty list", "()": "an empty tuple", "{}": "an empty dictionary"}


@register
class WrongEmptyContainer(Injector):
    """A comparison with the wrong kind of empty value (`if items == ()` for
    `if items == []`)."""

    id = "wrong_empty_container"
    error_class = LOGICAL
    label = "a comparison with the wrong kind of empty value"
    why = ("Novices think of \"empty\" as one value and write whichever empty brackets come "
           "to mind, not knowing that a list never equals a tuple or None.")
    examples = (
        Example("items = input().split()\nif items == []:\n    print('nothing')\nelse:\n"
                "    print(len(items))\n",
                "items = input().split()\nif items == ():\n    print('nothing')\nelse:\n"
                "    print(len(items))\n", stdin=(("",), ("a b",)), line=2),
    )
    no_site = "items = [1]\nif len(items) == 0:\n    print('none')\n"

    def sites(self, program: ProgramIndex):
        for node in program.nodes(cst.ComparisonTarget):
            old_kind = _EQUALITY_TYPES.get(type(node.operator))
            comparison = program.parent(node)
            if old_kind is None or len(comparison.comparisons) != 1 \
                    or not isinstance(comparison.left, cst.Name):
                continue
            old = "".join(program.text(node.comparator).split())
            if old not in _OTHER_EMPTY or _test_steers_input(program, comparison) \
                    or _in_part(program, comparison, cst.While, "test"):
                continue
            start, end = program.span(node.comparator)
            name = comparison.left.value
            for new, wrong in _OTHER_EMPTY[old]:
                yield self.edit(program, start, end, new, old=old, new=new, name=name,
                                kind=_EMPTY_NAMES[old], kind_word=_EMPTY_NAMES[old][9:],
                                wrong=wrong,
                                always="false" if old_kind == "==" else "true",
                                new_text=f"{name} {old_kind} {new}")
