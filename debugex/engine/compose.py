"""Choose verified edits for a request, combine them, and prove the combination.

Each edit has been verified alone (see `sites.SiteCatalog`); composition picks, per
class, edits that never overlap, on different lines (shared only when nothing else
fits), preferring edits no other draft used, then different statements, injectors and
blocks (see `pick`); a program of L code lines carries at most L * max_density errors. It then runs
the combined program: with a syntax error it must not compile, else with a runtime error
it must raise on some scenario, else its output must differ; and, with several errors,
the programs a student meets while fixing them must behave (see `interplay`). A
selection that fails is replaced by another, a bounded number of times per phase.
"""

from __future__ import annotations

import json
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..changes import readable_as
from ..formats import Request
from ..injectors import ERROR_CLASSES, LOGICAL, RUNTIME, SYNTAX, Edit, apply_edits, injector_weights
from ..sandbox import Sandbox
from .density import (
    DEFAULT_MAX_DENSITY,
    Density,
    cap,
    code_lines,
    describe_density,
    layout_of,
)
from .interplay import Interplay, analyse
from .locations import in_block, located_lines
from .partial import Shortfall
from .pick import PICK_ORDER, Place, Pool, edit_signature, pick
from .renumber import renumbered
from .seeds import under_seeds
from .sites import SiteCatalog
from .verify import Prepared, Verdict, judge_sources

__all__ = ["ComposeOptions", "Composition", "InfeasibleRequest", "PlacedError", "compose",
           "feasible", "final_lines", "top_class"]

ATTEMPTS = 6  # selections tried per phase (fresh edits only; reused edits; shared lines)
MAX_USES = 2  # an edit serves at most this many drafts sharing one `used` (a generate task)


class InfeasibleRequest(ValueError):
    """The program cannot carry the requested errors; says which class falls short."""

    def __init__(self, message: str, shortfall: dict[str, int], offered: dict[str, int],
                 interplay_failures: int = 0):
        super().__init__(message)
        self.shortfall = shortfall
        self.offered = offered
        self.interplay_failures = interplay_failures  # selections dropped on the way


@dataclass
class ComposeOptions:
    """How a request is composed beyond the classes: density, spread, variety, interplay."""

    max_density: float | None = DEFAULT_MAX_DENSITY  # None: no cap
    allow_same_line: bool = False  # else two errors share a line only as a last resort
    used: Mapping[tuple, int] = field(default_factory=dict)  # edit_signature -> drafts using it
    interplay: bool = True  # check fix-one and fix-in-order programs
    # injector -> weight for drawing; None: the weights file (generate passes the weights
    # balanced over its batch, see engine/mix.py)
    weights: Mapping[str, float] | None = None


@dataclass(frozen=True)
class PlacedError:
    """One error of a finished exercise: its edit, where it is now, its proof."""

    edit: Edit
    line: int  # in the incorrect program
    verdict: Verdict  # the edit alone, its lines numbered as in the incorrect program


@dataclass
class Composition:
    request: Request  # what was asked
    delivered: Request  # what was injected (less than asked only with allow_partial)
    source: str  # the incorrect program
    errors: list[PlacedError] = field(default_factory=list)
    combined: Verdict | None = None  # the proof of the whole program
    density: Density | None = None
    interplay: Interplay | None = None
    interplay_failures: int = 0  # selections dropped because their errors hid each other
    repeated: int = 0  # edits already used by another draft of the batch
    same_line: bool = False  # two errors share a line (only when nothing else fitted)
    shortfall: Shortfall | None = None  # why a partial answer is partial

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


def describe_offer(catalog: SiteCatalog, error_class: str, limit: int = 8) -> str:
    edits = catalog.verified(error_class)
    shown = [f"{e.injector} at line {e.line}" for e in edits[:limit]]
    more = f" and {len(edits) - limit} more" if len(edits) > limit else ""
    return ", ".join(shown) + more if shown else "none"


def feasible(catalog: SiteCatalog, request: Request, allow_partial: bool,
             max_density: float | None = None) -> Request:
    """The counts that can be delivered; raises InfeasibleRequest unless partial is allowed.

    With max_density, a program of L code lines carries at most floor(L * max_density)."""
    offered = catalog.offered
    shortfall = {c: request.count(c) - offered[c] for c in ERROR_CLASSES
                 if request.count(c) > offered[c]}
    parts = []
    for c, missing in shortfall.items():
        sites = len(catalog.verified(c))  # listed below; `offered` fit together
        together = f", of which {offered[c]} can be used together" \
            if sites != offered[c] else ""
        parts.append(f"asked for {request.count(c)} {c} error"
                     f"{'s' if request.count(c) != 1 else ''}; this program offers "
                     f"{sites} verifiable {c} site{'s' if sites != 1 else ''}{together}"
                     f" ({missing} short): {describe_offer(catalog, c)}")
    limit = None
    if max_density is not None:
        lines = len(code_lines(catalog.prepared.exercise.source))
        limit = cap(lines, max_density)
        if request.total > limit:
            parts.append(f"asked for {request.total} errors; this program has {lines} lines "
                         f"of code, which hold at most {limit} at "
                         f"{describe_density(max_density)}")
    if parts and not allow_partial:
        raise InfeasibleRequest("; ".join(parts), shortfall, offered)
    counts = {c: min(request.count(c), offered[c]) for c in ERROR_CLASSES}
    while limit is not None and sum(counts.values()) > limit:
        counts[max(ERROR_CLASSES, key=lambda c: counts[c])] -= 1  # trim the largest class
    delivered = Request(**counts)
    if delivered.total == 0:
        raise InfeasibleRequest(
            "this program offers no verifiable site for any requested class "
            f"({', '.join(f'{c}: {offered[c]}' for c in ERROR_CLASSES)})"
            + (f" or no room for one error ({limit} allowed)" if limit == 0 else ""),
            {c: request.count(c) for c in ERROR_CLASSES if request.count(c)}, offered)
    return delivered


def top_class(request: Request) -> str:
    for error_class in (SYNTAX, RUNTIME, LOGICAL):
        if request.count(error_class):
            return error_class
    raise ValueError("empty request")


def compose(catalog: SiteCatalog, request: Request, seed: int, sandbox: Sandbox,
            allow_partial: bool = False, options: ComposeOptions | None = None
            ) -> Composition:
    """Pick, combine and prove edits for the request; byte-identical for the same seed.

    With allow_partial, a request over what the program offers (or over the density cap)
    is trimmed, and a combination that cannot be proven is retried with one error fewer
    (from the largest class) until one can; the Composition's shortfall says why."""
    options = options or ComposeOptions()
    delivered = feasible(catalog, request, allow_partial, options.max_density)
    first_delivered = delivered
    dropped = 0
    while True:
        try:
            composition = _compose(catalog, request, delivered, seed, sandbox, options)
            break
        except InfeasibleRequest as exc:
            dropped += exc.interplay_failures
            if not allow_partial or delivered.total <= 1:
                exc.interplay_failures = dropped
                raise
            counts = delivered.as_dict()
            largest = max(ERROR_CLASSES, key=lambda c: counts[c])
            counts[largest] -= 1
            delivered = Request(**counts)
    composition.interplay_failures += dropped
    if composition.partial:
        lines = len(code_lines(catalog.prepared.exercise.source))
        composition.shortfall = Shortfall(request, delivered, dict(catalog.offered), lines,
                                          options.max_density,
                                          combine=delivered != first_delivered)
    return composition


def _readable(prepared: Prepared, edits: Sequence[Edit], lines: Sequence[int]) -> bool:
    """`readable_as` for the exercise's program, remembered on disk: the answer depends
    only on the program, the edits and their lines (and the diffing code, which is part
    of the log's key), and a repeated run meets the same selections again."""
    key = json.dumps(sorted([e.start, e.end, e.replacement, line]
                            for e, line in zip(edits, lines, strict=True)))
    known = prepared.readable.get(key)
    if known is not None:
        return known["readable"]
    answer = readable_as(prepared.exercise.source, edits, lines)
    prepared.readable.put_many([(key, {"readable": answer})])
    return answer


def _phases(options: ComposeOptions) -> list[tuple[bool, bool]]:
    """(fresh edits only, lines may be shared), from the most to the least preferred."""
    phases = [(True, options.allow_same_line), (False, options.allow_same_line)]
    if not options.allow_same_line:
        phases.append((False, True))
    return phases


def _compose(catalog: SiteCatalog, request: Request, delivered: Request, seed: int,
             sandbox: Sandbox, options: ComposeOptions) -> Composition:
    prepared = catalog.prepared
    source = prepared.exercise.source
    rng = random.Random(f"{seed}|{catalog.key}|{request.label()}|{delivered.label()}")
    expected = top_class(delivered)
    layout = layout_of(source)
    lines_of_code = len(code_lines(source))
    tried: set[tuple] = set()
    last_problem = "no combination found"
    dropped = 0
    weights = options.weights if options.weights is not None else injector_weights()
    used = options.used
    # Each class's edits with how many drafts already use them, counted once for all phases.
    wanted = [([(e, used.get(edit_signature(e), 0)) for e in catalog.verified(c)], count)
              for c in PICK_ORDER if (count := delivered.count(c))]
    facts: dict = {}  # shared by the phases' places: an edit's facts do not change
    for fresh_only, same_line_ok in _phases(options):
        place = Place(layout, used, same_line_ok, facts)
        most = 1 if fresh_only else MAX_USES  # edits used fewer times than this
        pools = [(Pool.of([e for e, uses in edits if uses < most], weights), count)
                 for edits, count in wanted]
        short = [(pool, count, edits) for (pool, count), (edits, _) in zip(pools, wanted,
                                                                           strict=True)
                 if len(pool.edits) < count]
        if short:
            # Too few edits of a class in this phase: every attempt would come up short.
            # The same draws are made (later phases go on from the same random state).
            pool, count, edits = short[0]
            kind = edits[0][0].error_class if edits else "such"
            last_problem = (f"{len(edits)} verified {kind} edits, and earlier drafts of this "
                            f"exercise have used up {len(edits) - len(pool.edits)} of them "
                            f"(an edit serves at most {most} drafts)")
            draws = ATTEMPTS * sum(len(pool.edits) for pool, _ in pools)
            for _ in range(draws):
                rng.random()
            continue
        for _ in range(ATTEMPTS):
            chosen: list[Edit] = []
            for pool, count in pools:
                chosen += pick(rng, pool, count, chosen, place)
            if len(chosen) < delivered.total:
                last_problem = "the verified sites overlap too much to combine"
                continue
            signature = tuple(sorted(edit_signature(e) for e in chosen))
            if signature in tried:
                continue
            tried.add(signature)
            incorrect = apply_edits(source, chosen)
            diffed = final_lines(source, chosen)
            lines = located_lines(source, chosen, diffed)  # a removal stays in its block
            if not same_line_ok and len(set(lines)) < len(lines):
                last_problem = "the errors would share a line"
                continue
            if not _readable(prepared, chosen, diffed):
                last_problem = "the errors run together in the text (the diff reads them differently)"
                continue
            verdict = judge_sources([(prepared, incorrect)], sandbox)[0]
            if verdict.status == expected:  # a random program: the class under every seed
                verdict = under_seeds(prepared, [incorrect], [verdict], sandbox)[0]
            if verdict.status != expected:
                last_problem = (f"the combined program shows {verdict.status} "
                                f"({verdict.summary()}) instead of {expected}")
                continue
            interplay = None
            if options.interplay and len(chosen) > 1:
                interplay = analyse(prepared, chosen, lines, sandbox)
                if not interplay.ok:
                    dropped += 1
                    last_problem = "the errors hide each other: " + interplay.failures[0]
                    continue
            placed = sorted((PlacedError(in_block(source, e), line,
                                         renumbered(catalog.verdict(e), source, chosen, n))
                             for n, (e, line) in enumerate(zip(chosen, lines, strict=True))),
                            key=lambda p: (p.line, p.edit.start))
            return Composition(
                request, delivered, incorrect, placed, verdict,
                density=Density(lines_of_code, options.max_density, len(chosen)),
                interplay=interplay, interplay_failures=dropped,
                repeated=sum(options.used.get(edit_signature(e), 0) > 0 for e in chosen),
                same_line=len(set(lines)) < len(lines))
    raise InfeasibleRequest(f"could not combine {delivered.label()} (syntax/runtime/logical) "
                            f"errors in this program: {last_problem}", {}, {}, dropped)
