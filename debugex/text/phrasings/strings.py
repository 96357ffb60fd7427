"""Phrasings of the `strings` injectors (`debugex.injectors.strings`)."""

from __future__ import annotations

CAUSES: dict[str, tuple[str, ...]] = {
    "modify_string_in_place": (
        "`{name}` is a string here, and a string cannot be changed one position at a time",
        "`{name}` holds text instead of a list of characters, and strings do not support "
        "item assignment",
    ),
    "unquoted_string": (
        "`{word}` has lost its quotes, so Python looks for a variable called `{word}`",
        "without quotes `{word}` is read as a name rather than as text",
    ),
    "missing_comma_strings": (
        "with no comma between {first} and {second}, Python joins them into one string",
        "{first} and {second} are written side by side, which Python silently glues into "
        "{joined}",
    ),
    "missing_f_prefix": (
        "the string has no `f` before its opening quote, so the braces around `{expr}` are "
        "printed as they are",
        "without the `f` prefix the placeholder for `{expr}` is never filled in",
        "the string has no `f` before its opening quote, so its curly brackets are printed "
        "as they are instead of being filled in",
    ),
    "quoted_variable": (
        "{quoted} is in quotes, so the word itself is used instead of the value of the "
        "variable",
        "the quotes turn the variable name into text: Python uses the letters {quoted}, not "
        "what `{name}` holds",
    ),
}

TERSE: dict[str, str] = {
    "modify_string_in_place": "a string cannot be changed in place.",
    "unquoted_string": "`{word}` needs quotes.",
    "missing_comma_strings": "missing comma between {first} and {second}.",
    "missing_f_prefix": "the string needs an `f` prefix.",
    "quoted_variable": "{quoted} should not be in quotes.",
}

WHY: dict[str, tuple[str, ...]] = {
    "modify_string_in_place": (
        "Strings can be indexed like lists, so a student expects `{name}` to be "
        "changeable like a list too.",
        "Beginners do not yet know that text in Python never changes once it is made.",
    ),
    "unquoted_string": (
        "A beginner does not yet tell the word `{word}` apart from a variable called "
        "`{word}`.",
        "Quotes look optional to a student when the text is a single word like `{word}`.",
    ),
    "missing_comma_strings": (
        "A student expects a missing comma to be reported, not that Python joins "
        "{first} and {second} into one string.",
        "Adjacent strings are silently joined, so a comma missing from a list of words "
        "goes unnoticed by a beginner.",
    ),
    "missing_f_prefix": (
        "The single letter before the quote is easy to overlook; a beginner thinks the "
        "braces round `{expr}` do the work.",
        "Students who forget the `f` expect the braces alone to fill in `{expr}`.",
    ),
    "quoted_variable": (
        "A beginner mixes up the name `{name}` with its value: in quotes it is just text.",
        "Students put quotes round anything they want to see printed, variables included.",
    ),
}
