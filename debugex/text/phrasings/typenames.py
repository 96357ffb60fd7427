"""Phrasings of the `typenames` injectors (`debugex.injectors.typenames`)."""

from __future__ import annotations

CAUSES: dict[str, tuple[str, ...]] = {
    "type_name_indexed": (
        "`{typename}` is Python's {kind_word} type, not the variable `{name}`: indexing the "
        "type gives a description of a type, never an item of `{name}`, and that is what "
        "is {used} here",
        "the variable is called `{name}`; written as `{typename}`, the index reads no item "
        "of `{name}` but describes the {kind_word} type, and that description is {used}",
    ),
}

TERSE: dict[str, str] = {
    "type_name_indexed": "`{typename}` should be the variable `{name}`: indexing the type "
                         "reads no item.",
}

WHY: dict[str, tuple[str, ...]] = {
    "type_name_indexed": (
        "Beginners name a {kind_word} `{name}` because it is a {kind_word}, and then write "
        "the type's name `{typename}` for it, as if the two were one thing.",
        "A student who reads `{name}` as short for '{kind_word}' writes `{typename}` where "
        "the variable is meant, and nothing stops the line from running.",
    ),
}
