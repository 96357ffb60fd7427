"""Seals on what the proof cache keeps: an entry is believed only if this user wrote it.

A cache folder may be shared ($DEBUGEX_CACHE on a group drive, a CI cache restored from
elsewhere), and a verdict read back decides sentences of a draft ("it prints 0"). So every
entry carries an HMAC-SHA256 made with a key that only this user can read
(`$XDG_CONFIG_HOME/debugex/cache.key`, mode 0600, created on first use; or the file named
by `$DEBUGEX_CACHE_KEY`). An entry whose seal does not match (written by someone else,
edited, damaged, or of an older format) is ignored and proven again; nothing read from
the cache is ever run or evaluated.

When no private key can be kept (a read-only home, a key file that others can read or
write), a key of this process alone is used: nothing is lost but the reuse of proofs
between runs, and that is said once on stderr.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
import sys
from functools import cache
from pathlib import Path

_KEY_BYTES = 32
_MAC_CHARS = 32  # 128 bits of the SHA-256 HMAC, in hex


def key_path() -> Path:
    """$DEBUGEX_CACHE_KEY (a file: the nodes of a cluster that share one cache share it
    too), else the user's own config folder."""
    named = os.environ.get("DEBUGEX_CACHE_KEY")
    if named:
        return Path(named)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "debugex" / "cache.key"


def _private(info: os.stat_result) -> bool:
    return (stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid()
            and not info.st_mode & 0o077)


def _read_key(path: Path) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        if not _private(os.fstat(fd)):
            return None
        key = os.read(fd, _KEY_BYTES + 1)
    finally:
        os.close(fd)
    return key if len(key) == _KEY_BYTES else None


def _create_key(path: Path) -> bytes | None:
    """A new key, written whole under a temporary name and linked into place, so that two
    processes starting at once end up with the same key (the second reads the first's)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        try:
            os.write(fd, secrets.token_bytes(_KEY_BYTES))
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(temporary)
    except OSError:
        return None
    return _read_key(path)


@cache
def cache_key() -> bytes:
    """This user's sealing key (see the module's docstring)."""
    path = key_path()
    key = _read_key(path)
    if key is None and not path.exists() and not path.is_symlink():
        key = _create_key(path)
        problem = f"the cache key {path} cannot be created"
    else:
        problem = (f"the cache key {path} is not a private file of this user (mode 0600, "
                   f"owned by you: `chmod 600 {path}` if it is yours)")
    if key is None:
        print(f"debugex: warning: {problem}; proofs from earlier runs are not reused",
              file=sys.stderr)
        key = secrets.token_bytes(_KEY_BYTES)
    return key


def seal(text: str) -> str:
    """The seal of `text` (hex), made with this user's key."""
    data = text.encode("utf-8", "surrogatepass")
    return hmac.new(cache_key(), data, hashlib.sha256).hexdigest()[:_MAC_CHARS]


def sealed_line(text: str) -> str:
    """One cache line: its seal, a space, the text (which holds no newline)."""
    return f"{seal(text)} {text}"


def open_line(line: str) -> str | None:
    """The text of a sealed line, or None when its seal does not match."""
    return _opened(*line.partition(" ")[::2])


def sealed_file(text: str) -> str:
    """A whole cache file: its seal on the first line, then the text."""
    return f"{seal(text)}\n{text}"


def open_file(content: str) -> str | None:
    """The text of a sealed file, or None when its seal does not match."""
    return _opened(*content.partition("\n")[::2])


def _opened(mac: str, text: str) -> str | None:
    if len(mac) != _MAC_CHARS or not hmac.compare_digest(mac, seal(text)):
        return None
    return text
