"""`debugex play`: the student's side of an exercise.

`start` writes the bugged program to a file and, beside it, `FILE.play.json`: where the
exercise comes from (a content exercise with the request and seed that make its draft
again, or a draft of a batch), a digest of the bugged program and the class of each
error. The correct program is not stored there: it is made again (or read from the
batch) whenever a check runs in a new process, so the answer does not sit next to the
student's file. `check` grades the file (see `play_grade`); `hint` names the line of one
error that is still there.

The state decides which answer the file is graded against, so it is signed: an HMAC
with a key kept outside the student's folder (`key_path`, made at the first play),
over every field that decides the grade, and a keyed digest of the correct program
(which tells a changed exercise or batch without being a hash to test guesses of the
answer against). A state edited by hand is refused; the hints it counts are not signed
and decide nothing. The grade itself is always computed again from the draft and the
student's file. This is for practice: the key, the content folder and the batches are
readable by the user who plays, so it keeps an honest student honest and stops a
casual edit, not a determined one (SECURITY.md).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..content import ContentError, read_text
from ..formats import Request, write_atomic
from ..sandbox import Sandbox
from .batch import BatchError, load_batch
from .play_grade import REMAINING, Grade, error_classes, grade
from .tasks import Task, TaskError, TaskMaker

STATE_SUFFIX = ".play.json"
STATE_VERSION = 2
# The fields of a state that decide the grade: signed. Anything else (hints) is not.
SIGNED = ("version", "target", "bugged_sha256", "answer", "errors", "classes")


class PlayError(ValueError):
    """A play command that cannot go on; the message says why and what to do."""


@dataclass
class Target:
    kind: str  # "exercise" or "draft"
    name: str  # exercise slug or draft id
    content: str | None = None  # folder of the exercise (absolute)
    batch: str | None = None  # folder of the draft's batch (absolute)
    request: dict = field(default_factory=lambda: {"syntax": 0, "runtime": 1, "logical": 1})
    seed: int = 0


def state_path(file: Path) -> Path:
    return file.with_name(file.name + STATE_SUFFIX)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def key_path() -> Path:
    """The per-user key that signs play states: $XDG_STATE_HOME/debugex/play.key
    (default ~/.local/state), never in the folder the student works in."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "debugex" / "play.key"


def _key() -> bytes:
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


def _mac(key: bytes, what: str, text: str) -> str:
    return hmac.new(key, f"{what}\0{text}".encode("utf-8", "surrogatepass"),
                    hashlib.sha256).hexdigest()


def _signature(key: bytes, state: dict) -> str:
    signed = {name: state.get(name) for name in SIGNED}
    return _mac(key, "state", json.dumps(signed, sort_keys=True))


def _batch_with(draft_id: str, batches: list[Path]) -> Path | None:
    for folder in batches:
        try:
            batch = load_batch(folder)
        except BatchError:
            continue
        if any(d.get("id") == draft_id for d in batch.drafts):
            return folder
    return None


def resolve_target(name: str, content: Path | None, batch: Path | None, generated: Path,
            request: Request, seed: int) -> Target:
    """An exercise slug of `content`, else a draft id of `batch` (or of any batch under
    `generated`, newest first)."""
    if batch is None and content is not None and (content / name / "correct.py").is_file():
        return Target("exercise", name, str(content.resolve()), None, request.as_dict(), seed)
    if batch is not None:
        if not (batch / "drafts.jsonl").is_file():
            raise PlayError(f"{batch} is not a batch folder (no drafts.jsonl)")
        candidates = [batch]
    else:
        candidates = sorted((p.parent for p in generated.glob("*/drafts.jsonl")),
                            key=lambda p: p.name, reverse=True) if generated.is_dir() else []
    found = _batch_with(name, candidates)
    if found is None:
        where = f"batch {batch}" if batch is not None else \
            f"{content} (exercises) or {generated} (batches)"
        raise PlayError(f"{name!r} is neither an exercise nor a draft id in {where}; "
                        "`debugex review BATCH --list` shows draft ids")
    return Target("draft", name, str(content.resolve()) if content else None,
                  str(found.resolve()))


def load_task(target: Target, sandbox: Sandbox) -> Task:
    maker = TaskMaker(sandbox, Path(target.content) if target.content else None)
    try:
        if target.kind == "exercise":
            made = maker.from_exercises([target.name], Request(**target.request), target.seed)
        else:
            made = maker.from_batch(Path(target.batch or ""), [target.name])
    except TaskError as exc:
        raise PlayError(str(exc)) from None
    if isinstance(made[0], tuple):
        raise PlayError(f"{target.name}: cannot be played: {made[0][1]}")
    return made[0]


@dataclass
class Started:
    task: Task
    file: Path
    classes: list[str]
    resumed: bool  # the file was already there from an earlier `play` of the same draft


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
    signature = state.get("signature")
    if not isinstance(signature, str) or \
            not hmac.compare_digest(signature, _signature(_key(), state)):
        raise PlayError(f"{path} has been changed since play started (its signature does "
                        "not match): it cannot be trusted to say what the file is graded "
                        "against; start the game again")
    return state


def start_play(target: Target, file: Path, sandbox: Sandbox) -> Started:
    """Write the bugged program to `file` (or take up an earlier game in it)."""
    task = load_task(target, sandbox)
    if file.exists():
        try:
            state = read_state(file)
        except PlayError:
            state = None
        if state and state.get("target") == asdict(target) and \
                state.get("bugged_sha256") == digest(task.bugged) and hmac.compare_digest(
                    str(state.get("answer")), _mac(_key(), "answer", task.correct)):
            return Started(task, file, state.get("classes", []), True)
        raise PlayError(f"{file} already exists: choose another file with --file, or "
                        "remove it")
    classes = error_classes(task, sandbox)
    key = _key()
    state = {"version": STATE_VERSION, "target": asdict(target),
             "bugged_sha256": digest(task.bugged), "answer": _mac(key, "answer", task.correct),
             "errors": len(task.lines), "classes": classes, "hints": []}
    state["signature"] = _signature(key, state)
    try:
        write_atomic(file, task.bugged)
        write_atomic(state_path(file), json.dumps(state, indent=2) + "\n")
    except OSError as exc:
        raise PlayError(f"cannot write {exc.filename or file}: {exc.strerror or exc}") \
            from None
    return Started(task, file, classes, False)


def task_of(file: Path, sandbox: Sandbox) -> tuple[Task, dict]:
    """The task a play file was started from, made again (the answer is never stored)."""
    state = read_state(file)
    try:
        target = Target(**state["target"])
    except (TypeError, KeyError):  # signed by us, so only an older layout
        raise PlayError(f"{state_path(file)}: not a debugex play state this version reads "
                        "(start the game again)") from None
    task = load_task(target, sandbox)
    if digest(task.bugged) != state.get("bugged_sha256") or \
            not hmac.compare_digest(_mac(_key(), "answer", task.correct),
                                    str(state.get("answer"))):
        raise PlayError(f"the exercise behind {file} has changed since play started (its "
                        "bugged or correct program is no longer the same): start again")
    return task, state


def read_student(file: Path) -> str:
    try:
        text = read_text(file)
    except ContentError as exc:
        raise PlayError(str(exc)) from None
    return text if text.endswith("\n") or not text else text + "\n"


def check_play(task: Task, file: Path) -> Grade:
    """The grade of the file now, computed again from the task and the file (the state
    decides nothing). The student's program runs in Sandboxes of its own."""
    return grade(task, read_student(file))


def hint_line(file: Path, result: Grade, state: dict) -> int | None:
    """The line, in the student's file, of one error still there (recorded as given)."""
    lines = [line for state_, line in zip(result.errors, result.lines_now, strict=True)
             if state_ == REMAINING and line is not None]
    if not lines:
        return None
    given = state.get("hints")
    if not isinstance(given, list):  # not signed: an edited state may hold anything here
        given = state["hints"] = []
    line = next((n for n in lines if n not in given), lines[0])
    given.append(line)
    try:
        write_atomic(state_path(file), json.dumps(state, indent=2) + "\n")
    except OSError:
        pass  # a hint is still a hint when the count of hints cannot be kept
    return line
