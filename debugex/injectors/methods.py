"""Calls and methods: a method named but not called, the result of an in-place method
stored, the wrong function or method chosen.

Each injector carries its golden examples; see docs/novice-mistakes.md.
"""

from __future__ import annotations

import libcst as cst

from .base import LOGICAL, RUNTIME, Example, Injector, register
from .helpers import (
    _accesses,
    _in_part,
    _inside_guarded,
    _names_in,
    _reads_input,
    _test_steers_input,
)
from .kinds import _holds_text
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
            yield self.edit(program, name_end, end, "", old=program.text(node),
                            new=program.text(node.func), receiver=receiver,
                            effect=f"list `{receiver}` is never {self._DONE.get(method, 'changed')}")

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
            new = _CONFUSED[old]
            start, end = program.span(name_node)
            yield self.edit(program, start, end, new, old=old, new=new,
                            what="method" if isinstance(func, cst.Attribute) else "function",
                            does=self._DOES[new], should=self._DOES[old])

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
