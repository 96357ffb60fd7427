"""Values: a constant changed, a value one off, the wrong value returned.

Each injector carries its golden examples; see docs/novice-mistakes.md."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import libcst as cst

from .base import LOGICAL, Example, Injector, register
from .boundaries import sets_search_window
from .helpers import (
    _ORDERING_TYPES,
    _callee_name,
    _feeds_guarded,
    _in_part,
    _index_names,
    _inside_guarded,
    _loop_control_names,
    _reversed_slice,
    _walk,
)
from .kinds import _is_numeric
from .program import ProgramIndex


def _changed_numbers(text: str) -> list[str]:
    """The slips a person makes with a number: one more or one less (an off-by-one in a
    count or threshold), the neighbouring round value for a multiple of ten (a grade
    boundary of 40 for 50), two digits typed the other way round (23 for 32), the last
    digit of a decimal one off (0.3 for 0.2), and a growth factor written as its rate
    (0.2 for 1.2). Never a factor of ten, never zero, never the number written another
    way."""
    if text.isdigit():
        value = int(text)
        found = [value + 1, value - 1]
        if value >= 20 and value % 10 == 0:
            found += [value - 10, value + 10]
        if len(text) == 2 and text[0] != text[1] and text[1] != "0":
            found.append(int(text[::-1]))
        return [str(v) for v in found if v > 0]
    try:
        number = Decimal(text)
    except InvalidOperation:
        return []
    if "." not in text or "e" in text.lower() or number == 0 or "_" in text:
        return []
    step = Decimal(1).scaleb(number.as_tuple().exponent)
    found = [number - step, number + step]
    if 1 < number < 2:
        found.append(number - 1)  # `* 0.2` for `* 1.2`: the rise, not the new total
    return [format(n, "f") for n in found if n > 0]


# A start value one off, the way students write it: a count from 1, a position from 0.
_STARTS = {"0": ("1",), "1": ("0",), "-1": ("0",)}


def _stopping_names(program: ProgramIndex) -> set[str]:
    """Names a while loop stops on by equality (`while i != n`): a changed start value
    can step over the stop and never end."""
    names: set[str] = set()
    for loop in program.nodes(cst.While):
        for node in _walk(loop.test):
            if isinstance(node, cst.Comparison) and any(
                    isinstance(t.operator, cst.Equal | cst.NotEqual) for t in node.comparisons):
                names |= {n.value for n in _walk(node) if isinstance(n, cst.Name)}
    return names


@register
class WrongConstant(Injector):
    """A number in a condition or calculation one off or a neighbouring value (`total <= 99`
    for `total <= 100`, `* 0.3` for `* 0.2`)."""

    id = "wrong_constant"
    error_class = LOGICAL
    why = ("A number typed into a program looks right at a glance; novices check that the "
           "program runs, not that every threshold and factor has the intended value.")
    examples = (
        Example("price = float(input())\nif price >= 100:\n    price = price * 0.9\n"
                "print(price)\n",
                "price = float(input())\nif price >= 101:\n    price = price * 0.9\n"
                "print(price)\n", stdin=(("100",), ("20",)), line=2),
        Example("price = float(input())\nprint(price * 0.2)\n",
                "price = float(input())\nprint(price * 0.3)\n", stdin=(("10",),), line=2),
    )
    no_site = "for i in range(10):\n    print(i)\n"

    def sites(self, program: ProgramIndex):
        loop_names = _loop_control_names(program)
        stopping = _stopping_names(program)
        guarded = _index_names(program)
        thresholds = {program.text(target.comparator)
                      for target in program.nodes(cst.ComparisonTarget)
                      if isinstance(target.comparator, cst.Integer | cst.Float)}
        for node in program.nodes(cst.Integer, cst.Float):
            if sets_search_window(program, node):
                continue  # a search's window: a miss raises (boundaries.py)
            parent = program.parent(node)
            if isinstance(parent, cst.UnaryOperation):
                parent = program.parent(parent)
            if isinstance(parent, cst.ComparisonTarget):
                # Thresholds only: `==` against a changed value stops matching input
                # altogether, and a changed `0` guard turns into a division by zero.
                if not isinstance(parent.operator, _ORDERING_TYPES) or program.text(node) == "0":
                    continue
                role = "condition"
            elif isinstance(parent, cst.BinaryOperation):
                role = "calculation"
            elif isinstance(parent, cst.Assign) and len(parent.targets) == 1 \
                    and isinstance(parent.targets[0].target, cst.Name) \
                    and parent.targets[0].target.value.isupper() \
                    and isinstance(program.parent(program.parent(parent)), cst.Module):
                name = parent.targets[0].target.value
                if name in loop_names or name in guarded:
                    continue
                role = f"constant `{name}`"
            elif self._start_value(program, parent, stopping):
                yield from self._starts(program, node, parent)
                continue
            else:
                continue
            if _in_part(program, node, cst.While, "test") or _inside_guarded(program, node):
                continue
            if role != "condition" and _feeds_guarded(program, node, guarded | loop_names):
                continue
            old = program.text(node)
            start, end = program.span(node)
            for new in _changed_numbers(old):
                if role == "condition" and new in thresholds:
                    continue  # another branch's threshold: that branch becomes unreachable
                yield self.edit(program, start, end, new, old=old, new=new, role=role,
                                form="threshold" if role == "condition" else "value")

    @staticmethod
    def _start_value(program: ProgramIndex, parent: cst.CSTNode, stopping: set[str]) -> bool:
        """`count = 0`, `position = -1`: the first value of a name the program updates
        later (a count, a total, a position found), in a function or a script."""
        if not isinstance(parent, cst.Assign) or len(parent.targets) != 1 \
                or not isinstance(parent.targets[0].target, cst.Name):
            return False
        name = parent.targets[0].target.value
        if name.isupper() or name in stopping or program.text(parent.value) not in _STARTS:
            return False
        later = [n for n in program.nodes(cst.AugAssign, cst.Assign)
                 if n is not parent and program.line(n) > program.line(parent)]
        return any(isinstance(t, cst.Name) and t.value == name
                   for n in later for t in ([n.target] if isinstance(n, cst.AugAssign)
                                            else [a.target for a in n.targets]))

    def _starts(self, program: ProgramIndex, node: cst.CSTNode, parent: cst.Assign):
        name = parent.targets[0].target.value
        start, end = program.span(parent.value)
        old = program.text(parent.value)
        for new in _STARTS[old]:
            yield self.edit(program, start, end, new, old=old, new=new,
                            role=f"start value of `{name}`", form="start")


@register
class WrongValueUsed(Injector):
    """A value one off where it is returned or used as a slice end (`return count - 1`
    for `return count`, `[:k + 1]` for `[:k]`)."""

    id = "wrong_value_used"
    error_class = LOGICAL
    label = "a value one off where it is returned or used"
    why = ("Novices adjust a result by one \"to be safe\" or because they count from 1 "
           "while Python counts from 0, without checking the value the task asks for.")
    examples = (
        Example("def count_even(values):\n    count = 0\n    for v in values:\n"
                "        if v % 2 == 0:\n            count += 1\n    return count\n"
                "print(count_even([2, 3, 4]))\n",
                "def count_even(values):\n    count = 0\n    for v in values:\n"
                "        if v % 2 == 0:\n            count += 1\n    return count - 1\n"
                "print(count_even([2, 3, 4]))\n", line=6),
        Example("def first(items, k):\n    return items[:k]\nprint(first([5, 6, 7], 2))\n",
                "def first(items, k):\n    return items[:k + 1]\nprint(first([5, 6, 7], 2))\n",
                line=2),
    )
    no_site = "def f(s):\n    return s\nprint(f('a'))\n"

    def sites(self, program: ProgramIndex):
        for node in program.nodes(cst.Return):
            value = node.value
            if value is None or not _is_numeric(program, value) \
                    or isinstance(value, cst.Integer | cst.Float):
                continue
            text = program.text(value)
            if isinstance(value, cst.BinaryOperation):
                continue  # `a + b - 1` reads as a different formula, not a slip
            start, end = program.span(value)
            for sign, direction in (("+", "more"), ("-", "less")):
                yield self.edit(program, start, end, f"{text} {sign} 1", old=text,
                                new=f"{text} {sign} 1", direction=direction,
                                role="returned value", form="returned")
        for node in program.nodes(cst.Slice):
            if node.step is not None:
                continue
            yield from self._slice_bounds(program, node)

    def _slice_bounds(self, program: ProgramIndex, node: cst.Slice):
        """A slice bound one off both ways: `[:k + 1]` for `[:k]`, the adjustment left
        out (`[:month]` for `[:month - 1]`), a start from the end one short
        (`[-k + 1:]` for `[-k:]`)."""
        upper, lower = node.upper, node.lower
        if isinstance(upper, cst.Name) and lower is None:
            start, end = program.span(upper)
            text = upper.value
            yield self.edit(program, start, end, f"{text} + 1", old=text, new=f"{text} + 1",
                            direction="more", role="end of the slice", form="end_over")
        for bound, role in ((upper, "end of the slice"), (lower, "start of the slice")):
            if isinstance(bound, cst.BinaryOperation) and isinstance(bound.left, cst.Name) \
                    and isinstance(bound.operator, cst.Add | cst.Subtract) \
                    and isinstance(bound.right, cst.Integer) and bound.right.value == "1":
                start, end = program.span(bound)
                name = bound.left.value  # `[:month]` for `[:month - 1]`: one left out
                direction = "more" if isinstance(bound.operator, cst.Subtract) else "less"
                yield self.edit(program, start, end, name, old=program.text(bound),
                                new=name, direction=direction, role=role,
                                form="adjustment_dropped")
        if isinstance(lower, cst.UnaryOperation) and isinstance(lower.operator, cst.Minus) \
                and isinstance(lower.expression, cst.Name) and upper is None:
            start, end = program.span(lower)
            text = program.text(lower)  # `[-k + 1:]`: the last k items start one later
            yield self.edit(program, start, end, f"{text} + 1", old=text, new=f"{text} + 1",
                            direction="more", role="start of the slice",
                            form="start_from_end")


# What a function returns when it has nothing to give, as students write it instead.
_EMPTY_RETURNS = {"0": ("None", ""), "[]": ("None",), "-1": ("0",), '""': ("None",),
                  "''": ("None",)}


def _range_loop_names(function: cst.FunctionDef) -> set[str]:
    found = set()
    for node in _walk(function.body):
        if isinstance(node, cst.For) and isinstance(node.target, cst.Name) \
                and _callee_name(node.iter) == "range":
            found.add(node.target.value)
    return found


def _never_empty(program: ProgramIndex, before: list[cst.CSTNode]) -> bool:
    """The task says its sequence is never empty, or a statement before the loop ends
    the function for an empty one (`if not items: return ...`): so the loop runs and
    its variable exists after it."""
    words = program.description.lower()
    if "non-empty" in words or "not empty" in words or "at least one" in words:
        return True
    for statement in before:
        if isinstance(statement, cst.If) and statement.orelse is None \
                and isinstance(statement.body, cst.IndentedBlock) \
                and isinstance(statement.body.body[-1], cst.SimpleStatementLine) \
                and isinstance(statement.body.body[-1].body[-1], cst.Return | cst.Raise) \
                and _about_emptiness(statement.test):
            return True
    return False


def _about_emptiness(test: cst.CSTNode) -> bool:
    """`not items`, or a comparison of `len(items)` (`len(items) == 0`, `< 1`)."""
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        return isinstance(test.expression, cst.Name)
    return isinstance(test, cst.Comparison) and _callee_name(test.left) == "len"


_SMALL = ["1", "2", "3", "5"]  # the sizes of a task's examples ("the top 3", "first 5")


def _example_numbers(program: ProgramIndex, function: cst.FunctionDef) -> dict[str, list[str]]:
    """parameter -> the whole numbers the program's own calls of the function give it."""
    params = [p.name.value for p in function.params.params]
    found: dict[str, list[str]] = {}
    for call in program.nodes(cst.Call):
        if _callee_name(call) != function.name.value:
            continue
        for param, arg in zip(params, call.args, strict=False):
            if arg.keyword is None and isinstance(arg.value, cst.Integer):
                found.setdefault(param, []).append(arg.value.value)
    return found


@register
class WrongReturnValue(Injector):
    """The wrong value returned: `None` for an empty result, an index one off, a
    parameter fixed to a number (`return None` for `return []`, `return items[:3]` for
    `return items[:k]`)."""

    id = "wrong_return_value"
    error_class = LOGICAL
    label = "the wrong value returned"
    why = ("Novices check that a function returns something, not that it returns what the "
           "task asks: `None` feels like \"nothing\", and the example's number feels like "
           "the answer.")
    examples = (
        Example("def evens(nums):\n    if not nums:\n        return []\n"
                "    return [n for n in nums if n % 2 == 0]\n\n\nprint(evens([]))\n",
                "def evens(nums):\n    if not nums:\n        return None\n"
                "    return [n for n in nums if n % 2 == 0]\n\n\nprint(evens([]))\n", line=3),
        Example("def first(items, k):\n    return items[:k]\n\n\nprint(first([5, 6, 7, 8], 2))\n",
                "def first(items, k):\n    return items[:3]\n\n\nprint(first([5, 6, 7, 8], 2))\n",
                line=2),
    )
    no_site = "def f():\n    print('x')\n\n\nf()\n"

    def sites(self, program: ProgramIndex):
        for function in program.nodes(cst.FunctionDef):
            counters = _range_loop_names(function)
            params = {p.name.value for p in function.params.params}
            examples = _example_numbers(program, function)
            for node in _walk(function.body):
                if isinstance(node, cst.FunctionDef):
                    break
                if isinstance(node, cst.Return) and node.value is not None:
                    yield from self._returns(program, node, counters)
                    yield from self._loop_index(program, function, node, counters)
                if isinstance(node, cst.Slice):
                    yield from self._fixed(program, node, params, examples)

    def _returns(self, program: ProgramIndex, node: cst.Return, counters: set[str]):
        value = node.value
        old = "".join(program.text(value).split())
        start, end = program.span(value)
        for new in _EMPTY_RETURNS.get(old, ()):
            if new == "":  # a bare `return`: the value and the space before it go
                start = program.span(node)[0] + len("return")
            yield self.edit(program, start, end, new, old=old, new=new or "return",
                            effect="the caller gets a different value for this case",
                            form="empty")
        if isinstance(value, cst.Name) and value.value in counters:
            new = f"{value.value} + 1"
            yield self.edit(program, start, end, new, old=value.value, new=new,
                            effect="the position is counted from 1, not 0", form="from_one")
        if isinstance(value, cst.BinaryOperation) and isinstance(value.left, cst.Name) \
                and value.left.value in counters and program.text(value.right) == "1":
            yield self.edit(program, start, end, value.left.value, old=program.text(value),
                            new=value.left.value, effect="the position is one off",
                            form="from_one")
        if _reversed_slice(value) and isinstance(value.value, cst.Name):
            name = value.value.value  # `return ordered` for `return ordered[::-1]`
            yield self.edit(program, start, end, name, old=program.text(value), new=name,
                            effect=f"`{name}` comes back in its own order, not reversed",
                            form="not_reversed")

    def _loop_index(self, program: ProgramIndex, function: cst.FunctionDef,
                    node: cst.Return, counters: set[str]):
        """`return i` after a `for i in range(..)` loop of the function's body, for the
        result it returns there (`return len(items)`, `return where`): the loop's last
        position instead."""
        body = list(function.body.body)
        line = program.parent(node)
        if line not in body or not isinstance(node.value, cst.Name | cst.Call) \
                or not _never_empty(program, body[:body.index(line)]):
            return
        if isinstance(node.value, cst.Call) and _callee_name(node.value) != "len":
            return
        for loop in body[:body.index(line)]:
            if isinstance(loop, cst.For) and isinstance(loop.target, cst.Name) \
                    and loop.target.value in counters \
                    and loop.target.value != program.text(node.value):
                index = loop.target.value
                start, end = program.span(node.value)
                yield self.edit(program, start, end, index, old=program.text(node.value),
                                new=index, form="loop_index",
                                effect=f"it gives the loop's last position `{index}`, "
                                       "not the result")

    def _fixed(self, program: ProgramIndex, node: cst.Slice, params: set[str],
               examples: dict[str, list[str]]):
        """A parameter in a slice bound replaced by a small number or the number of the
        program's own example call (`[:3]` or `[0:3]` for `[:k]`)."""
        for part in (node.lower, node.upper):
            names = [n for n in _walk(part)] if part is not None else []
            for name in names:
                if not isinstance(name, cst.Name) or name.value not in params:
                    continue
                start, end = program.span(name)
                numbers = list(dict.fromkeys(examples.get(name.value, []) + _SMALL))
                effect = f"the slice no longer depends on `{name.value}`"
                for number in numbers:
                    yield self.edit(program, start, end, number, old=name.value, new=number,
                                    effect=effect, form="fixed")
                if part is node.upper and node.lower is None and part is name:
                    colon = program.span(node)[0]  # `[0:3]`: a start written out too
                    for number in numbers:
                        new = f"0:{number}"
                        yield self.edit(program, colon, end, new, old=f":{name.value}",
                                        new=new, effect=effect, form="fixed_range")
