"""Variables: another variable of the same role used in place of the right one, an item
and its collection confused where the other one crashes, and an assignment between two
names written the wrong way round.

Each injector carries its golden examples; see docs/novice-mistakes.md.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Assignment

from .base import LOGICAL, RUNTIME, Example, Injector, register
from .chain_binds import leaves_unbound
from .helpers import (
    _accesses,
    _body_statements,
    _callee_name,
    _in_part,
    _index_names,
    _inside_guarded,
    _is_variable,
    _loop_control_names,
    _test_steers_input,
)
from .kinds import _holds_text
from .program import ProgramIndex
from .roles import _available, _kind, scope_roles
from .stalled_loops import stalls_loop

_NOT_VARIABLES = cst.FunctionDef | cst.ClassDef | cst.Import | cst.ImportFrom
# Calls that take an item or a whole collection alike, so the mix-up runs on quietly.
_EITHER_CALLS = frozenset({"len", "print", "str", "append", "count", "index", "add"})


def _collection_fits(program: ProgramIndex, node: cst.Name) -> bool:
    """The collection in place of its item still runs here: a call's argument (`len(s)`,
    `out.append(name)`), an indexed record (`book[0]`), an equality or membership test.
    A method call on it or arithmetic would crash instead (another class of error)."""
    parent = program.parent(node)
    if isinstance(parent, cst.Arg) and parent.value is node:
        call = program.parent(parent)
        name = (call.func.attr.value if isinstance(call.func, cst.Attribute)
                else _callee_name(call))
        return name in _EITHER_CALLS
    if isinstance(parent, cst.Subscript) and parent.value is node:
        return True
    if isinstance(parent, cst.Comparison) and parent.left is node:
        return all(isinstance(t.operator, cst.Equal | cst.NotEqual | cst.In | cst.NotIn)
                   for t in parent.comparisons)
    if isinstance(parent, cst.ComparisonTarget) and parent.comparator is node:
        return isinstance(parent.operator, cst.Equal | cst.NotEqual)
    return False


def _input_fits(program: ProgramIndex, node: cst.Name) -> bool:
    """The list being built and the list it is built from swap quietly where they are
    read whole (a membership test, a return, an argument, a slice), never as the
    receiver of a method that grows a list (`items.append(x)` inside `for x in items`
    never ends)."""
    parent = program.parent(node)
    if isinstance(parent, cst.Attribute) and parent.value is node:
        return parent.attr.value not in ("append", "extend", "insert")
    if isinstance(parent, cst.For):
        return False
    if isinstance(parent, cst.Subscript):  # a slice of either list runs (`result[:k]`)
        return all(isinstance(e.slice, cst.Slice) for e in parent.slice)
    return True


def _stores_into(program: ProgramIndex, node: cst.CSTNode, names: set[str]) -> bool:
    """The statement stores its result in one of these names (an index, a loop bound)."""
    statement = program.statement_of(node)
    for small in _body_statements(statement):
        if isinstance(small, cst.Assign | cst.AugAssign):
            targets = ([t.target for t in small.targets] if isinstance(small, cst.Assign)
                       else [small.target])
            if any(isinstance(t, cst.Name) and t.value in names for t in targets):
                return True
    return False


@register
class VariableMisuse(Injector):
    """Another variable of the same role used in place of the right one (`if x not in
    items` for `if x not in result`, `oldest = person` for `youngest = person`)."""

    id = "variable_misuse"
    error_class = LOGICAL
    label = "another variable of the same role used in place of the right one"
    why = ("Novices confuse names by the part they play, not by how they are spelt: the "
           "list being built and the list it is built from, an item and its collection, "
           "two values kept side by side such as `oldest` and `youngest`.")
    examples = (
        Example("def unique(items):\n    result = []\n    for x in items:\n"
                "        if x not in result:\n            result.append(x)\n"
                "    return result\nprint(unique([1, 2, 1]))\n",
                "def unique(items):\n    result = []\n    for x in items:\n"
                "        if x not in items:\n            result.append(x)\n"
                "    return result\nprint(unique([1, 2, 1]))\n", line=4),
        Example("def unique(items):\n    result = []\n    for x in items:\n"
                "        if x not in result:\n            result.append(x)\n"
                "    return result\nprint(unique([1, 2, 1]))\n",
                "def unique(items):\n    result = []\n    for x in items:\n"
                "        if x not in result:\n            result.append(x)\n"
                "    return items\nprint(unique([1, 2, 1]))\n", line=6),
        Example("def extremes(ages):\n    oldest = ages[0]\n    youngest = ages[0]\n"
                "    for age in ages:\n        if age > oldest:\n            oldest = age\n"
                "        if age < youngest:\n            youngest = age\n"
                "    return (oldest, youngest)\nprint(extremes([30, 12, 50]))\n",
                "def extremes(ages):\n    oldest = ages[0]\n    youngest = ages[0]\n"
                "    for age in ages:\n        if age > oldest:\n            oldest = age\n"
                "        if age < youngest:\n            oldest = age\n"
                "    return (oldest, youngest)\nprint(extremes([30, 12, 50]))\n", line=8),
        Example("def sizes(words):\n    out = []\n    for w in words:\n"
                "        out.append(len(w))\n    return out\nprint(sizes(['ab', 'c']))\n",
                "def sizes(words):\n    out = []\n    for w in words:\n"
                "        out.append(len(words))\n    return out\nprint(sizes(['ab', 'c']))\n",
                line=4),
        Example("total = 0\ncount = 0\nfor mark in [4, 7, 9]:\n    total += mark\n"
                "    count += 1\nprint('Marks:', count)\nprint('Total:', total)\n",
                "total = 0\ncount = 0\nfor mark in [4, 7, 9]:\n    total += mark\n"
                "    count += 1\nprint('Marks:', total)\nprint('Total:', total)\n", line=6),
    )
    no_site = "w = 3\nprint(w * 2)\n"

    _KIND_WORDS = {"number": "numbers", "text": "text", "list": "lists",
                   "dict": "dictionaries", "param": "values the function was given",
                   "sequence": "collections the function was given"}
    _PER_USE = 3  # candidates kept per use, the closest roles first

    def sites(self, program: ProgramIndex):
        reads = _accesses(program)
        guarded = _index_names(program)
        subscripted = {n.value.value for n in program.nodes(cst.Subscript)
                       if isinstance(n.value, cst.Name)}
        kinds: dict[tuple[int, str], str | None] = {}

        def kind(scope, name: str) -> str | None:
            if (id(scope), name) not in kinds:  # every binding: never order-dependent
                kinds[(id(scope), name)] = _kind(
                    program, [a for a in scope.assignments[name]
                              if isinstance(a, Assignment)], reads)
            return kinds[(id(scope), name)]

        for node, access in reads.items():
            if not isinstance(node, cst.Name) or not self._usable_read(program, node):
                continue
            mine = [a for a in access.referents if isinstance(a, Assignment)]
            if not mine or any(isinstance(a.node, _NOT_VARIABLES) for a in mine):
                continue
            scope = access.scope
            right = kind(scope, node.value)
            if node.value in guarded and (right in ("number", None) or (
                    right == "param" and node.value not in subscripted)):
                continue  # indexes and range bounds turn into IndexErrors or time-outs
            if _stores_into(program, node, guarded) or leaves_unbound(program, node):
                continue  # an index or bound changed; a name its branch alone binds
            yield from self._swaps(program, scope, node, kind, write=False)
        for node in self._targets(program):
            scope = program.scopes.get(node)
            if scope is not None and node.value in scope.assignments \
                    and node.value not in _loop_control_names(program) \
                    and SwappedAssignment._bound_before(program, node):  # an update
                yield from self._swaps(program, scope, node, kind, write=True)

    def _swaps(self, program: ProgramIndex, scope, node: cst.Name, kind, write: bool):
        roles = scope_roles(program, scope)
        right = node.value
        ranked = []
        statement = program.statement_of(node)
        for name in {a.name for a in scope.assignments if isinstance(a, Assignment)}:
            # the statement's own target is bound only after its value is computed
            bindings = [a for a in scope.assignments[name] if isinstance(a, Assignment)
                        and program.statement_of(a.node) is not statement]
            if name == right or any(isinstance(a.node, _NOT_VARIABLES) for a in bindings) \
                    or not _available(program, bindings, node) \
                    or stalls_loop(program, node, name):
                continue
            rank, relation = self._relation(program, roles, node, name, kind(scope, right),
                                             kind(scope, name), write)
            if relation is not None:
                distance = min(abs(program.line(a.node) - program.line(node))
                               for a in bindings)
                ranked.append((rank, distance, name, relation))
        start, end = program.span(node)
        s_start, s_end = program.span(statement)
        old = program.source[s_start:s_end].splitlines()[0].strip()
        for _rank, _distance, name, relation in sorted(ranked)[:self._PER_USE]:
            new = (program.source[s_start:start] + name
                   + program.source[end:s_end]).splitlines()[0].strip()
            # a read leaves `right`'s value unused; a write leaves `right` as it was
            use = {"updates": right} if write else {"reads": right}
            yield self.edit(program, start, end, name, wrong=name, right=right, old=old,
                            new=new, relation=relation, **use)

    def _relation(self, program: ProgramIndex, roles, node: cst.Name, name: str,
                  right_kind: str | None, wrong_kind: str | None,
                  write: bool) -> tuple[int, str | None]:
        """(rank, the pair's relation in words) when students confuse `name` with the
        name at `node`; lower ranks are the likelier confusions."""
        right = node.value
        right_kind = "sequence" if right in roles.params & roles.sequences else right_kind
        wrong_kind = "sequence" if name in roles.params & roles.sequences else wrong_kind
        known_apart = None not in (right_kind, wrong_kind) and right_kind != wrong_kind
        tag, text = roles.relation(right, name) or (None, None)
        if write:  # an assignment's target: only a value kept side by side
            return (2, text) if tag == "siblings" and not known_apart else (0, None)
        parent = program.parent(node)
        receiver = isinstance(parent, cst.Attribute) and parent.value is node
        fits = {"unpacked": not receiver, "element": _collection_fits(program, node),
                "counter": not receiver, "copy": _input_fits(program, node),
                "built": _input_fits(program, node) and not receiver or (
                    receiver and parent.attr.value in ("remove", "count", "index")),
                "siblings": not known_apart and not receiver}
        if tag is not None:
            rank = {"unpacked": 0, "element": 0, "counter": 1, "copy": 1, "built": 1}
            return rank.get(tag, 2), (text if fits[tag] else None)
        if right_kind is not None and right_kind == wrong_kind and not receiver \
                and not ({right, name} & roles.loop_bound):
            return 3, f"both hold {self._KIND_WORDS[right_kind]}"
        return 3, None

    @staticmethod
    def _targets(program: ProgramIndex) -> list[cst.Name]:
        """Names a statement assigns to on its own (`best = x`, `total += x`)."""
        found = []
        for node in program.nodes(cst.Assign, cst.AugAssign):
            target = node.targets[0].target if isinstance(node, cst.Assign) \
                and len(node.targets) == 1 else getattr(node, "target", None)
            if isinstance(target, cst.Name) and not _in_part(program, node, cst.While, "test"):
                found.append(target)
        return found

    @staticmethod
    def _usable_read(program: ProgramIndex, node: cst.Name) -> bool:
        parent = program.parent(node)
        if isinstance(parent, cst.Call) and parent.func is node:
            return False
        if isinstance(parent, cst.Attribute) and parent.attr is node:
            return False
        if isinstance(parent, cst.Arg) and parent.keyword is node:
            return False
        if isinstance(parent, cst.For) and parent.iter is node:
            return False  # walking another collection rewrites the loop, not one name
        if _in_part(program, node, cst.While, "test") or _test_steers_input(program, node):
            return False  # a loop test or an input prompt: hangs and exhausted input
        return not _inside_guarded(program, node)

@register
class SwappedAssignment(Injector):
    """An assignment between two names written the wrong way round (`item = best` for
    `best = item`)."""

    id = "swapped_assignment"
    error_class = LOGICAL
    label = "an assignment between two names written the wrong way round"
    why = ("Novices read `=` as a symmetric \"is the same as\", so `best = item` and "
           "`item = best` look equally right to them.")
    examples = (
        Example("best = 0\nfor item in [4, 9, 2]:\n    if item > best:\n        best = item\n"
                "print(best)\n",
                "best = 0\nfor item in [4, 9, 2]:\n    if item > best:\n        item = best\n"
                "print(best)\n", line=4),
    )
    no_site = "x = 5\nprint(x)\n"

    def sites(self, program: ProgramIndex):
        loop_names = _loop_control_names(program)
        for node in program.nodes(cst.Assign):
            if len(node.targets) != 1:
                continue
            target, value = node.targets[0].target, node.value
            if not (isinstance(target, cst.Name) and isinstance(value, cst.Name)) \
                    or target.value == value.value or {target.value, value.value} & loop_names:
                continue
            if not _is_variable(program, value) or not self._bound_before(program, target):
                continue  # a first assignment: reading `best` would be a NameError
            start, end = program.span(target)[0], program.span(value)[1]
            middle = program.source[program.span(target)[1]:program.span(value)[0]]
            yield self.edit(program, start, end, value.value + middle + target.value,
                            target=target.value, value=value.value,
                            old=f"{target.value} = {value.value}",
                            new=f"{value.value} = {target.value}")

    @staticmethod
    def _bound_before(program: ProgramIndex, target: cst.Name) -> bool:
        scope = program.scopes.get(target)
        if scope is None:
            return False
        earlier = [a for a in scope.assignments[target.value]
                   if isinstance(a, Assignment) and a.node is not target]
        return _available(program, earlier, target)


# List methods a single item (a number, a string) does not have.
_LIST_ONLY = frozenset({"remove", "append", "insert", "pop", "sort", "reverse", "extend"})
_CRASHING_OPS = (cst.Subtract, cst.Divide, cst.FloorDivide, cst.Modulo, cst.Power)


@register
class ItemCollectionMixup(Injector):
    """An item and its collection confused where the other one crashes: a list method
    called on the loop's item, or the collection ordered or computed with like a number
    (`v.remove(x)` for `values.remove(x)`, `if items > limit` for `if item > limit`)."""

    id = "item_collection_mixup"
    error_class = RUNTIME
    label = "an item and its collection confused where the other one crashes"
    why = ("Novices name a list and its items alike (`item`, `items`) and lose track of "
           "which one holds the list, so a list method lands on an item or an item's "
           "comparison on the whole list.")
    examples = (
        Example("def smallest_first(values):\n    values = values[:]\n    out = []\n"
                "    while values:\n        low = min(values)\n        for v in values:\n"
                "            if v < low:\n                low = v\n        out.append(low)\n"
                "        values.remove(low)\n    return out\n\n\n"
                "print(smallest_first([3, 1, 2]))\n",
                "def smallest_first(values):\n    values = values[:]\n    out = []\n"
                "    while values:\n        low = min(values)\n        for v in values:\n"
                "            if v < low:\n                low = v\n        out.append(low)\n"
                "        v.remove(low)\n    return out\n\n\n"
                "print(smallest_first([3, 1, 2]))\n", line=10),
        Example("def count_above(items, limit):\n    count = 0\n    for item in items:\n"
                "        if item > limit:\n            count += 1\n    return count\n\n\n"
                "print(count_above([4, 9], 5))\n",
                "def count_above(items, limit):\n    count = 0\n    for item in items:\n"
                "        if items > limit:\n            count += 1\n    return count\n\n\n"
                "print(count_above([4, 9], 5))\n", line=4),
    )
    no_site = "for ch in 'abc':\n    print(ch)\n"

    def sites(self, program: ProgramIndex):
        reads = _accesses(program)
        for node, access in reads.items():
            if not isinstance(node, cst.Name) or access.scope is None:
                continue
            roles = scope_roles(program, access.scope)
            parent = program.parent(node)
            for item, collection in roles.element_of.items():
                if _holds_text(program, node, reads) or collection in _TEXTUAL:
                    continue  # a string has an order and a `-`-free arithmetic of its own
                if node.value == collection and isinstance(parent, cst.Attribute) \
                        and parent.value is node and parent.attr.value in _LIST_ONLY:
                    yield self._swap(program, node, item, collection, "the item")
                elif node.value == item and self._crashes_as_list(program, node):
                    yield self._swap(program, node, collection, item, "the whole list")

    def _swap(self, program: ProgramIndex, node: cst.Name, new: str, old: str, what: str):
        start, end = program.span(node)
        statement = program.statement_of(node)
        s_start, s_end = program.span(statement)
        text = (program.source[s_start:start] + new + program.source[end:s_end])
        return self.edit(program, start, end, new, wrong=new, right=old, what=what,
                         new=text.splitlines()[0].strip())

    @staticmethod
    def _crashes_as_list(program: ProgramIndex, node: cst.Name) -> bool:
        """A list here is a TypeError: ordered against a value, computed with, negated."""
        parent = program.parent(node)
        if isinstance(parent, cst.UnaryOperation) and isinstance(parent.operator, cst.Minus):
            return True
        if isinstance(parent, cst.BinaryOperation) and isinstance(parent.operator,
                                                                  _CRASHING_OPS):
            return True
        if isinstance(parent, cst.Comparison) and parent.left is node:
            ops = [t.operator for t in parent.comparisons]
        elif isinstance(parent, cst.ComparisonTarget) and parent.comparator is node:
            ops = [parent.operator]
        else:
            return False
        return all(isinstance(o, cst.LessThan | cst.GreaterThan | cst.LessThanEqual
                              | cst.GreaterThanEqual) for o in ops)


_TEXTUAL = frozenset({"text", "word", "s", "string", "sentence", "line", "name", "phrase",
                      "message"})
