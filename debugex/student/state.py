"""`FILE.play.json`, the state beside a student's file: where the game comes from, a
digest of the bugged program, the class of each error, the hints given.

The state decides which answer the file is graded against, so it is signed: an HMAC
with a key kept outside the student's folder (`key_path`, made at the first play),
over every field that decides the grade, and a keyed digest of the correct program
(which tells a changed exercise or batch without being a hash to test guesses of the
answer against). A state edited by hand is refused; the hints it counts are not signed
and decide nothing. This is for practice: the key, the content folder and the batches
are readable by the user who plays, so it keeps an honest student honest and stops a
casual edit, not a determined one (SECURITY.md).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from datetime import UTC, datetime
from pathlib import Path

from ..formats import write_atomic

STATE_SUFFIX = ".play.json"
STATE_VERSION = 2
# The fields of a state that decide the grade: signed. Anything else (hints) is not.
SIGNED = ("version", "target", "bugged_sha256", "answer", "errors", "classes")


class PlayError(ValueError):
    """A play command that cannot go on; the message says why and what to do."""


def state_path(file: Path) -> Path:
    return file.with_name(file.name + STATE_SUFFIX)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def key_path() -> Path:
    """The per-user key that signs play states: $XDG_STATE_HOME/debugex/play.key
    (default ~/.local/state), never in the folder the student works in."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "debugex" / "play.key"


def play_key() -> bytes:
    path = key_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(secrets.token_hex(32) + "\n")
        text = path.read_text(encoding="ascii", errors="replace").strip()
    except OSError as exc:
        raise PlayError(f"cannot keep the key that signs play states at {path}: "
                        f"{exc.strerror or exc}") from None
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) < 16:
        raise PlayError(f"{path} is not a debugex play key: remove it (a new one is made; "
                        "games started with the old one must be started again)")
    return key


def mac(secret: bytes, what: str, text: str) -> str:
    """A keyed digest of `text` for the purpose `what`."""
    return hmac.new(secret, f"{what}\0{text}".encode("utf-8", "surrogatepass"),
                    hashlib.sha256).hexdigest()


def signature(secret: bytes, state: dict) -> str:
    signed = {name: state.get(name) for name in SIGNED}
    return mac(secret, "state", json.dumps(signed, sort_keys=True))


def read_state(file: Path) -> dict:
    path = state_path(file)
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        if not file.exists():
            raise PlayError(f"{file} does not exist (start a game with `debugex play "
                            "EXERCISE`, which writes it)") from None
        raise PlayError(f"{file} was not started with debugex play (no {path.name} beside "
                        "it): run `debugex play EXERCISE` first") from None
    except (OSError, ValueError) as exc:
        raise PlayError(f"{path}: cannot be read ({exc})") from None
    if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
        raise PlayError(f"{path}: not a debugex play state this version reads (start the "
                        "game again)")
    signed = state.get("signature")
    if not isinstance(signed, str) or \
            not hmac.compare_digest(signed, signature(play_key(), state)):
        raise PlayError(f"{path} has been changed since play started (its signature does "
                        "not match): it cannot be trusted to say what the file is graded "
                        "against; start the game again")
    return state




def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def save_state(file: Path, state: dict) -> None:
    """Write the state back (its signed fields unchanged). What it records beyond them
    (hints, the log of tries) is for the student and their teacher's report: losing one
    write loses a line of that record, never the game, so an error is not raised."""
    try:
        write_atomic(state_path(file), json.dumps(state, indent=2) + "\n")
    except OSError:
        pass


def record(file: Path, state: dict, event: dict) -> None:
    """Append one try (a check, a located list, an input) to the state's log."""
    log = state.get("log")
    if not isinstance(log, list):  # not signed: an edited state may hold anything here
        log = state["log"] = []
    log.append({"at": now(), **event})
    save_state(file, state)
