"""Run one program in this process, isolated from every other run.

This is the inner loop of a sandbox worker. Each run gets fresh builtins, fresh copies
of the modules it imports, a freshly seeded `random`, frozen clocks, scripted `input()`,
captured and capped output, a CPU-time limit (a timer signal, so a busy machine does not
turn a slow run into a time-out) and a file guard that keeps it inside the worker's
scratch folder. The worker process around it (see `worker.py` and `pool.py`)
adds the limits an in-process run cannot enforce: memory, and a hard deadline that kills
the whole process when a program refuses to stop.
"""

from __future__ import annotations

import builtins
import io
import os
import shutil
import signal
import sys
import time
import warnings
from _signal import ITIMER_PROF as _ITIMER_PROF
from _signal import getsignal as _getsignal
from _signal import setitimer as _setitimer

from . import outcome as oc
from .modules import ModuleSnapshots, RunModules, make_os_module, make_sys_module

FILENAME = "program.py"
MESSAGE_LIMIT = 500
RECURSION_LIMIT = 1000
_TIMER_REPEAT = 0.05  # after the deadline, keep interrupting a program that swallows it
_REMOVED_BUILTINS = ("help", "copyright", "credits", "license")
_SIGPROF = int(signal.SIGPROF)
_close = io.StringIO.close


class _Timeout(BaseException):
    """Raised into the program when its time is up."""


class _OutputLimit(BaseException):
    """Raised into the program when it has printed too much."""


class _InputExhausted(BaseException):
    """Raised when a program keeps asking for input after being told there is none."""


class _RunState:
    __slots__ = ("active", "timed_out", "output_exceeded", "input_over", "touched_files")

    def __init__(self) -> None:
        self.active = False
        self.timed_out = False
        self.output_exceeded = False
        self.input_over = 0
        self.touched_files = False


class Capture(io.StringIO):
    """Captured output: a C-speed StringIO that keeps its text when a program closes it.

    The output limit is checked by the run's timer (every few milliseconds of a long
    run) and once more at the end, so printing costs no Python-level call.
    """

    _final: str | None = None

    def close(self) -> None:
        if not self.closed:
            self._final = super().getvalue()
        super().close()

    def getvalue(self) -> str:
        return self._final if self.closed and self._final is not None else super().getvalue()

    def size(self) -> int:
        return len(self._final) if self.closed and self._final is not None else self.tell()


class _Feed:
    """The scenario's stdin lines, consumed by `input()` and `sys.stdin` alike."""

    def __init__(self, lines: tuple[str, ...], state: _RunState) -> None:
        self._lines = lines
        self._pos = 0
        self._state = state
        self.closed = False

    @property
    def position(self) -> int:
        """How many lines the program has read."""
        return self._pos

    def next_line(self) -> str | None:
        if self._pos >= len(self._lines):
            return None
        line = self._lines[self._pos]
        self._pos += 1
        return line

    # The file-like face, for programs that read sys.stdin directly.
    def readline(self, size: int = -1) -> str:
        line = self.next_line()
        return "" if line is None else line + "\n"

    def read(self, size: int = -1) -> str:
        rest = self._lines[self._pos:]
        self._pos = len(self._lines)
        return "".join(line + "\n" for line in rest)

    def readlines(self) -> list[str]:
        return self.read().splitlines(keepends=True)

    def __iter__(self):
        while line := self.readline():
            yield line

    def isatty(self) -> bool:
        return False

    def close(self) -> None:
        self.closed = True


class _BuiltinsModule:
    """What `import builtins` gives a program: a view of its own run's builtins."""

    def __init__(self, namespace: dict) -> None:
        object.__setattr__(self, "_ns", namespace)

    def __getattr__(self, name: str):
        try:
            return self._ns[name]
        except KeyError:
            raise AttributeError(f"module 'builtins' has no attribute '{name}'") from None

    def __setattr__(self, name: str, value) -> None:
        self._ns[name] = value

    def __delattr__(self, name: str) -> None:
        self._ns.pop(name, None)

    def __dir__(self):
        return list(self._ns)


class Executor:
    """Runs jobs one at a time inside the current process (a sandbox worker).

    Per-run state lives on the executor and the builtins that need it are bound methods,
    so a run costs one dict copy for its builtins and nothing else before `exec`.
    """

    def __init__(self, scratch: str) -> None:
        self.scratch = os.path.realpath(scratch)
        self.snapshots = ModuleSnapshots()
        self._code_cache: dict[str, object] = {}
        self._state = _RunState()
        self._out = Capture()
        self._err = Capture()
        self._feed = _Feed((), self._state)
        self._deadline = 0.0
        self._output_limit = 0
        self._seed = 0
        self._made: dict[str, object] = {}
        self._namespace: dict = {}
        base = {k: v for k, v in builtins.__dict__.items() if k not in _REMOVED_BUILTINS}
        base.update(input=self._input, open=self._open, exit=self._leave, quit=self._leave,
                    breakpoint=lambda *a, **k: None, __import__=self._import)
        self._base_builtins = base
        self._extra = {
            "builtins": lambda: _BuiltinsModule(self._namespace),
            "sys": lambda: make_sys_module(self._out, self._err, self._feed, self._leave),
            "os": lambda: make_os_module(self.snapshots, self._guard_path),
        }
        self._modules = RunModules(self.snapshots, self._extra)
        self._alarm = self._on_alarm  # one bound method, so identity checks hold
        signal.signal(signal.SIGPROF, self._alarm)

    # -- the builtins a program sees -------------------------------------------------
    def _input(self, prompt="") -> str:
        self._out.write(str(prompt))
        line = self._feed.next_line()
        if line is None:
            state = self._state
            state.input_over += 1
            if state.input_over > 1:
                raise _InputExhausted
            raise EOFError("EOF when reading a line")
        return line

    def _open(self, file, mode="r", *args, **kwargs):
        return open(self._guard_path(file), mode, *args, **kwargs)

    @staticmethod
    def _leave(code=None):
        raise SystemExit(code)

    def _import(self, name, globals=None, locals=None, fromlist=(), level=0):  # noqa: A002
        return self._modules.resolve(self._made, self._seed, name, fromlist, level)

    # -- helpers -------------------------------------------------------------------
    def _on_alarm(self, signum, frame) -> None:
        state = self._state
        if not state.active:
            return
        if time.process_time() >= self._deadline:
            state.timed_out = True
            raise _Timeout
        if self._out.size() + self._err.size() > self._output_limit:
            state.output_exceeded = True
            raise _OutputLimit

    def compile(self, source: str):
        """Code object, or a SyntaxError-shaped tuple; each distinct source compiled once."""
        cached = self._code_cache.get(source)
        if cached is None:
            if len(self._code_cache) > 4096:
                self._code_cache.clear()
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    cached = compile(source, FILENAME, "exec", dont_inherit=True)
            except (SyntaxError, ValueError) as exc:  # ValueError: NUL bytes
                line = getattr(exc, "lineno", None)
                message = getattr(exc, "msg", None) or str(exc)
                cached = (type(exc).__name__, line, message[:MESSAGE_LIMIT])
            self._code_cache[source] = cached
        return cached

    def _guard_path(self, path) -> str:
        if isinstance(path, int):
            raise PermissionError("the debugex sandbox does not allow opening file descriptors")
        text = os.fspath(path)
        full = os.path.realpath(os.path.join(self.scratch, text))
        if full != self.scratch and not full.startswith(self.scratch + os.sep):
            raise PermissionError(f"the debugex sandbox does not allow access to '{text}'")
        self._state.touched_files = True
        return full

    def _clean_scratch(self) -> None:
        for entry in os.scandir(self.scratch):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                try:
                    os.unlink(entry.path)
                except OSError:
                    pass

    # -- one run -------------------------------------------------------------------
    def run(self, source: str, stdin: tuple[str, ...], timeout: float, seed: int,
            output_limit: int, trace_lines: bool, calls: tuple[str, ...] = ()) -> tuple:
        """Run one job; return the wire form of its Outcome."""
        code = self.compile(source)
        if type(code) is tuple:
            exc_class, line, message = code
            return (oc.SYNTAX_ERROR, "", exc_class, line, message, None, None, 0, ())

        state = self._state = _RunState()
        out = self._out = Capture()
        err = self._err = Capture()
        self._feed = _Feed(stdin, state)
        self._seed = seed
        self._made = {}
        self._output_limit = output_limit
        namespace = self._namespace = self._base_builtins.copy()
        program_globals = {"__name__": "__main__", "__builtins__": namespace,
                           "__file__": FILENAME, "__doc__": None}
        lines_run: set[int] | None = set() if trace_lines else None
        real_stdout, real_stderr, real_stdin = sys.stdout, sys.stderr, sys.stdin
        error: BaseException | None = None
        returns: list[str] = []
        if _getsignal(_SIGPROF) is not self._alarm:  # a program found the real module
            signal.signal(signal.SIGPROF, self._alarm)
        # The limit is CPU time, not wall time: a busy machine must not turn a slow run
        # into a time-out (the same program and scenario always give the same outcome).
        self._deadline = time.process_time() + timeout
        try:
            try:
                sys.stdout, sys.stderr, sys.stdin = out, err, self._feed
                state.active = True
                # Wake often enough to enforce the output limit; short runs never wake.
                _setitimer(_ITIMER_PROF, min(timeout, _TIMER_REPEAT), _TIMER_REPEAT)
                if lines_run is not None:
                    sys.settrace(_line_tracer(lines_run))
                exec(code, program_globals)
                for expression in calls:  # function scenarios: each call after the top level
                    out.write(f">>> {expression}\n")
                    value = eval(_call_code(expression), program_globals)
                    returns.append(repr(value)[:output_limit])
            finally:
                state.active = False
                sys.settrace(None)
                _setitimer(_ITIMER_PROF, 0)
        except BaseException as exc:  # noqa: BLE001 - every way out is an outcome
            error = exc
        finally:
            state.active = False
            sys.stdout, sys.stderr, sys.stdin = real_stdout, real_stderr, real_stdin
            sys.setrecursionlimit(RECURSION_LIMIT)

        stdout = out.getvalue()
        if len(stdout) + err.size() > output_limit:
            state.output_exceeded = True
            stdout = stdout[:output_limit]
        result = _judge(error, state, stdout, lines_run) + (self._feed.position,
                                                            tuple(returns))
        program_globals.clear()
        namespace.clear()
        # Close at C level now, so that the finalizer does not call our Python close().
        _close(out)
        _close(err)
        if state.touched_files:
            self._clean_scratch()
        return result

def _call_code(expression: str):
    """A call expression compiled apart from the program, so its lines are the program's."""
    return compile(expression, "<call>", "eval", dont_inherit=True)


def _judge(error: BaseException | None, state: _RunState, stdout: str,
           lines_run: set[int] | None) -> tuple:
    """Turn how a run ended into the wire form of its Outcome."""
    lines = frozenset(lines_run) if lines_run is not None else None
    if state.timed_out:
        return (oc.TIMEOUT, stdout, None, _program_line(error), "", "time limit", lines)
    if state.output_exceeded:
        return (oc.LIMIT_EXCEEDED, stdout, None, _program_line(error), "", "output limit",
                lines)
    if error is None:
        return (oc.FINISHED, stdout, None, None, "", None, lines)
    line = _program_line(error)
    if isinstance(error, _InputExhausted) or (isinstance(error, EOFError) and state.input_over):
        return (oc.INPUT_EXHAUSTED, stdout, "EOFError", line,
                "the program asked for more input than the scenario gives", None, lines)
    if isinstance(error, SystemExit):
        if error.code is None or error.code == 0:
            return (oc.FINISHED, stdout, None, None, "", None, lines)
        return (oc.EXCEPTION, stdout, "SystemExit", line, _message(error), None, lines)
    if isinstance(error, MemoryError):
        return (oc.LIMIT_EXCEEDED, stdout, "MemoryError", line, "", "memory limit", lines)
    if isinstance(error, RecursionError):
        return (oc.LIMIT_EXCEEDED, stdout, "RecursionError", line, _message(error),
                "recursion limit", lines)
    return (oc.EXCEPTION, stdout, type(error).__name__, line, _message(error), None, lines)


def _line_tracer(lines_run: set[int]):
    add = lines_run.add

    def local(frame, event, arg):
        if event == "line":
            add(frame.f_lineno)
        return local

    def global_(frame, event, arg):
        if frame.f_code.co_filename == FILENAME:
            return local
        return None

    return global_


def _program_line(error: BaseException | None) -> int | None:
    """The line of the innermost traceback frame that belongs to the program."""
    line = None
    tb = error.__traceback__ if error is not None else None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == FILENAME:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _message(error: BaseException) -> str:
    try:
        text = str(error)
    except BaseException:  # noqa: BLE001 - a hostile __str__
        text = "<unprintable message>"
    return text[:MESSAGE_LIMIT]
