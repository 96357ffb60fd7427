"""Derive function scenarios (calls and their expected values) for a program that
defines functions and reads no input.

1. Find the public functions (top level, name not starting with `_`) and infer what
   each parameter holds (see `arguments`) from how the body uses it: indexed or `len()` -> a sequence,
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

from dataclasses import dataclass

from ..content import Scenario
from ..sandbox import FINISHED, Job, Outcome, Sandbox
from .arguments import (  # noqa: F401 - reads_input is part of this module's API
    Function,
    candidate_calls,
    harvest,
    public_functions,
    reads_input,
)
from .coverage import statement_lines

MAX_SCENARIOS = 5
CALLS_PER_SCENARIO = 4
MAX_PROBED = 40  # calls per function run against the mutants


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


# -- 3 and 4. run, tell mutants apart, choose ------------------------------------------------

def _signature(outcome: Outcome) -> tuple:
    """What a call showed, without the `>>> CALL` marker line (which names the call)."""
    printed = [line for line in outcome.stdout.splitlines() if not line.startswith(">>> ")]
    return (outcome.kind, tuple(printed), outcome.returns, outcome.exc_class)


def logical_mutants(source: str) -> list[str]:
    """The program with each logical site of the injectors applied alone."""
    from ..changes import find_sites
    from ..injectors import LOGICAL, ProgramIndex

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
