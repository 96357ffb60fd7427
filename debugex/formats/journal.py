"""The examples folder's lock and merge journal: what keeps concurrent merges and readers safe.

A merge holds an exclusive `flock` on `<root>/.merge.lock` from its first read to its last
move; readers hold a shared one. The kernel drops the lock when its process dies, so a
killed merge never blocks the next one. Each merge stages its files in its own
`.merge-staging-<run>/` folder and commits by renaming its own `.merge-journal-<run>.json`
into place; whoever next holds the lock exclusively rolls a committed journal forward and
deletes staging folders that were never committed.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

LOCK = ".merge.lock"
JOURNAL_PREFIX = ".merge-journal-"
STAGING_PREFIX = ".merge-staging-"
LEGACY = (".merge-journal.json", ".merge-staging")  # single shared names of older versions


class LockBusy(RuntimeError):
    """Another merge holds the examples folder and waiting was not wanted."""

    def __init__(self, root: Path, holder: str) -> None:
        super().__init__(f"another merge into {root} is running ({holder})")
        self.holder = holder


class JournalError(ValueError):
    """A journal that cannot be read: names the file, so that a person can look at it."""


def _holder(handle) -> str:
    handle.seek(0)
    text = handle.read().strip()
    return f"pid {text}" if text.isdigit() else "pid unknown"


@contextlib.contextmanager
def locked(root: Path, exclusive: bool = True, wait: bool = True,
           notify: Callable[[str], None] | None = None,
           finish_pending: bool = True, name: str = LOCK) -> Iterator[bool]:
    """Hold the examples folder's lock for the block; yields whether a lock is held.

    Exclusive (a merge) creates the lock file and waits for every other holder; shared
    (a reader) waits only for a merge. `notify` gets one line when the lock is busy;
    with wait=False a busy lock raises LockBusy instead. A reader never creates the lock
    file: where there is none, no merge of this version has run, and it reads without a
    lock (see dataset.load_examples for the re-check that closes that window). A shared
    holder finishes a cut-short merge first unless finish_pending is False. `name` is the
    lock file's name: a batch folder's decisions log has a lock of its own (see
    workflow.batch), taken the same way.
    """
    root = Path(root)
    path = root / name
    try:
        handle = open(path, "a+" if exclusive else "r", encoding="utf-8")
    except OSError as exc:
        if exclusive or exc.errno not in (errno.EACCES, errno.EROFS, errno.EPERM, errno.ENOENT,
                                          errno.ENOTDIR):
            raise
        yield False
        return
    with handle:
        mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        try:
            fcntl.flock(handle.fileno(), mode | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(handle)
            if not wait:
                raise LockBusy(root, holder) from None
            if notify:
                notify(f"waiting for another merge into {root} ({holder})…")
            fcntl.flock(handle.fileno(), mode)
        if exclusive:
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()))
            handle.flush()
        elif finish_pending and pending(root):
            # A merge died after its commit point: finish it before anything is read.
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            recover(root)
        try:
            yield True
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def journals(root: Path) -> list[Path]:
    """Committed journals, oldest first."""
    found = [p for p in Path(root).glob(JOURNAL_PREFIX + "*.json")]
    legacy = Path(root) / LEGACY[0]
    if legacy.exists():
        found.append(legacy)
    return sorted(found, key=lambda p: (p.stat().st_mtime_ns, p.name))


def stagings(root: Path) -> list[Path]:
    found = [p for p in Path(root).glob(STAGING_PREFIX + "*") if p.is_dir()]
    legacy = Path(root) / LEGACY[1]
    return found + ([legacy] if legacy.is_dir() else [])


def pending(root: Path) -> bool:
    """Whether a merge was cut short (a journal to roll forward or staging to drop)."""
    return bool(journals(root) or stagings(root))


def recover(root: Path) -> list[str]:
    """Finish merges that committed their journal, drop those that did not.

    Call it only while holding the lock exclusively. Returns the journals it completed.
    """
    root = Path(root)
    done = []
    for journal in journals(root):
        try:
            moves = json.loads(journal.read_text(encoding="utf-8"))
            pairs = [(str(source), str(target)) for source, target in moves]
        except (ValueError, TypeError) as exc:
            raise JournalError(f"{journal}: not a merge journal ({exc}); move it away and "
                               "audit the folder") from None
        for source, target in pairs:
            source_path, target_path = root / source, root / target
            if source_path.exists():
                target_path.parent.mkdir(parents=True, exist_ok=True)
                os.replace(source_path, target_path)
        journal.unlink()
        done.append(journal.name)
    for staging in stagings(root):
        shutil.rmtree(staging)
    for leftover in root.glob(JOURNAL_PREFIX + "*.json.tmp"):
        leftover.unlink()
    return done
