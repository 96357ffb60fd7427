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
import stat
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..formats import loads_bounded, scrub, write_atomic
from .cache import cache_dir

DEFAULT_MAX_BYTES = 512 * 1024**2  # ~30 times the bundled content's cache at 80 per exercise
LAST_RUN = "last-run.json"
_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}
_LAST_RUN_MAX = 1024**2  # what record_run writes is a few kB
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


def _proof_files(folder: Path, skipped: list[dict] | None = None
                 ) -> list[tuple[os.DirEntry, os.stat_result]]:
    """The proof files with their stat. Only regular files count: a symlink (a loop, or
    a file outside the cache) is never followed, read or removed; each file passed over
    is named in `skipped` with why."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return []
    found = []
    for entry in entries:
        if entry.name.startswith(".") or entry.name == LAST_RUN \
                or not entry.name.endswith((".json", ".jsonl")):
            continue
        try:
            status = entry.stat(follow_symlinks=False)
        except OSError as exc:  # removed meanwhile, or unreadable
            _skip(skipped, entry.name, exc.strerror or str(exc))
            continue
        if stat.S_ISLNK(status.st_mode):
            _skip(skipped, entry.name, "a symbolic link (never followed)")
        elif not stat.S_ISREG(status.st_mode):
            _skip(skipped, entry.name, "not a regular file")
        else:
            found.append((entry, status))
    return found


def _skip(skipped: list[dict] | None, name: str, reason: str) -> None:
    if skipped is not None:
        skipped.append({"file": scrub(name), "reason": reason})


def _entries(entry: os.DirEntry, skipped: list[dict] | None = None) -> int:
    """Proofs in one file: a catalogue is one; a log holds one per line (counted in
    blocks: a line may be any length)."""
    if entry.name.endswith(".json"):
        return 1
    try:
        descriptor = os.open(entry.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        _skip(skipped, entry.name, f"cannot be read ({exc.strerror or exc})")
        return 0
    count, last = 0, b"\n"
    with open(descriptor, "rb") as handle:
        try:
            while block := handle.read(1 << 20):
                count += block.count(b"\n")
                last = block[-1:]
        except OSError as exc:
            _skip(skipped, entry.name, f"cannot be read ({exc.strerror or exc})")
    return count + (last != b"\n")  # a last line without its newline is one too


def info(folder: Path | None = None) -> dict:
    """Where the cache is, its size, files and entries by kind, the bound, and the
    lookups of the last generate with their hit rate."""
    folder = folder if folder is not None else cache_dir()
    data: dict = {"folder": scrub(str(folder)) if folder else None,
                  "enabled": folder is not None, "bytes": 0, "files": 0, "entries": 0,
                  "by_kind": {}, "max_bytes": max_bytes(), "last_run": None, "skipped": []}
    if folder is None:
        return data
    for entry, status in _proof_files(folder, data["skipped"]):
        parts = entry.name.split(".")
        # KEY.json: a verified catalogue; KEY.KIND.json(l): a log, or found sites
        kind = "sites" if len(parts) == 2 else parts[-2]
        kind = scrub(kind.rstrip("0123456789"))  # states1 -> states: a format version
        count = _entries(entry, data["skipped"])
        row = data["by_kind"].setdefault(kind, {"files": 0, "entries": 0, "bytes": 0})
        size = status.st_size
        row["files"] += 1
        row["entries"] += count
        row["bytes"] += size
        data["files"] += 1
        data["entries"] += count
        data["bytes"] += size
    data["last_run"] = _last_run(folder / LAST_RUN, data["skipped"])
    return data


def _last_run(path: Path, skipped: list[dict]) -> dict | None:
    """The recorded lookups of the last generate, or None when there are none or the
    file is not what `record_run` writes (then named in `skipped`)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        return None
    except OSError as exc:
        _skip(skipped, LAST_RUN, f"cannot be read ({exc.strerror or exc})")
        return None
    with open(descriptor, "rb") as handle:
        try:
            text = handle.read(_LAST_RUN_MAX + 1)
        except OSError as exc:
            _skip(skipped, LAST_RUN, f"cannot be read ({exc.strerror or exc})")
            return None
    try:
        if len(text) > _LAST_RUN_MAX:
            raise ValueError(f"larger than {_LAST_RUN_MAX} bytes")
        data = loads_bounded(text.decode("utf-8"))
        lookups = data.get("lookups") if isinstance(data, dict) else None
        if not isinstance(lookups, dict) or not all(
                isinstance(k, str) and type(n) is int for k, n in lookups.items()):
            raise ValueError("not the lookups of a run")
        rate = data.get("hit_rate")
        if rate is not None and type(rate) not in (int, float):
            raise ValueError("its hit rate is not a number")
    except ValueError as exc:  # not UTF-8, not JSON, too deep, not the shape we write
        _skip(skipped, LAST_RUN, f"ignored: {exc}")
        return None
    return {"finished": scrub(str(data.get("finished", "?"))), "lookups": lookups,
            "hit_rate": rate}


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
    files = sorted(((s.st_mtime, s.st_size, e.path) for e, s in _proof_files(folder)),
                   reverse=True)  # most recently used first; never a symlink
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
