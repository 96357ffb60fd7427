"""Hints, in the order a student meets the errors and stronger each time.

The order is what Python reports first: a program that does not compile shows nothing
else, so a syntax error comes first; then the error behind the first exception of the
failing scenarios; then the logical errors, top to bottom. Each error gets up to
`MAX_HINTS` hints: its line, then the construct it is in (the project's rule for where a
removed statement is told, docs/locations.md), then what to compare on a scenario that
shows it. None of them quotes the correct program.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import dataclass

from ..changes import Change
from ..engine import REJECTED, block_end, judge
from ..workflow import Task
from .grading import REMAINING, Grade, error_changes, prepared_for, run_apart, shows

MAX_HINTS = 3

STATEMENTS = {ast.If: "an `if` statement", ast.While: "a `while` loop",
              ast.For: "a `for` loop", ast.FunctionDef: "a function definition",
              ast.Return: "a `return` statement", ast.Assign: "an assignment",
              ast.AugAssign: "an update of a variable (`+=` and the like)",
              ast.Expr: "a statement on its own (a call)", ast.Import: "an import",
              ast.ImportFrom: "an import", ast.Break: "a `break`",
              ast.Continue: "a `continue`", ast.Try: "a `try` statement",
              ast.With: "a `with` statement", ast.AnnAssign: "an assignment"}
EXPRESSIONS = {ast.Compare: "a comparison", ast.BinOp: "an arithmetic operation",
               ast.BoolOp: "a combination with `and`/`or`", ast.UnaryOp: "a negation or sign",
               ast.Subscript: "an index or slice", ast.Attribute: "a method or attribute",
               ast.List: "a list", ast.Tuple: "a tuple", ast.Dict: "a dictionary",
               ast.JoinedStr: "an f-string", ast.IfExp: "a conditional expression",
               ast.ListComp: "a list comprehension", ast.Name: "a variable's name"}


@dataclass
class Hint:
    error: int | None  # the error's index in the draft; None when it is not one of them
    line: int | None
    level: int  # 1 to MAX_HINTS; 0 when no hint is left
    text: str

    def to_dict(self) -> dict:
        return {"error": self.error, "line": self.line, "level": self.level,
                "text": self.text}


def order(result: Grade, classes: Sequence[str]) -> list[int]:
    """The errors still there, in the order the student meets them."""
    first_raise = next((f.line for f in result.failures if f.exception), None)

    def rank(index: int) -> tuple[int, int]:
        line = result.lines_now[index] or 0
        kind = classes[index] if index < len(classes) else ""
        if result.syntax and line == result.syntax_line:
            return 0, line
        if kind == "syntax":
            return 1, line
        if first_raise is not None and line == first_raise:
            return 2, line
        return (3 if kind == "runtime" else 4), line

    left = [i for i, state in enumerate(result.errors)
            if state == REMAINING and result.lines_now[i] is not None]
    return sorted(left, key=rank)


def given_per_error(hints: object) -> dict[int, int]:
    """How many hints each error has had (the state's list; entries of another shape,
    as an older or edited state may hold, count for nothing)."""
    counts: dict[int, int] = {}
    for entry in hints if isinstance(hints, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("error"), int):
            counts[entry["error"]] = counts.get(entry["error"], 0) + 1
    return counts


def _offsets(source: str) -> list[int]:
    starts = [0]
    for line in source.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    return starts


def _span(source: str, starts: list[int], node: ast.AST) -> tuple[int, int]:
    lines = source.splitlines(keepends=True)

    def at(line: int, col: int) -> int:
        return starts[line - 1] + len(lines[line - 1].encode("utf-8")[:col].decode(
            "utf-8", "ignore"))
    return at(node.lineno, node.col_offset), at(node.end_lineno, node.end_col_offset)


def removes_statement(correct: str, change: Change) -> bool:
    """Whether the change takes whole lines of code out (a statement removed)."""
    start = min(p.start for p in change.pieces)
    return (not change.after.strip() and bool(change.before.strip())
            and change.before.endswith("\n") and correct[start - 1:start] in ("", "\n"))


def construct(correct: str, change: Change) -> str:
    """What the place of an error is meant to be, in words, from the correct program."""
    start = min(p.start for p in change.pieces)
    end = max(p.end for p in change.pieces)
    if removes_statement(correct, change):
        found = block_end(correct, start, end)
        if found is not None:
            return (f"a statement is missing at the end of {found[1]}: the program needs "
                    "one more step there")
        return "a statement is missing just before this line: the program skips a step"
    if not change.after.strip() and not change.before.strip():
        return ("the error is in the indentation of this line: which block it belongs to "
                "decides when it runs")
    try:
        tree = ast.parse(correct)
    except SyntaxError:
        return "the error is on this line"
    starts = _offsets(correct)
    line = correct.count("\n", 0, start) + 1
    statement, inner = None, None
    for node in ast.walk(tree):
        if not hasattr(node, "end_lineno") or node.end_lineno is None:
            continue
        a, b = _span(correct, starts, node)
        if isinstance(node, ast.stmt) and node.lineno <= line <= node.end_lineno:
            # the innermost statement on the error's line
            if statement is None or node.lineno >= statement.lineno:
                statement = node
        if not (a <= start and end <= b):
            continue
        if isinstance(node, ast.expr) and type(node) in EXPRESSIONS | {ast.Call: ""}:
            if inner is None or (b - a) <= _width(correct, starts, inner):
                inner = node
    what = STATEMENTS.get(type(statement), "a statement") if statement else "a statement"
    text = f"this line is meant to be {what}"
    if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name):
        text += f"; the error is in the call to `{inner.func.id}`"
    elif inner is not None and type(inner) in EXPRESSIONS:
        text += f"; the error is in {EXPRESSIONS[type(inner)]}"
    return text


def _width(source: str, starts: list[int], node: ast.AST) -> int:
    a, b = _span(source, starts, node)
    return b - a


def compare(task: Task, change: Change, line: int) -> str:
    """What to compare, from a run of the correct program with this error alone (in a
    Sandbox of its own, as every program of a check)."""
    prepared = prepared_for(task)
    verdict = judge(prepared.oracle, run_apart(prepared, change.apply(task.correct)),
                    prepared.scenarios)
    if verdict.status == "syntax":
        return (f"Python's words for it are \"{verdict.exc_class}: {verdict.message}\": "
                f"compare what line {line} holds with what Python expects there")
    if verdict.status == REJECTED:
        return (f"follow the program through line {line} on any scenario and compare what "
                "it does with what the task asks")
    scenario = next(c for c in task.cases if c.name == verdict.scenario)
    given = (f"input {', '.join(map(repr, scenario.stdin))}" if scenario.stdin else
             f"calls {'; '.join(scenario.calls)}")
    return (f"with only this error, scenario {verdict.scenario} ({given}) shows "
            f"{shows(verdict, prepared.timeout, named=False)}: follow that scenario's values to line "
            f"{line} and compare what it does with what the task asks")


def next_hint(task: Task, result: Grade, classes: Sequence[str], hints: object) -> Hint:
    """The next hint: for the first error met that has hints left, one level up."""
    counts = given_per_error(hints)
    met = order(result, classes)
    if result.syntax and not any(result.lines_now[i] == result.syntax_line
                                 or (i < len(classes) and classes[i] == "syntax")
                                 for i in met):
        return Hint(None, result.syntax_line, 0,
                    f"Python stops before running anything: {result.syntax}. That is not "
                    "one of the exercise's errors: it came with your changes.")
    if not met:
        return Hint(None, None, 0, "no error of the exercise is left in the program.")
    spent = [i for i in met if counts.get(i, 0) >= MAX_HINTS]
    open_ = [i for i in met if counts.get(i, 0) < MAX_HINTS]
    note = "".join(f" (No more hints for the error on line {result.lines_now[i]}: you "
                   f"have had all {MAX_HINTS}.)" for i in spent[:1])
    if not open_:
        return Hint(spent[0], result.lines_now[spent[0]], 0, note.strip(" ()"))
    index = open_[0]
    line = result.lines_now[index]
    level = counts.get(index, 0) + 1
    change = error_changes(task)[index] if level > 1 else None
    if change is None:
        body = f"look at line {line}."
    elif level == 2:
        body = f"line {line}: {construct(task.correct, change)}."
    else:
        body = f"line {line}: {compare(task, change, line)}."
    return Hint(index, line, level, body + note)
