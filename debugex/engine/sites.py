"""Every candidate edit of one exercise, verified once and kept for every request."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from functools import cached_property

from ..content import Exercise
from ..injectors import ERROR_CLASSES, Edit
from ..sandbox import Sandbox
from .cache import cache_dir, note_lookup
from .entries import catalog_ok
from .offer import offered_edits
from .prepared_cache import (
    exercise_key,
    prepared_for,
    prepared_from_json,
    prepared_to_json,
    read_sealed,
    write_sealed,
)
from .seeds import under_seeds
from .site_cache import found_sites
from .verify import Prepared, Verdict, verify_edits


def max_disjoint(edits: Sequence[Edit]) -> int:
    """How many of these edits can be used together (greedy by end: interval scheduling)."""
    chosen: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.end, e.start)):
        # Chosen edits come in order of their end, and an edit can only overlap one that
        # ends at or after its start: look back no further than that.
        for c in reversed(chosen):
            if c.end < edit.start:
                chosen.append(edit)
                break
            if edit.overlaps(c):
                break
        else:
            chosen.append(edit)
    return len(chosen)


class SiteCatalog:
    """The verified sites of one exercise, grouped by the class they proved to be."""

    def __init__(self, prepared: Prepared, edits: list[Edit], verdicts: list[Verdict]):
        self.prepared = prepared
        self.edits = edits
        self._verdicts = {e: v for e, v in zip(edits, verdicts, strict=True)}
        self._by_class = {c: [e for e in edits if self._verdicts[e].status == c == e.error_class]
                          for c in ERROR_CLASSES}
        exercise = prepared.exercise
        scenario_text = repr([(s.name, s.stdin) + ((s.calls,) if s.calls else ())
                              for s in prepared.scenarios])
        self.key = hashlib.sha1((exercise.source + scenario_text).encode()).hexdigest()[:12]

    @cached_property
    def offered(self) -> dict[str, int]:
        """How many verified edits of each class can be used together."""
        return {c: max_disjoint(self._by_class[c]) for c in ERROR_CLASSES}

    def verified(self, error_class: str) -> list[Edit]:
        """Edits that proved to be the class their injector claims."""
        return self._by_class[error_class]

    def verdict(self, edit: Edit) -> Verdict:
        return self._verdicts[edit]

    @classmethod
    def build(cls, exercise: Exercise, sandbox: Sandbox,
              progress: Callable[[int], None] | None = None) -> SiteCatalog:
        prepared = prepared_for(exercise, sandbox)
        # the parse only when the sites are not kept already (site_cache.py)
        edits = found_sites(exercise.source, exercise.description).edits
        # what can never be proven as it claims is not tried (offer.py)
        edits, _ = offered_edits(edits, prepared, sandbox)
        verdicts = verify_edits(prepared, edits, sandbox, progress)
        # a random program: kept only what shows under every seed (engine/seeds.py)
        changed = [e.apply(exercise.source) for e in edits]
        return cls(prepared, edits, under_seeds(prepared, changed, verdicts, sandbox))

    def to_json(self) -> dict:
        return {"edits": [e.to_dict() for e in self.edits],
                "verdicts": [self._verdicts[e].to_dict() for e in self.edits],
                **prepared_to_json(self.prepared)}

    @classmethod
    def from_json(cls, exercise: Exercise, data: dict) -> SiteCatalog:
        prepared = prepared_from_json(exercise, data)
        return cls(prepared, [Edit.from_dict(e) for e in data["edits"]],
                   [Verdict.from_dict(v) for v in data["verdicts"]])


_CACHE: dict[str, SiteCatalog] = {}


def catalog_key(exercise: Exercise) -> str:
    """The cache key of an exercise's catalogue (see catalog_for)."""
    return exercise_key(exercise)


def catalog_for(exercise: Exercise, sandbox: Sandbox) -> SiteCatalog:
    """The exercise's catalogue: from memory, else from the disk cache, else built (and
    then stored). Keyed by everything the sites depend on: the code that finds and judges
    them, the program, its scenarios and its description (the plausibility filters read
    it: a unit named in the description is not an error to make). Only entries sealed by
    this user in the catalogue's exact shape (`entries.catalog_ok`) are read; anything
    else (damaged, forged, of another version) is rebuilt. A catalogue just built is
    used as it reads back, so that a first run and a later one give the same drafts."""
    key = catalog_key(exercise)
    catalog = _CACHE.get(key)
    if catalog is not None:
        note_lookup("sites", True)
        return catalog
    folder = cache_dir()
    path = folder / f"{key}.json" if folder else None
    data = read_sealed(path)
    hit = catalog_ok(data, len(exercise.source))
    note_lookup("sites", hit)
    if hit:
        catalog = SiteCatalog.from_json(exercise, data)
    else:
        # built from the prepared exercise and the sites as they read back (their
        # caches give them so), so that it is the catalogue a later run reads
        catalog = SiteCatalog.build(exercise, sandbox)
        write_sealed(path, catalog.to_json())
    _CACHE[key] = catalog
    return catalog
