"""The default mix: how often `generate` draws each injector, from `weights.toml`, with
the source of every weight (`debugex injectors --json` shows both).

An injector that proposes several forms of its mistake (`s == ()`, `s == () or []`,
`s == 0` for an emptiness test) names each edit's form in its details (`form`), and its
table may weigh the forms against each other (`[weights.<id>.forms]`, with the source in
`forms_source`): the injector's weight is then shared among its forms by those weights,
and each form's share among that form's sites (`engine.pick.Pool`)."""

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


@cache
def form_weights(injector_id: str) -> dict[str, float]:
    """The relative weight of each form of an injector's mistake ({} when its forms are
    not weighed apart: then every site weighs the same)."""
    forms = _table().get(injector_id, {}).get("forms", {})
    return {form: float(weight) for form, weight in forms.items()}


def forms_source(injector_id: str) -> str:
    return str(_table().get(injector_id, {}).get("forms_source", ""))


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
