"""Indentation: a block body not indented, or a line indented where no block is open.

Each injector carries its golden examples; see docs/novice-mistakes.md."""

from __future__ import annotations

import libcst as cst

from .base import SYNTAX, Example, Injector, register
from .helpers import _HEADERS, _header_keyword
from .program import ProgramIndex


def _block_header(program: ProgramIndex, block: cst.IndentedBlock) -> cst.CSTNode | None:
    parent = program.parent(block)
    return parent if isinstance(parent, _HEADERS) else None


def _is_docstring(statement: cst.CSTNode) -> bool:
    return (isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1
            and isinstance(statement.body[0], cst.Expr)
            and isinstance(statement.body[0].value, cst.SimpleString | cst.ConcatenatedString))


@register
class MissingBlockIndent(Injector):
    """First line of a block not indented (`if x > 0:` followed by `print(x)` at its level)."""

    id = "missing_block_indent"
    error_class = SYNTAX
    why = ("Novices read indentation as layout, the way a word processor indents a "
           "paragraph, not as the thing that tells Python which lines belong to the block.")
    examples = (
        Example("x = 5\nif x > 0:\n    print(x)\n", "x = 5\nif x > 0:\nprint(x)\n", line=3),
        Example("def greet(name):\n    print('Hi', name)\n\n\ngreet('Ann')\n",
                "def greet(name):\nprint('Hi', name)\n\n\ngreet('Ann')\n", line=2),
    )
    no_site = "x = 5\nprint(x)\n"

    def sites(self, program: ProgramIndex):
        for block in program.nodes(cst.IndentedBlock):
            header = _block_header(program, block)
            if header is None or not block.body:
                continue
            first = block.body[0]
            if _is_docstring(first):
                continue  # beginners' blocks start with code, not documentation
            start = program.span(first)[0]
            line_start = program.line_span(program.line(first))[0]
            header_line = program.line(header)
            yield self.edit(program, line_start, start, program.indent_of(header_line),
                            keyword=_header_keyword(program, header), header_line=header_line)


@register
class StrayIndent(Injector):
    """Line indented though no block opens there (`print(x)` written as `    print(x)`)."""

    id = "stray_indent"
    error_class = SYNTAX
    why = ("Novices indent lines to make the program look tidy or to group them visually, "
           "not knowing that Python only accepts indentation after a block header.")
    examples = (
        Example("x = 5\nprint(x)\n", "x = 5\n    print(x)\n", line=2),
        Example("for i in range(3):\n    n = i * 2\n    print(n)\n",
                "for i in range(3):\n    n = i * 2\n        print(n)\n", line=3),
    )
    no_site = "if True:\n    print('hello')\n"

    def sites(self, program: ProgramIndex):
        unit = program.module.default_indent
        for body in (program.module.body, *(b.body for b in program.nodes(cst.IndentedBlock))):
            for previous, statement in zip(body, body[1:], strict=False):
                if not isinstance(previous, cst.SimpleStatementLine):
                    continue  # after a block, one level in would join that block (valid)
                start = program.span(statement)[0]
                yield self.edit(program, start, start, unit, previous=program.line(previous))
