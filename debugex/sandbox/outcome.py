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
    # Function scenarios: expressions evaluated in order after the top level ran.
    calls: tuple[str, ...] = ()

    def as_wire(self) -> list:
        return [self.source, list(self.stdin), float(self.timeout), int(self.seed),
                int(self.output_limit), bool(self.trace_lines), list(self.calls)]


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
    # repr() of each call's value, for the calls that returned (function scenarios). A
    # call that raised ends the run: it is `calls[len(returns)]`.
    returns: tuple[str, ...] = ()
    # Traced runs: (variable, type name) pairs its frames held as they ended. A hint for
    # which sites are worth proving, never a claim.
    typed: frozenset[tuple[str, str]] | None = None

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
        if self.returns:
            d["returns"] = list(self.returns)
        if self.typed is not None:
            d["typed"] = sorted(map(list, self.typed))
        return d

    @classmethod
    def from_wire(cls, wire: object) -> Outcome:
        """An Outcome from another process's message, checked field by field.

        Raises ValueError for anything that is not exactly the shape the harness sends.
        """
        if not isinstance(wire, (list, tuple)) or len(wire) != len(cls._fields):
            raise ValueError("an outcome has ten fields")
        (kind, stdout, exc_class, line, message, reason, lines_run, inputs_used, returns,
         typed) = wire
        if kind not in KINDS:
            raise ValueError(f"unknown outcome kind {kind!r}")
        if not (isinstance(stdout, str) and isinstance(message, str)
                and _optional(exc_class, str) and _optional(reason, str)
                and (line is None or _is_int(line)) and _is_int(inputs_used)
                and isinstance(returns, (list, tuple))
                and all(isinstance(r, str) for r in returns)):
            raise ValueError("an outcome field has the wrong type")
        if lines_run is not None:
            if not isinstance(lines_run, (list, tuple)) or not all(map(_is_int, lines_run)):
                raise ValueError("lines_run must be a list of line numbers")
            lines_run = frozenset(lines_run)
        if typed is not None:
            if not (isinstance(typed, (list, tuple)) and len(typed) <= TYPED_LIMIT
                    and all(_name_pair(p) for p in typed)):
                raise ValueError("typed must be a list of [name, type] pairs")
            typed = frozenset((a, b) for a, b in typed)
        return cls(kind, stdout, exc_class, line, message, reason, lines_run, inputs_used,
                   tuple(returns), typed)


TYPED_LIMIT = 2000  # as the harness (harness/runner.py) caps it
_NAME_LIMIT = 80


def _name_pair(pair: object) -> bool:
    return (isinstance(pair, (list, tuple)) and len(pair) == 2
            and all(isinstance(t, str) and 0 < len(t) <= _NAME_LIMIT for t in pair))


def _is_int(value: object) -> bool:
    return type(value) is int


def _optional(value: object, kind: type) -> bool:
    return value is None or isinstance(value, kind)
