"""The default mix: how often `generate` draws each injector, from `weights.toml`, with
the source of every weight (`debugex injectors --json` shows both)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from .base import ERROR_CLASSES, REGISTRY


@cache
def _table() -> dict[str, dict]:
    text = resources.files(__package__).joinpath("weights.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)["weights"]


def injector_weights() -> dict[str, float]:
    """Relative weight of every registered injector (an unlisted one weighs nothing)."""
    table = _table()
    return {injector_id: float(table.get(injector_id, {}).get("weight", 0.0))
            for injector_id in REGISTRY}


def weight_source(injector_id: str) -> str:
    return str(_table().get(injector_id, {}).get("source", ""))


def class_weights() -> dict[str, float]:
    """The share of each error class in the default mix: the sum of its injectors."""
    weights = injector_weights()
    return {c: round(sum(w for i, w in weights.items() if REGISTRY[i].error_class == c), 3)
            for c in ERROR_CLASSES}


def shares(weights: dict[str, float] | None = None) -> dict[str, float]:
    """Weights normalised to sum to 1."""
    weights = injector_weights() if weights is None else weights
    total = sum(weights.values())
    return {i: w / total for i, w in weights.items()} if total else {}


def listed_ids() -> set[str]:
    """Ids named in the weights file (for the test that it matches the registry)."""
    return set(_table())
