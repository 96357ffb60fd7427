"""Token helpers shared by several mistake families: the operator or code token at or
after an offset, read from the program's own tokens (never from its text)."""

from __future__ import annotations

import tokenize

from .program import ProgramIndex

# A first token that would turn two juxtaposed expressions into a valid call, index or
# subtraction (`print(a (b))`, `print -x`), so no syntax error can be promised.
_GLUE_TOKENS = {"(", "[", "-", "+", "~", "*", "**", "."}


_LAYOUT = (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT)


def _code_token_after(program: ProgramIndex, offset: int):
    """The first located token of code that starts at or after `offset`."""
    for located in program.located_tokens:
        if located[1] >= offset and located[0].type not in _LAYOUT:
            return located
    return None


def _token(program: ProgramIndex, start: int, end: int, text: str) -> tuple[int, int] | None:
    """Offsets of the first operator token `text` at bracket depth 0 between two offsets."""
    depth0 = None
    for token, token_start, token_end, depth in program.tokens_between(start, end):
        if depth0 is None:
            depth0 = depth
        if token.type == tokenize.OP and token.string == text and depth == depth0:
            return token_start, token_end
    return None


def _op_token(program: ProgramIndex, start: int, end: int, strings: tuple[str, ...]):
    """(start, end, text) of the first operator token in [start, end) among `strings`."""
    for token, token_start, token_end, _depth in program.tokens_between(start, end):
        if token.string in strings:
            return token_start, token_end, token.string
    return None
