"""Runtime injectors: see novice-mistakes.md."""

from __future__ import annotations

import builtins
import tokenize

import libcst as cst
from libcst.metadata import Access, Assignment

from .base import RUNTIME, Example, Injector, register
from .program import ProgramIndex

_VOWELS = "aeiou"
_BUILTINS = frozenset(dir(builtins))
# Calls whose result is always a number.
_NUMBER_CALLS = frozenset({"int", "float", "len", "round", "abs", "sum"})


def misspell(name: str) -> str | None:
    """A typo a person makes: drop the last inner vowel, else double the last letter."""
    for index in range(len(name) - 1, 0, -1):
        if name[index] in _VOWELS and name[index - 1] != name[index]:
            typo = name[:index] + name[index + 1:]
            if len(typo) >= 2:
                return typo
    if len(name) >= 3 and name[-1].isalpha():
        return name + name[-1]
    return None


# -- shared helpers: names, bindings, types --------------------------------------------
def _call_name(node: cst.CSTNode) -> str | None:
    """`f` for a call `f(...)` of a plain name, else None."""
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Name):
        return node.func.value
    return None


def _accesses(program: ProgramIndex) -> dict[cst.CSTNode, Access]:
    """Every read of a name, keyed by its Name node."""
    found: dict[cst.CSTNode, Access] = {}
    for scope in {s for s in program.scopes.values() if s is not None}:
        for access in scope.accesses:
            found[access.node] = access
    return found


def _bound_value(program: ProgramIndex, assignment) -> tuple[str, cst.CSTNode | None]:
    """What an assignment binds: ('assign', value), ('aug', AugAssign), ('for', For),
    ('def', node) or ('other', None)."""
    node = assignment.node
    parent = program.parent(node)
    if isinstance(parent, cst.AssignTarget):
        statement = program.parent(parent)
        if isinstance(statement, cst.Assign) and len(statement.targets) == 1:
            return "assign", statement.value
    if isinstance(parent, cst.AugAssign) and parent.target is node:
        return "aug", parent
    if isinstance(parent, cst.For) and parent.target is node:
        return "for", parent
    if isinstance(node, cst.FunctionDef | cst.ClassDef):
        return "def", node
    return "other", None


def _referents(program: ProgramIndex, name: cst.Name,
               reads: dict[cst.CSTNode, Access]) -> list[Assignment]:
    access = reads.get(name)
    if access is None:
        return []
    return [a for a in access.referents if isinstance(a, Assignment)]


def _is_number(program: ProgramIndex, expr: cst.CSTNode, reads: dict[cst.CSTNode, Access],
               depth: int = 0) -> bool:
    """True when the correct program certainly computes a number (int or float) here."""
    if depth > 4:
        return False
    if isinstance(expr, cst.Integer | cst.Float):
        return True
    if isinstance(expr, cst.UnaryOperation):
        return _is_number(program, expr.expression, reads, depth + 1)
    if isinstance(expr, cst.BinaryOperation):
        left = _is_number(program, expr.left, reads, depth + 1)
        right = _is_number(program, expr.right, reads, depth + 1)
        if isinstance(expr.operator, cst.Subtract | cst.Divide | cst.FloorDivide | cst.Power
                      | cst.Add):
            return left or right
        if isinstance(expr.operator, cst.Modulo):
            return left
        return left and right
    name = _call_name(expr)
    if name in _NUMBER_CALLS:
        return True
    if name in ("max", "min") and expr.args:
        return all(_is_number(program, a.value, reads, depth + 1) for a in expr.args)
    if isinstance(expr, cst.Subscript) and isinstance(expr.value, cst.Name):
        # an item of a dict or list literal whose values are all numbers
        containers = [_bound_value(program, a) for a in
                      _referents(program, expr.value, reads)]
        if not containers:
            return False
        for kind, value in containers:
            if kind != "assign":
                return False
            if isinstance(value, cst.Dict):
                items = [e.value for e in value.elements if isinstance(e, cst.DictElement)]
            elif isinstance(value, cst.List):
                items = [e.value for e in value.elements]
            else:
                return False
            if not items or not all(_is_number(program, i, reads, depth + 1) for i in items):
                return False
        return True
    if isinstance(expr, cst.Name):
        bindings = _referents(program, expr, reads)
        if not bindings:
            return False
        assigned = False
        for assignment in bindings:
            kind, value = _bound_value(program, assignment)
            if kind == "aug":
                continue  # `total += x` keeps the type of the first value
            if kind == "assign":
                if not _is_number(program, value, reads, depth + 1):
                    return False
            elif kind == "for":
                if _call_name(value.iter) != "range":
                    return False
            else:
                return False
            assigned = True
        return assigned
    return False


def _is_text(program: ProgramIndex, expr: cst.CSTNode) -> bool:
    """True when the expression is plainly a string (a literal, f-string or str() call)."""
    if isinstance(expr, cst.SimpleString | cst.FormattedString | cst.ConcatenatedString):
        return True
    if _call_name(expr) in ("str", "input"):
        return True
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        return _is_text(program, expr.left) or _is_text(program, expr.right)
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Multiply):
        return _is_text(program, expr.left) or _is_text(program, expr.right)
    return False


def _within(program: ProgramIndex, node: cst.CSTNode, outer: cst.CSTNode) -> bool:
    start, end = program.span(node)
    outer_start, outer_end = program.span(outer)
    return outer_start <= start and end <= outer_end


def _token(program: ProgramIndex, start: int, end: int, text: str) -> tuple[int, int] | None:
    """Offsets of the first operator token `text` at bracket depth 0 between two offsets."""
    depth0 = None
    for token, token_start, token_end, depth in program.tokens_between(start, end):
        if depth0 is None:
            depth0 = depth
        if token.type == tokenize.OP and token.string == text and depth == depth0:
            return token_start, token_end
    return None


def _function_of(program: ProgramIndex, node: cst.CSTNode) -> cst.FunctionDef | None:
    for ancestor in program.ancestors(node):
        if isinstance(ancestor, cst.FunctionDef):
            return ancestor
    return None


def _reads_input(expr: cst.CSTNode) -> bool:
    """`input(...)`, possibly followed by string methods (`input().strip()`)."""
    if _call_name(expr) == "input":
        return True
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute):
        return _reads_input(expr.func.value)
    return False


def _binding(program: ProgramIndex, name: cst.CSTNode) -> Assignment | None:
    """The Assignment made by this target (or parameter) node."""
    scope = program.scopes.get(name)
    value = name.name.value if isinstance(name, cst.Param | cst.FunctionDef) \
        else getattr(name, "value", None)
    if scope is None or not isinstance(value, str):
        return None
    for assignment in scope.assignments[value]:
        if isinstance(assignment, Assignment) and assignment.node is name:
            return assignment
    return None


def _single_target(program: ProgramIndex, value: cst.CSTNode) -> cst.Name | None:
    """`x` when `value` is the whole right-hand side of `x = value`."""
    statement = program.parent(value)
    if isinstance(statement, cst.Assign) and statement.value is value \
            and len(statement.targets) == 1 and isinstance(statement.targets[0].target, cst.Name):
        return statement.targets[0].target
    return None


def _user_function(program: ProgramIndex, call: cst.Call,
                   reads: dict[cst.CSTNode, Access]) -> cst.FunctionDef | None:
    """The program's own function that `call` calls, when it is a plain-name call."""
    if not isinstance(call.func, cst.Name):
        return None
    for assignment in _referents(program, call.func, reads):
        if isinstance(assignment.node, cst.FunctionDef):
            return assignment.node
    return None


_ORDERING = (cst.LessThan, cst.GreaterThan, cst.LessThanEqual, cst.GreaterThanEqual)
_STRICTLY_NUMERIC = (cst.Subtract, cst.Divide, cst.FloorDivide, cst.Power, cst.Modulo)
_NUMBER_ARGUMENTS = frozenset({"range", "round", "abs", "chr"})


def _some_use(program: ProgramIndex, binding: Assignment | None,
              reads: dict[cst.CSTNode, Access], check, depth: int = 0) -> bool:
    """True when some read of this binding passes `check(program, node, reads)`, following
    the value one or two steps through `y = x` and into a function's parameter."""
    if binding is None or depth > 2:
        return False
    return any(_value_used(program, access.node, reads, check, depth)
               for access in binding.references)


def _value_used(program: ProgramIndex, node: cst.CSTNode, reads: dict[cst.CSTNode, Access],
                check, depth: int) -> bool:
    if check(program, node, reads):
        return True
    parent = program.parent(node)
    if isinstance(parent, cst.Arg) and not parent.keyword and not parent.star:
        call = program.parent(parent)
        function = _user_function(program, call, reads) if isinstance(call, cst.Call) \
            else None
        position = list(call.args).index(parent) if function is not None else 0
        if function is None or position >= len(function.params.params):
            return False
        param = function.params.params[position]
        return _some_use(program, _binding(program, param), reads, check, depth + 1)
    target = _single_target(program, node)
    if target is not None:
        return _some_use(program, _binding(program, target), reads, check, depth + 1)
    return False


def _needs_number(program: ProgramIndex, node: cst.CSTNode,
                  reads: dict[cst.CSTNode, Access]) -> bool:
    """True when this read uses a value as a number in a way that raises for a string
    (arithmetic, ordering against a number, range(), a format spec...)."""
    parent = program.parent(node)
    if isinstance(parent, cst.BinaryOperation):
        other = parent.right if parent.left is node else parent.left
        if isinstance(parent.operator, _STRICTLY_NUMERIC):
            return True
        if isinstance(parent.operator, cst.Add):
            return _is_number(program, other, reads)
        return isinstance(parent.operator, cst.Multiply) and isinstance(other, cst.Float)
    if isinstance(parent, cst.UnaryOperation):
        return isinstance(parent.operator, cst.Minus)
    if isinstance(parent, cst.Comparison) and parent.left is node:
        first = parent.comparisons[0]
        return isinstance(first.operator, _ORDERING) and _is_number(
            program, first.comparator, reads)
    if isinstance(parent, cst.ComparisonTarget):
        comparison = program.parent(parent)
        index = list(comparison.comparisons).index(parent)
        other = comparison.left if index == 0 else comparison.comparisons[index - 1].comparator
        return isinstance(parent.operator, _ORDERING) and _is_number(program, other, reads)
    if isinstance(parent, cst.AugAssign):
        if isinstance(parent.operator, cst.MultiplyAssign):
            return False
        other = parent.target if parent.value is node else parent.value
        return not isinstance(parent.operator, cst.AddAssign) or _is_number(program, other,
                                                                            reads)
    if isinstance(parent, cst.FormattedStringExpression):
        return parent.format_spec is not None
    if isinstance(parent, cst.Arg) and not parent.keyword:
        call = program.parent(parent)
        if _call_name(call) in _NUMBER_ARGUMENTS:
            return True
        return isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) \
            and isinstance(call.func.value, cst.Name) and call.func.value.value == "math"
    return False


@register
class NameTypo(Injector):
    """Variable misspelt where it is read (`print(totl)` for `print(total)`)."""

    id = "name_typo"
    error_class = RUNTIME
    explanations = (
        "Line {{ line }}: `{{ typo }}` is a misspelling of `{{ name }}`, so Python raises a "
        "NameError when it reaches this line.",
        "Line {{ line }}: the variable `{{ name }}` is spelt `{{ typo }}` here; no variable "
        "of that name exists, so the program stops with a NameError.",
        "Line {{ line }}: `{{ typo }}` should be `{{ name }}` - Python treats it as a "
        "different, undefined name and raises a NameError at run time.",
    )
    why = ("Novices expect the computer to see what they meant; a single missing letter in "
           "a variable name makes a new, undefined name.")
    examples = (
        Example("total = 5\nprint(total)\n", "total = 5\nprint(totl)\n", line=2),
    )

    def sites(self, program: ProgramIndex):
        defined = program.assigned_names
        for scope in {s for s in program.scopes.values() if s is not None}:
            for access in scope.accesses:
                node = access.node
                if not isinstance(node, cst.Name) or not access.referents:
                    continue
                if not any(isinstance(a, Assignment) for a in access.referents):
                    continue  # builtins are another injector's business
                typo = misspell(node.value)
                if typo is None or typo in defined or typo in _BUILTINS \
                        or program.is_keyword(typo):
                    continue
                start, end = program.span(node)
                yield self.edit(program, start, end, typo, name=node.value, typo=typo)


@register
class EqualityForAssignment(Injector):
    """`==` typed where `=` should store a value (`total == 0` for `total = 0`)."""

    id = "equality_for_assignment"
    error_class = RUNTIME
    explanations = (
        "Line {{ line }}: `==` only compares `{{ name }}` with {{ value }}; storing a value "
        "needs a single `=`. Because `{{ name }}` has no value yet, the comparison itself "
        "raises a NameError.",
        "Line {{ line }}: this line was meant to give `{{ name }}` its first value, but `==` "
        "asks a question instead of assigning. `{{ name }}` does not exist yet, so Python "
        "stops with a NameError.",
        "Line {{ line }}: with `==` nothing is stored in `{{ name }}` - the line tests "
        "whether it equals {{ value }}, and since `{{ name }}` was never created that test "
        "fails with a NameError.",
    )
    why = ("Novices read `=` and `==` both as 'equals' and do not yet separate storing a "
           "value from asking whether two values are the same.")
    examples = (
        Example("total = 0\nfor n in range(4):\n    total += n\nprint(total)\n",
                "total == 0\nfor n in range(4):\n    total += n\nprint(total)\n", line=1),
        Example("def area(w, h):\n    result = w * h\n    return result\n\n\nprint(area(2, 3))\n",
                "def area(w, h):\n    result == w * h\n    return result\n\n\n"
                "print(area(2, 3))\n", line=2),
    )
    no_site = "def show(n):\n    n = n + 1\n    print(n == 2)\n\n\nfor i in range(2):\n    show(i)\n"

    def sites(self, program: ProgramIndex):
        module_scope = program.scopes[program.module]
        for node in program.nodes(cst.Assign):
            if len(node.targets) != 1 or not isinstance(node.targets[0].target, cst.Name):
                continue
            target = node.targets[0].target
            name = target.value
            scope = program.scopes.get(target)
            if scope is None or name in _BUILTINS:
                continue
            bindings = list(scope.assignments[name])
            if not bindings:
                continue  # `global name` inside a function: bound in another scope
            first = min(bindings, key=lambda a: program.span(a.node)[0])
            if first.node is not target:
                continue  # a re-assignment: `==` would be a silent no-op
            if scope is not module_scope and len(bindings) == 1 \
                    and module_scope.assignments[name]:
                continue  # `name == ...` would read the global of the same name
            equals = _token(program, program.span(target)[1], program.span(node.value)[0], "=")
            if equals is None:
                continue
            value = program.text(node.value)
            if len(value) > 24 or "\n" in value:
                value = "the value on the right"
            else:
                value = f"`{value}`"
            yield self.edit(program, equals[0], equals[1], "==", name=name, value=value)


@register
class UnquotedString(Injector):
    """Quotes dropped round a one-word string (`print(Hello)` for `print("Hello")`)."""

    id = "unquoted_string"
    error_class = RUNTIME
    explanations = (
        "Line {{ line }}: `{{ word }}` has lost its quotes, so Python reads it as the name "
        "of a variable; there is no such variable, which is a NameError.",
        "Line {{ line }}: the text {{ text }} must be written in quotes. Without them "
        "`{{ word }}` looks like a variable name, and Python raises a NameError because it "
        "was never defined.",
        "Line {{ line }}: quotes mark a piece of text; without them `{{ word }}` is taken for "
        "a variable, which does not exist - a NameError.",
    )
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


@register
class MissingImport(Injector):
    """Import line deleted (`import math` removed, then `math.sqrt(x)` is used)."""

    id = "missing_import"
    error_class = RUNTIME
    explanations = (
        "Line {{ line }}: the line `{{ statement }}` is missing, so `{{ name }}` is never "
        "defined and using it raises a NameError.",
        "Line {{ line }}: `{{ name }}` is used later in the program but `{{ statement }}` has "
        "been left out; without the import Python does not know the name (NameError).",
        "Line {{ line }}: modules have to be imported before they can be used. The program "
        "uses `{{ name }}` without `{{ statement }}`, which is a NameError.",
    )
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


@register
class MissingTypeConversion(Injector):
    """`int()`/`float()` dropped round `input()` (`age = input()` for `age = int(input())`)."""

    id = "missing_type_conversion"
    error_class = RUNTIME
    explanations = (
        "Line {{ line }}: without `{{ func }}()` the value stored in `{{ name }}` is text, "
        "not a number, so the later calculation with `{{ name }}` raises a TypeError.",
        "Line {{ line }}: `input()` always gives a string. `{{ name }}` needed "
        "`{{ func }}(...)` round it; as text it cannot be used in arithmetic or compared with "
        "a number, and the program stops with a TypeError.",
        "Line {{ line }}: the conversion `{{ func }}()` is missing, so `{{ name }}` holds "
        "characters such as '5' rather than the number 5 - using it as a number is a "
        "TypeError.",
    )
    why = ("Novices assume that typing digits gives a number; they do not know that input() "
           "always returns text which must be converted before any arithmetic.")
    examples = (
        Example('age = int(input("Age: "))\nprint("Next year:", age + 1)\n',
                'age = input("Age: ")\nprint("Next year:", age + 1)\n', stdin=(("12",),),
                line=1),
        Example('n = int(input())\nfor i in range(n):\n    print(i)\n',
                'n = input()\nfor i in range(n):\n    print(i)\n', stdin=(("3",),), line=1),
    )
    no_site = 'age = int(input("Age: "))\nprint("You are", age)\nif age == 18:\n    print("!")\n'

    def sites(self, program: ProgramIndex):
        reads = _accesses(program)
        for call in program.nodes(cst.Call):
            func = _call_name(call)
            if func not in ("int", "float") or len(call.args) != 1:
                continue
            argument = call.args[0].value
            target = _single_target(program, call)
            if not _reads_input(argument) or target is None:
                continue
            if not _some_use(program, _binding(program, target), reads, _needs_number):
                continue  # only printed or compared with ==: logical or nothing
            start, end = program.span(call)
            yield self.edit(program, start, end, program.text(argument), func=func,
                            name=target.value)


@register
class ConcatNumberToString(Injector):
    """`str()` dropped when a number is joined to text (`"Total: " + t`)."""

    id = "concat_number_to_string"
    error_class = RUNTIME
    explanations = (
        "Line {{ line }}: `{{ value }}` is a number and `+` cannot join a number to text; "
        "it needs `str({{ value }})`, otherwise Python raises a TypeError.",
        "Line {{ line }}: `+` joins strings only. `{{ value }}` holds a number, so without "
        "`str()` round it the line fails with a TypeError.",
        "Line {{ line }}: the `str()` round `{{ value }}` has been dropped; mixing text and a "
        "number with `+` is a TypeError.",
    )
    why = ("Novices expect `+` to glue anything onto a message, as print(a, b) does, and "
           "forget that numbers must be turned into text first.")
    examples = (
        Example('n = int(input())\nprint("Double: " + str(n * 2))\n',
                'n = int(input())\nprint("Double: " + n * 2)\n', stdin=(("4",),), line=2),
        Example('for i in range(1, 3):\n    print("Step " + str(i) + " done")\n',
                'for i in range(1, 3):\n    print("Step " + i + " done")\n', line=2),
    )
    no_site = 'name = input()\nprint("Hi " + str(name))\nprint(str(5))\n'

    def sites(self, program: ProgramIndex):
        reads = _accesses(program)
        for call in program.nodes(cst.Call):
            if _call_name(call) != "str" or len(call.args) != 1 or call.args[0].keyword:
                continue
            parent = program.parent(call)
            if not isinstance(parent, cst.BinaryOperation) \
                    or not isinstance(parent.operator, cst.Add):
                continue
            other = parent.right if parent.left is call else parent.left
            value = call.args[0].value
            if not _is_text(program, other) or not _is_number(program, value, reads):
                continue
            start, end = program.span(call)
            yield self.edit(program, start, end, program.text(value), value=program.text(value))


@register
class WrongConversionFunction(Injector):
    """`int()` used for decimal input (`int(input())` for `float(input())`)."""

    id = "wrong_conversion_function"
    error_class = RUNTIME
    explanations = (
        "Line {{ line }}: `int()` only accepts whole numbers, so when the user types a "
        "decimal such as 2.5 it cannot convert it; `float()` was needed here, and the "
        "program stops with a ValueError.",
        "Line {{ line }}: the input is read with `int()` instead of `float()`, so any answer "
        "with a decimal point cannot be converted and the program stops with a ValueError.",
        "Line {{ line }}: `int('2.5')` is not allowed in Python - text with a decimal point "
        "must go through `float()`. Using `int()` here causes a ValueError.",
    )
    why = ("Novices think of int() as 'make it a number' and expect it to round a decimal; "
           "they do not know that int() refuses text with a decimal point.")
    examples = (
        Example('price = float(input("Price: "))\nprint(price * 2)\n',
                'price = int(input("Price: "))\nprint(price * 2)\n', stdin=(("2.5",),), line=1),
    )
    no_site = 'n = int(input())\nx = float(n)\nprint(x)\n'

    def sites(self, program: ProgramIndex):
        for call in program.nodes(cst.Call):
            if _call_name(call) != "float" or len(call.args) != 1 \
                    or not _reads_input(call.args[0].value):
                continue
            start, end = program.span(call.func)
            yield self.edit(program, start, end, "int")


def _same(a: cst.CSTNode, b: cst.CSTNode) -> bool:
    return a.deep_equals(b)


def _len_of(expr: cst.CSTNode) -> cst.CSTNode | None:
    """`x` for the call `len(x)`, else None."""
    if _call_name(expr) == "len" and len(expr.args) == 1:
        return expr.args[0].value
    return None


def _minus_one_of_len(expr: cst.CSTNode) -> cst.CSTNode | None:
    """`x` for the expression `len(x) - 1`, else None."""
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Subtract) \
            and isinstance(expr.right, cst.Integer) and expr.right.value == "1":
        return _len_of(expr.left)
    return None


def _index_of(subscript: cst.Subscript) -> cst.CSTNode | None:
    """The index expression of `x[i]` (a single index, not a slice)."""
    if len(subscript.slice) == 1 and isinstance(subscript.slice[0].slice, cst.Index):
        return subscript.slice[0].slice.value
    return None


def _indexed_by(program: ProgramIndex, node: cst.CSTNode) -> cst.Subscript | None:
    """The subscript `x[node]` when `node` is its whole index."""
    index = program.parent(node)
    element = program.parent(index) if isinstance(index, cst.Index) else None
    subscript = program.parent(element) if isinstance(element, cst.SubscriptElement) else None
    return subscript if isinstance(subscript, cst.Subscript) else None


def _subscripts_with(program: ProgramIndex, block: cst.CSTNode, sequence: cst.CSTNode,
                     index: cst.CSTNode) -> bool:
    """True when `block` reads `sequence[index]` somewhere."""
    for subscript in program.nodes(cst.Subscript):
        found = _index_of(subscript)
        if found is not None and _same(found, index) and _same(subscript.value, sequence) \
                and _within(program, subscript, block):
            return True
    return False


@register
class IndexOutOfRange(Injector):
    """Index one past the end (`items[len(items)]` for `items[len(items) - 1]`)."""

    id = "index_out_of_range"
    error_class = RUNTIME
    explanations = (
        "Line {{ line }}: positions in `{{ sequence }}` start at 0, so the last one is "
        "`len({{ sequence }}) - 1`. Here {{ change }}, which reaches one place past the end - "
        "an IndexError.",
        "Line {{ line }}: `{{ sequence }}` has no item at position `len({{ sequence }})` - "
        "counting starts at 0. Because {{ change }}, the program asks for that position and "
        "stops with an IndexError.",
        "Line {{ line }}: an off-by-one mistake: {{ change }}, so `{{ sequence }}` is read "
        "one position beyond its last item, which raises an IndexError.",
    )
    why = ("Novices count positions from 1, as people do, so they take the length of a list "
           "or string as its last position instead of the length minus one.")
    examples = (
        Example('names = ["Ann", "Bo"]\nprint("Last:", names[len(names) - 1])\n',
                'names = ["Ann", "Bo"]\nprint("Last:", names[len(names)])\n', line=2),
        Example('word = input()\nfor i in range(len(word)):\n    print(word[i])\n',
                'word = input()\nfor i in range(len(word) + 1):\n    print(word[i])\n',
                stdin=(("hey",),), line=2),
        Example('s = "abc"\ni = 0\nwhile i < len(s):\n    print(s[i])\n    i += 1\n',
                's = "abc"\ni = 0\nwhile i <= len(s):\n    print(s[i])\n    i += 1\n', line=3),
    )
    no_site = 'nums = [1, 2, 3]\nfor i in range(len(nums) - 1):\n    print(nums[i + 1])\n'

    def sites(self, program: ProgramIndex):
        # x[len(x) - 1] -> x[len(x)]
        for subscript in program.nodes(cst.Subscript):
            index = _index_of(subscript)
            sequence = _minus_one_of_len(index) if index is not None else None
            if sequence is not None and _same(sequence, subscript.value):
                start, end = program.span(index)
                yield self.edit(program, start, end, program.text(index.left),
                                sequence=program.text(sequence),
                                change=f"the index is `{program.text(index.left)}`")
        # last = len(x) - 1 ... x[last]  ->  last = len(x)
        for assign in program.nodes(cst.Assign):
            sequence = _minus_one_of_len(assign.value)
            target = _single_target(program, assign.value)
            if sequence is None or target is None:
                continue
            binding = _binding(program, target)
            if binding is None or not any(
                    _indexed_by(program, access.node) is not None
                    and _same(_indexed_by(program, access.node).value, sequence)
                    for access in binding.references):
                continue
            start, end = program.span(assign.value)
            yield self.edit(program, start, end, program.text(assign.value.left),
                            sequence=program.text(sequence),
                            change=f"`{target.value}` starts at `{program.text(assign.value.left)}`")
        # for i in range(len(x)): ... x[i]  ->  range(len(x) + 1)
        for loop in program.nodes(cst.For):
            if _call_name(loop.iter) != "range" or not isinstance(loop.target, cst.Name) \
                    or not loop.iter.args or len(loop.iter.args) > 2:
                continue
            stop = loop.iter.args[-1].value
            sequence = _len_of(stop)
            if sequence is None or not _subscripts_with(program, loop.body, sequence,
                                                         loop.target):
                continue
            end = program.span(stop)[1]
            yield self.edit(program, end, end, " + 1", sequence=program.text(sequence),
                            change=f"`{loop.target.value}` now runs up to "
                                   f"`len({program.text(sequence)})`")
        # while i < len(x): ... x[i]  ->  while i <= len(x)
        for loop in program.nodes(cst.While):
            test = loop.test
            if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
                continue
            compare = test.comparisons[0]
            sequence = _len_of(compare.comparator)
            if not isinstance(compare.operator, cst.LessThan) or sequence is None \
                    or not _subscripts_with(program, loop.body, sequence, test.left):
                continue
            start, end = program.span(compare.operator)
            yield self.edit(program, start, end, "<=", sequence=program.text(sequence),
                            change=f"`<=` lets `{program.text(test.left)}` reach "
                                   f"`len({program.text(sequence)})`")


def _line_end(program: ProgramIndex, line: int) -> int:
    """Offset of the end of a line's text (before its newline)."""
    return program.line_starts[line - 1] + len(program.line_text(line))


def _dedented(program: ProgramIndex, first: int, last: int, amount: int, indent: str) -> str:
    """Lines first..last moved `amount` columns left; the first without its indent."""
    lines = []
    for number in range(first, last + 1):
        text = program.line_text(number)
        spaces = len(text) - len(text.lstrip(" \t"))
        lines.append(text[min(amount, spaces):] if text.strip() else "")
    lines[0] = lines[0][len(indent):] if lines[0].startswith(indent) else lines[0].lstrip()
    return "\n".join(lines)


_DIVISIONS = (cst.Divide, cst.FloorDivide, cst.Modulo)


@register
class DivisionByZero(Injector):
    """Zero check removed before a division (`if count > 0:` guard deleted)."""

    id = "division_by_zero"
    error_class = RUNTIME
    explanations = (
        "Line {{ line }}: the check `{{ condition }}` has been removed, so when "
        "`{{ divisor }}` is 0 the program divides by zero and raises a ZeroDivisionError.",
        "Line {{ line }}: nothing stops the division by `{{ divisor }}` any more. The test "
        "`{{ condition }}` protected it; without it an input that makes `{{ divisor }}` "
        "zero ends in a ZeroDivisionError.",
        "Line {{ line }}: dividing by `{{ divisor }}` is only safe when it is not 0, which is "
        "what `{{ condition }}` checked. Without the check Python raises a "
        "ZeroDivisionError for that case.",
    )
    why = ("Novices test their program with ordinary inputs and do not think of the case "
           "where nothing was entered, so a check for zero looks unnecessary to them.")
    examples = (
        Example('count = int(input())\ntotal = 12\nif count > 0:\n    print(total / count)\n'
                'print("done")\n',
                'count = int(input())\ntotal = 12\nprint(total / count)\nprint("done")\n',
                stdin=(("3",), ("0",)), line=3),
        Example('n = int(input())\nif n != 0:\n    print(100 // n)\nelse:\n    print("none")\n',
                'n = int(input())\nprint(100 // n)\n', stdin=(("2",), ("0",)), line=2),
    )
    no_site = 'n = int(input())\nif n > 0:\n    print(n * 2)\nprint(10 / 4)\n'

    def sites(self, program: ProgramIndex):
        for node in program.nodes(cst.If):
            parent = program.parent(node)
            if isinstance(node.orelse, cst.If) or (isinstance(parent, cst.If)
                                                   and parent.orelse is node):
                continue  # elif chains
            test = node.test
            if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1 \
                    or not isinstance(test.left, cst.Name):
                continue
            compare = test.comparisons[0]
            if not isinstance(compare.comparator, cst.Integer) or compare.comparator.value != "0":
                continue
            # Only `if d > 0:` / `if d != 0:` guarding the division: removing the header
            # (and any else) and dedenting the body reads as one change. Keeping the else
            # branch of `if d == 0:` would delete a body too: two changes, not one.
            if not isinstance(compare.operator, cst.GreaterThan | cst.NotEqual):
                continue
            kept, header = node.body, program.line(node)
            if not isinstance(kept, cst.IndentedBlock):
                continue  # `if n > 0: print(1 / n)` on one line
            if not any(isinstance(op.operator, _DIVISIONS) and _same(op.right, test.left)
                       and _within(program, op, kept)
                       for op in program.nodes(cst.BinaryOperation)):
                continue
            first, last = header + 1, program.range(kept).end.line
            indent = program.indent_of(program.line(node))
            amount = len(program.indent_of(program.line(kept.body[0]))) - len(indent)
            start = program.span(node)[0]
            end = _line_end(program, program.range(node).end.line)
            yield self.edit(program, start, end,
                            _dedented(program, first, last, amount, indent),
                            divisor=test.left.value, condition=program.text(test))


@register
class WrongArgumentCount(Injector):
    """A function called with an argument missing (`greet()` for `greet(name)`)."""

    id = "wrong_argument_count"
    error_class = RUNTIME
    explanations = (
        "Line {{ line }}: `{{ func }}` needs {{ expected }} argument(s) but this call gives "
        "only {{ given }}; the value for `{{ missing }}` is missing, which is a TypeError.",
        "Line {{ line }}: the call to `{{ func }}()` leaves out the argument for the "
        "parameter `{{ missing }}`. Python checks the number of arguments when the function "
        "is called and raises a TypeError.",
        "Line {{ line }}: every parameter of `{{ func }}` must get a value. Here "
        "`{{ missing }}` gets none, so the call fails with a TypeError.",
    )
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
    explanations = (
        "Line {{ line }}: {{ receiver }} has no method `{{ wrong }}` - {{ reason }}. Calling "
        "it raises an AttributeError.",
        "Line {{ line }}: Python looks for a method called `{{ wrong }}` on {{ receiver }} "
        "and finds none ({{ reason }}), so the program stops with an AttributeError.",
        "Line {{ line }}: {{ receiver }} is asked for `{{ wrong }}`, but {{ reason }}; "
        "calling a method that does not exist raises an AttributeError.",
    )
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
    explanations = (
        "Line {{ line }}: {{ cause }}, so the value that comes back is `None`. The program "
        "then uses that `None` as if it were a real result, which raises a TypeError.",
        "Line {{ line }}: {{ cause }}. What the caller receives is `None`, and using `None` "
        "as a number, a text or a list is a TypeError.",
        "Line {{ line }}: showing or changing a value is not the same as handing it back: "
        "{{ cause }}, so the next step gets `None` and fails with a TypeError.",
    )
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


def _holds_dict(program: ProgramIndex, expr: cst.CSTNode,
                reads: dict[cst.CSTNode, Access]) -> bool:
    if not isinstance(expr, cst.Name):
        return False
    return any(kind == "assign" and (isinstance(value, cst.Dict) or _call_name(value) == "dict")
               for kind, value in (_bound_value(program, a)
                                   for a in _referents(program, expr, reads)))


def _needs_int(program: ProgramIndex, node: cst.CSTNode,
               reads: dict[cst.CSTNode, Access]) -> bool:
    """True when this value must be a whole number: a list index, range(), `"*" * n`."""
    parent = program.parent(node)
    if isinstance(parent, cst.BinaryOperation):
        other = parent.right if parent.left is node else parent.left
        if isinstance(parent.operator, cst.Add | cst.Subtract) and _is_number(program, other,
                                                                              reads):
            return _needs_int(program, parent, reads)  # a float plus one is still a float
        return isinstance(parent.operator, cst.Multiply) and _is_text(program, other)
    if isinstance(parent, cst.Index):
        subscript = _indexed_by(program, node)
        return subscript is not None and not _holds_dict(program, subscript.value, reads)
    if isinstance(parent, cst.Arg) and not parent.keyword:
        return _call_name(program.parent(parent)) == "range"
    return False


@register
class FloatWhereIntNeeded(Injector):
    """`/` where a whole number is needed (`range(n / 2)` for `range(n // 2)`)."""

    id = "float_where_int_needed"
    error_class = RUNTIME
    explanations = (
        "Line {{ line }}: `/` always gives a decimal number (such as 2.0), but `{{ expr }}` "
        "is used where only a whole number is allowed - a list position or a count. `//` was "
        "needed; with `/` Python raises a TypeError.",
        "Line {{ line }}: `{{ expr }}` is now a float. Positions in a list and the numbers "
        "given to range() must be integers, so using it there is a TypeError.",
        "Line {{ line }}: dividing with `/` instead of `//` turns the result into a decimal, "
        "even when it divides exactly; a decimal cannot be used as an index, which is a "
        "TypeError.",
    )
    why = ("Novices expect 6 / 2 to give the whole number 3, as on paper; they do not know "
           "that `/` always produces a float and `//` is the whole-number division.")
    examples = (
        Example('items = ["a", "b", "c", "d", "e"]\nmiddle = len(items) // 2\n'
                'print(items[middle])\n',
                'items = ["a", "b", "c", "d", "e"]\nmiddle = len(items) / 2\n'
                'print(items[middle])\n', line=2),
        Example('n = int(input())\nfor i in range(n // 2):\n    print(i)\n',
                'n = int(input())\nfor i in range(n / 2):\n    print(i)\n', stdin=(("6",),),
                line=2),
    )
    no_site = 'minutes = int(input())\nprint(minutes // 60, "h")\n'

    def sites(self, program: ProgramIndex):
        reads = _accesses(program)
        for node in program.nodes(cst.BinaryOperation):
            if not isinstance(node.operator, cst.FloorDivide) \
                    or not _value_used(program, node, reads, _needs_int, 0):
                continue
            start, end = program.span(node.operator)
            expr = f"{program.text(node.left)} / {program.text(node.right)}"
            yield self.edit(program, start, end, "/", expr=expr)


# A word in a variable's name, and the builtin a novice would name such a variable after.
_SHADOW_WORDS = {"total": "sum", "sum": "sum", "highest": "max", "largest": "max",
                 "biggest": "max", "maximum": "max", "max": "max", "lowest": "min",
                 "smallest": "min", "minimum": "min", "min": "min", "round": "round",
                 "len": "len", "length": "len", "list": "list", "str": "str",
                 "string": "str", "input": "input"}


def _builtin_calls(program: ProgramIndex) -> dict[str, list[cst.Call]]:
    """Calls of builtin functions, by name."""
    calls: dict[str, list[cst.Call]] = {}
    for access in _accesses(program).values():
        node = access.node
        call = program.parent(node)
        if isinstance(node, cst.Name) and isinstance(call, cst.Call) and call.func is node \
                and access.referents \
                and not any(isinstance(a, Assignment) for a in access.referents):
            calls.setdefault(node.value, []).append(call)
    return calls


def _calls_in(program: ProgramIndex, statement: cst.CSTNode,
              calls: list[cst.Call]) -> list[cst.Call]:
    return [c for c in calls if _within(program, c, statement)
            and _function_of(program, c) is _function_of(program, statement)]


@register
class ShadowedBuiltin(Injector):
    """Variable named after a builtin called later (`input = input()` for `name = input()`).

    Only where the builtin is called again before the old name is read, so the first error
    is the shadowing TypeError and not a NameError for the old name."""

    id = "shadowed_builtin"
    error_class = RUNTIME
    explanations = (
        "Line {{ line }}: the value is stored in a variable called `{{ new }}` instead of "
        "`{{ old }}`. That hides Python's own `{{ new }}()` function, so the next call to "
        "`{{ new }}()` tries to call {{ kind }} and fails with a TypeError.",
        "Line {{ line }}: naming a variable `{{ new }}` replaces the built-in function of "
        "that name. The variable should have been `{{ old }}`: when the program calls "
        "`{{ new }}(...)` afterwards, it is calling {{ kind }}, which is a TypeError.",
        "Line {{ line }}: `{{ new }}` is already the name of a built-in function, so a name "
        "such as `{{ old }}` was needed. Storing a value under `{{ new }}` means "
        "`{{ new }}(...)` no longer works - the value cannot be called (TypeError).",
    )
    why = ("Novices pick the most natural word for a variable and do not know that names "
           "such as input, sum or max belong to Python's functions and can be overwritten.")
    examples = (
        Example('name = input("Name: ")\nage = int(input("Age: "))\nprint(name, age)\n',
                'input = input("Name: ")\nage = int(input("Age: "))\nprint(name, age)\n',
                stdin=(("Ann", "12"),), line=1),
        Example('print("Quiz")\nwhile True:\n    answer = input("2 + 2 = ")\n'
                '    again = input("Sure (y/n)? ")\n    if again == "y":\n        break\n'
                'print("You said", answer)\n',
                'print("Quiz")\nwhile True:\n    input = input("2 + 2 = ")\n'
                '    again = input("Sure (y/n)? ")\n    if again == "y":\n        break\n'
                'print("You said", answer)\n', stdin=(("4", "y"),), line=3),
    )
    no_site = 'name = input("Name: ")\nprint("Hi", name)\nage = int(input("Age: "))\n'

    def sites(self, program: ProgramIndex):
        calls = _builtin_calls(program)
        reads = _accesses(program)
        for statement in program.nodes(cst.SimpleStatementLine):
            if len(statement.body) != 1 or not isinstance(statement.body[0], cst.Assign):
                continue
            assign = statement.body[0]
            target = _single_target(program, assign.value)
            binding = _binding(program, target) if target is not None else None
            block = program.parent(statement)
            if binding is None or not isinstance(block, cst.Module | cst.IndentedBlock):
                continue
            name = target.value
            wanted = {_SHADOW_WORDS[w] for w in name.lower().split("_") if w in _SHADOW_WORDS}
            if _reads_input(assign.value):
                wanted.add("input")
            if _holds_text(program, assign.value, reads):
                held = "the text stored in it"
            elif _is_number(program, assign.value, reads):
                held = "the number stored in it"
            else:
                held = "the value stored in it"
            later = list(block.body)[list(block.body).index(statement) + 1:]
            read_at = sorted(program.span(r.node)[0] for r in binding.references)
            for builtin in sorted(wanted - {name} - program.assigned_names):
                # The next statement that calls the builtin must run before the old
                # name is read again (else the first error is a NameError for `name`).
                calling = next((s for s in later if isinstance(s, cst.SimpleStatementLine)
                                and _calls_in(program, s, calls.get(builtin, []))), None)
                if calling is None:
                    continue
                stop = program.span(calling)[1]
                if any(program.span(statement)[1] <= at < stop for at in read_at):
                    continue
                start, end = program.span(target)
                yield self.edit(program, start, end, builtin, old=name, new=builtin,
                                kind=held)


_STR_RESULTS = frozenset({"strip", "lstrip", "rstrip", "lower", "upper", "title", "capitalize",
                          "replace", "join"})


def _holds_text(program: ProgramIndex, expr: cst.CSTNode, reads: dict[cst.CSTNode, Access],
                depth: int = 0) -> bool:
    """True when the correct program certainly has a string here."""
    if depth > 3:
        return False
    if _is_text(program, expr) or _reads_input(expr):
        return True
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) \
            and expr.func.attr.value in _STR_RESULTS:
        return expr.func.attr.value == "join" or _holds_text(program, expr.func.value, reads,
                                                             depth + 1)
    if isinstance(expr, cst.Name):
        bound = [_bound_value(program, a) for a in _referents(program, expr, reads)]
        return bool(bound) and all(kind == "assign" and _holds_text(program, value, reads,
                                                                     depth + 1)
                                   for kind, value in bound)
    return False


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
    explanations = (
        "Line {{ line }}: without `list()`, `{{ name }}` is a string, and a string cannot be "
        "changed once it is made; the later `{{ name }}[...] = ...` raises a TypeError.",
        "Line {{ line }}: `{{ name }}` now holds text instead of a list of characters. "
        "Strings in Python are immutable - they do not support item assignment - so putting "
        "a new character into `{{ name }}` is a TypeError.",
        "Line {{ line }}: unlike a list, a string does not let you replace the character at "
        "one position. `{{ name }}` needed `list(...)` round {{ source }}; as a string, "
        "assigning to `{{ name }}[...]` fails with a TypeError.",
    )
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
class UnboundLocal(Injector):
    """`global` removed from a function that changes the variable (`global count` deleted)."""

    id = "unbound_local"
    error_class = RUNTIME
    explanations = (
        "Line {{ line }}: `global {{ name }}` has been removed from `{{ func }}()`. The "
        "function assigns to `{{ name }}`, so Python now treats it as a new local variable "
        "with no value yet, and reading it raises an UnboundLocalError.",
        "Line {{ line }}: without `global {{ name }}`, the `{{ name }}` inside `{{ func }}()` "
        "is a different, local variable. It is read before it has a value, which is an "
        "UnboundLocalError.",
        "Line {{ line }}: a function that changes a variable from outside must declare it "
        "with `global`. `{{ func }}()` no longer does, so its update of `{{ name }}` fails "
        "with an UnboundLocalError.",
    )
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
