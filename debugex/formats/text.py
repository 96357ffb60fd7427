"""Text that can be written: lone surrogates, control characters XML cannot hold, and
the nesting of JSON and Python that would exhaust the recursion of the readers.

A lone surrogate (U+D800-U+DFFF alone) is not a character: it comes from a JSON escape
such as "\\ud800" or from bytes that are not UTF-8 (surrogateescape'd file names and
arguments), and UTF-8 cannot encode it. XML 1.0 cannot hold the C0 controls other than
tab, newline and carriage return, not even as character references.
"""

from __future__ import annotations

import ast
import io
import json
import re
import tokenize

REPLACEMENT = "\ufffd"
_SURROGATE = re.compile("[\ud800-\udfff]")
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# The deepest JSON and Python nesting debugex reads: far past any beginner program or
# file of ours, far below what exhausts the recursion of json, ast and libcst.
MAX_NESTING = 100


def surrogate(text: str) -> str | None:
    """The first lone surrogate of `text`, as `U+D800`, or None."""
    match = _SURROGATE.search(text)
    return None if match is None else f"U+{ord(match.group()):04X}"


def scrub(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD; bytes that were decoded with
    surrogateescape (a non-UTF-8 argument) are decoded again as UTF-8 first."""
    if _SURROGATE.search(text) is None:
        return text
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate that no byte decodes to (a JSON escape)
        return _SURROGATE.sub(REPLACEMENT, text)


def scrub_data(data):
    """JSON data with every string (keys too) scrubbed; (data, first surrogate or None)."""
    found: list[str] = []

    def clean(value):
        if isinstance(value, str):
            where = surrogate(value)
            if where:
                found.append(where)
                return scrub(value)
            return value
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, dict):
            return {clean(k): clean(v) for k, v in value.items()}
        return value

    return clean(data), (found[0] if found else None)


def xml_unsafe(text: str) -> str | None:
    """The first character of `text` that XML 1.0 cannot hold, as `U+001B`, or None."""
    match = _XML_UNSAFE.search(text)
    return None if match is None else f"U+{ord(match.group()):04X}"


def xml_printable(text: str) -> str:
    """`text` for a person to read in XML: each C0 control shown as its Control Picture
    (U+241B for ESC) and each lone surrogate as U+FFFD."""
    def picture(match: re.Match) -> str:
        code = ord(match.group())
        return chr(0x2400 + code) if code < 0x20 else REPLACEMENT
    return _XML_UNSAFE.sub(picture, text)


def json_nesting(text: str) -> int:
    """How deep the brackets of a JSON text nest (strings skipped); no recursion."""
    deepest = depth = 0
    for match in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]', text):
        token = match.group()
        if token in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif token in "]}":
            depth -= 1
    return deepest


def loads_bounded(text: str, limit: int = MAX_NESTING):
    """json.loads, refusing nesting deeper than `limit` (ValueError with a sentence)
    before the decoder's recursion would fail."""
    if text.count("[") + text.count("{") > limit and json_nesting(text) > limit:
        raise ValueError(f"the JSON is nested too deeply for debugex to read (limit {limit})")
    return json.loads(text)


def _ast_depth(tree: ast.AST) -> int:
    deepest, stack = 0, [(tree, 1)]
    while stack:  # a loop, not recursion: the tree may be deeper than Python recurses
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return deepest


def _token_depth(source: str) -> int:
    """For a program that does not parse: the most operators and open brackets in one
    logical line, read by tokens until the first one that cannot be read."""
    deepest = count = 0
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type in (tokenize.NEWLINE, tokenize.NL) and token.string != "":
                count = 0 if token.type == tokenize.NEWLINE else count
            elif token.type == tokenize.OP and token.string not in ")]},:;.":
                count += 1
                deepest = max(deepest, count)
    except (tokenize.TokenError, SyntaxError, ValueError):
        pass
    return deepest


def nesting_problem(source: str, role: str = "program", limit: int = MAX_NESTING
                    ) -> str | None:
    """Why debugex cannot read `source` (nested deeper than `limit`: a long chain of
    operators or brackets), or None. Its own parse and walk never recurse."""
    if len(source) < limit:
        return None  # too short to nest that deep
    try:
        depth = _ast_depth(ast.parse(source))
    except (SyntaxError, ValueError):  # a broken program (or a null byte on 3.11)
        depth = _token_depth(source)
    except (RecursionError, MemoryError):
        depth = limit + 1
    if depth <= limit:
        return None
    return f"the {role} is nested too deeply for debugex to read (limit {limit})"
