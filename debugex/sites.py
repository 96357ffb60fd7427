"""Every candidate edit of one exercise, verified once and kept for every request."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from functools import cache, cached_property
from pathlib import Path

from . import __version__
from .content import Exercise, Scenario
from .files import write_atomic
from .injectors import ERROR_CLASSES, Edit, find_sites
from .sandbox import Outcome, Sandbox
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


    def to_json(self) -> dict:
        prepared = self.prepared
        return {"edits": [e.to_dict() for e in self.edits],
                "verdicts": [self._verdicts[e].to_dict() for e in self.edits],
                "scenarios": [[s.name, list(s.stdin)] for s in prepared.scenarios],
                "oracle": [list(o) for o in prepared.oracle], "note": prepared.note}

    @classmethod
    def from_json(cls, exercise: Exercise, data: dict) -> SiteCatalog:
        scenarios = tuple(Scenario(name, tuple(stdin)) for name, stdin in data["scenarios"])
        oracle = [Outcome(*o[:6], frozenset(o[6]) if o[6] is not None else None, *o[7:])
                  for o in data["oracle"]]
        prepared = Prepared(exercise, scenarios, oracle, data["note"])
        return cls(prepared, [Edit.from_dict(e) for e in data["edits"]],
                   [Verdict.from_dict(v) for v in data["verdicts"]])


_CACHE: dict[str, SiteCatalog] = {}


@cache
def _code_fingerprint() -> str:
    """Changes whenever the code that finds or judges sites changes."""
    package = Path(__file__).resolve().parent
    files = sorted(package.glob("injectors/*.py")) + [
        package / name for name in ("diffing.py", "linetokens.py", "verify.py", "sites.py")]
    digest = hashlib.sha1(__version__.encode())
    for path in files:
        digest.update(path.read_bytes())
    sandbox_files = sorted((package / "sandbox").glob("*.py"))
    for path in sandbox_files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_dir() -> Path | None:
    """Where verified catalogues are kept between runs ($DEBUGEX_CACHE; 'off' disables)."""
    setting = os.environ.get("DEBUGEX_CACHE")
    if setting == "off":
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "debugex" / "sites"


def catalog_for(exercise: Exercise, sandbox: Sandbox) -> SiteCatalog:
    """The exercise's catalogue: from memory, else from the disk cache, else built (and
    then stored). Keyed by the program, its scenarios and the code that judges sites."""
    key = hashlib.sha1(repr((_code_fingerprint(), exercise.source, exercise.scenarios,
                             exercise.scenarios_given)).encode()).hexdigest()
    catalog = _CACHE.get(key)
    if catalog is not None:
        return catalog
    folder = cache_dir()
    path = folder / f"{key}.json" if folder else None
    if path is not None and path.exists():
        try:
            catalog = SiteCatalog.from_json(exercise, json.loads(path.read_text()))
        except (OSError, ValueError, KeyError, TypeError):
            catalog = None  # a damaged cache entry is rebuilt
    if catalog is None:
        catalog = SiteCatalog.build(exercise, sandbox)
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(path, json.dumps(catalog.to_json()))
            except OSError:
                pass  # a read-only home: work without the cache
    _CACHE[key] = catalog
    return catalog
