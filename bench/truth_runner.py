"""Run one program on its scenarios with plain CPython: the independent path of bench/truth.py.

No debugex code, sandbox or cache: this file is run as `python3 truth_runner.py` with a
JSON request on stdin, {"source": ..., "scenarios": [{"stdin": [...], "calls": [...]}],
"seed": N, "timeout": seconds}, and prints one JSON result per scenario: how the run
ended ("finished", "exception", "syntax", "timeout", "output_limit"), what the top level
printed, and for each call what it printed and the repr() of its value (or that it
raised). `random` is seeded with N before every scenario, so that a quote can be tried
under several seeds. Only for programs we trust enough to measure (ours, or the outside
corpus): there is no confinement beyond a memory limit, a time limit and a scratch cwd.
"""

import builtins
import io
import json
import random
import resource
import signal
import sys

FILENAME = "<program>"
OUTPUT_LIMIT = 200_000  # characters per scenario


class _Stop(BaseException):
    """A limit was reached (not an exception of the program)."""


class _Capture(io.StringIO):
    def write(self, text):
        if self.tell() + len(text) > OUTPUT_LIMIT:
            raise _Stop("output_limit")
        return super().write(text)


def _line(error):
    """The line of the program where `error` was raised (its innermost frame there)."""
    line, tb = None, error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == FILENAME:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _alarm(signum, frame):
    raise _Stop("timeout")


def run(code, scenario, seed, timeout):
    out = _Capture()
    sys.stdin = io.StringIO("".join(line + "\n" for line in scenario.get("stdin", [])))
    random.seed(seed)
    namespace = {"__name__": "__main__", "__builtins__": builtins, "__file__": FILENAME}
    result = {"kind": "finished", "stdout": "", "calls": [], "exc_class": None,
              "message": "", "line": None}
    current, top_done = None, False
    signal.setitimer(signal.ITIMER_REAL, timeout)
    sys.stdout = out
    try:
        exec(code, namespace)
        result["stdout"], top_done = out.getvalue(), True
        for call in scenario.get("calls", []):
            out.seek(0)
            out.truncate()
            current = {"call": call, "stdout": "", "returned": None, "raised": False}
            value = eval(call, namespace)
            current["returned"] = repr(value)
            current["stdout"] = out.getvalue()
            result["calls"].append(current)
            current = None
    except _Stop as stop:
        result["kind"] = stop.args[0]
    except SystemExit as leave:
        if leave.code not in (None, 0):
            result.update(kind="exception", exc_class="SystemExit", message=str(leave.code))
    except BaseException as error:  # noqa: BLE001 - every way out is a result
        result.update(kind="exception", exc_class=type(error).__name__,
                      message=str(error), line=_line(error))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        sys.stdout = sys.__stdout__
    if not top_done:
        result["stdout"] = out.getvalue()
    elif current is not None:  # the call that did not return
        current["raised"] = True
        current["stdout"] = out.getvalue()
        result["calls"].append(current)
    return result


def main():
    request = json.loads(sys.stdin.read())
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    signal.signal(signal.SIGALRM, _alarm)
    sys.setrecursionlimit(1000)
    try:
        code = compile(request["source"], FILENAME, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as error:
        syntax = {"kind": "syntax", "stdout": "", "calls": [], "exc_class": type(error).__name__,
                  "message": getattr(error, "msg", str(error)),
                  "line": getattr(error, "lineno", None)}
        results = [syntax for _ in request["scenarios"]]
    else:
        results = [run(code, s, request.get("seed", 0), request.get("timeout", 2.0))
                   for s in request["scenarios"]]
    sys.__stdout__.write(json.dumps(results))


if __name__ == "__main__":
    main()
