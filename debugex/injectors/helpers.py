"""Site-finding helpers shared by several mistake families: bindings, what type a value
certainly has, and how a value is used (the token helpers are in `tokens`)."""

from __future__ import annotations

import builtins

import libcst as cst
from libcst.metadata import Access, Assignment

from .program import ProgramIndex

# Compound statements whose header ends in a colon, and the keyword a teacher names.
_HEADERS = (cst.If, cst.Else, cst.For, cst.While, cst.FunctionDef, cst.ClassDef, cst.Try,
            cst.ExceptHandler, cst.Finally, cst.With)


def _header_keyword(program: ProgramIndex, node: cst.CSTNode) -> str:
    """The keyword a teacher names for a compound statement (`elif` for an elif)."""
    if isinstance(node, cst.If):
        return "elif" if isinstance(program.parent(node), cst.If) else "if"
    return {cst.Else: "else", cst.For: "for", cst.While: "while", cst.FunctionDef: "def",
            cst.ClassDef: "class", cst.Try: "try", cst.ExceptHandler: "except",
            cst.Finally: "finally", cst.With: "with"}[type(node)]


def _one_line(program: ProgramIndex, node: cst.CSTNode) -> bool:
    where = program.range(node)
    return where.start.line == where.end.line


_BUILTINS = frozenset(dir(builtins))




def _call_name(node: cst.CSTNode) -> str | None:
    """`f` for a call `f(...)` of a plain name, else None."""
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Name):
        return node.func.value
    return None


def _accesses(program: ProgramIndex) -> dict[cst.CSTNode, Access]:
    """Every read of a name, keyed by its Name node."""
    found: dict[cst.CSTNode, Access] = {}
    for scope in {s for s in program.scopes.values() if s is not None}:
        for access in scope.accesses:
            found[access.node] = access
    return found


def _bound_value(program: ProgramIndex, assignment) -> tuple[str, cst.CSTNode | None]:
    """What an assignment binds: ('assign', value), ('aug', AugAssign), ('for', For),
    ('def', node) or ('other', None)."""
    node = assignment.node
    parent = program.parent(node)
    if isinstance(parent, cst.AssignTarget):
        statement = program.parent(parent)
        if isinstance(statement, cst.Assign) and len(statement.targets) == 1:
            return "assign", statement.value
    if isinstance(parent, cst.AugAssign) and parent.target is node:
        return "aug", parent
    if isinstance(parent, cst.For) and parent.target is node:
        return "for", parent
    if isinstance(node, cst.FunctionDef | cst.ClassDef):
        return "def", node
    return "other", None


def _referents(program: ProgramIndex, name: cst.Name,
               reads: dict[cst.CSTNode, Access]) -> list[Assignment]:
    access = reads.get(name)
    if access is None:
        return []
    return [a for a in access.referents if isinstance(a, Assignment)]






def _within(program: ProgramIndex, node: cst.CSTNode, outer: cst.CSTNode) -> bool:
    start, end = program.span(node)
    outer_start, outer_end = program.span(outer)
    return outer_start <= start and end <= outer_end


def _function_of(program: ProgramIndex, node: cst.CSTNode) -> cst.FunctionDef | None:
    for ancestor in program.ancestors(node):
        if isinstance(ancestor, cst.FunctionDef):
            return ancestor
    return None


def _reads_input(expr: cst.CSTNode) -> bool:
    """`input(...)`, possibly followed by string methods (`input().strip()`)."""
    if _call_name(expr) == "input":
        return True
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute):
        return _reads_input(expr.func.value)
    return False


def _binding(program: ProgramIndex, name: cst.CSTNode) -> Assignment | None:
    """The Assignment made by this target (or parameter) node."""
    scope = program.scopes.get(name)
    value = name.name.value if isinstance(name, cst.Param | cst.FunctionDef) \
        else getattr(name, "value", None)
    if scope is None or not isinstance(value, str):
        return None
    for assignment in scope.assignments[value]:
        if isinstance(assignment, Assignment) and assignment.node is name:
            return assignment
    return None


def _single_target(program: ProgramIndex, value: cst.CSTNode) -> cst.Name | None:
    """`x` when `value` is the whole right-hand side of `x = value`."""
    statement = program.parent(value)
    if isinstance(statement, cst.Assign) and statement.value is value \
            and len(statement.targets) == 1 and isinstance(statement.targets[0].target, cst.Name):
        return statement.targets[0].target
    return None


def _user_function(program: ProgramIndex, call: cst.Call,
                   reads: dict[cst.CSTNode, Access]) -> cst.FunctionDef | None:
    """The program's own function that `call` calls, when it is a plain-name call."""
    if not isinstance(call.func, cst.Name):
        return None
    for assignment in _referents(program, call.func, reads):
        if isinstance(assignment.node, cst.FunctionDef):
            return assignment.node
    return None


_ORDERING = (cst.LessThan, cst.GreaterThan, cst.LessThanEqual, cst.GreaterThanEqual)


def _some_use(program: ProgramIndex, binding: Assignment | None,
              reads: dict[cst.CSTNode, Access], check, depth: int = 0) -> bool:
    """True when some read of this binding passes `check(program, node, reads)`, following
    the value one or two steps through `y = x` and into a function's parameter."""
    if binding is None or depth > 2:
        return False
    return any(_value_used(program, access.node, reads, check, depth)
               for access in binding.references)


def _value_used(program: ProgramIndex, node: cst.CSTNode, reads: dict[cst.CSTNode, Access],
                check, depth: int) -> bool:
    if check(program, node, reads):
        return True
    parent = program.parent(node)
    if isinstance(parent, cst.Arg) and not parent.keyword and not parent.star:
        call = program.parent(parent)
        function = _user_function(program, call, reads) if isinstance(call, cst.Call) \
            else None
        position = list(call.args).index(parent) if function is not None else 0
        if function is None or position >= len(function.params.params):
            return False
        param = function.params.params[position]
        return _some_use(program, _binding(program, param), reads, check, depth + 1)
    target = _single_target(program, node)
    if target is not None:
        return _some_use(program, _binding(program, target), reads, check, depth + 1)
    return False


def _same(a: cst.CSTNode, b: cst.CSTNode) -> bool:
    return a.deep_equals(b)


def _indexed_by(program: ProgramIndex, node: cst.CSTNode) -> cst.Subscript | None:
    """The subscript `x[node]` when `node` is its whole index."""
    index = program.parent(node)
    element = program.parent(index) if isinstance(index, cst.Index) else None
    subscript = program.parent(element) if isinstance(element, cst.SubscriptElement) else None
    return subscript if isinstance(subscript, cst.Subscript) else None


def _walk(node: cst.CSTNode):
    """The node and everything below it, in source order."""
    yield node
    for child in node.children:
        yield from _walk(child)


def _names_in(node: cst.CSTNode) -> set[str]:
    return {n.value for n in _walk(node) if isinstance(n, cst.Name)}


def _callee_name(node: cst.CSTNode) -> str | None:
    """`print` for print(...), `upper` for x.upper(), `random.randint` for random.randint()."""
    if not isinstance(node, cst.Call):
        return None
    if isinstance(node.func, cst.Name):
        return node.func.value
    if isinstance(node.func, cst.Attribute):
        if isinstance(node.func.value, cst.Name):
            return f"{node.func.value.value}.{node.func.attr.value}"
        return node.func.attr.value
    return None


def _in_part(program: ProgramIndex, node: cst.CSTNode, kind: type, part: str) -> bool:
    """Is the node inside the `part` field (e.g. `test`) of an enclosing `kind` node?"""
    child = node
    for ancestor in program.ancestors(node):
        if isinstance(ancestor, kind) and getattr(ancestor, part, None) is child:
            return True
        child = ancestor
    return False


def _loop_control_names(program: ProgramIndex) -> set[str]:
    """Names read by any while-loop test: changing how they are updated can hang the loop."""
    names: set[str] = set()
    for loop in program.nodes(cst.While):
        names |= _names_in(loop.test)
    return names


def _index_names(program: ProgramIndex) -> set[str]:
    """Names read in subscripts, slices and range()/random calls: values that must stay
    whole numbers within bounds."""
    names: set[str] = set()
    for node in program.nodes(cst.SubscriptElement):
        names |= _names_in(node)
    for call in program.nodes(cst.Call):
        name = _callee_name(call) or ""
        if name == "range" or name.startswith("random."):
            for arg in call.args:
                names |= _names_in(arg)
    return names


def _inside_guarded(program: ProgramIndex, node: cst.CSTNode) -> bool:
    """Inside a subscript, a range() or random call: places where a changed value can
    turn into an IndexError or a different random draw rather than a wrong answer."""
    for ancestor in program.ancestors(node):
        if isinstance(ancestor, cst.SubscriptElement | cst.Slice):
            return True
        name = _callee_name(ancestor) or ""
        if name == "range" or name.startswith("random."):
            return True
    return False


def _assignments(program: ProgramIndex, name: cst.Name):
    """The libcst assignments a Name can refer to (empty if unknown)."""
    scope = program.scopes.get(name)
    if scope is None:
        return ()
    try:
        return tuple(a for a in scope[name.value] if hasattr(a, "node"))
    except Exception:  # pragma: no cover - defensive: unusual scopes
        return ()


def _assigned_value(program: ProgramIndex, target: cst.CSTNode) -> cst.CSTNode | None:
    """For a Name bound by `name = value`, the value; None for any other kind of binding."""
    parent = program.parent(target)
    if isinstance(parent, cst.AssignTarget):
        assign = program.parent(parent)
        if isinstance(assign, cst.Assign) and len(assign.targets) == 1:
            return assign.value
    return None




def _is_variable(program: ProgramIndex, name: cst.Name) -> bool:
    """A Name that refers to a variable the program assigns (not a builtin, function,
    module or parameter-less unknown)."""
    found = _assignments(program, name)
    return bool(found) and all(
        isinstance(program.parent(a.node), cst.AssignTarget | cst.AugAssign | cst.For)
        or isinstance(a.node, cst.Param) for a in found)


def _test_steers_input(program: ProgramIndex, node: cst.CSTNode) -> bool:
    """Is the node in the test of an `if`/`elif` whose branches read input, or of a loop
    whose body does? Sending a value down the other branch, or looping once more or less,
    then reads more or fewer inputs than the scenario holds."""
    child = node
    for ancestor in program.ancestors(node):
        if isinstance(ancestor, cst.If | cst.While) and ancestor.test is child:
            return _has_input(ancestor.body) or (
                ancestor.orelse is not None and _has_input(ancestor.orelse))
        child = ancestor
    return False


def _statement_is_one_line(program: ProgramIndex, statement: cst.CSTNode) -> bool:
    where = program.range(statement)
    return where.start.line == where.end.line


def _body_statements(block: cst.CSTNode) -> list[cst.CSTNode]:
    body = getattr(block, "body", ())
    return list(body) if isinstance(body, list | tuple) else []


_ORDERING_TYPES = cst.LessThan | cst.LessThanEqual | cst.GreaterThan | cst.GreaterThanEqual


def _block_of(program: ProgramIndex, statement: cst.CSTNode):
    """(the block holding the statement, its position there) or (None, -1)."""
    block = program.parent(statement)
    body = _body_statements(block) if block is not None else []
    for index, item in enumerate(body):
        if item is statement:
            return block, index
    return None, -1


def _has_input(node: cst.CSTNode) -> bool:
    return any(_callee_name(n) == "input" for n in _walk(node))


def _dominating_assignment(program: ProgramIndex, statement: cst.CSTNode, name: str) -> bool:
    """Is `name` already given a value by an earlier statement that always runs before
    this one (an earlier statement of this block or of a block around it)?"""
    current = statement
    while current is not None:
        block, index = _block_of(program, current)
        if block is None:
            break
        for earlier in _body_statements(block)[:index]:
            if isinstance(earlier, cst.SimpleStatementLine):
                for small in earlier.body:
                    if isinstance(small, cst.Assign) and any(
                            isinstance(t.target, cst.Name) and t.target.value == name
                            for t in small.targets):
                        return True
        owner = program.parent(block)
        if isinstance(owner, cst.FunctionDef | cst.ClassDef):
            break
        current = owner
        # an If inside an elif chain: climb to the statement that holds the chain
        while isinstance(program.parent(current), cst.If | cst.Else):
            current = program.parent(current)
    return False


def _feeds_guarded(program: ProgramIndex, node: cst.CSTNode, guarded: set[str]) -> bool:
    """A calculation whose result is stored in a name used as an index or loop bound."""
    statement = program.statement_of(node)
    for small in _body_statements(statement):
        if isinstance(small, cst.Assign | cst.AugAssign):
            targets = ([t.target for t in small.targets] if isinstance(small, cst.Assign)
                       else [small.target])
            if any(_names_in(t) & guarded for t in targets):
                return True
    return False


def guards_raise(program: ProgramIndex, node: cst.CSTNode) -> bool:
    """In the test of an `if` whose body raises? (Turned, valid input raises: runtime.)"""
    child = node
    for ancestor in program.ancestors(node):
        if isinstance(ancestor, cst.If) and ancestor.test is child:
            body = ancestor.body.body
            return bool(body) and isinstance(body[0], cst.SimpleStatementLine) and any(
                isinstance(small, cst.Raise) for small in body[0].body)
        if isinstance(ancestor, cst.SimpleStatementLine | cst.BaseCompoundStatement):
            return False
        child = ancestor
    return False


def _only_shown(program: ProgramIndex, call: cst.Call) -> bool:
    """Is the call's result only shown: a print() argument or a plain f-string field?"""
    parent = program.parent(call)
    if isinstance(parent, cst.Arg) and parent.keyword is None:
        return _callee_name(program.parent(parent)) == "print"
    return isinstance(parent, cst.FormattedStringExpression) \
        and parent.format_spec is None and parent.conversion is None


def _reversed_slice(node: cst.CSTNode) -> bool:
    """`x[::-1]`: a whole sequence read backwards."""
    if not isinstance(node, cst.Subscript) or len(node.slice) != 1 \
            or not isinstance(node.slice[0].slice, cst.Slice):
        return False
    part = node.slice[0].slice
    step = part.step
    return part.lower is None and part.upper is None \
        and isinstance(step, cst.UnaryOperation) and isinstance(step.operator, cst.Minus) \
        and isinstance(step.expression, cst.Integer) and step.expression.value == "1"
