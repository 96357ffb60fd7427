"""Looking after the proof cache: what it holds, how well the last run used it, and
pruning it (by age of last use, by total size) so that it stays bounded.

Every file in the cache is a self-contained set of proofs (a site catalogue, or one
append-only log of verdicts), so any of them may be removed at any time: what it held
is proven again when it is next needed. Files are dropped least recently used first
(`cache.touch` refreshes a file's time on every read). `last-run.json` keeps the lookup
counts of the last `generate`; it is not a proof and is never pruned.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..formats import write_atomic
from .cache import cache_dir

DEFAULT_MAX_BYTES = 512 * 1024**2  # ~30 times the bundled content's cache at 80 per exercise
LAST_RUN = "last-run.json"
_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


def parse_size(text: str) -> int:
    """Bytes from `500M`, `2G`, `64k`, `1048576` (powers of 1024; a trailing B or iB is
    allowed). ValueError with the reason otherwise."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*", text.lower())
    if not match:
        raise ValueError(f"{text!r} is not a size (examples: 500M, 2G, 64k)")
    return int(float(match[1]) * _UNITS[match[2]])


def parse_age(text: str) -> float:
    """Seconds from `30d`, `12h`, `90m`, `2w`, `45s`. ValueError with the reason."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*", text.lower())
    if not match:
        raise ValueError(f"{text!r} is not an age (examples: 30d, 12h, 90m, 2w)")
    return float(match[1]) * _SECONDS[match[2]]


def max_bytes() -> int | None:
    """The bound kept after every generate: $DEBUGEX_CACHE_MAX (a size, or 'none' for no
    bound), else DEFAULT_MAX_BYTES. A setting that is not a size is an error, said once
    where it is read."""
    setting = os.environ.get("DEBUGEX_CACHE_MAX", "").strip()
    if not setting:
        return DEFAULT_MAX_BYTES
    if setting.lower() in ("none", "off", "unbounded"):
        return None
    return parse_size(setting)


def _proof_files(folder: Path) -> list[os.DirEntry]:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    return [e for e in entries if e.is_file() and not e.name.startswith(".")
            and e.name != LAST_RUN and e.name.endswith((".json", ".jsonl"))]


def _entries(entry: os.DirEntry) -> int:
    """Proofs in one file: a catalogue is one; a log holds one per line."""
    if entry.name.endswith(".json"):
        return 1
    try:
        with open(entry.path, "rb") as handle:
            return sum(1 for _ in handle)
    except OSError:
        return 0


def info(folder: Path | None = None) -> dict:
    """Where the cache is, its size, files and entries by kind, the bound, and the
    lookups of the last generate with their hit rate."""
    folder = folder if folder is not None else cache_dir()
    data: dict = {"folder": str(folder) if folder else None, "enabled": folder is not None,
                  "bytes": 0, "files": 0, "entries": 0, "by_kind": {},
                  "max_bytes": max_bytes(), "last_run": None}
    if folder is None:
        return data
    for entry in _proof_files(folder):
        kind = "sites" if entry.name.endswith(".json") else entry.name.split(".")[-2]
        kind = kind.rstrip("0123456789")  # states1 -> states: the digit is a format version
        count = _entries(entry)
        row = data["by_kind"].setdefault(kind, {"files": 0, "entries": 0, "bytes": 0})
        size = entry.stat().st_size
        row["files"] += 1
        row["entries"] += count
        row["bytes"] += size
        data["files"] += 1
        data["entries"] += count
        data["bytes"] += size
    try:
        data["last_run"] = json.loads((folder / LAST_RUN).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    return data


def hit_rate(counts: Mapping[str, int]) -> float | None:
    """Hits over lookups, all kinds together (None: no lookup)."""
    hits = sum(n for k, n in counts.items() if k.endswith(" hit"))
    total = sum(n for k, n in counts.items() if k.endswith((" hit", " miss")))
    return hits / total if total else None


def record_run(counts: Mapping[str, int], folder: Path | None = None) -> None:
    """Keep the lookup counts of a generate run for `debugex cache info`."""
    folder = folder if folder is not None else cache_dir()
    if folder is None:
        return
    rate = hit_rate(counts)
    data = {"finished": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "lookups": dict(sorted(counts.items())),
            "hit_rate": None if rate is None else round(rate, 4)}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / LAST_RUN, json.dumps(data, indent=2) + "\n")
    except OSError:
        pass  # a read-only cache: the run is not recorded


@dataclass
class Pruned:
    removed: int  # files
    freed: int  # bytes
    kept: int  # files
    kept_bytes: int

    def to_dict(self) -> dict:
        return {"removed_files": self.removed, "freed_bytes": self.freed,
                "kept_files": self.kept, "kept_bytes": self.kept_bytes}


def prune(older_than: float | None = None, max_size: int | None = None,
          folder: Path | None = None, now: float | None = None) -> Pruned:
    """Remove the files not used for `older_than` seconds, then the least recently used
    until the rest fits in `max_size` bytes. OSError when a file cannot be removed."""
    folder = folder if folder is not None else cache_dir()
    if folder is None:
        return Pruned(0, 0, 0, 0)
    now = time.time() if now is None else now
    files = sorted(((e.stat().st_mtime, e.stat().st_size, e.path) for e in _proof_files(folder)),
                   reverse=True)  # most recently used first
    kept, removed, freed, total = [], 0, 0, 0
    full = False  # once a file does not fit, every older one goes too (least recently used)
    for used, size, path in files:
        too_old = older_than is not None and now - used > older_than
        full = full or (max_size is not None and total + size > max_size)
        if too_old or full:
            try:
                os.remove(path)
            except FileNotFoundError:
                pass  # removed meanwhile by another prune
            removed += 1
            freed += size
        else:
            kept.append(path)
            total += size
    return Pruned(removed, freed, len(kept), total)


def keep_bounded() -> Pruned | None:
    """Prune to the default bound (see max_bytes); None when the cache is unbounded or
    off. A cache that cannot be pruned (read-only) is left as it is."""
    bound = max_bytes()
    if bound is None or cache_dir() is None:
        return None
    try:
        return prune(max_size=bound)
    except OSError:
        return None
