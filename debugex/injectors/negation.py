"""Conditions: a `not` dropped or added (`if x in seen` for `if x not in seen`).

Each injector carries its golden examples; see docs/novice-mistakes.md.
"""

from __future__ import annotations

import libcst as cst

from .base import LOGICAL, Example, Injector, register
from .guards import emptiness_tested, turns_away_non_digits
from .helpers import _block_of, _in_part, _test_steers_input, guards_raise
from .program import ProgramIndex


def _decides(program: ProgramIndex, node: cst.CSTNode) -> bool:
    """Sits in the test of an if/elif or in a returned value, and does not decide how
    much input is read or how often a loop runs (a flipped loop test hangs), nor guards
    a `raise` (flipped, valid input raises: a runtime error)."""
    if _in_part(program, node, cst.While, "test") or _test_steers_input(program, node) \
            or guards_raise(program, node):
        return False
    return _in_part(program, node, cst.If, "test") or program.inside(node, cst.Return)


_EXITS = cst.Return | cst.Raise | cst.Continue | cst.Break


def _emptiness_guard(program: ProgramIndex, node: cst.UnaryOperation) -> bool:
    """`if not items: return ...` (or `not len(items)`, `not any(items)`): the guard that
    keeps an empty collection away from the code after it. Flipped, the empty one reaches
    `items[0]` (a crash, not a wrong answer)."""
    parent = program.parent(node)
    if not (isinstance(parent, cst.If) and parent.test is node
            and emptiness_tested(node) is not None):
        return False
    body = parent.body.body
    return bool(body) and isinstance(body[0], cst.SimpleStatementLine) and isinstance(
        body[0].body[0], _EXITS)


def _dereferences(program: ProgramIndex, branch: cst.If, name: str) -> bool:
    """Does the body of the `if` read an attribute or an item of `name`? Then the test
    guards it against None or an empty value, and flipped it lets that value in."""
    return any(isinstance(node.value, cst.Name) and node.value.value == name
               and branch.body in program.ancestors(node)
               and (isinstance(node, cst.Attribute)  # a slice of an empty list is fine
                    or any(isinstance(e.slice, cst.Index) for e in node.slice))
               for node in program.nodes(cst.Attribute, cst.Subscript))


def _first_entry(program: ProgramIndex, comparison: cst.Comparison) -> bool:
    """`if k not in d: d[k] = 0` followed by `d[k] += 1` (the counting idiom): the test
    makes the entry the next statement reads. Flipped, a new key is never made and that
    read raises a KeyError: a crash, not a wrong count."""
    branch = program.parent(comparison)
    if not isinstance(branch, cst.If) or branch.test is not comparison or branch.orelse:
        return False
    key, table = program.text(comparison.left), program.text(comparison.comparisons[0].comparator)

    def entry(node: cst.CSTNode) -> bool:
        return isinstance(node, cst.Subscript) and program.text(node.value) == table and \
            len(node.slice) == 1 and program.text(node.slice[0].slice) == key

    body = branch.body
    smalls = list(body.body) if isinstance(body, cst.SimpleStatementSuite) else [
        small for line in body.body if isinstance(line, cst.SimpleStatementLine)
        for small in line.body]  # `if k not in d: d[k] = 0` on one line, or a block
    made = any(isinstance(small, cst.Assign) and any(entry(t.target) for t in small.targets)
               for small in smalls)
    block, index = _block_of(program, branch)
    after = list(block.body)[index + 1:] if block is not None else []
    return made and any(entry(n) for statement in after[:1]
                        for n in program.nodes(cst.Subscript)
                        if statement in program.ancestors(n))


@register
class NotDroppedOrAdded(Injector):
    """A `not` dropped or added (`if x in seen` for `if x not in seen`, `if not found`
    for `if found`)."""

    id = "not_dropped_or_added"
    error_class = LOGICAL
    label = "a `not` dropped or added in a condition"
    why = ("A `not` is one short word that novices drop when copying a test, or add when "
           "they describe the case to avoid instead of the case to handle.")
    examples = (
        Example("seen = []\nfor w in ['a', 'b', 'a']:\n    if w not in seen:\n"
                "        seen.append(w)\nprint(seen)\n",
                "seen = []\nfor w in ['a', 'b', 'a']:\n    if w in seen:\n"
                "        seen.append(w)\nprint(seen)\n", line=3),
        Example("found = 'x' in input()\nif found:\n    print('has x')\n",
                "found = 'x' in input()\nif not found:\n    print('has x')\n",
                stdin=(("box",), ("ab",)), line=2),
    )
    no_site = "x = 3\nwhile x > 2:\n    x -= 1\nprint(x)\n"

    def sites(self, program: ProgramIndex):
        for node in program.nodes(cst.ComparisonTarget):
            comparison = program.parent(node)
            if not _decides(program, comparison):
                continue
            start, end = program.span(node.operator)
            left = program.text(comparison.left)
            right = program.text(node.comparator)
            if isinstance(node.operator, cst.IsNot) and program.text(node.comparator) == "None" \
                    and isinstance(comparison.left, cst.Name) \
                    and isinstance(program.parent(comparison), cst.If) \
                    and _dereferences(program, program.parent(comparison), comparison.left.value):
                continue  # `if m is not None: m.start()`: flipped, None reaches `.start`
            if isinstance(node.operator, cst.NotIn) and _first_entry(program, comparison):
                continue
            if isinstance(node.operator, cst.NotIn | cst.IsNot):
                word = "in" if isinstance(node.operator, cst.NotIn) else "is"
                yield self.edit(program, start, end, word, old=f"{left} not {word} {right}",
                                new=f"{left} {word} {right}",
                                effect="the `not` has been left out")
            elif isinstance(node.operator, cst.In) and len(comparison.comparisons) == 1 \
                    and not self._looks_up(program, comparison, right):
                yield self.edit(program, start, end, "not in", old=f"{left} in {right}",
                                new=f"{left} not in {right}", effect="a `not` has been added")
        for node in program.nodes(cst.UnaryOperation):
            if isinstance(node.operator, cst.Not) and _decides(program, node) \
                    and not _emptiness_guard(program, node) \
                    and not turns_away_non_digits(program, node.expression):
                start = program.span(node)[0]
                inner = program.span(node.expression)[0]
                text = program.text(node.expression)
                yield self.edit(program, start, inner, "", old=program.text(node), new=text,
                                effect="the `not` has been left out")
        for node in program.nodes(cst.If):
            test = node.test
            if isinstance(test, cst.Name) and _dereferences(program, node, test.value):
                continue  # `if match: match.group(1)`: flipped, None reaches `.group`
            if isinstance(test, cst.Name | cst.Call | cst.Attribute) and _decides(program,
                                                                                  test):
                start = program.span(test)[0]
                text = program.text(test)
                yield self.edit(program, start, start, "not ", old=text, new=f"not {text}",
                                effect="a `not` has been added")

    @staticmethod
    def _looks_up(program: ProgramIndex, comparison: cst.CSTNode, container: str) -> bool:
        """`if k in d: d[k] += 1`: the membership test guards a lookup, so a flipped test
        raises a KeyError rather than giving a wrong answer."""
        statement = program.statement_of(comparison)
        return any(program.text(s.value) == container
                   for s in program.nodes(cst.Subscript)
                   if statement in program.ancestors(s))
