"""How long each exercise's drafts took last time: the order generate's tasks go out in.

Two workers that finish a batch together waste nothing; one long task handed out last
keeps the batch waiting while the other worker idles (on the bundled content a random
program's masks, judged under 64 seeds, made one exercise a third of a new seed's wall
time). So the exercises expected to take longest go first (`chunking.cut`'s `cost`).

What an exercise's drafts cost is measured, not guessed: each task's worker seconds
(the phases `take_stats` reports with its result) over its drafts, kept per exercise
folder in the proof cache's folder (`.task-costs.json`) and read by the next run; apart
for a task that proved the exercise's sites ("cold": its catalogue was not in the cache)
and one that read them ("warm"), the warm figure preferred. An exercise never measured
is guessed as the median measured one, times RANDOM_COST when its program imports
`random`; with nothing measured (a first run), the guess alone.

Only the order depends on this file, never a draft (`chunking.py`): a damaged or
foreign file is read as empty, one that cannot be written is left as it was, and two
runs at once each write theirs whole (the last one stays).
"""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..content import ContentError, read_program
from ..engine import PHASES, SECONDS, cache_dir, uses_random
from ..formats import write_atomic

FILE = ".task-costs.json"  # hidden: not a proof (the cache's bound and info pass it over)
# A random program's drafts against another's, as measured on the bundled content (a new
# seed: about 1 s a draft against 0.05 s): the guess for one never measured.
RANDOM_COST = 20
KEPT = 20_000  # exercises remembered at most (the newest measured are kept)


class TaskCosts:
    """Seconds per draft by exercise folder, warm and cold: those read from the last runs
    and those measured now."""

    def __init__(self, known: Mapping[str, Mapping[str, float]], path: Path | None) -> None:
        self.known, self.path = {k: dict(v) for k, v in known.items()}, path
        # folder -> kind -> [seconds, drafts]
        self.measured: dict[str, dict[str, list[float]]] = {}
        figures = [f for f in map(_figure, self.known.values()) if f is not None and f > 0]
        self._typical = statistics.median(figures) if figures else 1.0

    @classmethod
    def read(cls) -> TaskCosts:
        folder = cache_dir()
        path = folder / FILE if folder is not None else None
        return cls(_read(path) if path is not None else {}, path)

    def expected(self, folder: str, units: Sequence) -> float:
        """The seconds an exercise's units are expected to take (in no exact unit: only
        the order matters)."""
        per_draft = _figure(self.known.get(_key(folder), {}))
        if per_draft is None:
            per_draft = self._typical * (RANDOM_COST if _random(folder) else 1)
        return per_draft * len(units)

    def add(self, folder: str, stats: Mapping[str, float], drafts: int) -> None:
        """A task's worker seconds (from its `take_stats` counts) and its drafts; cold when
        it proved the exercise's sites."""
        # the phases only: the same prefix also counts the programs run
        seconds = sum(stats.get(SECONDS + name, 0.0) for name in PHASES)
        kind = "cold" if stats.get("sites miss") else "warm"
        entry = self.measured.setdefault(_key(folder), {}).setdefault(kind, [0.0, 0])
        entry[0] += seconds
        entry[1] += drafts

    def write(self) -> None:
        """Keep what was measured now beside what was known (never raises)."""
        if self.path is None or not self.measured:
            return
        merged = _read(self.path)
        for key, kinds in self.measured.items():
            row = merged.pop(key, {})  # re-inserted last: the newest are kept
            row.update({kind: round(s / n, 6) for kind, (s, n) in kinds.items() if n})
            merged[key] = row
        kept = dict(list(merged.items())[-KEPT:])
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, json.dumps(kept) + "\n")
        except OSError:
            pass  # a read-only cache: the next run guesses again


def _figure(row: Mapping[str, float]) -> float | None:
    """An exercise's seconds per draft: warm when measured so, else cold."""
    return row.get("warm", row.get("cold"))


def _key(folder: str) -> str:
    return str(Path(folder).resolve())


def _random(folder: str) -> bool:
    try:
        return uses_random(read_program(Path(folder) / "correct.py"))
    except (OSError, ValueError, ContentError):
        return False  # it cannot be read: it fails early


def _read(path: Path) -> dict[str, dict[str, float]]:
    """The file's entries of a folder and its warm and cold seconds per draft (finite,
    not negative); anything else is left out."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    found = {}
    for key, row in data.items():
        if isinstance(key, str) and isinstance(row, dict):
            row = {k: float(v) for k, v in row.items() if k in ("warm", "cold")
                   and isinstance(v, (int, float)) and not isinstance(v, bool)
                   and math.isfinite(v) and v >= 0}
            if row:
                found[key] = row
    return found
