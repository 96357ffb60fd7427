"""Functions: arguments, returns, globals and the None a function gives back.

Each injector carries its golden examples; see docs/novice-mistakes.md."""

from __future__ import annotations

import builtins
import keyword

import libcst as cst
from libcst.metadata import Access, GlobalScope

from .base import LOGICAL, RUNTIME, Example, Injector, register
from .guards import emptiness_tested, turns_away_non_digits
from .helpers import (
    _ORDERING,
    _accesses,
    _binding,
    _call_name,
    _function_of,
    _only_shown,
    _single_target,
    _some_use,
    _user_function,
    _value_used,
    _walk,
    _within,
)
from .loop_exits import only_way_on
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


_WRAPPERS = (cst.SimpleStatementLine, cst.SimpleStatementSuite, cst.IndentedBlock)


def _turns_away_non_digits(program: ProgramIndex, ret: cst.Return) -> bool:
    """`if not s.isdigit(): return -1`: printed, the text goes on to `int()`."""
    branch = program.parent(program.parent(program.statement_of(ret)))
    return isinstance(branch, cst.If) and turns_away_non_digits(program, branch.test)


def _falls_into_a_read(program: ProgramIndex, ret: cst.Return) -> bool:
    """`if not items: return []` followed in the function by `items[0]` or `items.pop()`:
    the guard that keeps an empty value away from them. With `print` the function goes
    on past it, and the read raises (an IndexError) rather than giving a wrong value."""
    branch = next((a for a in program.ancestors(ret) if not isinstance(a, _WRAPPERS)), None)
    name = emptiness_tested(branch.test) if isinstance(branch, cst.If) else None
    if name is None:
        return False
    function = next((a for a in program.ancestors(branch) if isinstance(a, cst.FunctionDef)),
                    None)
    after = program.span(branch)[1]
    return function is not None and any(
        function in program.ancestors(n) and program.span(n)[0] >= after and (
            isinstance(n, cst.Subscript) and isinstance(n.value, cst.Name)
            and n.value.value == name and any(isinstance(e.slice, cst.Index) for e in n.slice)
            or isinstance(n, cst.Call) and program.text(n.func) == f"{name}.pop")
        for n in program.nodes(cst.Subscript, cst.Call))


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
            if not all(_only_shown(program, c) for c in calls):
                continue  # no call at all: the task calls it and checks what it returns
            for node in _walk(function.body):
                if isinstance(node, cst.FunctionDef):
                    break
                if isinstance(node, cst.Return) and node.value is not None:
                    if _falls_into_a_read(program, node) or only_way_on(program, node) \
                            or _turns_away_non_digits(program, node):
                        continue  # printed, the empty value reaches `items[0]` or the
                        # text `int()`: a crash; or a `while` goes round for ever
                    value = program.text(node.value)
                    start, end = program.span(node)
                    yield self.edit(program, start, end, f"print({value})", value=value,
                                    function=name)


_BUILTIN_NAMES = frozenset(dir(builtins))
# Names students give the same value when they rewrite a def line from the task's words.
_SYNONYMS = {
    "items": ("lst", "list1", "item"), "lst": ("items", "list1"), "values": ("nums", "items"),
    "numbers": ("nums", "lst"), "nums": ("numbers", "lst"), "day": ("date", "d"),
    "date": ("day", "d"), "char": ("letter", "ch"), "letter": ("char", "ch"),
    "ch": ("char", "letter"), "n": ("length", "num", "number"), "k": ("n", "count"),
    "num": ("n", "number"), "number": ("num", "n"), "word": ("words", "w"),
    "words": ("word", "lst"), "text": ("string", "s"), "s": ("string", "text"),
    "string": ("s", "text"), "target": ("value", "item"), "value": ("item", "val"),
    "name": ("names", "person"), "names": ("name", "lst"), "month": ("m", "months"),
    "year": ("y", "years"), "records": ("record", "people"), "people": ("person", "records"),
    "scores": ("score", "marks"), "marks": ("mark", "scores"), "limit": ("max", "n"),
}


# Parameter names that say only "a collection": students rename them to what the task
# says it holds (`def shout(words)` for `def shout(lst)`).
_GENERIC = frozenset({"lst", "l", "items", "values", "seq", "data", "xs", "arr", "lst1",
                      "list1", "a", "elements", "sequence", "collection"})
# Words before the noun that names what a collection holds ("the words", "of scores").
_BEFORE_NOUN = frozenset({"the", "of", "many", "all", "its", "their", "two"})
_NOT_NOUNS = frozenset({"returns", "gives", "holds", "contains", "appears", "occurs",
                        "comes", "falls", "its", "this", "does", "has", "was", "is", "as"})


def _task_words(description: str, param: str) -> list[str]:
    """Words of the task a student could rename `param` to: a longer word it abbreviates
    (`month` for `m`, `number` for `num`), or for a generic name (`lst`, `items`) the
    plural noun that says what the collection holds ("the words of a list")."""
    words = [w.strip(".,;:()'\"!?").lower() for w in description.split()]
    found = [w for w in words if w.isidentifier() and len(w) > len(param) >= 1
             and w.startswith(param) and len(param) <= 3 and w not in _NOT_NOUNS]
    if param in _GENERIC:
        found += [w for before, w in zip(words, words[1:], strict=False)
                  if before in _BEFORE_NOUN and w.isidentifier() and len(w) >= 4
                  and w.endswith("s") and not w.endswith("ss") and w not in _NOT_NOUNS
                  and w != param]
    return list(dict.fromkeys(w for w in found if not keyword.iskeyword(w)))


@register
class RenamedParameter(Injector):
    """A parameter renamed in the `def` line only (`def f(date, month)` for
    `def f(day, month)` while the body still says `day`)."""

    id = "renamed_parameter"
    error_class = RUNTIME
    label = "a parameter renamed in the def line only"
    why = ("Novices see a parameter as a label for the task's idea (a date, a list) and "
           "rename it to match the task's words, not knowing the body must use the same "
           "name.")
    examples = (
        Example("def day_number(day, month):\n    return (month - 1) * 30 + day\n\n\n"
                "print(day_number(5, 2))\n",
                "def day_number(date, month):\n    return (month - 1) * 30 + day\n\n\n"
                "print(day_number(5, 2))\n", line=1),
    )
    no_site = "def show():\n    print('hi')\n\n\nshow()\n"

    def sites(self, program: ProgramIndex):
        taken = program.assigned_names | _BUILTIN_NAMES  # a global would hide the error
        described = set(program.description.lower().replace(",", " ").replace(".", " ")
                        .split())
        module_names = {a.name for scope in set(program.scopes.values())
                        if isinstance(scope, GlobalScope) for a in scope.assignments}
        for function in program.nodes(cst.FunctionDef):
            for param in function.params.params:
                old = param.name.value
                if old in module_names:
                    continue  # the body would read the program's own `old`: no error
                used = any(n.value == old and _function_of(program, n) is function
                           and program.parent(n) is not param
                           for n in program.nodes(cst.Name))
                if not used:
                    continue
                names = sorted(_SYNONYMS.get(old, ()), key=lambda n: n not in described)
                names = list(dict.fromkeys(_task_words(program.description, old) + names))
                start, end = program.span(param.name)
                for new in [n for n in names if n not in taken and n != old][:3]:
                    yield self.edit(program, start, end, new, old=old, new=new,
                                    function=function.name.value,
                                    form="task_word" if new in described else "synonym")
