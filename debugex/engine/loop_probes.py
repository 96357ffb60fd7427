"""Loop probes: a statement moved into a loop body, watched in the correct program's
probe runs (with `statement_probes.py`'s, which builds them; `infection.py` reads them).

The edited program runs as the correct one up to the loop; what the move changes there
can be seen in the correct run:

- An initialisation moved into the body (`total = 0` as its first line): the edited
  program binds the name only on a pass. After an entry into the loop that made no
  pass the name does not exist, and the first statement after the loop that reads it
  raises (UnboundLocalError; NameError at the top level). The probe marks each entry
  into the loop and each pass, and fires "raises" when that statement is reached after
  an entry with no pass. Only when the moved statement is the name's one binding in its
  scope outside the loop.
- A `return` moved into the body (of a loop at the top of a function): the edited call
  returns at the end of the loop's first pass, its value computed from the state there,
  which is the correct call's state at that point; after a loop that ended no pass it
  falls off the function's end and returns None. The probe evaluates the returned
  expression there (a pure one only) and fires "raises" when it raises. Its own returns
  are watched too: when the edited call would give None, which no call of the function
  gave before, to a function of the program (not a scenario's call, not the top level,
  which may only print it), that code, which never had to handle None, is taken to
  raise on it (a hint: the proof decides).

Neither probe ever shows that the edit changes nothing (a probe that never fires
decides nothing); what they see is a hint for what is worth proving, never a claim.
"""

from __future__ import annotations

import ast

from ..injectors import Edit
from .probes import _pure

KEY = "\x00"  # stands for the group's number in an insertion's text (never in a program)
# Orders at one offset (`statement_probes.py`: TAIL 0, REST 1, HEAD 2): the line that
# ends a pass comes after what closes the statements above and before a line's mark,
# which comes before a probed statement's head.
PASS_END, LINE = 1.25, 1.5

LOOP_HELPER_SOURCE = '''\
_dbx_loops_ = {}
def _dbx_loop_in_(k, _open=_dbx_loops_):
    _open.setdefault(k, []).append(False)
def _dbx_loop_pass_(k, _open=_dbx_loops_):
    stack = _open.get(k)
    if stack:
        stack[-1] = True
def _dbx_loop_out_(k, error, _open=_dbx_loops_, _fired=_dbx_state_.__defaults__[0]):
    stack = _open.get(k)
    ran = stack.pop() if stack else True
    if not ran and k not in _fired:
        _fired.add(k)
        _dbx_fire_(k, "r:" + error)
_dbx_calls_ = {}
_dbx_returned_ = {}
def _dbx_frame_(up, _error=LookupError):
    # the frame `up` calls above this one's caller (the program sees no sys._getframe)
    try:
        raise _error
    except _error as exc:
        frame = exc.__traceback__.tb_frame.f_back
    for _ in range(up):
        frame = frame.f_back
    return frame
def _dbx_call_in_(k, _calls=_dbx_calls_, _frame=_dbx_frame_):
    _calls[(k, id(_frame(1)))] = [False, None]
def _dbx_pass_end_(k, value, _calls=_dbx_calls_, _fired=_dbx_state_.__defaults__[0],
                   _type=type, _frame=_dbx_frame_):
    entry = _calls.get((k, id(_frame(1))))
    if entry is None or entry[0]:
        return  # not the first end of a pass of this call: the edit returned before
    entry[0] = True
    try:
        entry[1] = _type(value())
    except Exception as exc:
        if k not in _fired:
            _fired.add(k)
            _dbx_fire_(k, "r:" + _type(exc).__name__)
def _dbx_over_(k, values, reads, _fired=_dbx_state_.__defaults__[0], _type=type, _len=len,
               _range=range, _sequences=(list, tuple, str)):
    yield from values
    # the loop ran to its end: one pass more would take the range's end as its variable
    if k in _fired or _type(values) is not _range or values.step != 1 \
            or values.start > values.stop:
        return
    try:
        pairs = reads(values.stop)
    except Exception:
        return
    for sequence, at in pairs:
        if _type(sequence) in _sequences and _type(at) is int \
                and not -_len(sequence) <= at < _len(sequence):
            _fired.add(k)
            _dbx_fire_(k, "r:IndexError")
            return
def _dbx_via_(function):
    def _dbx_via_call_(*args, **kwargs):
        return function(*args, **kwargs)
    return _dbx_via_call_
_dbx_via_code_ = _dbx_via_(None).__code__
def _dbx_ret_(k, value, last, _calls=_dbx_calls_, _seen=_dbx_returned_,
              _fired=_dbx_state_.__defaults__[0], _type=type,
              _frame=_dbx_frame_):
    frame = _frame(1)
    entry = _calls.pop((k, id(frame)), None)
    seen = _seen.setdefault(k, set())
    edited = None
    if entry is not None:
        edited = entry[1] if entry[0] else _type(None) if last else None
    caller = frame.f_back
    if (edited is _type(None) and edited is not _type(value) and edited not in seen
            and caller is not None and caller.f_code is _dbx_via_code_
            and k not in _fired):
        # the edited call gives None, which no call of the function gave before, to code
        # that uses it where None raises
        _fired.add(k)
        _dbx_fire_(k, "r:TypeError")
    seen.add(_type(value))
    return value
'''


def loop_probe(edit: Edit, where) -> tuple[tuple, tuple[tuple[int, int, str], ...]] | None:
    """(group, insertions) for an initialisation or a `return` moved into the loop that
    follows it, else None. `where` is `statement_probes._Where`."""
    return _moved_initialisation(edit, where) or _moved_return(edit, where) or _one_over(
        edit, where)


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


def _loop_lines(where, loop: ast.stmt) -> list[tuple[int, int, str]] | None:
    """The lines that mark an entry into the loop and each of its passes."""
    first = loop.body[0]
    if first.lineno <= loop.lineno:
        return None  # a body on the header's line: no line of its own to mark a pass
    entry, passing = _line(where, loop, f"_dbx_loop_in_({KEY})"), _line(
        where, first, f"_dbx_loop_pass_({KEY})")
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
    lines = _loop_lines(where, loop)
    error = "UnboundLocalError" if not isinstance(scope, ast.Module) else "NameError"
    out = reader is not None and _line(where, reader, f'_dbx_loop_out_({KEY}, "{error}")')
    if not lines or not out:
        return None
    return ("moved", edit), (*lines, out)


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


def _moved_return(edit: Edit, where):
    returned = next((s for s in where.statements if isinstance(s, ast.Return)
                     and s.value is not None and where.line_start(s.lineno) == edit.start
                     and where.span(s)[0] == edit.end), None)
    if returned is None or edit.replacement.strip() or not _pure(returned.value):
        return None
    function = where.parent.get(returned)
    block = getattr(function, "body", None)
    if not isinstance(function, ast.FunctionDef) or where.in_class_body(function) \
            or not any(s is returned for s in block):
        return None
    index = next(i for i, s in enumerate(block) if s is returned)
    loop = block[index - 1] if index else None
    if not isinstance(loop, ast.For | ast.While) or loop.orelse:
        return None
    entry = _line(where, loop, f"_dbx_call_in_({KEY})")
    indent = where.indent(loop.body[0])
    returns = _returns(function)
    if entry is None or indent is None or loop.body[0].lineno <= loop.lineno \
            or returns is None:
        return None
    at, newline = where.after_line(loop.body[-1].end_lineno)
    inserts = [entry, (at, PASS_END, f"{newline}{indent}_dbx_pass_end_({KEY}, lambda: "
                                     f"({where.text(returned.value)}\n))\n")]
    for call in _calls_that_need_a_value(where, function):
        start, end = where.span(call.func)
        inserts += [(start, LINE, "_dbx_via_("), (end, 0, ")")]
    for node in returns:
        start, end = where.span(node.value)
        # the value falls off the function's end after a loop that never ended a pass
        last = node is returned and index == len(block) - 1
        inserts += [(start, LINE, f"_dbx_ret_({KEY}, ("), (end, 0, f"\n), {last})")]
    return ("moved", edit), tuple(inserts)


def _returns(function: ast.FunctionDef) -> list[ast.Return] | None:
    """The function's own returns, when each gives a value and it yields nothing."""
    found: list[ast.Return] = []
    todo: list[ast.AST] = list(function.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
                      | ast.ClassDef):
            continue
        if isinstance(node, ast.Yield | ast.YieldFrom) or (
                isinstance(node, ast.Return) and node.value is None):
            return None
        if isinstance(node, ast.Return):
            found.append(node)
        todo.extend(ast.iter_child_nodes(node))
    return found


# Builtins that take a collection (None there raises a TypeError).
_TAKE_A_COLLECTION = frozenset({"len", "sum", "sorted", "list", "tuple", "set", "max", "min",
                                "enumerate", "zip", "reversed", "iter", "dict", "any", "all"})


def _calls_that_need_a_value(where, function: ast.FunctionDef) -> list[ast.Call]:
    """The program's calls of the function whose value is used where None raises: in
    an operation, subscripted, an attribute read, walked or unpacked, given to a builtin
    that takes a collection; or stored in a name whose first read is such a use, or is
    given to a function of the program whose parameter's first read is."""
    functions = {f.name: f for f in where.statements if isinstance(f, ast.FunctionDef)}
    return [node for node in where.parent if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name) and node.func.id == function.name
            and _needs_a_value(where, node, functions, 2)]


def _needs_a_value(where, node: ast.expr, functions: dict, depth: int) -> bool:
    parent = where.parent.get(node)
    if isinstance(parent, ast.IfExp) and parent.test is not node:
        return _needs_a_value(where, parent, functions, depth)  # its value is the call's
    if isinstance(parent, ast.BinOp | ast.Starred) or (
            isinstance(parent, ast.Subscript | ast.Attribute | ast.AugAssign)
            and parent.value is node) or (
            isinstance(parent, ast.For | ast.comprehension) and parent.iter is node):
        return True
    if isinstance(parent, ast.Call) and any(a is node for a in parent.args):
        if isinstance(parent.func, ast.Name) and parent.func.id in _TAKE_A_COLLECTION:
            return True
        called = functions.get(getattr(parent.func, "id", None))
        position = next(i for i, a in enumerate(parent.args) if a is node)
        if depth and called is not None and position < len(called.args.args) and not any(
                isinstance(a, ast.Starred) for a in parent.args[:position + 1]):
            read = _first_read(called, called.args.args[position].arg, (0, 0))
            return read is not None and _needs_a_value(where, read, functions, depth - 1)
        return False
    if isinstance(parent, ast.Assign) and len(parent.targets) == 1 and depth:
        target = parent.targets[0]
        if isinstance(target, ast.Tuple | ast.List):
            return True
        scope = _scope(where, parent)
        if isinstance(target, ast.Name) and scope is not None:
            read = _first_read(scope, target.id, (parent.end_lineno, parent.end_col_offset))
            return read is not None and _needs_a_value(where, read, functions, depth - 1)
    return False


def _first_read(scope: ast.AST, name: str, after: tuple[int, int]) -> ast.Name | None:
    """The first read of `name` in the scope's own code at or after a position."""
    reads = []
    todo = list(ast.iter_child_nodes(scope))
    while todo:
        node = todo.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
                      | ast.ClassDef):
            continue
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load) \
                and (node.lineno, node.col_offset) >= after:
            reads.append(node)
        todo.extend(ast.iter_child_nodes(node))
    return min(reads, key=lambda n: (n.lineno, n.col_offset), default=None)


def _one_over(edit: Edit, where):
    """A range's end made one larger (`range(n + 1)` for `range(n)`) in a loop whose
    variable is a term of an index: when the loop runs to its end, the probe reads each
    such index with the variable at the range's end (the extra pass's value) and fires
    "raises" when it falls outside the sequence indexed (of the state the last pass
    left)."""
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
    if not reads:
        return None
    start, end = where.span(call)
    return ("over", edit), ((start, LINE, f"_dbx_over_({KEY}, "),
                            (end, 0, f", lambda {name}: ({', '.join(reads)},\n))"))


def _term(node: ast.expr, name: str) -> bool:
    """`name` is a term of the sum `node` (`i`, `width - 1 + i`; not `i - 1`)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _term(node.left, name) or _term(node.right, name)
    return isinstance(node, ast.Name) and node.id == name
