"""Functions: arguments, returns, globals and the None a function gives back.

Each injector carries its golden examples; see docs/novice-mistakes.md."""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Access

from .base import LOGICAL, RUNTIME, Example, Injector, register
from .helpers import (
    _ORDERING,
    _accesses,
    _binding,
    _call_name,
    _callee_name,
    _function_of,
    _single_target,
    _some_use,
    _user_function,
    _value_used,
    _walk,
    _within,
)
from .program import ProgramIndex


@register
class WrongArgumentCount(Injector):
    """A function called with an argument missing (`greet()` for `greet(name)`)."""

    id = "wrong_argument_count"
    error_class = RUNTIME
    why = ("Novices do not yet connect the parameters in a function's definition with the "
           "values a call must pass, one for each parameter, in order.")
    examples = (
        Example('def greet(name):\n    print("Hello", name)\n\n\ngreet("Ann")\n',
                'def greet(name):\n    print("Hello", name)\n\n\ngreet()\n', line=5),
        Example('def area(w, h):\n    return w * h\n\n\nprint(area(3, 4))\n',
                'def area(w, h):\n    return w * h\n\n\nprint(area(3))\n', line=5),
    )
    no_site = 'def show(x=1):\n    print(x)\n\n\nshow(2)\nprint(len("ab"))\n'

    def sites(self, program: ProgramIndex):
        reads = _accesses(program)
        for call in program.nodes(cst.Call):
            function = _user_function(program, call, reads)
            if function is None or not call.args:
                continue
            params = function.params
            if isinstance(params.star_arg, cst.Param | cst.ParamStar) or params.kwonly_params \
                    or params.star_kwarg is not None or params.posonly_params \
                    or any(p.default is not None for p in params.params):
                continue
            if any(a.keyword is not None or a.star for a in call.args) \
                    or len(call.args) != len(params.params):
                continue
            end = program.span(call.args[-1].value)[1]
            start = (program.span(call.args[-2].value)[1] if len(call.args) > 1
                     else program.span(call.args[-1].value)[0])
            yield self.edit(program, start, end, "", func=function.name.value,
                            missing=params.params[-1].name.value,
                            expected=len(params.params), given=len(params.params) - 1)


_VALUE_ARGUMENTS = frozenset({"round", "len", "int", "float", "sum", "max", "min", "sorted",
                              "range", "abs", "list"})


def _needs_value(program: ProgramIndex, node: cst.CSTNode,
                 reads: dict[cst.CSTNode, Access]) -> bool:
    """True when this use of a value raises a TypeError if the value is None."""
    parent = program.parent(node)
    if isinstance(parent, cst.BinaryOperation | cst.AugAssign):
        return True
    if isinstance(parent, cst.UnaryOperation):
        return isinstance(parent.operator, cst.Minus | cst.Plus)
    if isinstance(parent, cst.Comparison) and parent.left is node:
        return isinstance(parent.comparisons[0].operator, _ORDERING)
    if isinstance(parent, cst.ComparisonTarget):
        return isinstance(parent.operator, (*_ORDERING, cst.In, cst.NotIn))
    if isinstance(parent, cst.Subscript):
        return parent.value is node
    if isinstance(parent, cst.For):
        return parent.iter is node
    if isinstance(parent, cst.FormattedStringExpression):
        return parent.format_spec is not None
    if isinstance(parent, cst.Arg) and not parent.keyword:
        call = program.parent(parent)
        return _call_name(call) in _VALUE_ARGUMENTS or (
            isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute)
            and call.func.attr.value == "join")
    return False


def _method_receiver(program: ProgramIndex, node: cst.CSTNode,
                     reads: dict[cst.CSTNode, Access]) -> bool:
    parent = program.parent(node)
    return isinstance(parent, cst.Attribute) and parent.value is node


@register
class NoneResultUsed(Injector):
    """Result printed instead of returned, then used (`print(w * h)` for `return w * h`).

    Also `y = x.sort()` for `y = sorted(x)`: the None that comes back is used."""

    id = "none_result_used"
    error_class = RUNTIME
    why = ("Novices see a value appear on the screen and assume the function has produced "
           "it; they do not separate printing a result from returning it to the caller.")
    examples = (
        Example('def area(w, h):\n    return w * h\n\n\ntotal = area(2, 3) + area(1, 4)\n'
                'print(total)\n',
                'def area(w, h):\n    print(w * h)\n\n\ntotal = area(2, 3) + area(1, 4)\n'
                'print(total)\n', line=2),
        Example('nums = [3, 1, 2]\nordered = sorted(nums)\nprint(ordered[0])\n',
                'nums = [3, 1, 2]\nordered = nums.sort()\nprint(ordered[0])\n', line=2),
    )
    no_site = 'def show(x):\n    return x * 2\n\n\nprint(show(4))\n'

    def sites(self, program: ProgramIndex):
        reads = _accesses(program)
        for function in program.nodes(cst.FunctionDef):
            last = function.body.body[-1]
            if not isinstance(program.parent(function), cst.Module) \
                    or not isinstance(last, cst.SimpleStatementLine) \
                    or not isinstance(last.body[0], cst.Return) or last.body[0].value is None:
                continue
            binding = _binding(program, function)
            calls = [program.parent(a.node) for a in binding.references
                     if isinstance(program.parent(a.node), cst.Call)] if binding else []
            if not any(_value_used(program, c, reads, _needs_value, 0) for c in calls) \
                    or any(_value_used(program, c, reads, _method_receiver, 0) for c in calls):
                continue  # only printed (logical), or `None.upper()` (an AttributeError)
            result = last.body[0]
            start, end = program.span(result)
            name = function.name.value
            yield self.edit(program, start, end, f"print({program.text(result.value)})",
                            func=name,
                            cause=f"`{name}()` prints its result instead of returning it")
        for call in program.nodes(cst.Call):
            if _call_name(call) != "sorted" or len(call.args) != 1 or call.args[0].keyword \
                    or not isinstance(call.args[0].value, cst.Name | cst.List):
                continue
            target = _single_target(program, call)
            if target is None or not _some_use(program, _binding(program, target), reads,
                                               _needs_value):
                continue
            listed = program.text(call.args[0].value)
            start, end = program.span(call)
            yield self.edit(program, start, end, f"{listed}.sort()", func="sort",
                            cause=f"`{listed}.sort()` sorts the list in place and returns "
                                  "nothing")


@register
class UnboundLocal(Injector):
    """`global` removed from a function that changes the variable (`global count` deleted)."""

    id = "unbound_local"
    error_class = RUNTIME
    why = ("Novices expect a function to see and change the program's variables freely; "
           "they do not know that assigning inside a function makes the name local.")
    examples = (
        Example('count = 0\n\n\ndef add():\n    global count\n    count += 1\n\n\nadd()\n'
                'print(count)\n',
                'count = 0\n\n\ndef add():\n    count += 1\n\n\nadd()\nprint(count)\n', line=5),
    )
    no_site = 'count = 0\n\n\ndef show():\n    print(count)\n\n\nshow()\n'

    def sites(self, program: ProgramIndex):
        for node in program.nodes(cst.Global):
            function = _function_of(program, node)
            line_node = program.parent(node)
            if function is None or not isinstance(line_node, cst.SimpleStatementLine) \
                    or len(line_node.body) != 1:
                continue
            for item in node.names:
                name = item.name.value
                uses = sorted((n for n in program.nodes(cst.Name)
                               if n.value == name and _within(program, n, function.body)
                               and _function_of(program, n) is function
                               and not isinstance(program.parent(n), cst.NameItem)),
                              key=lambda n: program.span(n)[0])
                stores = [n for n in uses if isinstance(program.parent(n), cst.AssignTarget
                                                        | cst.AugAssign | cst.For)]
                if not stores or (uses[0] in stores
                                  and not isinstance(program.parent(uses[0]), cst.AugAssign)):
                    continue  # never assigned (global not needed), or assigned before read
                start, end = program.line_span(program.line(line_node))
                yield self.edit(program, start, end, "", name=name, func=function.name.value)
                break


@register
class PrintInsteadOfReturn(Injector):
    """The function prints its result instead of returning it (`print(w * h)`)."""

    id = "print_instead_of_return"
    error_class = LOGICAL
    why = ("Because both show the answer when a novice tries a function out, printing and "
           "returning look like the same thing.")
    examples = (
        Example("def area(w, h):\n    return w * h\n\n\nprint(area(3, 4))\n",
                "def area(w, h):\n    print(w * h)\n\n\nprint(area(3, 4))\n", line=2),
    )
    no_site = ("def area(w, h):\n    return w * h\n\n\ntotal = area(3, 4) + 1\n"
               "print(total)\n")

    def sites(self, program: ProgramIndex):
        for function in program.nodes(cst.FunctionDef):
            name = function.name.value
            calls = [c for c in program.nodes(cst.Call)
                     if isinstance(c.func, cst.Name) and c.func.value == name]
            if not calls or not all(self._shown(program, c) for c in calls):
                continue
            for node in _walk(function.body):
                if isinstance(node, cst.FunctionDef):
                    break
                if isinstance(node, cst.Return) and node.value is not None:
                    value = program.text(node.value)
                    start, end = program.span(node)
                    yield self.edit(program, start, end, f"print({value})", value=value,
                                    function=name)

    @staticmethod
    def _shown(program: ProgramIndex, call: cst.Call) -> bool:
        """Is the call's result only shown: a print() argument or a plain f-string field?"""
        parent = program.parent(call)
        if isinstance(parent, cst.Arg) and parent.keyword is None:
            return _callee_name(program.parent(parent)) == "print"
        return isinstance(parent, cst.FormattedStringExpression) \
            and parent.format_spec is None and parent.conversion is None
