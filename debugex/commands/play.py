"""`debugex play`: start an exercise, watch the file, check it, give a hint.

Every line goes out through `say`: a program's output, a file name from the command
line or Python's words about a file may hold a lone surrogate, which a terminal cannot
show and `print` refuses; it is written as its escape (`\\udc80`) instead.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from ..formats import Request
from ..sandbox import Sandbox
from ..student import (
    Grade,
    PlayError,
    Started,
    check_play,
    give_hint,
    grade_lines,
    hint_text,
    resolve_target,
    start_play,
    state_path,
    task_lines,
    task_of,
)
from ..workflow import Task
from .options import content_or_default


def printable(text: str) -> str:
    """The text with any lone surrogate written as its escape (valid JSON stays valid)."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def say(text: str = "", err: bool = False) -> None:
    click.echo(printable(text), err=err)


def say_json(data: object) -> None:
    say(json.dumps(data, indent=2, ensure_ascii=False))


def show_task(started: Started) -> None:
    for line in task_lines(started):
        say(line)


def show_grade(task: Task, result: Grade) -> None:
    for line in grade_lines(result):
        say(line)


def watch(task: Task, file: Path, interval: float = 0.5) -> int:
    """Check the file each time it is saved, until every error is fixed or Ctrl-C.

    Each check runs the student's program in Sandboxes of its own (`check_play`)."""
    say(f"Save {file} to check it (Ctrl-C stops; `debugex play --check {file}` "
        f"checks it later, `--hint` shows where one error is).")
    last = file.stat().st_mtime_ns if file.exists() else None
    missing = 0  # polls in a row without the file (an editor's save takes less than one)
    try:
        while True:
            time.sleep(interval)
            try:
                now = file.stat().st_mtime_ns
            except OSError:
                missing += 1
                if missing == 2:
                    say(f"{file} is gone (deleted or moved): save it again to go on "
                        "checking, or Ctrl-C to stop.", err=True)
                continue
            missing = 0
            if now == last:
                continue
            last = now
            say(f"\n--- checking {file} ({time.strftime('%H:%M:%S')}) ---")
            try:
                result = check_play(task, file)
            except PlayError as exc:
                say(f"debugex play: {exc}", err=True)
                continue
            show_grade(task, result)
            if result.done:
                return 0
    except KeyboardInterrupt:
        say(f"\nStopped. Your work is in {file}; `debugex play --check {file}` "
            "checks it again.")
        return 0


def run(target: str, file: Path | None, content: Path | None, batch: Path | None,
        generated: Path, request: Request, seed: int, watching: bool, as_json: bool) -> int:
    try:
        # The sandbox that makes the draft and its oracle is closed before the student's
        # program ever runs: that one runs only in Sandboxes of its own.
        with Sandbox(workers=1) as sandbox:
            where = resolve_target(target, content, batch, generated, request, seed)
            started = start_play(where, file, sandbox)
    except PlayError as exc:
        say(f"debugex play: {exc}", err=True)
        return 2
    if as_json:
        say_json({"file": str(started.file), "state": str(state_path(started.file)),
                  "exercise": started.task.exercise, "description": started.task.description,
                  "errors": len(started.task.lines), "classes": started.classes,
                  "scenarios": len(started.task.cases), "resumed": started.resumed})
        return 0
    show_task(started)
    if not watching:
        say(f"Check it with `debugex play --check {started.file}`.")
        return 0
    return watch(started.task, started.file)


def run_check(file: Path, want_hint: bool, as_json: bool) -> int:
    """Check once; exit code 0 when every error is fixed and every scenario passes."""
    try:
        with Sandbox(workers=1) as sandbox:
            task, state = task_of(file, sandbox)
        result = check_play(task, file)
    except PlayError as exc:
        say(f"debugex play: {exc}", err=True)
        return 2
    hint = give_hint(task, file, result, state) if want_hint else None
    if as_json:
        say_json({**result.to_dict(), "hint": hint.to_dict() if hint else None})
    else:
        show_grade(task, result)
        if hint is not None:
            say(hint_text(hint))
    return 0 if result.done else 1


def main(target: str | None, check_file: Path | None, hint: bool, file: Path | None,
         batch: Path | None, content: Path | None, syntax: int, runtime: int, logical: int,
         seed: int, no_watch: bool, as_json: bool) -> int:
    """`debugex play` with its options: start (and watch) a game, or check a file."""
    if check_file is not None:
        if target is not None:
            raise click.UsageError("give TARGET to start, or --check FILE, not both")
        return run_check(check_file, hint, as_json)
    if target is None:
        raise click.UsageError("give an EXERCISE or DRAFT id to play, or --check FILE")
    if hint:
        raise click.UsageError("--hint goes with --check FILE")
    return run(target, file, content_or_default(content), batch, Path("generated"),
               Request(syntax, runtime, logical), seed, not (no_watch or as_json), as_json)
