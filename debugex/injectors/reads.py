"""What later code reads of what a statement writes: used by the injectors that leave a
statement out, move it or shorten the loop around it, to stop offering edits that can
only crash or change nothing.

- A list read at positions counted from something else (`marks[rank]`, where `rank`
  walks another sequence or comes in as a parameter): a change that gives it fewer
  entries (an `append` left out, moved out of its loop, a loop of appends one pass
  short) leaves positions that are still read with nothing there: an IndexError, not a
  wrong answer. A position counted from the list itself (`for i in range(len(xs))`)
  or from a list grown alongside it stays within it, and such a list is not counted;
  likewise a table made by a comprehension over `range(n + 1)` whose place `n` is read
  (`ways[n]`), made one shorter.
- A dead store: a name given a value that nothing reads afterwards (in its function,
  after the statement; at the top level, anywhere), made by a value that calls nothing
  but a few builtins (or draws random numbers where no draw is ever read): leaving the
  statement out, or changing its value, changes nothing.
"""

from __future__ import annotations

import libcst as cst

from .helpers import _body_statements, _callee_name, _names_in, _walk
from .program import ProgramIndex

# Builtins whose call reads its arguments and has no other effect.
_QUIET = frozenset({"len", "abs", "int", "float", "str", "bool", "round", "list", "set",
                    "tuple", "dict", "sorted", "min", "max", "sum", "frozenset", "range"})
# Methods that change the list they are called on by adding to it.
_GROWING = frozenset({"append", "extend", "insert"})


def grown_list(statement: cst.CSTNode) -> str | None:
    """`xs` for the statement `xs.append(...)`, `xs.extend(...)`, `xs.insert(...)` or
    `xs += [...]`, else None."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return None
    small = statement.body[0]
    if isinstance(small, cst.Expr) and isinstance(small.value, cst.Call) \
            and isinstance(small.value.func, cst.Attribute) \
            and isinstance(small.value.func.value, cst.Name) \
            and small.value.func.attr.value in _GROWING:
        return small.value.func.value.value
    if isinstance(small, cst.AugAssign) and isinstance(small.operator, cst.AddAssign) \
            and isinstance(small.target, cst.Name) and isinstance(small.value, cst.List):
        return small.target.value
    return None


def entry_read_past(program: ProgramIndex, statement: cst.CSTNode) -> bool:
    """Whether the statement adds to a list (`grown_list`) that the program reads at a
    position `name[i]` counted from neither the list nor the lists grown alongside it (in
    the same loop: as many entries): a parameter, or a name no assignment of which counts
    from them (a loop over one of them, a value that reads one, a whole number, another
    name so counted). Read in another function, a name that function makes a list of
    there is another list."""
    name = grown_list(statement)
    if name is None:
        return False
    lists = grown_alongside(program, statement) | {name}
    home = _function_of(program, statement)
    for subscript in program.nodes(cst.Subscript):
        if not (isinstance(subscript.value, cst.Name) and subscript.value.value == name) \
                or len(subscript.slice) != 1:
            continue  # (read or written: a list has no place past its end either way)
        there = _function_of(program, subscript)
        if there is not home and _makes_list(there or program.module, name):
            continue
        index = subscript.slice[0].slice
        if isinstance(index, cst.Index) and isinstance(index.value, cst.Name) \
                and not _counted_from(program, subscript, index.value.value, lists, set()):
            return True
    return False


def _function_of(program: ProgramIndex, node: cst.CSTNode) -> cst.FunctionDef | None:
    return next((a for a in program.ancestors(node) if isinstance(a, cst.FunctionDef)), None)


def _makes_list(scope: cst.CSTNode, name: str) -> bool:
    """Whether the scope's own code stores a new list in `name` (`[]`, `[0] * n`, a
    comprehension, `list(...)`)."""
    todo = list(scope.children)
    while todo:
        node = todo.pop()
        if isinstance(node, cst.FunctionDef | cst.ClassDef | cst.Lambda):
            continue
        if isinstance(node, cst.Assign) and any(
                isinstance(t.target, cst.Name) and t.target.value == name
                for t in node.targets):
            value = node.value
            if isinstance(value, cst.BinaryOperation):
                value = value.left
            if isinstance(value, cst.List | cst.ListComp) or _callee_name(value) == "list":
                return True
        todo.extend(node.children)
    return False


def _counted_from(program: ProgramIndex, at: cst.CSTNode, index: str, lists: set[str],
                  seen: set[str]) -> bool:
    """Whether the position `index`, read at `at`, is counted from one of `lists`."""
    if index in seen:
        return False
    seen.add(index)
    scope = None
    for ancestor in program.ancestors(at):
        if isinstance(ancestor, cst.For | cst.CompFor) and index in _names_in(ancestor.target):
            return bool(lists & _names_in(ancestor.iter))
        if isinstance(ancestor, cst.FunctionDef | cst.Lambda):
            scope = ancestor
            break
    for node in _walk(scope if scope is not None else program.module):
        if isinstance(node, cst.For | cst.CompFor) and index in _names_in(node.target):
            if lists & _names_in(node.iter):
                return True
        elif isinstance(node, cst.Assign | cst.AugAssign | cst.AnnAssign) and any(
                index in _names_in(t) for t in _targets(node)) and node.value is not None:
            value = node.value
            if lists & _names_in(value) or isinstance(value, cst.Integer) or (
                    isinstance(value, cst.Name) and _counted_from(
                        program, node, value.value, lists, seen)):
                return True
    return False


def _targets(node: cst.CSTNode) -> list[cst.CSTNode]:
    if isinstance(node, cst.Assign):
        return [t.target for t in node.targets]
    return [node.target]


def grown_alongside(program: ProgramIndex, statement: cst.CSTNode) -> frozenset[str]:
    """The lists the statement's block adds to, when that block is a loop's body."""
    block = program.parent(statement)
    loop = program.parent(block) if block is not None else None
    if not isinstance(loop, cst.For | cst.While):
        return frozenset()
    return frozenset(filter(None, map(grown_list, _body_statements(block))))


def loop_only_grows_foreign_lists(program: ProgramIndex, loop: cst.CSTNode) -> bool:
    """Whether every statement of the loop's body adds to a list read at positions
    counted from something else (one pass fewer: one entry missing in each)."""
    body = _body_statements(loop.body) if isinstance(loop, cst.For) else []
    return bool(body) and all(entry_read_past(program, s) for s in body)


def dead_store(program: ProgramIndex, statement: cst.CSTNode) -> bool:
    """Whether the statement is `name = value` (one name) where nothing reads the name
    afterwards and the value calls nothing but quiet builtins."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return False
    small = statement.body[0]
    if not (isinstance(small, cst.Assign) and len(small.targets) == 1
            and isinstance(small.targets[0].target, cst.Name)) or not _quiet(program,
                                                                             small.value):
        return False
    name = small.targets[0].target.value
    function = next((a for a in program.ancestors(statement)
                     if isinstance(a, cst.FunctionDef | cst.ClassDef)), None)
    if isinstance(function, cst.ClassDef):
        return False
    if function is None:  # the top level: a function may read it whenever it is called
        return not any(_reads(program, n, name) and not _local(program, n, name)
                       for n in _walk(program.module))
    if any(isinstance(n, cst.Global | cst.Nonlocal) and name in _names_in(n)
           for n in _walk(function)):
        return False
    if _in_loop(program, statement, function):
        return False  # an earlier line of the loop may read it on the next pass
    end = program.span(statement)[1]
    return not any(_reads(program, n, name) and (
        program.span(n)[0] >= end or not _in_body_of(program, n, function))
        and not _dead_reader(program, n, function) for n in _walk(function.body))


def _local(program: ProgramIndex, node: cst.Name, name: str) -> bool:
    """A read of a function's own variable (a parameter, or one it assigns), not the
    top-level name."""
    scope = program.scopes.get(node)
    return scope is not None and scope is not scope.globals and any(
        True for _ in scope.assignments[name])


def _dead_reader(program: ProgramIndex, node: cst.CSTNode, function: cst.CSTNode) -> bool:
    """A read inside a statement that is itself a dead store (`xs = list(xs)` that
    nothing reads after)."""
    statement = program.statement_of(node)
    return statement is not None and program.parent(statement) is not None and \
        _in_body_of(program, statement, function) and dead_store(program, statement)


def _in_body_of(program: ProgramIndex, node: cst.CSTNode, function) -> bool:
    """Directly in the function, not in a function or lambda inside it (which may run
    at any time: its reads count wherever they are)."""
    return next((a for a in program.ancestors(node) if isinstance(
        a, cst.FunctionDef | cst.ClassDef | cst.Lambda)), None) is function


def _in_loop(program: ProgramIndex, statement: cst.CSTNode, function) -> bool:
    for ancestor in program.ancestors(statement):
        if ancestor is function:
            return False
        if isinstance(ancestor, cst.For | cst.While):
            return True
    return False


def _reads(program: ProgramIndex, node: cst.CSTNode, name: str) -> bool:
    """A Name node `name` that is not only assigned to."""
    if not isinstance(node, cst.Name) or node.value != name:
        return False
    parent = program.parent(node)
    if isinstance(parent, cst.AssignTarget) and parent.target is node:
        return False
    if isinstance(parent, cst.Attribute) and parent.attr is node:
        return False
    if isinstance(parent, cst.Arg) and parent.keyword is node:
        return False
    return not isinstance(parent, cst.FunctionDef | cst.ClassDef | cst.Param)


def _quiet(program: ProgramIndex, value: cst.CSTNode) -> bool:
    """A value that calls only quiet builtins the program does not define again, or
    draws random numbers where every draw of the program is stored in a name nothing
    reads (a draw fewer or another changes no draw anything reads)."""
    defined = {n.name.value for n in program.nodes(cst.FunctionDef, cst.ClassDef)}
    for node in _walk(value):
        if isinstance(node, cst.Call):
            callee = _callee_name(node)
            if _is_draw(program, node):
                if not _draws_unread(program):
                    return False
            elif callee not in _QUIET or callee in defined or not isinstance(
                    node.func, cst.Name):
                return False
        if isinstance(node, cst.Lambda | cst.NamedExpr | cst.Await | cst.Yield):
            return False
    return True


def _random_names(program: ProgramIndex) -> tuple[set[str], set[str]]:
    """(functions imported from `random`, names the module `random` is bound to)."""
    functions, modules = set(), set()
    for node in program.nodes(cst.ImportFrom):
        if isinstance(node.module, cst.Name) and node.module.value == "random" \
                and not isinstance(node.names, cst.ImportStar):
            functions |= {(a.asname.name.value if a.asname else a.name.value)
                          for a in node.names if isinstance(a.name, cst.Name)}
    for node in program.nodes(cst.Import):
        for alias in node.names:
            if isinstance(alias.name, cst.Name) and alias.name.value == "random":
                modules.add(alias.asname.name.value if alias.asname else "random")
    return functions, modules


def _is_draw(program: ProgramIndex, call: cst.Call) -> bool:
    functions, modules = _random_names(program)
    func = call.func
    return (isinstance(func, cst.Name) and func.value in functions) or (
        isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name)
        and func.value.value in modules)


def _draws_unread(program: ProgramIndex) -> bool:
    """Whether every random draw of the program is the value stored by `name = ...`
    where nothing anywhere reads that name."""
    for call in program.nodes(cst.Call):
        if not _is_draw(program, call):
            continue
        statement = program.statement_of(call)
        small = statement.body[0] if isinstance(statement, cst.SimpleStatementLine) \
            and len(statement.body) == 1 else None
        if not (isinstance(small, cst.Assign) and len(small.targets) == 1
                and isinstance(small.targets[0].target, cst.Name)):
            return False
        name = small.targets[0].target.value
        if any(_reads(program, n, name) for n in _walk(program.module)):
            return False
    return True


def last_place_read(program: ProgramIndex, call: cst.Call, end: cst.CSTNode) -> bool:
    """Whether the range `call`, ending at `end + 1`, counts the entries of a list made
    by a comprehension (`table = [[0] * 3 for _ in range(n + 1)]`) whose last place, `n`,
    the program reads (`table[n]`): a range one shorter leaves it out, an IndexError."""
    up: cst.CSTNode | None = program.parent(call)
    while isinstance(up, cst.CompFor | cst.ListComp | cst.Element | cst.List):
        up = program.parent(up)
    if not (isinstance(up, cst.Assign) and len(up.targets) == 1
            and isinstance(up.targets[0].target, cst.Name)):
        return False
    name, last = up.targets[0].target.value, program.text(end).replace(" ", "")
    for subscript in program.nodes(cst.Subscript):
        base = subscript
        while isinstance(base, cst.Subscript):
            base = base.value
        if isinstance(base, cst.Name) and base.value == name and any(
                program.text(e.slice).replace(" ", "") == last for e in subscript.slice):
            return True
    return False


def fills_what_is_read(program: ProgramIndex, call: cst.Call, stop: cst.CSTNode) -> bool:
    """Whether one pass fewer leaves out an entry the program reads: the range counts a
    comprehension's entries whose last place is read (`last_place_read`), or
    drives a loop that only adds to lists read at positions counted from elsewhere."""
    loop = program.parent(call)
    if isinstance(loop, cst.For) and loop.iter is call \
            and loop_only_grows_foreign_lists(program, loop):
        return True
    return isinstance(loop, cst.CompFor) and isinstance(stop, cst.BinaryOperation) \
        and isinstance(stop.operator, cst.Add) and last_place_read(program, call, stop.left)
