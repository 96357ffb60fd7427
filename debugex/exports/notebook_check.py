# Check cell written by debugex: run it after running the program cell above. It runs
# the program on a few scenarios and says which still go wrong (plain Python, nothing
# to install).
# (No zip(strict=...): a student's Python may be older than 3.10.)
import contextlib
import io
import sys
import time

CHECK = {"marker": "# Program", "cases": []}  # debugex puts the scenarios here


class _TooSlow(Exception):
    pass


def _run(code, case, seconds=2.0):
    """Run the program on one scenario: (printed text, values of the calls, error)."""
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
            raise _TooSlow(f"still running after {seconds:g} seconds (an endless loop?)")
        return tracer

    namespace = {"__name__": "__main__", "input": scripted_input}
    returns, error = [], None
    old = sys.gettrace()
    try:
        sys.settrace(tracer)
        with contextlib.redirect_stdout(out):
            exec(code, namespace)
            for call in case["calls"]:
                out.write(">>> " + call + "\n")
                returns.append(repr(eval(call, namespace)))
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # the program's own failure is what we report
        line = None
        trace = exc.__traceback__
        while trace is not None:
            if trace.tb_frame.f_code.co_filename == "<program>":
                line = trace.tb_lineno
            trace = trace.tb_next
        error = (type(exc).__name__, line, str(exc))
    finally:
        sys.settrace(old)
    return out.getvalue(), returns, error


def _show(text):
    if not text:
        return "    (nothing)"
    lines = text[:-1].split("\n") if text.endswith("\n") else text.split("\n")
    return "\n".join("    | " + line for line in lines)


def _first_difference(expected, actual):
    wanted, got = expected.split("\n"), actual.split("\n")
    for number, (want, have) in enumerate(zip(wanted, got), start=1):  # noqa: B905
        if want != have:
            return f"output line {number} differs"
    return "the output is shorter than expected" if len(got) < len(wanted) \
        else "the output is longer than expected"


def _check(check, history):
    source = next((cell for cell in reversed(history)
                   if cell.lstrip().startswith(check["marker"])), None)
    if source is None:
        print("Run the program cell first (the cell that starts with "
              + repr(check["marker"]) + "), then this cell.")
        return None
    cases = check["cases"]
    try:
        code = compile(source, "<program>", "exec")
    except SyntaxError as exc:
        print(f"The program does not compile: {type(exc).__name__} at line {exc.lineno}: "
              f"{exc.msg}")
        print(f"So all {len(cases)} scenarios fail.")
        return len(cases)
    failing = 0
    for case in cases:
        printed, returns, error = _run(code, case)
        given = (", input " + ", ".join(repr(v) for v in case["stdin"])) if case["stdin"] \
            else ""
        if error is not None:
            where = f" at line {error[1]}" if error[1] else ""
            problem = f"stopped with {error[0]}{where}: {error[2]}"
        else:
            wrong = [(call, want, got) for call, want, got
                     in zip(case["calls"], case["returns"], returns)  # noqa: B905
                     if want != got]
            if wrong:
                call, want, got = wrong[0]
                problem = f"{call} returned {got} instead of {want}"
            elif printed != case["stdout"]:
                problem = _first_difference(case["stdout"], printed)
            else:
                continue
        failing += 1
        print(f"FAIL scenario {case['name']}{given}: {problem}")
        print("  expected output:")
        print(_show(case["stdout"]))
        print("  actual output:")
        print(_show(printed))
    if failing:
        print(f"{failing} of {len(cases)} scenarios still fail.")
    else:
        print(f"All {len(cases)} scenarios pass.")
    return failing


if __name__ == "__main__":  # a notebook cell runs as __main__; importing runs nothing
    _check(CHECK, globals().get("In", []))
