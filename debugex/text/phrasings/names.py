"""Phrasings of the `names` injectors (`debugex.injectors.names`)."""

from __future__ import annotations

CAUSES: dict[str, tuple[str, ...]] = {
    "bad_identifier": (
        "`{bad}` is not a valid name: {problem}",
        "Python cannot read `{bad}` as one name, because {problem}",
    ),
    "name_typo": (
        "`{typo}` is a misspelling: no variable of that name exists",
        "the name is written `{typo}`, which Python has never seen defined",
    ),
    "type_name_for_variable": (
        "`{typename}` is the name of Python's {kind_word} type, not the variable `{name}`, "
        "and the type itself cannot be {used}",
        "the variable is called `{name}`; written as `{typename}`, the line uses the "
        "{kind_word} type itself, which holds no items",
    ),
    "shadowed_builtin": (
        "the name `{new}` is reused for a variable, so the built-in function of that name is "
        "no longer reachable",
        "using `{new}` as a variable name hides Python's own `{new}` function",
    ),
}

TERSE: dict[str, str] = {
    "bad_identifier": "`{bad}` is not a valid name.",
    "name_typo": "`{typo}` is not defined.",
    "shadowed_builtin": "`{new}` hides the built-in function.",
    "type_name_for_variable": "`{typename}` should be the variable `{name}`.",
}

WHY: dict[str, tuple[str, ...]] = {
    "bad_identifier": (
        "Beginners label `{name}` the way they would label a box in English, and Python's "
        "rules for names come as a surprise.",
        "Writing `{bad}` for `{name}` is what a student does who thinks names may hold any "
        "characters.",
    ),
    "name_typo": (
        "A student expects Python to see that `{typo}` means `{name}`, as a human reader "
        "would.",
        "{slip} in `{name}` makes a brand-new name, something beginners do not expect to "
        "matter.",
        "{slip} is enough to make `{typo}` a name Python has never seen, which beginners "
        "do not expect to matter.",
    ),
    "type_name_for_variable": (
        "Beginners name a {kind_word} `{name}` because it is a {kind_word}, and then write "
        "the type's name `{typename}` for it, as if the two were one thing.",
        "A student who reads `{name}` as short for '{kind_word}' writes `{typename}` where "
        "the variable is meant.",
    ),
    "shadowed_builtin": (
        "`{new}` sounds like a good variable name, and a student does not know it already "
        "names a function.",
        "Beginners do not keep a list of built-in names in mind, so reusing `{new}` feels "
        "harmless.",
    ),
}
