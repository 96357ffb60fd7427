"""Derive function scenarios (calls and their expected values) for a program that
defines functions and reads no input.

1. Find the public functions (top level, name not starting with `_`) and infer what
   each parameter holds from how the body uses it: indexed or `len()` -> a sequence,
   iterated -> a list (its items inferred from the loop variable in turn), compared
   with numbers or used in arithmetic -> a number, `range(p)` -> a whole number,
   string methods such as `.lower()` -> text, `.items()` -> a dictionary.
2. Build candidate arguments of that kind from the program's constants, the numbers
   and quoted words of the description, and the boundary cases: empty, one item,
   duplicates, negative numbers.
3. Run every candidate call; keep those that finish. Then run the kept calls against
   each logical mutant of the program (the injectors' own sites) to see which calls
   tell it apart from the correct program.
4. Choose greedily the calls that reach new lines or tell new mutants apart, group
   them into 2-5 scenarios, and record the correct program's values as `returns`.
"""

from __future__ import annotations

import ast
import itertools
import random
import re
from dataclasses import dataclass, field

from .content import Scenario
from .coverage import statement_lines
from .sandbox import FINISHED, Job, Outcome, Sandbox

MAX_SCENARIOS = 5
CALLS_PER_SCENARIO = 4
MAX_CANDIDATES = 60  # per function
MAX_PROBED = 40  # calls per function run against the mutants
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


@dataclass
class CallSynthesis:
    scenarios: tuple[Scenario, ...]
    line_coverage: float
    candidates_run: int
    note: str
    mutants: int = 0
    distinguished: int = 0

    def toml(self) -> str:
        parts = []
        for scenario in self.scenarios:
            calls = "".join(f"    {_toml_string(c)},\n" for c in scenario.calls)
            returns = ", ".join(_toml_string(r) for r in scenario.returns)
            parts.append(f'[[scenario]]\nname = "{scenario.name}"\ncalls = [\n{calls}]\n'
                         f"returns = [{returns}]\n")
        return (f"# Synthesised by debugex: line coverage {self.line_coverage:.0%}, "
                f"{self.distinguished} of {self.mutants} logical mutants told apart.\n"
                + "\n".join(parts))


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


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


# -- 3 and 4. run, tell mutants apart, choose ------------------------------------------------

def _signature(outcome: Outcome) -> tuple:
    """What a call showed, without the `>>> CALL` marker line (which names the call)."""
    printed = [line for line in outcome.stdout.splitlines() if not line.startswith(">>> ")]
    return (outcome.kind, tuple(printed), outcome.returns, outcome.exc_class)


def logical_mutants(source: str) -> list[str]:
    """The program with each logical site of the injectors applied alone."""
    from .injectors import ProgramIndex, find_sites
    from .injectors.base import LOGICAL

    try:
        edits = find_sites(ProgramIndex(source))
    except Exception:  # noqa: BLE001 - a program the injectors cannot read: no mutants
        return []
    mutants = {e.apply(source) for e in edits if e.error_class == LOGICAL}
    mutants.discard(source)
    return sorted(mutants)


def synthesise_calls(source: str, sandbox: Sandbox, description: str = "", seed: int = 0,
                     timeout: float = 0.5) -> CallSynthesis:
    """Function scenarios for `source`, the line coverage they reach, how they were found."""
    functions = public_functions(source)
    wanted = statement_lines(source)
    if not functions:
        return CallSynthesis((), 0.0, 0, "no public functions to call")
    pools = harvest(source, description)
    calls = [c for f in functions for c in candidate_calls(f, pools, seed)]
    outcomes = sandbox.run_many([Job(source, calls=(c,), timeout=timeout, trace_lines=True)
                                 for c in calls])
    kept = {c: o for c, o in zip(calls, outcomes, strict=True) if o.kind == FINISHED}
    runs = len(calls)
    if not kept:
        return CallSynthesis((), 0.0, runs, f"none of {runs} candidate calls finished")
    probed = _probe_set(kept, functions)
    mutants = logical_mutants(source)
    jobs = [Job(m, calls=(c,), timeout=timeout) for m in mutants for c in probed]
    results = sandbox.run_many(jobs) if jobs else []
    runs += len(jobs)
    kills: dict[str, set[int]] = {c: set() for c in probed}
    for index, outcome in enumerate(results):
        mutant, call = divmod(index, len(probed))
        if outcome.kind == FINISHED and _signature(outcome) != _signature(kept[probed[call]]):
            kills[probed[call]].add(mutant)
    chosen = _choose(probed, kept, kills, wanted, functions)
    scenarios, coverage = _group(source, chosen, sandbox, timeout, wanted)
    told = set().union(*(kills[c] for c in chosen)) if chosen else set()
    note = (f"synthesised {len(scenarios)} function scenarios ({len(chosen)} calls) from "
            f"{runs} runs; {len(told)} of {len(mutants)} logical mutants told apart")
    return CallSynthesis(scenarios, coverage, runs, note, len(mutants), len(told))


def _probe_set(kept: dict[str, Outcome], functions: list[Function]) -> list[str]:
    """Up to MAX_PROBED calls per function, different results first."""
    probed = []
    for function in functions:
        mine = [c for c in kept if c.startswith(f"{function.name}(")]
        seen: set[tuple] = set()
        first, rest = [], []
        for call in mine:
            key = _signature(kept[call])
            (rest if key in seen else first).append(call)
            seen.add(key)
        probed += (first + rest)[:MAX_PROBED]
    return probed


def _choose(probed: list[str], kept: dict[str, Outcome], kills: dict[str, set[int]],
            wanted: frozenset[int], functions: list[Function]) -> list[str]:
    """Greedy: new lines, then new mutants told apart, then new results, short calls."""
    limit = MAX_SCENARIOS * CALLS_PER_SCENARIO
    chosen: list[str] = []
    covered: set[int] = set()
    told: set[int] = set()
    results: set[tuple] = set()
    pool = sorted(probed, key=lambda c: (len(c), c))
    # Every function is called at least once.
    for function in functions:
        mine = [c for c in pool if c.startswith(f"{function.name}(")]
        if mine:
            best = max(mine, key=lambda c: (len(kept[c].lines_run or ()), len(kills[c])))
            chosen.append(best)
            pool.remove(best)
            covered |= (kept[best].lines_run or frozenset()) & wanted
            told |= kills[best]
            results.add(_signature(kept[best]))
    while pool and len(chosen) < limit:
        def gain(call: str, covered=covered, told=told) -> tuple[int, int, int, int]:
            lines = (kept[call].lines_run or frozenset()) & wanted
            return (len(lines - covered), len(kills[call] - told),
                    _signature(kept[call]) not in results, -len(call))
        best = max(pool, key=gain)
        new_lines, new_kills, new_result, _ = gain(best)
        if not new_lines and not new_kills and (len(chosen) >= 4 or not new_result):
            break
        chosen.append(best)
        pool.remove(best)
        covered |= (kept[best].lines_run or frozenset()) & wanted
        told |= kills[best]
        results.add(_signature(kept[best]))
    return chosen


def _group(source: str, calls: list[str], sandbox: Sandbox, timeout: float,
           wanted: frozenset[int]) -> tuple[tuple[Scenario, ...], float]:
    """2-5 scenarios of a few calls each, with the values the correct program returns;
    a scenario whose run is not clean or not deterministic is dropped."""
    if not calls:
        return (), 0.0
    count = max(2 if len(calls) > 1 else 1,
                min(MAX_SCENARIOS, -(-len(calls) // CALLS_PER_SCENARIO)))
    groups = [tuple(calls[n::count]) for n in range(count)]
    jobs = [Job(source, calls=g, timeout=timeout, trace_lines=True) for g in groups]
    first = sandbox.run_many(jobs)
    second = sandbox.run_many(jobs)
    scenarios = []
    covered: set[int] = set()
    for number, (group, a, b) in enumerate(zip(groups, first, second, strict=True), start=1):
        if a.kind != FINISHED or a != b:
            continue
        scenarios.append(Scenario(f"calls_{number}", (), None, group, a.returns))
        covered |= a.lines_run or set()
    coverage = len(wanted & covered) / len(wanted) if wanted else 1.0
    return tuple(scenarios), coverage
