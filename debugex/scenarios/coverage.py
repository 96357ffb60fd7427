"""Which lines of a program are statements that can run, and how many of them did."""

from __future__ import annotations

import ast
from collections.abc import Iterable

# Declarations compile to no code, so no trace event can ever mark them as run.
_NO_CODE = (ast.Global, ast.Nonlocal)


def statement_lines(source: str) -> frozenset[int]:
    """First lines of the statements that execute (docstrings and declarations excluded)."""
    tree = ast.parse(source)
    lines = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.stmt) or isinstance(node, _NO_CODE):
            continue
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) \
                and isinstance(node.value.value, str):
            continue  # a docstring or a bare string: nothing runs
        lines.add(node.lineno)
    return frozenset(lines)


def line_coverage(source: str, runs: Iterable[frozenset[int] | None]) -> tuple[float, list[int]]:
    """Fraction of statement lines run by any of the runs, and the lines never run."""
    wanted = statement_lines(source)
    seen: set[int] = set()
    for lines in runs:
        if lines:
            seen |= lines
    missed = sorted(wanted - seen)
    if not wanted:
        return 1.0, []
    return (len(wanted) - len(missed)) / len(wanted), missed
