"""Choose scenarios that tell programs apart: a mutation-adequate set.

Covering every line is not enough: `if age >= 18` is covered by ages -1 and 100, and
neither shows `>=` typed `>`. So, among the inputs synthesis found, the chosen set is
the one under which the most injectable logical sites show as logical errors (finish on
every scenario, print something else on one); line coverage breaks ties.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..sandbox import FINISHED, Job, Outcome, Sandbox

POOL = 60  # candidate inputs the mutants are run on
# Mutants of a beginner program finish in milliseconds too; one that spins is cut early.
MUTANT_TIMEOUT = 0.25

_KILL, _SAME, _DEAD = "kill", "same", "dead"


def logical_mutants(source: str) -> list[str]:
    """The programs the logical injectors make from `source` (one per site)."""
    from ..changes import find_sites
    from ..injectors import LOGICAL, ProgramIndex, all_injectors

    try:
        program = ProgramIndex(source)
    except Exception:  # noqa: BLE001 - libcst rejects some programs CPython runs
        return []
    edits = find_sites(program, all_injectors(LOGICAL))
    return list(dict.fromkeys(e.apply(source) for e in edits))


def _pool(found: dict[tuple[str, ...], Outcome], cover: Sequence[tuple[str, ...]],
          boundary: set[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """A few dozen candidates: the line-covering ones, the shortest input of each
    distinct output, the boundary inputs, then the longest others."""
    pool = list(dict.fromkeys(cover))
    outputs = {found[c].stdout for c in pool}
    for candidate in sorted(found, key=lambda c: (len(c), c)):
        if found[candidate].stdout not in outputs:
            outputs.add(found[candidate].stdout)
            pool.append(candidate)
    pool += sorted((c for c in found if c in boundary and c not in pool),
                   key=lambda c: (len(c), c))
    chosen = set(pool)
    pool += sorted((c for c in found if c not in chosen), key=lambda c: (-len(c), c))
    return pool[:POOL]


def _status(mine: Outcome, oracle: Outcome) -> str:
    if mine.kind != FINISHED:
        return _DEAD  # raises, times out or wants more input: not a logical error here
    return _KILL if mine.stdout != oracle.stdout else _SAME


def _table(mutants: list[str], pool: list[tuple[str, ...]],
           found: dict[tuple[str, ...], Outcome], sandbox: Sandbox) -> list[list[str]]:
    outcomes = sandbox.run_many([Job(m, c, timeout=MUTANT_TIMEOUT)
                                 for m in mutants for c in pool])
    return [[_status(outcomes[i * len(pool) + j], found[c]) for j, c in enumerate(pool)]
            for i in range(len(mutants))]


def select(source: str, found: dict[tuple[str, ...], Outcome],
           cover: Sequence[tuple[str, ...]], boundary: set[tuple[str, ...]],
           wanted: frozenset[int], sandbox: Sandbox, limit: int,
           search: Callable[[str], tuple[str, ...] | None] | None = None,
           searches: int = 8) -> list[tuple[str, ...]]:
    """Up to `limit` inputs from `found` under which the most logical mutants of
    `source` show as logical errors; `cover` (the line-covering choice) when there are
    no mutants to tell apart. `search(mutant)` looks for an input that shows one mutant
    (tried on up to `searches` mutants that no input of the pool shows)."""
    mutants = logical_mutants(source)
    pool = _pool(found, cover, boundary)
    if not mutants or not pool:
        return list(cover)
    # A mutant that does not finish on the first input is dropped before the full run.
    first = sandbox.run_many([Job(m, pool[0], timeout=MUTANT_TIMEOUT) for m in mutants])
    mutants = [m for m, o in zip(mutants, first, strict=True) if o.kind == FINISHED]
    table = _table(mutants, pool, found, sandbox)
    if search is not None:
        survivors = [m for m, row in zip(mutants, table, strict=True) if _KILL not in row]
        extra = [stdin for stdin in map(search, survivors[:searches])
                 if stdin is not None and stdin not in found]
        extra = list(dict.fromkeys(extra))
        if extra:
            runs = sandbox.run_many([Job(source, c, trace_lines=True) for c in extra])
            extra = [c for c, o in zip(extra, runs, strict=True) if o.kind == FINISHED]
            # The caller's table of inputs learns the new ones (it checks them again).
            found.update((c, o) for c, o in zip(extra, runs, strict=True)
                         if o.kind == FINISHED)
            more = _table(mutants, extra, found, sandbox)
            pool += extra
            table = [row + added for row, added in zip(table, more, strict=True)]
    return _greedy(pool, table, found, wanted, limit)


def typed(candidate: tuple[str, ...]) -> int:
    """How many of the input lines hold something (not blank)."""
    return sum(bool(line.strip()) for line in candidate)


def _greedy(pool: list[tuple[str, ...]], table: list[list[str]],
            found: dict[tuple[str, ...], Outcome], wanted: frozenset[int], limit: int
            ) -> list[tuple[str, ...]]:
    state = [_SAME] * len(table)  # per mutant under the chosen set: same, kill or dead
    chosen: list[int] = []
    covered: set[int] = set()
    outputs: set[str] = set()

    def after(j: int) -> list[str]:
        return [s if s == _DEAD or row[j] == _SAME else
                _DEAD if row[j] == _DEAD else _KILL
                for s, row in zip(state, table, strict=True)]

    while len(chosen) < limit:
        best, best_key = None, None
        for j, candidate in enumerate(pool):
            if j in chosen:
                continue
            gain = after(j).count(_KILL) - state.count(_KILL)
            lines = len(((found[candidate].lines_run or frozenset()) & wanted) - covered)
            # ties: fewer lines to type, then more of them typed (a blank line is the
            # sentinel a person ends with, not the answer to "write a sentence")
            key = (gain, lines, found[candidate].stdout not in outputs, -len(candidate),
                   typed(candidate))
            if best_key is None or key > best_key:
                best, best_key = j, key
        if best is None:
            break
        gain, lines, new_output, _, _ = best_key
        if gain < 0 or (gain == 0 and not lines and (len(chosen) >= 2 or not new_output)):
            break
        state = after(best)
        chosen.append(best)
        candidate = pool[best]
        covered |= (found[candidate].lines_run or frozenset()) & wanted
        outputs.add(found[candidate].stdout)
    return [pool[j] for j in chosen]
