"""Strings and text: text and names confused, f-prefix or commas missing, strings changed in place.

Each injector carries its golden examples; see docs/novice-mistakes.md."""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Access

from .base import LOGICAL, RUNTIME, Example, Injector, register
from .helpers import (
    _BUILTINS,
    _accesses,
    _binding,
    _call_name,
    _callee_name,
    _inside_guarded,
    _is_variable,
    _names_in,
    _single_target,
    _some_use,
)
from .kinds import _holds_text
from .program import ProgramIndex
from .tokens import _op_token


@register
class UnquotedString(Injector):
    """Quotes dropped round a one-word string (`print(Hello)` for `print("Hello")`)."""

    id = "unquoted_string"
    error_class = RUNTIME
    why = ("Novices do not yet see the difference between a piece of text and the name of a "
           "variable; the quotes are what tell Python which one is meant.")
    examples = (
        Example('answer = input("Colour? ")\nif answer == "red":\n    print("Stop")\n'
                'else:\n    print("Go")\n',
                'answer = input("Colour? ")\nif answer == red:\n    print("Stop")\n'
                'else:\n    print("Go")\n', stdin=(("red",), ("green",)), line=2),
        Example('print("Hello")\n', 'print(Hello)\n', line=1),
    )
    no_site = 'name = "Ann Lee"\nprint(name, "is here!")\nprint(f"{name}", name)\n'

    def sites(self, program: ProgramIndex):
        defined = program.assigned_names
        for node in program.nodes(cst.SimpleString):
            if node.prefix or len(node.quote) != 1:
                continue
            word = node.raw_value
            if not word.isidentifier() or program.is_keyword(word) or word in _BUILTINS \
                    or word in defined:
                continue
            if isinstance(program.parent(node), cst.ConcatenatedString | cst.Expr):
                continue  # implicit concatenation, docstrings
            start, end = program.span(node)
            yield self.edit(program, start, end, word, word=word, text=node.value)


def _stored_into(program: ProgramIndex, name: cst.CSTNode,
                 reads: dict[cst.CSTNode, Access]) -> bool:
    """True for `name[...] = ...` or `name[...] += ...`."""
    subscript = program.parent(name)
    if not isinstance(subscript, cst.Subscript) or subscript.value is not name:
        return False
    holder = program.parent(subscript)
    return isinstance(holder, cst.AssignTarget) or (isinstance(holder, cst.AugAssign)
                                                    and holder.target is subscript)


@register
class ModifyStringInPlace(Injector):
    """String changed in place like a list (`shown = "_" * n` for `shown = list("_" * n)`).

    The later `shown[i] = c` then assigns to a character of a string."""

    id = "modify_string_in_place"
    error_class = RUNTIME
    why = ("Novices learn that strings can be indexed like lists and assume they can also be "
           "changed like lists, one position at a time.")
    examples = (
        Example('word = input()\nletters = list(word)\nletters[0] = letters[0].upper()\n'
                'print("".join(letters))\n',
                'word = input()\nletters = word\nletters[0] = letters[0].upper()\n'
                'print("".join(letters))\n', stdin=(("cat",),), line=2),
        Example('n = 3\nshown = list("_" * n)\nfor i in range(n):\n    shown[i] = "*"\n'
                '    print("".join(shown))\n',
                'n = 3\nshown = "_" * n\nfor i in range(n):\n    shown[i] = "*"\n'
                '    print("".join(shown))\n', line=2),
    )
    no_site = 'word = "cat"\nletters = list(word)\nprint(letters)\nword = "b" + word[1:]\n'

    def sites(self, program: ProgramIndex):
        reads = _accesses(program)
        for call in program.nodes(cst.Call):
            if _call_name(call) != "list" or len(call.args) != 1 or call.args[0].keyword:
                continue
            argument = call.args[0].value
            target = _single_target(program, call)
            binding = _binding(program, target) if target is not None else None
            if binding is None or not _holds_text(program, argument, reads):
                continue  # list(range(...)), a copy of a list...
            if not _some_use(program, binding, reads, _stored_into):
                continue  # the list is only read: a string would behave the same
            start, end = program.span(call)
            yield self.edit(program, start, end, program.text(argument), name=target.value,
                            source=f"`{program.text(argument)}`")


@register
class MissingFPrefix(Injector):
    """The `f` left off an f-string (`"Hi {name}"` for `f"Hi {name}"`)."""

    id = "missing_f_prefix"
    error_class = LOGICAL
    why = ("The single letter before the quote is easy to overlook, and novices think the "
           "braces themselves are what inserts a value.")
    examples = (
        Example('name = input("Name: ")\nprint(f"Hello {name}!")\n',
                'name = input("Name: ")\nprint("Hello {name}!")\n', stdin=(("Ann",),),
                line=2),
    )
    no_site = 'print("Hello {name}!")\n'

    def sites(self, program: ProgramIndex):
        for node in program.nodes(cst.FormattedString):
            expressions = [p for p in node.parts
                           if isinstance(p, cst.FormattedStringExpression)]
            if not expressions or "f" not in node.prefix.lower():
                continue
            start = program.span(node)[0] + node.prefix.lower().index("f")
            expr = program.text(expressions[0].expression)
            yield self.edit(program, start, start + 1, "", expr=expr)


@register
class QuotedVariable(Injector):
    """A variable name written inside quotes (`print("total")` for `print(total)`)."""

    id = "quoted_variable"
    error_class = LOGICAL
    why = ("Novices mix up a variable's name with its value: text in quotes is used "
           "literally, while a bare name is looked up.")
    examples = (
        Example("total = 3 + 4\nprint(total)\n", 'total = 3 + 4\nprint("total")\n', line=2),
        Example('name = input()\nprint("Hi " + name)\n',
                'name = input()\nprint("Hi " + "name")\n', stdin=(("Bo",),), line=2),
    )
    no_site = "def show():\n    print(len)\n\n\nshow()\n"

    def sites(self, program: ProgramIndex):
        for name in program.nodes(cst.Name):
            parent = program.parent(name)
            if isinstance(parent, cst.Arg) and parent.keyword is None and not parent.star:
                call = program.parent(parent)
                if _callee_name(call) not in ("print", "str"):
                    continue
            elif isinstance(parent, cst.BinaryOperation) and isinstance(parent.operator,
                                                                         cst.Add):
                other = parent.right if parent.left is name else parent.left
                if not isinstance(other, cst.SimpleString | cst.FormattedString):
                    continue
            else:
                continue
            if not _is_variable(program, name):
                continue
            start, end = program.span(name)
            quoted = f'"{name.value}"'
            yield self.edit(program, start, end, quoted, name=name.value, quoted=quoted)


_STRING_ITEM = cst.SimpleString | cst.ConcatenatedString


@register
class MissingCommaStrings(Injector):
    """The comma between two strings dropped, so they merge (`"Bob" "Cy"` is `"BobCy"`)."""

    id = "missing_comma_strings"
    error_class = LOGICAL
    why = ("Novices expect a missing comma to be reported, not knowing that Python "
           "silently joins strings written next to each other.")
    examples = (
        Example('names = ["Ann", "Bob", "Cy"]\nprint(len(names), names)\n',
                'names = ["Ann", "Bob" "Cy"]\nprint(len(names), names)\n', line=1),
    )
    no_site = 'print(["Ann"], [1, 2])\n'

    def sites(self, program: ProgramIndex):
        indexed = {n.value.value for n in program.nodes(cst.Subscript)
                   if isinstance(n.value, cst.Name)}
        # `colours.index(word)`: a joined pair makes a lookup of either word raise
        indexed |= {n.func.value.value for n in program.nodes(cst.Call)
                    if isinstance(n.func, cst.Attribute) and n.func.attr.value == "index"
                    and isinstance(n.func.value, cst.Name)}
        indexed |= self._passed_to_indexing(program)
        for node in program.nodes(cst.List, cst.Tuple, cst.Set, cst.Call):
            items = node.args if isinstance(node, cst.Call) else node.elements
            container = "call" if isinstance(node, cst.Call) else "list"
            if isinstance(node, cst.Call) and (any(a.keyword or a.star for a in items)
                                               or _callee_name(node) != "print"):
                continue  # one argument fewer than a function takes raises (`print` any)
            if isinstance(node, cst.Tuple) and isinstance(program.parent(node), cst.Element):
                continue  # a record in a table: one field fewer breaks its unpacking
            if self._stored_in(program, node) & indexed or _inside_guarded(program, node):
                continue  # fewer items can put an index out of range or miss a key
            for first, second in zip(items, items[1:], strict=False):
                if not (isinstance(first.value, _STRING_ITEM)
                        and isinstance(second.value, _STRING_ITEM)):
                    continue
                comma = _op_token(program, program.span(first.value)[1],
                                  program.span(second.value)[0], (",",))
                if comma is None:
                    continue
                one, two = program.text(first.value), program.text(second.value)
                try:
                    joined = repr(first.value.evaluated_value + second.value.evaluated_value)
                except (AttributeError, TypeError):
                    continue
                yield self.edit(program, comma[0], comma[1], "", first=one, second=two,
                                joined=joined, container=container)

    @staticmethod
    def _passed_to_indexing(program: ProgramIndex) -> set[str]:
        """Names passed to a function of the program that indexes the parameter they
        become (`split(rows)` with `def split(grid): ... grid[i]`)."""
        functions = {f.name.value: f for f in program.nodes(cst.FunctionDef)}
        found: set[str] = set()
        for call in program.nodes(cst.Call):
            function = functions.get(_callee_name(call) or "") if isinstance(
                call.func, cst.Name) else None
            if function is None:
                continue
            params = [p.name.value for p in function.params.params]
            for arg, param in zip(call.args, params, strict=False):
                if arg.keyword or arg.star or not isinstance(arg.value, cst.Name):
                    break
                if any(isinstance(n.value, cst.Name) and n.value.value == param
                       and function in program.ancestors(n)
                       and MissingCommaStrings._fixed_index(program, function, n, param)
                       for n in program.nodes(cst.Subscript)):
                    found.add(arg.value.value)
        return found

    @staticmethod
    def _fixed_index(program: ProgramIndex, function: cst.FunctionDef,
                     subscript: cst.Subscript, param: str) -> bool:
        """Indexed at a fixed position (`grid[0]`) or by a count of its own
        (`for i in range(4): grid[i]`), not by its length: one item fewer is then out of
        range, where `for i in range(len(grid))` would just look at one fewer."""
        if len(subscript.slice) != 1 or not isinstance(subscript.slice[0].slice, cst.Index):
            return False
        index = subscript.slice[0].slice.value
        if isinstance(index, cst.Integer):
            return True
        if not isinstance(index, cst.Name):
            return False
        loops = [f for f in program.nodes(cst.For, cst.CompFor)
                 if function in program.ancestors(f) and isinstance(f.target, cst.Name)
                 and f.target.value == index.value]
        return bool(loops) and all(
            _callee_name(f.iter) == "range" and param not in _names_in(f.iter)
            for f in loops)

    @staticmethod
    def _stored_in(program: ProgramIndex, node: cst.CSTNode) -> set[str]:
        parent = program.parent(node)
        if isinstance(parent, cst.Assign):
            return {n for t in parent.targets for n in _names_in(t.target)}
        return set()
