"""Syntax injectors: see novice-mistakes.md."""

from __future__ import annotations

import libcst as cst

from .base import SYNTAX, Example, Injector, register
from .program import ProgramIndex

# Compound statements whose header ends in a colon, and the keyword a teacher names.
_HEADERS = (cst.If, cst.Else, cst.For, cst.While, cst.FunctionDef, cst.ClassDef, cst.Try,
            cst.ExceptHandler, cst.Finally, cst.With)


@register
class MissingColon(Injector):
    """Colon left off a block header (`if x > 2` instead of `if x > 2:`)."""

    id = "missing_colon"
    error_class = SYNTAX
    explanations = (
        "Line {{ line }}: the colon at the end of the `{{ keyword }}` line is missing, so "
        "Python reports a syntax error.",
        "Line {{ line }}: a `{{ keyword }}` header must end with a colon; without it Python "
        "cannot tell where the block starts, which is a syntax error.",
        "Line {{ line }}: the `{{ keyword }}` statement has lost its closing colon, a syntax "
        "error that stops the program before it runs.",
    )
    why = ("Beginners read the colon as punctuation rather than as the part of the syntax "
           "that opens a block, so it is one of the first things they forget.")
    examples = (
        Example("x = 3\nif x > 2:\n    print('big')\n", "x = 3\nif x > 2\n    print('big')\n",
                line=2),
        Example("for i in range(3):\n    print(i)\n", "for i in range(3)\n    print(i)\n",
                line=1),
    )

    def sites(self, program: ProgramIndex):
        for node in program.nodes(*_HEADERS):
            colon = program.header_colon(node)
            if colon is None:
                continue
            line = program.source.count("\n", 0, colon[0]) + 1
            keyword = program.line_text(line).split(None, 1)[0].rstrip(":")
            yield self.edit(program, colon[0], colon[1], "", keyword=keyword)
