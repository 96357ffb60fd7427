"""Calls and methods: methods of the wrong type, results ignored, imports removed.

Each injector carries its golden examples; see docs/novice-mistakes.md."""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Assignment

from .base import LOGICAL, RUNTIME, Example, Injector, register
from .helpers import _accesses, _bound_value, _reads_input
from .kinds import _STR_METHODS, _is_text
from .program import ProgramIndex


@register
class MissingImport(Injector):
    """Import line deleted (`import math` removed, then `math.sqrt(x)` is used)."""

    id = "missing_import"
    error_class = RUNTIME
    why = ("Novices think modules such as math or random are always available, like print(); "
           "they do not realise that `import` is what makes the name exist.")
    examples = (
        Example("import math\n\nr = float(input())\nprint(math.pi * r ** 2)\n",
                "\nr = float(input())\nprint(math.pi * r ** 2)\n", stdin=(("2",),), line=1),
        Example("from math import sqrt\nprint(sqrt(16))\n", "print(sqrt(16))\n", line=1),
    )
    no_site = "import math\n\nprint(2 ** 0.5)\n"

    def sites(self, program: ProgramIndex):
        module_scope = program.scopes[program.module]
        for line_node in program.module.body:
            if not isinstance(line_node, cst.SimpleStatementLine) or len(line_node.body) != 1:
                continue
            statement = line_node.body[0]
            if not isinstance(statement, cst.Import | cst.ImportFrom):
                continue
            used = sorted(a.name for a in module_scope.assignments
                          if a.node is statement and a.references)
            if not used:
                continue
            start, end = program.line_span(program.line(line_node))
            yield self.edit(program, start, end, "", name=used[0],
                            statement=program.text(statement))


_TYPE_METHODS = frozenset(m for kind in (str, list, dict) for m in dir(kind)
                          if not m.startswith("_"))


def _text_variable(program: ProgramIndex, target: cst.Name) -> bool:
    """True when every value given to this variable (other than by `+=`) is text."""
    scope = program.scopes.get(target)
    bindings = list(scope.assignments[target.value]) if scope is not None else []
    found = False
    for assignment in bindings:
        kind, value = _bound_value(program, assignment)
        if kind == "aug":
            continue
        if kind != "assign" or not _is_text(program, value):
            return False
        found = True
    return found


def _describe(program: ProgramIndex, receiver: cst.CSTNode) -> str:
    if isinstance(receiver, cst.Name):
        return f"`{receiver.value}`"
    if isinstance(receiver, cst.SimpleString):
        return f"the string {receiver.value}"
    if _reads_input(receiver) or (isinstance(receiver, cst.Call)
                                  and isinstance(receiver.func, cst.Attribute)
                                  and receiver.func.attr.value in dir(str)):
        return "the string"
    return "the value"


@register
class WrongMethodForType(Injector):
    """Method the type does not have (`word.append(c)` for `word += c`; `.Upper()`).

    Two forms: a list method used on a text accumulator, or a method name capitalised."""

    id = "wrong_method_for_type"
    error_class = RUNTIME
    why = ("Novices treat methods as general commands that work on any value and in any "
           "spelling; they do not yet know that each type has its own exact set of methods.")
    examples = (
        Example('word = ""\nfor ch in "abc":\n    word += ch.upper()\nprint(word)\n',
                'word = ""\nfor ch in "abc":\n    word.append(ch.upper())\nprint(word)\n',
                line=3),
        Example('name = input()\nprint(name.upper())\n', 'name = input()\nprint(name.Upper())\n',
                stdin=(("ann",),), line=2),
    )
    no_site = 'import math\n\ntotal = 0\ntotal += 2\nprint(math.sqrt(total))\n'

    def sites(self, program: ProgramIndex):
        for node in program.nodes(cst.AugAssign):
            if not isinstance(node.operator, cst.AddAssign) \
                    or not isinstance(node.target, cst.Name) \
                    or not _text_variable(program, node.target):
                continue
            name = node.target.value
            start, end = program.span(node)
            yield self.edit(program, start, end, f"{name}.append({program.text(node.value)})",
                            receiver=f"`{name}`", wrong="append",
                            reason=f"`{name}` holds text, and `append` belongs to lists")
        reads = _accesses(program)
        for call in program.nodes(cst.Call):
            if not isinstance(call.func, cst.Attribute):
                continue
            method = call.func.attr.value
            receiver = call.func.value
            if method not in _TYPE_METHODS or not method[0].islower():
                continue
            if isinstance(receiver, cst.Name) and not all(
                    isinstance(a, Assignment) and not isinstance(a.node, cst.Import
                                                                 | cst.ImportFrom)
                    for a in (reads[receiver].referents if receiver in reads else ())):
                continue  # a module (`random.choice`) or a builtin name
            wrong = method[0].upper() + method[1:]
            start, end = program.span(call.func.attr)
            yield self.edit(program, start, end, wrong, receiver=_describe(program, receiver),
                            wrong=wrong, reason="Python's method names are case-sensitive, "
                                                f"and this one is spelt `{method}`")


def _receiver(node: cst.CSTNode) -> cst.CSTNode:
    """The object at the start of a chain of method calls: `name` in name.strip().lower()."""
    while isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        node = node.func.value
    return node


@register
class IgnoredReturnValue(Injector):
    """The result of a string method thrown away (`name.upper()` for `name = name.upper()`)."""

    id = "ignored_return_value"
    error_class = LOGICAL
    why = ("Novices expect `name.upper()` to change `name` itself, the way `list.append` "
           "changes a list, not knowing that strings never change.")
    examples = (
        Example('name = input()\nname = name.upper()\nprint("Hi", name)\n',
                'name = input()\nname.upper()\nprint("Hi", name)\n', stdin=(("ann",),),
                line=2),
    )
    no_site = 'name = input()\nshout = name.upper()\nprint(shout)\n'

    def sites(self, program: ProgramIndex):
        for node in program.nodes(cst.Assign):
            if len(node.targets) != 1 or not isinstance(node.targets[0].target, cst.Name):
                continue
            value = node.value
            if not (isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute)
                    and value.func.attr.value in _STR_METHODS):
                continue
            name = node.targets[0].target.value
            base = _receiver(value)
            if not isinstance(base, cst.Name) or base.value != name:
                continue
            start = program.span(node)[0]
            end = program.span(value)[0]
            yield self.edit(program, start, end, "", name=name, call=program.text(value),
                            method=value.func.attr.value)


# Built-in functions whose call a novice writes with square brackets, as for an index.
_BRACKETED = frozenset({"len", "int", "float", "str", "sum", "max", "min", "abs", "round",
                        "sorted", "range"})  # not `list`: `list[int]` is valid


# List methods of one argument that a student calls on a list of their own.
_ONE_ARGUMENT_METHODS = frozenset({"append", "remove", "extend", "count", "index"})


@register
class BracketsForCall(Injector):
    """Square brackets for a function call, or a dot for a method's brackets
    (`len[items]` for `len(items)`, `out.append[w]` or `out.append.w` for
    `out.append(w)`)."""

    id = "brackets_for_call"
    error_class = RUNTIME
    label = "square brackets where a function call needs round ones"
    why = ("Novices meet `items[0]` and `len(items)` in the same week and do not yet "
           "separate indexing from calling; both \"take something of items\".")
    examples = (
        Example("items = ['a', 'b']\nprint(len(items))\n", "items = ['a', 'b']\nprint(len[items])\n",
                line=2),
        Example("out = []\nfor w in ['a', 'b']:\n    out.append(w)\nprint(out)\n",
                "out = []\nfor w in ['a', 'b']:\n    out.append[w]\nprint(out)\n", line=3),
        Example("out = []\nfor w in ['a', 'b']:\n    out.append(w)\nprint(out)\n",
                "out = []\nfor w in ['a', 'b']:\n    out.append.w\nprint(out)\n", line=3),
    )
    no_site = "items = ['a']\nprint(items[0])\n"

    def sites(self, program: ProgramIndex):
        for node in program.nodes(cst.Call):
            func = node.func
            if isinstance(func, cst.Name):
                if func.value not in _BRACKETED or func.value in program.assigned_names:
                    continue
                form = "function"
            elif isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) \
                    and func.attr.value in _ONE_ARGUMENT_METHODS:
                form = "method"
            else:
                continue
            if len(node.args) != 1 or node.args[0].keyword is not None or node.args[0].star:
                continue
            start, end = program.span(node)
            value = node.args[0].value
            inner, name = program.text(value), program.text(func)
            if program.source[program.span(func)[1]:end] != f"({inner})":
                continue  # spaces or comments inside the brackets: leave them alone
            yield self.edit(program, start, end, f"{name}[{inner}]", old=program.text(node),
                            new=f"{name}[{inner}]", name=name, callee=name, form="brackets")
            if form == "method" and isinstance(value, cst.Name):  # `out.append.w`
                new = f"{name}.{inner}"
                yield self.edit(program, start, end, new, old=program.text(node), new=new,
                                method=name, attr=inner, callee=name, form="dot")
