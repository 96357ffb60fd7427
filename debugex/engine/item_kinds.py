"""A variable swapped for a collection of the same kind whose items cannot serve.

Two lists stand in for each other where only the list is used (`len`, a loop that
prints). Where the code reaches into an item, the items' kinds matter too, and the traced
run of the correct program (`harness/kinds.py`: `("rows", "list[dict]")` for a list of
dicts, `("pair", "tuple/2")` for its length) says what the name swapped in held. The
edit raises before any output can differ, a runtime error a logical mistake cannot
claim, where:

- an item of it is assigned to or deleted (`groups[i][key] = 0`) and its items are of a
  kind without item assignment (a set, a tuple, a text), or the name itself is
  (`seen[key] = 0` for a set);
- a loop takes its items (`for row in rows`, `for i, row in enumerate(rows)`) and the
  first statements of the body call a method its items lack (`row.items()` on a set),
  with nothing before them that could leave the turn or rebind the item;
- it is a list, tuple or text subscripted by a name that only ever held text
  (`del counts[letter]` for `del tally[letter]`);
- it is unpacked into a number of names it never had the length of
  (`low, high = triple` where `triple` always held three items), or passed to the
  program's own function whose first statement so unpacks the parameter;
- its items are joined as text (`", ".join(scores)`) and none seen was text, or it is
  added to a list of texts (`fixed.append(words)` for `fixed.append(word)`) that the code
  goes on to join, with no rebinding of that list on the way;
- it is looked for in a name that only held text (`shown in secret` for `guess in
  secret`) and never held text itself.

A name only ever seen empty, or ever seen holding anything but a builtin collection, says
nothing of its items and is left alone. The trace saw the items as a frame ended; where
the rule reads them (a loop, a join) or a length, nothing in the function may change the
name from that line on (rebind it, assign to its items, call its methods, hand it to a
call that could change it), nor, for a list's length, anywhere: a list that the loop
walking it fills is still empty when the loop starts.
"""

from __future__ import annotations

import ast
from collections import defaultdict

from .misassigned import lacks_method, reaches_use

_SEQUENCES = frozenset({"list", "tuple", "str"})  # indexed by whole numbers only
_SIZED = frozenset({"list", "tuple"})
_NOT_TEXT = frozenset({"int", "float", "bool", "complex", "list", "tuple", "dict", "set",
                       "frozenset", "NoneType", "range"})
# Parents through which an expression runs whenever its statement runs
_ALWAYS_RUN = (ast.Call, ast.Attribute, ast.Subscript, ast.BinOp, ast.UnaryOp, ast.Tuple,
               ast.List, ast.Set, ast.Dict, ast.Starred, ast.keyword, ast.Expr,
               ast.Assign, ast.AugAssign, ast.Return, ast.FormattedValue, ast.JoinedStr)
_SIMPLE = (ast.Expr, ast.Assign, ast.AugAssign, ast.Return)
_LEAVES = (ast.Break, ast.Continue, ast.Return, ast.Raise)
_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


class Items:
    """What the trace saw inside each name's collections."""

    def __init__(self, details: set[tuple[str, str]], held: dict[str, set[str]]) -> None:
        self.held = held
        self.items: dict[str, set[str]] = defaultdict(set)
        self.lengths: dict[str, set[str]] = defaultdict(set)
        self.unpacked: dict[tuple[str, int], ast.expr] = {}  # set once the code is read
        for name, kind in details:
            if kind.endswith("]") and "[" in kind:
                inner = kind[kind.index("[") + 1:-1]
                self.items[name].update(filter(None, inner.split("|")))
            elif "/" in kind:
                self.lengths[name].add(kind.split("/", 1)[1])

    def item_kinds(self, name: str) -> frozenset[str]:
        """The kinds of the items seen in it, when it only ever held builtin
        collections; else nothing known."""
        held = self.held.get(name, set())
        if not held or not held <= {"list", "tuple", "set", "frozenset"}:
            return frozenset()
        return frozenset(self.items.get(name, ()))


def is_detail(kind: str) -> bool:
    """A pair about a collection's items or length, not a type's name."""
    return "[" in kind or "/" in kind


def items_refuse(node: ast.Name, parents: dict[int, ast.AST], new: str,
                 facts: Items) -> bool:
    """`new` in place of `node` raises by what its items (or it) are, as above."""
    parent = parents.get(id(node))
    held = frozenset(facts.held.get(new, ()))
    if isinstance(parent, ast.Subscript) and parent.value is node:
        if _assigns_item(parent) and lacks_method(held, _needed(parent)):
            return True
        outer = parents.get(id(parent))
        if isinstance(outer, ast.Subscript) and outer.value is parent \
                and _assigns_item(outer) \
                and lacks_method(facts.item_kinds(new), _needed(outer)):
            return True
        index = parent.slice
        return isinstance(index, ast.Name) and facts.held.get(index.id) == {"str"} \
            and bool(held) and held <= _SEQUENCES
    if isinstance(parent, ast.Compare) and parent.left is node:
        return _in_text(parent, held, facts)
    if isinstance(parent, ast.Call) and parent.args == [node] \
            and _spoils_a_joined_list(parent, held, facts, parents):
        return True
    # what follows reads its items or length: they must be what the trace saw, so
    # nothing may change the name from here on (`lines` filled by the loop that walks it
    # is empty there), nor anywhere, for a list's length
    unchanged = _unchanged(node, new, parents, everywhere="list" in held)
    if isinstance(parent, ast.Assign) and parent.value is node:
        return unchanged and _unpacks_otherwise(len(parent.targets), parent.targets[0],
                                                new, held, facts)
    if isinstance(parent, ast.Call) and isinstance(parent.func, ast.Name) \
            and node in parent.args and not any(isinstance(a, ast.Starred)
                                                for a in parent.args):
        target = facts.unpacked.get((parent.func.id, parent.args.index(node)))
        if target is not None:
            return unchanged and _unpacks_otherwise(1, target, new, held, facts)
    unchanged = _unchanged(node, new, parents, everywhere=False)
    if isinstance(parent, ast.Call) and parent.args == [node] and _joins(parent.func, facts):
        items = facts.item_kinds(new)
        return unchanged and bool(items) and not items & {"str", "object"}
    loop, item = _loop_item(node, parents)
    if loop is None or item is None or not unchanged:
        return False
    kinds = facts.item_kinds(new)
    return any(lacks_method(kinds, attr) for attr in _first_methods(loop, item, parents))


# Builtins that read a collection they are given without changing it
_READ_ONLY = frozenset({"len", "print", "sorted", "str", "list", "tuple", "set", "enumerate",
                        "range", "sum", "min", "max", "any", "all", "zip", "reversed",
                        "repr", "bool", "frozenset", "dict", "isinstance"})


def _reads_only(call: ast.Call, index: int, scope: ast.AST,
                parents: dict[int, ast.AST]) -> bool:
    """The call cannot change its argument at `index`: a builtin that only reads it, or
    the program's own function whose parameter there is only read (unpacked, indexed,
    given to such builtins or to the same function at the same place)."""
    func = call.func
    if not isinstance(func, ast.Name) or any(isinstance(a, ast.Starred) for a in call.args):
        return False
    if func.id in _READ_ONLY:
        return True
    module = scope
    while module is not None and not isinstance(module, ast.Module):
        module = parents.get(id(module))
    own = next((f for f in getattr(module, "body", ()) if isinstance(f, ast.FunctionDef)
                and f.name == func.id), None)
    names = [a.arg for a in own.args.posonlyargs + own.args.args] if own else []
    if index >= len(names):
        return False
    for inner in ast.walk(own):
        if isinstance(inner, ast.Name) and inner.id == names[index]:
            parent = parents.get(id(inner))
            if isinstance(inner.ctx, ast.Store | ast.Del):
                return False
            if isinstance(parent, ast.Call) and inner in parent.args:
                if not (isinstance(parent.func, ast.Name)
                        and (parent.func.id in _READ_ONLY or parent.func.id == own.name
                             and parent.args.index(inner) == index)):
                    return False
            elif not (isinstance(parent, ast.Assign) and parent.value is inner
                      or isinstance(parent, ast.Subscript) and parent.value is inner
                      and isinstance(parent.ctx, ast.Load)):
                return False
    return True


def _unchanged(node: ast.Name, name: str, parents: dict[int, ast.AST],
               everywhere: bool) -> bool:
    """Nothing in the function around `node` (at or after its line, or `everywhere`)
    rebinds `name`, assigns to or deletes its items, adds to it in place, calls its
    methods or hands it to a call that could change it."""
    scope: ast.AST | None = node
    while scope is not None and not isinstance(scope, ast.FunctionDef | ast.Module):
        scope = parents.get(id(scope))
    if scope is None:
        return False
    line = node.lineno
    for inner in ast.walk(scope):
        if not isinstance(inner, ast.Name) or inner.id != name or inner is node:
            continue
        parent = parents.get(id(inner))
        if isinstance(inner.ctx, ast.Store | ast.Del):
            changes, anywhere = True, isinstance(parent, ast.AugAssign)
        elif isinstance(parent, ast.Subscript):
            changes, anywhere = isinstance(parent.ctx, ast.Store | ast.Del), True
        elif isinstance(parent, ast.Attribute):
            changes, anywhere = isinstance(parents.get(id(parent)), ast.Call), True
        elif isinstance(parent, ast.Call) and inner in parent.args:
            changes = not _reads_only(parent, parent.args.index(inner), scope, parents)
            anywhere = True
        else:
            changes = False
        if changes and (inner.lineno >= line or (everywhere and anywhere)):
            return False
    return True


def _spoils_a_joined_list(call: ast.Call, held: frozenset[str], facts: Items,
                          parents: dict[int, ast.AST]) -> bool:
    """`words.append(new)` where `words` only held lists of texts and `new` never held
    text, and the code goes on to join `words` as text with the item still in it."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr == "append"
            and isinstance(func.value, ast.Name)):
        return False
    words = func.value.id
    if facts.held.get(words) != {"list"} or facts.item_kinds(words) != {"str"} \
            or not held or not held <= _NOT_TEXT:
        return False
    statement: ast.AST | None = call
    while statement is not None and not isinstance(statement, ast.stmt):
        statement = parents.get(id(statement))
    module = statement
    while module is not None and not isinstance(module, ast.Module):
        module = parents.get(id(module))
    if not isinstance(statement, ast.stmt) or not isinstance(module, ast.Module):
        return False

    def joined(use: ast.Name) -> bool:
        parent = parents.get(id(use))
        return isinstance(parent, ast.Call) and parent.args == [use] \
            and _joins(parent.func, facts)

    return reaches_use(module, parents, statement, words, joined)


def _in_text(compare: ast.Compare, held: frozenset[str], facts: Items) -> bool:
    """`new in text` where `text` only ever held text and `new` never did."""
    text = compare.comparators[0]
    return len(compare.ops) == 1 and isinstance(compare.ops[0], ast.In | ast.NotIn) \
        and isinstance(text, ast.Name) and facts.held.get(text.id) == {"str"} \
        and bool(held) and held <= _NOT_TEXT


def _joins(func: ast.expr, facts: Items) -> bool:
    """`", ".join`, or the method of a name that only ever held text."""
    if not (isinstance(func, ast.Attribute) and func.attr == "join"):
        return False
    glue = func.value
    return (isinstance(glue, ast.Constant) and isinstance(glue.value, str)) or (
        isinstance(glue, ast.Name) and facts.held.get(glue.id) == {"str"})


def _assigns_item(subscript: ast.Subscript) -> bool:
    """`x[k] = v`, `x[k] += v` or `del x[k]`."""
    return isinstance(subscript.ctx, ast.Store | ast.Del)


def _needed(subscript: ast.Subscript) -> str:
    return "__delitem__" if isinstance(subscript.ctx, ast.Del) else "__setitem__"


def unpacked_parameters(tree: ast.Module) -> dict[tuple[str, int], ast.expr]:
    """(function, position) of each parameter that the top level's functions unpack
    first thing (`a, b, c = params` after the docstring, if any): the names it goes to."""
    found: dict[tuple[str, int], ast.expr] = {}
    for function in tree.body:
        if not isinstance(function, ast.FunctionDef) or not function.body:
            continue
        body = function.body
        if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            body = body[1:]
        first = body[0] if body else None
        names = [a.arg for a in function.args.posonlyargs + function.args.args]
        if isinstance(first, ast.Assign) and len(first.targets) == 1 \
                and isinstance(first.value, ast.Name) and first.value.id in names:
            found[(function.name, names.index(first.value.id))] = first.targets[0]
    return found


def _unpacks_otherwise(targets: int, target: ast.expr, new: str, held: frozenset[str],
                       facts: Items) -> bool:
    """`a, b = new` where `new` only held lists or tuples, all of one other length."""
    if targets != 1 or not isinstance(target, ast.Tuple | ast.List):
        return False
    names = target.elts
    if any(isinstance(n, ast.Starred) for n in names) or not held or not held <= _SIZED:
        return False
    lengths = facts.lengths.get(new, set())
    if len(lengths) != 1:
        return False
    (length,) = lengths
    if length == "more":
        return len(names) <= 6
    return length.isdigit() and int(length) != len(names)


def _loop_item(node: ast.Name, parents: dict[int, ast.AST]
               ) -> tuple[ast.For | None, str | None]:
    """The `for` loop whose items come from `node` (`for x in node`, `for i, x in
    enumerate(node)`) and the name each item is bound to."""
    parent = parents.get(id(node))
    if isinstance(parent, ast.For) and parent.iter is node:
        target = parent.target
        return parent, target.id if isinstance(target, ast.Name) else None
    if isinstance(parent, ast.Call) and isinstance(parent.func, ast.Name) \
            and parent.func.id == "enumerate" and parent.args[:1] == [node] \
            and not parent.keywords and len(parent.args) <= 2:
        loop = parents.get(id(parent))
        if isinstance(loop, ast.For) and loop.iter is parent \
                and isinstance(loop.target, ast.Tuple) and len(loop.target.elts) == 2 \
                and isinstance(loop.target.elts[1], ast.Name):
            return loop, loop.target.elts[1].id
    return None, None


def _first_methods(loop: ast.For, item: str, parents: dict[int, ast.AST]) -> list[str]:
    """Attributes of `item` read on every turn before anything could end the turn or
    rebind it: in the body's leading statements, outside any branch."""
    found: list[str] = []
    for statement in loop.body:
        for node in _own_nodes(statement):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                    and node.value.id == item and _always_runs(node, statement, parents):
                found.append(node.attr)
        if any(isinstance(n, _LEAVES) for n in _own_nodes(statement)) \
                or any(isinstance(n, ast.Name) and n.id == item
                       and isinstance(n.ctx, ast.Store | ast.Del)
                       for n in _own_nodes(statement)) \
                or not isinstance(statement, _SIMPLE + (ast.For,)):
            break
    return found


def _own_nodes(statement: ast.stmt) -> list[ast.AST]:
    todo: list[ast.AST] = [statement]
    seen: list[ast.AST] = []
    while todo:
        current = todo.pop()
        seen.append(current)
        todo.extend(c for c in ast.iter_child_nodes(current) if not isinstance(c, _NESTED))
    return seen


def _always_runs(node: ast.AST, statement: ast.stmt, parents: dict[int, ast.AST]) -> bool:
    """Nothing between the expression and its statement may skip it (a branch, a
    short-circuit, a comprehension, a loop's body)."""
    child = node
    while child is not statement:
        parent = parents.get(id(child))
        if parent is None:
            return False
        if parent is statement:  # a simple statement runs whole; a compound its head
            return isinstance(statement, _SIMPLE) or child is getattr(
                statement, "iter", getattr(statement, "test", None))
        if not isinstance(parent, _ALWAYS_RUN):
            return False
        child = parent
    return True
