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


# What a function scenario showed, added to the explanation of a runtime or logical
# error. The verdict is of the edit alone, so a draft with several errors says so.
_CALL_FACTS = {
    "returned": (
        "{{ alone }}`{{ call }}` returns {{ actual }} instead of {{ expected }}.",
        "For example, {{ alone_lower }}the call `{{ call }}` gives {{ actual }} where "
        "{{ expected }} is expected.",
        "{{ alone }}`{{ call }}` should return {{ expected }} but returns {{ actual }}.",
    ),
    "raised": (
        "{{ alone }}the call `{{ call }}` stops with {{ art }} {{ exc_class }}.",
        "You can see it with `{{ call }}`: {{ alone_lower }}it raises {{ art }} {{ exc_class }}.",
        "{{ alone }}calling `{{ call }}` raises {{ art }} {{ exc_class }}.",
    ),
}


def call_fact(verdict, alone: bool, choice: int = 0) -> str:
    """The call that proves a runtime or logical error, as one sentence; '' when the
    error was not shown by a call (a stdin scenario or the program's top level)."""
    if verdict.call is None:
        return ""
    if verdict.status == "logical" and verdict.actual is not None:
        templates = _CALL_FACTS["returned"]
    elif verdict.status == "runtime" and verdict.exc_class:
        templates = _CALL_FACTS["raised"]
    else:
        return ""
    prefix = "With only this mistake, " if alone else ""
    text = _template(templates[choice % len(templates)]).render(
        call=verdict.call, actual=verdict.actual, expected=verdict.expected,
        exc_class=verdict.exc_class, alone=prefix,
        art="an" if (verdict.exc_class or "x")[0] in "AEIOU" else "a",
        alone_lower=prefix[:1].lower() + prefix[1:])
    text = " ".join(text.split())
    return text[:1].upper() + text[1:]
