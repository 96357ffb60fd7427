"""The injector catalogue: one module per family of novice mistakes, one registry for all."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

# Importing a family module registers its injectors.
from . import (  # noqa: F401
    arithmetic,
    assignments,
    brackets_quotes,
    calls,
    comparisons,
    conditions,
    conversions,
    functions,
    indentation,
    indexing,
    loops,
    methods,
    names,
    negation,
    output,
    statements,
    strings,
    values,
    variables,
)
from .base import ERROR_CLASSES, LOGICAL, REGISTRY, RUNTIME, SYNTAX, Edit, Injector, apply_edits
from .plausibility import plausible
from .program import ProgramIndex

__all__ = ["ERROR_CLASSES", "LOGICAL", "REGISTRY", "RUNTIME", "SYNTAX", "Edit", "Injector",
           "ProgramIndex", "all_injectors", "apply_edits", "find_sites", "get_injector"]


def all_injectors(error_class: str | None = None) -> list[Injector]:
    """Registered injectors, by class then id."""
    order = {c: i for i, c in enumerate(ERROR_CLASSES)}
    chosen = [i for i in REGISTRY.values() if error_class in (None, i.error_class)]
    return sorted(chosen, key=lambda i: (order[i.error_class], i.id))


def get_injector(injector_id: str) -> Injector:
    try:
        return REGISTRY[injector_id]
    except KeyError:
        raise KeyError(f"no injector with id {injector_id!r}") from None


def find_sites(program: ProgramIndex, injectors: Iterable[Injector] | None = None,
               unreadable: Counter | None = None,
               implausible: Counter | None = None) -> list[Edit]:
    """Every distinct candidate edit of these injectors that changes the program, that
    a student could plausibly have made (see `plausibility`) and that the text alone
    shows as one change on its line (see `diffing.readable_as`): an error that a diff of
    the programs would read differently could not be checked by the audit or by a
    teacher. The counters receive, per injector, the candidates dropped for each reason."""
    from ..diffing import readable_as

    seen: set[tuple] = set()
    edits: list[Edit] = []
    for injector in injectors if injectors is not None else all_injectors():
        found = sorted(injector.sites(program), key=lambda e: (e.start, e.end, e.replacement))
        for edit in found:
            key = (edit.injector, edit.start, edit.end, edit.replacement)
            if key in seen or program.source[edit.start:edit.end] == edit.replacement:
                continue
            if not plausible(program, edit, program.description):
                if implausible is not None:
                    implausible[edit.injector] += 1
                continue
            if not readable_as(program.source, [edit], [edit.line]):
                if unreadable is not None:
                    unreadable[edit.injector] += 1
                continue
            seen.add(key)
            edits.append(edit)
    return edits
