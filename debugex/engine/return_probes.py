"""Return probes: a `return` moved into the loop before it (`return_in_loop`), watched
in the correct program's probe runs (built with `statement_probes.py`'s and
`loop_probes.py`'s, read by `infection.py`).

A `return` moved into the body of a loop at the top of a function: the edited call
returns at the end of the loop's first pass, its value computed from the state there,
which is the correct call's state at that point; after a loop that ended no pass it
falls off the function's end and returns None. Either is where the edited program first
parts from the correct one (the first of them in the run counts, nothing after it). The probe evaluates the returned
expression there (a pure one only) and fires "raises" when it raises. Its own returns
are watched too: when the edited call would give None, which no call of the function
gave before, to a call in the program that uses its value where None raises (in an
operation, subscripted, walked...: `_calls_that_need_a_value`), the probe fires
"raises" (a hint: the proof decides). A scenario's own call of the function, or one
whose value is only printed or tested, never fires.

In a search loop (`_search_test`) the probe also fires "d" where the edited call would
differ: a later pass takes the test, or no pass ends; never firing there shows that the
edit changes nothing. Elsewhere never firing decides nothing.
"""

from __future__ import annotations

import ast

from ..injectors import Edit
from .loop_probes import KEY, LINE, PASS_END, _line, _scope, cannot_catch
from .probes import _pure

RETURN_HELPER_SOURCE = '''\
_dbx_returned_ = {}
_dbx_via_next_ = [False]
def _dbx_call_in_(_next=_dbx_via_next_):
    # a call of the probed function: [a pass ended, the type the edited call gives,
    # called through a use that needs a value]
    via, _next[0] = _next[0], False
    return [False, None, via]
def _dbx_via_(function, _next=_dbx_via_next_):
    def _dbx_via_call_(*args, **kwargs):
        _next[0] = True
        return function(*args, **kwargs)
    return _dbx_via_call_
def _dbx_pass_end_(k, call, value, search, _parted=_dbx_diverged_,
                   _fired=_dbx_state_.__defaults__[0], _type=type):
    if call[0]:
        return  # not the first end of a pass of this call: the edit returned before
    call[0] = True
    if k in _parted:
        return  # the edited program parted from this one before: nothing here is its
    if not search:  # it returns here; a search's later passes change nothing
        _parted.add(k)
    try:
        call[1] = _type(value())
    except Exception as exc:
        if k not in _fired:
            _fired.add(k)
            _dbx_fire_(k, "r:" + _type(exc).__name__)
def _dbx_gives_none_(k, call, _seen=_dbx_returned_, _type=type):
    # the edited call gives None, which no call of the function gave before, to code
    # that uses it where None raises
    return call[1] is _type(None) and call[1] not in _seen.get(k, ()) and call[2]
def _dbx_later_(k, call, test, _fired=_dbx_state_.__defaults__[0]):
    if not call[0] or k in _fired:
        return  # the first pass: the edited call is still running as the correct one
    try:
        taken = test()
    except Exception:
        taken = True
    if taken:  # a later pass takes the test: the edited call had returned before it
        _fired.add(k)
        _dbx_fire_(k, "r:TypeError" if _dbx_gives_none_(k, call) else "d")
def _dbx_ret_(k, call, value, after, last, search, _seen=_dbx_returned_,
              _parted=_dbx_diverged_, _fired=_dbx_state_.__defaults__[0], _type=type):
    passed_by = False
    if not call[0]:
        call[1] = None  # returned within the first pass, as the edited call does
        if after and k not in _parted:
            # the loop ended no pass: the edited call goes on past it (to the end)
            _parted.add(k)
            passed_by = True
            call[1] = _type(None) if last else None
    if k not in _fired and call[1] is not _type(value) and _dbx_gives_none_(k, call):
        _fired.add(k)
        _dbx_fire_(k, "r:TypeError")
    elif passed_by and search and k not in _fired:
        _fired.add(k)
        _dbx_fire_(k, "d")
    _seen.setdefault(k, set()).add(_type(value))
    return value
'''


def return_probe(edit: Edit, where
                 ) -> tuple[tuple, tuple[tuple[int, float, str], ...], bool, bool] | None:
    """(group, insertions, whether never firing shows the edit changes nothing, whether
    a raise it sees reaches no handler of the program) for a
    `return` moved into the loop before it, else None. `where` is
    `statement_probes._Where`."""
    return _moved_return(edit, where)


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
    call = f"_dbx_c{KEY}_"  # the call's own record, a local variable of the function
    body = function.body[1:] if _docstring(function) else function.body
    entry = body and _line(where, body[0], f"{call} = _dbx_call_in_()")
    indent = where.indent(loop.body[0])
    returns = _returns(function)
    if not entry or body[0].lineno <= function.lineno or indent is None \
            or loop.body[0].lineno <= loop.lineno or returns is None:
        return None
    at, newline = where.after_line(loop.body[-1].end_lineno)
    test = _search_test(loop, returned)
    later = test and _line(where, loop.body[0], f"_dbx_later_({KEY}, {call}, lambda: "
                                                f"({where.text(test)}\n))")
    if not later:
        test = None
    search = test is not None
    inserts = [entry, (at, PASS_END, f"{newline}{indent}_dbx_pass_end_({KEY}, {call}, "
                                     f"lambda: ({where.text(returned.value)}\n), {search})\n")]
    if later:
        inserts.append(later)
    needing = _calls_that_need_a_value(where, function)
    for node in needing:
        start, end = where.span(node.func)
        inserts += [(start, LINE, "_dbx_via_("), (end, 0, ")")]
    for node in returns:
        start, end = where.span(node.value)
        # the value falls off the function's end after a loop that never ended a pass
        after = node is returned
        last = after and index == len(block) - 1
        inserts += [(start, LINE, f"_dbx_ret_({KEY}, {call}, ("),
                    (end, 0, f"\n), {after}, {last}, {search})")]
    return ("moved", edit), tuple(inserts), test is not None, cannot_catch(
        where, [loop, *needing])


def _docstring(function: ast.FunctionDef) -> bool:
    first = function.body[0]
    return isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
        and isinstance(first.value.value, str)


def _search_test(loop: ast.stmt, returned: ast.Return) -> ast.expr | None:
    """The test of a search loop: a `for` whose body is one `if` (no `else`) with a pure
    test and a body that ends in `return` or `raise`, where the value returned after
    the loop does not read the loop's variable. A pass whose test is false changes
    nothing, so the edited call, which returns at the end of the first pass, returns
    what the correct one returns unless a later pass takes the test or no pass ends."""
    if not isinstance(loop, ast.For) or len(loop.body) != 1:
        return None
    only = loop.body[0]
    if not isinstance(only, ast.If) or only.orelse or not _pure(only.test) \
            or not isinstance(only.body[-1], ast.Return | ast.Raise):
        return None
    variables = {n.id for n in ast.walk(loop.target) if isinstance(n, ast.Name)}
    if variables & {n.id for n in ast.walk(returned.value) if isinstance(n, ast.Name)}:
        return None
    return only.test


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
    an operation, subscripted or read as a position, an attribute read, walked or
    unpacked, given to a builtin that takes a collection; or stored in a name whose
    first read is such a use, or is given to a function of the program whose
    parameter's first read is."""
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
            and parent.value is node) or (  # a position read with None: no such place
            isinstance(parent, ast.Subscript) and parent.slice is node
            and isinstance(parent.ctx, ast.Load)) or (
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
