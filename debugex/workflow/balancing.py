"""The balance of a batch's mix, made in the parent before the batch exists: each
exercise's candidate sites (unverified: the balance needs where sites are, not their
proof) and its units' requests as a worker will compose them, replayed by
`engine.mix.balanced_by_shape` into the weights each exercise's drafts are drawn with.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..content import load_exercise
from ..engine import Offer, balanced_by_shape, forked_pool, found_sites, phase, sites_kept
from ..injectors import all_injectors, injector_weights
from .drawing import CLASSES
from .planning import GenerateOptions, Unit, replayed_request

SPREAD_SITES = 16  # exercises whose sites are not kept: found on every core from here


def exercise_sites(folder: str) -> tuple[str, str, dict[str, list]]:
    """(slug, program, class -> candidate edits) of one exercise, unverified (the balance
    of the mix needs where sites are, not their proof); none for one that cannot be
    loaded (the composing pass reports why)."""
    try:
        exercise = load_exercise(Path(folder))
        edits = found_sites(exercise.source, exercise.description).edits
    except Exception:  # noqa: BLE001 - the composing pass meets it again and reports it
        return Path(folder).name, "", {}
    return Path(folder).name, exercise.source, {
        c: [e for e in edits if e.error_class == c] for c in CLASSES}


def all_sites(folders: list[str]) -> list[tuple[str, str, dict[str, list]]]:
    """`exercise_sites` of every folder, in order: on every core when many are not kept
    yet (a first run parses every program, about a tenth of a second each; the forked
    processes keep what they find in the cache, where the workers read it)."""
    def kept(folder: str) -> bool:
        try:
            exercise = load_exercise(Path(folder))
        except Exception:  # noqa: BLE001 - exercise_sites says nothing of it either
            return True
        return sites_kept(exercise.source, exercise.description)

    if sum(not kept(f) for f in folders) >= SPREAD_SITES:
        with forked_pool(os.cpu_count() or 1) as pool:
            if pool is not None:
                return pool.map(exercise_sites, folders, chunksize=2)
    return [exercise_sites(f) for f in folders]


def balance(by_slug: dict[str, list[Unit]], folder_of: dict[str, str],
            options: GenerateOptions) -> dict:
    """The weights that keep this batch's mix close to the weights file, per exercise
    (simple scripts and other programs are balanced apart), from each exercise's sites
    and its units' requests as they will be composed (`replayed_request`; see
    engine/mix.py), and what stays short.
    Made in the parent before the batch exists: about a second per hundred exercises
    for the sites, a few more for the replays."""
    with phase("sites"):
        found = all_sites([folder_of[slug] for slug in sorted(by_slug)])
    offers = {slug: Offer(source, edits, [replayed_request(u, source, edits, options)
                                          for u in by_slug[slug]])
              for slug, source, edits in found if source}
    classes = {i.id: i.error_class for i in all_injectors()}
    # the replays (seconds for a large batch) on every core: the workers are not started
    weights_of, short = balanced_by_shape(offers, injector_weights(), classes,
                                          processes=os.cpu_count() or 1)
    rounded = {id(w): {i: round(x, 6) for i, x in sorted(w.items())}
               for w in weights_of.values()}
    return {"weights": {slug: rounded[id(w)] for slug, w in weights_of.items()},
            "shortfalls": short}
