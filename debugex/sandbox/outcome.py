"""What the sandbox is asked to run, and what it reports back."""

from __future__ import annotations

from typing import NamedTuple

# Outcome kinds. `finished` is the only clean one.
FINISHED = "finished"
SYNTAX_ERROR = "syntax_error"
EXCEPTION = "exception"
TIMEOUT = "timeout"
INPUT_EXHAUSTED = "input_exhausted"
LIMIT_EXCEEDED = "limit_exceeded"
KINDS = (FINISHED, SYNTAX_ERROR, EXCEPTION, TIMEOUT, INPUT_EXHAUSTED, LIMIT_EXCEEDED)

DEFAULT_TIMEOUT = 2.0
DEFAULT_SEED = 20240615
DEFAULT_OUTPUT_LIMIT = 200_000  # characters of stdout per run


class Job(NamedTuple):
    """One program run: source text, the scenario's stdin lines and the limits."""

    source: str
    stdin: tuple[str, ...] = ()
    timeout: float = DEFAULT_TIMEOUT
    seed: int = DEFAULT_SEED
    output_limit: int = DEFAULT_OUTPUT_LIMIT
    trace_lines: bool = False  # record executed line numbers (coverage)
    # Expressions evaluated in order, in the program's globals, after the top level ran.
    calls: tuple[str, ...] = ()

    def as_wire(self) -> tuple:
        return tuple(self)


class Outcome(NamedTuple):
    """The result of one run. Equal programs and scenarios give equal outcomes.

    A NamedTuple rather than a dataclass: a batch builds one per run, and this is the
    cheapest immutable record Python has.
    """

    kind: str
    stdout: str = ""
    exc_class: str | None = None  # e.g. "NameError", "IndentationError"
    line: int | None = None  # line in the program (raising frame, or SyntaxError line)
    message: str = ""
    reason: str | None = None  # for limit_exceeded / timeout: what limit
    lines_run: frozenset[int] | None = None
    inputs_used: int = 0  # stdin lines the program read
    returns: tuple[str, ...] = ()  # repr() of each call's value, for the calls that returned

    @property
    def ok(self) -> bool:
        return self.kind == FINISHED

    def summary(self) -> str:
        """One line for people."""
        if self.kind == FINISHED:
            return "finished"
        where = f" at line {self.line}" if self.line else ""
        if self.kind in (SYNTAX_ERROR, EXCEPTION):
            return f"{self.exc_class}{where}: {self.message}"
        if self.reason:
            return f"{self.kind} ({self.reason}){where}"
        return f"{self.kind}{where}"

    def to_dict(self) -> dict:
        d = {
            "kind": self.kind,
            "stdout": self.stdout,
            "exc_class": self.exc_class,
            "line": self.line,
            "message": self.message,
            "reason": self.reason,
        }
        if self.lines_run is not None:
            d["lines_run"] = sorted(self.lines_run)
        d["inputs_used"] = self.inputs_used
        d["returns"] = list(self.returns)
        return d

    @classmethod
    def from_wire(cls, wire: tuple) -> Outcome:
        return cls._make(wire)
