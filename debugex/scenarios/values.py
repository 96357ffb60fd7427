"""Values compared as a test file compares them, not as text.

The sandbox hands back each call's value as its repr() (a program's objects never leave
its process). Two reprs are the same value when both read back as Python literals that
are equal with `==` (so `1.0` and `1` agree, as `assertEqual` says they do), within the
scenario's tolerance for numbers, and as multisets when the order does not matter
(`assertCountEqual`). A `Counter({...})` or `OrderedDict(...)` reads as its dict. A repr
that is not a literal (an object of the program's own class) is compared as text.

The finish a scenario expects is the other half: every call returns, or, with
`raises`, every call but the last returns and the last raises that exception.
"""

from __future__ import annotations

import ast
import math
from collections import Counter

from ..content import Scenario
from ..sandbox import EXCEPTION, FINISHED, Outcome

_NOT = object()
_DICT_LIKE = {"Counter", "OrderedDict", "dict"}


def read_value(text: str):
    """A repr read back as a Python value, or the marker _NOT."""
    try:
        node = ast.parse(text, mode="eval").body
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in _DICT_LIKE and len(node.args) <= 1 and not node.keywords):
            return dict(ast.literal_eval(node.args[0])) if node.args else {}
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return _NOT


def same_value(want: str, got: str, tolerance: float | None = None,
               unordered: bool = False) -> bool:
    """Whether two reprs are the same value (see the module's docstring)."""
    if want == got:
        return True
    a, b = read_value(want), read_value(got)
    if a is _NOT or b is _NOT:
        return False
    try:
        return _equal(a, b, tolerance, unordered)
    except (TypeError, ValueError, RecursionError):
        return False


def _number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _equal(a, b, tolerance: float | None, unordered: bool) -> bool:
    if _number(a) and _number(b):
        if tolerance is not None:
            return math.isclose(a, b, rel_tol=0.0, abs_tol=tolerance)
        return a == b
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        if unordered:
            if tolerance is None:
                try:
                    return Counter(a) == Counter(b)
                except TypeError:  # unhashable items: compare sorted by their text
                    a, b = sorted(a, key=repr), sorted(b, key=repr)
            else:
                a, b = sorted(a, key=repr), sorted(b, key=repr)
        return (type(a) is type(b) or unordered) and len(a) == len(b) and all(
            _equal(x, y, tolerance, False) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict) and tolerance is not None:
        return a.keys() == b.keys() and all(_equal(a[k], b[k], tolerance, False) for k in a)
    return a == b


def expected_finish(scenario: Scenario, outcome: Outcome) -> bool:
    """Whether a run ended as the scenario expects a correct program to end."""
    if scenario.raises is None:
        return outcome.kind == FINISHED
    return (outcome.kind == EXCEPTION and outcome.exc_class == scenario.raises
            and len(outcome.returns) == len(scenario.calls) - 1)


def raised_early(scenario: Scenario, outcome: Outcome) -> bool:
    """A run that raised where a value was expected (a runtime error): any exception of a
    scenario without `raises`, or one raised before the last call of a scenario with it."""
    if outcome.kind != EXCEPTION:
        return False
    return scenario.raises is None or len(outcome.returns) < len(scenario.calls) - 1


def finish_difference(scenario: Scenario, outcome: Outcome) -> str | None:
    """How a run that finished its calls missed the expected exception, or None."""
    if scenario.raises is None or expected_finish(scenario, outcome):
        return None
    call = scenario.calls[-1]
    if outcome.kind == EXCEPTION:
        return f"{call} raised {outcome.exc_class} instead of {scenario.raises}"
    got = outcome.returns[-1] if len(outcome.returns) == len(scenario.calls) else None
    return (f"{call} returned {got} instead of raising {scenario.raises}" if got is not None
            else f"{call} did not raise {scenario.raises}")
