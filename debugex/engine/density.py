"""How crowded an exercise is: code lines, the density cap, and where each error sits.

A teacher reading a draft rejects one that is mostly errors, so a program of L non-blank
code lines carries at most floor(L * max_density) errors (default: one per two lines).
The layout maps each line to its statement and its block, so that composition can spread
the errors over different statements and blocks rather than bunch them.
"""

from __future__ import annotations

import ast
import io
import math
import tokenize
from dataclasses import dataclass
from functools import lru_cache

DEFAULT_MAX_DENSITY = 0.5
_NOT_CODE = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT,
             tokenize.DEDENT, tokenize.ENDMARKER, tokenize.ENCODING}


@lru_cache(maxsize=512)
def code_lines(source: str) -> frozenset[int]:
    """Line numbers that hold code (not blank, not only a comment), from the tokens.
    Remembered per text: every draft of an exercise asks again for its program's."""
    lines: set[int] = set()
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type not in _NOT_CODE:
                lines.update(range(token.start[0], token.end[0] + 1))
    except (tokenize.TokenError, SyntaxError):
        # A program that does not tokenize (the audit reads any text): count plain lines.
        lines = {n for n, text in enumerate(source.splitlines(), 1)
                 if text.strip() and not text.lstrip().startswith("#")}
    return frozenset(lines)


def cap(lines: int, max_density: float) -> int:
    """The most errors `lines` code lines may carry."""
    return math.floor(lines * max_density + 1e-9)


def describe_density(max_density: float) -> str:
    """'one error per two code lines' for 0.5; the plain ratio when it is not 1/N."""
    if max_density > 0:
        per = 1 / max_density
        words = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}
        if abs(per - round(per)) < 1e-9 and round(per) in words:
            n = round(per)
            return "one error per code line" if n == 1 else f"one error per {words[n]} code lines"
    return f"{max_density:g} errors per code line"


@dataclass(frozen=True)
class Density:
    code_lines: int
    max_density: float | None  # None: no cap was applied
    errors: int

    @property
    def cap(self) -> int | None:
        return None if self.max_density is None else cap(self.code_lines, self.max_density)

    @property
    def actual(self) -> float:
        return round(self.errors / self.code_lines, 4) if self.code_lines else 0.0

    def to_dict(self) -> dict:
        return {"code_lines": self.code_lines, "max_density": self.max_density,
                "cap": self.cap, "errors": self.errors, "actual": self.actual}


@lru_cache(maxsize=256)
def layout_of(source: str) -> Layout:
    """The program's layout, built once per text (a Layout never changes once built)."""
    return Layout(source)


class Layout:
    """Each line's statement (the line it starts on) and block (the body that holds it)."""

    def __init__(self, source: str):
        self._where: dict[int, tuple[int, tuple]] = {}
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError):
            return
        self._visit(tree.body, ("module",))

    def _visit(self, body: list, block: tuple) -> None:
        for stmt in body:
            for line in range(stmt.lineno, (stmt.end_lineno or stmt.lineno) + 1):
                self._where[line] = (stmt.lineno, block)  # inner statements overwrite
            for name in ("body", "orelse", "finalbody"):
                inner = getattr(stmt, name, None)
                if isinstance(inner, list) and inner and isinstance(inner[0], ast.stmt):
                    self._visit(inner, (stmt.lineno, name))
            for handler in getattr(stmt, "handlers", None) or ():
                self._visit(handler.body, (handler.lineno, "except"))
            for index, case in enumerate(getattr(stmt, "cases", None) or ()):
                self._visit(case.body, (stmt.lineno, "case", index))

    def statement(self, line: int) -> tuple:
        found = self._where.get(line)
        return ("line", line) if found is None else ("stmt", found[0])

    def block(self, line: int) -> tuple:
        found = self._where.get(line)
        return ("module",) if found is None else found[1]
