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
from ..workflow import (
    FIXED_OTHERWISE,
    Grade,
    PlayError,
    Started,
    Task,
    check_play,
    hint_line,
    resolve_target,
    start_play,
    state_path,
    task_of,
)
from .options import content_or_default

SHOWN_FAILURES = 3  # evidence in full for this many failing scenarios; the rest by name
# What a change elsewhere does on its own when it is not an error of a class.
ENDINGS = {"equivalent": "it changes nothing the scenarios show",
           "timeout": "it makes the program run too long on a scenario",
           "input_exhausted": "it makes the program ask for more input than a scenario gives",
           "limit_exceeded": "it makes the program go over a limit (output or memory)"}


def printable(text: str) -> str:
    """The text with any lone surrogate written as its escape (valid JSON stays valid)."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def say(text: str = "", err: bool = False) -> None:
    click.echo(printable(text), err=err)


def say_json(data: object) -> None:
    say(json.dumps(data, indent=2, ensure_ascii=False))


def _indent(text: str, prefix: str = "      ") -> str:
    if not text:
        return prefix + "(nothing)"
    body = text[:-1] if text.endswith("\n") else text
    return "\n".join(prefix + line for line in body.split("\n"))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def show_task(started: Started) -> None:
    task = started.task
    counts = {c: started.classes.count(c) for c in ("syntax", "runtime", "logical")}
    kinds = ", ".join(f"{n} {c}" for c, n in counts.items() if n)
    say(task.description.strip())
    say("")
    say(f"{started.file} holds a program for this task with "
               f"{_plural(len(task.lines), 'error')} ({kinds}). Fix "
               f"{'them' if len(task.lines) != 1 else 'it'} in your editor.")
    if started.resumed:
        say(f"(taken up where you left it: {started.file} was already there)")


def show_grade(task: Task, result: Grade) -> None:
    total = len(result.errors)
    otherwise = result.errors.count(FIXED_OTHERWISE)
    own_way = (f" ({otherwise} of them in your own way: your code differs from the usual "
               "fix there but passes every scenario.)") if otherwise else ""
    if result.done:
        say(f"All {_plural(total, 'error')} fixed and all "
                   f"{_plural(result.scenarios, 'scenario')} pass. Well done!{own_way}")
    else:
        say(f"Errors fixed: {result.fixed} of {total}.{own_way}")
    for change in result.other:
        what = (f"on its own it is a new {change['class']} error" if change["class"]
                else "on its own " + ENDINGS.get(change["reason"], str(change["reason"])))
        say(f"You also changed line {change['line']}, which had no error: {what}.")
    if result.done:
        return
    if result.syntax:
        say(f"Your program does not compile: {result.syntax}.")
        say(f"So all {_plural(result.scenarios, 'scenario')} fail.")
        return
    failing = result.failures
    if not failing:
        say(f"All {_plural(result.scenarios, 'scenario')} pass, but "
                   f"{_plural(total - result.fixed, 'error')} "
                   f"{'is' if total - result.fixed == 1 else 'are'} still in the program: "
                   "your other changes hide it on these scenarios.")
        return
    say(f"Scenarios failing: {len(failing)} of {result.scenarios}.")
    for failure in failing[:SHOWN_FAILURES]:
        given = []
        if failure.stdin:
            given.append("input " + ", ".join(map(repr, failure.stdin)))
        if failure.calls:
            given.append("calls " + "; ".join(failure.calls))
        say(f"  {failure.scenario}" + (f" ({'; '.join(given)})" if given else "")
                   + f": {failure.problem}")
        say("    expected output:")
        say(_indent(failure.expected))
        say("    your program's output:")
        say(_indent(failure.actual))
    if len(failing) > SHOWN_FAILURES:
        say("  also failing: " + ", ".join(f.scenario for f in
                                                 failing[SHOWN_FAILURES:]))


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
            started = start_play(where, file or Path(f"{where.name}.py"), sandbox)
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
    line = hint_line(file, result, state) if want_hint else None
    if as_json:
        say_json({**result.to_dict(), "hint_line": line})
    else:
        show_grade(task, result)
        if want_hint:
            say(f"Hint: look at line {line}." if line is not None
                else "Hint: no error of the exercise is left in the program.")
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
