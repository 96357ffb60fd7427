"""Phrasings of the `brackets_quotes` injectors (`debugex.injectors.brackets_quotes`)."""

from __future__ import annotations

CAUSES: dict[str, tuple[str, ...]] = {
    "extra_or_mismatched_bracket": (
        "the brackets do not pair up: {problem}",
        "{problem}; every `{opener}` needs exactly one `{closer}` of the same shape",
    ),
    "fstring_brace": (
        "the f-string is broken: {problem}",
        "a placeholder in an f-string needs a value between a matching pair of curly "
        "brackets, but here {problem}",
        "a placeholder in this f-string is broken: its curly brackets do not hold a value "
        "Python can read",
    ),
    "missing_comma": (
        "`{before}` is followed directly by `{after}` with no comma between them",
        "nothing separates `{before}` from `{after}`; {items} must be separated by commas",
    ),
    "unclosed_bracket": (
        "the `{opener}` of {owner} is opened but never closed",
        "{when_reads_on}{owner} opens a `{opener}` that has no matching `{closer}`, so "
        "Python keeps reading the next lines as part of it",
        "{owner} opens a `{opener}`, and its `{closer}` is missing {where_left_off}",
    ),
}

TERSE: dict[str, str] = {
    "extra_or_mismatched_bracket": "the brackets do not match.",
    "fstring_brace": "the f-string's curly brackets are broken.",
    "missing_comma": "missing comma after `{before}`.",
    "unclosed_bracket": "`{opener}` is never closed.",
    "unterminated_string": "the string is never closed.",
}

WHY: dict[str, tuple[str, ...]] = {
    "extra_or_mismatched_bracket": (
        "Students close brackets until the line looks finished instead of pairing each "
        "with its opener, and {owner} is where that happens.",
        "{when_several}Round, square and curly brackets look interchangeable to a "
        "beginner, and {owner} has enough of them to lose count.",
    ),
    "fstring_brace": (
        "The curly brackets of an f-string look like decoration to a beginner, not like a "
        "slot for `{expression}`.",
        "Students who learnt `str.format` first copy its empty braces, forgetting that an "
        "f-string needs `{expression}` inside them.",
    ),
    "missing_comma": (
        "Students write what they would say aloud ('{before} then {after}') and do not see "
        "the comma as what separates the two.",
        "When two {items} sit side by side the missing comma is easy to overlook, both "
        "for the writer and for the reader.",
    ),
    "unclosed_bracket": (
        "{when_nested}With brackets nested in {owner}, a student closes the inner one and "
        "forgets the outer `{opener}`.",
        "Counting brackets in pairs is a habit beginners lack, and {owner} is where one "
        "goes missing.",
        "A closing `{closer}` {where_left_off} is easy to leave off once the line already "
        "looks finished to a beginner.",
    ),
    "unterminated_string": (
        "Quotes look like decoration to a beginner, not like the markers that start and "
        "stop the text.",
        "{when_strings}Mixing up `\"` and `'`, or dropping the last one, is common when a "
        "line holds several strings, as this one does.",
        "A beginner types the opening quote, then the text, and moves on before the "
        "closing quote.",
    ),
}
