"""Writing files so that a crash never leaves one half-written."""

from __future__ import annotations

import os
from pathlib import Path


class WriteError(Exception):
    """A path debugex must write to and cannot; the message is one line for the user."""


def cannot_write(path: Path, exc: OSError) -> WriteError:
    """The one-line error for an OSError met while writing at or below `path`."""
    where = exc.filename if isinstance(exc.filename, str) else path
    return WriteError(f"cannot write to {where}: {exc.strerror or exc}")


def write_atomic(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename it over."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
