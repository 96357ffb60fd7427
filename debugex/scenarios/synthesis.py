"""Derive stdin scenarios for a program that has none.

1. Read what each `input()` expects from how its value is used: `int(...)`/`float(...)`
   around it, comparisons with constants, membership tests, loop sentinels.
2. Harvest candidate values from the program: strings compared with `==`/`in`, numbers
   in conditions and their neighbours, menu options. (Steps 1-2: see `inputs`.)
3. Search: run many candidate input sequences (long ones, then cut to what the program
   actually read) and keep those under which the program finishes cleanly.
4. Keep a small set (2-5) that covers the most lines, preferring different outputs;
   check the chosen ones are deterministic.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from ..content import Scenario
from ..sandbox import EXCEPTION, FINISHED, INPUT_EXHAUSTED, TIMEOUT, Job, Outcome, Sandbox
from .adequacy import select, typed
from .coverage import statement_lines
from .inputs import (
    add_description_values,
    analyse,
    boundary_candidates,
    merged,
    pair_candidates,
    random_sequence,
    value_pools,
)

MAX_SCENARIOS = 5
PROBE = 8  # first candidates: a program that finishes on none of them is refused at once
ROUNDS = 12
PER_ROUND = 120


@dataclass
class Synthesis:
    scenarios: tuple[Scenario, ...]
    line_coverage: float
    candidates_run: int
    note: str
    # Why the program cannot be a correct program: it never finishes, or raises on every
    # input tried. None when it finished on some input (or only ran out of input).
    problem: str | None = None
    # Why no scenario was found although nothing shows the program wrong: every input tried
    # raised (inputs a person would not type) or left it asking for more (a game, a menu).
    unfound: str | None = None

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


def synthesise(source: str, sandbox: Sandbox, seed: int = 0,
               timeout: float = 0.5, description: str = "") -> Synthesis:
    """Scenarios for `source`, the line coverage they reach, and how they were found.

    Candidates come from the program's own constants (each compared value c as c - 1, c
    and c + 1; sentinels after none, one and many values) and the values the
    description names; the chosen set is the one that shows the most injectable logical
    sites (see `adequacy`), line coverage breaking ties."""
    wanted = statement_lines(source)
    harvest = analyse(source)
    add_description_values(harvest, description)
    if not harvest.sites:
        outcome = sandbox.run(source, (), trace_lines=True)
        covered = len(wanted & (outcome.lines_run or frozenset()))
        note = "no input() calls: one empty scenario"
        if outcome.kind != FINISHED:
            note += f" (the program does not finish: {outcome.summary()})"
            problem = (f"it does not finish (time-out after {timeout:g} s of CPU)"
                       if outcome.kind == TIMEOUT else
                       (_missing(outcome) or f"it raises {outcome.summary()}")
                       if outcome.kind == EXCEPTION else None)
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
    shown: dict[str, tuple[str, ...]] = {}  # the input that gave it
    boundary: set[tuple[str, ...]] = set()  # inputs aimed at the comparisons that finished
    aimed: list[tuple[str, ...]] = []
    for number in range(ROUNDS + 1):
        # A small probe first: a program that times out on all of it is refused in
        # seconds instead of searched for minutes.
        size = PROBE if number == 0 else PER_ROUND
        candidates = [random_sequence(rng, pools, harvest.sites, harvest) for _ in range(size)]
        if number == 1:
            aimed = boundary_candidates(rng, harvest, pools)
            candidates = aimed + candidates
        outcomes = sandbox.run_many([Job(source, c, timeout=timeout, trace_lines=True)
                                     for c in candidates])
        runs += len(candidates)
        before = len(seen_lines)
        for candidate, outcome in zip(candidates, outcomes, strict=True):
            if outcome.kind not in kinds:
                kinds[outcome.kind] = outcome
                shown[outcome.kind] = candidate[:max(1, outcome.inputs_used)]
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
    if not found:
        crash = kinds.get(EXCEPTION)
        # Raising on every input shows the program wrong, unless what it raised is the
        # refusal of an input's shape (`int("0.5")`): the inputs tried were not a person's.
        refused = crash is not None and crash.exc_class == "ValueError"
        problem = _missing(crash) if crash else None
        if problem is None and set(kinds) <= {TIMEOUT, EXCEPTION} and not refused:
            problem = (f"it raises on every input tried ({runs} inputs), e.g. "
                       f"{crash.summary()}" if crash else
                       f"it does not finish on any of {runs} inputs")
        if problem:
            return Synthesis((), 0.0, runs, f"no candidate input finished: {problem}", problem)
        why = _why_none(kinds, shown, runs)
        return Synthesis((), 0.0, runs, f"no candidate input finished: {why}", unfound=why)
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
                 ) -> tuple[int, int, int, int]:
            lines = (found[candidate].lines_run or frozenset()) & wanted
            return (len(lines - covered), found[candidate].stdout not in outputs,
                    -len(candidate), typed(candidate))
        best = max(pool, key=gain)
        new_lines, new_output, _, _ = gain(best)
        if not new_lines and (len(chosen) >= 2 or not new_output):
            break
        chosen.append(best)
        pool.remove(best)
        covered |= (found[best].lines_run or frozenset()) & wanted
        outputs.add(found[best].stdout)
    return chosen


def distinguishing_input(source: str, changed: str, sandbox: Sandbox, seed: int = 0,
                         random_candidates: int = 120, timeout: float = 0.5,
                         description: str = "") -> tuple[str, ...] | None:
    """An input under which `changed` raises or prints something else than `source`
    (which finishes on it), searched with the constants of both programs: the boundary
    of a changed comparison is among them. None when no candidate shows a difference."""
    try:
        harvest = merged(analyse(source), analyse(changed))
    except (SyntaxError, ValueError, RecursionError):
        return None
    add_description_values(harvest, description)
    if not harvest.sites:
        return None  # without input() every run is the same run
    pools = value_pools(harvest)
    rng = random.Random(f"{seed}|{changed}")
    candidates = boundary_candidates(rng, harvest, pools) + pair_candidates(rng, harvest, pools)
    candidates += [random_sequence(rng, pools, harvest.sites, harvest)
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


def _why_none(kinds: dict[str, Outcome], shown: dict[str, tuple[str, ...]],
              runs: int) -> str:
    """What each kind of run that did not finish showed, with the input that showed it."""
    parts = []
    for kind, outcome in kinds.items():
        given = ", ".join(repr(line) for line in shown[kind][:3])
        given += ", …" if len(shown[kind]) > 3 else ""
        if kind == EXCEPTION:
            parts.append(f"it raised {outcome.summary()} after reading {given}")
        elif kind == INPUT_EXHAUSTED:
            where = f" at line {outcome.line}" if outcome.line else ""
            parts.append(f"it asked for more input{where} than the {len(shown[kind])} "
                         "lines given")
        elif kind == TIMEOUT:
            parts.append(f"it did not finish within the time limit after reading {given}")
    return (f"none of the {runs} inputs tried made the program finish ("
            + "; ".join(parts) + "). A program that needs input of one shape (co-ordinates "
            "such as 1,1) or ends on one answer only (a guessing game) needs its scenarios "
            "written by hand in scenarios.toml")


# What a program needs that no exercise gives it: not a fault of the program, so said as such.
NEEDS_PREFIX = "it needs "


def _missing(crash: Outcome) -> str | None:
    """`it needs …` when a program stops for want of a module or a file, whatever its input."""
    if crash.exc_class == "ModuleNotFoundError":
        return (f"{NEEDS_PREFIX}a module the sandbox does not offer ({crash.message}); "
                "beginner exercises may import the standard library's common modules only")
    if crash.exc_class == "FileNotFoundError":
        name = crash.message.rsplit("/", 1)[-1].rstrip("'\"")
        return (f"{NEEDS_PREFIX}a file the exercise does not have ({name}); debugex runs "
                "programs on standard input and calls only")
    return None
