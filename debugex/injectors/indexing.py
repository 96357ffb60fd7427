"""Indexing: an index one past the end.

Each injector carries its golden examples; see docs/novice-mistakes.md."""

from __future__ import annotations

import libcst as cst

from .base import LOGICAL, RUNTIME, Example, Injector, register
from .helpers import (
    _assigned_value,
    _assignments,
    _binding,
    _call_name,
    _indexed_by,
    _same,
    _single_target,
    _within,
)
from .program import ProgramIndex


def _len_of(expr: cst.CSTNode) -> cst.CSTNode | None:
    """`x` for the call `len(x)`, else None."""
    if _call_name(expr) == "len" and len(expr.args) == 1:
        return expr.args[0].value
    return None


def _minus_one_of_len(expr: cst.CSTNode) -> cst.CSTNode | None:
    """`x` for the expression `len(x) - 1`, else None."""
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Subtract) \
            and isinstance(expr.right, cst.Integer) and expr.right.value == "1":
        return _len_of(expr.left)
    return None


def _index_of(subscript: cst.Subscript) -> cst.CSTNode | None:
    """The index expression of `x[i]` (a single index, not a slice)."""
    if len(subscript.slice) == 1 and isinstance(subscript.slice[0].slice, cst.Index):
        return subscript.slice[0].slice.value
    return None


def _subscripts_with(program: ProgramIndex, block: cst.CSTNode, sequence: cst.CSTNode,
                     index: cst.CSTNode) -> bool:
    """True when `block` reads `sequence[index]` somewhere."""
    for subscript in program.nodes(cst.Subscript):
        found = _index_of(subscript)
        if found is not None and _same(found, index) and _same(subscript.value, sequence) \
                and _within(program, subscript, block):
            return True
    return False


@register
class IndexOutOfRange(Injector):
    """Index one past the end (`items[len(items)]` for `items[len(items) - 1]`)."""

    id = "index_out_of_range"
    error_class = RUNTIME
    why = ("Novices count positions from 1, as people do, so they take the length of a list "
           "or string as its last position instead of the length minus one.")
    examples = (
        Example('names = ["Ann", "Bo"]\nprint("Last:", names[len(names) - 1])\n',
                'names = ["Ann", "Bo"]\nprint("Last:", names[len(names)])\n', line=2),
        Example('word = input()\nfor i in range(len(word)):\n    print(word[i])\n',
                'word = input()\nfor i in range(len(word) + 1):\n    print(word[i])\n',
                stdin=(("hey",),), line=2),
        Example('s = "abc"\ni = 0\nwhile i < len(s):\n    print(s[i])\n    i += 1\n',
                's = "abc"\ni = 0\nwhile i <= len(s):\n    print(s[i])\n    i += 1\n', line=3),
    )
    no_site = 'nums = [1, 2, 3]\nfor i in range(len(nums) - 1):\n    print(nums[i + 1])\n'

    def sites(self, program: ProgramIndex):
        # x[len(x) - 1] -> x[len(x)]
        for subscript in program.nodes(cst.Subscript):
            index = _index_of(subscript)
            sequence = _minus_one_of_len(index) if index is not None else None
            if sequence is not None and _same(sequence, subscript.value):
                start, end = program.span(index)
                yield self.edit(program, start, end, program.text(index.left),
                                sequence=program.text(sequence),
                                change=f"the index is `{program.text(index.left)}`")
        # last = len(x) - 1 ... x[last]  ->  last = len(x)
        for assign in program.nodes(cst.Assign):
            sequence = _minus_one_of_len(assign.value)
            target = _single_target(program, assign.value)
            if sequence is None or target is None:
                continue
            binding = _binding(program, target)
            if binding is None or not any(
                    _indexed_by(program, access.node) is not None
                    and _same(_indexed_by(program, access.node).value, sequence)
                    for access in binding.references):
                continue
            start, end = program.span(assign.value)
            yield self.edit(program, start, end, program.text(assign.value.left),
                            sequence=program.text(sequence),
                            change=f"`{target.value}` starts at `{program.text(assign.value.left)}`")
        # for i in range(len(x)): ... x[i]  ->  range(len(x) + 1)
        for loop in program.nodes(cst.For):
            if _call_name(loop.iter) != "range" or not isinstance(loop.target, cst.Name) \
                    or not loop.iter.args or len(loop.iter.args) > 2:
                continue
            stop = loop.iter.args[-1].value
            sequence = _len_of(stop)
            if sequence is None or not _subscripts_with(program, loop.body, sequence,
                                                         loop.target):
                continue
            end = program.span(stop)[1]
            yield self.edit(program, end, end, " + 1", sequence=program.text(sequence),
                            change=f"`{loop.target.value}` now runs up to "
                                   f"`len({program.text(sequence)})`")
        # while i < len(x): ... x[i]  ->  while i <= len(x)
        for loop in program.nodes(cst.While):
            test = loop.test
            if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
                continue
            compare = test.comparisons[0]
            sequence = _len_of(compare.comparator)
            if not isinstance(compare.operator, cst.LessThan) or sequence is None \
                    or not _subscripts_with(program, loop.body, sequence, test.left):
                continue
            start, end = program.span(compare.operator)
            yield self.edit(program, start, end, "<=", sequence=program.text(sequence),
                            change=f"`<=` lets `{program.text(test.left)}` reach "
                                   f"`len({program.text(sequence)})`")


def _small_index(subscript: cst.Subscript) -> cst.Integer | None:
    """The literal index of `pair[0]` or `pair[1]`."""
    index = _index_of(subscript)
    if isinstance(index, cst.Integer) and index.value in ("0", "1"):
        return index
    return None


@register
class WrongIndex(Injector):
    """The wrong position of a pair, tuple or list (`pair[0]` for `pair[1]`)."""

    id = "wrong_index"
    error_class = LOGICAL
    label = "the wrong position taken from a pair or list"
    why = ("Novices count positions from 1, or lose track of which part of a pair holds "
           "which value, so `pair[0]` and `pair[1]` get mixed up.")
    examples = (
        Example("pair = ('Ann', 12)\nprint('Age:', pair[1])\n",
                "pair = ('Ann', 12)\nprint('Age:', pair[0])\n", line=2),
    )
    no_site = "items = ['a']\nprint(items[-1])\n"

    _PLACES = {"0": "first", "1": "second"}

    def sites(self, program: ProgramIndex):
        for node in program.nodes(cst.Subscript):
            index = _small_index(node)
            if index is None or isinstance(program.parent(node), cst.AssignTarget) \
                    or not self._fixed_size(program, node.value):
                continue
            if any(isinstance(a, cst.Subscript) and a is not node
                   and program.inside(node, cst.SubscriptElement)
                   for a in program.ancestors(node)):
                continue  # an index inside another index: a slip would shift both
            old_index = index.value
            new_index = "1" if old_index == "0" else "0"
            start, end = program.span(index)
            sequence = program.text(node.value)
            yield self.edit(program, start, end, new_index, sequence=sequence,
                            old=f"{sequence}[{old_index}]", new=f"{sequence}[{new_index}]",
                            old_index=old_index, new_index=new_index,
                            old_place=self._PLACES[old_index], new_place=self._PLACES[new_index])

    @staticmethod
    def _fixed_size(program: ProgramIndex, sequence: cst.CSTNode) -> bool:
        """A pair or record: a loop variable or a name assigned a tuple or an item of a
        list. A list that grows can hold one item, where `[1]` raises an IndexError."""
        if not isinstance(sequence, cst.Name):
            return False
        bindings = _assignments(program, sequence)
        if not bindings:
            return False
        for binding in bindings:
            parent = program.parent(binding.node)
            if isinstance(parent, cst.For) and parent.target is binding.node:
                continue
            value = _assigned_value(program, binding.node)
            if not isinstance(value, cst.Tuple | cst.Subscript | cst.Name):
                return False
        return True
