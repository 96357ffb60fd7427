"""Variables: another variable in scope used in place of the right one, and an assignment
between two names written the wrong way round.

Each injector carries its golden examples; see docs/novice-mistakes.md.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Assignment

from .base import LOGICAL, Example, Injector, register
from .helpers import (
    _accesses,
    _bound_value,
    _callee_name,
    _feeds_guarded,
    _in_part,
    _index_names,
    _inside_guarded,
    _is_variable,
    _loop_control_names,
    _test_steers_input,
)
from .kinds import _holds_text, _is_numeric
from .program import ProgramIndex

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


def _similar(a: str, b: str) -> bool:
    """Names a reader confuses: a shared word or stem, or one letter apart."""
    words_a, words_b = set(a.lower().split("_")), set(b.lower().split("_"))
    if words_a & words_b - {""}:
        return True
    prefix = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        prefix += 1
    return prefix >= 3 or (len(a) == len(b) and sum(x != y for x, y in zip(a, b,
                                                                            strict=True)) == 1)


@register
class VariableMisuse(Injector):
    """Another variable in scope used in place of the right one (`if item in items` for
    `if item in seen`)."""

    id = "variable_misuse"
    error_class = LOGICAL
    label = "another variable of the same kind used in place of the right one"
    why = ("When several variables hold the same kind of value (two lists, a count and a "
           "total, a width and a height), novices pick the one whose name comes to mind "
           "first, especially when the names look alike or were written a line apart.")
    examples = (
        Example("words = ['a', 'b', 'a']\nseen = []\nfor word in words:\n"
                "    if word not in seen:\n        seen.append(word)\nprint(seen)\n",
                "words = ['a', 'b', 'a']\nseen = []\nfor word in words:\n"
                "    if word not in words:\n        seen.append(word)\nprint(seen)\n",
                line=4),
        Example("total = 0\ncount = 0\nfor mark in [4, 7, 9]:\n    total += mark\n"
                "    count += 1\nprint('Marks:', count)\nprint('Total:', total)\n",
                "total = 0\ncount = 0\nfor mark in [4, 7, 9]:\n    total += mark\n"
                "    count += 1\nprint('Marks:', total)\nprint('Total:', total)\n", line=6),
    )
    no_site = "w = 3\nprint(w * 2)\n"

    _KIND_WORDS = {"number": ("numbers", "number"), "text": ("text", "text"),
                   "list": ("lists", "list"), "dict": ("dictionaries", "dictionary"),
                   "param": ("values passed to the same function", "value")}

    def sites(self, program: ProgramIndex):
        reads = _accesses(program)
        guarded = _index_names(program)
        kinds: dict[tuple[int, str], str | None] = {}
        for node, access in reads.items():
            if not isinstance(node, cst.Name) or not self._usable_read(program, node, guarded):
                continue
            scope = access.scope
            mine = [a for a in access.referents if isinstance(a, Assignment)]
            if not mine or any(isinstance(a.node, cst.FunctionDef | cst.ClassDef | cst.Import
                                          | cst.ImportFrom) for a in mine):
                continue
            key = (id(scope), node.value)
            if key not in kinds:  # from every binding in the scope: never order-dependent
                kinds[key] = _kind(program, [a for a in scope.assignments[node.value]
                                             if isinstance(a, Assignment)], reads)
            kind = kinds[key]
            if kind is None:
                continue
            statement = program.statement_of(node)
            others = self._names_in_statement(statement)
            line = program.line(node)
            ranked = []
            for name in {a.name for a in scope.assignments if isinstance(a, Assignment)}:
                if name == node.value or name in others:
                    continue  # never the other operand: `price - price` is not a slip
                theirs = [a for a in scope.assignments[name] if isinstance(a, Assignment)]
                if not self._available(program, theirs, node):
                    continue
                other_key = (id(scope), name)
                if other_key not in kinds:
                    kinds[other_key] = _kind(program, theirs, reads)
                if kinds[other_key] != kind:
                    continue
                distance = min(abs(program.line(a.node) - line) for a in theirs)
                if not (_similar(name, node.value) or distance <= 3 or kind == "param"):
                    continue
                ranked.append((not _similar(name, node.value), distance, name))
            for _unlike, _distance, name in sorted(ranked)[:2]:
                start, end = program.span(node)
                s_start, s_end = program.span(statement)
                old = program.source[s_start:s_end].splitlines()[0].strip()
                new = (program.source[s_start:start] + name
                       + program.source[end:s_end]).splitlines()[0].strip()
                plural, single = self._KIND_WORDS[kind]
                yield self.edit(program, start, end, name, wrong=name, right=node.value,
                                old=old, new=new, kind=plural, kind_short=single)

    @staticmethod
    def _usable_read(program: ProgramIndex, node: cst.Name, guarded: set[str]) -> bool:
        parent = program.parent(node)
        if isinstance(parent, cst.Call) and parent.func is node:
            return False
        if isinstance(parent, cst.Attribute) and parent.attr is node:
            return False
        if isinstance(parent, cst.Arg) and parent.keyword is node:
            return False
        if _in_part(program, node, cst.While, "test") or _test_steers_input(program, node):
            return False  # a loop test or an input prompt: hangs and exhausted input
        if _inside_guarded(program, node) or node.value in guarded:
            return False  # indexes and range bounds turn into IndexErrors or time-outs
        return not _feeds_guarded(program, node, guarded)

    @staticmethod
    def _names_in_statement(statement: cst.CSTNode) -> set[str]:
        found: set[str] = set()

        class _Names(cst.CSTVisitor):
            def visit_Name(self, name: cst.Name) -> None:
                found.add(name.value)

        header = statement
        if isinstance(statement, cst.If | cst.While):
            header = statement.test
        elif isinstance(statement, cst.For):
            header = statement.iter
        header.visit(_Names())
        return found

    @staticmethod
    def _available(program: ProgramIndex, bindings: list[Assignment],
                   use: cst.Name) -> bool:
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
        return VariableMisuse._available(program, earlier, target)
