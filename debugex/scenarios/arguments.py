"""What the functions of a program take, and candidate arguments for them.

The parameters' kinds are inferred from how each function body uses them (indexed or
`len()` -> a sequence, iterated -> a list whose items are inferred from the loop
variable, compared with numbers or used in arithmetic -> a number, `range(p)` -> a
whole number, string methods -> text, `.items()` -> a dictionary); values come from the
program's constants, the description, and the boundary cases (empty, one item,
duplicates, negative numbers).
"""

from __future__ import annotations

import ast
import itertools
import random
import re
from dataclasses import dataclass, field

MAX_CANDIDATES = 60  # per function
_STR_METHODS = frozenset({
    "lower", "upper", "strip", "lstrip", "rstrip", "split", "isalpha", "isdigit", "islower",
    "isupper", "replace", "startswith", "endswith", "title", "capitalize", "find", "join",
    "isspace", "isalnum", "swapcase", "center", "zfill"})
_CHAR_METHODS = frozenset({"isalpha", "isdigit", "islower", "isupper", "isspace", "isalnum"})
_LIST_METHODS = frozenset({"append", "extend", "insert", "pop", "remove", "sort", "reverse"})
_DICT_METHODS = frozenset({"items", "keys", "values", "get", "setdefault"})
_NUMBER_OPS = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)


@dataclass
class Param:
    name: str
    hints: set[str] = field(default_factory=set)
    item: Param | None = None  # what the items hold, when the parameter is iterated

    @property
    def kind(self) -> str:
        """The most specific kind the hints allow."""
        for kind in ("dict", "str", "grid", "list", "int", "number"):
            if kind in self.hints:
                return kind
        return "any"


@dataclass
class Function:
    name: str
    params: list[Param]
    lines: frozenset[int]


# -- 1. what the functions take -----------------------------------------------------------

def reads_input(tree: ast.AST) -> bool:
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
               and n.func.id == "input" for n in ast.walk(tree))


def public_functions(source: str) -> list[Function]:
    """Top-level functions a test could call, with their parameters' inferred kinds."""
    tree = ast.parse(source)
    found = []
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
            continue
        args = node.args
        if args.vararg or args.kwarg or args.kwonlyargs or args.posonlyargs:
            continue
        names = [a.arg for a in args.args]
        params = [_infer(node.body, name, depth=0) for name in names]
        lines = frozenset(n.lineno for n in ast.walk(node) if isinstance(n, ast.stmt))
        found.append(Function(node.name, params, lines))
    return found


def _is_name(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _is_number(node: ast.AST) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        node = node.operand
    return isinstance(node, ast.Constant) and isinstance(node.value, int | float) \
        and not isinstance(node.value, bool)


def _infer(body: list[ast.stmt], name: str, depth: int) -> Param:
    """Hints for `name` from every use of it in body."""
    param = Param(name)
    hints = param.hints
    for node in (n for statement in body for n in ast.walk(statement)):
        if isinstance(node, ast.Subscript):
            if _is_name(node.value, name):
                hints.add("list")
                if isinstance(node.slice, ast.Name | ast.BinOp | ast.Constant) \
                        and isinstance(_parent_subscript(body, node), ast.Subscript):
                    hints.add("grid")
            elif _is_name(node.slice, name):
                hints.add("int")
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and _is_name(func.value, name):
                if func.attr in _STR_METHODS:
                    hints.add("str")
                    if func.attr in _CHAR_METHODS:
                        hints.add("char")
                elif func.attr in _DICT_METHODS:
                    hints.add("dict")
                elif func.attr in _LIST_METHODS:
                    hints.add("list")
            elif isinstance(func, ast.Name) and any(_is_name(a, name) for a in node.args):
                if func.id in ("len", "list", "sorted", "sum", "max", "min", "set", "tuple",
                               "enumerate", "reversed"):
                    hints.add("list")
                elif func.id == "range":
                    hints.add("int")
                elif func.id in ("abs", "round", "int", "float"):
                    hints.add("number")
                elif func.id in ("ord", "chr"):
                    hints.add("str" if func.id == "ord" else "int")
        elif isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            for index, operand in enumerate(operands):
                if not _is_name(operand, name):
                    continue
                others = operands[:index] + operands[index + 1:]
                ops = node.ops
                if any(isinstance(o, ast.In | ast.NotIn) for o in ops) and index > 0:
                    hints.add("list")
                elif any(isinstance(o, ast.In | ast.NotIn) for o in ops) and any(
                        isinstance(o, ast.Constant) and isinstance(o.value, str)
                        for o in others):
                    hints |= {"str", "char"}  # `ch in "aeiou"`: one character
                elif any(_is_number(o) for o in others):
                    hints.add("number")
                elif any(isinstance(o, ast.Constant) and isinstance(o.value, str)
                         for o in others):
                    hints.add("str")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, _NUMBER_OPS):
            if (_is_name(node.left, name) or _is_name(node.right, name)) and \
                    (_is_number(node.left) or _is_number(node.right)):
                hints.add("number")
        elif isinstance(node, ast.For) and _is_name(node.iter, name):
            hints.add("list")
            if isinstance(node.target, ast.Name) and depth < 2:
                param.item = _infer(node.body, node.target.id, depth + 1)
                if param.item.kind in ("list", "grid"):
                    hints.add("grid")
                elif "char" in param.item.hints:
                    hints.add("str")  # its items are single characters: a string
            elif isinstance(node.target, ast.Tuple):
                hints.add("records")
        elif isinstance(node, ast.For) and isinstance(node.iter, ast.Call) \
                and isinstance(node.iter.func, ast.Attribute) \
                and _is_name(node.iter.func.value, name) and node.iter.func.attr == "split":
            hints.add("str")
    return param


def _parent_subscript(body: list[ast.stmt], child: ast.AST) -> ast.AST | None:
    for node in (n for statement in body for n in ast.walk(statement)):
        if isinstance(node, ast.Subscript) and node.value is child:
            return node
    return None


# -- 2. candidate values -------------------------------------------------------------------

@dataclass
class Pools:
    numbers: list[int | float]
    words: list[str]


def harvest(source: str, description: str) -> Pools:
    """Numbers and words from the program's constants and the description."""
    numbers: set[int | float] = {0, 1, 2, 3, -1, 5, 10}
    words: dict[str, None] = {}  # the program's own words first, in order, then the rest
    for node in ast.walk(ast.parse(source)):
        if _is_number(node):
            value = ast.literal_eval(node)
            if abs(value) <= 10_000:
                numbers |= {value, value + 1, value - 1}
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and len(node.value) <= 20 and "\n" not in node.value:
            words[node.value] = None
    for match in re.findall(r"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])", description):
        value = float(match) if "." in match else int(match)
        if abs(value) <= 10_000:
            numbers.add(value)
    for match in re.findall(r"\"([^\"\n]{1,20})\"|'([^'\n]{1,20})'", description):
        words[match[0] or match[1]] = None
    for default in ("", "a", "Hello World", "racecar", "Python is fun", "banana",
                    "to be or not to be", "Yes, yes!"):
        words[default] = None
    return Pools(sorted(numbers, key=lambda v: (abs(v), v)), list(words))


def _values(param: Param | None, pools: Pools, rng: random.Random, depth: int = 0) -> list:
    """Plausible arguments for a parameter of this kind, boundary cases first."""
    kind = param.kind if param is not None else "any"
    numbers = pools.numbers
    small = [n for n in numbers if isinstance(n, int)][:12] or [0, 1, 2]
    if kind == "int":
        return small
    if kind == "number":
        return numbers[:16]
    if kind == "str":
        return pools.words[:16]
    if kind == "dict":
        keys = [w for w in pools.words if w][:4] or ["a", "b"]
        return [{}, {keys[0]: 1}, {k: n for k, n in zip(keys, (3, 1, 3, 2), strict=False)},
                {k: v for k, v in zip(keys, ("red", "blue", "red", "green"), strict=False)},
                {k: v for k, v in zip(keys, ([3, 1], [], [2, 2, 5]), strict=False)},
                {k: v for k, v in zip(keys, ([True, False, True], [False], []),
                                      strict=False)}]
    if depth >= 2:
        return small[:4]
    item = param.item if param is not None else None
    if kind == "grid" or (item is not None and item.kind in ("list", "grid")):
        rows = [[1, 2], [3, 4]], [[1, 2, 3], [-4, 5, 6]], [[0]], [[2, 9], [9, 1]], []
        return list(rows)
    if "records" in (param.hints if param is not None else set()):
        return [[], [("Ann", 20)], [("Zoe", 30), ("Ian", 25), ("Kim", 41)],
                [("Ann", 20), ("Bob", 19), ("Cat", 20)]]
    if kind in ("list", "any"):
        items = _values(item, pools, rng, depth + 1) if item is not None and item.hints \
            else small
        items = [v for v in items if not isinstance(v, list | dict)] or small
        some = items[:8]
        lists = [[], [some[min(1, len(some) - 1)]], list(some[:5]),
                 [some[-1], some[0], some[-1]], sorted(set(some[:6]), key=repr),
                 [-abs(v) for v in some[:4] if isinstance(v, int | float)]]
        shuffled = list(some)
        rng.shuffle(shuffled)
        lists.append(shuffled[:6])
        if kind == "list":
            lists.append(tuple(some[:4]))
            if item is None or not item.hints:
                lists += [w for w in pools.words[:4] if w]  # a string is a sequence too
        if kind == "any":
            return small[:6] + pools.words[:4] + lists
        return lists
    return small


def candidate_calls(function: Function, pools: Pools, seed: int = 0) -> list[str]:
    """Call expressions for one function: the boundary combinations, then a sample."""
    rng = random.Random(f"{seed}|{function.name}")
    options = [_values(p, pools, rng) for p in function.params]
    texts = [[repr(v) for v in values] for values in options]
    if not texts:
        return [f"{function.name}()"]
    combos = set()
    ordered: list[tuple[str, ...]] = []
    for first in itertools.product(*[t[:3] for t in texts]):
        if first not in combos:
            combos.add(first)
            ordered.append(first)
    total = 1
    for t in texts:
        total *= len(t)
    attempts = 0
    while len(ordered) < MAX_CANDIDATES and attempts < 4 * MAX_CANDIDATES and total > len(ordered):
        attempts += 1
        pick = tuple(rng.choice(t) for t in texts)
        if pick not in combos:
            combos.add(pick)
            ordered.append(pick)
    return [f"{function.name}({', '.join(args)})" for args in ordered[:MAX_CANDIDATES]]
