"""`debugex merge`: accepted drafts become the next numbered examples, atomically.

The whole merge runs under the examples folder's exclusive lock (see `journal`), so two
merges at once take turns and numbers are decided by the one that holds the folder. New
files are first written to this run's own staging folder; then this run's journal naming
every move is committed with one atomic rename; then the files are moved into place. A
crash before the journal leaves the old examples; a crash after it is completed (rolled
forward) by the next command that reads the examples. Either way no reader ever sees a
gap or a half-written file. A draft already merged (same batch and draft id), or whose
incorrect program for the same exercise is already an example, is never added twice.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..formats import (
    JOURNAL_PREFIX,
    SPLITS,
    STAGING_PREFIX,
    example_numbers,
    locked,
    parse_assistant,
    parse_user,
    pending,
    recover,
)
from .batch import Batch

ALREADY_MERGED = "already merged"
SAME_PROGRAM = "same incorrect program"


@dataclass(frozen=True)
class Skipped:
    """A draft that was not added, and the example (or draft) it would have repeated."""

    draft: str
    reason: str  # ALREADY_MERGED or SAME_PROGRAM
    duplicate_of: str  # "training/example_7", or "draft d3 of this batch"
    origin: str | None = None  # origin of that example: hand-written, generated

    def describe(self) -> str:
        if self.reason == ALREADY_MERGED:
            return f"{self.draft} was already merged as {self.duplicate_of}"
        origin = f" ({self.origin})" if self.origin else ""
        return (f"{self.draft} has the same incorrect program as "
                f"{self.duplicate_of}{origin}")

    def to_dict(self) -> dict:
        return {"draft": self.draft, "reason": self.reason,
                "duplicate_of": self.duplicate_of, "origin": self.origin}


@dataclass(frozen=True)
class Planned:
    split: str
    number: int
    draft: str
    exercise: str
    files: dict[str, str]  # relative path -> text


@dataclass
class MergeResult:
    added: dict[str, list[int]] = field(default_factory=dict)  # split -> new numbers
    skipped: list[Skipped] = field(default_factory=list)
    planned: list[Planned] = field(default_factory=list)
    dry_run: bool = False
    recovered: list[str] = field(default_factory=list)  # journals of cut-short merges finished
    pending_recovery: bool = False  # dry run only: a cut-short merge awaits completion

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.added.values())

    def to_dict(self) -> dict:
        return {"dry_run": self.dry_run, "total": self.total,
                "added": {k: v for k, v in sorted(self.added.items())},
                "examples": [{"split": p.split, "number": p.number, "draft": p.draft,
                              "exercise": p.exercise} for p in self.planned],
                "skipped": [s.to_dict() for s in self.skipped],
                "recovered": self.recovered, "pending_recovery": self.pending_recovery}


def _fsync_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def _fingerprint(exercise: str, incorrect: str) -> str:
    return hashlib.sha1(f"{exercise}\0{incorrect}".encode()).hexdigest()


@dataclass
class Existing:
    drafts: dict[str, str] = field(default_factory=dict)  # batch/draft -> example id
    prints: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # -> id, origin
    splits: dict[str, str] = field(default_factory=dict)  # exercise -> split


def existing(root: Path) -> Existing:
    """What the examples already hold: merged drafts, program fingerprints, splits."""
    found = Existing()
    for split in SPLITS:
        folder = root / split
        for number in example_numbers(folder):
            example_id = f"{split}/example_{number}"
            meta_path = folder / "meta" / f"example_{number}.json"
            try:
                meta = json.loads(meta_path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                meta = {}
            meta = meta if isinstance(meta, dict) else {}
            exercise = meta.get("exercise") or ""
            if meta.get("batch") and meta.get("draft"):
                found.drafts.setdefault(f"{meta['batch']}/{meta['draft']}", example_id)
            if exercise:
                found.splits.setdefault(exercise, split)
            assistant_path = folder / "assistant_content" / f"example_{number}_assistant.xml"
            try:
                incorrect = parse_assistant(assistant_path.read_text(encoding="utf-8")).program
            except (OSError, ValueError):
                continue
            found.prints.setdefault(_fingerprint(exercise, incorrect),
                                    (example_id, meta.get("origin")))
    return found


def choose_split(exercise: str, mode: str, known: dict[str, str], test_fraction: float) -> str:
    if mode in SPLITS:
        return mode
    if exercise in known:  # every example of one exercise stays in one split
        return known[exercise]
    share = int(hashlib.sha1(exercise.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "testing" if share < test_fraction else "training"


def plan(batch: Batch, root: Path, split: str = "auto", test_fraction: float = 0.2,
         ) -> MergeResult:
    """Decide numbers and files for the batch's accepted drafts; writes nothing.

    Only meaningful under the folder's lock (the numbers are the next free ones now)."""
    have = existing(root)
    result = MergeResult()
    next_number = {s: max(example_numbers(root / s), default=0) + 1 for s in SPLITS}
    this_batch: dict[str, str] = {}  # fingerprint -> draft id, within the batch
    for draft, assistant_xml in batch.accepted():
        key = f"{batch.id}/{draft['id']}"
        incorrect = parse_assistant(assistant_xml).program
        fingerprint = _fingerprint(draft["exercise"], incorrect)
        if key in have.drafts:
            result.skipped.append(Skipped(draft["id"], ALREADY_MERGED, have.drafts[key]))
            continue
        if fingerprint in have.prints:
            example_id, origin = have.prints[fingerprint]
            result.skipped.append(Skipped(draft["id"], SAME_PROGRAM, example_id, origin))
            continue
        if fingerprint in this_batch:
            result.skipped.append(Skipped(draft["id"], SAME_PROGRAM,
                                          f"draft {this_batch[fingerprint]} of this batch"))
            continue
        parse_user(draft["user_xml"])  # refuse a broken draft before touching anything
        target = choose_split(draft["exercise"], split, have.splits, test_fraction)
        have.splits.setdefault(draft["exercise"], target)
        number = next_number[target]
        next_number[target] += 1
        meta = {"exercise": draft["exercise"], "origin": "generated", "split": target,
                "batch": batch.id, "draft": draft["id"], "seed": draft.get("seed"),
                "request": draft["request"],
                "delivered": draft.get("delivered", draft["request"]),
                "partial": bool(draft.get("partial")),
                "operators": [e["injector"] for e in draft["errors"]],
                "edited": assistant_xml != draft["assistant_xml"],
                "tool_version": __version__}
        files = {
            f"{target}/user_content/example_{number}_user.xml": draft["user_xml"],
            f"{target}/assistant_content/example_{number}_assistant.xml": assistant_xml,
            f"{target}/meta/example_{number}.json": json.dumps(meta, indent=2) + "\n",
        }
        this_batch[fingerprint] = draft["id"]
        result.planned.append(Planned(target, number, draft["id"], draft["exercise"], files))
        result.added.setdefault(target, []).append(number)
    return result


def _write(root: Path, planned: list[Planned], crash_after: int | None) -> None:
    run = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
    staging = f"{STAGING_PREFIX}{run}"
    moves: list[tuple[str, str]] = []
    for example in planned:
        for relative, text in example.files.items():
            _fsync_write(root / staging / relative, text)
            moves.append((f"{staging}/{relative}", relative))
    journal = root / f"{JOURNAL_PREFIX}{run}.json"
    journal_tmp = root / f"{journal.name}.tmp"
    _fsync_write(journal_tmp, json.dumps(moves))
    os.replace(journal_tmp, journal)  # the commit point
    for count, (source, target) in enumerate(moves):
        if crash_after is not None and count == crash_after:
            raise RuntimeError("simulated crash in the middle of a merge")
        (root / target).parent.mkdir(parents=True, exist_ok=True)
        os.replace(root / source, root / target)
    recover(root)  # removes the journal and the emptied staging folder


def merge(batch: Batch, root: Path, split: str = "auto", test_fraction: float = 0.2,
          dry_run: bool = False, wait: bool = True,
          notify: Callable[[str], None] | None = None,
          _crash_after: int | None = None) -> MergeResult:
    """Merge the batch's accepted drafts into the examples folder `root`.

    Holds the folder's exclusive lock throughout: another merge makes this one wait
    (`notify` hears about it once) or, with wait=False, raises journal.LockBusy. With
    dry_run nothing is written (not even the completion of a cut-short merge)."""
    root = Path(root)
    if dry_run and not root.is_dir():
        result = plan(batch, root, split, test_fraction)
        result.dry_run = True
        return result
    if dry_run:
        with locked(root, exclusive=False, wait=wait, notify=notify, finish_pending=False):
            result = plan(batch, root, split, test_fraction)
            result.dry_run, result.pending_recovery = True, pending(root)
            return result
    root.mkdir(parents=True, exist_ok=True)
    with locked(root, exclusive=True, wait=wait, notify=notify):
        recovered = recover(root)
        result = plan(batch, root, split, test_fraction)
        result.recovered = recovered
        if result.planned:
            _write(root, result.planned, _crash_after)
        return result
