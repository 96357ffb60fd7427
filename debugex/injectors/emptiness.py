"""Emptiness tests: a guard for an empty list or tuple written in a form that lets the
empty value through, so the code after the guard crashes on it (`s == []` for
`len(s) == 0` when `s` may be a tuple, `s == () or []`, `s == 0`, `len(s) == 1` for
`len(s) <= 1`).

Each injector carries its golden examples; see docs/novice-mistakes.md.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Assignment

from .base import RUNTIME, Example, Injector, register
from .helpers import _accesses, _callee_name, _in_part, _test_steers_input, _walk
from .lists import _TEXT_NAMES, _item_text
from .program import ProgramIndex
from .roles import _kind

_EMPTIES = ("[]", "()")
_EMPTY_WORDS = {"[]": "an empty list", "()": "an empty tuple"}


def _name_kind(program: ProgramIndex, name: cst.Name, reads) -> str | None:
    """'list', 'text', 'number', 'param' or None: what every binding of the name gives."""
    access = reads.get(name)
    if access is None:
        return None
    bindings = [a for a in access.referents if isinstance(a, Assignment)]
    return _kind(program, bindings, reads) if bindings else None


def _built_from(program: ProgramIndex, block: cst.CSTNode, name: str) -> set[str]:
    """Lists filled in `block` by a loop over `name` (`for d in dates: days.append(..)`)."""
    found = set()
    for loop in _walk(block):
        if isinstance(loop, cst.For) and isinstance(loop.iter, cst.Name) \
                and loop.iter.value == name:
            for call in _walk(loop.body):
                if isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) \
                        and call.func.attr.value == "append" \
                        and isinstance(call.func.value, cst.Name):
                    found.add(call.func.value.value)
    return found


def _guarded_crash(program: ProgramIndex, test: cst.CSTNode, name: str) -> bool:
    """The code after the if-statement of `test` would crash on an empty `name`: it
    indexes it, takes its max or min (or of a list filled from it), divides by its
    length, or recurses."""
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
    filled = {name}.union(*(_built_from(program, part, name) for part in following))
    for part in following:
        for node in _walk(part):
            if isinstance(node, cst.Subscript) and isinstance(node.value, cst.Name) \
                    and node.value.value == name:
                return True
            callee = _callee_name(node) or ""
            if callee in ("max", "min") and any(isinstance(a.value, cst.Name)
                                                and a.value.value in filled
                                                for a in node.args):
                return True
            if function is not None and callee == function.name.value:
                return True
            if isinstance(node, cst.BinaryOperation) and isinstance(
                    node.operator, cst.Divide | cst.FloorDivide | cst.Modulo) \
                    and _callee_name(node.right) == "len":
                return True
    return False


def _may_be_tuple(program: ProgramIndex, kind: str | None) -> bool:
    """Text, or a parameter the task says may be a tuple (a "sequence", "list or
    tuple")."""
    words = set(program.description.lower().replace("(", " ").replace(")", " ").split())
    return kind == "text" or (kind == "param" and bool(
        words & {"tuple", "tuples", "sequence", "sequences"}))


def _or_fact(name: str, empty: str, other: str) -> str:
    return (f"is true only when `{name}` is {_EMPTY_WORDS[empty]}: `or {other}` is an "
            f"empty value, which is false, not a second comparison with `{name}`")


def _never(kind: str | None) -> str:
    return "a string" if kind == "text" else "a list or a tuple"


@register
class EmptyTestWrongForm(Injector):
    """An emptiness test written in a form that lets an empty value through, so the empty
    case slips past the guard and the code after it crashes (`s == []` for
    `len(s) == 0` when `s` may be a tuple; `s == () or []`; `s == () and []`; `s == 0`;
    `len(s) == 1` for `len(s) <= 1`)."""

    id = "empty_test_wrong_form"
    error_class = RUNTIME
    label = "an emptiness test that lets an empty value through"
    why = ("Novices picture \"empty\" as the brackets they usually write, not knowing that "
           "a tuple never equals `[]`; they shorten `s == () or s == []` as they would "
           "say it aloud, compare the sequence itself with 0, or think of the shortest "
           "list with something in it.")
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
        Example("def first(items):\n    if not items:\n        return None\n"
                "    return items[0]\n\n\nprint(first([]))\nprint(first([4]))\n",
                "def first(items):\n    if items == 0:\n        return None\n"
                "    return items[0]\n\n\nprint(first([]))\nprint(first([4]))\n", line=2),
        Example("def squeeze(xs):\n    if len(xs) <= 1:\n        return list(xs)\n"
                "    out = [xs[0]]\n    for x in xs[1:]:\n        if x != out[-1]:\n"
                "            out.append(x)\n    return out\n\n\nprint(squeeze([]))\n"
                "print(squeeze([1, 1, 2]))\n",
                "def squeeze(xs):\n    if len(xs) == 1:\n        return list(xs)\n"
                "    out = [xs[0]]\n    for x in xs[1:]:\n        if x != out[-1]:\n"
                "            out.append(x)\n    return out\n\n\nprint(squeeze([]))\n"
                "print(squeeze([1, 1, 2]))\n", line=2),
    )
    no_site = "items = [1]\nif items:\n    print(len(items))\n"

    def sites(self, program: ProgramIndex):
        reads = _accesses(program)
        for node, name, short in self._tests(program):
            if _in_part(program, node, cst.While, "test") or _test_steers_input(program,
                                                                                 node):
                continue
            kind = _name_kind(program, name, reads)
            if kind in ("number", "dict") or not _guarded_crash(program, node, name.value):
                continue
            if kind == "param" and name.value.lower() in _TEXT_NAMES:
                kind = "text"  # `def last_char(word)`: a word, never a tuple
            start, end = program.span(node)
            old, who = program.text(node), name.value
            if short:  # `len(s) <= 1`: the shortest list with something in it
                new = f"len({who}) == 1"
                yield self.edit(program, start, end, new, old=old, new=new, name=who,
                                test_fact=f"is true only when `{who}` holds exactly one "
                                          "item", form="one_item")
                continue
            for empty in _EMPTIES:
                if empty == "[]" and not _may_be_tuple(program, kind):
                    continue  # the same test for a list: no error
                other = "()" if empty == "[]" else "[]"
                new = f"{who} == {empty}"
                never = "a list" if empty == "()" else "a tuple or a string"
                yield self.edit(program, start, end, new, old=old, new=new, name=who,
                                empty=_EMPTY_WORDS[empty], form="one_empty",
                                test_fact=f"is true only when `{who}` is "
                                          f"{_EMPTY_WORDS[empty]}: {never} is never equal "
                                          f"to `{empty}`")
                new = f"{who} == {empty} or {other}"
                if kind != "text":  # `word == [] or ()`: not what students write
                    yield self.edit(program, start, end, new, old=old, new=new, name=who,
                                    empty=_EMPTY_WORDS[empty], form="or_empty",
                                    test_fact=_or_fact(who, empty, other))
            new = f"{who} == () and []"
            if kind != "text":  # `s == () and []` for a string: not what students write
                yield self.edit(program, start, end, new, old=old, new=new, name=who,
                                form="and_empty",
                                test_fact="is never true: with `and []` it gives either "
                                          "False or `[]`, an empty list, and both count "
                                          "as false")
            new = f"{who} == 0"
            yield self.edit(program, start, end, new, old=old, new=new, name=who,
                            form="zero", test_fact=f"is never true: {_never(kind)} is "
                                                   "never equal to the number 0")
        for node in program.nodes(cst.BooleanOperation):
            merged = self._merged(program, node)
            if merged is not None and _guarded_crash(program, node, merged[3]):
                start, end, new, name = merged
                other = new[-2:]
                empty = "()" if other == "[]" else "[]"
                yield self.edit(program, start, end, new.split(" or ")[-1], old=program.text(
                    node), new=new, name=name, empty=_EMPTY_WORDS[empty], form="or_empty",
                    test_fact=_or_fact(name, empty, other))

    @staticmethod
    def _tests(program: ProgramIndex):
        """(test, the name s, whether it is a length of at most one) for `len(s) == 0`,
        `not s` and `len(s) <= 1` (or `< 2`), where they are a whole if-test."""
        for node in program.nodes(cst.Comparison):
            if len(node.comparisons) != 1 or _callee_name(node.left) != "len" \
                    or len(node.left.args) != 1 \
                    or not isinstance(node.left.args[0].value, cst.Name):
                continue
            operator = node.comparisons[0].operator
            bound = program.text(node.comparisons[0].comparator)
            if isinstance(operator, cst.Equal) and bound == "0":
                yield node, node.left.args[0].value, False
            elif (isinstance(operator, cst.LessThanEqual) and bound == "1") or (
                    isinstance(operator, cst.LessThan) and bound == "2"):
                yield node, node.left.args[0].value, True
        for node in program.nodes(cst.UnaryOperation):
            if isinstance(node.operator, cst.Not) and isinstance(node.expression, cst.Name) \
                    and isinstance(program.parent(node), cst.If | cst.Return):
                yield node, node.expression, False

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


def _assigned_after(block: list[cst.CSTNode], statement: cst.CSTNode) -> list[str]:
    """Names the statements after `statement` assign on their own (`total = 0`), those
    the block's last `return` reads first."""
    after = block[block.index(statement) + 1:]
    names = [small.targets[0].target.value for line in after
             if isinstance(line, cst.SimpleStatementLine) for small in line.body
             if isinstance(small, cst.Assign) and len(small.targets) == 1
             and isinstance(small.targets[0].target, cst.Name)]
    last = after[-1] if after else None
    returned = {n.value for n in _walk(last) if isinstance(n, cst.Name)} \
        if isinstance(last, cst.SimpleStatementLine) and isinstance(last.body[0], cst.Return) \
        else set()
    names = list(dict.fromkeys(names))
    return [n for n in names if n in returned] or names[:1]


@register
class ReturnAsAssignment(Injector):
    """The `return` of an emptiness guard written as an assignment to the name the
    function goes on to compute (`total = 0` for `return 0`), so the empty case runs on
    into the code after the guard and crashes."""

    id = "return_as_assignment"
    error_class = RUNTIME
    label = "a guard's return written as an assignment, so the empty case runs on"
    why = ("Novices think of the guard's value as the answer being set up (\"the total is "
           "0\"), not as the moment the function stops, so they store it instead of "
           "returning it.")
    examples = (
        Example("def mean(xs):\n    if len(xs) == 0:\n        return 0\n    total = 0\n"
                "    for x in xs:\n        total += x\n    return total / len(xs)\n\n\n"
                "print(mean([]))\nprint(mean([2, 4]))\n",
                "def mean(xs):\n    if len(xs) == 0:\n        total = 0\n    total = 0\n"
                "    for x in xs:\n        total += x\n    return total / len(xs)\n\n\n"
                "print(mean([]))\nprint(mean([2, 4]))\n", line=3),
    )
    no_site = "def f(xs):\n    if not xs:\n        return 0\n    return 1\n\n\nprint(f([]))\n"

    def sites(self, program: ProgramIndex):
        for test, name, _short in EmptyTestWrongForm._tests(program):
            guard = program.parent(test)
            if not isinstance(guard, cst.If) or guard.test is not test \
                    or not _guarded_crash(program, test, name.value):
                continue
            body = guard.body.body
            if len(body) != 1 or not isinstance(body[0], cst.SimpleStatementLine) \
                    or not isinstance(body[0].body[0], cst.Return) \
                    or body[0].body[0].value is None:
                continue
            returned = body[0].body[0]
            block = list(getattr(program.parent(guard), "body", ()))
            if guard not in block:
                continue
            start, end = program.span(returned)
            value = program.text(returned.value)
            for target in _assigned_after(block, guard):
                new = f"{target} = {value}"
                yield self.edit(program, start, end, new, old=f"return {value}", new=new,
                                target=target, value=value, name=name.value,
                                form="assigned")
