"""Logical injectors: see novice-mistakes.md."""

from __future__ import annotations

import tokenize
from decimal import Decimal, InvalidOperation

import libcst as cst

from .base import LOGICAL, Example, Injector, register
from .program import ProgramIndex

# Each comparison and the boundary slips a novice makes with it.
_BOUNDARY = {
    cst.GreaterThanEqual: (">",),
    cst.GreaterThan: (">=", "<"),
    cst.LessThanEqual: ("<",),
    cst.LessThan: ("<=", ">"),
}
_MEANING = {">": "greater than", ">=": "greater than or equal to", "<": "less than",
            "<=": "less than or equal to"}


@register
class BoundaryComparison(Injector):
    """`>=`/`>` (or `<=`/`<`) swapped, or the comparison reversed (`age > 18` for `age >= 18`)."""

    id = "boundary_comparison"
    error_class = LOGICAL
    explanations = (
        "Line {{ line }}: the comparison should be `{{ old }}` but is `{{ new }}`, so the "
        "value at the boundary takes the wrong branch - a logical error.",
        "Line {{ line }}: `{{ new }}` ({{ new_meaning }}) has replaced `{{ old }}` "
        "({{ old_meaning }}); the program runs but gives the wrong answer for some inputs.",
        "Line {{ line }}: the condition uses `{{ new }}` where `{{ old }}` is needed, a "
        "logical error that shows at the boundary value.",
    )
    why = ("Choosing between `>` and `>=` means deciding what happens exactly at the "
           "boundary, and novices rarely test the boundary value itself.")
    examples = (
        Example("age = int(input())\nif age >= 18:\n    print('adult')\nelse:\n"
                "    print('child')\n",
                "age = int(input())\nif age > 18:\n    print('adult')\nelse:\n"
                "    print('child')\n", stdin=(("18",), ("5",)), line=2),
    )

    def sites(self, program: ProgramIndex):
        for kind, replacements in _BOUNDARY.items():
            for node in program.nodes(kind):
                start, end = program.span(node)
                old = program.source[start:end]
                for new in replacements:
                    yield self.edit(program, start, end, new, old=old, new=new,
                                    old_meaning=_MEANING[old], new_meaning=_MEANING[new])


# -- shared helpers ------------------------------------------------------------------
# Everything below finds sites from the one shared parse: nodes, positions and tokens.

_STR_METHODS = {"upper", "lower", "strip", "lstrip", "rstrip", "title", "capitalize",
                "replace", "swapcase", "casefold", "join", "format", "center", "ljust",
                "rjust", "zfill"}
_NUMERIC_CALLS = {"int", "float", "len", "round", "abs", "sum"}


def _walk(node: cst.CSTNode):
    """The node and everything below it, in source order."""
    yield node
    for child in node.children:
        yield from _walk(child)


def _names_in(node: cst.CSTNode) -> set[str]:
    return {n.value for n in _walk(node) if isinstance(n, cst.Name)}


def _call_name(node: cst.CSTNode) -> str | None:
    """`print` for print(...), `upper` for x.upper(), `random.randint` for random.randint()."""
    if not isinstance(node, cst.Call):
        return None
    if isinstance(node.func, cst.Name):
        return node.func.value
    if isinstance(node.func, cst.Attribute):
        if isinstance(node.func.value, cst.Name):
            return f"{node.func.value.value}.{node.func.attr.value}"
        return node.func.attr.value
    return None


def _in_part(program: ProgramIndex, node: cst.CSTNode, kind: type, part: str) -> bool:
    """Is the node inside the `part` field (e.g. `test`) of an enclosing `kind` node?"""
    child = node
    for ancestor in program.ancestors(node):
        if isinstance(ancestor, kind) and getattr(ancestor, part, None) is child:
            return True
        child = ancestor
    return False


def _loop_control_names(program: ProgramIndex) -> set[str]:
    """Names read by any while-loop test: changing how they are updated can hang the loop."""
    names: set[str] = set()
    for loop in program.nodes(cst.While):
        names |= _names_in(loop.test)
    return names


def _index_names(program: ProgramIndex) -> set[str]:
    """Names read in subscripts, slices and range()/random calls: values that must stay
    whole numbers within bounds."""
    names: set[str] = set()
    for node in program.nodes(cst.SubscriptElement):
        names |= _names_in(node)
    for call in program.nodes(cst.Call):
        name = _call_name(call) or ""
        if name == "range" or name.startswith("random."):
            for arg in call.args:
                names |= _names_in(arg)
    return names


def _inside_guarded(program: ProgramIndex, node: cst.CSTNode) -> bool:
    """Inside a subscript, a range() or random call: places where a changed value can
    turn into an IndexError or a different random draw rather than a wrong answer."""
    for ancestor in program.ancestors(node):
        if isinstance(ancestor, cst.SubscriptElement | cst.Slice):
            return True
        name = _call_name(ancestor) or ""
        if name == "range" or name.startswith("random."):
            return True
    return False


def _assignments(program: ProgramIndex, name: cst.Name):
    """The libcst assignments a Name can refer to (empty if unknown)."""
    scope = program.scopes.get(name)
    if scope is None:
        return ()
    try:
        return tuple(a for a in scope[name.value] if hasattr(a, "node"))
    except Exception:  # pragma: no cover - defensive: unusual scopes
        return ()


def _assigned_value(program: ProgramIndex, target: cst.CSTNode) -> cst.CSTNode | None:
    """For a Name bound by `name = value`, the value; None for any other kind of binding."""
    parent = program.parent(target)
    if isinstance(parent, cst.AssignTarget):
        assign = program.parent(parent)
        if isinstance(assign, cst.Assign) and len(assign.targets) == 1:
            return assign.value
    return None


def _is_numeric(program: ProgramIndex, expr: cst.CSTNode, depth: int = 0) -> bool:
    """Conservatively: does this expression always hold a number (int or float)?"""
    if depth > 6:
        return False
    if isinstance(expr, cst.Integer | cst.Float):
        return True
    if isinstance(expr, cst.UnaryOperation):
        return _is_numeric(program, expr.expression, depth + 1)
    if isinstance(expr, cst.Call):
        return _call_name(expr) in _NUMERIC_CALLS or (_call_name(expr) or "").startswith(
            ("math.", "random.randint"))
    if isinstance(expr, cst.Attribute):
        return isinstance(expr.value, cst.Name) and expr.value.value == "math"
    if isinstance(expr, cst.BinaryOperation):
        if isinstance(expr.operator, cst.Modulo):
            return _is_numeric(program, expr.left, depth + 1)
        return (_is_numeric(program, expr.left, depth + 1)
                and _is_numeric(program, expr.right, depth + 1))
    if isinstance(expr, cst.Name):
        found = _assignments(program, expr)
        if not found:
            return False
        for assignment in found:
            node = assignment.node
            parent = program.parent(node)
            if isinstance(parent, cst.AugAssign):
                continue
            if isinstance(parent, cst.For) and parent.target is node:
                if _call_name(parent.iter) == "range":
                    continue
                return False
            value = _assigned_value(program, node)
            if value is None or not _is_numeric(program, value, depth + 1):
                return False
        return True
    return False


def _is_text(program: ProgramIndex, expr: cst.CSTNode, depth: int = 0) -> bool:
    """Conservatively: does this expression hold a string?"""
    if depth > 6:
        return False
    if isinstance(expr, cst.SimpleString | cst.FormattedString | cst.ConcatenatedString):
        return True
    if isinstance(expr, cst.Call):
        name = _call_name(expr) or ""
        return name in ("str", "input") or (isinstance(expr.func, cst.Attribute)
                                            and expr.func.attr.value in _STR_METHODS)
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        return _is_text(program, expr.left, depth + 1) or _is_text(program, expr.right,
                                                                   depth + 1)
    if isinstance(expr, cst.Name):
        found = _assignments(program, expr)
        if not found:
            return False
        for assignment in found:
            parent = program.parent(assignment.node)
            if isinstance(parent, cst.AugAssign):
                continue
            value = _assigned_value(program, assignment.node)
            if value is None or not _is_text(program, value, depth + 1):
                return False
        return True
    return False


def _is_variable(program: ProgramIndex, name: cst.Name) -> bool:
    """A Name that refers to a variable the program assigns (not a builtin, function,
    module or parameter-less unknown)."""
    found = _assignments(program, name)
    return bool(found) and all(
        isinstance(program.parent(a.node), cst.AssignTarget | cst.AugAssign | cst.For)
        or isinstance(a.node, cst.Param) for a in found)


def _op_token(program: ProgramIndex, start: int, end: int, strings: tuple[str, ...]):
    """(start, end, text) of the first operator token in [start, end) among `strings`."""
    for token, token_start, token_end, _depth in program.tokens_between(start, end):
        if token.string in strings:
            return token_start, token_end, token.string
    return None


def _token_before(program: ProgramIndex, offset: int):
    """The last real token that ends at or before `offset`."""
    before = None
    for located in program.located_tokens:
        token = located[0]
        if located[2] > offset:
            break
        if token.type not in (tokenize.NL, tokenize.COMMENT):
            before = located
    return before


def _token_after(program: ProgramIndex, offset: int):
    """The first real token that starts at or after `offset`."""
    for located in program.located_tokens:
        if located[1] >= offset and located[0].type not in (tokenize.NL, tokenize.COMMENT):
            return located
    return None


def _statement_is_one_line(program: ProgramIndex, statement: cst.CSTNode) -> bool:
    where = program.range(statement)
    return where.start.line == where.end.line


def _body_statements(block: cst.CSTNode) -> list[cst.CSTNode]:
    body = getattr(block, "body", ())
    return list(body) if isinstance(body, list | tuple) else []


def _changed_number(text: str) -> str | None:
    """The slip a person makes with a number: an extra zero on a whole number of ten or
    more, one more for a small whole number, the decimal point one place off for a
    decimal."""
    if text.isdigit():
        value = int(text)
        return text + "0" if value >= 10 else str(value + 1)
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if "." not in text or "e" in text.lower() or number == 0:
        return None
    return format(number.scaleb(-1), "f")


_ORDERING = cst.LessThan | cst.LessThanEqual | cst.GreaterThan | cst.GreaterThanEqual


@register
class WrongConstant(Injector):
    """A literal in a condition or calculation changed (`total <= 1000` for `total <= 100`)."""

    id = "wrong_constant"
    error_class = LOGICAL
    explanations = (
        "Line {{ line }}: the value `{{ old }}` has been changed to `{{ new }}`, so the "
        "{{ role }} uses the wrong number - a logical error.",
        "Line {{ line }}: `{{ new }}` should be `{{ old }}`; the program still runs, but "
        "its {{ role }} gives a wrong result, which is a logical error.",
        "Line {{ line }}: a mistyped number: `{{ old }}` became `{{ new }}`, so the "
        "{{ role }} is off and some answers are wrong (a logical error).",
    )
    why = ("A number typed into a program looks right at a glance; novices check that the "
           "program runs, not that every threshold and factor has the intended value.")
    examples = (
        Example("price = float(input())\nif price >= 100:\n    price = price * 0.9\n"
                "print(price)\n",
                "price = float(input())\nif price >= 1000:\n    price = price * 0.9\n"
                "print(price)\n", stdin=(("150",), ("20",)), line=2),
        Example("price = float(input())\nprint(price * 0.2)\n",
                "price = float(input())\nprint(price * 0.02)\n", stdin=(("10",),), line=2),
    )
    no_site = "for i in range(10):\n    print(i)\n"

    def sites(self, program: ProgramIndex):
        loop_names = _loop_control_names(program)
        guarded = _index_names(program)
        for node in program.nodes(cst.Integer, cst.Float):
            parent = program.parent(node)
            if isinstance(parent, cst.UnaryOperation):
                parent = program.parent(parent)
            if isinstance(parent, cst.ComparisonTarget):
                # Thresholds only: `==` against a changed value stops matching input
                # altogether, and a changed `0` guard turns into a division by zero.
                if not isinstance(parent.operator, _ORDERING) or program.text(node) == "0":
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
            else:
                continue
            if _in_part(program, node, cst.While, "test") or _inside_guarded(program, node):
                continue
            if role != "condition" and self._feeds_guarded(program, node, guarded | loop_names):
                continue
            old = program.text(node)
            new = _changed_number(old)
            if new is None or new == old:
                continue
            start, end = program.span(node)
            yield self.edit(program, start, end, new, old=old, new=new, role=role)

    @staticmethod
    def _feeds_guarded(program: ProgramIndex, node: cst.CSTNode, guarded: set[str]) -> bool:
        """A calculation whose result is stored in a name used as an index or loop bound."""
        statement = program.statement_of(node)
        for small in _body_statements(statement):
            if isinstance(small, cst.Assign | cst.AugAssign):
                targets = ([t.target for t in small.targets] if isinstance(small, cst.Assign)
                           else [small.target])
                if any(_names_in(t) & guarded for t in targets):
                    return True
        return False


@register
class OffByOneRange(Injector):
    """The end of `range()` one too small (`range(1, n)` for `range(1, n + 1)`)."""

    id = "off_by_one_range"
    error_class = LOGICAL
    explanations = (
        "Line {{ line }}: `range()` stops before its end value, so `{{ new }}` makes the "
        "loop stop one step early (the last value, {{ last }}, is skipped) - a logical error.",
        "Line {{ line }}: the end of the range was `{{ old }}` and is now `{{ new }}`; "
        "`range()` never includes its end, so one pass of the loop is lost, a logical error.",
        "Line {{ line }}: with `{{ new }}` as the end of `range()` the loop misses its "
        "final value; the program runs but its answer is wrong (logical error).",
    )
    why = ("Novices expect `range(1, n)` to include n; the rule that the end value is "
           "excluded is the classic source of off-by-one loops.")
    examples = (
        Example("n = int(input())\ntotal = 0\nfor i in range(1, n + 1):\n    total += i\n"
                "print(total)\n",
                "n = int(input())\ntotal = 0\nfor i in range(1, n):\n    total += i\n"
                "print(total)\n", stdin=(("4",),), line=3),
        Example("for i in range(1, 6):\n    print(i * i)\n",
                "for i in range(1, 5):\n    print(i * i)\n", line=1),
    )
    no_site = "for i in range(10, 0, -1):\n    print(i)\n"

    def sites(self, program: ProgramIndex):
        for call in program.nodes(cst.Call):
            if _call_name(call) != "range" or not 1 <= len(call.args) <= 2:
                continue
            stop = call.args[-1].value
            old = program.text(stop)
            last = None
            if isinstance(stop, cst.BinaryOperation) and isinstance(stop.operator, cst.Add) \
                    and isinstance(stop.right, cst.Integer) and stop.right.value == "1":
                new = program.text(stop.left)
                last = new
            elif isinstance(stop, cst.Integer) and stop.value.isdigit() \
                    and int(stop.value) >= 2:
                new = str(int(stop.value) - 1)
                last = new
            elif _call_name(stop) == "len" and len(call.args) == 2:
                new = f"{old} - 1"
                last = f"{old} - 1"
            else:
                continue
            start, end = program.span(stop)
            yield self.edit(program, start, end, new, old=old, new=new, last=last)


@register
class MissingFPrefix(Injector):
    """The `f` left off an f-string (`"Hi {name}"` for `f"Hi {name}"`)."""

    id = "missing_f_prefix"
    error_class = LOGICAL
    explanations = (
        "Line {{ line }}: the `f` before the string is missing, so `{{ '{' }}{{ expr }}"
        "{{ '}' }}` is printed literally instead of the value of `{{ expr }}` - a "
        "logical error.",
        "Line {{ line }}: without the `f` prefix Python treats the braces as ordinary "
        "characters, so the text shows `{{ '{' }}{{ expr }}{{ '}' }}` rather than its "
        "value; the program runs but the output is wrong (logical error).",
        "Line {{ line }}: this string needs an `f` in front of its opening quote; "
        "without it the placeholder for `{{ expr }}` is never filled in, a logical error.",
    )
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
    explanations = (
        "Line {{ line }}: `{{ name }}` is written in quotes, so the program prints the "
        "word \"{{ name }}\" instead of the value stored in the variable - a logical error.",
        "Line {{ line }}: the quotes turn `{{ name }}` into a piece of text; Python shows "
        "the letters {{ quoted }} rather than what `{{ name }}` holds, which is a logical "
        "error.",
        "Line {{ line }}: to show the value of `{{ name }}` the name must appear without "
        "quotes; with quotes the output is the same word every time (logical error).",
    )
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
                if _call_name(call) not in ("print", "str"):
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


_AUG_TYPO = {cst.AddAssign: ("+=", "=+", "adds to", "plus"),
             cst.SubtractAssign: ("-=", "=-", "subtracts from", "minus")}


@register
class AugassignTypo(Injector):
    """`+=` typed as `=+` (`total =+ n` for `total += n`), so the variable is replaced."""

    id = "augassign_typo"
    error_class = LOGICAL
    explanations = (
        "Line {{ line }}: `{{ new }}` is not `{{ old }}`: Python reads `{{ target }} "
        "{{ new }} {{ value }}` as `{{ target }} = {{ sign }}{{ value }}`, so the old value "
        "of `{{ target }}` is thrown away - a logical error.",
        "Line {{ line }}: the operator is written `{{ new }}` where `{{ old }}` was meant; "
        "instead of updating `{{ target }}` the line overwrites it, a logical error.",
        "Line {{ line }}: `{{ old }}` {{ verb }} `{{ target }}`, but `{{ new }}` simply "
        "stores {{ sign }}`{{ value }}` in it, so only the last value counts (logical "
        "error).",
    )
    why = ("`=+` and `+=` use the same two characters, and Python accepts both: `=+` is an "
           "assignment of a positive value, so nothing warns the novice.")
    examples = (
        Example("total = 0\nfor n in [3, 4, 5]:\n    total += n\nprint(total)\n",
                "total = 0\nfor n in [3, 4, 5]:\n    total =+ n\nprint(total)\n", line=3),
    )
    no_site = "words = ''\nfor w in ['a', 'b']:\n    words += w\nprint(words)\n"

    def sites(self, program: ProgramIndex):
        loop_names = _loop_control_names(program)
        for node in program.nodes(cst.AugAssign):
            kind = _AUG_TYPO.get(type(node.operator))
            if kind is None:
                continue
            target = node.target
            if _names_in(target) & loop_names:
                continue
            numeric = _is_numeric(program, node.value) or (
                isinstance(target, cst.Name) and _is_numeric(program, target))
            if not numeric:
                continue
            old, new, verb, _word = kind
            found = _op_token(program, program.span(target)[1], program.span(node.value)[0],
                              (old,))
            if found is None:
                continue
            sign = "+" if old == "+=" else "-"
            yield self.edit(program, found[0], found[1], new, old=old, new=new, verb=verb,
                            target=program.text(target), value=program.text(node.value),
                            sign=sign)


@register
class IntegerDivision(Injector):
    """`/` and `//` confused (`total // count` for `total / count`)."""

    id = "integer_division"
    error_class = LOGICAL
    explanations = (
        "Line {{ line }}: `{{ new }}` is used instead of `{{ old }}`, so {{ effect }} - a "
        "logical error.",
        "Line {{ line }}: the division `{{ expr }}` should use `{{ old }}`; with "
        "`{{ new }}` {{ effect }}, which is a logical error.",
        "Line {{ line }}: Python has two divisions: `/` keeps the decimals and `//` "
        "rounds down to a whole number. Here `{{ new }}` replaced `{{ old }}`, so "
        "{{ effect }} (logical error).",
    )
    why = ("Novices expect one division operator; that `//` rounds down and `/` always "
           "gives a decimal is a rule of Python they have not yet met.")
    examples = (
        Example("a = int(input())\nb = int(input())\nprint((a + b) / 2)\n",
                "a = int(input())\nb = int(input())\nprint((a + b) // 2)\n",
                stdin=(("3", "4"),), line=3),
        Example("m = int(input())\nprint(m // 60, 'hours')\n",
                "m = int(input())\nprint(m / 60, 'hours')\n", stdin=(("90",),), line=2),
    )
    no_site = "print(7 * 2)\n"

    def sites(self, program: ProgramIndex):
        guarded = _index_names(program)
        for node in program.nodes(cst.BinaryOperation):
            if isinstance(node.operator, cst.Divide):
                old, new = "/", "//"
                effect = "the decimal part of the result is lost"
            elif isinstance(node.operator, cst.FloorDivide):
                if _inside_guarded(program, node) or \
                        WrongConstant._feeds_guarded(program, node, guarded):
                    continue
                old, new = "//", "/"
                effect = "the result keeps a decimal part where a whole number was wanted"
            else:
                continue
            start, end = program.span(node.operator)
            yield self.edit(program, start, end, new, old=old, new=new, effect=effect,
                            expr=program.text(node))
