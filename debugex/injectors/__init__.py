"""The injector catalogue: one module per family of novice mistakes, one registry for all."""

from __future__ import annotations

# Importing a family module registers its injectors.
from . import (  # noqa: F401
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
from .base import ERROR_CLASSES, LOGICAL, REGISTRY, RUNTIME, SYNTAX, Edit, Injector, apply_edits
from .plausibility import plausible
from .program import ProgramIndex, ast_offsets
from .weights import class_weights, form_weights, injector_weights, shares, weight_source

__all__ = ["ERROR_CLASSES", "LOGICAL", "REGISTRY", "RUNTIME", "SYNTAX", "Edit", "Injector",
           "ProgramIndex", "all_injectors", "apply_edits", "ast_offsets", "class_weights", "form_weights",
           "get_injector", "injector_weights", "plausible", "shares", "weight_source"]


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
