"""Statement probes: edits that change a statement rather than one expression, watched
in the correct program's probe runs (`infection.py` runs them with `probes.py`'s).

Two shapes are probed, each where the edited program could first part from the correct
one, so that a probe that never fires on any scenario shows an equivalent mutant:

- `elif C:` made `if C:` ("rest" probes). The edited program differs only when an
  earlier branch of the chain ran to its end and then C, a later test of the chain, or
  its `else` would be taken. At the end of each earlier branch body the probe evaluates
  the rest of the chain's tests in order (pure ones only; one that is not pure counts as
  taken) and fires when one is true or raises, or when there is an `else`. A body that
  ends in return, raise, break or continue never reaches the probe, as in the mutant.
- a statement left out, or a method named but not called (`items.sort`) ("state"
  probes). The edited program differs only when the statement changes some state or
  raises. The statement is kept and run as always; before it, the probe takes a copy of
  what it writes (assigned names, a subscripted container, the receiver and arguments of
  an in-place method of a builtin type), after it compares the copy with what is there
  now, and it fires when the statement raised or anything changed. Copies hold plain
  data only (numbers, text, None and lists, tuples, dicts and sets of them, bounded in
  size, containers by identity too) and functions (by identity: what one does never
  changes); anything else counts as changed. The probe never
  calls program code: it looks at exact builtin types only.

A statement moved into a loop (an initialisation, a `return`) and a range one over are
probed by `loop_probes.py` and `return_probes.py`, most of them for a raise only (never
firing then shows nothing: `StatementProbe.shows_equivalence`).

The probes write the same markers as `probes.py`'s; a statement probe group k fires as
form 0. What they see is a hint for what is worth proving, never a claim.
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Sequence
from dataclasses import dataclass

from ..injectors import LOGICAL, RUNTIME, Edit, ast_offsets
from .loop_probes import KEY, LOOP_HELPER_SOURCE, loop_probe
from .probes import MARK, _pure
from .reach import parsed
from .return_probes import RETURN_HELPER_SOURCE, return_probe

# Methods of list, dict and set that change their receiver and nothing else.
IN_PLACE = frozenset({"append", "extend", "insert", "remove", "pop", "sort", "reverse",
                      "clear", "update", "popitem", "setdefault", "add", "discard",
                      "difference_update", "intersection_update",
                      "symmetric_difference_update"})
PLAIN_LIMIT = 2000  # values a copy holds at most (more: counted as changed)
WORK_LIMIT = 200_000  # values one probe copies in a run at most (more: counted as changed)
# Order of insertions at one offset: a closing tail, then a chain's probe, then an
# opening head, then the extra indent of the statement a head opens.
TAIL, REST, HEAD, INDENT = range(4)

HELPER_SOURCE = f'''\
def _dbx_fire_(k, seen, _w=print):
    _w("{MARK}%d:0:%s{MARK}" % (k, seen), end="")
class _dbx_unknown_(Exception):
    pass
def _dbx_box_(v, _type=type, _known=(str, list, tuple, dict, set, frozenset, range, bytes,
                                      type({{}}.keys()), type({{}}.values()))):
    # `x in v` reads v and nothing else only when v is a builtin container
    if _type(v) not in _known:
        raise _dbx_unknown_
    return v
def _dbx_rest_(k, tests, other, _fired=set(), _type=type):
    if k in _fired:
        return
    for test in tests:
        if test is None:
            seen = "d"
            break
        try:
            if test():
                seen = "d"
                break
        except _dbx_unknown_:
            seen = "d"
            break
        except Exception as exc:
            seen = "r:" + _type(exc).__name__
            break
    else:
        seen = "d" if other else ""
    if seen:
        _fired.add(k)
        _dbx_fire_(k, seen)
def _dbx_copy_(v, refs, left, depth=0, _type=type, _id=id, _repr=repr, _tuple=tuple,
               _scalar=(int, bool, str, bytes, type(None)), _exact=(float, complex),
               _mutable=(list, dict, set), _sequence=(list, tuple, set, frozenset),
               _functions=(type(len), type(lambda: 0))):
    left[0] -= 1
    t = _type(v)
    if left[0] < 0 or depth > 8:
        raise TypeError
    if t in _scalar:
        return (t, v)
    if t in _functions:  # what a function does never changes: the same one by identity
        refs.append(v)
        return (t, _id(v))
    if t in _exact:
        return (t, _repr(v))
    if t in _mutable:
        refs.append(v)  # held until the copy is compared: its identity stays unique
    if t in _sequence:
        return (t, _id(v) if t in _mutable else 0,
                _tuple([_dbx_copy_(x, refs, left, depth + 1) for x in v]))
    if t is dict:
        return (t, _id(v), _tuple([(_dbx_copy_(a, refs, left, depth + 1),
                                    _dbx_copy_(b, refs, left, depth + 1))
                                   for a, b in v.items()]))
    raise TypeError
def _dbx_state_(k, read, after, _fired=set(), _held={{}}, _spent={{}}, _limit={PLAIN_LIMIT},
                _work={WORK_LIMIT}):
    if k in _fired:
        return
    refs, left = [], [_limit]
    try:
        now = _dbx_copy_(read(), refs, left)
    except NameError:
        now = "unbound"
    except Exception:
        now = None
    _spent[k] = _spent.get(k, 0) + _limit - left[0]
    if _spent[k] > _work:  # copies too costly to go on: counted as a change
        now = None
    if not after:
        if k in _held:  # the last run of the statement never reached its end
            _fired.add(k)
            _dbx_fire_(k, "d")
        else:
            _held[k] = (now, refs)
        return
    before = _held.pop(k, (None, None))[0]
    if before is None or now is None or before != now:
        _fired.add(k)
        _dbx_fire_(k, "d")
def _dbx_broke_(k, _fired=_dbx_state_.__defaults__[0]):  # the same set of fired groups
    if k not in _fired:
        _fired.add(k)
        _dbx_fire_(k, "d")
''' + LOOP_HELPER_SOURCE + RETURN_HELPER_SOURCE


@dataclass(frozen=True)
class StatementProbe:
    """An edit probed at statement level: its group (edits probed by the same code
    share one) and the texts inserted into the program, KEY standing for the group."""

    edit: Edit
    group: tuple
    inserts: tuple[tuple[int, float, str], ...]  # (offset, order at that offset, text)
    # False: the probe watches only for a raise (`loop_probes.py`), and never firing
    # shows nothing
    shows_equivalence: bool = True
    # True: a raise it sees reaches no handler of the program (`loop_probes.cannot_catch`),
    # even in a program that catches elsewhere
    uncaught: bool = False


def statement_probes_for(edits: Sequence[Edit], source: str) -> list[StatementProbe]:
    """The edits that turn an `elif` into an `if`, leave a simple statement out or leave
    the brackets off an in-place method call, with their probes' insertions (logical
    and runtime edits only)."""
    tree = parsed(source)
    if tree is None:
        return []
    where = _Where(tree, source)
    out: list[StatementProbe] = []
    for edit in edits:
        if edit.error_class not in (LOGICAL, RUNTIME):
            continue
        probe = _elif_probe(edit, where) or _state_probe(edit, where)
        moved = None if probe is not None else loop_probe(edit, where) or return_probe(
            edit, where)
        if moved is not None:
            probe = StatementProbe(edit, *moved)
        if probe is not None:
            out.append(probe)
    return out


class _Where:
    """The program's statements with their parents, character spans and lines."""

    def __init__(self, tree: ast.Module, source: str) -> None:
        self.source = source
        self.offset = ast_offsets(source)
        self.lines = source.splitlines(keepends=True)
        self.parent: dict[ast.AST, ast.AST] = {}
        self.statements: list[ast.stmt] = []
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                self.parent[child] = node
            if isinstance(node, ast.stmt):
                self.statements.append(node)

    def span(self, node: ast.AST) -> tuple[int, int]:
        return (self.offset(node.lineno, node.col_offset),
                self.offset(node.end_lineno, node.end_col_offset))

    def text(self, node: ast.AST) -> str:
        start, end = self.span(node)
        return self.source[start:end]

    def line_start(self, line: int) -> int:
        return self.offset(line, 0) if line <= len(self.lines) else len(self.source)

    def indent(self, node: ast.stmt) -> str | None:
        """The whitespace before a statement that starts its own line, else None."""
        line = self.lines[node.lineno - 1]
        before = line[:self.offset(node.lineno, node.col_offset) - self.line_start(node.lineno)]
        return before if not before.strip() else None

    def alone(self, node: ast.stmt) -> bool:
        """Starts its own line and nothing but a comment follows it on its last line."""
        if self.indent(node) is None:
            return False
        end = self.span(node)[1]
        rest = self.lines[node.end_lineno - 1][end - self.line_start(node.end_lineno):]
        return not rest.strip() or rest.lstrip().startswith("#")

    def in_class_body(self, node: ast.AST) -> bool:
        """Names a lambda here could not see: the nearest scope is a class body."""
        up = self.parent.get(node)
        while up is not None and not isinstance(
                up, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.Module):
            if isinstance(up, ast.ClassDef):
                return True
            up = self.parent.get(up)
        return False

    def after_line(self, line: int) -> tuple[int, str]:
        """Where text goes on a new line after this one, and the newline it needs."""
        at = self.line_start(line + 1)
        needs = "" if at == 0 or self.source[at - 1] in "\r\n" else "\n"
        return at, needs


def _elif_probe(edit: Edit, where: _Where) -> StatementProbe | None:
    if where.source[edit.start:edit.end] != "elif" or edit.replacement != "if":
        return None
    node = next((s for s in where.statements if isinstance(s, ast.If)
                 and where.span(s)[0] == edit.start), None)
    if node is None or where.in_class_body(node):
        return None
    earlier: list[ast.If] = []
    up, below = where.parent.get(node), node
    while isinstance(up, ast.If) and up.orelse == [below]:
        earlier.append(up)
        if where.source[where.span(up)[0]:where.span(up)[0] + 4] != "elif":
            break
        up, below = where.parent.get(up), up
    else:
        return None  # no `if` heads the chain: not an elif
    tests, rest = [], node
    while True:
        tests.append(_test(rest.test, where))
        following = rest.orelse
        if len(following) == 1 and isinstance(following[0], ast.If) and where.source[
                where.span(following[0])[0]:where.span(following[0])[0] + 4] == "elif":
            rest = following[0]
            continue
        break
    other = bool(rest.orelse)
    call = f"_dbx_rest_({KEY}, ({', '.join(tests)},), {other})\n"
    inserts = []
    for branch in earlier:
        last = branch.body[-1]
        indent = where.indent(branch.body[0])
        if indent is None or last.end_lineno <= branch.lineno:
            return None  # a body on the `if` line: no line of its own to end it
        at, newline = where.after_line(last.end_lineno)
        inserts.append((at, REST, newline + indent + call))
    return StatementProbe(edit, ("rest", edit), tuple(inserts))


def _test(test: ast.expr, where: _Where) -> str:
    """A chain's test as the probe evaluates it: a lambda, or None when it is not pure.
    `x in v` is pure when v is a builtin container, which the probe checks as it runs
    (`_dbx_box_`): another v (an iterator, the program's own) counts as taken."""
    if _pure(test):
        return f"lambda: ({where.text(test)}\n)"
    boxed = copy.deepcopy(test)
    for node in ast.walk(boxed):
        if isinstance(node, ast.Compare):
            node.comparators = [
                ast.Call(ast.Name("_dbx_box_", ast.Load()), [c], [])
                if isinstance(op, ast.In | ast.NotIn) else c
                for op, c in zip(node.ops, node.comparators, strict=True)]
    plain = copy.deepcopy(test)
    for node in ast.walk(plain):
        if isinstance(node, ast.Compare):
            node.ops = [ast.Eq() if isinstance(op, ast.In | ast.NotIn) else op
                        for op in node.ops]
    if not _pure(plain):
        return "None"
    return f"lambda: ({ast.unparse(boxed)}\n)"


def _state_probe(edit: Edit, where: _Where) -> StatementProbe | None:
    statement = _removed(edit, where)
    if statement is None or where.in_class_body(statement) or not where.alone(statement):
        return None
    read = _written(statement)
    if read is None:
        return None
    indent = where.indent(statement)
    start, _ = where.span(statement)
    line_start = where.line_start(statement.lineno)
    inner = "\t" if "\t" in indent else "    "
    reader = f"lambda: ({', '.join(where.text(r) for r in read)},)"
    head = (f"{indent}_dbx_state_({KEY}, {reader}, False)\n{indent}try:\n")
    at, newline = where.after_line(statement.end_lineno)
    tail = (f"{newline}{indent}except BaseException:\n{indent}{inner}_dbx_broke_({KEY})\n"
            f"{indent}{inner}raise\n{indent}_dbx_state_({KEY}, {reader}, True)\n")
    return StatementProbe(edit, ("state", start), ((line_start, HEAD, head),
                                                   (start, INDENT, inner), (at, TAIL, tail)))


def _removed(edit: Edit, where: _Where) -> ast.stmt | None:
    """The simple statement the edit leaves out (or whose call it leaves as a bare
    method), else None."""
    for statement in where.statements:
        start, end = where.span(statement)
        if not (edit.start <= start and end <= edit.end) and not (
                start <= edit.start and edit.end <= end):
            continue
        if isinstance(statement, ast.Assign | ast.AugAssign | ast.AnnAssign | ast.Expr
                      | ast.Delete) and edit.start <= start and end <= edit.end:
            taken = where.source[edit.start:edit.end].strip()
            rest = taken[len(where.source[start:end]):].strip()
            if not edit.replacement.strip() and taken.startswith(
                    where.source[start:end]) and (not rest or rest.startswith("#")):
                return statement  # the statement and at most its comment
            return None
        value = getattr(statement, "value", None)
        if isinstance(statement, ast.Expr) and isinstance(value, ast.Call) \
                and not value.args and not value.keywords \
                and isinstance(value.func, ast.Attribute) \
                and where.span(value.func)[1] == edit.start and edit.end == end \
                and where.span(value)[1] == end and edit.replacement == "":
            return statement
    return None


def _written(statement: ast.stmt) -> list[ast.expr] | None:
    """The expressions whose values hold everything the statement may change (read
    before and after it), or None when it may change more, or evaluates anything that
    is not pure (which the statement left out would not evaluate)."""
    if isinstance(statement, ast.Expr):
        call = statement.value
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                and isinstance(call.func.value, ast.Name) and call.func.attr in IN_PLACE):
            return None
        arguments = list(call.args) + [k.value for k in call.keywords if k.arg]
        if len(arguments) != len(call.args) + len(call.keywords) or not all(
                _pure(a) and not isinstance(a, ast.Starred) for a in arguments):
            return None
        return [call.func.value, *arguments]
    if isinstance(statement, ast.Assign):
        targets, value = statement.targets, statement.value
    elif isinstance(statement, ast.AugAssign | ast.AnnAssign):
        targets, value = [statement.target], statement.value
    else:  # ast.Delete
        targets, value = statement.targets, None
    if value is None and not isinstance(statement, ast.Delete):
        return None  # an annotation alone writes nothing
    if value is not None and not _pure(_lambdas_as_constants(value)):
        return None  # (making a function runs none of its code: as pure as a constant)
    read: list[ast.expr] = []
    for target in targets:
        for part in _parts(target):
            if isinstance(part, ast.Name):
                read.append(part)
            elif isinstance(part, ast.Subscript) and isinstance(part.value, ast.Name) \
                    and _pure(part.slice):
                read.append(part.value)
            else:
                return None
    return read


def _parts(target: ast.expr) -> list[ast.expr]:
    if isinstance(target, ast.Tuple | ast.List):
        return [p for element in target.elts for p in _parts(element)]
    return [target]


def _lambdas_as_constants(node: ast.expr) -> ast.expr:
    """The expression with each lambda in it replaced by a constant."""
    if not any(isinstance(n, ast.Lambda) for n in ast.walk(node)):
        return node

    class Plain(ast.NodeTransformer):
        def visit_Lambda(self, lam: ast.Lambda) -> ast.AST:
            return ast.copy_location(ast.Constant(None), lam)

    return Plain().visit(copy.deepcopy(node))
