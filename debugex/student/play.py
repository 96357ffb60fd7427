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
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from ..content import ContentError, read_text
from ..formats import write_atomic
from ..sandbox import Sandbox
from ..workflow import Task
from .expose import Exposed, expose
from .grading import Grade, error_classes, grade
from .hints import Hint, next_hint
from .locate import Located, locate, parse_lines
from .state import (
    STATE_VERSION,
    PlayError,
    digest,
    mac,
    now,
    play_key,
    read_state,
    record,
    save_state,
    signature,
    state_path,
)
from .target import Target, load_task

TASKS = ("fix", "expose", "locate")


@dataclass
class Started:
    task: Task
    file: Path
    classes: list[str]
    resumed: bool  # the file was already there from an earlier `play` of the same draft
    kind: str = "fix"  # the task: fix, expose, or locate (then fix)


def start_play(target: Target, file: Path | None, sandbox: Sandbox,
               kind: str = "fix") -> Started:
    """Write the bugged program to `file` (default: EXERCISE.py, named after the
    exercise, not the draft) or take up an earlier game in it. `kind` is the task:
    fix, expose or locate (then fix)."""
    if kind not in TASKS:
        raise PlayError(f"unknown task {kind!r}: choose from {', '.join(TASKS)}")
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
            return Started(task, file, state.get("classes", []), True,
                           str(state.get("task") or "fix"))
        raise PlayError(f"{file} already exists: choose another file with --file, or "
                        "remove it")
    classes = error_classes(task, sandbox)
    secret = play_key()
    state = {"version": STATE_VERSION, "target": asdict(target),
             "bugged_sha256": digest(task.bugged), "answer": mac(secret, "answer", task.correct),
             "errors": len(task.lines), "classes": classes}
    state["signature"] = signature(secret, state)
    # Not signed: what the game is and how it went (the student's own record).
    state.update(exercise=task.exercise, task=kind, started=now(), hints=[], log=[])
    try:
        write_atomic(file, task.bugged)
        write_atomic(state_path(file), json.dumps(state, indent=2) + "\n")
    except OSError as exc:
        raise PlayError(f"cannot write {exc.filename or file}: {exc.strerror or exc}") \
            from None
    return Started(task, file, classes, False, kind)


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
        given.append({"error": hint.error, "line": hint.line, "level": hint.level,
                      "at": now()})
        save_state(file, state)
    return hint


def check_and_record(task: Task, file: Path, state: dict) -> Grade:
    """`check_play`, with the check kept in the state's log (for the teacher's report)."""
    result = check_play(task, file)
    record(file, state, {"task": "fix", "states": result.errors, "done": result.done,
                         "quality": result.quality.to_dict() if result.quality else None})
    return result


def locate_and_record(task: Task, file: Path, state: dict, text: str) -> Located:
    """The lines named graded; when every error is found, the game goes on to fixing."""
    found_before = [n for n in state.get("located") or [] if isinstance(n, int)]
    result = locate(task, parse_lines(text, task.bugged.count("\n")), found_before)
    state["located"] = result.found
    if result.done:
        state["task"] = "fix"
    record(file, state, {"task": "locate", "lines": result.lines, "right": result.right,
                         "done": result.done})
    return result


def expose_and_record(task: Task, file: Path, state: dict, stdin: Sequence[str],
                      calls: Sequence[str], sandbox: Sandbox) -> tuple[Exposed, list[int]]:
    """The input tried; returns it with every error exposed so far."""
    result = expose(task, stdin, calls, sandbox)
    before = [n for n in state.get("exposed") or [] if isinstance(n, int)]
    state["exposed"] = sorted(set(before) | set(result.errors))
    record(file, state, {"task": "expose", "stdin": list(stdin), "calls": list(calls),
                         "exposes": result.exposes, "errors": result.errors,
                         "done": len(state["exposed"]) == len(task.lines)})
    return result, state["exposed"]
