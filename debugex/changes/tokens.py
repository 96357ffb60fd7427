"""One line of a program as the units a change is made of, and a program's identity.

The incorrect program may not tokenize (that can be the error), so a line is split by a
small tokenizer of our own: indentation, names, numbers, operators (longest first),
spaces, a comment (whole), and a string literal as its quotes and the words of its
text; an unclosed quote is one token and the rest of the line is read as code.
"""

from __future__ import annotations

import io
import tokenize
from dataclasses import dataclass

_OPERATORS = ("**=", "//=", ">>=", "<<=", "...", "->", ":=", "==", "!=", "<=", ">=", "**",
              "//", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", "<<", ">>")
_PREFIX = frozenset("rRbBfFuU")


@dataclass(frozen=True)
class Token:
    text: str
    literal: int | None = None  # which terminated string literal of the line it is part of
    role: str = ""  # "open", "body" or "close" inside a literal


def _string_end(line: str, start: int, quote: str) -> int:
    """End of the string literal whose quote is at `start`, or -1 when it is not closed
    on this line (a broken string is read as code: its quote is one token)."""
    position = start + len(quote)
    while position < len(line):
        if line.startswith(quote, position):
            return position + len(quote)
        if line[position] == "\\":
            position += 1
        position += 1
    return -1


def tokens(line: str) -> list[Token]:
    """One line as change units: its indentation (always, possibly empty), then names,
    numbers, operators, spaces, comments (whole) and string literals (quotes and
    the words of the text, so that a reworded literal can be found as one change)."""
    body = line.rstrip("\n")
    indent = len(body) - len(body.lstrip(" \t"))
    result = [Token(body[:indent])]
    position, literals = indent, 0
    while position < len(body):
        char = body[position]
        start = position
        if char == "#":
            result.append(Token(body[position:]))
            break
        prefix_end = position
        while prefix_end < len(body) and body[prefix_end] in _PREFIX and prefix_end - start < 2:
            prefix_end += 1
        if prefix_end < len(body) and body[prefix_end] in "'\"" and (
                prefix_end == start or not (start and is_word(body[start - 1]))):
            quote = body[prefix_end] * (3 if body.startswith(body[prefix_end] * 3, prefix_end)
                                        else 1)
            end = _string_end(body, prefix_end, quote)
            opening = body[start:prefix_end + len(quote)]
            if end < 0:
                result.append(Token(opening))
                position = prefix_end + len(quote)
                continue
            result.append(Token(opening, literals, "open"))
            result += [Token(w, literals, "body")
                       for w in _words(body[prefix_end + len(quote):end - len(quote)])]
            result.append(Token(quote, literals, "close"))
            literals += 1
            position = end
            continue
        if char.isdigit() or (char == "." and body[position + 1:position + 2].isdigit()):
            while position < len(body) and (is_word(body[position]) or body[position] == "."):
                position += 1
        elif is_word(char):
            while position < len(body) and is_word(body[position]):
                position += 1
        elif char in " \t":
            while position < len(body) and body[position] in " \t":
                position += 1
        else:
            position += next((len(op) for op in _OPERATORS if body.startswith(op, position)), 1)
        result.append(Token(body[start:position]))
    if len(body) < len(line):
        result.append(Token(line[len(body):]))
    return result


def is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _kind(char: str) -> str:
    return "w" if is_word(char) else "s" if char in " \t" else "p"


def _words(text: str) -> list[str]:
    """The text of a string literal as runs of word characters, runs of spaces, and
    single punctuation characters."""
    words: list[str] = []
    for char in text:
        kind = _kind(char)
        if words and kind != "p" and _kind(words[-1][-1]) == kind:
            words[-1] += char
        else:
            words.append(char)
    return words


def token_kind(token: Token) -> str:
    text = token.text
    if not text or text[0] in " \t\n":
        return "space"
    if text[0] == "#":
        return "comment"
    if token.role in ("open", "close") or text[-1] in "'\"":
        return "quote"
    return "word" if is_word(text[0]) else "operator"


_LAYOUT = frozenset({tokenize.NL, tokenize.COMMENT, tokenize.ENCODING})


def code_key(source: str) -> tuple:
    """A program as its token stream, layout and comments aside: two programs with the
    same key differ only in spacing, blank lines, comments or indentation width (which
    changes nothing they do). Text that does not tokenize is its own key."""
    try:
        return tuple((kind, "" if kind in (tokenize.INDENT, tokenize.DEDENT) else text)
                     for kind, text, *_ in tokenize.generate_tokens(io.StringIO(source).readline)
                     if kind not in _LAYOUT)
    except (tokenize.TokenError, SyntaxError, ValueError):
        return (("text", source),)
