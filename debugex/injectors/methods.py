"""Calls and methods: a method named but not called, the result of an in-place method
stored, the wrong function or method chosen.

Each injector carries its golden examples; see docs/novice-mistakes.md.
"""

from __future__ import annotations

import libcst as cst

from .base import LOGICAL, RUNTIME, Example, Injector, register
from .helpers import (
    _accesses,
    _callee_name,
    _in_part,
    _inside_guarded,
    _names_in,
    _only_shown,
    _reads_input,
    _reversed_slice,
    _test_steers_input,
    _walk,
    guards_raise,
)
from .kinds import _holds_text
from .lists import _text_like
from .program import ProgramIndex

# List methods that change the list in place and return None.
_IN_PLACE = frozenset({"append", "extend", "sort", "reverse", "insert", "remove", "clear"})


def _method_call(node: cst.CSTNode) -> tuple[str, str] | None:
    """(receiver name, method) for `name.method(...)`."""
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) \
            and isinstance(node.func.value, cst.Name):
        return node.func.value.value, node.func.attr.value
    return None


def _statement_call(program: ProgramIndex, node: cst.Call) -> bool:
    """The call is a whole statement of its own line (`items.sort()`)."""
    parent = program.parent(node)
    return isinstance(parent, cst.Expr) and isinstance(program.parent(parent),
                                                        cst.SimpleStatementLine)


_SORT_WORDS = ("sort", "increasing", "decreasing", "ascending", "descending",
               "alphabetical", "smallest first", "largest first", "highest first",
               "lowest first")


def _builds_list(function: cst.FunctionDef, name: str) -> bool:
    """The function assigns `name` a new list (`[]`, a copy, `list(..)`, `sorted(..)`)."""
    for node in _walk(function.body):
        if isinstance(node, cst.Assign) and len(node.targets) == 1 \
                and isinstance(node.targets[0].target, cst.Name) \
                and node.targets[0].target.value == name:
            value = node.value
            if isinstance(value, cst.List | cst.ListComp) or _callee_name(value) in (
                    "list", "sorted") or (isinstance(value, cst.Subscript)
                                          and _is_slice(value)):
                return True
    return False


def _is_slice(node: cst.Subscript) -> bool:
    """`x[:]` or another slice: a new list."""
    return len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Slice)


@register
class MethodNotCalled(Injector):
    """A method named but not called (`values.sort` for `values.sort()`)."""

    id = "method_not_called"
    error_class = LOGICAL
    label = "a method named but not called (brackets left off)"
    why = ("Novices read `values.sort` as the action itself, not as the name of an action "
           "that still has to be called with brackets.")
    examples = (
        Example("values = [3, 1, 2]\nvalues.sort()\nprint(values)\n",
                "values = [3, 1, 2]\nvalues.sort\nprint(values)\n", line=2),
    )
    no_site = "values = [3, 1, 2]\nprint(sorted(values))\n"

    def sites(self, program: ProgramIndex):
        for node in program.nodes(cst.Call):
            found = _method_call(node)
            if found is None or node.args or not _statement_call(program, node) \
                    or found[1] not in _IN_PLACE:
                continue
            receiver, method = found
            start, end = program.span(node)
            name_end = program.span(node.func)[1]
            effect = f"list `{receiver}` is never {self._DONE.get(method, 'changed')}"
            yield self.edit(program, name_end, end, "", old=program.text(node),
                            new=program.text(node.func), receiver=receiver, effect=effect,
                            form="statement")
            returned = self._returned_after(program, node, receiver)
            if returned is not None:  # `return items.reverse`: the method, not the list
                at = program.span(returned)[1]
                yield self.edit(program, at, at, f".{method}", old=f"return {receiver}",
                                new=f"return {receiver}.{method}", receiver=receiver,
                                effect="function returns the method itself, not the list",
                                form="returned")
        yield from self._returned_lists(program)

    def _returned_lists(self, program: ProgramIndex):
        """`return new.reverse` for `return new`, where the function builds the list `new`
        and the task (or the function's name) asks for an order: the method those words
        suggest, named as if it gave the ordered list."""
        for node in program.nodes(cst.Return):
            value = node.value
            function = next((a for a in program.ancestors(node)
                             if isinstance(a, cst.FunctionDef)), None)
            if function is None or not isinstance(value, cst.Name) \
                    or not _builds_list(function, value.value) \
                    or not all(_only_shown(program, c) for c in program.nodes(cst.Call)
                               if _callee_name(c) == function.name.value):
                continue  # a caller that uses the list would crash on the method
            words = f"{program.description} {function.name.value}".lower().replace("_", " ")
            methods = [m for m, stems in (("reverse", ("revers", "backward")),
                                          ("sort", _SORT_WORDS))
                       if any(stem in words for stem in stems)]
            at = program.span(value)[1]
            for method in methods:
                yield self.edit(program, at, at, f".{method}", old=f"return {value.value}",
                                new=f"return {value.value}.{method}", receiver=value.value,
                                effect="function returns the method itself, not the list",
                                form="returned")

    @staticmethod
    def _returned_after(program: ProgramIndex, call: cst.Call, receiver: str):
        """The `receiver` of the `return receiver` that follows the call in its block."""
        line = program.parent(program.parent(call))
        block = program.parent(line)
        body = list(getattr(block, "body", ()))
        if line not in body or body.index(line) + 1 >= len(body):
            return None
        following = body[body.index(line) + 1]
        if isinstance(following, cst.SimpleStatementLine) and len(following.body) == 1 \
                and isinstance(following.body[0], cst.Return) \
                and isinstance(following.body[0].value, cst.Name) \
                and following.body[0].value.value == receiver:
            return following.body[0].value
        return None

    _DONE = {"sort": "sorted", "reverse": "reversed", "clear": "emptied"}


@register
class InPlaceResultAssigned(Injector):
    """The result of an in-place list method stored back (`items = items.append(x)`)."""

    id = "inplace_result_assigned"
    error_class = RUNTIME
    label = "the None result of an in-place list method stored in the list's name"
    why = ("String methods return a new string that must be stored (`s = s.upper()`), so "
           "novices store the result of list methods too, not knowing they return None.")
    examples = (
        Example("items = []\nfor w in ['a', 'b']:\n    items.append(w)\nprint(len(items))\n",
                "items = []\nfor w in ['a', 'b']:\n    items = items.append(w)\n"
                "print(len(items))\n", line=3),
    )
    no_site = "items = [1]\nprint(items.count(1))\n"

    def sites(self, program: ProgramIndex):
        for node in program.nodes(cst.Call):
            found = _method_call(node)
            if found is None or found[1] not in _IN_PLACE or not _statement_call(program,
                                                                                  node):
                continue
            receiver, method = found
            start = program.span(node)[0]
            yield self.edit(program, start, start, f"{receiver} = ", receiver=receiver,
                            method=method)


# Functions and methods a novice confuses, each with one of the same shape.
_CONFUSED = {
    "max": "min", "min": "max", "upper": "lower", "lower": "upper",
    "capitalize": "upper", "title": "capitalize", "append": "extend", "floor": "ceil",
    "ceil": "floor", "sum": "len", "isdigit": "isalpha", "isalpha": "isdigit",
    "startswith": "endswith", "endswith": "startswith", "lstrip": "rstrip",
    "rstrip": "lstrip",
}


_LAZY_CALLS = frozenset({"map", "filter", "zip", "enumerate", "reversed", "iter"})


def _lazy(node: cst.CSTNode) -> bool:
    """A generator or iterator, which has no len()."""
    return isinstance(node, cst.GeneratorExp) or (
        isinstance(node, cst.Call) and _callee_name(node) in _LAZY_CALLS)


@register
class WrongFunction(Injector):
    """The wrong function or method of a similar kind (`min` for `max`, `lower` for
    `upper`, `extend` for `append`)."""

    id = "wrong_function"
    error_class = LOGICAL
    label = "the wrong function or method of a similar kind"
    why = ("Functions and methods with related jobs (max and min, upper and capitalize, "
           "append and extend) are learnt together and recalled by a vague idea of what "
           "they do, so novices pick the neighbour.")
    examples = (
        Example("marks = [4, 9, 7]\nprint('Best:', max(marks))\n",
                "marks = [4, 9, 7]\nprint('Best:', min(marks))\n", line=2),
        Example("name = input()\nprint(name.upper())\n", "name = input()\nprint(name.lower())\n",
                stdin=(("Ann",),), line=2),
    )
    no_site = "print(abs(-3))\n"

    _DOES = {
        "max": "gives the largest value", "min": "gives the smallest value",
        "upper": "turns every letter into a capital",
        "lower": "turns every letter into a small letter",
        "capitalize": "makes only the first letter a capital and the rest small",
        "title": "starts every word with a capital",
        "append": "adds its argument as one new item",
        "extend": "adds each item of its argument separately (each letter of a string)",
        "floor": "rounds down", "ceil": "rounds up", "sum": "adds the items up",
        "len": "counts the items", "isdigit": "checks for digits",
        "isalpha": "checks for letters", "startswith": "checks the start of the text",
        "endswith": "checks the end of the text", "lstrip": "removes spaces on the left",
        "rstrip": "removes spaces on the right",
    }

    def sites(self, program: ProgramIndex):
        yield from self._in_place_for_copy(program)
        reads = _accesses(program)
        tested = {name for test in program.nodes(cst.If, cst.While)
                  for name in _names_in(test.test)}
        for node in program.nodes(cst.Call):
            func = node.func
            name_node = func.attr if isinstance(func, cst.Attribute) else func
            if not isinstance(name_node, cst.Name) or name_node.value not in _CONFUSED:
                continue
            old = name_node.value
            if isinstance(func, cst.Name) and old in program.assigned_names:
                continue  # the program's own function of that name
            if isinstance(func, cst.Attribute) and old in ("floor", "ceil") and not (
                    isinstance(func.value, cst.Name) and func.value.value == "math"):
                continue
            if _in_part(program, node, cst.While, "test") or _test_steers_input(program, node) \
                    or _inside_guarded(program, node) \
                    or self._normalises_input(program, node, tested):
                continue
            if old == "append" and not (node.args and _holds_text(program, node.args[0].value,
                                                                  reads)):
                continue  # extend with a number raises; with text it adds each letter
            if old == "sum" and node.args and _lazy(node.args[0].value):
                continue  # len() of a generator raises TypeError: a crash, not a count
            if guards_raise(program, node):
                continue  # a check that raises on bad input would raise on good input
            new = _CONFUSED[old]
            start, end = program.span(name_node)
            yield self.edit(program, start, end, new, old=old, new=new,
                            what="method" if isinstance(func, cst.Attribute) else "function",
                            does=self._DOES[new], should=self._DOES[old], form="similar")

    def _in_place_for_copy(self, program: ProgramIndex):
        """`return list.reverse(x)` or `return x.reverse()` for `return x[::-1]`, and
        `return x.sort()` for `return sorted(x)`: the in-place method, which gives back
        None, where the task needs the new list (never for text, which has no such
        methods: a crash, not a wrong list)."""
        reads = _accesses(program)
        for node in program.nodes(cst.Return):
            value = node.value
            if _reversed_slice(value) and isinstance(value.value, cst.Name) \
                    and not _text_like(program, value.value, reads):
                name = value.value.value
                news = [f"list.reverse({name})", f"{name}.reverse()"]
                should = "gives back a reversed copy"
                does = "reverses the list where it is and gives back None"
            elif _callee_name(value) == "sorted" and len(value.args) == 1 \
                    and isinstance(value.args[0].value, cst.Name):
                name = value.args[0].value.value
                news = [f"{name}.sort()"]
                should = "gives back a sorted copy"
                does = "sorts the list where it is and gives back None"
            else:
                continue
            start, end = program.span(value)
            for new in news:
                yield self.edit(program, start, end, new, old=program.text(value), new=new,
                                what="method", does=does, should=should,
                                form="in_place_for_copy")

    @staticmethod
    def _normalises_input(program: ProgramIndex, node: cst.Call, tested: set[str]) -> bool:
        """`answer = input().strip().lower()` or `word = word.lower()` feeding a test:
        changing the case decides which branch or how many inputs are read."""
        chain: cst.CSTNode = node
        while isinstance(chain, cst.Call) and isinstance(chain.func, cst.Attribute):
            chain = chain.func.value
        if _reads_input(chain):
            return True
        statement = program.statement_of(node)
        if isinstance(statement, cst.SimpleStatementLine) and isinstance(
                statement.body[0], cst.Assign):
            targets = {n for t in statement.body[0].targets for n in _names_in(t.target)}
            return bool(targets & tested)
        return False
