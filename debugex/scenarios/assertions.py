"""One assertion of a test file, read as (what is expected, the call it is about).

The forms teachers' autograders use: unittest's `self.assert…` methods, pytest's bare
`assert` (with `pytest.approx`), and the expected-exception forms of both. Only the shape
is read here; `testfiles.py` puts literal names in place and checks that the call is one
of the solution's functions with literal arguments.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

EQUAL = frozenset({"assertEqual", "assertEquals", "assertListEqual", "assertTupleEqual",
                   "assertDictEqual", "assertSetEqual", "assertMultiLineEqual",
                   "assertSequenceEqual", "assertIs"})
UNITTEST = EQUAL | {"assertNotEqual", "assertAlmostEqual", "assertCountEqual",
                    "assertTrue", "assertFalse", "assertIsNone", "assertIn", "assertNotIn",
                    "assertRaises", "assertRaisesRegex"}
HOWS = ("equal", "not_equal", "almost", "count_equal", "true", "false", "in", "contains",
        "not_in", "raises", "printed", "output")


@dataclass(frozen=True)
class Case:
    """One thing a test checks: `call`'s value compared with `expected` (a literal's
    text) in the way `how` says, or `call` raising `raises`."""

    name: str
    call: str
    line: int
    how: str = "equal"
    expected: str | None = None
    raises: str | None = None
    places: float | None = None  # almost: the tolerance (an absolute difference)
    test: str = ""  # the test function it belongs to (its scenario's name)


def _literal_text(node: ast.expr) -> str | None:
    try:
        return repr(ast.literal_eval(node))
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None


def substitute(node: ast.expr, scope: dict) -> ast.expr:
    """A copy of `node` with the names bound in `scope` (to literals) put in place."""
    class Put(ast.NodeTransformer):
        def visit_Name(self, name: ast.Name) -> ast.expr:
            return scope.get(name.id, name) if isinstance(name.ctx, ast.Load) else name

    return Put().visit(ast.parse(ast.unparse(node), mode="eval").body)



def _call_and_literal(a: ast.expr, b: ast.expr, scope: dict) -> tuple[ast.expr, str] | None:
    """Which of two operands is the call under test and which the expected literal."""
    for call, other in ((a, b), (b, a)):
        expected = _literal_text(substitute(other, scope))
        if isinstance(call, ast.Call) and expected is not None:
            return call, expected
    return None


def _tolerance(call: ast.Call, scope: dict) -> float:
    for keyword in call.keywords:
        value = ast.literal_eval(substitute(keyword.value, scope)) if keyword.arg else None
        if keyword.arg == "delta" and isinstance(value, int | float):
            return float(value)
        if keyword.arg == "places" and isinstance(value, int):
            return 0.5 * 10 ** -value
    if len(call.args) >= 3:
        places = _literal_text(substitute(call.args[2], scope))
        if places is not None and places.isdigit():
            return 0.5 * 10 ** -int(places)
    return 0.5 * 10 ** -7  # unittest's default: round(a - b, 7) == 0


def exception_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def read_raises(context: ast.expr, scope: dict) -> str | None:
    """The exception of `self.assertRaises(E)` / `pytest.raises(E)` used as a context."""
    if (isinstance(context, ast.Call) and isinstance(context.func, ast.Attribute)
            and context.func.attr in {"assertRaises", "assertRaisesRegex", "raises"}
            and context.args):
        return exception_name(context.args[0])
    return None


def read_assert(stmt: ast.stmt, scope: dict) -> tuple[Case, ast.expr] | None:
    """(the case without its call text, the call node), or None for another statement."""
    if isinstance(stmt, ast.Assert):
        return _pytest_assert(stmt.test, stmt.lineno, scope)
    if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)):
        return None
    call = stmt.value
    method = call.func.attr if isinstance(call.func, ast.Attribute) else None
    args, line = call.args, stmt.lineno
    if method in {"assertRaises", "assertRaisesRegex"} and len(args) >= 2:
        raised = exception_name(args[0])
        tested = ast.Call(args[1], args[2 if method == "assertRaises" else 3:], call.keywords)
        return (Case("", "", line, "raises", raises=raised), tested) if raised else None
    if method in {"assertTrue", "assertFalse", "assertIsNone"} and args:
        how = {"assertTrue": "true", "assertFalse": "false"}.get(method, "equal")
        return Case("", "", line, how, "None" if how == "equal" else None), args[0]
    if method not in UNITTEST or len(args) < 2:
        return None
    if method in {"assertIn", "assertNotIn"}:
        member, container = substitute(args[0], scope), substitute(args[1], scope)
        inside = _literal_text(member)
        if isinstance(container, ast.Call) and inside is not None:
            return Case("", "", line, "contains" if method == "assertIn" else "not_in",
                        inside), args[1]
        around = _literal_text(container)
        if isinstance(args[0], ast.Call) and around is not None and method == "assertIn":
            return Case("", "", line, "in", around), args[0]
        return None
    found = _call_and_literal(args[0], args[1], scope)
    if found is None:
        return None
    tested, expected = found
    how = {"assertNotEqual": "not_equal", "assertAlmostEqual": "almost",
           "assertCountEqual": "count_equal"}.get(method, "equal")
    places = _tolerance(call, scope) if how == "almost" else None
    return Case("", "", line, how, expected, places=places), tested


def _pytest_assert(test: ast.expr, line: int, scope: dict) -> tuple[Case, ast.expr] | None:
    if isinstance(test, ast.Call):
        return Case("", "", line, "true"), test
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not) \
            and isinstance(test.operand, ast.Call):
        return Case("", "", line, "false"), test.operand
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return None
    left, op, right = test.left, test.ops[0], test.comparators[0]
    approx = _approx(right) or _approx(left)
    if approx is not None and isinstance(op, ast.Eq):
        value, tolerance = approx
        tested = left if _approx(right) else right
        expected = _literal_text(substitute(value, scope))
        if isinstance(tested, ast.Call) and expected is not None:
            return Case("", "", line, "almost", expected, places=tolerance), tested
        return None
    if isinstance(op, ast.Eq | ast.Is | ast.NotEq):
        found = _call_and_literal(left, right, scope)
        if found is None:
            return None
        how = "not_equal" if isinstance(op, ast.NotEq) else "equal"
        return Case("", "", line, how, found[1]), found[0]
    if isinstance(op, ast.In | ast.NotIn):
        inside = _literal_text(substitute(left, scope))
        if isinstance(right, ast.Call) and inside is not None:
            return Case("", "", line, "contains" if isinstance(op, ast.In) else "not_in",
                        inside), right
        around = _literal_text(substitute(right, scope))
        if isinstance(left, ast.Call) and around is not None and isinstance(op, ast.In):
            return Case("", "", line, "in", around), left
    return None


def _approx(node: ast.expr) -> tuple[ast.expr, float] | None:
    """`pytest.approx(value[, rel=..., abs=...])` → (value, absolute tolerance)."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "approx" and node.args):
        return None
    tolerance = 1e-6
    for keyword in node.keywords:
        if keyword.arg == "abs" and isinstance(keyword.value, ast.Constant) \
                and isinstance(keyword.value.value, int | float):
            tolerance = float(keyword.value.value)
    return node.args[0], tolerance
