"""Writing files so that a crash never leaves one half-written."""

from __future__ import annotations

import contextlib
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
    try:
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        # Name the file the caller asked for, not the temporary one.
        raise OSError(exc.errno, exc.strerror, str(path)) from None
