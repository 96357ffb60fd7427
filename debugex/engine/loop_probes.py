"""Loop probes: a statement moved into a loop body, or a range one over, watched in the
correct program's probe runs (with `statement_probes.py`'s, which builds them;
`infection.py` reads them).

The edited program runs as the correct one until it first parts from it; what the probes
see until then is what the edited program does too, and nothing after it counts:

- An initialisation moved into the body (`total = 0` as its first line): the edited
  program sets the name back on every pass, and binds it only on a pass. It parts on a
  later pass that finds the name at another value than its start. After an entry into
  the loop that made no pass the name does not exist, and the first statement after
  the loop that reads it raises (UnboundLocalError; NameError at the top level): the
  probe marks entries and passes and fires "raises" there. Only when the moved
  statement is the name's one binding in its scope outside the loop.
- A range's end made one larger: it parts when the loop first runs to its end (the
  extra pass). The probe then reads each index that has the loop's variable as a term,
  with the variable at the range's end, and fires "raises" when it falls outside the
  sequence indexed. In a search loop (one `if`, a pure test) whose variable nothing
  after it reads, the extra pass does nothing unless its test holds: the probe fires
  "d" when it does, and never firing shows that the edit changes nothing.
(A `return` moved into a loop: `return_probes.py`.) A raise that no handler of the
program can reach (`cannot_catch`) is decided even in a program that catches elsewhere.
What they see is a hint for what is worth proving, never a claim.
"""

from __future__ import annotations

import ast
import builtins

from ..injectors import Edit
from .probes import _pure

_BUILTINS = frozenset(dir(builtins))
KEY = "\x00"  # stands for the group's number in an insertion's text (never in a program)
# Orders at one offset (`statement_probes.py`: TAIL 0, REST 1, HEAD 2): the line that
# ends a pass comes after what closes the statements above and before a line's mark,
# which comes before a probed statement's head.
PASS_END, LINE = 1.25, 1.5

LOOP_HELPER_SOURCE = '''\
_dbx_loops_ = {}
_dbx_diverged_ = set()  # probes whose edited program has parted from the correct one
def _dbx_loop_in_(k, _open=_dbx_loops_):
    _open.setdefault(k, []).append(False)
def _dbx_loop_pass_(k, value, start, _open=_dbx_loops_, _parted=_dbx_diverged_,
                    _type=type):
    stack = _open.get(k)
    if not stack:
        return
    if stack[-1] and k not in _parted:
        # a later pass: the edited program sets the name back to its start value here
        try:
            now = value()
            same = _type(now) is _type(start) and now == start
        except Exception:
            same = False
        if not same:
            _parted.add(k)
    stack[-1] = True
def _dbx_loop_out_(k, error, _open=_dbx_loops_, _parted=_dbx_diverged_,
                   _fired=_dbx_state_.__defaults__[0]):
    stack = _open.get(k)
    ran = stack.pop() if stack else True
    if not ran and k not in _fired and k not in _parted:
        _fired.add(k)
        _dbx_fire_(k, "r:" + error)
def _dbx_over_(k, values, reads, test=None, _fired=_dbx_state_.__defaults__[0], _type=type,
               _len=len, _range=range, _sequences=(list, tuple, str)):
    yield from values
    # the loop ran to its end: one pass more would take the range's end as its variable
    if (k in _fired or k in _dbx_diverged_ or _type(values) is not _range
            or values.step != 1 or values.start > values.stop):
        return
    if test is None:
        _dbx_diverged_.add(k)  # the extra pass runs: what follows it may differ
    try:
        pairs = reads(values.stop)
    except Exception:
        return
    for sequence, at in pairs:
        if (_type(sequence) in _sequences and _type(at) is int
                and not -_len(sequence) <= at < _len(sequence)):
            _fired.add(k)
            _dbx_fire_(k, "r:IndexError")
            return
    if test is not None:
        try:
            taken = test(values.stop)
        except Exception:
            taken = True
        if taken:
            _fired.add(k)
            _dbx_fire_(k, "d")
'''


def loop_probe(edit: Edit, where
               ) -> tuple[tuple, tuple[tuple[int, float, str], ...], bool, bool] | None:
    """(group, insertions, whether never firing shows the edit changes nothing, whether
    a raise it sees reaches no handler of the program: `cannot_catch`) for an
    initialisation moved into the loop that follows it, or a range one over, else None.
    `where` is `statement_probes._Where`."""
    return _moved_initialisation(edit, where) or _one_over(edit, where)


def _block(where, node: ast.stmt) -> list[ast.stmt] | None:
    """The list of statements that holds `node`."""
    parent = where.parent.get(node)
    for field in ("body", "orelse", "finalbody"):
        block = getattr(parent, field, None)
        if isinstance(block, list) and any(s is node for s in block):
            return block
    for handler in getattr(parent, "handlers", []):
        if any(s is node for s in handler.body):
            return handler.body
    return None


def _scope(where, node: ast.AST) -> ast.AST | None:
    up = where.parent.get(node)
    while up is not None and not isinstance(up, ast.FunctionDef | ast.AsyncFunctionDef
                                            | ast.Module):
        if isinstance(up, ast.ClassDef | ast.Lambda):
            return None
        up = where.parent.get(up)
    return up


def _line(where, node: ast.stmt, text: str) -> tuple[int, int, str] | None:
    """`text` as a line of its own before the statement, at its indentation."""
    indent = where.indent(node)
    if indent is None:
        return None
    return where.line_start(node.lineno), LINE, f"{indent}{text}\n"


def _loop_lines(where, loop: ast.stmt, name: str, start: str
                ) -> list[tuple[int, int, str]] | None:
    """The lines that mark an entry into the loop and each of its passes (where the
    edited program sets `name` back to `start`)."""
    first = loop.body[0]
    if first.lineno <= loop.lineno:
        return None  # a body on the header's line: no line of its own to mark a pass
    entry, passing = _line(where, loop, f"_dbx_loop_in_({KEY})"), _line(
        where, first, f"_dbx_loop_pass_({KEY}, lambda: {name}, {start})")
    return None if entry is None or passing is None else [entry, passing]


def _moved_initialisation(edit: Edit, where):
    loop = next((s for s in where.statements if isinstance(s, ast.For | ast.While)
                 and s.body and where.line_start(s.body[0].lineno) == edit.end), None)
    init = next((s for s in where.statements if isinstance(s, ast.Assign)
                 and where.line_start(s.lineno) == edit.start), None)
    if loop is None or init is None or len(init.targets) != 1 \
            or not isinstance(init.targets[0], ast.Name) \
            or not edit.replacement.endswith(where.text(init) + "\n"):
        return None
    name = init.targets[0].id
    block, scope = _block(where, loop), _scope(where, loop)
    if block is None or scope is None or _block(where, init) is not block \
            or _bound_elsewhere(scope, name, init, loop, where):
        return None
    after = block[next(i for i, s in enumerate(block) if s is loop) + 1:]
    reader = _first_reader(after, name)
    lines = _loop_lines(where, loop, name, where.text(init.value))
    error = "UnboundLocalError" if not isinstance(scope, ast.Module) else "NameError"
    out = reader is not None and _line(where, reader, f'_dbx_loop_out_({KEY}, "{error}")')
    if not lines or not out:
        return None
    return ("moved", edit), (*lines, out), False, cannot_catch(where, [reader])


def _bound_elsewhere(scope: ast.AST, name: str, init: ast.stmt, loop: ast.stmt,
                     where) -> bool:
    """Whether anything in the scope but the initialisation and the loop may bind the
    name (a parameter, another assignment, an import, a global or nonlocal)."""
    inside = {id(n) for n in ast.walk(loop)} | {id(n) for n in ast.walk(init)}
    for node in ast.walk(scope):
        if id(node) in inside:
            continue
        if isinstance(node, ast.Name) and node.id == name and not isinstance(
                node.ctx, ast.Load):
            return True
        if isinstance(node, ast.arg) and node.arg == name:
            return True
        if isinstance(node, ast.Global | ast.Nonlocal) and name in node.names:
            return True
        if isinstance(node, ast.alias) and (node.asname or node.name) == name:
            return True
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) \
                and node.name == name:
            return True
    return False


_JUMPS = (ast.Return, ast.Raise, ast.Break, ast.Continue)
_SIMPLE = (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Expr, ast.Return, ast.Delete,
           ast.Pass, ast.Assert)


def _first_reader(after: list[ast.stmt], name: str) -> ast.stmt | None:
    """The statement after the loop that surely reads the name before anything binds it,
    with only simple statements that never mention it before it; else None."""
    for statement in after:
        if isinstance(statement, ast.If | ast.While):
            head: list[ast.AST] = [statement.test]
        elif isinstance(statement, ast.For):
            head = [statement.iter]
        else:
            head = [statement]
        mentions = any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(statement))
        if not mentions:
            if not isinstance(statement, _SIMPLE) or isinstance(statement, _JUMPS):
                return None
            continue
        if any(isinstance(n, ast.NamedExpr) for h in head for n in ast.walk(h)):
            return None
        return statement if any(_surely_read(h, name) for h in head) else None
    return None


def _surely_read(node: ast.AST, name: str) -> bool:
    """A load of the name that runs whenever the node does: not in a lambda, a generator,
    the later operands of `and`/`or` or a branch of a conditional expression."""
    if isinstance(node, ast.Name):
        return node.id == name and isinstance(node.ctx, ast.Load)
    if isinstance(node, ast.Lambda | ast.GeneratorExp):
        return False
    if isinstance(node, ast.BoolOp):
        return _surely_read(node.values[0], name)
    if isinstance(node, ast.IfExp):
        return _surely_read(node.test, name)
    return any(_surely_read(child, name) for child in ast.iter_child_nodes(node))

def _one_over(edit: Edit, where):
    """A range's end made one larger (`range(n + 1)` for `range(n)`): when the loop runs
    to its end, the probe takes the range's end as the variable of the extra pass. It
    reads each index that has the variable as a term (in the body, or in a function of
    the program the body gives the variable to) and fires "raises" when one falls outside
    the sequence indexed (as the last pass left it). A body that is one `if` with a pure
    test, whose variable nothing after the loop reads, does nothing on the extra pass when
    the test is false there: the probe fires "d" when it is not, so that a loop whose
    extra pass never does anything is seen to change nothing."""
    if edit.info.get("form") != "one_over":
        return None
    call = next((n for n in where.parent if isinstance(n, ast.Call)
                 and isinstance(n.func, ast.Name) and n.func.id == "range"
                 and 1 <= len(n.args) <= 2 and not n.keywords
                 and where.span(n.args[-1]) == (edit.start, edit.end)), None)
    loop = where.parent.get(call) if call is not None else None
    if not isinstance(loop, ast.For | ast.comprehension) or loop.iter is not call \
            or not isinstance(loop.target, ast.Name) or where.in_class_body(call):
        return None
    name = loop.target.id
    body = loop.body if isinstance(loop, ast.For) else [where.parent.get(loop)]
    reads = [f"({where.text(n.value)}, {where.text(n.slice)})" for part in body
             for n in ast.walk(part) if isinstance(n, ast.Subscript)  # read or written
             and not isinstance(n.slice, ast.Slice)
             and _pure(n.value) and _pure(n.slice) and _term(n.slice, name)]
    reads += _reads_in_calls(where, body, name)
    test = _lone_test(where, loop, name)
    if not reads and test is None:
        return None
    start, end = where.span(call)
    tail = f", lambda {name}: ({''.join(r + ', ' for r in reads)}\n)" + (
        f", lambda {name}: ({where.text(test)}\n)" if test is not None else "")
    return ("over", edit), ((start, LINE, f"_dbx_over_({KEY}, "), (end, 0, tail + ")")), \
        test is not None, cannot_catch(where, [loop])


def _reads_in_calls(where, body: list[ast.AST], name: str) -> list[str]:
    """`(lambda p: (SEQ, INDEX))(name)` for each call `f(..., name, ...)` in the body of
    a function of the program whose parameter p is a term of INDEX in `SEQ[INDEX]`,
    where SEQ and the rest of INDEX are names f never binds (the program's own)."""
    functions = {f.name: f for f in where.statements if isinstance(f, ast.FunctionDef)
                 and isinstance(where.parent.get(f), ast.Module)}
    found = []
    for call in (n for part in body for n in ast.walk(part) if isinstance(n, ast.Call)):
        called = functions.get(getattr(call.func, "id", None))
        if called is None or call.keywords:
            continue
        bound = {a.arg for a in called.args.args + called.args.kwonlyargs} | {
            n.id for n in ast.walk(called) if isinstance(n, ast.Name)
            and not isinstance(n.ctx, ast.Load)}
        for argument, parameter in zip(call.args, called.args.args, strict=False):
            if isinstance(argument, ast.Starred):
                break
            if not (isinstance(argument, ast.Name) and argument.id == name):
                continue
            found += [f"(lambda {parameter.arg}: ({where.text(n.value)}, "
                      f"{where.text(n.slice)}\n))({name})" for n in ast.walk(called)
                      if isinstance(n, ast.Subscript) and not isinstance(n.slice, ast.Slice)
                      and _pure(n.value) and _pure(n.slice) and _term(n.slice, parameter.arg)
                      and {m.id for m in ast.walk(n) if isinstance(m, ast.Name)}
                      & bound <= {parameter.arg}]
    return found


def _lone_test(where, loop: ast.AST, name: str) -> ast.expr | None:
    """The test of a `for` body that is one `if` (no `else`) with a pure test, when the
    loop's variable is read nowhere in its scope outside the loop."""
    if not isinstance(loop, ast.For) or len(loop.body) != 1 or loop.orelse:
        return None
    only = loop.body[0]
    scope = _scope(where, loop)
    if not isinstance(only, ast.If) or only.orelse or not _pure(only.test) or scope is None:
        return None
    inside = {id(n) for n in ast.walk(loop)}
    if any(isinstance(n, ast.Name) and n.id == name and id(n) not in inside
           for n in ast.walk(scope)):
        return None
    return only.test


def _term(node: ast.expr, name: str) -> bool:
    """`name` is a term of the sum `node` (`i`, `width - 1 + i`; not `i - 1`)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _term(node.left, name) or _term(node.right, name)
    return isinstance(node, ast.Name) and node.id == name


# Special methods through which Python itself calls program code from a builtin.
_CALLED_BACK = frozenset({"__getitem__", "__next__", "__iter__", "__getattr__",
                          "__getattribute__", "__exit__", "__contains__", "__len__",
                          "__eq__", "__lt__", "__hash__", "__bool__", "__index__"})


def cannot_catch(where, points: list[ast.AST]) -> bool:
    """Whether an exception raised at any of `points` (nodes of the program) reaches no
    handler of the program: no `try` or `with` body holds a point, or any call that
    could run the program's code (only builtins called by name there, and no class of
    the program that a builtin calls back), and nothing calls `getattr`/`hasattr`."""
    inside: set[int] = set()
    for node in where.parent:
        if isinstance(node, ast.FunctionDef) and node.name in _CALLED_BACK:
            return False
        if isinstance(node, ast.Name) and node.id in ("getattr", "hasattr"):
            return False
        if isinstance(node, ast.With | ast.AsyncWith):
            return False
        if isinstance(node, ast.Try | ast.TryStar):
            for statement in node.body:
                for sub in ast.walk(statement):
                    inside.add(id(sub))
                    if isinstance(sub, ast.Call) and not (
                            isinstance(sub.func, ast.Name) and sub.func.id in _BUILTINS
                            and sub.func.id not in _defined(where)):
                        return False
    return not any(id(p) in inside for p in points)


def _defined(where) -> set[str]:
    return {n.name for n in where.parent if isinstance(
        n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)} | {
        n.id for n in where.parent if isinstance(n, ast.Name)
        and not isinstance(n.ctx, ast.Load)}
