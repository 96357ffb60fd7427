"""Candidate sites of a program, found once and kept: they depend on nothing but the
program, its description (the plausibility filters read it) and the catalogue's code.

Finding sites parses the program with libcst and runs every injector over it: about a
tenth of a second per exercise, paid by every `generate` (the balance of the batch's
mix needs every exercise's sites before any draft is made), by every catalogue built
and by the survey. Here they are kept on disk beside the proofs, keyed by the program,
the description and `catalogue_version()` (a digest of every injector's code, the rule
of one change, the weights file, and the Python and libcst that parse): a changed
injector or another Python finds them again. Entries follow the proof cache's trust
model: sealed with the user's key (`sealing.py`), read only in their exact shape
(`entries.sites_ok`), plain JSON; anything else is found again.

The per-injector counts of candidates dropped (implausible, unreadable) are kept too,
for the survey.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable

from ..changes import find_sites
from ..formats import write_atomic
from ..injectors import Edit, Injector, ProgramIndex, all_injectors
from .cache import cache_dir, catalogue_version, note_lookup, touch
from .entries import sites_ok
from .sealing import open_file, sealed_file

SITES_KIND = "found1"  # the file kind; a new number whenever an entry's shape changes


class FoundSites:
    """Every registered injector's candidate edits of one program, and the candidates
    each injector had dropped as implausible or unreadable."""

    def __init__(self, edits: list[Edit], unreadable: Counter, implausible: Counter):
        self.edits, self.unreadable, self.implausible = edits, unreadable, implausible

    def of(self, injectors: Iterable[Injector]) -> list[Edit]:
        """The edits of these injectors only (find_sites treats each injector alone)."""
        ids = {i.id for i in injectors}
        return [e for e in self.edits if e.injector in ids]

    def to_json(self) -> dict:
        return {"edits": [e.to_dict() for e in self.edits],
                "unreadable": dict(sorted(self.unreadable.items())),
                "implausible": dict(sorted(self.implausible.items()))}

    @classmethod
    def from_json(cls, data: dict) -> FoundSites:
        return cls([Edit.from_dict(e) for e in data["edits"]], Counter(data["unreadable"]),
                   Counter(data["implausible"]))


# In memory too, per cache folder (a test, or a cluster task, may name another).
_MEMORY: dict[tuple[str, str], FoundSites] = {}


def sites_key(source: str, description: str) -> str:
    return hashlib.sha1(repr((catalogue_version(), source, description)).encode()
                        ).hexdigest()


def sites_kept(source: str, description: str) -> bool:
    """Whether the program's sites are kept already (in memory, or a file on disk)."""
    key = sites_key(source, description)
    folder = cache_dir()
    return (str(folder), key) in _MEMORY or (
        folder is not None and (folder / f"{key}.{SITES_KIND}.json").exists())


def found_sites(source: str, description: str, program: ProgramIndex | None = None
                ) -> FoundSites:
    """The program's candidate sites: from memory, else the disk, else found (and kept).
    `program`: its parse, when the caller has one already (else made only if needed)."""
    key = sites_key(source, description)
    folder = cache_dir()
    found = _MEMORY.get((str(folder), key))
    if found is not None:
        note_lookup("found", True)
        return found
    path = folder / f"{key}.{SITES_KIND}.json" if folder else None
    if path is not None and path.exists():
        found = _read(path, len(source))
        if found is not None:
            touch(path)
    note_lookup("found", found is not None)
    if found is None:
        unreadable: Counter = Counter()
        implausible: Counter = Counter()
        program = program or ProgramIndex(source, description)
        edits = find_sites(program, all_injectors(), unreadable, implausible)
        # Through the stored shape, so that a fresh result is the one read back later
        # (an edit's details in one order): a cold run and a warm one give one draft.
        found = FoundSites.from_json(FoundSites(edits, unreadable, implausible).to_json())
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(path, sealed_file(json.dumps(found.to_json())))
            except OSError:
                pass  # a read-only cache: work without it
    _MEMORY[(str(folder), key)] = found
    return found


def _read(path, source_length: int) -> FoundSites | None:
    try:
        text = open_file(path.read_text(encoding="utf-8", errors="replace"))
        data = json.loads(text) if text is not None else None
    except (OSError, ValueError, RecursionError):
        return None
    if not sites_ok(data, source_length):
        return None
    return FoundSites.from_json(data)
