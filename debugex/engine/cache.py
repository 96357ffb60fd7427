"""What debugex keeps on disk between runs: proofs, keyed by the code that made them.

Site catalogues (`sites.py`), the verdicts on changed programs (`verify.py`), what the
programs a student meets while fixing a draft showed (`interplay.py`) and whether a set of
edits reads back as itself (`compose.py`) are cached under $DEBUGEX_CACHE (default
~/.cache/debugex/sites; 'off' disables). Every key includes a fingerprint of the code that
finds and judges edits, the program and its scenarios, so a new version of debugex, a
changed program or a changed scenario never reads an old proof. A repeated run (the same
content, options and seed) runs nothing in the sandbox.

Every lookup is counted (`STATS`, per process: a generate worker sends its counts back
with its results) and every file read or written has its time of last use refreshed, so
that `cache_admin.prune` drops the least recently used first.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections import Counter
from collections.abc import Callable
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .. import __version__
from .sealing import open_line, sealed_line
from .timings import take_timings

SECONDS = "seconds "  # the prefix of a phase's seconds among take_stats' counts


def runtime_tag() -> str:
    """The interpreter and parser that proofs depend on: another Python compiles, reports
    and prints differently (3.13's messages are not 3.11's), and another libcst may parse
    differently, so a proof made under one is never read under another."""
    try:
        libcst = version("libcst")
    except PackageNotFoundError:  # pragma: no cover - a dependency of debugex
        libcst = "?"
    return f"{sys.implementation.name}|{sys.version}|libcst {libcst}"


def _digest_files(files: list[Path]) -> str:
    digest = hashlib.sha1(f"{__version__}|{runtime_tag()}".encode())
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@cache
def code_fingerprint() -> str:
    """Changes whenever the code that finds or judges sites changes, or the Python (or
    libcst) that runs it."""
    package = Path(__file__).resolve().parents[1]
    files = [package / "engine" / name for name in ("verify.py", "sites.py", "seeds.py",
                                                        "reach.py", "mistyped.py", "misassigned.py",
                                                        "item_kinds.py",
                                                        "offer.py",
                                                        "probes.py", "infection.py",
                                                        "time_limit.py", "prompts_only.py",
                                                        "statement_probes.py", "loop_probes.py",
                                                        "return_probes.py")]
    for folder in ("content", "injectors", "changes", "scenarios", "sandbox"):
        files += sorted((package / folder).rglob("*.py"))
    files += sorted((package / "injectors").rglob("*.toml"))  # weights and catalogue
    return _digest_files(files)


@cache
def catalogue_version() -> str:
    """Changes whenever the code that finds candidate sites changes (every injector, the
    plausibility filters, the rule of one change, the weights file), or the Python and
    libcst that parse the program. Sites depend on nothing else but the program and its
    description: this is the key of the sites cache (`site_cache.py`)."""
    package = Path(__file__).resolve().parents[1]
    files = []
    for folder in ("injectors", "changes"):
        files += sorted((package / folder).rglob("*.py"))
    files += sorted((package / "injectors").rglob("*.toml"))
    return _digest_files(files)


def cache_dir() -> Path | None:
    """Where proofs are kept between runs ($DEBUGEX_CACHE; 'off' disables)."""
    setting = os.environ.get("DEBUGEX_CACHE")
    if setting == "off":
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "debugex" / "sites"


# Lookups in this process since the last take_stats(): "<kind> hit" / "<kind> miss".
STATS: Counter = Counter()


def note_lookup(kind: str, hit: bool) -> None:
    STATS[f"{kind} {'hit' if hit else 'miss'}"] += 1


def take_stats() -> dict[str, float]:
    """This process's lookup counts since the last call (then reset), and the seconds it
    spent in each phase (`timings.py`) as "seconds <phase>": what a generate worker
    sends back with each result."""
    counts: dict[str, float] = dict(STATS)
    STATS.clear()
    counts.update({f"{SECONDS}{k}": v for k, v in take_timings().items()})
    return counts


def touch(path: Path) -> None:
    """Mark a cache file as just used (pruning drops the least recently used first)."""
    try:
        os.utime(path)
    except OSError:
        pass  # a read-only cache is still read


class VerdictLog:
    """Verdicts on whole programs for one prepared exercise: a dict in memory, backed by
    an append-only JSON-lines file. Appends of short lines are atomic, so two processes
    may share a file. Each line is sealed with this user's key (`sealing.py`) and each
    entry must pass `well_formed`, the schema of its kind: a line that fails either (damaged,
    forged, written by another user or another version) is skipped and proven again.
    `kind` names what the entries hold (one file per kind and key)."""

    def __init__(self, key: str, kind: str = "verdicts",
                 well_formed: Callable[[dict], bool] | None = None) -> None:
        folder = cache_dir()
        self.path = folder / f"{key}.{kind}.jsonl" if folder else None
        self.kind = kind
        self.entries: dict[str, dict] = {}
        if self.path is not None and self.path.exists():
            touch(self.path)
            try:
                lines = self.path.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                lines = []
            for line in lines:
                text = open_line(line)
                if text is None:
                    continue
                try:
                    digest, verdict = json.loads(text)
                except (ValueError, TypeError, RecursionError):
                    continue
                if (isinstance(digest, str) and isinstance(verdict, dict)
                        and (well_formed is None or well_formed(verdict))):
                    self.entries[digest] = verdict

    @staticmethod
    def digest(source: str) -> str:
        return hashlib.sha1(source.encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, source: str) -> dict | None:
        found = self.entries.get(self.digest(source))
        note_lookup(self.kind, found is not None)
        return found

    def put_many(self, items: list[tuple[str, dict]]) -> None:
        """Remember (source, verdict) pairs; one append for all of them."""
        lines = []
        for source, verdict in items:
            digest = self.digest(source)
            self.entries[digest] = verdict
            lines.append(sealed_line(json.dumps([digest, verdict], separators=(",", ":")))
                         + "\n")
        if self.path is None or not lines:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a", encoding="utf-8") as handle:
                handle.write("".join(lines))
        except OSError:
            self.path = None  # a read-only cache: keep working from memory
