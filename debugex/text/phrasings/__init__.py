"""Our own phrasings per injector id: the cause of an error (explanations), a terse form,
and the misconception behind it (thinking).

One module per mistake family, named as in `debugex.injectors`, so that an injector and
its wording are found under the same name; a phrasing key that is not an injector id
(`boundary_slip` and `reversed_comparison` are what `ErrorFacts.kind` derives) lives with
the injector that produces it. This module merges the families and refuses, at import, an
id that two families both define.

Placeholders are the edit's details (`edit.info`) plus facts the text layer computes:
`anchor` (the code of the line that now stands where a removed statement was), `code`
(the incorrect line, stripped), `spot` (where in the program). A phrasing whose
placeholders the edit does not supply, or that would quote code the student cannot see,
is skipped; an id not listed here gets text built from its class and the evidence.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import ModuleType
from typing import Any

from . import (
    arithmetic,
    assignments,
    brackets_quotes,
    calls,
    comparisons,
    conditions,
    conversions,
    emptiness,
    functions,
    indentation,
    indexing,
    lists,
    loops,
    methods,
    names,
    negation,
    output,
    statements,
    strings,
    typenames,
    values,
    variables,
)

__all__ = ["CAUSES", "FAMILIES", "TERSE", "WHY", "merged"]

FAMILIES: tuple[ModuleType, ...] = (
    arithmetic, assignments, brackets_quotes, calls, comparisons, conditions, conversions,
    emptiness, functions, indentation, indexing, lists, loops, methods, names, negation, output,
    statements, strings, typenames, values, variables)


def merged(table: str, families: Iterable[ModuleType] = FAMILIES) -> dict[str, Any]:
    """The `table` dicts of all families in one; an id in two families is an error (the
    later one would silently win)."""
    found: dict[str, Any] = {}
    owner: dict[str, str] = {}
    for family in families:
        for key, value in getattr(family, table).items():
            if key in found:
                raise ValueError(f"phrasings: {table}[{key!r}] is defined in both "
                                 f"{owner[key]} and {family.__name__}")
            found[key], owner[key] = value, family.__name__
    return found


# Cause clauses: what is wrong on the line, in a teacher's voice, quoting only code the
# incorrect program shows. The evidence (input, output, exception) is added after them.
CAUSES: dict[str, tuple[str, ...]] = merged("CAUSES")
# One short sentence per error (the terse style): what is wrong, nothing more.
TERSE: dict[str, str] = merged("TERSE")
# The misconception behind each mistake, for the thinking. Several phrasings each,
# parameterised by the program's names so that no two drafts share the sentence.
WHY: dict[str, tuple[str, ...]] = merged("WHY")
