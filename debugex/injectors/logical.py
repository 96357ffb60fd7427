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
    label = "a boundary slip in a comparison (`>` for `>=`, or the comparison reversed)"
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
                if _test_steers_input(program, node):
                    continue
                target = program.parent(node)
                zero_guard = isinstance(target, cst.ComparisonTarget) and isinstance(
                    target.comparator, cst.Integer) and target.comparator.value == "0"
                start, end = program.span(node)
                old = program.source[start:end]
                for new in replacements:
                    if zero_guard and new.rstrip("=") == old.rstrip("="):
                        # `count > 0` guards a division or an index: letting 0 through
                        # is a crash, not a wrong answer.
                        continue
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


_NOT_CODE = (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT)


def _token_before(program: ProgramIndex, offset: int):
    """The last real token that ends at or before `offset`."""
    before = None
    for located in program.located_tokens:
        token = located[0]
        if located[2] > offset:
            break
        if token.type not in _NOT_CODE:
            before = located
    return before


def _token_after(program: ProgramIndex, offset: int):
    """The first real token that starts at or after `offset`."""
    for located in program.located_tokens:
        if located[1] >= offset and located[0].type not in _NOT_CODE:
            return located
    return None


def _test_steers_input(program: ProgramIndex, node: cst.CSTNode) -> bool:
    """Is the node in the test of an `if`/`elif` whose branches read input, or of a loop
    whose body does? Sending a value down the other branch, or looping once more or less,
    then reads more or fewer inputs than the scenario holds."""
    child = node
    for ancestor in program.ancestors(node):
        if isinstance(ancestor, cst.If | cst.While) and ancestor.test is child:
            return _has_input(ancestor.body) or (
                ancestor.orelse is not None and _has_input(ancestor.orelse))
        child = ancestor
    return False


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
        "Line {{ line }}: the `f` before the string is missing, so the placeholder for "
        "`{{ expr }}` is printed as it is, braces and all, instead of its value - a "
        "logical error.",
        "Line {{ line }}: without the `f` prefix Python treats the braces as ordinary "
        "characters, so the text shows the name `{{ expr }}` rather than its value; the "
        "program runs but the output is wrong (logical error).",
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


_AUG_TYPO = {cst.AddAssign: ("+=", "=+", "adds to"),
             cst.SubtractAssign: ("-=", "=-", "subtracts from")}


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
        "stores `{{ sign }}{{ value }}` in it, so only the last value counts (logical "
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
            old, new, verb = kind
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


def _block_of(program: ProgramIndex, statement: cst.CSTNode):
    """(the block holding the statement, its position there) or (None, -1)."""
    block = program.parent(statement)
    body = _body_statements(block) if block is not None else []
    for index, item in enumerate(body):
        if item is statement:
            return block, index
    return None, -1


def _has_input(node: cst.CSTNode) -> bool:
    return any(_call_name(n) == "input" for n in _walk(node))


def _dominating_assignment(program: ProgramIndex, statement: cst.CSTNode, name: str) -> bool:
    """Is `name` already given a value by an earlier statement that always runs before
    this one (an earlier statement of this block or of a block around it)?"""
    current = statement
    while current is not None:
        block, index = _block_of(program, current)
        if block is None:
            break
        for earlier in _body_statements(block)[:index]:
            if isinstance(earlier, cst.SimpleStatementLine):
                for small in earlier.body:
                    if isinstance(small, cst.Assign) and any(
                            isinstance(t.target, cst.Name) and t.target.value == name
                            for t in small.targets):
                        return True
        owner = program.parent(block)
        if isinstance(owner, cst.FunctionDef | cst.ClassDef):
            break
        current = owner
        # an If inside an elif chain: climb to the statement that holds the chain
        while isinstance(program.parent(current), cst.If | cst.Else):
            current = program.parent(current)
    return False


@register
class MissingStatement(Injector):
    """A needed statement left out (`count += 1` deleted, so the count never changes)."""

    id = "missing_statement"
    error_class = LOGICAL
    explanations = (
        "Line {{ line }}: the statement `{{ statement }}` has been removed from here, so "
        "{{ effect }} - a logical error.",
        "Line {{ line }}: a step is missing: `{{ statement }}` used to be on this line. "
        "Without it {{ effect }}; the program runs but the result is wrong (logical "
        "error).",
        "Line {{ line }}: the program forgets to do `{{ statement }}` at this point, so "
        "{{ effect }}, which is a logical error.",
    )
    why = ("Novices write the steps they think of first and skip the ones that feel "
           "obvious, such as updating a counter or storing a new value.")
    examples = (
        Example("count = 0\nfor word in ['a', 'bb', 'ccc']:\n    print(word)\n"
                "    count += 1\nprint(count)\n",
                "count = 0\nfor word in ['a', 'bb', 'ccc']:\n    print(word)\n"
                "print(count)\n", line=4),
    )
    no_site = "n = int(input())\nwhile n > 0:\n    print(n)\n    n -= 1\n"

    def sites(self, program: ProgramIndex):
        loop_names = _loop_control_names(program)
        for line in program.nodes(cst.SimpleStatementLine):
            if len(line.body) != 1 or not _statement_is_one_line(program, line):
                continue
            block, _index = _block_of(program, line)
            if block is None or len(_body_statements(block)) < 2 or _has_input(line):
                continue
            small = line.body[0]
            described = self._describe(program, line, small)
            if described is None:
                continue
            changed, effect = described
            if changed & loop_names:
                continue
            number = program.line(line)
            start, end = program.line_span(number)
            yield self.edit(program, start, end, "", statement=program.text(small),
                            effect=effect)

    @staticmethod
    def _describe(program: ProgramIndex, line: cst.CSTNode, small: cst.CSTNode):
        """(names the statement changes, what goes wrong without it), or None."""
        if isinstance(small, cst.AugAssign):
            target = program.text(small.target)
            return _names_in(small.target), f"`{target}` is not updated"
        if isinstance(small, cst.Expr) and isinstance(small.value, cst.Call) \
                and isinstance(small.value.func, cst.Attribute) \
                and isinstance(small.value.func.value, cst.Name):
            receiver = small.value.func.value.value
            if receiver in ("random", "math", "time", "sys", "os"):
                return None
            method = small.value.func.attr.value
            return {receiver}, f"`{receiver}` is not changed by `.{method}()`"
        if isinstance(small, cst.Del):
            return _names_in(small.target), "the entry is never deleted"
        if isinstance(small, cst.Assign) and len(small.targets) == 1 \
                and isinstance(small.targets[0].target, cst.Name):
            name = small.targets[0].target.value
            if name in _names_in(small.value) or _dominating_assignment(program, line, name):
                verb = ("keeps its old value" if name in _names_in(small.value)
                        else "keeps the value it had before")
                return {name}, f"`{name}` {verb}"
        return None


@register
class AndOrConfusion(Injector):
    """`and` and `or` swapped (`x < 1 or x > 10` became `x < 1 and x > 10`)."""

    id = "and_or_confusion"
    error_class = LOGICAL
    explanations = (
        "Line {{ line }}: `{{ new }}` was used instead of `{{ old }}`, so {{ effect }} - "
        "a logical error.",
        "Line {{ line }}: the condition `{{ condition }}` joins its parts with "
        "`{{ new }}` where `{{ old }}` is needed; {{ effect }}, which is a logical error.",
        "Line {{ line }}: with `{{ new }}` in place of `{{ old }}` the test no longer "
        "means what the program needs: {{ effect }} (logical error).",
    )
    why = ("In everyday speech 'and' and 'or' are used loosely ('numbers less than 1 and "
           "more than 10'), so novices translate the sentence instead of the logic.")
    examples = (
        Example("x = int(input())\nif x < 1 or x > 10:\n    print('out of range')\nelse:\n"
                "    print('ok')\n",
                "x = int(input())\nif x < 1 and x > 10:\n    print('out of range')\nelse:\n"
                "    print('ok')\n", stdin=(("0",), ("5",)), line=2),
    )
    no_site = "x = 3\nif x > 2:\n    print(x)\n"

    def sites(self, program: ProgramIndex):
        for node in program.nodes(cst.BooleanOperation):
            if _in_part(program, node, cst.While, "test") or _test_steers_input(program, node):
                continue
            if any(isinstance(n, cst.Subscript | cst.Call) for n in _walk(node.right)):
                continue  # the left part may be what keeps the right part safe
            if self._equalities(node):
                continue
            if isinstance(node.operator, cst.And):
                old, new = "and", "or"
                effect = "one true part is now enough where all of them had to hold"
            else:
                old, new = "or", "and"
                effect = "every part must now hold where one of them was enough"
            start, end = program.span(node.operator)
            yield self.edit(program, start, end, new, old=old, new=new, effect=effect,
                            condition=program.text(node))

    @staticmethod
    def _equalities(node: cst.BooleanOperation) -> bool:
        """Every part compares two variables for equality (`a == b and b == c`): such
        parts are linked (two of them imply the third), so and/or rarely differ."""
        parts = [node.left, node.right]
        while parts:
            part = parts.pop()
            if isinstance(part, cst.BooleanOperation):
                parts += [part.left, part.right]
            elif not (isinstance(part, cst.Comparison) and len(part.comparisons) == 1
                      and isinstance(part.comparisons[0].operator, cst.Equal)
                      and isinstance(part.left, cst.Name)
                      and isinstance(part.comparisons[0].comparator, cst.Name)):
                return False
        return True


def _ends_with_jump(block: cst.CSTNode) -> bool:
    body = _body_statements(block)
    if not body:
        return False
    last = body[-1]
    return isinstance(last, cst.SimpleStatementLine) and isinstance(
        last.body[-1], cst.Return | cst.Break | cst.Continue | cst.Raise)


def _chain_head(program: ProgramIndex, node: cst.If) -> list[cst.If]:
    """The branches before this elif, nearest first."""
    earlier = []
    parent = program.parent(node)
    while isinstance(parent, cst.If) and parent.orelse is node:
        earlier.append(parent)
        node, parent = parent, program.parent(parent)
    return earlier


@register
class ElifToIf(Injector):
    """`elif` turned into `if`, so a second branch runs as well (`if x > 5:` for `elif`)."""

    id = "elif_to_if"
    error_class = LOGICAL
    explanations = (
        "Line {{ line }}: `elif` became `if`, so the test `{{ test }}` is checked even "
        "after an earlier branch has run, and two branches can both run - a logical error.",
        "Line {{ line }}: this line starts a new `if` instead of continuing the chain "
        "with `elif`; the earlier branches no longer exclude `{{ test }}`, a logical error.",
        "Line {{ line }}: because the chain was broken with `if` here, a value handled by "
        "an earlier branch also reaches `{{ test }}`{{ tail }} (logical error).",
    )
    why = ("Novices read each `if` as a separate question and do not see that `elif` is "
           "what makes the branches exclude each other.")
    examples = (
        Example("t = int(input())\nif t > 25:\n    print('hot')\nelif t > 15:\n"
                "    print('warm')\nelse:\n    print('cold')\n",
                "t = int(input())\nif t > 25:\n    print('hot')\nif t > 15:\n"
                "    print('warm')\nelse:\n    print('cold')\n",
                stdin=(("30",), ("20",)), line=4),
    )
    no_site = "t = 3\nif t > 2:\n    print(t)\nelse:\n    print(0)\n"

    def sites(self, program: ProgramIndex):
        for node in program.nodes(cst.If):
            earlier = _chain_head(program, node)
            if not earlier or all(_ends_with_jump(branch.body) for branch in earlier):
                continue
            start = program.span(node)[0]
            keyword = _token_after(program, start)
            if keyword is None or keyword[0].string != "elif":
                continue
            tail = ", and its `else` branch can run too" if isinstance(node.orelse, cst.Else) \
                else ""
            yield self.edit(program, keyword[1], keyword[2], "if",
                            test=program.text(node.test), tail=tail)


def _threshold(test: cst.CSTNode):
    """(left text, direction, constant) for a test like `mark >= 90`, else None."""
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return None
    target = test.comparisons[0]
    value = target.comparator
    sign = 1
    if isinstance(value, cst.UnaryOperation) and isinstance(value.operator, cst.Minus):
        value, sign = value.expression, -1
    if not isinstance(value, cst.Integer | cst.Float):
        return None
    if isinstance(target.operator, cst.GreaterThan | cst.GreaterThanEqual):
        direction = ">"
    elif isinstance(target.operator, cst.LessThan | cst.LessThanEqual):
        direction = "<"
    else:
        return None
    return test.left, direction, sign * float(value.evaluated_value)


@register
class BranchOrder(Injector):
    """A broad test placed before a narrow one (`m >= 50` checked before `m >= 90`)."""

    id = "branch_order"
    error_class = LOGICAL
    explanations = (
        "Line {{ line }}: the broader test `{{ broad }}` now comes before `{{ narrow }}`, "
        "so the branch for `{{ narrow }}` can never run - a logical error.",
        "Line {{ line }}: the branches are in the wrong order: every value that passes "
        "`{{ narrow }}` also passes `{{ broad }}`, which is checked first, so it is "
        "handled by the wrong branch (logical error).",
        "Line {{ line }}: an `if`/`elif` chain stops at the first true test; with "
        "`{{ broad }}` first, the stricter `{{ narrow }}` is never reached, a logical "
        "error.",
    )
    why = ("Novices think of all the tests of a chain as checked together, not in order, "
           "so they do not see that the first true test wins.")
    examples = (
        Example("m = int(input())\nif m >= 90:\n    print('A')\nelif m >= 70:\n"
                "    print('B')\nelif m >= 50:\n    print('pass')\nelse:\n    print('fail')\n",
                "m = int(input())\nif m >= 90:\n    print('A')\nelif m >= 50:\n"
                "    print('pass')\nelif m >= 70:\n    print('B')\nelse:\n    print('fail')\n",
                stdin=(("75",), ("55",)), line=4),
    )
    no_site = "m = int(input())\nif m >= 50:\n    print('pass')\nelse:\n    print('fail')\n"

    def sites(self, program: ProgramIndex):
        for first in program.nodes(cst.If):
            second = first.orelse
            if not isinstance(second, cst.If):
                continue
            one, two = _threshold(first.test), _threshold(second.test)
            if one is None or two is None or one[1] != two[1] \
                    or program.text(one[0]) != program.text(two[0]):
                continue
            narrower = one[2] > two[2] if one[1] == ">" else one[2] < two[2]
            if not narrower:
                continue
            t1, t2 = program.span(first.test), program.span(second.test)
            b1, b2 = program.span(first.body), program.span(second.body)
            source = program.source
            replacement = (source[t2[0]:t2[1]] + source[t1[1]:b1[0]]
                           + source[b2[0]:b2[1]] + source[b1[1]:t2[0]]
                           + source[t1[0]:t1[1]] + source[t2[1]:b2[0]]
                           + source[b1[0]:b1[1]])
            yield self.edit(program, t1[0], b2[1], replacement,
                            broad=program.text(second.test), narrow=program.text(first.test))


_LEVEL = {cst.Add: 1, cst.Subtract: 1, cst.Multiply: 2, cst.Divide: 2, cst.FloorDivide: 2,
          cst.Modulo: 2, cst.Power: 3}
_NOT_ASSOCIATIVE = (cst.Subtract, cst.Divide, cst.FloorDivide, cst.Modulo)


@register
class Precedence(Injector):
    """Brackets dropped so the operators group differently (`a + b / 2` for `(a + b) / 2`)."""

    id = "precedence"
    error_class = LOGICAL
    explanations = (
        "Line {{ line }}: without the brackets round `{{ inner }}`, Python does `{{ op }}` "
        "first, so only `{{ near }}` is used with it - a logical error.",
        "Line {{ line }}: `{{ new }}` is not the same as `{{ old }}`: Python works out "
        "`{{ op }}` before `{{ inner_op }}`, so the result is wrong (logical error).",
        "Line {{ line }}: the brackets that made `{{ inner }}` happen first are missing; "
        "operator precedence now groups the calculation differently, a logical error.",
    )
    why = ("Novices write a formula in the order they would say it and forget that `*` "
           "and `/` are done before `+` and `-` unless brackets say otherwise.")
    examples = (
        Example("a = int(input())\nb = int(input())\nprint((a + b) / 2)\n",
                "a = int(input())\nb = int(input())\nprint(a + b / 2)\n",
                stdin=(("4", "6"),), line=3),
        Example("w = 3\nh = 4\nprint(2 * (w + h))\n", "w = 3\nh = 4\nprint(2 * w + h)\n",
                line=3),
    )
    no_site = "a = 2\nprint((a * 3) + 1)\n"

    def sites(self, program: ProgramIndex):
        guarded = _index_names(program)
        for outer in program.nodes(cst.BinaryOperation):
            outer_level = _LEVEL.get(type(outer.operator))
            if outer_level is None or _inside_guarded(program, outer) \
                    or WrongConstant._feeds_guarded(program, outer, guarded) \
                    or any((_call_name(a) or "").startswith("math.")
                           for a in program.ancestors(outer)):
                continue
            if _is_text(program, outer.left) or _is_text(program, outer.right):
                continue
            for side in ("left", "right"):
                inner = getattr(outer, side)
                if not isinstance(inner, cst.BinaryOperation) or not inner.lpar:
                    continue
                inner_level = _LEVEL.get(type(inner.operator))
                if inner_level is None:
                    continue
                changes = inner_level < outer_level or (
                    inner_level == outer_level and side == "right"
                    and isinstance(outer.operator, _NOT_ASSOCIATIVE))
                if not changes:
                    continue
                opening = _token_before(program, program.span(inner)[0])
                closing = _token_after(program, program.span(inner)[1])
                if opening is None or closing is None or opening[0].string != "(" \
                        or closing[0].string != ")":
                    continue
                inner_text = program.text(inner)
                replacement = inner_text
                old = program.text(outer)
                start, end = opening[1], closing[2]
                outer_start, outer_end = program.span(outer)
                new = (program.source[outer_start:start] + replacement
                       + program.source[end:outer_end])
                near = program.text(inner.right if side == "left" else inner.left)
                yield self.edit(program, start, end, replacement, inner=inner_text,
                                old=old, new=new, near=near,
                                op=program.text(outer.operator),
                                inner_op=program.text(inner.operator))


_SWAP = {cst.Add: ("+", "-", "added", "subtracted"),
         cst.Subtract: ("-", "+", "subtracted", "added"),
         cst.Multiply: ("*", "+", "multiplied", "added"),
         cst.Divide: ("/", "*", "divided", "multiplied")}


@register
class WrongOperator(Injector):
    """An arithmetic operator swapped for another (`a * b` for `a + b`)."""

    id = "wrong_operator"
    error_class = LOGICAL
    explanations = (
        "Line {{ line }}: in `{{ expr }}` the values are {{ new_verb }} instead of "
        "{{ old_verb }}: `{{ new }}` should be `{{ old }}` - a logical error.",
        "Line {{ line }}: the operator `{{ new }}` is wrong here; the calculation needs "
        "`{{ old }}`, so the program prints a wrong value (logical error).",
        "Line {{ line }}: `{{ new }}` has taken the place of `{{ old }}`, so the result of "
        "`{{ expr }}` is not what the program should compute, a logical error.",
    )
    why = ("Novices type a formula from memory and check only that it runs; a slipped "
           "operator gives a plausible-looking number that they do not question.")
    examples = (
        Example("w = float(input())\nh = float(input())\nprint(w * h)\n",
                "w = float(input())\nh = float(input())\nprint(w + h)\n",
                stdin=(("3", "4"),), line=3),
    )
    no_site = "print('ab' + 'cd')\nprint('-' * 10)\n"

    def sites(self, program: ProgramIndex):
        guarded = _index_names(program)
        for node in program.nodes(cst.BinaryOperation):
            swap = _SWAP.get(type(node.operator))
            if swap is None or _inside_guarded(program, node) \
                    or WrongConstant._feeds_guarded(program, node, guarded):
                continue
            left, right = node.left, node.right
            if _is_text(program, left) or _is_text(program, right) \
                    or isinstance(left, cst.List | cst.Tuple) \
                    or isinstance(right, cst.List | cst.Tuple):
                continue
            if isinstance(node.operator, cst.Add | cst.Multiply):
                # a number on one side proves both are numbers (str + int fails)
                if not (_is_numeric(program, left) or _is_numeric(program, right)):
                    continue
            old, new, old_verb, new_verb = swap
            start, end = program.span(node.operator)
            yield self.edit(program, start, end, new, old=old, new=new, old_verb=old_verb,
                            new_verb=new_verb, expr=program.text(node))


@register
class VariableMisuse(Injector):
    """A similar variable used in place of the right one (`2 * (w + w)` for `2 * (w + h)`)."""

    id = "variable_misuse"
    error_class = LOGICAL
    explanations = (
        "Line {{ line }}: `{{ wrong }}` is used where `{{ right }}` was meant, so "
        "`{{ new }}` gives a wrong result - a logical error.",
        "Line {{ line }}: the expression should be `{{ old }}`, but it uses "
        "`{{ wrong }}` twice; the value of `{{ right }}` is ignored (logical error).",
        "Line {{ line }}: the wrong variable: `{{ right }}` was replaced by `{{ wrong }}`, "
        "so the program computes with the wrong value, which is a logical error.",
    )
    why = ("With several variables of the same kind (width and height, first and second) "
           "novices copy a line and forget to change one name.")
    examples = (
        Example("w = float(input())\nh = float(input())\nprint(2 * (w + h))\n",
                "w = float(input())\nh = float(input())\nprint(2 * (w + w))\n",
                stdin=(("3", "4"),), line=3),
    )
    no_site = "w = 3\nprint(w * 2)\n"

    def sites(self, program: ProgramIndex):
        guarded = _index_names(program)
        for node in program.nodes(cst.BinaryOperation, cst.Comparison):
            if isinstance(node, cst.BinaryOperation):
                if not isinstance(node.operator, cst.Add | cst.Subtract | cst.Multiply):
                    continue
                left, right = node.left, node.right
                if isinstance(node.operator, cst.Multiply) and not (
                        _is_numeric(program, left) and _is_numeric(program, right)):
                    continue
            else:
                if len(node.comparisons) != 1 or not isinstance(
                        node.comparisons[0].operator, _ORDERING | cst.Equal | cst.NotEqual):
                    continue
                left, right = node.left, node.comparisons[0].comparator
            if any(isinstance(a, cst.BooleanOperation) for a in program.ancestors(node)):
                continue  # the other parts of a compound test often decide it alone
            if not (isinstance(left, cst.Name) and isinstance(right, cst.Name)) \
                    or left.value == right.value:
                continue
            if not (_is_variable(program, left) and _is_variable(program, right)):
                continue
            if _in_part(program, node, cst.While, "test") or _test_steers_input(program, node) \
                    or _inside_guarded(program, node) \
                    or WrongConstant._feeds_guarded(program, node, guarded):
                continue
            old = program.text(node)
            for replaced, kept in ((left, right), (right, left)):
                start, end = program.span(replaced)
                node_start, node_end = program.span(node)
                new = (program.source[node_start:start] + kept.value
                       + program.source[end:node_end])
                yield self.edit(program, start, end, kept.value, wrong=kept.value,
                                right=replaced.value, old=old, new=new)


def _loop_body_indent(program: ProgramIndex, loop: cst.CSTNode) -> str | None:
    body = _body_statements(loop.body)
    if not body or not isinstance(loop.body, cst.IndentedBlock):
        return None
    return program.indent_of(program.line(body[0]))


def _line_indent_span(program: ProgramIndex, statement: cst.CSTNode) -> tuple[int, int]:
    """Offsets of the indentation in front of a statement."""
    where = program.range(statement).start
    return program.offset(where.line, 0), program.offset(where.line, where.column)


@register
class ReturnInLoop(Injector):
    """`return` indented into the loop, so the function stops after the first item."""

    id = "return_in_loop"
    error_class = LOGICAL
    explanations = (
        "Line {{ line }}: `return {{ value }}` is now inside the loop, so the function "
        "stops during the first pass and returns too early - a logical error.",
        "Line {{ line }}: the `return` belongs after the loop; indented into it, it ends "
        "the function as soon as the loop body has run once (logical error).",
        "Line {{ line }}: because `return {{ value }}` is part of the loop body, the "
        "loop never gets past its first round, so the result is wrong, a logical error.",
    )
    why = ("Novices see the `return` as the last step of the calculation and do not "
           "notice that indentation decides whether it runs once or on every pass.")
    examples = (
        Example("def total(values):\n    s = 0\n    for v in values:\n        s += v\n"
                "    return s\n\n\nprint(total([1, 2, 3]))\n",
                "def total(values):\n    s = 0\n    for v in values:\n        s += v\n"
                "        return s\n\n\nprint(total([1, 2, 3]))\n", line=5),
    )
    no_site = "def f(x):\n    return x + 1\n\n\nprint(f(2))\n"

    def sites(self, program: ProgramIndex):
        for line in program.nodes(cst.SimpleStatementLine):
            if len(line.body) != 1 or not isinstance(line.body[0], cst.Return) \
                    or line.body[0].value is None:
                continue
            block, index = _block_of(program, line)
            if block is None or index < 1 or not isinstance(program.parent(block),
                                                             cst.FunctionDef):
                continue
            loop = _body_statements(block)[index - 1]
            if not isinstance(loop, cst.For | cst.While) or loop.orelse is not None:
                continue
            indent = _loop_body_indent(program, loop)
            if indent is None:
                continue
            start, end = _line_indent_span(program, line)
            yield self.edit(program, start, end, indent,
                            value=program.text(line.body[0].value))


@register
class WrongLoopPlacement(Injector):
    """A statement's indentation moves it into or out of a loop body (`print(total)`)."""

    id = "wrong_loop_placement"
    error_class = LOGICAL
    explanations = (
        "Line {{ line }}: `{{ statement }}` is now {{ where }}, so it runs {{ effect }} - "
        "a logical error.",
        "Line {{ line }}: the indentation of `{{ statement }}` is wrong: it belongs "
        "{{ belongs }}, but is {{ where }} (logical error).",
        "Line {{ line }}: in Python the indentation decides what repeats; "
        "`{{ statement }}` is {{ where }} and so runs {{ effect }}, a logical error.",
    )
    why = ("Novices do not yet see indentation as structure: a line that looks 'near' "
           "the loop seems to belong to it whether it is indented or not.")
    examples = (
        Example("total = 0\nfor n in [2, 4, 6]:\n    total += n\nprint(total)\n",
                "total = 0\nfor n in [2, 4, 6]:\n    total += n\n    print(total)\n",
                line=4),
        Example("count = 0\nfor n in [2, 4, 6]:\n    count += 1\n    print('seen', count)\n",
                "count = 0\nfor n in [2, 4, 6]:\n    count += 1\nprint('seen', count)\n",
                line=4),
    )
    no_site = "for n in [2, 4, 6]:\n    print(n)\n"

    def sites(self, program: ProgramIndex):
        loop_names = _loop_control_names(program)
        for loop in program.nodes(cst.For, cst.While):
            if loop.orelse is not None:
                continue
            indent = _loop_body_indent(program, loop)
            if indent is None:
                continue
            block, index = _block_of(program, loop)
            siblings = _body_statements(block) if block is not None else []
            # the statement after the loop, pulled into its body
            if index + 1 < len(siblings):
                after = siblings[index + 1]
                # not an assignment: a value first made after the loop would be missing
                # when the loop does not run, and a constant set on every pass is the same
                if self._movable(program, after, loop_names) \
                        and not isinstance(after.body[0], cst.Return | cst.Assign):
                    start, end = _line_indent_span(program, after)
                    yield self.edit(program, start, end, indent,
                                    statement=program.text(after),
                                    where="inside the loop",
                                    effect="on every pass instead of once after the loop",
                                    belongs="after the loop")
            # the last statement of the body, pushed out of the loop
            body = _body_statements(loop.body)
            if len(body) >= 2 and self._movable(program, body[-1], loop_names) \
                    and not self._reads_loop_values(program, loop, body[-1]):
                start, end = _line_indent_span(program, body[-1])
                outer = program.indent_of(program.line(loop))
                yield self.edit(program, start, end, outer,
                                statement=program.text(body[-1]),
                                where="after the loop",
                                effect="only once, after the loop has finished",
                                belongs="inside the loop")

    @staticmethod
    def _reads_loop_values(program: ProgramIndex, loop: cst.CSTNode,
                           statement: cst.CSTNode) -> bool:
        """Does the statement read a name that only the loop gives a value (its target,
        or a name first assigned in its body)? After a loop that never ran, that name
        does not exist."""
        bound: set[str] = set()
        if isinstance(loop, cst.For):
            bound |= _names_in(loop.target)
        for node in _walk(loop.body):
            if isinstance(node, cst.AssignTarget):
                bound |= _names_in(node.target)
        for name in _names_in(statement) & bound:
            if not _dominating_assignment(program, loop, name):
                return True
        return False

    @staticmethod
    def _movable(program: ProgramIndex, statement: cst.CSTNode, loop_names: set[str]) -> bool:
        if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1 \
                or not _statement_is_one_line(program, statement) or _has_input(statement):
            return False
        small = statement.body[0]
        if isinstance(small, cst.Break | cst.Continue | cst.Pass | cst.Return):
            return False
        changed: set[str] = set()
        if isinstance(small, cst.Assign):
            for target in small.targets:
                changed |= _names_in(target.target)
        elif isinstance(small, cst.AugAssign):
            changed |= _names_in(small.target)
        return not changed & loop_names


def _is_starting_value(node: cst.CSTNode) -> bool:
    """A literal a variable starts from: 0, 0.0, "", [] or {}."""
    if isinstance(node, cst.Integer | cst.Float | cst.SimpleString):
        return True
    return isinstance(node, cst.List | cst.Dict) and not node.elements


@register
class AccumulatorResetInLoop(Injector):
    """The initialisation moved into the loop (`total = 0` as the first line of the body)."""

    id = "accumulator_reset_in_loop"
    error_class = LOGICAL
    explanations = (
        "Line {{ line }}: `{{ statement }}` is now inside the loop, so `{{ name }}` is "
        "reset on every pass and only the last round counts - a logical error.",
        "Line {{ line }}: the starting value of `{{ name }}` must be set once, before the "
        "loop; here it is set again each time round, so everything gathered earlier is "
        "lost (logical error).",
        "Line {{ line }}: because `{{ statement }}` runs at the start of every pass, "
        "`{{ name }}` forgets what the loop collected so far, a logical error.",
    )
    why = ("Novices know a total must start at 0 but not yet where that belongs: "
           "everything 'to do with the loop' seems to go inside it.")
    examples = (
        Example("total = 0\nfor n in [2, 4, 6]:\n    total += n\nprint(total)\n",
                "for n in [2, 4, 6]:\n    total = 0\n    total += n\nprint(total)\n",
                line=2),
    )
    no_site = "for n in [2, 4, 6]:\n    total = n * 2\n    print(total)\n"

    def sites(self, program: ProgramIndex):
        loop_names = _loop_control_names(program)
        for loop in program.nodes(cst.For, cst.While):
            block, index = _block_of(program, loop)
            indent = _loop_body_indent(program, loop)
            if block is None or indent is None or self._may_not_run(program, loop):
                continue
            header = _names_in(loop.target if isinstance(loop, cst.For) else loop.test)
            if isinstance(loop, cst.For):
                header |= _names_in(loop.iter)
            updated = {n.target.value for n in _walk(loop.body)
                       if isinstance(n, cst.AugAssign) and isinstance(n.target, cst.Name)}
            updated |= {n.value.func.value.value for n in _walk(loop.body)
                        if isinstance(n, cst.Expr) and isinstance(n.value, cst.Call)
                        and isinstance(n.value.func, cst.Attribute)
                        and isinstance(n.value.func.value, cst.Name)}
            siblings = _body_statements(block)
            between: set[str] = set()
            for earlier in reversed(siblings[:index]):
                init = self._initialisation(program, earlier)
                if init is not None:
                    name = init.targets[0].target.value
                    if name in updated and name not in between | header | loop_names:
                        yield self._move(program, earlier, loop, indent, name)
                between |= _names_in(earlier)

    @staticmethod
    def _may_not_run(program: ProgramIndex, loop: cst.CSTNode) -> bool:
        """Can the loop run zero times? Then the moved initialisation never happens and
        a later read is a NameError, not a wrong answer. That is so when the number of
        passes is a count the user types (or a parameter), when a while test reads
        input, or when the loop walks a collection that starts empty."""
        typed = set()
        empty = set()
        for assign in program.nodes(cst.Assign):
            names = {n for t in assign.targets for n in _names_in(t.target)}
            if _has_input(assign.value):
                typed |= names
            if isinstance(assign.value, cst.List | cst.Dict) and not assign.value.elements:
                empty |= names
        for ancestor in program.ancestors(loop):
            if isinstance(ancestor, cst.FunctionDef):
                typed |= {p.name.value for p in ancestor.params.params}
                break
        if isinstance(loop, cst.While):
            return bool(_names_in(loop.test) & typed)
        if _call_name(loop.iter) == "range":
            return bool(_names_in(loop.iter) & typed)
        return isinstance(loop.iter, cst.Name) and loop.iter.value in empty

    @staticmethod
    def _initialisation(program: ProgramIndex, statement: cst.CSTNode):
        if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1 \
                or not _statement_is_one_line(program, statement):
            return None
        small = statement.body[0]
        if isinstance(small, cst.Assign) and len(small.targets) == 1 \
                and isinstance(small.targets[0].target, cst.Name) \
                and _is_starting_value(small.value):
            return small
        return None

    def _move(self, program: ProgramIndex, statement, loop, indent: str, name: str):
        first_line = program.line(_body_statements(loop.body)[0])
        start, end = program.line_span(program.line(statement))
        insert_at = program.line_starts[first_line - 1]
        text = program.text(statement)
        middle = program.source[end:insert_at]
        replacement = middle + indent + text + "\n"
        return self.edit(program, start, insert_at, replacement, focus=len(middle),
                         statement=text, name=name)


@register
class PrintInsteadOfReturn(Injector):
    """The function prints its result instead of returning it (`print(w * h)`)."""

    id = "print_instead_of_return"
    error_class = LOGICAL
    explanations = (
        "Line {{ line }}: the function prints `{{ value }}` instead of returning it, so "
        "the caller gets `None` and prints that too - a logical error.",
        "Line {{ line }}: `print` only shows a value; it does not hand it back. "
        "`{{ function }}` now returns `None`, which is what the caller prints (logical "
        "error).",
        "Line {{ line }}: `return {{ value }}` became `print({{ value }})`; the value "
        "appears once too early and the call itself gives `None`, a logical error.",
    )
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
            return _call_name(program.parent(parent)) == "print"
        return isinstance(parent, cst.FormattedStringExpression) \
            and parent.format_spec is None and parent.conversion is None


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
    explanations = (
        "Line {{ line }}: the result of `{{ call }}` is not stored, so `{{ name }}` is "
        "unchanged - a logical error.",
        "Line {{ line }}: strings cannot be changed in place; `{{ call }}` makes a new "
        "string, and without `{{ name }} = ` in front that new string is thrown away "
        "(logical error).",
        "Line {{ line }}: calling `.{{ method }}()` alone does nothing to `{{ name }}`; "
        "the line must assign the result back, otherwise the old text is used (logical "
        "error).",
    )
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


_STRING_ITEM = cst.SimpleString | cst.ConcatenatedString


@register
class MissingCommaStrings(Injector):
    """The comma between two strings dropped, so they merge (`"Bob" "Cy"` is `"BobCy"`)."""

    id = "missing_comma_strings"
    error_class = LOGICAL
    explanations = (
        "Line {{ line }}: the comma between {{ first }} and {{ second }} is missing; "
        "Python joins two strings written side by side into one, so they become "
        "{{ joined }} - a logical error.",
        "Line {{ line }}: without a comma after {{ first }}, Python glues it to "
        "{{ second }} and the {{ container }} has one item fewer (logical error).",
        "Line {{ line }}: a missing comma joins {{ first }} and {{ second }} into one "
        "string; no error is raised, but the program now works with {{ joined }}, a "
        "logical error.",
    )
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
        for node in program.nodes(cst.List, cst.Tuple, cst.Set, cst.Call):
            items = node.args if isinstance(node, cst.Call) else node.elements
            container = "call" if isinstance(node, cst.Call) else "list"
            if isinstance(node, cst.Call) and any(a.keyword or a.star for a in items):
                continue
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
    def _stored_in(program: ProgramIndex, node: cst.CSTNode) -> set[str]:
        parent = program.parent(node)
        if isinstance(parent, cst.Assign):
            return {n for t in parent.targets for n in _names_in(t.target)}
        return set()


def _rightmost_comparison(node: cst.CSTNode) -> cst.CSTNode:
    while isinstance(node, cst.BooleanOperation):
        node = node.right
    return node


@register
class OrWithBareValue(Injector):
    """The second comparison left incomplete (`c == "y" or "Y"` for `c == "y" or c == "Y"`)."""

    id = "or_with_bare_value"
    error_class = LOGICAL
    explanations = (
        "Line {{ line }}: the second part is just `{{ value }}`, which always counts as "
        "true, so the whole condition is always true - a logical error.",
        "Line {{ line }}: Python does not repeat `{{ left }} {{ op }}` for you: "
        "`{{ new }}` tests `{{ left }} {{ op }} {{ first }}` and then only whether "
        "`{{ value }}` is non-empty (logical error).",
        "Line {{ line }}: `{{ value }}` on its own after `{{ joiner }}` is not compared "
        "with `{{ left }}`; a non-empty value is always true, so the test no longer "
        "checks anything, a logical error.",
    )
    why = ("In English 'if the answer is y or Y' names the answer once, so novices write "
           "the comparison once and expect Python to apply it to both values.")
    examples = (
        Example('c = input()\nif c == "y" or c == "Y":\n    print("yes")\nelse:\n'
                '    print("no")\n',
                'c = input()\nif c == "y" or "Y":\n    print("yes")\nelse:\n'
                '    print("no")\n', stdin=(("n",), ("y",)), line=2),
    )
    no_site = 'c = input()\nif c == "y" or d == "Y":\n    print("yes")\n'

    def sites(self, program: ProgramIndex):
        for node in program.nodes(cst.BooleanOperation):
            if _in_part(program, node, cst.While, "test") or _test_steers_input(program, node):
                continue
            joiner = "or" if isinstance(node.operator, cst.Or) else "and"
            wanted = cst.Equal if joiner == "or" else cst.NotEqual
            first, second = _rightmost_comparison(node.left), node.right
            if not all(isinstance(c, cst.Comparison) and len(c.comparisons) == 1
                       and isinstance(c.comparisons[0].operator, wanted)
                       for c in (first, second)):
                continue
            if program.text(first.left) != program.text(second.left):
                continue
            value = second.comparisons[0].comparator
            if not isinstance(value, cst.SimpleString | cst.Integer | cst.Float) \
                    or not value.evaluated_value:
                continue  # an empty or zero value is false, not always true
            start, end = program.span(second)
            value_text = program.text(value)
            node_start, _ = program.span(node)
            new = program.source[node_start:start] + value_text
            yield self.edit(program, start, end, value_text, value=value_text,
                            left=program.text(first.left), op="==" if joiner == "or"
                            else "!=", first=program.text(first.comparisons[0].comparator),
                            new=new, joiner=joiner)
