"""Choose verified edits for a request, combine them, and prove the combination.

Each edit has been verified alone (see `sites.SiteCatalog`); composition picks, per
class, edits that never overlap, prefers different injectors and different lines, and
then runs the combined program: with a syntax error it must not compile, else with a
runtime error it must raise on some scenario, else its output must differ. A selection
that fails that proof is replaced by another, a bounded number of times.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from .diffing import readable_as
from .injectors import ERROR_CLASSES, Edit, apply_edits
from .injectors.base import LOGICAL, RUNTIME, SYNTAX
from .messages import Request
from .sandbox import Sandbox
from .sites import SiteCatalog
from .verify import Verdict, judge_sources

ATTEMPTS = 12


class InfeasibleRequest(ValueError):
    """The program cannot carry the requested errors; says which class falls short."""

    def __init__(self, message: str, shortfall: dict[str, int], offered: dict[str, int]):
        super().__init__(message)
        self.shortfall = shortfall
        self.offered = offered


@dataclass(frozen=True)
class PlacedError:
    """One error of a finished exercise: its edit, where it is now, its proof."""

    edit: Edit
    line: int  # in the incorrect program
    verdict: Verdict  # the edit alone


@dataclass
class Composition:
    request: Request  # what was asked
    delivered: Request  # what was injected (less than asked only with allow_partial)
    source: str  # the incorrect program
    errors: list[PlacedError] = field(default_factory=list)
    combined: Verdict | None = None  # the proof of the whole program

    @property
    def partial(self) -> bool:
        return self.delivered != self.request


def final_lines(source: str, edits: Sequence[Edit]) -> list[int]:
    """Line of each edit's change in the program with all the edits applied."""
    order = sorted(range(len(edits)), key=lambda i: (edits[i].start, edits[i].end))
    lines = [0] * len(edits)
    shift = 0  # newlines added (or removed) by the edits before this one
    for i in order:
        edit = edits[i]
        line = source.count("\n", 0, edit.start) + 1 + shift
        lines[i] = line + edit.replacement.count("\n", 0, edit.focus)
        shift += edit.replacement.count("\n") - source.count("\n", edit.start, edit.end)
    return lines


def max_disjoint(edits: Sequence[Edit]) -> int:
    """How many of these edits can be used together (greedy by end: interval scheduling)."""
    chosen: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.end, e.start)):
        if not any(edit.overlaps(c) for c in chosen):
            chosen.append(edit)
    return len(chosen)


def describe_offer(catalog: SiteCatalog, error_class: str, limit: int = 8) -> str:
    edits = catalog.verified(error_class)
    shown = [f"{e.injector} at line {e.line}" for e in edits[:limit]]
    more = f" and {len(edits) - limit} more" if len(edits) > limit else ""
    return ", ".join(shown) + more if shown else "none"


def feasible(catalog: SiteCatalog, request: Request, allow_partial: bool) -> Request:
    """The counts that can be delivered; raises InfeasibleRequest unless partial is allowed."""
    offered = catalog.offered
    shortfall = {c: request.count(c) - offered[c] for c in ERROR_CLASSES
                 if request.count(c) > offered[c]}
    if shortfall and not allow_partial:
        parts = []
        for c, missing in shortfall.items():
            parts.append(f"asked for {request.count(c)} {c} error"
                         f"{'s' if request.count(c) != 1 else ''}; this program offers "
                         f"{offered[c]} verifiable {c} site{'s' if offered[c] != 1 else ''}"
                         f" ({missing} short): {describe_offer(catalog, c)}")
        raise InfeasibleRequest("; ".join(parts), shortfall, offered)
    delivered = Request(*(min(request.count(c), offered[c]) for c in ERROR_CLASSES))
    if delivered.total == 0:
        raise InfeasibleRequest(
            "this program offers no verifiable site for any requested class "
            f"({', '.join(f'{c}: {offered[c]}' for c in ERROR_CLASSES)})",
            {c: request.count(c) for c in ERROR_CLASSES if request.count(c)}, offered)
    return delivered


def _pick(rng: random.Random, pool: list[Edit], count: int, chosen: list[Edit]) -> list[Edit]:
    """`count` edits from pool: new injectors and new lines first, never overlapping.
    Injectors are drawn by their weight in the default mix (`injectors/weights.toml`),
    however many sites each offers: each site gets a random key u ** (1 / w), with w its
    injector's weight shared among that injector's sites (weighted order without
    replacement)."""
    from collections import Counter

    from .injectors.weights import injector_weights

    picked: list[Edit] = []
    weights = injector_weights()
    per_injector = Counter(e.injector for e in pool)
    keyed = [(rng.random() ** (per_injector[e.injector] / max(weights.get(e.injector, 0), 1e-6)),
              e) for e in pool]
    candidates = [e for _key, e in sorted(keyed, key=lambda k: -k[0])]
    for _ in range(count):
        taken = chosen + picked
        used_injectors = {e.injector for e in taken}
        used_lines = {e.line for e in taken}
        usable = [e for e in candidates if not any(e.overlaps(t) for t in taken)]
        if not usable:
            break
        best = min(usable, key=lambda e: ((e.injector in used_injectors),
                                          (e.line in used_lines)))
        picked.append(best)
        candidates.remove(best)
    if len(picked) < count:
        # Preferences left gaps: fall back to packing by span end (interval scheduling).
        picked = []
        for edit in sorted(pool, key=lambda e: (e.end, e.start)):
            if len(picked) == count:
                break
            if not any(edit.overlaps(t) for t in chosen + picked):
                picked.append(edit)
    return picked


def top_class(request: Request) -> str:
    for error_class in (SYNTAX, RUNTIME, LOGICAL):
        if request.count(error_class):
            return error_class
    raise ValueError("empty request")


def compose(catalog: SiteCatalog, request: Request, seed: int, sandbox: Sandbox,
            allow_partial: bool = False) -> Composition:
    """Pick, combine and prove edits for the request; byte-identical for the same seed.

    With allow_partial, a combination that cannot be proven is retried with one error
    fewer (from the largest class) until one can."""
    delivered = feasible(catalog, request, allow_partial)
    while True:
        try:
            return _compose(catalog, request, delivered, seed, sandbox)
        except InfeasibleRequest:
            if not allow_partial or delivered.total <= 1:
                raise
            counts = delivered.as_dict()
            largest = max(ERROR_CLASSES, key=lambda c: counts[c])
            counts[largest] -= 1
            delivered = Request(**counts)


def _compose(catalog: SiteCatalog, request: Request, delivered: Request, seed: int,
             sandbox: Sandbox) -> Composition:
    prepared = catalog.prepared
    source = prepared.exercise.source
    rng = random.Random(f"{seed}|{catalog.key}|{request.label()}|{delivered.label()}")
    expected = top_class(delivered)
    tried: set[tuple] = set()
    last_problem = "no combination found"
    for _ in range(ATTEMPTS):
        chosen: list[Edit] = []
        for error_class in ERROR_CLASSES:
            wanted = delivered.count(error_class)
            if wanted:
                chosen += _pick(rng, catalog.verified(error_class), wanted, chosen)
        if len(chosen) < delivered.total:
            last_problem = "the verified sites overlap too much to combine"
            continue
        signature = tuple(sorted((e.start, e.end, e.replacement) for e in chosen))
        if signature in tried:
            continue
        tried.add(signature)
        incorrect = apply_edits(source, chosen)
        lines = final_lines(source, chosen)
        if not readable_as(source, chosen, lines):
            last_problem = "the errors run together in the text (the diff reads them differently)"
            continue
        verdict = judge_sources([(prepared, incorrect)], sandbox)[0]
        if verdict.status != expected:
            last_problem = (f"the combined program shows {verdict.status} "
                            f"({verdict.summary()}) instead of {expected}")
            continue
        placed = sorted((PlacedError(e, line, catalog.verdict(e)) for e, line in
                         zip(chosen, lines, strict=True)), key=lambda p: (p.line, p.edit.start))
        return Composition(request, delivered, incorrect, placed, verdict)
    raise InfeasibleRequest(f"could not combine {delivered.label()} (syntax/runtime/logical) "
                            f"errors in this program: {last_problem}", {}, {})
