"""The roles names play in one scope, as students confuse them: the list being built and
the list it is built from, a loop variable and its collection, names kept up to date side
by side (`oldest` and `youngest`), names unpacked from the same item.

`variable_misuse` chooses its candidates from these roles, not from spelling distance:
real mix-ups are between names of the same type and role that are both visible in the
function, however different they look.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst
from libcst.metadata import Assignment

from .helpers import _bound_value, _callee_name
from .kinds import _holds_text, _is_numeric
from .program import ProgramIndex

# Empty starting values of something built up in a loop.
_EMPTY = {"[]": "list", '""': "text", "''": "text", "{}": "dict"}
# Values a sequence parameter is certainly given to.
_SEQUENCE_CALLS = frozenset({"len", "sorted", "list", "tuple", "set", "enumerate", "reversed",
                             "sum", "max", "min"})


def _iterated_name(node: cst.CSTNode) -> str | None:
    """The name a `for` loop walks: `items`, `items[1:]`, `text.lower()`, `d.items()`."""
    while True:
        if isinstance(node, cst.Name):
            return node.value
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            node = node.func.value
        elif isinstance(node, cst.Call) and _callee_name(node) in ("sorted", "reversed",
                                                                     "list", "enumerate") \
                and node.args:
            node = node.args[0].value
        elif isinstance(node, cst.Subscript):
            node = node.value
        else:
            return None


@dataclass
class ScopeRoles:
    """What the names of one scope are for (only names bound in that scope)."""

    params: set[str] = field(default_factory=set)
    sequences: set[str] = field(default_factory=set)  # iterated, measured or sorted
    built: dict[str, str] = field(default_factory=dict)  # started empty: name -> its type
    element_of: dict[str, str] = field(default_factory=dict)  # loop variable -> collection
    unpacked: dict[str, frozenset[str]] = field(default_factory=dict)  # same loop target
    blocks: dict[str, set[int]] = field(default_factory=dict)  # name -> ids of its blocks
    loop_bound: set[str] = field(default_factory=set)  # bound by any for loop
    bounds: dict[str, set[str]] = field(default_factory=dict)  # range counter -> bound names
    copies: dict[str, str] = field(default_factory=dict)  # `left = list(items)` -> items
    updates: dict[str, int] = field(default_factory=dict)  # name -> how often it is bound

    def siblings(self, a: str, b: str) -> bool:
        """Set up in the same block and updated later, neither a loop variable nor a
        parameter: values kept side by side (`oldest`/`youngest`, `total`/`count`, `best_key`/`best_value`)."""
        shared = self.blocks.get(a, set()) & self.blocks.get(b, set())
        return bool(shared) and not ({a, b} & (self.loop_bound | self.params)) \
            and self.updates.get(a, 0) > 1 and self.updates.get(b, 0) > 1

    def relation(self, right: str, wrong: str) -> tuple[str, str] | None:
        """(tag, the pair in words) when students confuse `wrong` with `right` here: tags
        'unpacked', 'element', 'counter', 'copy', 'built', 'siblings'; None: not a pair
        students confuse."""
        if right in self.unpacked and wrong in self.unpacked[right]:
            return "unpacked", (f"both are taken from the same item of "
                                f"`{self.element_of.get(right, 'the loop')}`")
        if self.element_of.get(right) == wrong:
            return "element", f"`{right}` is one item of `{wrong}`, not the whole collection"
        if wrong in self.bounds.get(right, ()):
            return "counter", f"`{right}` counts through the range and `{wrong}` bounds it"
        for copy, source in ((right, wrong), (wrong, right)):
            if self.copies.get(copy) == source:
                return "copy", f"`{copy}` is a copy of `{source}`"
        for built, source in ((right, wrong), (wrong, right)):
            if built in self.built and source in self.sequences and source in self.params:
                return "built", (f"`{built}` is the {self.built[built]} being built and "
                                 f"`{source}` is what the function was given")
        if self.siblings(right, wrong):
            return "siblings", f"`{right}` and `{wrong}` are kept side by side"
        return None


def scope_roles(program: ProgramIndex, scope) -> ScopeRoles:
    """The roles of every name bound in `scope` (a libcst Scope), computed once."""
    cache = program.__dict__.setdefault("_scope_roles", {})
    found = cache.get(id(scope))
    if found is not None:
        return found
    roles = ScopeRoles()
    for assignment in scope.assignments:
        if not isinstance(assignment, Assignment):
            continue
        name, node = assignment.name, assignment.node
        if isinstance(node, cst.Param):
            roles.params.add(name)
            continue
        how, value = _bound_value(program, assignment)
        block = next((a for a in program.ancestors(node)
                      if isinstance(a, cst.IndentedBlock | cst.Module)), None)
        roles.blocks.setdefault(name, set()).add(id(block))
        roles.updates[name] = roles.updates.get(name, 0) + 1
        if how == "assign" and "".join(program.text(value).split()) in _EMPTY:
            roles.built[name] = _EMPTY["".join(program.text(value).split())]
        if how == "assign":
            copied = _copied_name(value)
            if copied is not None and copied != name:
                roles.copies[name] = copied
        loop = next((a for a in program.ancestors(node) if isinstance(a, cst.For)), None)
        if loop is not None and _within_target(program, node, loop):
            roles.loop_bound.add(name)
            collection = _iterated_name(loop.iter)
            if _callee_name(loop.iter) == "range":
                roles.bounds[name] = {n.value for a in loop.iter.args
                                      for n in _walk_names(a.value)}
            elif collection is not None:
                roles.element_of[name] = collection
            names = frozenset(n.value for n in _target_names(loop.target))
            if len(names) > 1:
                roles.unpacked[name] = names - {name}
    for loop in program.nodes(cst.For):
        if program.scopes.get(loop) is scope:
            walked = _iterated_name(loop.iter)
            if walked is not None:
                roles.sequences.add(walked)
    for call in program.nodes(cst.Call):
        if _callee_name(call) in _SEQUENCE_CALLS and call.args \
                and isinstance(call.args[0].value, cst.Name) \
                and program.scopes.get(call) is scope:
            roles.sequences.add(call.args[0].value.value)
    for target in program.nodes(cst.ComparisonTarget):  # `x in seen`: seen is a collection
        if isinstance(target.operator, cst.In | cst.NotIn) \
                and isinstance(target.comparator, cst.Name) \
                and program.scopes.get(target.comparator) is scope:
            roles.sequences.add(target.comparator.value)
    cache[id(scope)] = roles
    return roles


def _copied_name(value: cst.CSTNode) -> str | None:
    """`items` for `list(items)`, `items[:]`, `items.copy()`, `sorted(items)` (with or
    without `key=` and `reverse=`)."""
    if isinstance(value, cst.Call) and _callee_name(value) in ("list", "sorted") \
            and value.args and isinstance(value.args[0].value, cst.Name) \
            and value.args[0].keyword is None \
            and all(a.keyword is not None for a in value.args[1:]):  # `reverse=True`
        return value.args[0].value.value
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) \
            and value.func.attr.value == "copy" and isinstance(value.func.value, cst.Name):
        return value.func.value.value
    if isinstance(value, cst.Subscript) and isinstance(value.value, cst.Name) \
            and len(value.slice) == 1 and isinstance(value.slice[0].slice, cst.Slice) \
            and _whole_slice(value.slice[0].slice):
        return value.value.value
    return None


def _whole_slice(part: cst.Slice) -> bool:
    return part.lower is None and part.upper is None and part.step is None


def _walk_names(node: cst.CSTNode) -> list[cst.Name]:
    found: list[cst.Name] = []

    class _Names(cst.CSTVisitor):
        def visit_Name(self, name: cst.Name) -> None:
            found.append(name)

    node.visit(_Names())
    return found


def _within_target(program: ProgramIndex, node: cst.CSTNode, loop: cst.For) -> bool:
    return node is loop.target or any(a is loop.target for a in program.ancestors(node))


def _target_names(target: cst.CSTNode) -> list[cst.Name]:
    if isinstance(target, cst.Name):
        return [target]
    if isinstance(target, cst.Tuple | cst.List):
        return [n for e in target.elements for n in _target_names(e.value)]
    return []


# -- what kind of value a name holds, and whether it is bound before a use -----------
_LIST_CALLS = frozenset({"list", "sorted", "range"})
_LIST_METHODS = frozenset({"split", "copy"})


def _value_kind(program: ProgramIndex, value: cst.CSTNode, reads) -> str | None:
    """'number', 'text', 'list' or 'dict' when the value certainly is one, else None."""
    if _is_numeric(program, value):
        return "number"
    if _holds_text(program, value, reads):
        return "text"
    if isinstance(value, cst.List | cst.ListComp):
        return "list"
    if isinstance(value, cst.Dict | cst.DictComp):
        return "dict"
    name = _callee_name(value) or ""
    if name in _LIST_CALLS:
        return "list"
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) \
            and value.func.attr.value in _LIST_METHODS:
        return "list"
    return None


def _kind(program: ProgramIndex, bindings: list[Assignment], reads) -> str | None:
    """The kind every binding of a variable gives it (parameters: 'param')."""
    kinds = set()
    for assignment in bindings:
        if isinstance(assignment.node, cst.Param):
            kinds.add("param")
            continue
        how, value = _bound_value(program, assignment)
        if how == "assign":
            kinds.add(_value_kind(program, value, reads))
        elif how == "aug":
            continue  # `total += x` keeps the kind its first assignment gave
        elif how == "for" and _callee_name(value.iter) == "range":
            kinds.add("number")
        else:
            kinds.add(None)
    return kinds.pop() if len(kinds) == 1 else None


def _available(program: ProgramIndex, bindings: list[Assignment], use: cst.Name) -> bool:
    """A binding that has certainly run before the use: earlier in the text, and not
    inside a block (branch, loop, try) that does not also hold the use."""
    use_line = program.line(use)
    around_use = set(program.ancestors(use))
    for assignment in bindings:
        node = assignment.node
        if program.line(node) >= use_line:
            continue
        # the indented blocks round the binding: one branch's block is not the
        # other's, so a name bound under `if` is not available under its `elif`
        blocks = [a for a in program.ancestors(node) if isinstance(a, cst.IndentedBlock)]
        if isinstance(program.parent(node), cst.For):
            blocks.append(program.parent(node).body)
        if all(b in around_use for b in blocks):
            return True
    return False
