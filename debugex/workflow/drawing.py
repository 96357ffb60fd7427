"""Requests drawn from a distribution: which counts, under --max-per-class and a program.

A distribution weighs how many errors a request has and how likely each class is per
error. `usable_distribution` says whether the options can meet it (the reason when not);
`draw_request` draws one, optionally within what one program can carry.
"""

from __future__ import annotations

import random
from collections import Counter

from ..formats import Request
from ..injectors import class_weights

CLASSES = ("syntax", "runtime", "logical")
DEFAULT_DISTRIBUTION = {
    # how many errors a drawn request has, and how likely each class is per error;
    # teachers often ask for 6 or more, so those get about a quarter of the weight
    "totals": {"1": 2, "2": 3, "3": 3, "4": 3, "5": 2, "6": 2, "7": 2, "8": 1},
    # the class shares of the default injector mix (injectors/weights.toml)
    "classes": class_weights(),
}


MaxPerClass = int | dict[str, int | None] | None  # one limit for all, or one per class


def class_limits(max_per_class: MaxPerClass) -> dict[str, int | None]:
    """The most errors of each class a request may hold (None: no limit)."""
    if isinstance(max_per_class, dict):
        return {c: max_per_class.get(c) for c in CLASSES}
    return {c: max_per_class for c in CLASSES}


def describe_limits(max_per_class: MaxPerClass) -> str:
    limits = class_limits(max_per_class)
    if len(set(limits.values())) == 1:
        return f"at most {limits['syntax']} per class"
    return "at most " + ", ".join(f"{n} {c}" for c, n in limits.items() if n is not None)


def _allowed_classes(distribution: dict, max_per_class: MaxPerClass) -> list[str]:
    limits = class_limits(max_per_class)
    return [c for c in CLASSES if distribution["classes"].get(c, 0) > 0 and limits[c] != 0]


def usable_distribution(distribution: dict, max_per_class: MaxPerClass,
                        given: bool = True) -> dict:
    """The distribution as it can be drawn under max_per_class; ValueError with the reason
    when it cannot be met. A distribution the user gave must be met as a whole; the
    default one loses the totals that cannot be met."""
    classes = _allowed_classes(distribution, max_per_class)
    if not classes:
        raise ValueError(f"--max-per-class ({describe_limits(max_per_class)}) excludes "
                         "every class the distribution uses")
    limits = class_limits(max_per_class)
    most = None if any(limits[c] is None for c in classes) else sum(
        limits[c] or 0 for c in classes)
    totals = {k: v for k, v in distribution["totals"].items() if v > 0}
    unmet = sorted(int(k) for k in totals if most is not None and int(k) > most)
    if unmet and (given or len(unmet) == len(totals)):
        raise ValueError(f"the distribution asks for {unmet[-1]} errors, but with "
                         f"{describe_limits(max_per_class)} over {', '.join(classes)} a "
                         f"request holds at most {most}")
    kept = {k: v for k, v in totals.items() if most is None or int(k) <= most}
    return {"totals": kept, "classes": {c: distribution["classes"][c] for c in classes}}


def draw_request(rng: random.Random, distribution: dict, max_per_class: MaxPerClass,
                 room: int | None = None, offered: dict[str, int] | None = None,
                 total: int | None = None) -> Request | None:
    """A request from the distribution, within max_per_class; with room/offered, one that
    also fits a program (at most `room` errors, at most offered[c] of class c); with
    total, one of exactly that many errors. None when nothing fits."""
    limits = class_limits(max_per_class)
    classes = _allowed_classes(distribution, max_per_class)
    limit = {c: min(limits[c] if limits[c] is not None else 10**6,
                    offered[c] if offered is not None else 10**6) for c in classes}
    limit = {c: n for c, n in limit.items() if n > 0}
    totals = {k: v for k, v in distribution["totals"].items() if v > 0
              and int(k) <= sum(limit.values()) and (room is None or int(k) <= room)}
    if total is not None:
        totals = {str(total): 1} if total <= sum(limit.values()) else {}
    if not totals or not limit:
        return None
    total = int(rng.choices(list(totals), weights=list(totals.values()))[0])
    counts = Counter()
    for _ in range(total):
        open_classes = [c for c in limit if counts[c] < limit[c]]
        weights = [distribution["classes"][c] for c in open_classes]
        counts[rng.choices(open_classes, weights=weights)[0]] += 1
    return Request(*(counts.get(c, 0) for c in CLASSES))
