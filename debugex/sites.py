"""Every candidate edit of one exercise, verified once and kept for every request."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cached_property

from .content import Exercise
from .injectors import ERROR_CLASSES, Edit, find_sites
from .sandbox import Sandbox
from .verify import Prepared, Verdict, prepare, verify_edits


class SiteCatalog:
    """The verified sites of one exercise, grouped by the class they proved to be."""

    def __init__(self, prepared: Prepared, edits: list[Edit], verdicts: list[Verdict]):
        self.prepared = prepared
        self.edits = edits
        self._verdicts = {e: v for e, v in zip(edits, verdicts, strict=True)}
        self._by_class = {c: [e for e in edits if self._verdicts[e].status == c == e.error_class]
                          for c in ERROR_CLASSES}
        exercise = prepared.exercise
        scenario_text = repr([(s.name, s.stdin) for s in prepared.scenarios])
        self.key = hashlib.sha1((exercise.source + scenario_text).encode()).hexdigest()[:12]

    @cached_property
    def offered(self) -> dict[str, int]:
        """How many verified edits of each class can be used together."""
        from .compose import max_disjoint

        return {c: max_disjoint(self._by_class[c]) for c in ERROR_CLASSES}

    def verified(self, error_class: str) -> list[Edit]:
        """Edits that proved to be the class their injector claims."""
        return self._by_class[error_class]

    def verdict(self, edit: Edit) -> Verdict:
        return self._verdicts[edit]

    @classmethod
    def build(cls, exercise: Exercise, sandbox: Sandbox,
              progress: Callable[[int], None] | None = None) -> SiteCatalog:
        prepared = prepare(exercise, sandbox)
        edits = find_sites(prepared.program)
        return cls(prepared, edits, verify_edits(prepared, edits, sandbox, progress))


_CACHE: dict[str, SiteCatalog] = {}


def catalog_for(exercise: Exercise, sandbox: Sandbox) -> SiteCatalog:
    """The exercise's catalogue, built on first use and reused for later requests."""
    key = hashlib.sha1(repr((exercise.source, exercise.scenarios)).encode()).hexdigest()
    catalog = _CACHE.get(key)
    if catalog is None:
        catalog = _CACHE[key] = SiteCatalog.build(exercise, sandbox)
    return catalog
