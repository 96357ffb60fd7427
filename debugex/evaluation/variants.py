"""The drafts of a repair benchmark drawn now: seed s takes each exercise's s-th draft.

Each exercise's distinct drafts for a request are listed in one order that no seed
chooses: drawn with the engine's seeds 0, 1, 2, ..., each draw preferring edits that the
drafts before it did not use, and a draft whose bugged program an earlier one already
has is passed over. A benchmark drawn with seed s takes the draft numbered s (from 0),
so two seeds never take the same draft. An exercise that runs out (`PATIENCE` draws in a
row bring nothing new) before its s-th draft is left out with that said, never repeated.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..formats import Request
from ..workflow import Task, TaskMaker

MAX_SEED = 63  # seeds 0..63: the draft numbered s costs at least s + 1 draws per exercise
PATIENCE = 6  # draws in a row that bring no new draft: the exercise has no more


@dataclass(frozen=True)
class Drawn:
    task: Task | None  # the draft numbered `seed`, or None (then `why`)
    why: str = ""
    draws: int = 0  # engine draws it took


def nth_draft(maker: TaskMaker, slug: str, request: Request, seed: int) -> Drawn:
    """The exercise's draft numbered `seed` in the order above, or why there is none."""
    if not 0 <= seed <= MAX_SEED:
        raise ValueError(f"a variant number is 0 to {MAX_SEED}, not {seed}")
    programs: list[str] = []
    used: dict[tuple, int] = {}
    misses = draws = 0
    why = ""
    while misses < PATIENCE:
        made, edits, final = maker.variant(slug, request, draws, used)
        draws += 1
        if isinstance(made, str):
            if final:  # no seed draws a draft of this exercise
                return Drawn(None, made, draws)
            misses, why = misses + 1, made
            continue
        for edit in edits:
            used[edit] = 1  # 1, not a count: a used edit stays usable when nothing fresh fits
        if made.bugged in programs:
            misses += 1
            continue
        programs.append(made.bugged)
        misses = 0
        if len(programs) == seed + 1:
            return Drawn(made, "", draws)
    if not programs:
        return Drawn(None, why or "no draft could be made", draws)
    return Drawn(None, f"draws 0 to {draws - 1} found {len(programs)} distinct draft(s) "
                 f"for these counts and the last {PATIENCE} none new, so seed {seed}, which "
                 f"takes the draft numbered {seed} (from 0), would repeat another seed's",
                 draws)


def drawn_all(maker: TaskMaker, slugs: Sequence[str], request: Request,
              seed: int, progress: Callable[[int], None] = lambda n: None) -> list[Drawn]:
    out = []
    for slug in slugs:
        out.append(nth_draft(maker, slug, request, seed))
        progress(1)
    return out
