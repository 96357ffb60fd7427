"""`debugex merge`: accepted drafts become the next numbered examples, atomically.

All new files are first written to a staging folder; then a journal naming every move
is committed with one atomic rename; then the files are moved into place. A crash before
the journal leaves the old examples; a crash after it is completed (rolled forward) by
the next command that reads the examples. Either way no reader ever sees a gap or a
half-written file. A draft already merged (same batch and draft id, or the same
incorrect program for the same exercise) is never added twice.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .batch import Batch
from .dataset import SPLITS, example_numbers
from .messages import parse_assistant, parse_user

JOURNAL = ".merge-journal.json"
STAGING = ".merge-staging"


@dataclass
class MergeResult:
    added: dict[str, list[int]] = field(default_factory=dict)  # split -> new numbers
    skipped: list[str] = field(default_factory=list)  # why drafts were not added

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.added.values())


def _fsync_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def recover(root: Path) -> None:
    """Finish a merge that committed its journal, or drop one that did not."""
    root = Path(root)
    journal = root / JOURNAL
    if journal.exists():
        moves = json.loads(journal.read_text(encoding="utf-8"))
        for source, target in moves:
            source_path, target_path = root / source, root / target
            if source_path.exists():
                target_path.parent.mkdir(parents=True, exist_ok=True)
                os.replace(source_path, target_path)
        journal.unlink()
    if (root / STAGING).exists():
        shutil.rmtree(root / STAGING)


def _fingerprint(exercise: str, incorrect: str) -> str:
    return hashlib.sha1(f"{exercise}\0{incorrect}".encode()).hexdigest()


def existing(root: Path) -> tuple[set[str], set[str], dict[str, str]]:
    """(merged draft keys, fingerprints, exercise -> split) of the examples already there."""
    drafts, prints, splits = set(), set(), {}
    for split in SPLITS:
        folder = root / split
        for number in example_numbers(folder):
            meta_path = folder / "meta" / f"example_{number}.json"
            meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
            exercise = meta.get("exercise", "")
            if meta.get("batch") and meta.get("draft"):
                drafts.add(f"{meta['batch']}/{meta['draft']}")
            if exercise:
                splits.setdefault(exercise, split)
            assistant_path = folder / "assistant_content" / f"example_{number}_assistant.xml"
            try:
                incorrect = parse_assistant(assistant_path.read_text(encoding="utf-8")).program
            except (OSError, ValueError):
                continue
            prints.add(_fingerprint(exercise, incorrect))
    return drafts, prints, splits


def choose_split(exercise: str, mode: str, known: dict[str, str], test_fraction: float) -> str:
    if mode in SPLITS:
        return mode
    if exercise in known:  # every example of one exercise stays in one split
        return known[exercise]
    share = int(hashlib.sha1(exercise.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "testing" if share < test_fraction else "training"


def merge(batch: Batch, root: Path, split: str = "auto", test_fraction: float = 0.2,
          _crash_after: int | None = None) -> MergeResult:
    """Merge the batch's accepted drafts into the examples folder `root`."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    recover(root)
    merged, prints, known = existing(root)
    result = MergeResult()
    next_number = {s: max(example_numbers(root / s), default=0) + 1 for s in SPLITS}
    staging = root / STAGING
    moves: list[tuple[str, str]] = []
    for draft, assistant_xml in batch.accepted():
        key = f"{batch.id}/{draft['id']}"
        incorrect = parse_assistant(assistant_xml).program
        fingerprint = _fingerprint(draft["exercise"], incorrect)
        if key in merged or fingerprint in prints:
            result.skipped.append(f"{draft['id']}: already in the examples")
            continue
        parse_user(draft["user_xml"])  # refuse a broken draft before touching anything
        target = choose_split(draft["exercise"], split, known, test_fraction)
        known.setdefault(draft["exercise"], target)
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
        for relative, text in files.items():
            _fsync_write(staging / relative, text)
            moves.append((f"{STAGING}/{relative}", relative))
        merged.add(key)
        prints.add(fingerprint)
        result.added.setdefault(target, []).append(number)
    if not moves:
        recover(root)
        return result
    journal_tmp = root / (JOURNAL + ".tmp")
    _fsync_write(journal_tmp, json.dumps(moves))
    os.replace(journal_tmp, root / JOURNAL)  # the commit point
    for count, (source, target) in enumerate(moves):
        if _crash_after is not None and count == _crash_after:
            raise RuntimeError("simulated crash in the middle of a merge")
        (root / target).parent.mkdir(parents=True, exist_ok=True)
        os.replace(root / source, root / target)
    recover(root)
    return result
