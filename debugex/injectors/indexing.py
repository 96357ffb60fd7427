"""Indexing: an index one past the end, the wrong index, an index dropped or added in a
comparison.

Each injector carries its golden examples; see docs/novice-mistakes.md."""

from __future__ import annotations

import libcst as cst

from .base import LOGICAL, RUNTIME, Example, Injector, register
from .helpers import (
    _accesses,
    _assigned_value,
    _assignments,
    _binding,
    _call_name,
    _in_part,
    _indexed_by,
    _same,
    _single_target,
    _within,
)
from .kinds import _holds_text
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


_ORDER = (cst.LessThan, cst.GreaterThan, cst.LessThanEqual, cst.GreaterThanEqual)


def _starts_at_number(program: ProgramIndex, name: str) -> bool:
    """`total = 0` (or another number) is the name's first assignment in the program."""
    for node in program.nodes(cst.Assign):
        if len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name) \
                and node.targets[0].target.value == name:
            return isinstance(node.value, cst.Integer | cst.Float)
    return False


def _comparisons(program: ProgramIndex, in_loop_tests: bool = False):
    """(comparison, left, its one target) of every single comparison (of loop tests too
    when asked: an edit that leaves the loop's counter alone cannot make it hang)."""
    for node in program.nodes(cst.Comparison):
        if len(node.comparisons) == 1 and (
                in_loop_tests or not _in_part(program, node, cst.While, "test")):
            yield node, node.left, node.comparisons[0]


def _index_text(program: ProgramIndex, node: cst.CSTNode) -> str | None:
    """`[1]` for `x[1]` (one plain index), else None."""
    if isinstance(node, cst.Subscript) and _index_of(node) is not None:
        return program.source[program.span(node.value)[1]:program.span(node)[1]]
    return None


@register
class IndexDroppedOnBothSides(Injector):
    """The same index dropped on both sides of a comparison, so whole items are compared
    (`if p > best:` for `if p[1] > best[1]:`)."""

    id = "index_dropped_on_both_sides"
    error_class = LOGICAL
    label = "the same index dropped on both sides of a comparison"
    why = ("Novices think of a record by its most important field and write the record "
           "where they mean the field, expecting Python to know which part to compare.")
    examples = (
        Example("def oldest(people):\n    best = people[0]\n    for p in people:\n"
                "        if p[1] > best[1]:\n            best = p\n    return best[0]\n\n\n"
                "print(oldest([('Zoe', 30), ('Al', 41)]))\n",
                "def oldest(people):\n    best = people[0]\n    for p in people:\n"
                "        if p > best:\n            best = p\n    return best[0]\n\n\n"
                "print(oldest([('Zoe', 30), ('Al', 41)]))\n", line=4),
    )
    no_site = "a = [1, 2]\nif a[0] > 1:\n    print(a)\n"

    def sites(self, program: ProgramIndex):
        for node, left, target in _comparisons(program, in_loop_tests=True):
            right = target.comparator
            index = _index_text(program, left)
            if index is None or index != _index_text(program, right) \
                    or "".join(index.split()) == "[0]":
                continue  # whole tuples compare by their first item: `[0]` changes nothing
            start, end = program.span(node)
            left_whole, right_whole = program.text(left.value), program.text(right.value)
            new = (left_whole + program.source[program.span(left)[1]:program.span(right)[0]]
                   + right_whole)
            yield self.edit(program, start, end, new, old=program.text(node), new=new,
                            index=index, left=left_whole, right=right_whole)


@register
class IndexOnOneSide(Injector):
    """An index dropped on one side of an ordering comparison, or added to two plain
    values, so an item is ordered against a number (`if r > mean:` for
    `if r[1] > mean:`), a TypeError."""

    id = "index_on_one_side"
    error_class = RUNTIME
    label = "an index dropped or added on one side of an ordering comparison"
    why = ("Novices lose track of which values are whole records and which are fields, "
           "so they index one side of a comparison and not the other, or index plain "
           "numbers as if they were records.")
    examples = (
        Example("def above(records, mean):\n    names = []\n    for r in records:\n"
                "        if r[1] > mean:\n            names.append(r[0])\n    return names\n\n\n"
                "print(above([('a', 3), ('b', 9)], 5))\n",
                "def above(records, mean):\n    names = []\n    for r in records:\n"
                "        if r > mean:\n            names.append(r[0])\n    return names\n\n\n"
                "print(above([('a', 3), ('b', 9)], 5))\n", line=4),
        Example("def biggest(numbers):\n    best = numbers[0]\n    for x in numbers:\n"
                "        if x > best:\n            best = x\n    return best\n\n\n"
                "print(biggest([3, 8, 1]))\n",
                "def biggest(numbers):\n    best = numbers[0]\n    for x in numbers:\n"
                "        if x[1] > best[1]:\n            best = x\n    return best\n\n\n"
                "print(biggest([3, 8, 1]))\n", line=4),
    )
    no_site = "a = [1, 2]\nif a == [1, 2]:\n    print(a)\n"

    def sites(self, program: ProgramIndex):
        yield from self._fields(program)
        reads = _accesses(program)
        subscripted = {n.value.value for n in program.nodes(cst.Subscript)
                       if isinstance(n.value, cst.Name)}
        for node, left, target in _comparisons(program):
            if not isinstance(target.operator, _ORDER):
                continue
            right = target.comparator
            sides = [(side, other) for side, other in ((left, right), (right, left))
                     if _index_text(program, side) is not None]
            for side, other in sides:
                if _holds_text(program, side.value, reads) or _holds_text(program, other,
                                                                          reads):
                    continue  # a string orders against a string: no error
                start, end = program.span(side)
                whole = program.text(side.value)
                yield self.edit(program, start, end, whole, old=program.text(node),
                                new=self._new(program, node, side, whole),
                                what="a whole item against a single value",
                                what_short="a whole item", form="dropped")
            if not sides and all(isinstance(s, cst.Name) and s.value not in subscripted
                                 and not _holds_text(program, s, reads)
                                 for s in (left, right)):
                start, end = program.span(node)
                new = (f"{left.value}[1]" + program.source[program.span(left)[1]:
                                                           program.span(right)[0]]
                       + f"{right.value}[1]")
                yield self.edit(program, start, end, new, old=program.text(node), new=new,
                                what="parts of two plain values that have no parts",
                                what_short="an item of a plain value", form="added")

    def _fields(self, program: ProgramIndex):
        """A record's field where the whole record is kept or added: `best = item[1]`
        for `best = item` when `best[1]` is compared later (a number has no fields), and
        `total += item` for `total += item[1]` (a number plus a record)."""
        fields: dict[str, set[str]] = {}
        for node in program.nodes(cst.Subscript):
            index = _small_index(node)
            if index is not None and isinstance(node.value, cst.Name):
                fields.setdefault(node.value.value, set()).add(index.value)
        ordered = {program.text(side) for _node, left, target in _comparisons(program)
                   if isinstance(target.operator, _ORDER)
                   for side in (left, target.comparator)}
        for node in program.nodes(cst.Assign):
            target, value = node.targets[0].target, node.value
            if len(node.targets) != 1 or not isinstance(target, cst.Name) \
                    or not isinstance(value, cst.Name) or value.value not in fields:
                continue
            kept = [i for i in sorted(fields.get(target.value, ()))
                    if f"{target.value}[{i}]" in ordered]
            if not kept:
                continue  # the kept record is never ordered by a field: no crash
            start, end = program.span(value)
            for index in sorted(fields[value.value] | fields[target.value]):
                new = f"{value.value}[{index}]"
                yield self.edit(program, start, end, new, old=program.text(node),
                                new=f"{target.value} = {new}", record=value.value,
                                kept=target.value, field=f"{target.value}[{kept[0]}]",
                                form="field_kept")
        for node in program.nodes(cst.AugAssign):
            value = node.value
            if isinstance(node.operator, cst.AddAssign) and isinstance(value, cst.Subscript) \
                    and isinstance(value.value, cst.Name) and _small_index(value) is not None \
                    and isinstance(node.target, cst.Name) \
                    and _starts_at_number(program, node.target.value):
                start, end = program.span(value)
                record = value.value.value
                yield self.edit(program, start, end, record, old=program.text(node),
                                new=f"{node.target.value} += {record}", record=record,
                                total=node.target.value, form="record_added")

    @staticmethod
    def _new(program: ProgramIndex, node: cst.CSTNode, side: cst.CSTNode, whole: str) -> str:
        start, end = program.span(node)
        s_start, s_end = program.span(side)
        return program.source[start:s_start] + whole + program.source[s_end:end]
