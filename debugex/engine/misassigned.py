"""An assignment given to another name, where that name is later used as the kind of
value it held and the assigned value is not of that kind.

`pile = "B"` for `turn = "B"`: `pile` held a list (the traced run of the correct program
saw nothing else), and the code goes on to call `pile.append(...)`; a string has no
`append`, so the edit raises an AttributeError before any output can differ. The same holds
for a name later computed with or ordered (`count += 1` after `count = "B"`) where the
value's kind never fits what the name held. The value's kinds are those of the name the
correct program assigned (it holds that very value), so they are known from the trace.

Only a use the edited program can reach with the wrong value still in place counts: a use
that follows the assignment in the same function, or anywhere in a loop around it, with
no rebinding of the name on the way (`best_distance = point` followed by
`best_distance = gap` overwrites the wrong value before anything reads it: kept). A path
cut by `return`, `raise`, `break` or `continue` is not followed, so the rule only drops
what a plain walk through the code shows.
"""

from __future__ import annotations

import ast
import builtins
import types
from collections.abc import Callable, Iterator

# What a traced type name is, for asking whether it has a method; others are unknown
_KNOWN = {name: cls for name, cls in vars(builtins).items()
          if isinstance(cls, type) and not issubclass(cls, BaseException)}
_KNOWN.update({"NoneType": type(None), "function": types.FunctionType})

# A statement's own expressions, run before what it nests (a loop's body, a branch)
_HEADS = {ast.If: ("test",), ast.While: ("test",), ast.For: ("iter",),
          ast.AsyncFor: ("iter",), ast.With: ("items",), ast.AsyncWith: ("items",),
          ast.Try: (), ast.Match: ("subject",)}
_NESTED = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda

FOUND, STOPPED, ON = "found", "stopped", "on"


def lacks_method(type_names: frozenset[str], method: str) -> bool:
    """Every kind of value the name held is a known class without this attribute."""
    classes = [_KNOWN.get(t) for t in type_names]
    return bool(classes) and all(c is not None and not hasattr(c, method) for c in classes)


def reaches_use(tree: ast.Module, parents: dict[int, ast.AST], statement: ast.stmt,
                name: str, crashes: Callable[[ast.Name], bool]) -> bool:
    """Some path from `statement` reaches a use of `name` that `crashes` says raises,
    with no rebinding of `name` before it."""
    walker = _Walker(name, crashes)
    node: ast.AST = statement
    while True:
        owner = parents.get(id(node))
        if isinstance(owner, ast.ExceptHandler):  # out of a handler: past its `try`
            node = parents[id(owner)]
            owner = parents.get(id(node))
        block = _block_of(owner, node)
        if owner is None or block is None:
            return False
        state = walker.scan(block[block.index(node) + 1:])
        if state == FOUND:
            return True
        if state == STOPPED:
            return False
        if isinstance(owner, _NESTED):
            return False  # the end of the function: the name is gone
        if isinstance(owner, ast.While | ast.For | ast.AsyncFor) and block is owner.body:
            # round again (a `while` tests again, a `for` binds its target anew) and
            # through the whole body; or out of the loop
            if isinstance(owner, ast.While):
                if walker.head(owner) or walker.scan(owner.body) == FOUND:
                    return True
            elif not walker.binds_target(owner) and walker.scan(owner.body) == FOUND:
                return True
            if walker.scan(owner.orelse) == FOUND:
                return True
        node = owner


def _block_of(owner: ast.AST | None, node: ast.AST) -> list[ast.stmt] | None:
    if owner is None:
        return None
    for field in ("body", "orelse", "finalbody"):
        block = getattr(owner, field, None)
        if isinstance(block, list) and any(s is node for s in block):
            return block
    return None


class _Walker:
    def __init__(self, name: str, crashes: Callable[[ast.Name], bool]) -> None:
        self.name = name
        self.crashes = crashes

    def uses(self, node: ast.AST) -> Iterator[ast.Name]:
        """The name's uses in an expression or simple statement, nested functions aside."""
        todo = [node]
        while todo:
            current = todo.pop()
            if isinstance(current, ast.Name) and current.id == self.name:
                yield current
            todo.extend(c for c in ast.iter_child_nodes(current)
                        if not isinstance(c, _NESTED))

    def head(self, statement: ast.stmt) -> bool:
        for field in _HEADS.get(type(statement), ()):
            value = getattr(statement, field)
            for part in value if isinstance(value, list) else [value]:
                if any(self.crashes(n) for n in self.uses(part)):
                    return True
        return False

    def binds(self, statement: ast.stmt) -> bool:
        targets: list[ast.expr] = []
        if isinstance(statement, ast.Assign):
            targets = statement.targets
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            targets = [statement.target]
        elif isinstance(statement, ast.Delete):
            targets = statement.targets
        for target in targets:
            for part in ast.walk(target):
                if isinstance(part, ast.Name) and part.id == self.name \
                        and isinstance(part.ctx, ast.Store | ast.Del):
                    return True
        return isinstance(statement, ast.FunctionDef | ast.ClassDef) \
            and statement.name == self.name

    def binds_target(self, loop: ast.For | ast.AsyncFor) -> bool:
        return any(isinstance(p, ast.Name) and p.id == self.name
                   for p in ast.walk(loop.target))

    def scan(self, block: list[ast.stmt]) -> str:
        """FOUND: a crashing use runs; STOPPED: every way on rebinds the name or leaves;
        ON: the block can end with the wrong value still held."""
        for statement in block:
            if isinstance(statement, _NESTED):
                if self.binds(statement):
                    return STOPPED
                continue
            if type(statement) in _HEADS:
                if self.head(statement):
                    return FOUND
                state = self._compound(statement)
                if state != ON:
                    return state
                continue
            if any(self.crashes(n) for n in self.uses(statement)):
                return FOUND
            if self.binds(statement) or isinstance(
                    statement, ast.Return | ast.Raise | ast.Break | ast.Continue):
                return STOPPED
        return ON

    def _compound(self, statement: ast.stmt) -> str:
        if isinstance(statement, ast.If):
            states = [self.scan(statement.body), self.scan(statement.orelse)]
            if FOUND in states:
                return FOUND
            return STOPPED if ON not in states else ON
        if isinstance(statement, ast.While | ast.For | ast.AsyncFor):
            if isinstance(statement, ast.For | ast.AsyncFor) and self.binds_target(statement):
                return STOPPED
            found = FOUND in (self.scan(statement.body), self.scan(statement.orelse))
            return FOUND if found else ON  # the body may run no time at all
        if isinstance(statement, ast.With | ast.AsyncWith):
            return self.scan(statement.body)
        if isinstance(statement, ast.Try):
            blocks = [statement.body, statement.orelse, statement.finalbody,
                      *[h.body for h in statement.handlers]]
            states = [self.scan(b) for b in blocks]
            return FOUND if FOUND in states else states[0]
        return ON
