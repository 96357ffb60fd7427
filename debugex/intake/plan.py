"""From what was found to what will be written: a slug, scenarios, and what was not read.

A test file's cases become function scenarios, one per test (its name kept), split where
a test changes how values are compared (a tolerance, order-free) and after a call that
must raise. A CodeRunner test on stdin becomes a stdin scenario. A program that cannot be
an exercise says why: it does not parse, or it is Python 2.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from itertools import groupby

from ..content import Scenario
from ..scenarios import Case, read_doctests, read_test_file
from .slugs import slug_of, unique
from .sources import Found

PYTHON2_NAMES = {"raw_input", "xrange", "unicode", "basestring", "unichr", "execfile"}
MAX_CALLS = 40  # per scenario: a test with more is split


@dataclass
class Planned:
    slug: str
    found: Found
    scenarios: list[Scenario] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    case_map: dict[str, list[Case]] = field(default_factory=dict)  # scenario → its tests
    stdin_checks: list[tuple[str, str]] = field(default_factory=list)  # (scenario, output)
    unread: list[str] = field(default_factory=list)
    problem: str | None = None  # why it cannot be imported

    @property
    def tests_read(self) -> int:
        return len(self.cases) + len(self.stdin_checks)


def plan(found: list[Found], taken: set[str]) -> list[Planned]:
    planned = []
    for item in found:
        slug = unique(slug_of(item.name), taken)
        taken.add(slug)
        planned.append(_plan_one(item, slug))
    return planned


def python2_reason(source: str) -> str | None:
    """Why `source` reads as Python 2, or None."""
    try:
        compile(source, "<program>", "exec", dont_inherit=True)
    except SyntaxError as exc:
        if "Missing parentheses in call to" in (exc.msg or ""):
            return f"`print` without brackets on line {exc.lineno}"
        return None
    except (ValueError, RecursionError, MemoryError):
        return None
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    defined = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)
               and isinstance(n.ctx, ast.Store)}
    defined |= {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in PYTHON2_NAMES - defined \
                and isinstance(node.ctx, ast.Load):
            return f"`{node.id}` on line {node.lineno} (a Python 2 name)"
    return None


def _plan_one(item: Found, slug: str) -> Planned:
    planned = Planned(slug, item)
    old = python2_reason(item.source)
    if old:
        planned.problem = (f"this is Python 2 ({old}): debugex reads Python 3 programs; "
                           "convert it first")
        return planned
    try:
        tree = ast.parse(item.source)
        compile(item.source, "<program>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:
        planned.problem = f"the program does not compile: {exc}"
        return planned
    except (RecursionError, MemoryError):
        planned.problem = "the program is nested too deeply to read"
        return planned
    functions = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)
                 and not n.name.startswith("_")}
    module = slug_of(item.name)
    for name, text in item.tests:
        read = read_test_file(text, functions, _tested_module(text) or module)
        planned.cases += read.cases
        planned.unread += [f"{name} line {line}: {why}" for line, why in read.unread]
    doc = read_doctests(ast.get_docstring(tree) or "", functions) if functions else None
    for node in tree.body if functions else ():
        if isinstance(node, ast.FunctionDef) and ast.get_docstring(node):
            more = read_doctests(ast.get_docstring(node), functions)
            doc.cases += more.cases
            doc.unread += more.unread
    if doc is not None and not item.tests:
        planned.cases += doc.cases
        planned.unread += [f"docstring line {line}: {why}" for line, why in doc.unread]
    for scenario, cases in scenarios_of(planned.cases):
        planned.scenarios.append(scenario)
        planned.case_map[scenario.name] = cases
    stdin_runs = []
    for number, (stdin, case, expected) in enumerate(item.cases_given, start=1):
        if case is None:
            stdin_runs.append((f"test_{number}", stdin, expected))
        else:  # a CodeRunner call test runs after the answer, on the test's stdin
            planned.cases.append(case)
            planned.scenarios.append(Scenario(case.name, tuple(stdin.splitlines()), None,
                                              (case.call,)))
            planned.case_map[case.name] = [case]
    for name, stdin, expected in stdin_runs:
        planned.scenarios.append(Scenario(name, tuple(stdin.splitlines())))
        planned.stdin_checks.append((name, expected))
    return planned


def _tested_module(text: str) -> str | None:
    """The module a test file imports its functions from (`from leap import leap_year`)."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 \
                and node.module not in {"unittest", "pytest", "doctest"}:
            return node.module.split(".")[-1]
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names if a.name not in {"unittest", "pytest"}]
            if names:
                return names[0].split(".")[-1]
    return None


def _mode(case: Case) -> tuple:
    return (case.places if case.how == "almost" else None, case.how == "count_equal")


def scenarios_of(cases: list[Case]) -> list[tuple[Scenario, list[Case]]]:
    """One scenario per test, split where the comparison changes, after an expected
    exception and past MAX_CALLS calls; the values a test states exactly are kept as the
    scenario's `returns` while they come first."""
    scenarios: list[tuple[Scenario, list[Case]]] = []
    names: set[str] = set()
    for test, group in groupby(cases, key=lambda c: c.test or c.name):
        current: list[Case] = []
        for case in group:
            if current and (_mode(case) != _mode(current[0]) or len(current) >= MAX_CALLS):
                scenarios.append((_scenario(test, current, names), current))
                current = []
            current.append(case)
            if case.how == "raises":
                scenarios.append((_scenario(test, current, names), current))
                current = []
        if current:
            scenarios.append((_scenario(test, current, names), current))
    return scenarios


def _scenario(test: str, cases: list[Case], names: set[str]) -> Scenario:
    name = unique(test, names)
    names.add(name)
    returns = []
    for case in cases:
        if case.how not in {"equal", "almost", "count_equal"} or case.expected is None:
            break
        returns.append(case.expected)
    last = cases[-1]
    tolerance, unordered = _mode(cases[0])
    return Scenario(name, (), None, tuple(c.call for c in cases), tuple(returns),
                    last.raises if last.how == "raises" else None, tolerance, unordered)
