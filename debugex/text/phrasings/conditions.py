"""Phrasings of the `conditions` injectors (`debugex.injectors.conditions`)."""

from __future__ import annotations

CAUSES: dict[str, tuple[str, ...]] = {
    "and_or_confusion": (
        "the condition joins its parts with `{new}`, so {effect}",
        "with `{new}` in this condition {effect}",
    ),
    "branch_order": (
        "the broader test `{broad}` is checked before `{narrow}`, so values that pass both "
        "never reach the narrower branch",
        "an `if`/`elif` chain stops at the first true test, and `{broad}` now comes before "
        "the stricter `{narrow}`",
    ),
    "elif_to_if": (
        "this `if` starts a new chain, so `{test}` is checked even after an earlier branch "
        "has run{tail}",
        "the chain is broken here: without `elif`, a value handled by an earlier branch "
        "also reaches `{test}`{tail}",
    ),
    "or_with_bare_value": (
        "`{value}` after `{joiner}` is not compared with anything, and a non-empty value "
        "always counts as true",
        "Python does not repeat `{left} {op}` for the second part: `{value}` on its own is "
        "always true",
    ),
    "condition_part_dropped": (
        "`{new}` checks only one thing, where the program needs a second check joined to "
        "it with `{operator}`",
        "half of the test is gone: `{new}` is all that is left of a check with two parts "
        "joined by `{operator}`",
        "on its own `{new}` is not enough; a second part, combined with `{operator}`, is "
        "missing, so {lost}",
    ),
}

TERSE: dict[str, str] = {
    "and_or_confusion": "`{new}` should be `{old}`.",
    "branch_order": "`{narrow}` must be tested before `{broad}`.",
    "elif_to_if": "`if` should be `elif`.",
    "or_with_bare_value": "`{value}` must be compared with `{left}` too.",
    "condition_part_dropped": "the test `{new}` is missing its `{operator}` part.",
}

WHY: dict[str, tuple[str, ...]] = {
    "and_or_confusion": (
        "Everyday speech uses 'and' and 'or' loosely, so a student translates the sentence "
        "instead of the logic.",
        "Beginners pick `{new}` or `{old}` by how the rule sounds in English.",
    ),
    "branch_order": (
        "Beginners think all the tests of a chain are checked together, not one after "
        "another until one holds.",
        "A student lists the cases in the order they come to mind, with `{broad}` before "
        "`{narrow}`.",
    ),
    "elif_to_if": (
        "Each `if` reads as a separate question to a beginner, who does not see that "
        "`elif` is what makes the branches exclusive.",
        "Students often write `if` for every case, as if the cases could not overlap.",
    ),
    "or_with_bare_value": (
        "In English 'if it is {first} or {value}' names the thing once, so a student writes "
        "the comparison once too.",
        "A beginner expects Python to apply `{left} {op}` to both values of the `{joiner}`.",
    ),
    "condition_part_dropped": (
        "A student writes the check they are thinking of, `{new}`, and forgets the second "
        "condition the rule also needs.",
        "Beginners believe one check already expresses the whole rule, so a part joined "
        "with `{operator}` seems unnecessary.",
        "When a rule has two parts, a student tests the program with inputs that only "
        "exercise the first one, and the missing part goes unnoticed.",
    ),
}
