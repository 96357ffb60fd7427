"""Keep a batch's mix of injectors close to the weights file.

Composition draws injectors by their weight among the sites an exercise offers, so an
injector that only a few programs can hold is drawn less than its weight over a batch,
and one that every program offers (a misspelt name, a changed output text) more. Before a
batch is composed, `balanced_weights` scales every weight so that the batch's expected
mix matches the weights file: each exercise's requests of a class are spread over the
injectors it offers in proportion to the scaled weights, and the scale factors are
fitted by iterative proportional fitting. `shortfalls` names what cannot be balanced:
an injector that too few exercises offer for its share.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

ROUNDS = 60
MAX_SCALE = 25.0  # no weight is raised more than this: a rare site is not a quota


@dataclass(frozen=True)
class Demand:
    """One exercise: how many errors of each class its drafts ask for, and the verified
    sites of each class per injector (how many can serve)."""

    wanted: Mapping[str, int]  # class -> errors asked over all its drafts
    offered: Mapping[str, Mapping[str, int]]  # class -> injector -> verified sites


def expected_counts(demands: Sequence[Demand], weights: Mapping[str, float]
                    ) -> dict[str, float]:
    """How many errors each injector is expected to get when each exercise spreads its
    requests of a class over the injectors it offers, in proportion to their weight and
    never more than its sites."""
    counts: dict[str, float] = {}
    for demand in demands:
        for error_class, wanted in demand.wanted.items():
            sites = {i: n for i, n in demand.offered.get(error_class, {}).items()
                     if n > 0 and weights.get(i, 0) > 0}
            _spread(wanted, sites, weights, counts)
    return counts


def _spread(wanted: float, sites: Mapping[str, int], weights: Mapping[str, float],
            counts: dict[str, float]) -> None:
    """Water-filling: proportional to weight, an injector full at its site count gives
    its excess to the others."""
    open_ = dict(sites)
    left = float(wanted)
    while left > 1e-9 and open_:
        total = sum(weights[i] for i in open_)
        full = {i for i, n in open_.items() if left * weights[i] / total >= n}
        if not full:
            for i in open_:
                counts[i] = counts.get(i, 0.0) + left * weights[i] / total
            return
        for i in full:
            counts[i] = counts.get(i, 0.0) + open_[i]
            left -= open_.pop(i)


def balanced_weights(demands: Sequence[Demand], weights: Mapping[str, float],
                     classes: Mapping[str, str]) -> dict[str, float]:
    """Weights scaled so that the expected mix of the batch matches `weights` within
    each class (`classes` maps an injector to its class). An injector no exercise
    offers keeps its weight."""
    target = _targets(demands, weights, classes)
    scaled = {i: w for i, w in weights.items() if w > 0}
    for _ in range(ROUNDS):
        got = expected_counts(demands, scaled)
        changed = False
        for injector, want in target.items():
            have = got.get(injector, 0.0)
            if have <= 0 or want <= 0:
                continue
            new = min(scaled[injector] * want / have, weights[injector] * MAX_SCALE)
            changed |= abs(new - scaled[injector]) > 1e-6 * scaled[injector]
            scaled[injector] = new
        if not changed:
            break
    return scaled


def _targets(demands: Sequence[Demand], weights: Mapping[str, float],
             classes: Mapping[str, str]) -> dict[str, float]:
    """Each class's requested errors shared out by the weights file."""
    asked: dict[str, float] = {}
    for demand in demands:
        for error_class, wanted in demand.wanted.items():
            asked[error_class] = asked.get(error_class, 0) + wanted
    totals: dict[str, float] = {}
    for injector, weight in weights.items():
        totals[classes[injector]] = totals.get(classes[injector], 0.0) + max(weight, 0)
    return {i: asked.get(classes[i], 0) * w / totals[classes[i]]
            for i, w in weights.items() if w > 0 and totals[classes[i]] > 0}


def shortfalls(demands: Sequence[Demand], weights: Mapping[str, float],
               scaled: Mapping[str, float], classes: Mapping[str, str],
               least: float = 0.002) -> dict[str, dict[str, float]]:
    """Injectors expected below their share even with the scaled weights, by at least
    `least` of all errors: {injector: {"share", "expected", "exercises"}}."""
    target = _targets(demands, weights, classes)
    got = expected_counts(demands, scaled)
    total = sum(target.values()) or 1.0
    found = {}
    for injector, want in sorted(target.items()):
        gap = (want - got.get(injector, 0.0)) / total
        if gap >= least:
            found[injector] = {
                "share": round(want / total, 4),
                "expected": round(got.get(injector, 0.0) / total, 4),
                "exercises": sum(any(per.get(injector, 0) > 0 for per in d.offered.values())
                                 for d in demands)}
    return found
