"""Run one program in this process: the last step of a sandbox child.

The child was forked for this one run and is already confined by the OS (see
`lockdown.py`); this module gives the program a beginner's Python: fresh builtins, copies
of the allowed modules, a seeded `random`, frozen clocks, scripted `input()`, captured and
capped output, a CPU-time limit as a timer signal (so a busy machine does not turn a slow
run into a time-out; the hard CPU rlimit backs it up) and a path guard that keeps file
access inside the scratch folder. It reports how the run ended as a plain list.
"""

from __future__ import annotations

import builtins
import io
import os
import re
import signal
import sys
import time
import warnings
from _signal import ITIMER_PROF as _ITIMER_PROF
from _signal import setitimer as _setitimer
from itertools import islice
from types import GeneratorType

from .kinds import note_types
from .modules import ModuleSnapshots, RunModules, make_os_module, make_sys_module

FILENAME = "program.py"
MESSAGE_LIMIT = 500
RECURSION_LIMIT = 1000
_TIMER_REPEAT = 0.05  # after the deadline, keep interrupting a program that swallows it
_REMOVED_BUILTINS = ("help", "copyright", "credits", "license")
_SIGPROF = int(signal.SIGPROF)

# Outcome kinds, as `debugex.sandbox.outcome` names them (this package imports nothing of
# debugex: it runs inside the sandbox's own processes).
FINISHED, EXCEPTION, TIMEOUT = "finished", "exception", "timeout"
INPUT_EXHAUSTED, LIMIT_EXCEEDED = "input_exhausted", "limit_exceeded"


class _Timeout(BaseException):
    """Raised into the program when its time is up."""


class _OutputLimit(BaseException):
    """Raised into the program when it has printed too much."""


class _InputExhausted(BaseException):
    """Raised when a program keeps asking for input after being told there is none."""


class _RunState:
    __slots__ = ("active", "timed_out", "output_exceeded", "input_over")

    def __init__(self) -> None:
        self.active = False
        self.timed_out = False
        self.output_exceeded = False
        self.input_over = 0


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
    """Runs one job inside the current process (a sandbox child).

    Built once in the zygote, before it forks: the snapshots of the allowed modules and the
    base builtins are then shared by every child at no cost.
    """

    def __init__(self, scratch: str) -> None:
        self.scratch = os.path.realpath(scratch)
        self.snapshots = ModuleSnapshots()
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

    def _guard_path(self, path) -> str:
        if isinstance(path, int):
            raise PermissionError("the debugex sandbox does not allow opening file descriptors")
        text = os.fspath(path)
        full = os.path.realpath(os.path.join(self.scratch, text))
        if full != self.scratch and not full.startswith(self.scratch + os.sep):
            raise PermissionError(f"the debugex sandbox does not allow access to '{text}'")
        return full

    # -- one run -------------------------------------------------------------------
    def run(self, code, stdin: tuple[str, ...], timeout: float, seed: int,
            output_limit: int, trace_lines: bool, calls: tuple = ()) -> list:
        """Run one compiled program (and its calls); return the wire form of its Outcome.

        `calls` holds (text, code) pairs: expressions evaluated in the program's globals
        after its top level ran, each value's repr() recorded in order.
        """
        state = self._state = _RunState()
        out = self._out = Capture()
        err = self._err = Capture()
        self._feed = _Feed(stdin, state)
        self._seed = seed
        self.snapshots.start_run(seed)
        self._made = {}
        self._output_limit = output_limit
        # Not a copy: this process runs one program and ends, so what it does to its
        # builtins dies with it (and a copy would touch every builtin's page).
        namespace = self._namespace = self._base_builtins
        program_globals = {"__name__": "__main__", "__builtins__": namespace,
                           "__file__": FILENAME, "__doc__": None}
        lines_run: set[int] | None = set() if trace_lines else None
        typed: set[tuple[str, str]] | None = set() if trace_lines else None
        returns: list[str] = []
        error: BaseException | None = None
        # The limit is CPU time, not wall time: a busy machine must not turn a slow run
        # into a time-out (the same program and scenario always give the same outcome).
        self._deadline = time.process_time() + timeout
        try:
            sys.stdout, sys.stderr, sys.stdin = out, err, self._feed
            state.active = True
            # Wake often enough to enforce the output limit; short runs never wake.
            _setitimer(_ITIMER_PROF, min(timeout, _TIMER_REPEAT), _TIMER_REPEAT)
            if lines_run is not None:
                sys.settrace(_line_tracer(lines_run, typed))
            exec(code, program_globals)
            for text, call in calls:
                out.write(f">>> {text}\n")
                returns.append(shown_value(eval(call, program_globals)))
        except BaseException as exc:  # noqa: BLE001 - every way out is an outcome
            error = exc
        finally:
            state.active = False
            sys.settrace(None)
            _setitimer(_ITIMER_PROF, 0)

        stdout = out.getvalue()
        if len(stdout) + err.size() + sum(map(len, returns)) > output_limit:
            returns.clear()
            state.output_exceeded = True
            stdout = stdout[:output_limit]
        return [*_judge(error, state, normalise_addresses(stdout), lines_run),
                self._feed.position, returns,
                sorted(map(list, typed)) if typed is not None else None]


_ADDRESS = re.compile(r"(?<= at )0x[0-9a-fA-F]{4,}")


GENERATOR_ITEMS = 10_000  # a generator's items taken for its value (an endless one stops)


def shown_value(value) -> str:
    """The text of a call's value: its repr(), with a generator's items as a list (what a
    test compares, never its address) and object addresses normalised. Taking the items
    runs the program's code, so it happens inside the run, under its CPU limit."""
    if isinstance(value, GeneratorType):
        value = list(islice(value, GENERATOR_ITEMS))
    return normalise_addresses(repr(value))


def normalise_addresses(text: str) -> str:
    """`<Point object at 0x7f3a…>` differs between processes; the verdict must not."""
    return _ADDRESS.sub("0x...", text) if " at 0x" in text else text


def compile_program(source: str, filename: str = FILENAME, mode: str = "exec"):
    """A code object, or [exception class, line, message] when it cannot be compiled.

    Hostile text must not end the process that compiles it: a 200 000-term expression
    exhausts the compiler's recursion, a huge literal its memory.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return compile(source, filename, mode, dont_inherit=True)
    except (SyntaxError, ValueError) as exc:  # ValueError: NUL bytes
        message = getattr(exc, "msg", None) or str(exc)
        return [type(exc).__name__, getattr(exc, "lineno", None), message[:MESSAGE_LIMIT]]
    except (RecursionError, MemoryError, OverflowError) as exc:
        return [type(exc).__name__, None,
                f"the program is too large or too deeply nested to compile ({exc})"[:MESSAGE_LIMIT]]


def _judge(error: BaseException | None, state: _RunState, stdout: str,
           lines_run: set[int] | None) -> tuple:
    """Turn how a run ended into the wire form of its Outcome."""
    lines = sorted(lines_run) if lines_run is not None else None
    if state.timed_out:
        return (TIMEOUT, stdout, None, _program_line(error), "", "time limit", lines)
    if state.output_exceeded:
        return (LIMIT_EXCEEDED, stdout, None, _program_line(error), "", "output limit",
                lines)
    if error is None:
        return (FINISHED, stdout, None, None, "", None, lines)
    line = _program_line(error)
    if isinstance(error, _InputExhausted) or (isinstance(error, EOFError) and state.input_over):
        return (INPUT_EXHAUSTED, stdout, "EOFError", line,
                "the program asked for more input than the scenario gives", None, lines)
    if isinstance(error, SystemExit):
        if error.code is None or error.code == 0:
            return (FINISHED, stdout, None, None, "", None, lines)
        return (EXCEPTION, stdout, "SystemExit", line, _message(error), None, lines)
    if isinstance(error, MemoryError):
        return (LIMIT_EXCEEDED, stdout, "MemoryError", line, "", "memory limit", lines)
    if isinstance(error, RecursionError):
        return (LIMIT_EXCEEDED, stdout, "RecursionError", line, _message(error),
                "recursion limit", lines)
    return (EXCEPTION, stdout, type(error).__name__, line, _message(error), None, lines)


TYPED_LIMIT = 2000  # (name, type) pairs a traced run reports at most
NAME_LIMIT = 80  # characters of a name or a type's name


def _line_tracer(lines_run: set[int], typed: set[tuple[str, str]]):
    add = lines_run.add

    def local(frame, event, arg):
        if event == "line":
            add(frame.f_lineno)
        elif event == "return" and len(typed) < TYPED_LIMIT:
            note_types(frame, typed, TYPED_LIMIT, NAME_LIMIT)
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
