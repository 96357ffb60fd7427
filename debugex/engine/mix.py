"""Keep a batch's mix of injectors close to the weights file.

Composition draws injectors by their weight only among equally good places: a pick first
prefers a new line, an edit no other draft of the exercise used, a new statement, injector
and block (`pick.Place.key`), and an exercise offers only some injectors. So an injector
that few programs hold, or that has few sites, is drawn below its weight over a batch,
and one with sites on every line (a misspelt name, a changed output text) above it.

Before a batch is composed, `balanced_weights` replays the batch's picks (`simulated_counts`:
the same `pick` over each exercise's candidate sites, its requests largest first, classes
in `PICK_ORDER`, fresh edits first, without running anything: about 98% of sites verify,
so where the sites are is known before any is proven) and scales each weight by how far
its injector fell short of or beyond its share, a few rounds. `shortfalls` names the injectors that
stay short even then, how many exercises offer them and how many fresh edits of them the
batch holds: where those are fewer than the injector's share, the reuse rule (an edit no
other draft used first) wins over the weights; else the spread and variety rules do.
The weights act only among equally good places, so no scale is too large: an injector
the preferences never reach stays short however it is weighted.
"""

from __future__ import annotations

import ast
import random
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from ..formats import Request
from ..injectors import Edit
from .density import layout_of
from .forking import forked_pool
from .pick import PICK_ORDER, Place, Pool, edit_signature, pick

ROUNDS = 8
# A simple script: at most this many functions and code lines (print-heavy programs with
# few computations, like most of a teacher's first exercises). Its drafts are balanced
# apart from the other programs' (`balanced_by_shape`): balanced together, the few
# logical sites of simple scripts were used up and their logical errors filled with
# changed output text, while the longer programs made up the batch's total.
SIMPLE_FUNCTIONS, SIMPLE_LINES = 1, 15
# Rounds of the balance for simple scripts: their few sites of each kind run out within
# a batch, so the weights take longer to settle; replayed over many seeds, 8 rounds left
# them about 0.06 from the weights by injector where 16 leave 0.05 (24 no better), and
# their replay is short (few exercises, short programs).
SIMPLE_ROUNDS = 16
STEP = 0.8  # how much of a round's correction to take (the replay is itself random)
# No weight moves further than this factor. Weights only break ties between equally good
# places (`pick.Place.key`), so a large factor cannot override a rule; a factor of 25
# left short some injectors that a larger one lifts.
MAX_SCALE = 1000.0
SPREAD_FROM = 24  # exercises: below this, forking costs more than the replay


@dataclass(frozen=True)
class Offer:
    """One exercise: its program, its candidate edits per class, what its drafts ask."""

    source: str
    edits: Mapping[str, Sequence[Edit]]  # class -> candidate edits
    requests: Sequence[Request]


def simulated_counts(offers: Sequence[Offer], weights: Mapping[str, float],
                     seed: int = 0, first: int = 0) -> Counter:
    """How many errors each injector gets when the batch's picks are replayed (`first`:
    the number of the first offer in the batch: each exercise draws from its own random
    stream, so any slice of the batch is replayed as in the whole)."""
    counts: Counter = Counter()
    for number, offer in enumerate(offers, first):
        layout = layout_of(offer.source)
        used: Counter = Counter()
        rng = random.Random(f"mix|{seed}|{number}")
        # What a pick reads of each edit, kept across this exercise's requests: only the
        # edits a request takes change (they are used now), and they are read again.
        facts: dict = {}
        whole: dict[str, Pool] = {}  # each class's pool of all its edits
        for request in sorted(offer.requests, key=lambda r: -r.total):
            place = Place(layout, used, False, facts)
            chosen: list[Edit] = []
            for error_class in PICK_ORDER:
                count = request.count(error_class)
                edits = list(offer.edits.get(error_class, ()))
                if not count or not edits:
                    continue
                fresh = [e for e in edits if not used[edit_signature(e)]]
                if len(fresh) >= count and len(fresh) < len(edits):
                    pool = Pool.of(fresh, weights)
                else:  # every edit: the same pool for every request
                    pool = whole.get(error_class) or whole.setdefault(
                        error_class, Pool.of(edits, weights))
                chosen += pick(rng, pool, count, chosen, place)
            counts.update(e.injector for e in chosen)
            taken = {edit_signature(e) for e in chosen}
            used.update(edit_signature(e) for e in chosen)
            for key in [k for k, fact in facts.items() if edit_signature(fact[0]) in taken]:
                del facts[key]
    return counts


def _targets(counts: Counter, weights: Mapping[str, float],
             classes: Mapping[str, str]) -> dict[str, float]:
    """Each class's errors, as replayed, shared out by the weights file."""
    per_class: Counter = Counter()
    for injector, n in counts.items():
        per_class[classes[injector]] += n
    totals: Counter = Counter()
    for injector, weight in weights.items():
        totals[classes[injector]] += max(weight, 0.0)
    return {i: per_class[classes[i]] * w / totals[classes[i]]
            for i, w in weights.items() if w > 0 and totals[classes[i]] > 0}


Replay = Callable[[Mapping[str, float], int], Counter]  # (weights, seed) -> counts


def replayer(offers: Sequence[Offer]) -> Replay:
    """The replay of these offers in this process."""
    return lambda weights, seed: simulated_counts(offers, weights, seed)


_FORKED: Sequence[Offer] = ()  # the offers a forked replay process reads


def _replay_slice(task: tuple) -> Counter:
    start, stop, weights, seed = task
    return simulated_counts(_FORKED[start:stop], weights, seed, first=start)


@contextmanager
def spread_replay(offers: Sequence[Offer], processes: int) -> Iterator[Replay]:
    """The replay of these offers spread over `processes` forked processes (the same
    counts: each exercise replays alone); in this process for one, for a small batch, or
    where forking is not safe (`forking.py`)."""
    global _FORKED
    if len(offers) < SPREAD_FROM:
        yield replayer(offers)
        return
    _FORKED = offers  # read by the forked processes, never sent
    step = -(-len(offers) // (processes * 4))  # small slices: the exercises differ
    slices = [(i, min(i + step, len(offers))) for i in range(0, len(offers), step)]
    try:
        with forked_pool(processes) as pool:
            if pool is None:
                yield replayer(offers)
                return

            def replay(weights: Mapping[str, float], seed: int) -> Counter:
                weights = dict(weights)
                return sum(pool.map(_replay_slice, [(a, b, weights, seed) for a, b in slices]),
                           Counter())
            yield replay
    finally:
        _FORKED = ()


def balanced_weights(offers: Sequence[Offer], weights: Mapping[str, float],
                     classes: Mapping[str, str], rounds: int = ROUNDS,
                     replay: Replay | None = None) -> dict[str, float]:
    """Weights scaled so that the replayed batch's mix within each class comes close to
    `weights` (`classes` maps an injector to its class). An injector no exercise offers
    keeps its weight. `replay`: how the batch is replayed (`spread_replay`)."""
    replay = replay or replayer(offers)
    scaled = {i: w for i, w in weights.items() if w > 0}
    offered = _offered(offers)
    for round_ in range(rounds):
        counts = replay(scaled, round_)
        for injector, want in _targets(counts, weights, classes).items():
            have = counts.get(injector, 0)
            if want <= 0 or (have == 0 and injector not in offered):
                continue
            factor = (want / max(have, 0.5)) ** STEP
            base = weights[injector]
            scaled[injector] = min(max(scaled[injector] * factor, base / MAX_SCALE),
                                   base * MAX_SCALE)
    return scaled


def _offered(offers: Sequence[Offer]) -> set[str]:
    return {e.injector for offer in offers for edits in offer.edits.values() for e in edits}


def shortfalls(offers: Sequence[Offer], weights: Mapping[str, float],
               scaled: Mapping[str, float], classes: Mapping[str, str],
               least: float = 0.002, replay: Replay | None = None
               ) -> dict[str, dict[str, float]]:
    """Injectors the replayed batch still draws below their share, by at least `least`
    of all errors: {injector: {"share", "expected", "exercises", "fresh", "wanted"}}:
    `fresh` is how many errors its fresh edits can give at most (per exercise, its
    distinct edits up to what the exercise's drafts ask of its class), `wanted` how many
    its share asks for; fresh < wanted means the reuse rule wins over its weight."""
    counts = (replay or replayer(offers))(scaled, ROUNDS)
    total = sum(counts.values()) or 1
    holders: Counter = Counter()  # how many exercises offer each injector
    for offer in offers:
        holders.update({e.injector for edits in offer.edits.values() for e in edits})
    found = {}
    for injector, want in sorted(_targets(counts, weights, classes).items()):
        gap = (want - counts.get(injector, 0)) / total
        if gap >= least:
            found[injector] = {
                "share": round(want / total, 4),
                "expected": round(counts.get(injector, 0) / total, 4),
                "exercises": holders[injector],
                "fresh": fresh_capacity(offers, injector, classes[injector]),
                "wanted": round(want, 1)}
    return found


def fresh_capacity(offers: Sequence[Offer], injector: str, error_class: str) -> int:
    """The most errors `injector` can get from edits no other draft of their exercise
    used: per exercise, its distinct edits, but no more than the drafts ask of its class."""
    total = 0
    for offer in offers:
        distinct = {edit_signature(e) for e in offer.edits.get(error_class, ())
                    if e.injector == injector}
        total += min(len(distinct), sum(r.count(error_class) for r in offer.requests))
    return total


def is_simple_script(source: str) -> bool:
    """At most one function and at most 15 code lines (blank lines and comments aside)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    functions = sum(isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
                    for n in ast.walk(tree))
    code = [line for line in source.splitlines()
            if line.strip() and not line.strip().startswith("#")]
    return functions <= SIMPLE_FUNCTIONS and len(code) <= SIMPLE_LINES


def balanced_by_shape(offers: Mapping[str, Offer], weights: Mapping[str, float],
                      classes: Mapping[str, str], processes: int = 1
                      ) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, float]]]:
    """Per exercise (by slug), the weights that keep the mix of its shape of program
    (simple scripts, other programs) close to `weights`, each shape balanced on its own;
    and the shortfalls of both shapes together (`shortfalls`, its counts added up, its
    shares of the whole batch). `processes`: the replays spread over so many (the same
    counts, `spread_replay`)."""
    groups: dict[bool, list[str]] = {}
    for slug, offer in offers.items():
        groups.setdefault(is_simple_script(offer.source), []).append(slug)
    weights_of: dict[str, dict[str, float]] = {}
    short: dict[str, dict[str, float]] = {}
    totals = {simple: sum(sum(r.total for r in offers[s].requests) for s in slugs)
              for simple, slugs in groups.items()}
    everything = sum(totals.values()) or 1
    for simple, slugs in sorted(groups.items()):
        group = [offers[s] for s in slugs]
        with spread_replay(group, processes) as replay:
            balanced = balanced_weights(group, weights, classes, replay=replay,
                                        rounds=SIMPLE_ROUNDS if simple else ROUNDS)
            rows = shortfalls(group, weights, balanced, classes, replay=replay)
        for slug in slugs:
            weights_of[slug] = balanced
        part = totals[simple] / everything
        for injector, row in rows.items():
            merged = short.setdefault(injector, dict.fromkeys(row, 0.0))
            for key, value in row.items():
                merged[key] += value * part if key in ("share", "expected") else value
    return weights_of, {i: {k: round(v, 4) for k, v in row.items()} for i, row in short.items()}
