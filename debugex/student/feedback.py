"""The sentences a student reads about the task and about a check of their file.

Each function returns lines; the command prints them. A sentence says what a run showed,
never the answer (no line of the correct program, no error line but a hint's).
"""

from __future__ import annotations

from .grading import FIXED_OTHERWISE, REMAINING, Grade
from .hints import MAX_HINTS, Hint
from .play import Started

SHOWN_FAILURES = 3  # evidence in full for this many failing scenarios; the rest by name
# What a change elsewhere does on its own when it shows nothing the scenarios see.
ENDINGS = {"equivalent": "it changes nothing the scenarios show"}


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def indent(text: str, prefix: str = "      ") -> str:
    if not text:
        return prefix + "(nothing)"
    body = text[:-1] if text.endswith("\n") else text
    return "\n".join(prefix + line for line in body.split("\n"))


def task_lines(started: Started) -> list[str]:
    """The task, the file it is in and what kinds of error it holds."""
    task = started.task
    counts = {c: started.classes.count(c) for c in ("syntax", "runtime", "logical")}
    kinds = ", ".join(f"{n} {c}" for c, n in counts.items() if n)
    out = [task.description.strip(), "",
           f"{started.file} holds a program for this task with "
           f"{plural(len(task.lines), 'error')} ({kinds}). Fix "
           f"{'them' if len(task.lines) != 1 else 'it'} in your editor."]
    if started.resumed:
        out.append(f"(taken up where you left it: {started.file} was already there)")
    return out


def grade_lines(result: Grade) -> list[str]:
    """What a check of the student's file showed."""
    out: list[str] = []
    total = len(result.errors)
    otherwise = result.errors.count(FIXED_OTHERWISE)
    own_way = (f" ({otherwise} of them in your own way: your code differs from the usual "
               "fix there but passes every scenario.)") if otherwise else ""
    if result.done:
        out.append(f"All {plural(total, 'error')} fixed and all "
                   f"{plural(result.scenarios, 'scenario')} pass. Well done!{own_way}")
    else:
        out.append(f"Errors fixed: {result.fixed} of {total}.{own_way}")
    for state, line, tried in zip(result.errors, result.lines_now, result.tried,
                                  strict=True):
        if state == REMAINING and tried:
            out.append(f"Line {line}: changed, but not fixed yet: on its own your change "
                       f"there still gives {tried}.")
    for change in result.other:
        what = (f"on its own it is a new {change['shows']}" if change["class"]
                else "on its own " + ENDINGS.get(change["reason"], f"it gives {change['shows']}"))
        out.append(f"You also changed line {change['line']}, which had no error: {what}.")
    if result.done:
        return out
    if result.syntax:
        out.append(f"Your program does not compile: {result.syntax}.")
        out.append(f"So all {plural(result.scenarios, 'scenario')} fail.")
        return out
    failing = result.failures
    if not failing:
        left = total - result.fixed
        out.append(f"All {plural(result.scenarios, 'scenario')} pass, but "
                   f"{plural(left, 'error')} {'is' if left == 1 else 'are'} still in the "
                   "program: your other changes hide it on these scenarios.")
        return out
    out.append(f"Scenarios failing: {len(failing)} of {result.scenarios}.")
    for failure in failing[:SHOWN_FAILURES]:
        given = []
        if failure.stdin:
            given.append("input " + ", ".join(map(repr, failure.stdin)))
        if failure.calls:
            given.append("calls " + "; ".join(failure.calls))
        out.append(f"  {failure.scenario}" + (f" ({'; '.join(given)})" if given else "")
                   + f": {failure.problem}")
        if len(failure.wrong_calls) > 1:
            out.extend(f"    {wrong.sentence()}" for wrong in failure.wrong_calls)
        out.append("    expected output:")
        out.append(indent(failure.expected))
        out.append("    your program's output:")
        out.append(indent(failure.actual))
    if len(failing) > SHOWN_FAILURES:
        out.append("  also failing: " + ", ".join(f.scenario for f in
                                                  failing[SHOWN_FAILURES:]))
    return out


def hint_text(hint: Hint) -> str:
    if not hint.level:
        return f"Hint: {hint.text}"
    return f"Hint {hint.level} of {MAX_HINTS} for this error: {hint.text}"
