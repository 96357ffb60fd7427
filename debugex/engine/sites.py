"""Every candidate edit of one exercise, verified once and kept for every request."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path

from ..changes import find_sites
from ..content import Exercise, Scenario
from ..formats import write_atomic
from ..injectors import ERROR_CLASSES, Edit
from ..sandbox import Outcome, Sandbox
from .cache import cache_dir, code_fingerprint, note_lookup, touch
from .entries import catalog_ok
from .sealing import open_file, sealed_file
from .seeds import under_seeds
from .verify import Prepared, Verdict, prepare, verify_edits


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
        prepared = prepare(exercise, sandbox)
        edits = find_sites(prepared.program)
        verdicts = verify_edits(prepared, edits, sandbox, progress)
        # a random program: kept only what shows under every seed (engine/seeds.py)
        changed = [e.apply(exercise.source) for e in edits]
        return cls(prepared, edits, under_seeds(prepared, changed, verdicts, sandbox))


    def to_json(self) -> dict:
        prepared = self.prepared
        return {"edits": [e.to_dict() for e in self.edits],
                "verdicts": [self._verdicts[e].to_dict() for e in self.edits],
                "scenarios": [[s.name, list(s.stdin), list(s.calls), list(s.returns),
                               {"raises": s.raises, "tolerance": s.tolerance,
                                "unordered": s.unordered}] for s in prepared.scenarios],
                "oracle": [list(o) for o in prepared.oracle], "note": prepared.note}

    @classmethod
    def from_json(cls, exercise: Exercise, data: dict) -> SiteCatalog:
        scenarios = tuple(Scenario(s[0], tuple(s[1]), None, *(tuple(x) for x in s[2:4]),
                                   s[4]["raises"], s[4]["tolerance"], s[4]["unordered"])
                          for s in data["scenarios"])
        oracle = [Outcome(*o[:6], frozenset(o[6]) if o[6] is not None else None, o[7],
                          tuple(o[8])) for o in data["oracle"]]
        prepared = Prepared(exercise, scenarios, oracle, data["note"])
        return cls(prepared, [Edit.from_dict(e) for e in data["edits"]],
                   [Verdict.from_dict(v) for v in data["verdicts"]])


_CACHE: dict[str, SiteCatalog] = {}


def catalog_key(exercise: Exercise) -> str:
    """The cache key of an exercise's catalogue (see catalog_for)."""
    return hashlib.sha1(repr((code_fingerprint(), exercise.source, exercise.description,
                              exercise.scenarios, exercise.scenarios_given)
                             ).encode()).hexdigest()


def _read_catalog(path: Path, exercise: Exercise) -> SiteCatalog | None:
    """A cached catalogue, only when this user sealed it and it has the catalogue's exact
    shape (`entries.catalog_ok`); anything else (damaged, forged, of another version) is
    rebuilt."""
    try:
        text = open_file(path.read_text(encoding="utf-8", errors="replace"))
        data = json.loads(text) if text is not None else None
    except (OSError, ValueError, RecursionError):
        return None
    if not catalog_ok(data, len(exercise.source)):
        return None
    return SiteCatalog.from_json(exercise, data)


def catalog_for(exercise: Exercise, sandbox: Sandbox) -> SiteCatalog:
    """The exercise's catalogue: from memory, else from the disk cache, else built (and
    then stored). Keyed by everything the sites depend on: the code that finds and judges
    them, the program, its scenarios and its description (the plausibility filters read
    it: a unit named in the description is not an error to make)."""
    key = catalog_key(exercise)
    catalog = _CACHE.get(key)
    if catalog is not None:
        note_lookup("sites", True)
        return catalog
    folder = cache_dir()
    path = folder / f"{key}.json" if folder else None
    if path is not None and path.exists():
        catalog = _read_catalog(path, exercise)
        if catalog is not None:
            touch(path)
    note_lookup("sites", catalog is not None)
    if catalog is None:
        catalog = SiteCatalog.build(exercise, sandbox)
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(path, sealed_file(json.dumps(catalog.to_json())))
            except OSError:
                pass  # a read-only home: work without the cache
    _CACHE[key] = catalog
    return catalog
