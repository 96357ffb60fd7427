"""Derive stdin scenarios for a program that has none.

1. Read what each `input()` expects from how its value is used: `int(...)`/`float(...)`
   around it, comparisons with constants, membership tests, loop sentinels.
2. Harvest candidate values from the program: strings compared with `==`/`in`, numbers
   in conditions and their neighbours, menu options.
3. Search: run many candidate input sequences (long ones, then cut to what the program
   actually read) and keep those under which the program finishes cleanly.
4. Keep a small set (2-5) that covers the most lines, preferring different outputs;
   check the chosen ones are deterministic.
"""

from __future__ import annotations

import ast
import random
from dataclasses import dataclass

from ..content import Scenario
from ..sandbox import EXCEPTION, FINISHED, TIMEOUT, Job, Outcome, Sandbox
from .adequacy import select
from .coverage import statement_lines

MAX_SCENARIOS = 5
PROBE = 8  # first candidates: a program that finishes on none of them is refused at once
ROUNDS = 12
PER_ROUND = 120
SEQUENCE_LENGTH = 24
_DEFAULT_WORDS = ("hello", "Python is fun", "racecar", "Anna", "level up", "x", "banana")
_DEFAULT_NUMBERS = ("0", "1", "2", "3", "5", "7", "10", "12", "-1", "4", "25", "100")
_DEFAULT_DECIMALS = ("2.5", "0.5", "3.75", "12.4")


@dataclass(frozen=True)
class InputSite:
    kind: str  # "int", "float" or "str"
    line: int


@dataclass
class Synthesis:
    scenarios: tuple[Scenario, ...]
    line_coverage: float
    candidates_run: int
    note: str
    # Why the program cannot be a correct program: it never finishes, or raises on every
    # input tried. None when it finished on some input (or only ran out of input).
    problem: str | None = None

    def toml(self) -> str:
        parts = []
        for scenario in self.scenarios:
            values = ", ".join(_toml_string(v) for v in scenario.stdin)
            parts.append(f'[[scenario]]\nname = "{scenario.name}"\nstdin = [{values}]\n')
        return (f"# Synthesised by debugex: line coverage {self.line_coverage:.0%}.\n"
                + "\n".join(parts))


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _number_text(value: float) -> str:
    if float(value).is_integer():
        return str(int(value))
    return f"{value:g}"


class _Harvest(ast.NodeVisitor):
    """Input sites in source order, and the constants the program compares with."""

    def __init__(self) -> None:
        self.sites: list[InputSite] = []
        self.numbers: set[float] = set()
        self.strings: set[str] = set()
        self.has_float_input = False
        self.words: set[str] = set()
        self.all_numbers: set[float] = set()

    def visit_Call(self, node: ast.Call) -> None:
        if isinstance(node.func, ast.Name) and node.func.id in ("int", "float") and node.args:
            inner = _strip_methods(node.args[0])
            if _is_input(inner):
                self.sites.append(InputSite(node.func.id, node.lineno))
                self.has_float_input |= node.func.id == "float"
                self.generic_visit(inner)
                return
        if _is_input(node):
            self.sites.append(InputSite("str", node.lineno))
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        # Every short word and number of the program is a plausible input too (dict keys,
        # accepted values in a list compared with `in` through a name).
        if isinstance(node.value, str) and 0 < len(node.value) <= 15 \
                and node.value.strip() == node.value and " " not in node.value:
            self.words.add(node.value)
        elif isinstance(node.value, int | float) and not isinstance(node.value, bool) \
                and abs(node.value) <= 10_000:
            self.all_numbers.add(node.value)

    def visit_Compare(self, node: ast.Compare) -> None:
        for operand in (node.left, *node.comparators):
            self._constants(operand)
        self.generic_visit(node)

    def _constants(self, node: ast.AST) -> None:
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bool):
                return
            if isinstance(node.value, int | float):
                self.numbers.add(node.value)
            elif isinstance(node.value, str) and len(node.value) <= 30:
                self.strings.add(node.value)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) \
                and isinstance(node.operand, ast.Constant) \
                and isinstance(node.operand.value, int | float):
            self.numbers.add(-node.operand.value)
        elif isinstance(node, ast.List | ast.Tuple | ast.Set):
            for element in node.elts:
                self._constants(element)


def _strip_methods(node: ast.AST) -> ast.AST:
    """`input().strip().lower()` -> the `input()` call."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        node = node.func.value
    return node


def _is_input(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
        and node.func.id == "input"


def analyse(source: str) -> _Harvest:
    harvest = _Harvest()
    harvest.visit(ast.parse(source))
    return harvest


_MIXED_WORDS = ("mARIA", "tom", "KEVIN  o", "li", "Ravi")


def _free_text(harvest: _Harvest) -> set[str]:
    """Text a person types: several words joined by a separator the program splits on
    (or spaces), in mixed case, with stray spaces around; one word; one letter."""
    separators = {" "} | {w for w in harvest.words if len(w) == 1 and not w.isalnum()}
    texts = {"a", "Zo", "  eVA  "}
    for separator in separators:
        for count in (2, 3, 5):
            joined = separator.join(_MIXED_WORDS[:count])
            texts |= {joined, f"  {joined} ", joined.lower(), joined.title(),
                      separator.join((*_MIXED_WORDS[:count], _MIXED_WORDS[0].lower()))}
    return texts


def value_pools(harvest: _Harvest) -> dict[str, list[str]]:
    numbers: set[str] = set(_DEFAULT_NUMBERS)
    for value in harvest.numbers:
        for delta in (-1, 0, 1):
            numbers.add(_number_text(value + delta))
    numbers |= {_number_text(v) for v in harvest.all_numbers}
    decimals = set(_DEFAULT_DECIMALS) | {_number_text(v + 0.5) for v in harvest.numbers}
    decimals |= {_number_text(v) for v in harvest.numbers if isinstance(v, float)}
    strings = set(harvest.strings) | set(_DEFAULT_WORDS) | harvest.words
    strings |= {s.upper() for s in harvest.strings if s.islower()}
    strings |= _free_text(harvest)
    strings.discard("")
    return {"int": sorted(numbers), "float": sorted(numbers | decimals),
            "str": sorted(strings) + sorted(numbers)[:4]}


def _candidate(rng: random.Random, pools: dict[str, list[str]], sites: list[InputSite],
               harvest: _Harvest) -> tuple[str, ...]:
    """A long input sequence: each position mostly of the kind the program order
    suggests, sometimes any kind (loops and menus reorder the inputs)."""
    kinds = [s.kind for s in sites] or ["str"]
    sentinels = sorted(harvest.strings | harvest.words)
    values = []
    # Some sequences hold whole numbers wherever a number is read: a menu read with
    # int() and its amounts read with float() then go round several times.
    whole = rng.random() < 0.3
    for position in range(SEQUENCE_LENGTH):
        kind = kinds[position % len(kinds)] if rng.random() < 0.7 else rng.choice(
            ["int", "float", "str"])
        pool = pools["int" if whole and kind == "float" else kind]
        if kind == "str" and sentinels and rng.random() < 0.5:
            pool = sentinels
        values.append(rng.choice(pool))
    return tuple(values)


def _description_values(harvest: _Harvest, description: str) -> None:
    """Numbers the description names are compared with too (\"18 or over\"), and a
    quoted word is a plausible input (type "quit" to stop)."""
    for word in description.split():
        word = word.strip(".,;:!?()[]'\"")
        try:
            value = float(word)
        except ValueError:
            continue
        if abs(value) <= 10_000:
            harvest.numbers.add(int(value) if value.is_integer() else value)
    for quote in ('"', "'"):
        parts = description.split(quote)
        harvest.strings |= {p for p in parts[1::2] if 0 < len(p) <= 15 and " " not in p}


def synthesise(source: str, sandbox: Sandbox, seed: int = 0,
               timeout: float = 0.5, description: str = "") -> Synthesis:
    """Scenarios for `source`, the line coverage they reach, and how they were found.

    Candidates come from the program's own constants (each compared value c as c - 1, c
    and c + 1; sentinels after none, one and many values) and the values the
    description names; the chosen set is the one that shows the most injectable logical
    sites (see `adequacy`), line coverage breaking ties."""
    wanted = statement_lines(source)
    harvest = analyse(source)
    _description_values(harvest, description)
    if not harvest.sites:
        outcome = sandbox.run(source, (), trace_lines=True)
        covered = len(wanted & (outcome.lines_run or frozenset()))
        note = "no input() calls: one empty scenario"
        if outcome.kind != FINISHED:
            note += f" (the program does not finish: {outcome.summary()})"
            problem = (f"it does not finish (time-out after {timeout:g} s of CPU)"
                       if outcome.kind == TIMEOUT else
                       f"it raises {outcome.summary()}" if outcome.kind == EXCEPTION else None)
            return Synthesis((), 0.0, 1, note, problem)
        return Synthesis((Scenario("no_input", ()),), covered / len(wanted) if wanted else 1.0,
                         1, note)
    pools = value_pools(harvest)
    rng = random.Random(f"{seed}|{source}")
    found: dict[tuple[str, ...], Outcome] = {}
    runs = 0
    seen_lines: set[int] = set()
    stale = 0
    kinds: dict[str, Outcome] = {}  # the first outcome of each kind
    boundary: set[tuple[str, ...]] = set()  # inputs aimed at the comparisons that finished
    aimed: list[tuple[str, ...]] = []
    for number in range(ROUNDS + 1):
        # A small probe first: a program that times out on all of it is refused in
        # seconds instead of searched for minutes.
        size = PROBE if number == 0 else PER_ROUND
        candidates = [_candidate(rng, pools, harvest.sites, harvest) for _ in range(size)]
        if number == 1:
            aimed = boundary_candidates(rng, harvest, pools)
            candidates = aimed + candidates
        outcomes = sandbox.run_many([Job(source, c, timeout=timeout, trace_lines=True)
                                     for c in candidates])
        runs += len(candidates)
        before = len(seen_lines)
        for outcome in outcomes:
            kinds.setdefault(outcome.kind, outcome)
        if number == 0 and TIMEOUT in kinds and set(kinds) <= {TIMEOUT, EXCEPTION}:
            return Synthesis((), 0.0, runs, f"the program finished on none of the {runs} "
                             "first candidate inputs", f"it does not finish (time-out after "
                             f"{timeout:g} s of CPU) or raises on each of the {runs} first "
                             f"inputs tried, e.g. {kinds[TIMEOUT].summary()}")
        for position, (candidate, outcome) in enumerate(zip(candidates, outcomes,
                                                            strict=True)):
            if outcome.kind != FINISHED:
                continue
            used = candidate[:outcome.inputs_used]
            if number == 1 and position < len(aimed):
                boundary.add(used)
            if used not in found:
                found[used] = outcome
                seen_lines |= outcome.lines_run or set()
        stale = stale + 1 if len(seen_lines) == before else 0
        # More rounds than coverage needs: inputs that tell mutants apart are rarer.
        if number >= 3 and (wanted <= seen_lines or stale >= 3):
            break
    if not found and set(kinds) <= {TIMEOUT, EXCEPTION}:
        crash = kinds.get(EXCEPTION)
        problem = (f"it raises on every input tried ({runs} inputs), e.g. {crash.summary()}"
                   if crash else f"it does not finish on any of {runs} inputs")
        return Synthesis((), 0.0, runs, f"no candidate input finished: {problem}", problem)
    chosen = select(source, found, _cover(found, wanted), boundary, wanted, sandbox,
                    MAX_SCENARIOS, search=lambda mutant: distinguishing_input(
                        source, mutant, sandbox, seed, random_candidates=60,
                        timeout=timeout, description=description))
    # The chosen scenarios must be deterministic: run them again, compare.
    again = sandbox.run_many([Job(source, c, timeout=timeout, trace_lines=True) for c in chosen])
    chosen = [c for c, o in zip(chosen, again, strict=True) if o == found[c]]
    covered: set[int] = set()
    for c in chosen:
        covered |= found[c].lines_run or set()
    coverage = len(wanted & covered) / len(wanted) if wanted else 1.0
    scenarios = tuple(Scenario(f"synth_{n + 1}", c) for n, c in enumerate(chosen))
    note = (f"synthesised {len(scenarios)} scenarios from {runs} candidate runs "
            f"({len(found)} finished cleanly)")
    return Synthesis(scenarios, coverage, runs, note)


def _cover(found: dict[tuple[str, ...], Outcome], wanted: frozenset[int]
           ) -> list[tuple[str, ...]]:
    """Greedy set cover of statement lines; ties go to new outputs, then short inputs."""
    chosen: list[tuple[str, ...]] = []
    covered: set[int] = set()
    outputs: set[str] = set()
    pool = sorted(found, key=lambda c: (len(c), c))
    while pool and len(chosen) < MAX_SCENARIOS:
        def gain(candidate: tuple[str, ...], covered=covered, outputs=outputs
                 ) -> tuple[int, int, int]:
            lines = (found[candidate].lines_run or frozenset()) & wanted
            return (len(lines - covered), found[candidate].stdout not in outputs,
                    -len(candidate))
        best = max(pool, key=gain)
        new_lines, new_output, _ = gain(best)
        if not new_lines and (len(chosen) >= 2 or not new_output):
            break
        chosen.append(best)
        pool.remove(best)
        covered |= (found[best].lines_run or frozenset()) & wanted
        outputs.add(found[best].stdout)
    return chosen


def _merge(harvest: _Harvest, other: _Harvest) -> _Harvest:
    harvest.numbers |= other.numbers
    harvest.strings |= other.strings
    harvest.words |= other.words
    harvest.all_numbers |= other.all_numbers
    if not harvest.sites:
        harvest.sites = other.sites
    return harvest


def boundary_candidates(rng: random.Random, harvest: _Harvest,
                        pools: dict[str, list[str]]) -> list[tuple[str, ...]]:
    """Input sequences aimed at the program's comparisons: each compared constant c as
    c - 1, c and c + 1, given at every input, at the first input, and at a random one."""
    candidates = []
    for value in sorted(harvest.numbers, key=float):
        for delta in (-1, 0, 1):
            text = _number_text(value + delta)
            candidates.append((text,) * SEQUENCE_LENGTH)
            for position in (0, rng.randrange(min(4, SEQUENCE_LENGTH))):
                filler = list(_candidate(rng, pools, harvest.sites, harvest))
                filler[position] = text
                candidates.append(tuple(filler))
    for word in sorted(harvest.strings):
        candidates.append((word,) * SEQUENCE_LENGTH)
    # A loop over input until a sentinel: none, one and many values before it.
    sentinels = sorted(harvest.strings) + [_number_text(v) for v in sorted(harvest.numbers,
                                                                            key=float)]
    # Runs of readings: a new maximum, a drop below zero, a tie for the maximum last (or
    # first); and all below zero (a running maximum started at 0 shows).
    mixed = ("3", "15", "-2", "8", "15")
    runs = (mixed, mixed[::-1], ("-3", "-7", "-1", "-5"))
    for sentinel in sentinels:
        for count in (0, 1, 4):
            filler = list(_candidate(rng, pools, harvest.sites, harvest))
            candidates.append(tuple(filler[:count]) + (sentinel,) * (SEQUENCE_LENGTH - count))
        for run in runs:
            candidates.append(run + (sentinel,) * (SEQUENCE_LENGTH - len(run)))
    return candidates


def pair_candidates(rng: random.Random, harvest: _Harvest, pools: dict[str, list[str]],
                    limit: int = 300) -> list[tuple[str, ...]]:
    """A compared constant next to another constant of the program, at the first
    inputs: a computed bound (`weight / (height_cm / 100) ** 2 < 25`) is met by
    constants together (25 kg at 100 cm)."""
    numbers = sorted(harvest.numbers, key=float)
    others = sorted(harvest.all_numbers | harvest.numbers, key=float)
    reach = min(3, max(1, len(harvest.sites) - 1))
    candidates: list[tuple[str, ...]] = []
    for first in numbers:
        for second in others:
            for position in range(reach):
                filler = list(_candidate(rng, pools, harvest.sites, harvest))
                filler[position:position + 2] = [_number_text(first), _number_text(second)]
                candidates.append(tuple(filler[:SEQUENCE_LENGTH]))
                filler[position:position + 2] = [_number_text(second), _number_text(first)]
                candidates.append(tuple(filler[:SEQUENCE_LENGTH]))
    return candidates[:limit]


def distinguishing_input(source: str, changed: str, sandbox: Sandbox, seed: int = 0,
                         random_candidates: int = 120, timeout: float = 0.5,
                         description: str = "") -> tuple[str, ...] | None:
    """An input under which `changed` raises or prints something else than `source`
    (which finishes on it), searched with the constants of both programs: the boundary
    of a changed comparison is among them. None when no candidate shows a difference."""
    try:
        harvest = _merge(analyse(source), analyse(changed))
    except (SyntaxError, ValueError, RecursionError):
        return None
    _description_values(harvest, description)
    if not harvest.sites:
        return None  # without input() every run is the same run
    pools = value_pools(harvest)
    rng = random.Random(f"{seed}|{changed}")
    candidates = boundary_candidates(rng, harvest, pools) + pair_candidates(rng, harvest, pools)
    candidates += [_candidate(rng, pools, harvest.sites, harvest)
                   for _ in range(random_candidates)]
    outcomes = sandbox.run_many([Job(source, c, timeout=timeout) for c in candidates])
    kept: dict[tuple[str, ...], Outcome] = {}
    for candidate, outcome in zip(candidates, outcomes, strict=True):
        if outcome.kind == FINISHED:
            kept.setdefault(candidate[:outcome.inputs_used], outcome)
    inputs = list(kept)
    theirs = sandbox.run_many([Job(changed, c, timeout=timeout) for c in inputs])
    for stdin, outcome in zip(inputs, theirs, strict=True):
        if outcome.kind == EXCEPTION or (outcome.kind == FINISHED
                                         and outcome.stdout != kept[stdin].stdout):
            return stdin
    return None
