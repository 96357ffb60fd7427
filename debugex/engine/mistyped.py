"""Edits that put a variable where the value it holds cannot go.

Writing one variable for another is a logical mistake when the other holds a value of a
kind that fits (a count for a count). Where the traced run of the correct program
(`reach.py`, the sandbox's trace) saw the two names only ever hold types that share
nothing (a list where an int was), using one for the other in arithmetic, a subscript, a
loop, a call, or adding to it in place, raises before any output can differ: a
runtime error, which a logical mistake cannot claim, so the edit is not offered as one.
Where the type does not matter to what reads the name (printed, formatted, compared with
`==`, returned, tested for truth, put in a literal) the edit is kept; an argument of the
program's own function must fit what its parameter held, one of a text's method
(`line.replace(old, new)`) or of `list.extend` must be a collection. An assignment given
to another name is judged by where that name is used next (`misassigned.py`); a
collection swapped for one of the same kind, by its items where the code reaches into
them (`item_kinds.py`, and here: an item passed on or computed with). The types come from the
program, so they only steer which sites are tried.
"""

from __future__ import annotations

import ast
import keyword
from collections import defaultdict
from collections.abc import Sequence

from ..injectors import LOGICAL, Edit
from .item_kinds import Items, is_detail, items_refuse, unpacked_parameters
from .misassigned import lacks_method, reaches_use
from .reach import parsed

_NUMBER = frozenset({"int", "float", "bool", "complex"})
# Collections stand in for each other where only their items are read (a loop, `len`)
_COLLECTION = frozenset({"list", "tuple", "str", "dict", "set", "frozenset", "range",
                         "bytes", "deque", "Counter", "defaultdict", "OrderedDict",
                         "generator", "map", "filter", "zip", "enumerate", "dict_keys",
                         "dict_values", "dict_items"})
# Builtins whose arguments must be of a kind (a list to `range` raises); other calls
# (the program's own functions, methods) may take anything, as far as we can tell
_TYPED_ARGUMENTS = frozenset({"range", "len", "sum", "sorted", "min", "max", "abs", "round",
                              "enumerate", "zip", "list", "tuple", "set", "dict", "divmod",
                              "pow", "chr", "ord", "int", "float", "reversed", "any", "all"})
# The same for functions of the standard library called through their module
# (`itertools.combinations(items, k)`: a list for `k` raises)
_TYPED_MODULE_FUNCTIONS = frozenset(
    [("math", f) for f in ("sqrt", "floor", "ceil", "gcd", "lcm", "log", "log10", "log2",
                           "exp", "pow", "factorial", "isqrt", "comb", "perm", "fabs",
                           "hypot", "dist", "prod", "fsum")]
    + [("itertools", f) for f in ("combinations", "permutations", "product", "islice",
                                  "combinations_with_replacement", "accumulate")])
_EQUALITY = ast.Eq | ast.NotEq | ast.Is | ast.IsNot
_COLLECTS = ast.List | ast.Tuple | ast.Set | ast.Dict  # elements of a literal: any value
_TESTS = ast.If | ast.While | ast.IfExp | ast.Assert  # their test: any value is true or not


def _family(kind: str) -> str:
    return "number" if kind in _NUMBER else "collection" if kind in _COLLECTION else kind


def types_by_name(typed: frozenset[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """Each name's kinds of value: numbers count as one kind (an int where a float was
    fits), collections as another."""
    kinds: dict[str, set[str]] = defaultdict(set)
    for name, kind in typed:
        if not is_detail(kind):  # a collection's items or length (item_kinds.py)
            kinds[name].add(_family(kind))
    return {name: frozenset(k) for name, k in kinds.items()}


def mistyped_edits(edits: Sequence[Edit], source: str,
                   typed: frozenset[tuple[str, str]] | None
                   ) -> tuple[list[Edit], list[Edit]]:
    """(edits kept, logical edits that swap a name for one whose values never share a
    type with it, where the type matters)."""
    if not typed:
        return list(edits), []
    details = {pair for pair in typed if is_detail(pair[1])}
    typed = typed - details
    kinds = types_by_name(typed)
    held: dict[str, set[str]] = defaultdict(set)  # the type names themselves
    for name, kind in typed:
        held[name].add(kind)
    facts = Items(details, held)
    swaps = [e for e in edits if e.error_class == LOGICAL and _swap(source, e, kinds)]
    if not swaps:
        return list(edits), []
    tree = parsed(source)
    if tree is None:
        return list(edits), []
    names, parents = _names_and_parents(tree)
    params = _parameters(tree)
    facts.unpacked = unpacked_parameters(tree)
    dropped = []
    for edit in swaps:
        line = source.count("\n", 0, edit.start) + 1
        column = len(source[source.rfind("\n", 0, edit.start) + 1:edit.start].encode())
        node = names.get((line, column))
        if node is None:
            continue
        statement = parents.get(id(node))
        if isinstance(statement, ast.Assign) and statement.targets == [node]:
            if _misassigned(tree, parents, params, kinds, held, statement, node.id,
                            edit.replacement):
                dropped.append(edit)
            continue
        if not kinds[node.id] & kinds[edit.replacement]:
            wanted = _wanted(node, parents, params, kinds, held)
            if wanted is not None and not kinds[edit.replacement] & wanted:
                dropped.append(edit)
                continue
        if items_refuse(node, parents, edit.replacement, facts) or _item_misfits(
                node, parents, params, kinds, held, facts, edit.replacement):
            dropped.append(edit)
    gone = {id(e) for e in dropped}
    return [e for e in edits if id(e) not in gone], dropped


def _misassigned(tree: ast.Module, parents: dict[int, ast.AST],
                 params: dict[str, list[str]], kinds: dict[str, frozenset[str]],
                 held: dict[str, set[str]], statement: ast.Assign, right: str,
                 wrong: str) -> bool:
    """`wrong = value` for `right = value` raises: `wrong` is later used as what it held
    (`misassigned.py`), and the value, which `right` held, is never of that kind."""
    value = kinds[right]
    value_types = frozenset(held[right])

    def crashes(use: ast.Name) -> bool:
        parent = parents.get(id(use))
        if isinstance(parent, ast.Attribute) and parent.value is use:
            return lacks_method(value_types, parent.attr)
        if isinstance(use.ctx, ast.Store) and not isinstance(parent, ast.AugAssign):
            return False  # bound anew, not used
        if isinstance(parent, ast.BinOp) and isinstance(parent.op, ast.Mult) \
                and "collection" in value | kinds[wrong]:
            return False  # `"ab" * 2` repeats: no error
        wanted = _wanted(use, parents, params, kinds, held)
        return wanted is not None and not value & wanted

    return reaches_use(tree, parents, statement, wrong, crashes)


# Methods of these receivers that take text (str) or any collection (list, set)
_TEXT_ARGUMENTS = frozenset({"replace", "split", "rsplit", "startswith", "endswith", "find",
                             "rfind", "index", "rindex", "count", "strip", "lstrip",
                             "rstrip", "join", "partition", "rpartition"})
_COLLECTION_ARGUMENTS = {"list": frozenset({"extend"}),
                         "set": frozenset({"update", "union", "difference", "intersection",
                                           "issubset", "issuperset", "isdisjoint"})}


def _method_wants(func: ast.expr, held: dict[str, set[str]]) -> bool:
    """A method of a receiver that only ever held one builtin kind whose arguments must
    be collections (text for `str.replace`, something to walk for `list.extend`)."""
    if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)):
        return False
    receiver = held.get(func.value.id, set())
    if receiver == {"str"}:
        return func.attr in _TEXT_ARGUMENTS
    return len(receiver) == 1 and func.attr in _COLLECTION_ARGUMENTS.get(
        next(iter(receiver)), ())


def _item_misfits(node: ast.Name, parents: dict[int, ast.AST], params: dict[str, list[str]],
                  kinds: dict[str, frozenset[str]], held: dict[str, set[str]],
                  facts: Items, new: str) -> bool:
    """`new[i]` for `old[i]`: the items of the collection swapped in never share a kind
    with the original's, and where the item stands its kind matters (a pair passed on
    where a number was: `distance(points[0], ...)` for `distance(point[0], ...)`)."""
    item = parents.get(id(node))
    if not (isinstance(item, ast.Subscript) and item.value is node
            and isinstance(item.ctx, ast.Load) and not isinstance(item.slice, ast.Slice)):
        return False
    if isinstance(parents.get(id(item)), ast.BinOp) \
            and isinstance(parents[id(item)].op, ast.Mult):
        return False  # `"ab" * 2` repeats: no error
    new_items = frozenset(map(_family, facts.item_kinds(new)))
    old_items = frozenset(map(_family, facts.item_kinds(node.id)))
    if not new_items or not old_items or "object" in new_items | old_items \
            or new_items & old_items:
        return False
    wanted = _wanted(item, parents, params, kinds, held, own=old_items)
    return wanted is not None and not new_items & wanted


def _wanted(node: ast.Name | ast.Subscript, parents: dict[int, ast.AST],
            params: dict[str, list[str]], kinds: dict[str, frozenset[str]],
            held: dict[str, set[str]], own: frozenset[str] | None = None
            ) -> frozenset[str] | None:
    """The kinds of value that fit where the name (or an item, of kinds `own`) stands;
    None when any value does. An argument of the program's own function takes what its
    parameter held; of a text's method, a collection (text); a name the code computes
    with, what the name itself held."""
    parent = parents.get(id(node))
    if isinstance(parent, ast.Call) and node in parent.args:
        func = parent.func
        if _method_wants(func, held):
            return frozenset({"collection"})
        if isinstance(func, ast.Name) and func.id in params:
            names = params[func.id]
            index = parent.args.index(node)
            if index < len(names) and not any(isinstance(a, ast.Starred)
                                              for a in parent.args[:index + 1]):
                return kinds.get(names[index])
            return None
    if _type_free(node, parents):
        return None
    return own if own is not None else kinds.get(node.id)


def _parameters(tree: ast.Module) -> dict[str, list[str]]:
    """The positional parameters of the functions the top level defines."""
    return {node.name: [a.arg for a in node.args.posonlyargs + node.args.args]
            for node in tree.body if isinstance(node, ast.FunctionDef)}


def _swap(source: str, edit: Edit, kinds: dict[str, frozenset[str]]) -> bool:
    """One traced name for another (their kinds are compared where they are used)."""
    old, new = source[edit.start:edit.end], edit.replacement
    if not (_name(old) and _name(new)) or old == new:
        return False
    return old in kinds and new in kinds


def _name(text: str) -> bool:
    return text.isidentifier() and not keyword.iskeyword(text)


def _names_and_parents(tree: ast.AST) -> tuple[dict[tuple[int, int], ast.Name],
                                               dict[int, ast.AST]]:
    names: dict[tuple[int, int], ast.Name] = {}
    parents: dict[int, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node
        if isinstance(node, ast.Name):
            names[(node.lineno, node.col_offset)] = node
    return names, parents


def _type_free(node: ast.Name | ast.Subscript, parents: dict[int, ast.AST]) -> bool:
    """What reads the name takes a value of any kind."""
    parent = parents.get(id(node))
    if isinstance(node.ctx, ast.Store):
        # a name bound anew (`best = point` for `best_distance = point`) often shows as
        # a wrong value, not an error: kept; only `total += 1` must fit what it held
        return not isinstance(parent, ast.AugAssign)
    if isinstance(parent, ast.FormattedValue | ast.Return | _COLLECTS | ast.BoolOp
                  | ast.keyword):
        return True
    if isinstance(parent, ast.UnaryOp):
        return isinstance(parent.op, ast.Not)
    if isinstance(parent, _TESTS):
        return True  # the test, or an IfExp's value (it flows on as it is)
    if isinstance(parent, ast.Call) and node in parent.args:
        func = parent.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            return (func.value.id, func.attr) not in _TYPED_MODULE_FUNCTIONS
        return not (isinstance(func, ast.Name) and func.id in _TYPED_ARGUMENTS)
    if isinstance(parent, ast.Compare):
        return all(isinstance(op, _EQUALITY) for op in parent.ops)
    return False
