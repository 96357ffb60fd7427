"""The sentences a student reads about the task and about a check of their file.

Each function returns lines; the command prints them. A sentence says what a run showed,
never the answer (no line of the correct program, no error line but a hint's).
"""

from __future__ import annotations

from .expose import Exposed, functions
from .grading import FIXED_OTHERWISE, REMAINING, Grade
from .hints import MAX_HINTS, Hint
from .locate import REMOVAL_RULE, Located
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
    """The task, the file it is in, what kinds of error it holds and what to do."""
    task, file = started.task, started.file
    counts = {c: started.classes.count(c) for c in ("syntax", "runtime", "logical")}
    kinds = ", ".join(f"{n} {c}" for c, n in counts.items() if n)
    them = "them" if len(task.lines) != 1 else "it"
    holds = (f"{file} holds a program for this task with "
             f"{plural(len(task.lines), 'error')} ({kinds}).")
    out = [task.description.strip(), ""]
    if started.kind == "expose":
        # A placeholder, not a scenario's call: that one may well expose an error.
        names = functions(task.correct) if any(c.calls for c in task.cases) else []
        how = (f'--call "{names[0]}(...)"` (one --call per call, arguments written out)'
               if names else
               "--input LINE --input LINE` (one --input per line the program reads)")
        out += [f"{holds} Do not fix {them}: find inputs on which the program goes wrong.",
                f"Try one with `debugex play --check {file} {how}. An input counts when "
                "the program does something else on it than the correct program would; "
                "you are told which error it exposes, never the correct output."]
    elif started.kind == "locate":
        each = "the line of each" if len(task.lines) != 1 else "its line"
        out += [f"{holds} Before fixing {them}, find {each}: `debugex play "
                f"--check {file} --lines LINE,LINE` (line numbers of the program as handed "
                f"out; {REMOVAL_RULE}). Then you fix {them}."]
    else:
        out.append(f"{holds} Fix {them} in your editor.")
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
        what = (f"on its own it brings in a new {change['shows'].removeprefix('a ')}"
                if change["class"]
                else "on its own " + ENDINGS.get(change["reason"], f"it gives {change['shows']}"))
        out.append(f"You also changed line {change['line']}, which had no error: {what}.")
    out += quality_lines(result)
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


def quality_lines(result: Grade) -> list[str]:
    """How targeted the edits are, said kindly: praise for a minimal fix once done, and
    the count of lines beside the lines needed when more were changed."""
    quality = result.quality
    if quality is None or not quality.changed:
        return []
    errors = len(result.errors)
    if quality.minimal:
        if not result.done:
            return []
        return [f"A minimal fix: you changed only the {plural(quality.changed, 'line')} the "
                f"{plural(errors, 'error')} needed."]
    verb = "rewrote" if quality.changed > quality.needed else "changed"
    out = [f"You {verb} {plural(quality.changed, 'line')}; the {plural(errors, 'error')} "
           f"needed {quality.needed}."
           + (f" {quality.outside} of the lines you changed held no error."
              if quality.outside else "")]
    if result.done:
        out.append("The program works, well done; next time, try changing only the lines "
                   "you have found wrong: that is the debugging skill.")
    else:
        out.append("Debugging is finding the few lines that are wrong: try changing only "
                   "those.")
    return out


def hint_text(hint: Hint) -> str:
    if not hint.level:
        return f"Hint: {hint.text}"
    return f"Hint {hint.level} of {MAX_HINTS} for this error: {hint.text}"


def _lines_words(lines: list[int]) -> str:
    if len(lines) == 1:
        return f"line {lines[0]}"
    return "lines " + ", ".join(map(str, lines[:-1])) + f" and {lines[-1]}"


def exposed_lines(result: Exposed, exposed: list[int], errors: int) -> list[str]:
    """What the student's input showed (never the correct program's output)."""
    if not result.counted:
        return [f"Not counted: {result.said}."]
    if not result.exposes:
        return [f"No error exposed: {result.said}.",
                f"Errors exposed so far: {len(exposed)} of {errors}."]
    out = [f"Your input exposes an error: {result.said}."]
    if result.lines:
        which = "the error" if len(result.lines) == 1 else "the errors"
        out.append(f"It exposes {which} on {_lines_words(sorted(set(result.lines)))}.")
    else:
        out.append("It exposes the errors together: none of them alone changes what the "
                   "program does on it.")
    if len(exposed) == errors:
        out.append(f"Every error exposed ({errors} of {errors}). Well done!")
    else:
        out.append(f"Errors exposed so far: {len(exposed)} of {errors}.")
    return out


def located_lines(result: Located, file: str) -> list[str]:
    """How the lines named compare with the error lines, and what comes next."""
    out = []
    if result.right:
        out.append(f"Right: {_lines_words(result.right)} "
                   f"{'holds an error' if len(result.right) == 1 else 'hold errors'}.")
    if result.wrong:
        out.append(f"{_lines_words(result.wrong).capitalize()} "
                   f"{'holds' if len(result.wrong) == 1 else 'hold'} no error.")
    if result.near_removal:
        out.append(f"Close to one, maybe: {REMOVAL_RULE}.")
    if result.done:
        out.append(f"All {plural(result.errors, 'error')} located. Now fix "
                   f"{'them' if result.errors != 1 else 'it'}: edit {file}, then "
                   f"`debugex play --check {file}` checks it.")
    else:
        out.append(f"Errors located: {result.errors - result.left} of {result.errors}.")
    return out
