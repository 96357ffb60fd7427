"""The parts of a program its scenarios can run, and the edits outside them.

A runtime or logical error is proven by running the scenarios; an edit in a function
that no scenario calls, directly or through the code it runs, can change nothing they
see, so it can never be proven and is not offered. Imported test files often leave a
function untested (its tests pass a lambda, or read a file); a script may define a
helper it never calls.

What runs: the module's top level (every program runs as `__main__` first, class bodies
included), the names the scenarios' calls use, and, from there, every function or class
whose name code that runs mentions (called or passed along: `map(square, xs)`). A class
that runs brings all its methods. Found from the program's syntax tree and the scenarios,
both ours to read; nothing is run. Where a name could be reached in ways the tree does
not show (`globals()`, `getattr`, `eval`), every part counts as run.

Finer, when known: the lines the correct program ran under the scenarios (the sandbox
traces them once per exercise). An edit inside one statement that never ran changes
nothing a scenario sees. Edits that change the program's shape are kept whatever ran:
a new line break or indentation, a changed block keyword (`elif` made `if` runs where
the `elif` never did), `global`/`nonlocal` (they act without running). The trace comes
from the program, so it only steers which sites are tried: a forged one can hide the
program's own sites, never make a claim pass, since every claim is still proven.
"""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Iterable, Sequence
from functools import lru_cache

from ..content import Scenario
from ..injectors import SYNTAX, Edit
from ..sandbox import DEFAULT_TIMEOUT, EXCEPTION, FINISHED, Job, Sandbox

_DYNAMIC = frozenset({"globals", "locals", "vars", "getattr", "eval", "exec", "__import__",
                      "import_module"})
_UNIT = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef


@lru_cache(maxsize=16)
def parsed(source: str) -> ast.Module | None:
    """The program's syntax tree, parsed once for the rules of `offer.py` (read only)."""
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError):
        return None


def _top_units(tree: ast.Module) -> list[_UNIT]:
    """Functions and classes defined by the top level (inside `if`/`try` too), not
    those nested in another function or class (they run with it)."""
    units: list[_UNIT] = []
    todo: list[ast.AST] = list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, _UNIT):
            units.append(node)
        elif isinstance(node, ast.stmt):
            todo += [c for c in ast.iter_child_nodes(node) if isinstance(c, ast.stmt)]
    return units


def _mentioned(nodes: Iterable[ast.AST]) -> set[str]:
    """Every name and attribute name mentioned under these nodes."""
    names: set[str] = set()
    for root in nodes:
        for node in ast.walk(root):
            if isinstance(node, ast.Name):
                names.add(node.id)
            elif isinstance(node, ast.Attribute):
                names.add(node.attr)
    return names


def _at_definition(unit: _UNIT) -> list[ast.AST]:
    """The parts of a definition the top level runs when it defines it: decorators,
    defaults, bases; and a class body's own statements besides its methods."""
    parts: list[ast.AST] = list(unit.decorator_list)
    if isinstance(unit, ast.ClassDef):
        parts += unit.bases + [k.value for k in unit.keywords]
        parts += [s for s in unit.body if not isinstance(s, ast.FunctionDef
                                                           | ast.AsyncFunctionDef)]
    else:
        parts += [d for d in unit.args.defaults + unit.args.kw_defaults if d is not None]
    return parts


def unreached_lines(source: str, scenarios: Sequence[Scenario]) -> set[int]:
    """Lines (1-based) of the functions and classes no scenario can run; empty when the
    program or a call does not parse, or the program looks names up at run time."""
    tree = parsed(source)
    try:
        calls = [ast.parse(c, mode="eval") for s in scenarios for c in s.calls]
    except (SyntaxError, ValueError):
        return set()
    if tree is None:
        return set()
    units = _top_units(tree)
    if not units or _mentioned([tree]) & _DYNAMIC:
        return set()
    unit_ids = {id(u) for u in units}
    # the top level runs, and the statements that hold units (an `if` around a def),
    # but not the units' bodies
    frontier = _mentioned(calls) | _names_outside(tree.body, unit_ids)
    for unit in units:
        frontier |= _mentioned(_at_definition(unit))
    reached: set[int] = set()
    while True:
        new = [u for u in units if id(u) not in reached and u.name in frontier]
        if not new:
            break
        for unit in new:
            reached.add(id(unit))
            frontier |= _mentioned(unit.body)
    lines: set[int] = set()
    for unit in units:
        if id(unit) not in reached:
            lines |= _body_lines(unit)
    return lines


def _body_lines(unit: _UNIT) -> set[int]:
    """The lines of a unit that no one uses which never run: a function's definition
    but its decorators; of a class, only its methods (its own statements run when it is
    defined: a class attribute's mistake raises as the program starts)."""
    if isinstance(unit, ast.ClassDef):
        lines: set[int] = set()
        for statement in unit.body:
            if isinstance(statement, _UNIT):
                lines |= _body_lines(statement)
        return lines
    # its decorators run where it is defined (a misspelt one raises then)
    return set(range(unit.lineno, (unit.end_lineno or unit.lineno) + 1))


def _names_outside(statements: list[ast.stmt], unit_ids: set[int]) -> set[str]:
    """Names mentioned by these statements, not descending into the units."""
    names: set[str] = set()
    todo: list[ast.AST] = list(statements)
    while todo:
        node = todo.pop()
        if id(node) in unit_ids:
            continue
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Attribute):
            names.add(node.attr)
        todo += ast.iter_child_nodes(node)
    return names


def trace(source: str, scenarios: Sequence[Scenario], sandbox: Sandbox,
          timeout: float = DEFAULT_TIMEOUT
          ) -> tuple[frozenset[int], frozenset[tuple[str, str]]] | None:
    """(the lines run, the (variable, type name) pairs its frames held as they ended)
    under these scenarios, traced in the sandbox with this time limit per scenario; None
    when not every run ended (a trace slows a program down) or there is no scenario."""
    if not scenarios:
        return None
    runs = sandbox.run_many([Job(source, s.stdin, calls=s.calls, trace_lines=True,
                                 timeout=timeout) for s in scenarios])
    if any(r.kind not in (FINISHED, EXCEPTION) or r.lines_run is None for r in runs):
        return None
    return (frozenset().union(*(r.lines_run for r in runs)),
            frozenset().union(*(r.typed or () for r in runs)))


_ACTS_UNRUN = ast.Global | ast.Nonlocal | ast.AnnAssign  # no line runs; still acts


_Statements = list[tuple[range, ast.stmt]]


def _statements(tree: ast.Module) -> _Statements:
    """Every statement with the lines that show it ran (`_header_or_lines`)."""
    return [(_header_or_lines(n), n) for n in ast.walk(tree) if isinstance(n, ast.stmt)]


def _statement_lines(statements: _Statements, source: str, start: int, end: int
                     ) -> range | None:
    """The lines whose running shows whether the statement holding source[start:end]
    ran: a simple statement's lines, or a block's header; None when no one statement
    holds the span (an `else:` line) or it acts without running."""
    first = source.count("\n", 0, start) + 1
    last = source.count("\n", 0, max(start, end - 1)) + 1
    holding = [(len(lines), lines, node) for lines, node in statements
               if first in lines and last in lines]
    if not holding:
        return None
    _, lines, node = min(holding, key=lambda h: h[0])
    return None if isinstance(node, _ACTS_UNRUN) else lines


def _header_or_lines(node: ast.stmt) -> range:
    body = getattr(node, "body", None)
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        top = min([node.lineno] + [d.lineno for d in node.decorator_list])
        return range(top, node.body[0].lineno)
    if isinstance(body, list) and body:
        return range(node.lineno, body[0].lineno)
    return range(node.lineno, (node.end_lineno or node.lineno) + 1)


_BLOCK_WORDS = frozenset({"if", "elif", "else", "for", "while", "try", "except", "finally",
                          "with", "def", "class", "match", "case", "async", "return",
                          "break", "continue", "global", "nonlocal"})
_JUMPS = frozenset({"return", "break", "continue"})


def _reshapes(source: str, edit: Edit) -> bool:
    """The edit changes the program's shape: a line break, indentation, something put
    before a line's code, or a word that makes or ends a block or jumps (`elif` made
    `if`, `break` put in)."""
    old = source[edit.start:edit.end]
    if "\n" in edit.replacement or "\n" in old.rstrip("\n"):
        return not _deletes_lines(source, edit)
    line_start = source.rfind("\n", 0, edit.start) + 1
    if source[line_start:edit.start].strip():
        return False  # inside the line's code
    if not old or old[:1] in " \t" or edit.replacement[:1] in " \t":
        return True

    def first(text: str) -> str:
        return text.split(None, 1)[0].rstrip(":(") if text.split() else ""

    # a jump taken away (`return` made `print`) changes nothing where its line never
    # ran; one put in may not compile there (`break` outside a loop), so it still counts
    was, now = first(old), first(edit.replacement)
    return was in _BLOCK_WORDS - _JUMPS or (now in _BLOCK_WORDS and now != was)


def _deletes_lines(source: str, edit: Edit) -> bool:
    """Whole lines removed and nothing put in their place."""
    return (edit.replacement == "" and (edit.start == 0 or source[edit.start - 1] == "\n")
            and source[edit.start:edit.end].endswith("\n"))


def _imported(text: str) -> set[str] | None:
    """The names the import statements of `text` bind (None: not statements, or a
    star import, whose names nobody can list)."""
    try:
        tree = ast.parse(textwrap.dedent(text))
    except (SyntaxError, ValueError):
        return None
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.asname or a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if any(a.name == "*" for a in node.names):
                return None
            names |= {a.asname or a.name for a in node.names}
    return names


def _own_names(node: ast.stmt) -> set[str]:
    """Names a statement reads itself (not those of the statements in its body)."""
    names: set[str] = set()
    todo: list[ast.AST] = [c for c in ast.iter_child_nodes(node) if not isinstance(c, ast.stmt)]
    while todo:
        sub = todo.pop()
        if isinstance(sub, ast.Name):
            names.add(sub.id)
        todo += [c for c in ast.iter_child_nodes(sub) if not isinstance(c, ast.stmt)]
    return names


def _import_never_read(statements: _Statements, source: str, edit: Edit,
                       lines_run: frozenset[int]) -> bool:
    """The edit takes imported names away, and no statement that reads one of them
    ran: the missing import could never show."""
    taken = source[edit.start:edit.end]
    if "import" not in taken:  # most edits: no parse needed to know
        return False
    old, new = _imported(taken), _imported(edit.replacement)
    if not old or new is None:
        return False
    gone = old - new
    return bool(gone) and not any(
        gone & _own_names(node) and any(line in lines_run for line in lines)
        for lines, node in statements)


def _never_ran(statements: _Statements, source: str, edit: Edit,
               lines_run: frozenset[int]) -> bool:
    if _import_never_read(statements, source, edit, lines_run):
        return True
    if _deletes_lines(source, edit):
        first = source.count("\n", 0, edit.start) + 1
        last = source.count("\n", 0, edit.end - 1) + 1
        return not any(line in lines_run for line in range(first, last + 1)) and not any(
            isinstance(n, _ACTS_UNRUN | _UNIT) and first <= n.lineno <= last
            for _, n in statements)
    if _reshapes(source, edit):
        return False
    lines = _statement_lines(statements, source, edit.start, edit.end)
    return lines is not None and not any(line in lines_run for line in lines)


def reached_edits(edits: Sequence[Edit], source: str, scenarios: Sequence[Scenario],
                  lines_run: frozenset[int] | None = None
                  ) -> tuple[list[Edit], list[Edit]]:
    """(edits a scenario can show, runtime and logical edits in code none runs). Syntax
    errors are errors wherever they are: always kept."""
    unreached = unreached_lines(source, scenarios)
    tree = parsed(source) if lines_run is not None else None
    statements = _statements(tree) if tree is not None else None
    kept, dropped = [], []
    for edit in edits:
        line = source.count("\n", 0, edit.start) + 1  # where the edit starts in `source`
        unseen = edit.error_class != SYNTAX and (
            line in unreached or (statements is not None and lines_run is not None
                                  and _never_ran(statements, source, edit, lines_run)))
        (dropped if unseen else kept).append(edit)
    return kept, dropped
