"""One parse of a program that every injector shares: nodes, positions, scopes, tokens.

Injectors find sites here and describe each as a text edit on the original string; they
never re-parse and never edit a tree, because a broken program cannot be held in one.
"""

from __future__ import annotations

import io
import keyword
import tokenize
from collections import defaultdict
from collections.abc import Callable, Iterator
from functools import cached_property

import libcst as cst
from libcst.metadata import (
    CodeRange,
    MetadataWrapper,
    PositionProvider,
    ScopeProvider,
)


class _Collector(cst.CSTVisitor):
    """One walk: every node by type, in source order, with its parent."""

    def __init__(self) -> None:
        self.by_type: dict[type, list[cst.CSTNode]] = defaultdict(list)
        self.order: list[cst.CSTNode] = []
        self.parents: dict[cst.CSTNode, cst.CSTNode] = {}
        self._stack: list[cst.CSTNode] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.by_type[type(node)].append(node)
        self.order.append(node)
        if self._stack:
            self.parents[node] = self._stack[-1]
        self._stack.append(node)
        return True

    def on_leave(self, original_node: cst.CSTNode) -> None:
        self._stack.pop()


_FSTRING_START = getattr(tokenize, "FSTRING_START", None)  # Python 3.12+
_FSTRING_END = getattr(tokenize, "FSTRING_END", None)


def _whole_fstrings(tokens, program: ProgramIndex) -> Iterator[tokenize.TokenInfo]:
    """Merge each 3.12+ f-string's tokens (nested ones included) into one STRING token."""
    opened: tokenize.TokenInfo | None = None
    depth = 0
    for token in tokens:
        if _FSTRING_START is not None and token.type == _FSTRING_START:
            if depth == 0:
                opened = token
            depth += 1
            continue
        if depth == 0:
            yield token
            continue
        if token.type == _FSTRING_END:
            depth -= 1
            if depth == 0 and opened is not None:
                start = program.offset(*opened.start)
                end = program.offset(*token.end)
                yield tokenize.TokenInfo(tokenize.STRING, program.source[start:end],
                                         opened.start, token.end, opened.line)


def ast_offsets(source: str) -> Callable[[int, int], int]:
    """The character offset of an `ast` position (1-based line, column): `ast` counts a
    column in UTF-8 bytes, the edits count characters."""
    lines = source.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(line: int, column: int) -> int:
        text = lines[line - 1] if line - 1 < len(lines) else ""
        return starts[line - 1] + len(text.encode()[:column].decode(errors="ignore"))

    return offset


class ProgramIndex:
    """A correct program, parsed once, with lookups by node type and by position."""

    def __init__(self, source: str, description: str = "") -> None:
        self.source = source
        self.description = description  # the task as the student reads it
        self.module = cst.parse_module(source)
        self.wrapper = MetadataWrapper(self.module, unsafe_skip_copy=True)
        self.positions = self.wrapper.resolve(PositionProvider)
        collector = _Collector()
        self.wrapper.module.visit(collector)
        self.parents = collector.parents
        self._by_type = collector.by_type
        self.order = collector.order
        self.line_starts = [0]
        for number, char in enumerate(source):
            if char == "\n":
                self.line_starts.append(number + 1)
        self.lines = source.split("\n")

    # -- positions -------------------------------------------------------------------
    def offset(self, line: int, column: int) -> int:
        """Character offset of a (1-based line, column) position, clamped to the text.

        libcst and tokenize place the end of a program without a final newline on the
        line after its last one (the ENDMARKER, a module's end); that is the end of text.
        """
        if line > len(self.line_starts):
            return len(self.source)
        return min(self.line_starts[line - 1] + column, len(self.source))

    def range(self, node: cst.CSTNode) -> CodeRange:
        return self.positions[node]

    def span(self, node: cst.CSTNode) -> tuple[int, int]:
        """Character offsets of the node's own code (no leading whitespace or comments)."""
        where = self.positions[node]
        return (self.offset(where.start.line, where.start.column),
                self.offset(where.end.line, where.end.column))

    def text(self, node: cst.CSTNode) -> str:
        start, end = self.span(node)
        return self.source[start:end]

    def line(self, node: cst.CSTNode) -> int:
        return self.positions[node].start.line

    def line_text(self, line: int) -> str:
        return self.lines[line - 1]

    def line_span(self, line: int) -> tuple[int, int]:
        """Offsets of a whole line, newline included."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.source)
        return start, end

    def indent_of(self, line: int) -> str:
        text = self.line_text(line)
        return text[: len(text) - len(text.lstrip(" \t"))]

    # -- structure -------------------------------------------------------------------
    def nodes(self, *types: type) -> list[cst.CSTNode]:
        """Nodes of these types, in source order."""
        if len(types) == 1:
            return list(self._by_type.get(types[0], ()))
        wanted = set(types)
        return [n for n in self.order if type(n) in wanted]

    def parent(self, node: cst.CSTNode) -> cst.CSTNode | None:
        return self.parents.get(node)

    def ancestors(self, node: cst.CSTNode) -> Iterator[cst.CSTNode]:
        current = self.parents.get(node)
        while current is not None:
            yield current
            current = self.parents.get(current)

    def inside(self, node: cst.CSTNode, *types: type) -> bool:
        return any(isinstance(a, types) for a in self.ancestors(node))

    def statement_of(self, node: cst.CSTNode) -> cst.CSTNode:
        """The statement line (or compound statement) that holds the node."""
        for candidate in (node, *self.ancestors(node)):
            if isinstance(candidate, cst.SimpleStatementLine | cst.BaseCompoundStatement):
                return candidate
        return node

    @cached_property
    def scopes(self):
        return self.wrapper.resolve(ScopeProvider)

    @cached_property
    def tokens(self) -> list[tokenize.TokenInfo]:
        """The program's tokens, with every f-string as one STRING token on every Python:
        3.12 splits an f-string into FSTRING_START/MIDDLE/END and tokenizes the code in its
        placeholders, 3.11 does not; injectors must offer the same sites on both."""
        raw = tokenize.generate_tokens(io.StringIO(self.source).readline)
        return list(_whole_fstrings(raw, self))

    def token_offset(self, token: tokenize.TokenInfo) -> tuple[int, int]:
        return (self.offset(*token.start), self.offset(*token.end))

    @cached_property
    def located_tokens(self) -> list[tuple[tokenize.TokenInfo, int, int, int]]:
        """(token, start offset, end offset, bracket depth before it) for every token."""
        located = []
        depth = 0
        for token in self.tokens:
            if token.type == tokenize.OP and token.string in ")]}":
                depth -= 1
            start, end = self.token_offset(token)
            located.append((token, start, end, depth))
            if token.type == tokenize.OP and token.string in "([{":
                depth += 1
        return located

    def tokens_between(self, start: int, end: int) -> list[tuple[tokenize.TokenInfo, int, int, int]]:
        return [t for t in self.located_tokens if start <= t[1] and t[2] <= end]

    def header_colon(self, node: cst.CSTNode) -> tuple[int, int] | None:
        """Offsets of the `:` that ends a compound statement's header line."""
        body = getattr(node, "body", None)
        if body is None:
            return None
        start = self.span(node)[0]
        end = self.span(body)[0]
        colons = [(s, e) for token, s, e, depth in self.tokens_between(start, end)
                  if token.type == tokenize.OP and token.string == ":" and depth == 0]
        return colons[-1] if colons else None

    # -- names -----------------------------------------------------------------------
    @cached_property
    def assigned_names(self) -> set[str]:
        """Every name the program binds anywhere (variables, functions, parameters...)."""
        names: set[str] = set()
        for scope in set(self.scopes.values()):
            if scope is None:
                continue
            for assignment in scope.assignments:
                names.add(assignment.name)
        return names

    def is_keyword(self, word: str) -> bool:
        return keyword.iskeyword(word) or keyword.issoftkeyword(word)
