"""Probes: the correct program with each probed expression also evaluated as an edit
would have it (weak mutation; `infection.py` runs them and reads what they saw).

An edit is probed when it changes one expression that can be evaluated on its own with
no effect on the program: names, constants, operators, subscripts, attributes read and a
few builtins that neither call program code nor consume an iterator; the largest such
expression that holds the edit is the one probed (what the rest of it hides, the program
never sees). The expression is replaced by `_dbx_probe_(k, mode, lambda: ORIGINAL,
lambda: EDITED, ...)`, which returns the original's value (or raises its exception)
every time, so the program runs as it does unchanged, and writes a marker the first time
an edited form gives another value (for a test, another truth) or raises; the same number
of the other type (2.0 for 2, alone or in a tuple) is marked apart, and watched on for a
real difference. Nested probed expressions go into separate programs (layers). Calls of
a few builtins (`max(a, b)` with two or more arguments), and of `math`'s functions the
program imports and never rebinds, count as pure (`sqrt(x * x - y)`: an edit that makes
it raise is seen to raise; `max(1, n // 10)`: one that never changes the larger is
seen to change nothing)."""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import dataclass

from ..injectors import LOGICAL, RUNTIME, Edit, ast_offsets
from .reach import parsed

# Builtins that read their arguments and nothing else (no iterator consumed, no
# program method called beyond the operators the probe already allows).
PURE_CALLS = frozenset({"len", "abs", "int", "float", "str", "round", "ord", "chr",
                        "range", "bool", "divmod", "pow", "isinstance"})
# Builtins that compare their arguments, when given two or more (one would be walked)
_COMPARING = frozenset({"max", "min"})
# Functions of `math` that read numbers and nothing else (a float's methods at most)
MATH_CALLS = frozenset({"sqrt", "isqrt", "floor", "ceil", "trunc", "fabs", "log", "log10",
                        "log2", "exp", "gcd", "lcm", "hypot", "sin", "cos", "tan", "asin",
                        "acos", "atan", "atan2", "degrees", "radians", "copysign", "comb",
                        "perm", "isclose"})
_PURE_NODES = (ast.Name, ast.Constant, ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.Compare,
               ast.Subscript, ast.Slice, ast.Attribute, ast.Tuple, ast.IfExp, ast.List,
               ast.Set, ast.Dict,
               ast.operator, ast.unaryop, ast.boolop, ast.cmpop, ast.expr_context,
               ast.Call)
_NOT_ALONE = (ast.Slice, ast.Starred)  # parts of an expression, not one on their own
MARK = "\x1e"  # a marker's fences in the probe run's stdout
HELPER = "_dbx_probe_"
SAME_LIMIT = 256  # values one comparison looks at, at most (more: counted as another)
_WRAPPED = 1 << 8  # a wrapper's order at its offset: after every text inserted there

# Written before the program's first statement (after its docstring and __future__
# imports): lines shift, which a probe run never reads.
_HELPER_SOURCE = f'''\
def {HELPER}(k, mode, original, *edited, _seen=set(), _w=print):
    truth = mode == 1
    try:
        raw, failed = original(), None
        value = bool(raw) if truth else raw
    except Exception as exc:
        raw = value = None
        failed = exc
    for i, form in enumerate(edited):
        if (k, i) in _seen:
            continue
        try:
            other = form()
            if truth:
                other = bool(other)
        except Exception as exc:
            if failed is None or type(exc) is not type(failed):
                _seen.add((k, i))
                _w("{MARK}%d:%d:r:%s{MARK}" % (k, i, type(exc).__name__), end="")
            continue
        if failed is not None or not _dbx_same_(value, other, mode == 2, [{SAME_LIMIT}]):
            if failed is None and _dbx_retyped_(value, other):
                # the same number of the other type (2.0 for 2): said once, watched on
                if (k, i, 0) not in _seen:
                    _seen.add((k, i, 0))
                    _w("{MARK}%d:%d:t{MARK}" % (k, i), end="")
                continue
            _seen.add((k, i))
            _w("{MARK}%d:%d:d{MARK}" % (k, i), end="")
    if failed is not None:
        raise failed
    return raw
def _dbx_retyped_(a, b, _type=type, _len=len, _numbers=(int, float), _zip=zip, _all=all,
                  _bool=bool):
    # the same number of the other type, alone or in a tuple of the same length
    if _type(a) in _numbers and _type(b) in _numbers:
        return _type(a) is not _type(b) and a == b
    if _type(a) is not tuple or _type(b) is not tuple or _len(a) != _len(b) or _len(a) > 64:
        return False
    pairs = [(x, y) for x, y in _zip(a, b) if not _dbx_same_(x, y, False, [{SAME_LIMIT}])]
    return _bool(pairs) and _all(_dbx_retyped_(x, y) for x, y in pairs)
def _dbx_same_(a, b, fresh, left, _type=type, _len=len, _repr=repr, _list=list, _all=all,
               _zip=zip,
               _plain=(int, bool, str, bytes, type(None)), _exact=(float, complex),
               _ordered=(tuple, list), _mutable=(list, dict, set)):
    # containers made by the expression itself (fresh) compare by what they hold,
    # any other list, dict or set by identity: a program may change it later
    t = _type(a)
    left[0] -= 1
    if t is not _type(b) or left[0] < 0:
        return False
    if a is b or t in _plain:
        return a is b or a == b
    if t in _exact:
        return a == b and _repr(a) == _repr(b)
    if t is range:
        return a == b
    if t in _mutable and not fresh:
        return False
    if t is frozenset:
        return _len(a) <= 64 and _all(_type(x) in _plain for x in a) and a == b
    if t is dict:
        a, b = _list(a.items()), _list(b.items())
    elif t is set:
        a, b = _list(a), _list(b)  # in the order a program would see them
    elif t not in _ordered:
        return False
    return _len(a) == _len(b) and _all(_dbx_same_(x, y, False, left) for x, y in _zip(a, b))
'''


@dataclass(frozen=True)
class Probe:
    """An edit probed: its expression's span in the program and the edited text."""

    edit: Edit
    start: int
    end: int
    edited: str
    truth: bool = False  # a test (if, while, a conditional): only its truth counts
    fresh: bool = False  # both forms make a new container: compared by what it holds
    raising: bool = False  # the test of an `if` whose body starts with `raise`
    inline: bool = False  # inside an f-string's braces


def _pure(node: ast.AST, calls: frozenset[str] = PURE_CALLS) -> bool:
    """Read-only: evaluating it again changes nothing. `calls`: the callees that read
    their arguments only (`PURE_CALLS`, with `math_calls` where the program imports them)."""
    for sub in ast.walk(node):
        if not isinstance(sub, _PURE_NODES):
            return False
        if isinstance(sub, ast.Call) and not (
                ((callee := _callee(sub.func)) in calls
                 or callee in _COMPARING and len(sub.args) >= 2)
                and not sub.keywords and not any(isinstance(a, ast.Starred) for a in sub.args)):
            return False
        if isinstance(sub, ast.Name | ast.Attribute | ast.Subscript) and not isinstance(
                sub.ctx, ast.Load):
            return False
        # `x in it` twice would take more of an iterator than the program does
        if isinstance(sub, ast.Compare) and any(isinstance(o, ast.In | ast.NotIn)
                                                for o in sub.ops):
            return False
    return True


def _callee(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return f"{func.value.id}.{func.attr}"
    return ""


def math_calls(tree: ast.Module) -> frozenset[str]:
    """How the program calls `math`'s pure functions (`sqrt` after `from math import
    sqrt`, `math.sqrt` after `import math`), when nothing else in it binds that name."""
    imported: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == "math" and not node.level:
            imported |= {a.asname or a.name for a in node.names if a.name in MATH_CALLS
                         and (a.asname or a.name) == a.name}
        elif isinstance(node, ast.Import) and any(a.name == "math" and a.asname is None
                                                  for a in node.names):
            imported |= {f"math.{f}" for f in MATH_CALLS}
    if not imported:
        return frozenset()
    bound: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            bound.add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, ast.Import | ast.ImportFrom) and node not in tree.body:
            bound |= {(a.asname or a.name).split(".")[0] for a in node.names}
    return frozenset(c for c in imported if c.split(".")[0] not in bound)


def _raises(statement: ast.stmt) -> bool:
    """A `raise` of an error (not of the exceptions that end an iteration)."""
    if not isinstance(statement, ast.Raise):
        return False
    raised = statement.exc.func if isinstance(statement.exc, ast.Call) else statement.exc
    return not (isinstance(raised, ast.Name) and raised.id in (
        "StopIteration", "StopAsyncIteration", "GeneratorExit"))


def _fresh(node: ast.expr) -> bool:
    """Whether the expression's value is a container it makes anew (a display, an
    operator's result, a slice), so that no other name holds it."""
    if isinstance(node, ast.List | ast.Set | ast.Dict | ast.BinOp):
        return True
    if isinstance(node, ast.Subscript):
        return isinstance(node.slice, ast.Slice)
    if isinstance(node, ast.IfExp):
        return _fresh(node.body) and _fresh(node.orelse)
    return False


@dataclass
class _Node:
    node: ast.expr
    start: int
    end: int
    truth: bool = False
    raising: bool = False
    inline: bool = False  # inside an f-string's braces: its wrapper holds no line break


def _candidates(tree: ast.Module, source: str) -> list[_Node]:
    """Expressions a probe may wrap: read-only, in a function's body or the top level
    (not a class body, whose names a lambda cannot see; not defaults, decorators or
    annotations, which run elsewhere). Inside an f-string only a field's value, and
    only where its position reads back as the same expression (not its format spec)."""
    offset = ast_offsets(source)
    found: list[_Node] = []

    def fields(joined: ast.JoinedStr, in_class: bool) -> None:
        for part in joined.values:
            value = getattr(part, "value", None)
            if not isinstance(part, ast.FormattedValue) or in_class or not getattr(
                    value, "end_lineno", None):
                continue
            start = offset(value.lineno, value.col_offset)
            end = offset(value.end_lineno, value.end_col_offset)
            try:
                same = ast.dump(ast.parse(f"({source[start:end]})", mode="eval").body) \
                    == ast.dump(value)
            except SyntaxError:
                same = False
            if same:
                found.append(_Node(value, start, end, inline=True))
                visit(value, in_class, inline=True)

    def visit(node: ast.AST, in_class: bool, inline: bool = False) -> None:
        for field, value in ast.iter_fields(node):
            children = value if isinstance(value, list) else [value]
            for child in children:
                if not isinstance(child, ast.AST):
                    continue
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                    if field != "body":
                        continue
                    visit(child, False)
                    continue
                if isinstance(node, ast.ClassDef):
                    if field == "body":
                        visit(child, True)
                    continue
                if isinstance(child, ast.JoinedStr):
                    if not inline:  # an f-string inside an f-string's field: left alone
                        fields(child, in_class)
                    continue
                # parameters, match patterns and a comprehension's targets (which are no
                # expressions a call may stand for); its iterables and tests are
                if isinstance(child, ast.arg | ast.pattern) or isinstance(
                        node, ast.comprehension) and field == "target":
                    continue
                if isinstance(child, ast.expr) and not in_class and not isinstance(
                        child, _NOT_ALONE) and getattr(child, "end_lineno", None):
                    truth = field == "test" and isinstance(
                        node, ast.If | ast.While | ast.IfExp | ast.Assert) or (
                        field == "ifs" and isinstance(node, ast.comprehension))
                    raising = truth and isinstance(node, ast.If) and _raises(node.body[0])
                    found.append(_Node(child, offset(child.lineno, child.col_offset),
                                       offset(child.end_lineno, child.end_col_offset), truth,
                                       raising, inline))
                visit(child, in_class, inline)

    visit(tree, False)
    return found


def probes_for(edits: Sequence[Edit], source: str) -> list[Probe]:
    """The edits that change one pure expression, each with that expression's span and
    its edited text (logical and runtime edits only: a syntax edit never runs)."""
    tree = parsed(source)
    if tree is None:
        return []
    nodes = sorted(_candidates(tree, source), key=lambda n: n.end - n.start)
    calls = PURE_CALLS | math_calls(tree)
    out: list[Probe] = []
    for edit in edits:
        if edit.error_class not in (LOGICAL, RUNTIME) or edit.start == edit.end:
            continue
        holding: list[_Node] = []
        for node in nodes:
            if node.start <= edit.start and edit.end <= node.end:
                if not _pure(node.node, calls):
                    break
                holding.append(node)
        # The largest pure expression that holds the edit: a change the rest of it hides
        # (`n < 2` as `n < 3` where n is 5, `color < 999` for `color < 1000` where color
        # is never 999) is seen as none at all; and the smallest, whose value may compare
        # where the largest's cannot (a list the program may change later). Either level
        # never differing proves the same.
        widest = next(filter(None, (_probe(edit, n, source, calls)
                                    for n in reversed(holding))), None)
        if widest is None:
            continue
        out.append(widest)
        if (holding[0].start, holding[0].end) != (widest.start, widest.end):
            smallest = _probe(edit, holding[0], source, calls)
            if smallest is not None:
                out.append(smallest)
    return out


def _probe(edit: Edit, level: _Node, source: str, calls: frozenset[str] = PURE_CALLS
           ) -> Probe | None:
    """The edit probed as the expression `level` holding it, when the edited text is
    one pure expression too (and, in an f-string's field, one a field can hold)."""
    text = source[level.start:edit.start] + edit.replacement + source[edit.end:level.end]
    if level.inline and ("\n" in text or "\\" in text or "#" in text):
        return None  # not within an f-string's braces on every Python we run
    try:
        changed = ast.parse(f"({text}\n)", mode="eval").body
    except SyntaxError:
        return None
    if not _pure(changed, calls):
        return None
    return Probe(edit, level.start, level.end, text, level.truth,
                 _fresh(level.node) and _fresh(changed), level.raising, level.inline)


def layers(probes: Sequence[Probe]) -> list[list[list[Probe]]]:
    """Probes grouped by expression (one wrapper holds every edited form of it), and
    the groups into layers whose expressions do not overlap (nested ones wait)."""
    groups: dict[tuple[int, int], list[Probe]] = {}
    for probe in probes:
        groups.setdefault((probe.start, probe.end), []).append(probe)
    result: list[list[list[Probe]]] = []
    for span in sorted(groups, key=lambda s: (s[0], -s[1])):
        for layer in result:
            if all(span[1] <= s[0].start or s[0].end <= span[0] for s in layer):
                layer.append(groups[span])
                break
        else:
            result.append([groups[span]])
    return result


def instrumented(source: str, layer: Sequence[Sequence[Probe]],
                 inserts: Sequence[tuple[int, int, str]] = (), helpers: str = "") -> str:
    """The program with each group's expression wrapped (group k is probe k), and the
    texts `inserts` names put at their offsets (in their order at one offset, before a
    wrapped expression that starts there); `helpers` goes with the probe's helper."""
    pieces: list[tuple[int, int, int, str]] = []  # (start, order, end, text)
    for k, group in enumerate(layer):
        first = group[0]
        end = "" if first.inline else "\n"  # a line break ends a comment, never a field
        forms = ", ".join(f"lambda: ({p.edited}{end})" for p in group)
        mode = 1 if first.truth else 2 if all(p.fresh for p in group) else 0  # no quotes
        wrapped = (f"{HELPER}({k}, {mode}, lambda: ({source[first.start:first.end]}{end}),"
                   f" {forms})")
        pieces.append((first.start, _WRAPPED, first.end, wrapped))
    pieces += [(at, order, at, text) for at, order, text in inserts]
    out, done = [], 0
    for start, _, end, text in sorted(pieces):
        out += [source[done:start], text]
        done = end
    out.append(source[done:])
    return _with_helper(source, "".join(out), helpers)


def _with_helper(source: str, text: str, helpers: str = "") -> str:
    tree = parsed(source)
    body = tree.body if tree is not None else []
    index = 0
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        index = 1
    while index < len(body) and isinstance(body[index], ast.ImportFrom) \
            and body[index].module == "__future__":
        index += 1
    if index >= len(body):
        return text + "\n" + _HELPER_SOURCE + helpers
    first = body[index]  # a decorated definition starts at its first decorator
    line = min([first.lineno] + [d.lineno for d in getattr(first, "decorator_list", [])])
    at = ast_offsets(text)(line, 0)  # the wrappers come later in the text: same offset
    return text[:at] + _HELPER_SOURCE + helpers + text[at:]
