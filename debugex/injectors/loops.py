"""Loops: the range, the place of a statement inside or after the body, accumulators.

Each injector carries its golden examples; see docs/novice-mistakes.md."""

from __future__ import annotations

import libcst as cst

from .base import LOGICAL, Example, Injector, register
from .helpers import (
    _block_of,
    _body_statements,
    _callee_name,
    _dominating_assignment,
    _has_input,
    _indexed_by,
    _loop_control_names,
    _names_in,
    _statement_is_one_line,
    _walk,
)
from .program import ProgramIndex
from .reads import dead_store, entry_read_past, fills_what_is_read


@register
class OffByOneRange(Injector):
    """The end of `range()` one off: one too small (`range(1, n)` for
    `range(1, n + 1)`, `range(len(s) - 1)` for `range(len(s))`) or one too large
    (`range(k + 1)` for `range(k)`, `range(m)` for `range(m - 1)`)."""

    id = "off_by_one_range"
    error_class = LOGICAL
    why = ("Novices expect `range(1, n)` to include n; the rule that the end value is "
           "excluded is the classic source of off-by-one loops, in both directions: an "
           "end made one smaller 'to stay in the list' or one larger 'to reach k'.")
    examples = (
        Example("n = int(input())\ntotal = 0\nfor i in range(1, n + 1):\n    total += i\n"
                "print(total)\n",
                "n = int(input())\ntotal = 0\nfor i in range(1, n):\n    total += i\n"
                "print(total)\n", stdin=(("4",),), line=3),
        Example("for i in range(1, 6):\n    print(i * i)\n",
                "for i in range(1, 5):\n    print(i * i)\n", line=1),
        Example("def total(xs):\n    t = 0\n    for i in range(len(xs)):\n"
                "        t += xs[i]\n    return t\n\n\nprint(total([1, 2, 3]))\n",
                "def total(xs):\n    t = 0\n    for i in range(len(xs) - 1):\n"
                "        t += xs[i]\n    return t\n\n\nprint(total([1, 2, 3]))\n", line=3),
        Example("def first(xs, k):\n    out = []\n    for i in range(k):\n"
                "        out.append(xs[i])\n    return out\n\n\nprint(first([4, 5, 6], 2))\n",
                "def first(xs, k):\n    out = []\n    for i in range(k + 1):\n"
                "        out.append(xs[i])\n    return out\n\n\nprint(first([4, 5, 6], 2))\n",
                line=3),
    )
    no_site = "for i in range(10, 0, -2):\n    print(i)\n"

    def sites(self, program: ProgramIndex):
        for call in program.nodes(cst.Call):
            if _callee_name(call) != "range" or any(a.keyword or a.star for a in call.args) \
                    or dead_store(program, program.statement_of(call)):
                continue  # (a value nothing reads: any range there changes nothing)
            if len(call.args) == 3:
                yield from self._countdown(program, call)
                continue
            if not 1 <= len(call.args) <= 2:
                continue
            stop = call.args[-1].value
            old = program.text(stop)
            start, end = program.span(stop)
            fewer = fills_what_is_read(program, call, stop)
            for new, form in self._ends(program, stop, old, _indexes_with(program, call)):
                # one pass fewer leaves out an entry of a list still read: an IndexError
                if not (fewer and form == "one_short"):
                    yield self.edit(program, start, end, new, old=old, new=new, form=form,
                                    last=new)
            if len(call.args) == 1 and not fewer and (isinstance(stop, cst.Name)
                                                      or _callee_name(stop) == "len"):
                at = program.span(stop)[0]  # `range(1, n)`: counted from 1, as people do
                yield self.edit(program, at, at, "1, ", old=f"range({old})",
                                new=f"range(1, {old})", form="from_one", last=old,
                                first="1")

    def _countdown(self, program: ProgramIndex, call: cst.Call):
        """`range(n, 1, -1)` for `range(n, 0, -1)`: a countdown that stops one early
        (the stop is left out going down as going up)."""
        stop, step = call.args[1].value, call.args[2].value
        if program.text(step).replace(" ", "") != "-1":
            return
        if isinstance(stop, cst.Integer) and stop.value.isdigit():
            new = str(int(stop.value) + 1)
        elif isinstance(stop, cst.UnaryOperation) and isinstance(stop.operator, cst.Minus) \
                and isinstance(stop.expression, cst.Integer) and stop.expression.value == "1":
            new = "0"
        else:
            return
        start, end = program.span(stop)
        yield self.edit(program, start, end, new, old=program.text(stop), new=new,
                        form="countdown_short", last=new)

    @staticmethod
    def _ends(program: ProgramIndex, stop: cst.CSTNode, old: str, indexes: bool
              ) -> list[tuple[str, str]]:
        """(new end, form): one short (`n` for `n + 1`, `len(x) - 1` for `len(x)`), or
        one over (`k + 1` for `k`, `n` for `n - 1`). A loop up to a length
        (`rows = len(grid)`) whose variable indexes something ends one short instead
        of one over: one turn more would read past the end of what it indexes (an
        IndexError, not a wrong answer)."""
        if isinstance(stop, cst.BinaryOperation) and isinstance(stop.right, cst.Integer) \
                and stop.right.value == "1":
            if isinstance(stop.operator, cst.Add):
                return [(program.text(stop.left), "one_short")]
            if isinstance(stop.operator, cst.Subtract) and isinstance(stop.left, cst.Name):
                return [(program.text(stop.left), "one_over")]
            return []
        if isinstance(stop, cst.Integer) and stop.value.isdigit() and int(stop.value) >= 2:
            return [(str(int(stop.value) - 1), "one_short")]
        if _callee_name(stop) == "len":
            return [(f"{old} - 1", "one_short")]
        if isinstance(stop, cst.Name):
            if indexes and _holds_a_length(program, old):
                return [(f"{old} - 1", "one_short")]
            return [(f"{old} + 1", "one_over")]
        return []


def _holds_a_length(program: ProgramIndex, name: str) -> bool:
    """Whether the program assigns `name` the length of something: `rows = len(grid)`."""
    return any(isinstance(a.value, cst.Call) and _callee_name(a.value) == "len" and any(
        isinstance(t.target, cst.Name) and t.target.value == name for t in a.targets)
        for a in program.nodes(cst.Assign))


def _indexes_with(program: ProgramIndex, call: cst.Call) -> bool:
    """Whether the `for` (or comprehension) that loops over this range uses its
    variable as an index: `xs[i]`, `grid[r][c]`."""
    loop = program.parent(call)
    if isinstance(loop, cst.For | cst.CompFor) and loop.iter is call \
            and isinstance(loop.target, cst.Name):
        where = loop.body if isinstance(loop, cst.For) else program.parent(loop)
        name = loop.target.value
        return where is not None and any(
            isinstance(n, cst.Name) and n.value == name and _indexed_by(program, n)
            for n in _walk(where))
    return False


def _loop_body_indent(program: ProgramIndex, loop: cst.CSTNode) -> str | None:
    body = _body_statements(loop.body)
    if not body or not isinstance(loop.body, cst.IndentedBlock):
        return None
    return program.indent_of(program.line(body[0]))


def _line_indent_span(program: ProgramIndex, statement: cst.CSTNode) -> tuple[int, int]:
    """Offsets of the indentation in front of a statement."""
    where = program.range(statement).start
    return program.offset(where.line, 0), program.offset(where.line, where.column)


@register
class ReturnInLoop(Injector):
    """`return` indented into the loop, so the function stops after the first item."""

    id = "return_in_loop"
    error_class = LOGICAL
    why = ("Novices see the `return` as the last step of the calculation and do not "
           "notice that indentation decides whether it runs once or on every pass.")
    examples = (
        Example("def total(values):\n    s = 0\n    for v in values:\n        s += v\n"
                "    return s\n\n\nprint(total([1, 2, 3]))\n",
                "def total(values):\n    s = 0\n    for v in values:\n        s += v\n"
                "        return s\n\n\nprint(total([1, 2, 3]))\n", line=5),
    )
    no_site = "def f(x):\n    return x + 1\n\n\nprint(f(2))\n"

    def sites(self, program: ProgramIndex):
        for line in program.nodes(cst.SimpleStatementLine):
            if len(line.body) != 1 or not isinstance(line.body[0], cst.Return) \
                    or line.body[0].value is None:
                continue
            block, index = _block_of(program, line)
            if block is None or index < 1 or not isinstance(program.parent(block),
                                                             cst.FunctionDef):
                continue
            loop = _body_statements(block)[index - 1]
            if not isinstance(loop, cst.For | cst.While) or loop.orelse is not None:
                continue
            indent = _loop_body_indent(program, loop)
            if indent is None:
                continue
            start, end = _line_indent_span(program, line)
            yield self.edit(program, start, end, indent,
                            value=program.text(line.body[0].value))


@register
class WrongLoopPlacement(Injector):
    """A statement's indentation moves it into or out of a loop body (`print(total)`)."""

    id = "wrong_loop_placement"
    error_class = LOGICAL
    why = ("Novices do not yet see indentation as structure: a line that looks 'near' "
           "the loop seems to belong to it whether it is indented or not.")
    examples = (
        Example("total = 0\nfor n in [2, 4, 6]:\n    total += n\nprint(total)\n",
                "total = 0\nfor n in [2, 4, 6]:\n    total += n\n    print(total)\n",
                line=4),
        Example("count = 0\nfor n in [2, 4, 6]:\n    count += 1\n    print('seen', count)\n",
                "count = 0\nfor n in [2, 4, 6]:\n    count += 1\nprint('seen', count)\n",
                line=4),
    )
    no_site = "for n in [2, 4, 6]:\n    print(n)\n"

    def sites(self, program: ProgramIndex):
        loop_names = _loop_control_names(program)
        for loop in program.nodes(cst.For, cst.While):
            if loop.orelse is not None:
                continue
            indent = _loop_body_indent(program, loop)
            if indent is None:
                continue
            block, index = _block_of(program, loop)
            siblings = _body_statements(block) if block is not None else []
            # the statement after the loop, pulled into its body
            if index + 1 < len(siblings):
                after = siblings[index + 1]
                # not an assignment: a value first made after the loop would be missing
                # when the loop does not run, and a constant set on every pass is the same;
                # not an entry of a list read at positions counted from elsewhere: one per
                # pass, or none, no longer lines up with those positions
                if self._movable(program, after, loop_names) \
                        and not isinstance(after.body[0], cst.Return | cst.Assign) \
                        and not entry_read_past(program, after):
                    start, end = _line_indent_span(program, after)
                    yield self.edit(program, start, end, indent,
                                    statement=program.text(after),
                                    where="inside the loop",
                                    effect="on every pass instead of once after the loop",
                                    belongs="after the loop")
            # the last statement of the body, pushed out of the loop
            body = _body_statements(loop.body)
            if len(body) >= 2 and self._movable(program, body[-1], loop_names) \
                    and not self._reads_loop_values(program, loop, body[-1]) \
                    and not entry_read_past(program, body[-1]):
                start, end = _line_indent_span(program, body[-1])
                outer = program.indent_of(program.line(loop))
                yield self.edit(program, start, end, outer,
                                statement=program.text(body[-1]),
                                where="after the loop",
                                effect="only once, after the loop has finished",
                                belongs="inside the loop")

    @staticmethod
    def _reads_loop_values(program: ProgramIndex, loop: cst.CSTNode,
                           statement: cst.CSTNode) -> bool:
        """Does the statement read a name that only the loop gives a value (its target,
        or a name first assigned in its body)? After a loop that never ran, that name
        does not exist."""
        bound: set[str] = set()
        if isinstance(loop, cst.For):
            bound |= _names_in(loop.target)
        for node in _walk(loop.body):
            if isinstance(node, cst.AssignTarget):
                bound |= _names_in(node.target)
        for name in _names_in(statement) & bound:
            if not _dominating_assignment(program, loop, name):
                return True
        return False

    @staticmethod
    def _movable(program: ProgramIndex, statement: cst.CSTNode, loop_names: set[str]) -> bool:
        if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1 \
                or not _statement_is_one_line(program, statement) or _has_input(statement):
            return False
        small = statement.body[0]
        # a raise moved stops the program with an error on its new path
        if isinstance(small, cst.Break | cst.Continue | cst.Pass | cst.Return | cst.Raise):
            return False
        changed: set[str] = set()
        if isinstance(small, cst.Assign):
            for target in small.targets:
                changed |= _names_in(target.target)
        elif isinstance(small, cst.AugAssign):
            changed |= _names_in(small.target)
        return not changed & loop_names


def _is_starting_value(node: cst.CSTNode) -> bool:
    """A literal a variable starts from: 0, 0.0, "", [] or {}."""
    if isinstance(node, cst.Integer | cst.Float | cst.SimpleString):
        return True
    return isinstance(node, cst.List | cst.Dict) and not node.elements


@register
class AccumulatorResetInLoop(Injector):
    """The initialisation moved into the loop (`total = 0` as the first line of the body)."""

    id = "accumulator_reset_in_loop"
    error_class = LOGICAL
    why = ("Novices know a total must start at 0 but not yet where that belongs: "
           "everything 'to do with the loop' seems to go inside it.")
    examples = (
        Example("total = 0\nfor n in [2, 4, 6]:\n    total += n\nprint(total)\n",
                "for n in [2, 4, 6]:\n    total = 0\n    total += n\nprint(total)\n",
                line=2),
    )
    no_site = "for n in [2, 4, 6]:\n    total = n * 2\n    print(total)\n"

    def sites(self, program: ProgramIndex):
        loop_names = _loop_control_names(program)
        for loop in program.nodes(cst.For, cst.While):
            block, index = _block_of(program, loop)
            indent = _loop_body_indent(program, loop)
            if block is None or indent is None or self._may_not_run(program, loop):
                continue
            header = _names_in(loop.target if isinstance(loop, cst.For) else loop.test)
            if isinstance(loop, cst.For):
                header |= _names_in(loop.iter)
            updated = {n.target.value for n in _walk(loop.body)
                       if isinstance(n, cst.AugAssign) and isinstance(n.target, cst.Name)}
            updated |= {n.value.func.value.value for n in _walk(loop.body)
                        if isinstance(n, cst.Expr) and isinstance(n.value, cst.Call)
                        and isinstance(n.value.func, cst.Attribute)
                        and isinstance(n.value.func.value, cst.Name)}
            siblings = _body_statements(block)
            between: set[str] = set()
            for earlier in reversed(siblings[:index]):
                init = self._initialisation(program, earlier)
                if init is not None:
                    name = init.targets[0].target.value
                    if name in updated and name not in between | header | loop_names:
                        yield self._move(program, earlier, loop, indent, name)
                between |= _names_in(earlier)

    @staticmethod
    def _may_not_run(program: ProgramIndex, loop: cst.CSTNode) -> bool:
        """Can the loop run zero times? Then the moved initialisation never happens and
        a later read is a NameError, not a wrong answer. That is so when the number of
        passes is a count the user types (or a parameter), when a while test reads
        input, or when the loop walks a collection that starts empty."""
        typed = set()
        empty = set()
        for assign in program.nodes(cst.Assign):
            names = {n for t in assign.targets for n in _names_in(t.target)}
            if _has_input(assign.value):
                typed |= names
            if isinstance(assign.value, cst.List | cst.Dict) and not assign.value.elements:
                empty |= names
        for ancestor in program.ancestors(loop):
            if isinstance(ancestor, cst.FunctionDef):
                typed |= {p.name.value for p in ancestor.params.params}
                break
        if isinstance(loop, cst.While):
            return bool(_names_in(loop.test) & typed)
        if _callee_name(loop.iter) == "range":
            return bool(_names_in(loop.iter) & typed)
        return isinstance(loop.iter, cst.Name) and loop.iter.value in empty

    @staticmethod
    def _initialisation(program: ProgramIndex, statement: cst.CSTNode):
        if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1 \
                or not _statement_is_one_line(program, statement):
            return None
        small = statement.body[0]
        if isinstance(small, cst.Assign) and len(small.targets) == 1 \
                and isinstance(small.targets[0].target, cst.Name) \
                and _is_starting_value(small.value):
            return small
        return None

    def _move(self, program: ProgramIndex, statement, loop, indent: str, name: str):
        first_line = program.line(_body_statements(loop.body)[0])
        start, end = program.line_span(program.line(statement))
        insert_at = program.line_starts[first_line - 1]
        text = program.text(statement)
        middle = program.source[end:insert_at]
        replacement = middle + indent + text + "\n"
        return self.edit(program, start, insert_at, replacement, focus=len(middle),
                         statement=text, name=name)
