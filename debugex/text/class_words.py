"""Which error class a sentence names: the reading the audit applies to an explanation,
and the one the text layer checks its own explanations against."""

from __future__ import annotations

from ..injectors import LOGICAL, RUNTIME, SYNTAX

CLASS_WORDS = {
    SYNTAX: ("syntax", "syntaxerror", "indentationerror", "taberror", "indentation error",
             "does not compile", "cannot compile", "cannot read the statement"),
    RUNTIME: ("runtime", "run-time", "run time", "nameerror", "typeerror", "valueerror",
              "indexerror", "keyerror", "zerodivisionerror", "attributeerror",
              "unboundlocalerror", "exception", "crash"),
    LOGICAL: ("logical", "logic error", "wrong answer", "wrong result", "wrong output",
              "wrong value"),
}


def claimed_class(text: str) -> str | None:
    """The error class an explanation names, when it names exactly one."""
    lowered = text.lower()
    named = [c for c, words in CLASS_WORDS.items() if any(w in lowered for w in words)]
    return named[0] if len(named) == 1 else None
