"""`debugex play`: start an exercise, watch the file, check it, give a hint.

Every line goes out through `say`: a program's output, a file name from the command
line or Python's words about a file may hold a lone surrogate, which a terminal cannot
show and `print` refuses; it is written as its escape (`\\udc80`) instead.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from pathlib import Path

import click

from ..formats import Request
from ..sandbox import Sandbox
from ..student import (
    Exposed,
    Grade,
    Located,
    PlayError,
    Started,
    check_and_record,
    check_play,
    expose_and_record,
    exposed_lines,
    give_hint,
    grade_lines,
    hint_text,
    locate_and_record,
    located_lines,
    read_state,
    resolve_target,
    start_play,
    state_path,
    task_lines,
    task_of,
)
from ..workflow import Task
from .options import content_or_default
from .play_report import run_report


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


def watch(task: Task, file: Path, interval: float = 0.5, state: dict | None = None) -> int:
    """Check the file each time it is saved, until every error is fixed or Ctrl-C.

    Each check runs the student's program in Sandboxes of its own (`check_play`)."""
    say(f"Save {file} to check it (Ctrl-C stops; `debugex play --check {file}` "
        f"checks it later, `debugex play --check {file} --hint` gives a hint).")
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
                result = check_play(task, file) if state is None else \
                    check_and_record(task, file, state)
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
        generated: Path, request: Request, seed: int, watching: bool, as_json: bool,
        kind: str = "fix") -> int:
    try:
        # The sandbox that makes the draft and its oracle is closed before the student's
        # program ever runs: that one runs only in Sandboxes of its own.
        with Sandbox(workers=1) as sandbox:
            where = resolve_target(target, content, batch, generated, request, seed)
            started = start_play(where, file, sandbox, kind)
        state = read_state(started.file)
    except PlayError as exc:
        say(f"debugex play: {exc}", err=True)
        return 2
    kind = str(state.get("task") or "fix")  # a game taken up goes on with its own task
    started.kind = kind
    if as_json:
        say_json({"file": str(started.file), "state": str(state_path(started.file)),
                  "exercise": started.task.exercise, "description": started.task.description,
                  "task": kind, "errors": len(started.task.lines), "classes": started.classes,
                  "scenarios": len(started.task.cases), "resumed": started.resumed})
        return 0
    show_task(started)
    if kind != "fix":
        return 0
    if not watching:
        say(f"Check it with `debugex play --check {started.file}`.")
        return 0
    return watch(started.task, started.file, state=state)


def run_check(file: Path, want_hint: bool, as_json: bool, stdin: Sequence[str] = (),
              calls: Sequence[str] = (), lines: str | None = None) -> int:
    """Check once, by the game's task: the fix (exit code 0 when every error is fixed
    and every scenario passes), the lines located (0 when all are) or an input tried
    (0 when every error has been exposed)."""
    try:
        with Sandbox(workers=1) as sandbox:
            task, state = task_of(file, sandbox)
            kind = str(state.get("task") or "fix")
            wrong = _misplaced(kind, bool(stdin or calls), lines is not None, want_hint)
            if wrong:
                raise PlayError(wrong)
            if kind == "expose":
                exposed, so_far = expose_and_record(task, file, state, stdin, calls, sandbox)
        if kind == "expose":
            return _show_exposed(exposed, so_far, len(task.lines), as_json)
        if kind == "locate":
            return _show_located(locate_and_record(task, file, state, lines or ""), file,
                                 as_json)
        result = check_and_record(task, file, state)
    except PlayError as exc:
        say(f"debugex play: {exc}", err=True)
        return 2
    hint = give_hint(task, file, result, state) if want_hint else None
    if as_json:
        say_json({"task": "fix", **result.to_dict(), "hint": hint.to_dict() if hint else None})
    else:
        show_grade(task, result)
        if hint is not None:
            say(hint_text(hint))
    return 0 if result.done else 1


def _misplaced(kind: str, tried: bool, located: bool, want_hint: bool) -> str | None:
    """Why these options do not go with the game's task, or None: an option of another
    task first, then a missing one."""
    if kind != "expose" and tried:
        return f"--input and --call go with an expose game; this game's task is {kind}"
    if kind != "locate" and located:
        return f"--lines goes with a locate game; this game's task is {kind}"
    if kind != "fix" and want_hint:
        return f"--hint goes with fixing; this game's task is {kind}"
    if kind == "expose" and not tried:
        return "this game's task is expose: give an input with --input LINE (one per line) " \
               "or a call with --call \"f(...)\""
    if kind == "locate" and not located:
        return "this game's task is locate: give the error lines with --lines LINE,LINE"
    return None


def _show_exposed(result: Exposed, so_far: list[int], errors: int, as_json: bool) -> int:
    if as_json:
        say_json({"task": "expose", **result.to_dict(), "exposed": so_far, "errors": errors,
                  "done": len(so_far) == errors})
    else:
        for line in exposed_lines(result, so_far, errors):
            say(line)
    return 0 if len(so_far) == errors else 1


def _show_located(result: Located, file: Path, as_json: bool) -> int:
    if as_json:
        say_json({"task": "locate", **result.to_dict()})
    else:
        for line in located_lines(result, str(file)):
            say(line)
    return 0 if result.done else 1


def main(target: str | None, check_file: Path | None, hint: bool, file: Path | None,
         batch: Path | None, content: Path | None, syntax: int, runtime: int, logical: int,
         seed: int, no_watch: bool, as_json: bool, task: str = "fix",
         stdin: Sequence[str] = (), calls: Sequence[str] = (), lines: str | None = None,
         report: Path | None = None, csv_file: Path | None = None) -> int:
    """`debugex play` with its options: start (and watch) a game, check a file, or
    report on a class's games."""
    if report is not None:
        if target is not None or check_file is not None:
            raise click.UsageError("--report FOLDER goes alone (no TARGET, no --check)")
        return run_report(report, csv_file, as_json)
    if csv_file is not None:
        raise click.UsageError("--csv FILE goes with --report FOLDER")
    if check_file is not None:
        if target is not None:
            raise click.UsageError("give TARGET to start, or --check FILE, not both")
        return run_check(check_file, hint, as_json, stdin, calls, lines)
    if target is None:
        raise click.UsageError("give an EXERCISE or DRAFT id to play, or --check FILE")
    if hint:
        raise click.UsageError("--hint goes with --check FILE")
    if stdin or calls or lines is not None:
        raise click.UsageError("--input, --call and --lines go with --check FILE")
    return run(target, file, content_or_default(content), batch, Path("generated"),
               Request(syntax, runtime, logical), seed, not (no_watch or as_json), as_json,
               task)
