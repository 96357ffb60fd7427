"""The plan of a `debugex generate` run: its options, the request distribution, every
(exercise, request, seed) unit in a fixed order, the shard each unit belongs to, and the
request each unit is finally composed with once its program's sites are known.

The plan is made up front, so the same arguments and seed always give the same batch and
`--shard I/N` can split it across machines without overlap.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..engine import DEFAULT_MAX_DENSITY, cap, code_lines, max_disjoint
from ..formats import Request
from .drawing import (
    CLASSES,
    DEFAULT_DISTRIBUTION,
    MaxPerClass,
    class_limits,
    draw_request,
    usable_distribution,
)

DEFAULT_PER_EXERCISE = 5  # drafts per exercise of a plain `debugex generate`
DEFAULT_PARTIAL_SHARE = 0.05  # requests answered honestly as partial drafts
MAX_PARTIAL_ASK = 10  # a request grown to exceed a program stops at this many errors


@dataclass(frozen=True)
class Unit:
    """One planned draft: an exercise, a request and the seed that drives it."""

    slug: str
    request: Request
    seed: int
    index: int  # position in the plan
    partial: bool = False  # answer a request this program cannot carry, honestly

    @property
    def key(self) -> str:
        return f"{self.slug}|{self.request.label()}|{self.seed}"


@dataclass
class GenerateOptions:
    content: Path
    slugs: Sequence[str] = ()
    per_exercise: int | None = None
    grid: int | None = None  # max per class for --grid
    max_per_class: MaxPerClass = None  # one limit, or {class: limit}; 0 leaves a class out
    seed: int = 0
    workers: int | None = None
    out: Path = Path("generated")
    shard: tuple[int, int] = (1, 1)
    distribution: dict = field(default_factory=lambda: DEFAULT_DISTRIBUTION)
    max_density: float = DEFAULT_MAX_DENSITY
    allow_same_line: bool = False
    partial_share: float = DEFAULT_PARTIAL_SHARE
    style: str = "teacher"  # explanations: teacher or terse (see debugex.text)
    locations: str = "lines"  # or removed-lines (see debugex.engine.locations)
    # draw injectors with weights balanced over the batch (engine/mix.py), so that the
    # batch's mix stays close to the weights file; `weights` is what the workers use
    balance_mix: bool = True
    weights: dict | None = None
    cluster: str | None = None  # a Dask cluster: local:N or tcp://HOST:PORT (cluster.py)


def load_distribution(path: Path) -> dict:
    """A request distribution from JSON: {"totals": {"1": 4, ...}, "classes": {...}}."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"{path}: cannot be read as JSON ({exc})") from None
    if not isinstance(data, dict) or set(data) != {"totals", "classes"}:
        raise ValueError(f"{path}: needs exactly the keys 'totals' and 'classes'")
    totals, classes = data["totals"], data["classes"]
    if not isinstance(totals, dict) or not totals or not all(
            str(k).isdigit() and int(k) >= 1 and isinstance(v, int | float) and v >= 0
            for k, v in totals.items()):
        raise ValueError(f"{path}: 'totals' maps error counts (1, 2, ...) to weights")
    if not isinstance(classes, dict) or not classes or not set(classes) <= {
            "syntax", "runtime", "logical"} or not all(
            isinstance(v, int | float) and v >= 0 for v in classes.values()):
        raise ValueError(f"{path}: 'classes' maps syntax/runtime/logical to weights")
    if not sum(totals.values()) or not sum(classes.values()):
        raise ValueError(f"{path}: the weights must not all be zero")
    return {"totals": {str(k): v for k, v in totals.items()}, "classes": dict(classes)}


def plan(slugs: Sequence[str], options: GenerateOptions) -> list[Unit]:
    """Every unit of the whole job (all shards), in a fixed order."""
    units: list[Unit] = []
    distribution = None
    rate = {slug: options.partial_share for slug in slugs}
    if options.grid is None:
        distribution = usable_distribution(options.distribution, options.max_per_class,
                                           options.distribution is not DEFAULT_DISTRIBUTION)
        rate = partial_rates(slugs, options)
    for slug in slugs:
        rng = random.Random(f"{options.seed}|{slug}")
        honest = random.Random(f"{options.seed}|{slug}|partial")
        if options.grid is not None:
            top = options.grid
            requests = [Request(*c) for c in itertools.product(range(top + 1), repeat=3)
                        if sum(c) >= 1]
            limits = class_limits(options.max_per_class)
            requests = [r for r in requests if all(limits[c] is None or r.count(c) <= limits[c]
                                                   for c in CLASSES)]
        else:
            requests = [draw_request(rng, distribution, options.max_per_class)
                        for _ in range(options.per_exercise or 1)]
        for request in requests:
            units.append(Unit(slug, request, rng.randrange(2**31), len(units),
                              partial=honest.random() < rate[slug]))
    return units


def partial_rates(slugs: Sequence[str], options: GenerateOptions) -> dict[str, float]:
    """How likely each exercise's drawn request is to be made a partial one.

    Only a program whose density cap is under MAX_PARTIAL_ASK can be asked for more than
    it carries by a request a teacher would write, so those exercises take the whole
    --partial-share of the batch between them."""
    def small(slug: str) -> bool:
        try:
            source = (Path(options.content) / slug / "correct.py").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return False
        return cap(len(code_lines(source)), options.max_density) < MAX_PARTIAL_ASK

    eligible = [s for s in slugs if small(s)]
    share = min(1.0, options.partial_share * len(slugs) / len(eligible)) if eligible else 0.0
    return {s: share if s in eligible else 0.0 for s in slugs}


def check_options(options: GenerateOptions) -> None:
    """ValueError with the reason when the options cannot give any request as asked."""
    if options.grid is not None:
        limits = class_limits(options.max_per_class)
        if all(limits[c] == 0 for c in CLASSES):
            raise ValueError("--max-per-class 0 leaves no request in the grid")
        return
    usable_distribution(options.distribution, options.max_per_class,
                        options.distribution is not DEFAULT_DISTRIBUTION)


def in_shard(unit: Unit, shard: tuple[int, int]) -> bool:
    index, count = shard
    digest = int(hashlib.sha1(unit.key.encode()).hexdigest()[:8], 16)
    return digest % count == index - 1


# -- a unit's request, fitted to the sites its program offers --------------------------

def fit_request(unit: Unit, offered: dict[str, int], room: int,
                options: GenerateOptions, fresh: dict[str, int] | None = None
                ) -> tuple[Request, str]:
    """The request to compose and where it comes from: 'drawn' (as planned), 'redrawn'
    (the drawn one did not fit this program, or needed edits that earlier drafts of the
    exercise already use: drawn again among those that fit) or 'partial' (a request this
    program cannot carry, to be answered honestly). `fresh`: per class, the sites no
    draft of this exercise has used yet."""
    request, origin = _fit(unit, offered, room, options)
    if (origin == "partial" or options.grid is not None or fresh is None
            or all(request.count(c) <= fresh[c] for c in CLASSES)):
        return request, origin
    # Same number of errors, classes drawn again among the fresh sites, so that an edit
    # is reused only when no split of the request can do without.
    distribution = usable_distribution(options.distribution, options.max_per_class, False)
    split = draw_request(random.Random(f"fresh|{unit.seed}"), distribution,
                         options.max_per_class, room, fresh, total=request.total)
    return (split, "redrawn") if split is not None else (request, origin)


def replayed_request(unit: Unit, source: str, edits: Mapping[str, Sequence],
                     options: GenerateOptions) -> Request:
    """The request the balance of the mix replays for `unit` (`engine.mix`): as a worker
    will compose it, fitted to the density cap and to what the program offers
    (`fit_request`, its candidate sites standing for the verified ones: about 98% verify),
    a request the program cannot carry cut down as `compose` cuts it (each class to what
    it offers, then the largest class until the cap holds). Replayed as drawn, a draft of
    a short script asked about a third more errors than it is composed with, and the
    balance corrected for fresh sites running out faster than they do."""
    room = cap(len(code_lines(source)), options.max_density)
    offered = {c: max_disjoint(edits.get(c, ())) for c in CLASSES}
    request, origin = fit_request(unit, offered, room, options)
    if origin != "partial" and options.grid is None:
        return request
    counts = {c: min(request.count(c), offered[c]) for c in CLASSES}
    while sum(counts.values()) > room:
        counts[max(CLASSES, key=lambda c: counts[c])] -= 1
    return Request(**counts)


def _fit(unit: Unit, offered: dict[str, int], room: int,
         options: GenerateOptions) -> tuple[Request, str]:
    request = unit.request

    def fits(r: Request) -> bool:
        return r.total <= room and all(r.count(c) <= offered[c] for c in CLASSES)

    if unit.partial:
        if not fits(request):
            return request, "partial"
        if options.grid is None:
            grown = _grow(unit, options, offered, room)
            if grown is not None:
                return grown, "partial"
        return request, "drawn"
    if fits(request) or options.grid is not None:
        return request, "drawn"
    distribution = usable_distribution(options.distribution, options.max_per_class, False)
    redrawn = draw_request(random.Random(f"refit|{unit.seed}"), distribution,
                           options.max_per_class, room, offered)
    return (redrawn, "redrawn") if redrawn is not None else (request, "drawn")


def _grow(unit: Unit, options: GenerateOptions, offered: dict[str, int], room: int
          ) -> Request | None:
    """The drawn request made just too large for the program, the cheapest way: one class
    past the sites it offers, or the total past the density cap (errors added by class
    weight), whichever needs fewer errors. None when that takes over MAX_PARTIAL_ASK."""
    rng = random.Random(f"grow|{unit.seed}")
    counts = Counter(unit.request.as_dict())
    weights = {c: w for c, w in options.distribution["classes"].items() if w > 0}
    limits = class_limits(options.max_per_class)

    def room_in(c: str) -> int:  # errors class c may still take under --max-per-class
        return 10**6 if limits[c] is None else limits[c] - counts[c]

    over_class = sorted((offered[c] - counts[c] + 1, rng.random(), c) for c in weights
                        if offered[c] - counts[c] + 1 <= room_in(c))
    over_total = room - sum(counts.values()) + 1
    if over_class and over_class[0][0] < over_total:
        need, _, chosen = over_class[0]
        counts[chosen] += need
    else:
        for _ in range(max(over_total, 0)):
            open_classes = [c for c in weights if room_in(c) > 0]
            if not open_classes:
                return None
            counts[rng.choices(open_classes, weights=[weights[c] for c in open_classes])[0]] += 1
    request = Request(*(counts[c] for c in CLASSES))
    fits = request.total <= room and all(request.count(c) <= offered[c] for c in CLASSES)
    return None if fits or request.total > MAX_PARTIAL_ASK else request


def composition_settings(options: GenerateOptions) -> dict:
    """What a worker needs of the options to compose (sent with each exercise's units)."""
    return {"grid": options.grid, "max_per_class": options.max_per_class,
            "distribution": options.distribution, "max_density": options.max_density,
            "allow_same_line": options.allow_same_line, "style": options.style,
            # only when asked: the default batch id (a digest of these) stays as it was
            **({"locations": options.locations} if options.locations != "lines" else {})}
