"""`debugex play`: the student's side of an exercise.

`start` writes the bugged program to a file and, beside it, `FILE.play.json`: where the
exercise comes from (a content exercise with the request and seed that make its draft
again, or a draft of a batch), a digest of the bugged program and the class of each
error. The correct program is not stored there: it is made again (or read from the
batch) whenever a check runs in a new process, so the answer does not sit next to the
student's file. `check` grades the file (see `grading`); `hint` names the line of one
error that is still there.

The state is signed (see `state`); the grade itself is always computed again from the
draft and the student's file.
"""

from __future__ import annotations

import hmac
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from ..content import ContentError, read_text
from ..formats import write_atomic
from ..sandbox import Sandbox
from ..workflow import Task
from .grading import Grade, error_classes, grade
from .hints import Hint, next_hint
from .state import (
    STATE_VERSION,
    PlayError,
    digest,
    mac,
    play_key,
    read_state,
    signature,
    state_path,
)
from .target import Target, load_task


@dataclass
class Started:
    task: Task
    file: Path
    classes: list[str]
    resumed: bool  # the file was already there from an earlier `play` of the same draft


def start_play(target: Target, file: Path | None, sandbox: Sandbox) -> Started:
    """Write the bugged program to `file` (default: EXERCISE.py, named after the
    exercise, not the draft) or take up an earlier game in it."""
    task = load_task(target, sandbox)
    file = file if file is not None else Path(f"{task.exercise}.py")
    if file.exists():
        try:
            state = read_state(file)
        except PlayError:
            state = None
        if state and state.get("target") == asdict(target) and \
                state.get("bugged_sha256") == digest(task.bugged) and hmac.compare_digest(
                    str(state.get("answer")), mac(play_key(), "answer", task.correct)):
            return Started(task, file, state.get("classes", []), True)
        raise PlayError(f"{file} already exists: choose another file with --file, or "
                        "remove it")
    classes = error_classes(task, sandbox)
    secret = play_key()
    state = {"version": STATE_VERSION, "target": asdict(target),
             "bugged_sha256": digest(task.bugged), "answer": mac(secret, "answer", task.correct),
             "errors": len(task.lines), "classes": classes, "hints": []}
    state["signature"] = signature(secret, state)
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
            not hmac.compare_digest(mac(play_key(), "answer", task.correct),
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


def give_hint(task: Task, file: Path, result: Grade, state: dict) -> Hint:
    """The next hint for the file (see `hints`), recorded in the state as given."""
    given = state.get("hints")
    if not isinstance(given, list):  # not signed: an edited state may hold anything here
        given = state["hints"] = []
    hint = next_hint(task, result, state.get("classes") or [], given)
    if hint.level:
        given.append({"error": hint.error, "line": hint.line, "level": hint.level})
        try:
            write_atomic(state_path(file), json.dumps(state, indent=2) + "\n")
        except OSError:
            pass  # a hint is still a hint when the count of hints cannot be kept
    return hint
