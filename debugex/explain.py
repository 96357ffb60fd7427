"""Teacher-style sentences for errors, from each injector's jinja2 templates."""

from __future__ import annotations

import random
from functools import cache

import jinja2

from .injectors import Edit, get_injector

_ENV = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False,
                          keep_trailing_newline=False)


@cache
def _template(text: str) -> jinja2.Template:
    return _ENV.from_string(text)


def explain(edit: Edit, line: int, choice: int = 0) -> str:
    """The explanation of one error at `line` of the final program (phrasing `choice`)."""
    templates = get_injector(edit.injector).explanations
    text = _template(templates[choice % len(templates)]).render(line=line, **edit.info)
    return " ".join(text.split())


def pick_phrasing(rng: random.Random, edit: Edit) -> int:
    return rng.randrange(len(get_injector(edit.injector).explanations))
