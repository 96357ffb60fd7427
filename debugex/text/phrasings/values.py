"""Phrasings of the `values` injectors (`debugex.injectors.values`)."""

from __future__ import annotations

CAUSES: dict[str, tuple[str, ...]] = {
    "wrong_return_value": (
        "this `return` gives the caller the wrong value: {effect}",
        "the value after `return` is not the one the task asks for, so {effect}",
    ),
    "wrong_constant": (
        "`{new}` is {gap} this {role} needs, {old}",
        "the {role} uses `{new}` where the task needs {old}",
    ),
    "wrong_value_used": (
        "the {role} `{new}` is one {direction} than it should be",
        "`{new}` is off by one: it makes the {role} one {direction} than the task needs",
        "an off-by-one slip: with `{new}` the {role} comes out one {direction} than the "
        "correct amount",
    ),
}

TERSE: dict[str, str] = {
    "wrong_return_value": "this `return` gives the wrong value.",
    "wrong_constant": "`{new}` should be `{old}`.",
    "wrong_value_used": "`{new}` should be `{old}`.",
}

WHY: dict[str, tuple[str, ...]] = {
    "wrong_return_value": (
        "Beginners check that a function returns something, not that it returns what the "
        "task asks for.",
        "To a student, 'nothing' and an empty result feel the same, and the example's "
        "number feels like the answer.",
    ),
    "wrong_constant": (
        "A number in a program looks right at a glance; a student checks that it runs, "
        "not that the {role} uses the right value.",
        "Beginners rarely reread the numbers in a {role} once the program runs.",
    ),
    "wrong_value_used": (
        "A student adjusts the {role} by one 'to be safe', without checking which value "
        "the task asks for.",
        "Counting from 1 while Python counts from 0 leads beginners to add or take away "
        "one where none is needed.",
        "Off-by-one slips are hard to see by eye: `{new}` looks just as reasonable as the "
        "plain value.",
    ),
}
