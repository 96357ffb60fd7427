# debugex's checker for the programs of this notebook (plain Python, nothing to install).
# Run this cell once; each check cell below calls debugex_check() with its program's
# scenarios. (No zip(strict=...): a student's Python may be older than 3.10.)
import builtins
import contextlib
import io
import sys
import time

FEEDS = {}  # debugex puts each program's first scenario input here
_keyboard = builtins.input
_fed = {}


def input(prompt=""):
    """input() of the program cells: the keyboard, or where the notebook runs without one
    (nbconvert --execute, an autograder) the input of the program's first scenario."""
    try:
        return _keyboard(prompt)
    except Exception as exc:
        if type(exc).__name__ != "StdinNotImplementedError":
            raise
    history = globals().get("In") or [""]
    cell = _program_cell(history[-1]).split("\n", 1)[0]
    marker = next((m for m in FEEDS if cell.startswith(m)), None)
    queue = _fed.setdefault((marker, len(history)), list(FEEDS.get(marker, [])))
    if not queue:
        raise EOFError("the program asked for more input than its first scenario holds")
    line = queue.pop(0)
    print(str(prompt) + line)
    return line


class _Stop(Exception):
    """The program ran out of time: a plain sentence, not a traceback."""


def _run(code, case, seconds=2.0):
    """Run the program on one scenario: (transcript, values of the calls, problem)."""
    feed = list(case["stdin"])
    out = io.StringIO()

    def scripted_input(prompt=""):
        out.write(str(prompt))
        if not feed:
            raise EOFError("EOF when reading a line")
        return feed.pop(0)

    deadline = time.monotonic() + seconds

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<program>":
            return None
        if time.monotonic() > deadline:
            raise _Stop()
        return tracer

    namespace = {"__name__": "__main__", "input": scripted_input}
    returns, problem = [], None
    old = sys.gettrace()
    try:
        sys.settrace(tracer)
        with contextlib.redirect_stdout(out):
            try:
                exec(code, namespace)
            except SystemExit:  # exit() ends the program, as it does outside a notebook
                pass
            for call in case["calls"]:
                out.write(">>> " + call + "\n")
                value = repr(eval(call, namespace))
                returns.append(value)
                out.write(value + "\n")
    except KeyboardInterrupt:
        raise
    except _Stop:
        problem = f"it was still running after {seconds:g} seconds (an endless loop?)"
    except BaseException as exc:  # the program's own failure is what we report
        line = None
        trace = exc.__traceback__
        while trace is not None:
            if trace.tb_frame.f_code.co_filename == "<program>":
                line = trace.tb_lineno
            trace = trace.tb_next
        where = f" at line {line}" if line else ""
        problem = f"it stopped with {type(exc).__name__}{where}: {exc}"
    finally:
        sys.settrace(old)
    return out.getvalue(), returns, problem


def _expected(case):
    """The correct program's transcript: its output with each call's value after it."""
    calls, values, text = case["calls"], case["returns"], case["stdout"]
    if not calls:
        return text
    lines = text[:-1].split("\n") if text.endswith("\n") else text.split("\n")
    out, index = [], 0
    for line in lines:
        if index < len(calls) and line == ">>> " + calls[index]:
            if 0 < index <= len(values):
                out.append(values[index - 1])
            index += 1
        out.append(line)
    if 0 < index <= len(values):
        out.append(values[index - 1])
    return "\n".join(out) + "\n"


def _clean(text):
    """Lines without trailing spaces, no trailing blank lines: what CodeRunner compares."""
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _show(text):
    lines = _clean(text)
    return "\n".join("    | " + line for line in lines) if lines else "    (nothing)"


def _difference(expected, actual):
    wanted, got = _clean(expected), _clean(actual)
    for number, (want, have) in enumerate(zip(wanted, got), start=1):  # noqa: B905
        if want != have:
            return f"line {number} of the output differs"
    return "the output is shorter than expected" if len(got) < len(wanted) \
        else "the output is longer than expected"


def _program_cell(cell):
    """The cell without Otter-Grader's solution marker line, when it starts with one."""
    cell = cell.lstrip()
    head = "# BEGIN " + "SOLUTION NO PROMPT\n"  # split: nbgrader clears lines that hold it
    return cell[len(head):] if cell.startswith(head) else cell


def debugex_check(check, graded=False, quiet=False):
    """Run the last run of the program cell on every scenario; say which fail and return
    how many. Graded (an autograder's cell), a failing scenario raises AssertionError and
    nothing is returned (nbgrader would take a number shown under the cell for the
    score); quiet, the report is printed only then, as the error's message."""
    if quiet:
        report = io.StringIO()
        with contextlib.redirect_stdout(report):
            failing = debugex_check(check)
        if failing and graded:
            raise AssertionError(report.getvalue().rstrip("\n"))
        return None if graded else failing
    history = globals().get("In") or []
    found = [(n, cell) for n, cell in enumerate(history)
             if _program_cell(cell).startswith(check["marker"])]
    cases = check["cases"]
    if not found:
        print("Run the program cell first (the cell that starts with "
              + repr(check["marker"]) + "), then this cell.")
        failing = len(cases)
    else:
        number, source = found[-1]
        print(f"Checking the program cell as it ran last, In [{number}]:")
        failing = _report(source, cases)
    if graded and failing:
        raise AssertionError(f"{failing} of {len(cases)} scenarios still fail")
    return None if graded else failing


def _report(source, cases):
    try:
        code = compile(source, "<program>", "exec")
    except SyntaxError as exc:
        print(f"The program does not compile: {type(exc).__name__} at line {exc.lineno}: "
              f"{exc.msg}")
        print(f"So all {len(cases)} scenarios fail.")
        return len(cases)
    failing = 0
    for case in cases:
        printed, returns, problem = _run(code, case)
        expected = _expected(case)
        if problem is None:
            wrong = [(call, want, got) for call, want, got
                     in zip(case["calls"], case["returns"], returns)  # noqa: B905
                     if want != got]
            if wrong:
                problem = f"{wrong[0][0]} returned {wrong[0][2]} instead of {wrong[0][1]}"
            elif _clean(printed) != _clean(expected):
                problem = _difference(expected, printed)
            else:
                continue
        failing += 1
        given = (", input " + ", ".join(repr(v) for v in case["stdin"])) if case["stdin"] \
            else ""
        print(f"FAIL scenario {case['name']}{given}: {problem}")
        print("  expected:")
        print(_show(expected))
        print("  got:")
        print(_show(printed))
    if failing:
        print(f"{failing} of {len(cases)} scenarios still fail.")
    else:
        print(f"All {len(cases)} scenarios pass.")
    return failing
