"""Lists and tuples: an item added as if it were a collection (`result += x` for
`result.append(x)`), or joined to one with `+` as if it were a list. (Emptiness tests of
the wrong form are in `emptiness.py`.)

Each injector carries its golden examples; see docs/novice-mistakes.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import libcst as cst

from .base import LOGICAL, RUNTIME, Example, Injector, register
from .helpers import _accesses, _callee_name
from .kinds import _holds_text, _is_number, _is_numeric
from .program import ProgramIndex


@dataclass(frozen=True)
class _Growth:
    """One statement that adds an item to a list, in one of the forms students write."""

    form: str  # append | aug | plus_right | plus_left | extend | insert_end | return_left
    node: cst.CSTNode  # the part the edit replaces
    receiver: str
    items: tuple[cst.CSTNode, ...]  # the item(s) added


def _one_item(node: cst.CSTNode) -> cst.CSTNode | None:
    if isinstance(node, cst.List) and len(node.elements) == 1 \
            and isinstance(node.elements[0], cst.Element):
        return node.elements[0].value
    return None


def _growths(program: ProgramIndex) -> Iterator[_Growth]:
    for call in program.nodes(cst.Call):
        func = call.func
        if not (isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name)) \
                or not isinstance(program.parent(call), cst.Expr):
            continue
        method, receiver = func.attr.value, func.value.value
        args = [a.value for a in call.args if a.keyword is None and not a.star]
        if len(args) != len(call.args):
            continue
        if method == "append" and len(args) == 1:
            yield _Growth("append", call, receiver, (args[0],))
        elif method == "extend" and len(args) == 1 and isinstance(args[0], cst.List) \
                and all(isinstance(e, cst.Element) for e in args[0].elements) \
                and args[0].elements:
            yield _Growth("extend", call, receiver, tuple(e.value for e in args[0].elements))
        elif method == "insert" and len(args) == 2 and _callee_name(args[0]) == "len" \
                and len(args[0].args) == 1 and isinstance(args[0].args[0].value, cst.Name) \
                and args[0].args[0].value.value == receiver:
            yield _Growth("insert_end", call, receiver, (args[1],))
    for node in program.nodes(cst.AugAssign):
        item = _one_item(node.value)
        if isinstance(node.operator, cst.AddAssign) and isinstance(node.target, cst.Name) \
                and item is not None:
            yield _Growth("aug", node, node.target.value, (item,))
    for node in program.nodes(cst.BinaryOperation):
        if not isinstance(node.operator, cst.Add):
            continue
        parent = program.parent(node)
        for side, other, form in ((node.right, node.left, "plus_right"),
                                  (node.left, node.right, "plus_left")):
            item = _one_item(side)
            if item is None or not isinstance(other, cst.Name):
                continue
            if isinstance(parent, cst.Assign) and len(parent.targets) == 1 \
                    and isinstance(parent.targets[0].target, cst.Name) \
                    and parent.targets[0].target.value == other.value:
                yield _Growth(form, node, other.value, (item,))
            elif isinstance(parent, cst.Return) and form == "plus_left":
                yield _Growth("return_left", node, other.value, (item,))


def _item_text(program: ProgramIndex, item: cst.CSTNode) -> str:
    """The item as written, with the brackets of a tuple (its span leaves them out)."""
    text = program.text(item)
    if isinstance(item, cst.Tuple) and item.lpar and not text.startswith("("):
        return f"({text})"
    return text


def _certainly_number(program: ProgramIndex, item: cst.CSTNode, reads) -> bool:
    return _is_numeric(program, item) or _is_number(program, item, reads)


# Names that hold one word or letter in CS1 code (`for word in words`).
_TEXT_NAMES = frozenset({"word", "w", "name", "ch", "char", "c", "letter", "line", "title",
                         "player", "city", "text", "s", "string", "sentence", "colour",
                         "color", "fruit", "animal", "item_name", "vowel"})


_TEXT_METHODS = frozenset({"upper", "lower", "strip", "title", "capitalize", "lstrip",
                           "rstrip"})


def _text_like(program: ProgramIndex, item: cst.CSTNode, reads) -> bool:
    """Text certainly, or a name that CS1 code gives to one word or letter."""
    if _holds_text(program, item, reads):
        return True
    while True:  # `name[:2]`, `word.upper()`: a piece or a copy of a text-like name
        if isinstance(item, cst.Subscript):
            item = item.value
        elif isinstance(item, cst.Call) and isinstance(item.func, cst.Attribute) \
                and item.func.attr.value in _TEXT_METHODS:
            item = item.func.value
        else:
            break
    return isinstance(item, cst.Name) and item.value.lower() in _TEXT_NAMES


# Names CS1 code gives to one character of a text (`for ch in word`).
_CHARACTER_NAMES = frozenset({"ch", "char", "c", "letter", "vowel", "character", "symbol",
                              "digit"})


def _one_character(item: cst.CSTNode) -> bool:
    """One character of a text: a name CS1 code gives to one (`ch`), or a text indexed
    by one position (`word[0]`, not a slice)."""
    if isinstance(item, cst.Subscript):
        return len(item.slice) == 1 and isinstance(item.slice[0].slice, cst.Index) and \
            isinstance(item.value, cst.Name) and item.value.value.lower() in _TEXT_NAMES
    return isinstance(item, cst.Name) and item.value.lower() in _CHARACTER_NAMES


# Names that hold one number in CS1 code (`for n in nums`).
_NUMBER_NAMES = frozenset({"n", "num", "number", "x", "value", "v", "score", "mark", "age",
                           "t", "temp", "price", "i", "j", "total", "count", "year", "day"})


def _numberish(program: ProgramIndex, item: cst.CSTNode, reads) -> bool:
    """A number certainly, a name CS1 code gives to one number, or a later field of a
    record (`person[1]`: the name comes first, the numbers after it)."""
    if _certainly_number(program, item, reads):
        return True
    if isinstance(item, cst.Subscript) and isinstance(item.value, cst.Name):
        index = _small_index(item)
        return index is not None and index >= 1
    return isinstance(item, cst.Name) and item.value.lower() in _NUMBER_NAMES


def _small_index(node: cst.Subscript) -> int | None:
    if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index) \
            and isinstance(node.slice[0].slice.value, cst.Integer):
        return int(node.slice[0].slice.value.value)
    return None


def _record_like(program: ProgramIndex, item: cst.CSTNode) -> bool:
    """A tuple, or a name the program reads fields of by position (`person[1]`)."""
    if isinstance(item, cst.Tuple):
        return True
    return isinstance(item, cst.Name) and any(
        isinstance(n.value, cst.Name) and n.value.value == item.value
        and _small_index(n) is not None for n in program.nodes(cst.Subscript))


def _maybe_list(item: cst.CSTNode) -> bool:
    """An item that may itself be a list: then `+` and `+=` work and hide the slip."""
    return isinstance(item, cst.List | cst.ListComp) or _callee_name(item) in (
        "list", "sorted", "range")


@register
class ItemAddedAsList(Injector):
    """An item added with `+=` or `extend`, which add its parts one by one
    (`result += word` for `result.append(word)`)."""

    id = "item_added_as_list"
    error_class = LOGICAL
    label = "an item added as if it were a list, so its parts are added one by one"
    why = ("Novices treat `append`, `extend` and `+=` as three spellings of \"add to the "
           "list\", not knowing that `extend` and `+=` take a collection and add its parts.")
    examples = (
        Example("def initials(names):\n    result = []\n    for name in names:\n"
                "        result.append(name[:2])\n    return result\n\n\n"
                "print(initials(['Ann', 'Bo']))\n",
                "def initials(names):\n    result = []\n    for name in names:\n"
                "        result += name[:2]\n    return result\n\n\n"
                "print(initials(['Ann', 'Bo']))\n", line=4),
        Example("def stack(words):\n    out = []\n    for w in words:\n"
                "        out.insert(len(out), w)\n    return out\n\n\n"
                "print(stack(['a', 'b']))\n",
                "def stack(words):\n    out = []\n    for w in words:\n"
                "        out.insert(0, w)\n    return out\n\n\n"
                "print(stack(['a', 'b']))\n", line=4),
    )
    no_site = "items = [1, 2]\nprint(len(items))\n"

    def sites(self, program: ProgramIndex):
        reads = _accesses(program)
        for growth in _growths(program):
            start, end = program.span(growth.node)
            old = program.text(growth.node)
            if growth.form == "insert_end":
                item = _item_text(program, growth.items[0])
                new = f"{growth.receiver}.insert(0, {item})"
                yield self.edit(program, start, end, new, old=old, new=new, item=item,
                                receiver=growth.receiver, form="insert_front",
                                outcome=f"puts each new item in front of the ones before "
                                        f"it, so `{growth.receiver}` ends up in reverse "
                                        "order")
                continue
            if len(growth.items) != 1 or growth.form not in ("append", "aug", "extend"):
                continue
            value = growth.items[0]
            if _one_character(value):
                continue  # `out += ch` adds the one letter `append` would: no mistake shows
            if _text_like(program, value, reads):
                effect = "its letters"
            elif _record_like(program, value) and not _numberish(program, value, reads):
                effect = "its fields"
            else:
                continue  # a number cannot be walked (a crash): see item_joined_to_list
            item, receiver = _item_text(program, value), growth.receiver
            outcome = (f"adds the parts of `{item}` one by one, not `{item}` itself, so "
                       f"`{receiver}` gets {effect}")
            details = {"old": old, "item": item, "receiver": receiver, "effect": effect,
                       "outcome": outcome}
            if growth.form in ("append", "aug"):  # `result += word`
                new = f"{receiver} += {item}"
                yield self.edit(program, start, end, new, new=new, form="plus_equals",
                                **details)
            if growth.form in ("append", "extend"):  # `result.extend(word)`
                new = f"{receiver}.extend({item})"
                yield self.edit(program, start, end, new, new=new, form="extend", **details)
            if growth.form == "extend":  # `result.extend(list(word))`: made a list first
                new = f"{receiver}.extend(list({item}))"
                yield self.edit(program, start, end, new, new=new, form="extend_list",
                                **details)


@register
class ItemJoinedToList(Injector):
    """An item joined to a list with `+` as if it were a list (`result = result + x` for
    `result.append(x)`), a TypeError."""

    id = "item_joined_to_list"
    error_class = RUNTIME
    label = "an item joined to a list with + as if it were a list"
    why = ("Novices see `+` as \"put together\" for any two values, not knowing that a list "
           "can only be joined to another list.")
    examples = (
        Example("def squares(n):\n    result = []\n    for i in range(n):\n"
                "        result.append(i * i)\n    return result\n\n\nprint(squares(3))\n",
                "def squares(n):\n    result = []\n    for i in range(n):\n"
                "        result = result + i * i\n    return result\n\n\nprint(squares(3))\n",
                line=4),
        Example("def squares(n):\n    result = []\n    for i in range(n):\n"
                "        result += [i * i]\n    return result\n\n\nprint(squares(3))\n",
                "def squares(n):\n    result = []\n    for i in range(n):\n"
                "        result += i * i\n    return result\n\n\nprint(squares(3))\n",
                line=4),
    )
    no_site = "items = [1, 2]\nprint(len(items))\n"

    def sites(self, program: ProgramIndex):
        reads = _accesses(program)
        for growth in _growths(program):
            if any(_maybe_list(item) for item in growth.items) or growth.form == "insert_end":
                continue
            start, end = program.span(growth.node)
            old = program.text(growth.node)
            items = [_item_text(program, i) for i in growth.items]
            item, receiver, value = items[0], growth.receiver, growth.items[0]
            for new in self._joined(program, growth, items):
                yield self.edit(program, start, end, new, old=old, new=new, item=item,
                                receiver=receiver, form="plus")
            if growth.form not in ("append", "aug", "extend") or len(items) != 1:
                continue
            number = _certainly_number(program, value, reads) or (
                _numberish(program, value, reads) and not _text_like(program, value, reads))
            # `x += result`: the names swapped, where `x` is certainly no list (a number,
            # a text or a record), so that adding the list onto it fails
            if growth.form == "aug" and isinstance(value, cst.Name) \
                    and value.value != receiver and (
                        number or _text_like(program, value, reads)
                        or _record_like(program, value)):
                new = f"{item} += {receiver}"
                yield self.edit(program, start, end, new, old=old, new=new, item=item,
                                receiver=receiver, form="item_first")
            if growth.form != "extend" and number:  # a number cannot be walked
                new = f"{receiver} += {item}"
                yield self.edit(program, start, end, new, old=old, new=new, item=item,
                                receiver=receiver, form="plus_equals")
            if growth.form == "extend" and number:  # `list(5)`: a number is not a list
                new = f"{receiver}.extend(list({item}))"
                yield self.edit(program, start, end, new, old=old, new=new, item=item,
                                receiver=receiver, form="extend_list")

    @staticmethod
    def _joined(program: ProgramIndex, growth: _Growth, items: list[str]) -> list[str]:
        receiver, node = growth.receiver, growth.node
        if growth.form in ("append", "aug"):  # `result += [x]` written out, brackets lost
            return [f"{receiver} = {receiver} + {items[0]}"]
        if growth.form == "plus_right":
            return [f"{program.text(node.left)} + {items[0]}"]
        if growth.form in ("plus_left", "return_left"):
            return [f"{items[0]} + {program.text(node.right)}"]
        if growth.form == "extend" and len(items) > 1:
            return [f"{receiver}.extend({', '.join(items)})"]
        return []
