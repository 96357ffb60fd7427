"""Read a teacher's test file without running it: unittest, pytest and doctest.

A test file is untrusted code, like the programs: it is parsed with `ast` (and doctests
with `doctest.DocTestParser`), never imported or run. Each assertion that calls a function
of the solution with literal arguments becomes a case: the call's text, what the test
expects of its value (a literal, compared as Python compares it) and how (equal, almost
equal, order-free, true, false, raises). Names bound to literals in the test (a local
`expected = [...]`, a module constant, a `for` over a literal table under `subTest`, a
`pytest.mark.parametrize` table) are put in place. Whatever cannot be read this way is
listed with its line and the reason, never dropped in silence.
"""

from __future__ import annotations

import ast
import doctest
from dataclasses import dataclass, field

from .assertions import Case, read_assert, read_raises, substitute

__all__ = ["Case", "ReadTests", "read_doctests", "read_test_file"]


@dataclass
class ReadTests:
    cases: list[Case] = field(default_factory=list)
    unread: list[tuple[int, str]] = field(default_factory=list)  # (line, why)
    tests: int = 0  # test functions or methods seen


def read_test_file(text: str, functions: set[str], module: str | None = None) -> ReadTests:
    """The cases of a unittest or pytest file that test `functions` (the solution's
    public functions; `module` is the solution's module name, for `module.f(...)`)."""
    result = ReadTests()
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        result.unread.append((getattr(exc, "lineno", 0) or 0,
                              f"the test file does not parse ({type(exc).__name__})"))
        return result
    constants = _literal_bindings(tree.body, {})
    reader = _Reader(functions, module, result)
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name.startswith("test"):
                    reader.test(item, constants)
        elif isinstance(node, ast.FunctionDef) and node.name.startswith("test"):
            reader.test(node, constants)
    return result


def read_doctests(text: str, functions: set[str]) -> ReadTests:
    """The `>>> f(x)` examples of a docstring or text file, with the output shown under
    each (the repr of the value, as the interpreter shows it)."""
    result = ReadTests()
    try:
        examples = doctest.DocTestParser().get_examples(text)
    except ValueError as exc:
        result.unread.append((0, f"the doctests do not parse ({exc})"))
        return result
    for number, example in enumerate(examples, start=1):
        line = example.lineno + 1
        try:
            node = ast.parse(example.source.strip(), mode="eval").body
        except SyntaxError:
            result.unread.append((line, "a doctest that is not one expression"))
            continue
        if not (isinstance(node, ast.Call) and _calls_only(node, functions)):
            result.unread.append((line, "a doctest that does not call a function of the "
                                        "solution with literal arguments"))
            continue
        want = example.want.strip()
        case = Case(f"doctest_{number}", ast.unparse(node), line, "equal", want or "None",
                    test="doctests")
        if example.exc_msg is not None:
            raised = example.want.strip().splitlines()[-1].split(":")[0].strip()
            case = Case(case.name, case.call, line, "raises",
                        raises=raised.rsplit(".", 1)[-1] or None, test="doctests")
        result.cases.append(case)
    result.tests = len(examples)
    return result


class _Reader:
    def __init__(self, functions: set[str], module: str | None, result: ReadTests) -> None:
        self.functions, self.module, self.result = functions, module, result
        self.raised: set[str] = set()  # names bound to an expected exception (`as err`)

    def test(self, node: ast.FunctionDef, constants: dict[str, ast.expr]) -> None:
        self.result.tests += 1
        self.raised = set()
        tables = _parametrize(node)
        if tables is None:
            self.result.unread.append((node.lineno, f"{node.name}: a parametrize table that "
                                                    "is not a literal"))
            return
        for row, bindings in enumerate(tables, start=1):
            name = node.name if len(tables) == 1 else f"{node.name}_{row}"
            scope = _literal_bindings(node.body, {**constants, **bindings})
            count = [0]
            self._block(node.body, scope, name, count)

    def _block(self, body: list[ast.stmt], scope: dict, name: str, count: list[int]) -> None:
        for stmt in body:
            if isinstance(stmt, ast.Assign | ast.AnnAssign):
                continue  # literal bindings are already in scope; others are not values
            if isinstance(stmt, ast.For):
                self._loop(stmt, scope, name, count)
            elif isinstance(stmt, ast.With):
                self._with(stmt, scope, name, count)
            elif isinstance(stmt, ast.Expr | ast.Assert):
                self._assertion(stmt, scope, name, count)
            elif not isinstance(stmt, ast.Pass):
                self._skip(stmt, f"{name}: `{_short(stmt)}` is not read (only assertions, "
                                 "loops over literal tables and subTest)")

    def _loop(self, stmt: ast.For, scope: dict, name: str, count: list[int]) -> None:
        table = _resolve(stmt.iter, scope)
        rows = _literal(table) if table is not None else None
        if not isinstance(rows, list | tuple) or stmt.orelse:
            self._skip(stmt, f"{name}: a loop over something that is not a literal table")
            return
        for row in rows:
            bindings = _bind(stmt.target, row)
            if bindings is None:
                self._skip(stmt, f"{name}: a loop row that does not unpack into its names")
                return
            self._block(stmt.body, {**scope, **bindings}, name, count)

    def _with(self, stmt: ast.With, scope: dict, name: str, count: list[int]) -> None:
        context = stmt.items[0].context_expr if len(stmt.items) == 1 else None
        raises = read_raises(context, scope) if context is not None else None
        if raises is not None:
            if isinstance(stmt.items[0].optional_vars, ast.Name):
                self.raised.add(stmt.items[0].optional_vars.id)
            calls = [s.value for s in stmt.body if isinstance(s, ast.Expr)]
            if len(calls) != len(stmt.body) or not calls:
                self._skip(stmt, f"{name}: an expected exception around statements that "
                                 "are not calls")
                return
            for call in calls:
                self._add(stmt, name, count, Case(name, "", stmt.lineno, "raises",
                                                  raises=raises), call, scope)
            return
        if (isinstance(context, ast.Call) and isinstance(context.func, ast.Attribute)
                and context.func.attr == "subTest"):
            self._block(stmt.body, scope, name, count)
            return
        self._skip(stmt, f"{name}: a `with` block that is neither subTest nor an expected "
                         "exception")

    def _assertion(self, stmt: ast.stmt, scope: dict, name: str, count: list[int]) -> None:
        if self.raised & {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name)}:
            self._skip(stmt, f"{name}: the expected exception's message is not compared "
                             "(its class is)")
            return
        found = read_assert(stmt, scope)
        if found is None:
            self._skip(stmt, f"{name}: `{_short(stmt)}` is not an assertion debugex reads")
            return
        case, call = found
        self._add(stmt, name, count, case, call, scope)

    def _add(self, stmt: ast.stmt, name: str, count: list[int], case: Case,
             call: ast.expr, scope: dict) -> None:
        call = substitute(call, scope)
        call = self._unqualified(call)
        if not (isinstance(call, ast.Call) and _calls_only(call, self.functions)):
            self._skip(stmt, f"{name}: the tested expression is not a call of the "
                             "solution's functions with literal arguments")
            return
        count[0] += 1
        label = name if count[0] == 1 else f"{name}_{count[0]}"
        self.result.cases.append(Case(label, ast.unparse(call), stmt.lineno, case.how,
                                      case.expected, case.raises, case.places, name))

    def _unqualified(self, node: ast.expr) -> ast.expr:
        """`module.f(x)` → `f(x)` when `module` is the solution's module."""
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == self.module):
            return ast.Call(ast.Name(node.func.attr, ast.Load()), node.args, node.keywords)
        return node

    def _skip(self, stmt: ast.stmt, why: str) -> None:
        self.result.unread.append((stmt.lineno, why))


def _short(stmt: ast.stmt) -> str:
    """The statement's first line, cut, for a reason a teacher reads."""
    try:
        text = ast.unparse(stmt).splitlines()[0]
    except (ValueError, RecursionError, IndexError):
        return type(stmt).__name__
    return text if len(text) <= 60 else text[:57] + "..."


def _literal(node: ast.expr | None):
    try:
        return ast.literal_eval(node) if node is not None else None
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None


def _is_literal(node: ast.expr) -> bool:
    try:
        ast.literal_eval(node)
        return True
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False


def _literal_bindings(body: list[ast.stmt], scope: dict) -> dict[str, ast.expr]:
    """`NAME = literal` statements of a body, added to `scope` (later ones win)."""
    scope = dict(scope)
    for stmt in body:
        if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], ast.Name)):
            value = substitute(stmt.value, scope)
            if _is_literal(value):
                scope[stmt.targets[0].id] = value
    return scope


def _resolve(node: ast.expr, scope: dict) -> ast.expr | None:
    node = substitute(node, scope)
    return node if _is_literal(node) else None


def _bind(target: ast.expr, value) -> dict[str, ast.expr] | None:
    if isinstance(target, ast.Name):
        return {target.id: ast.parse(repr(value), mode="eval").body}
    if isinstance(target, ast.Tuple | ast.List) and isinstance(value, list | tuple) \
            and len(target.elts) == len(value):
        bound: dict[str, ast.expr] = {}
        for part, item in zip(target.elts, value, strict=True):
            inner = _bind(part, item)
            if inner is None:
                return None
            bound.update(inner)
        return bound
    return None


def _parametrize(node: ast.FunctionDef) -> list[dict[str, ast.expr]] | None:
    """The rows of `@pytest.mark.parametrize("a, b", [...])` as name bindings ([{}]
    without one), or None when the table is not a literal."""
    rows: list[dict[str, ast.expr]] = [{}]
    for decorator in node.decorator_list:
        if not (isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute)
                and decorator.func.attr == "parametrize" and len(decorator.args) >= 2):
            continue
        names, table = _literal(decorator.args[0]), _literal(decorator.args[1])
        if isinstance(names, str):
            names = [n.strip() for n in names.split(",") if n.strip()]
        if not isinstance(names, list | tuple) or not isinstance(table, list | tuple):
            return None
        target = ast.Tuple([ast.Name(n, ast.Store()) for n in names], ast.Store())
        expanded = []
        for row in table:
            bound = _bind(target if len(names) > 1 else target.elts[0], row)
            if bound is None:
                return None
            expanded += [{**old, **bound} for old in rows]
        rows = expanded
    return rows


# Builtins a test wraps round the call it checks (`list(evens(6))`, `sorted(...)`):
# pure functions of the value, so the wrapped call is still a call of the solution.
WRAPPERS = frozenset({"list", "tuple", "set", "sorted", "len", "str", "int", "float",
                      "round", "abs", "sum", "min", "max", "dict", "frozenset", "bool"})


def _calls_only(node: ast.Call, functions: set[str]) -> bool:
    """A call of one of `functions` whose arguments are literals, perhaps inside one
    builtin that reads its value (`list(f(3))`)."""
    if (isinstance(node.func, ast.Name) and node.func.id in WRAPPERS and len(node.args) == 1
            and not node.keywords and isinstance(node.args[0], ast.Call)):
        return _calls_only(node.args[0], functions)
    return (isinstance(node.func, ast.Name) and node.func.id in functions
            and all(_is_literal(a.value if isinstance(a, ast.Starred) else a)
                    for a in node.args)
            and all(k.arg is not None and _is_literal(k.value) for k in node.keywords))
