"""Lists and tuples: an item added as if it were a collection (`result += x` for
`result.append(x)`), and an emptiness test of the wrong type or form (`s == []` for
`len(s) == 0` when `s` may be a tuple).

Each injector carries its golden examples; see docs/novice-mistakes.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import Assignment

from .base import LOGICAL, RUNTIME, Example, Injector, register
from .helpers import _accesses, _callee_name, _in_part, _test_steers_input, _walk
from .kinds import _holds_text, _is_number, _is_numeric
from .program import ProgramIndex
from .roles import _kind


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
                                receiver=growth.receiver, effect="its items in reverse order")
                continue
            if len(growth.items) != 1 or growth.form not in ("append", "aug", "extend"):
                continue
            value = growth.items[0]
            if not _text_like(program, value, reads):
                continue  # a number cannot be walked (a crash): see item_joined_to_list
            item = _item_text(program, value)
            effect = "its letters"
            news = [f"{growth.receiver} += {item}"]
            if growth.form in ("append", "extend"):
                news = ([f"{growth.receiver}.extend({item})"] if growth.form == "extend"
                        else news + [f"{growth.receiver}.extend({item})"])
            for new in news:
                yield self.edit(program, start, end, new, old=old, new=new, item=item,
                                receiver=growth.receiver, effect=effect)


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
            item, receiver = items[0], growth.receiver
            news = self._joined(program, growth, items)
            if growth.form in ("append", "aug") and _certainly_number(program,
                                                                      growth.items[0], reads):
                news.append(f"{receiver} += {item}")  # a number cannot be walked
            for new in news:
                yield self.edit(program, start, end, new, old=old, new=new, item=item,
                                receiver=receiver)

    @staticmethod
    def _joined(program: ProgramIndex, growth: _Growth, items: list[str]) -> list[str]:
        receiver, node = growth.receiver, growth.node
        if growth.form == "append":
            return [f"{receiver} = {receiver} + {items[0]}"]
        if growth.form == "plus_right":
            return [f"{program.text(node.left)} + {items[0]}"]
        if growth.form in ("plus_left", "return_left"):
            return [f"{items[0]} + {program.text(node.right)}"]
        if growth.form == "extend" and len(items) > 1:
            return [f"{receiver}.extend({', '.join(items)})"]
        return []


_EMPTIES = ("[]", "()")
_EMPTY_WORDS = {"[]": "an empty list", "()": "an empty tuple"}


def _name_kind(program: ProgramIndex, name: cst.Name, reads) -> str | None:
    """'list', 'text', 'number', 'param' or None: what every binding of the name gives."""
    access = reads.get(name)
    if access is None:
        return None
    bindings = [a for a in access.referents if isinstance(a, Assignment)]
    return _kind(program, bindings, reads) if bindings else None


def _guarded_crash(program: ProgramIndex, test: cst.CSTNode, name: str) -> bool:
    """The code after the if-statement of `test` would crash on an empty `name`: it
    indexes it, takes its max or min, divides by its length, or recurses."""
    statement = program.statement_of(test)
    block = program.parent(statement)
    body = list(getattr(block, "body", ()))
    function = next((a for a in program.ancestors(statement)
                     if isinstance(a, cst.FunctionDef)), None)
    if not isinstance(statement, cst.If) or statement not in body:
        return False
    following = [statement.orelse] if statement.orelse is not None else []
    last = statement.body.body[-1] if statement.body.body else None
    if isinstance(last, cst.SimpleStatementLine) and isinstance(
            last.body[-1], cst.Return | cst.Raise | cst.Break | cst.Continue):
        following += body[body.index(statement) + 1:]  # reached only when not empty
    for part in following:
        for node in _walk(part):
            if isinstance(node, cst.Subscript) and isinstance(node.value, cst.Name) \
                    and node.value.value == name:
                return True
            callee = _callee_name(node) or ""
            if callee in ("max", "min") and any(isinstance(a.value, cst.Name)
                                                and a.value.value == name for a in node.args):
                return True
            if function is not None and callee == function.name.value:
                return True
            if isinstance(node, cst.BinaryOperation) and isinstance(
                    node.operator, cst.Divide | cst.FloorDivide | cst.Modulo) \
                    and _callee_name(node.right) == "len":
                return True
    return False


def _may_be_tuple(program: ProgramIndex, kind: str | None) -> bool:
    """A parameter the task says may be a tuple (a "sequence", "list or tuple")."""
    words = set(program.description.lower().replace("(", " ").replace(")", " ").split())
    return kind == "text" or (kind == "param" and bool(
        words & {"tuple", "tuples", "sequence", "sequences"}))


@register
class EmptyTestWrongForm(Injector):
    """An emptiness test written as a comparison with one kind of empty value, so the
    empty case slips past the guard and the code after it crashes (`s == []` for
    `len(s) == 0` when `s` may be a tuple; `s == () or []` for `s == () or s == []`)."""

    id = "empty_test_wrong_form"
    error_class = RUNTIME
    label = "an emptiness test that only recognises one kind of empty value"
    why = ("Novices picture \"empty\" as the brackets they usually write, not knowing that "
           "a tuple never equals `[]`, and they shorten `s == () or s == []` as they would "
           "say it aloud.")
    examples = (
        Example("def first(items):\n    if len(items) == 0:\n        return None\n"
                "    return items[0]\n\n\nprint(first([]))\nprint(first([4]))\n",
                "def first(items):\n    if items == ():\n        return None\n"
                "    return items[0]\n\n\nprint(first([]))\nprint(first([4]))\n", line=2),
        Example("def mean(s):\n    if s == () or s == []:\n        return 0\n"
                "    return sum(s) / len(s)\n\n\nprint(mean([]))\nprint(mean((2, 4)))\n",
                "def mean(s):\n    if s == () or []:\n        return 0\n"
                "    return sum(s) / len(s)\n\n\nprint(mean([]))\nprint(mean((2, 4)))\n",
                line=2),
    )
    no_site = "items = [1]\nif items:\n    print(len(items))\n"

    def sites(self, program: ProgramIndex):
        reads = _accesses(program)
        for node, name in self._tests(program):
            if _in_part(program, node, cst.While, "test") or _test_steers_input(program,
                                                                                 node):
                continue
            kind = _name_kind(program, name, reads)
            if kind in ("number", "dict") or not _guarded_crash(program, node, name.value):
                continue
            start, end = program.span(node)
            old = program.text(node)
            for empty in _EMPTIES:
                if empty == "[]" and not _may_be_tuple(program, kind):
                    continue  # the same test for a list: no error
                new = f"{name.value} == {empty}"
                reason = (f"{'a list' if empty == '()' else 'a tuple or a string'} is never "
                          f"equal to `{empty}`")
                yield self.edit(program, start, end, new, old=old, new=new, name=name.value,
                                empty=_EMPTY_WORDS[empty], reason=reason)
        for node in program.nodes(cst.BooleanOperation):
            merged = self._merged(program, node)
            if merged is not None and _guarded_crash(program, node, merged[3]):
                start, end, new, name = merged
                yield self.edit(program, start, end, new.split(" or ")[-1], old=program.text(
                    node), new=new, name=name, empty=_EMPTY_WORDS[new[-2:]],
                    reason=f"`or {new[-2:]}` is an empty value, which is false, not a "
                           f"second comparison with `{name}`")

    @staticmethod
    def _tests(program: ProgramIndex):
        """(`len(s) == 0` or `not s`, the name s), where they are a whole if-test."""
        for node in program.nodes(cst.Comparison):
            if len(node.comparisons) == 1 and isinstance(node.comparisons[0].operator,
                                                         cst.Equal) \
                    and program.text(node.comparisons[0].comparator) == "0" \
                    and _callee_name(node.left) == "len" and len(node.left.args) == 1 \
                    and isinstance(node.left.args[0].value, cst.Name):
                yield node, node.left.args[0].value
        for node in program.nodes(cst.UnaryOperation):
            if isinstance(node.operator, cst.Not) and isinstance(node.expression, cst.Name) \
                    and isinstance(program.parent(node), cst.If | cst.Return):
                yield node, node.expression

    @staticmethod
    def _merged(program: ProgramIndex, node: cst.BooleanOperation):
        """`s == A or s == B` with two empty values: the span of `s == B`, the merged test."""
        left, right = node.left, node.right
        if not isinstance(node.operator, cst.Or) or not all(
                isinstance(c, cst.Comparison) and len(c.comparisons) == 1
                and isinstance(c.comparisons[0].operator, cst.Equal)
                and isinstance(c.left, cst.Name) for c in (left, right)):
            return None
        first, second = ("".join(_item_text(program, c.comparisons[0].comparator).split())
                         for c in (left, right))
        if left.left.value != right.left.value or {first, second} != set(_EMPTIES):
            return None
        start, end = program.span(right)
        if isinstance(right.comparisons[0].comparator, cst.Tuple):
            end = program.source.index(")", start) + 1  # its span leaves out `()`
        whole = program.source[program.span(node)[0]:start] + second
        return start, end, whole, left.left.value
