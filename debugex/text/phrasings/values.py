"""Phrasings of the `values` injectors (`debugex.injectors.values`)."""

from __future__ import annotations

CAUSES: dict[str, tuple[str, ...]] = {
    "wrong_return_value": (
        "this `return` gives the caller the wrong value: {effect}{when_returns}",
        "the value after `return` is not the one the task asks for: {effect}{when_returns}",
        "`{new}` in the slice replaces the value the function was given: {effect}"
        "{when_fixed}",
        "the slice `[{new}]` takes a fixed number of items: {effect}{when_fixed_range}",
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
    "wrong_return_value": "`{new}` gives the caller the wrong value.",
    "wrong_constant": "`{new}` should be `{old}`.",
    "wrong_value_used": "`{new}` should be `{old}`.",
}

WHY: dict[str, tuple[str, ...]] = {
    "wrong_return_value": (
        "Beginners check that a function gives back something, not that it gives back "
        "what the task asks for.",
        "To a student, 'nothing' and an empty result feel the same.{when_empty}",
        "The example's number feels like the answer to a student, so `{new}` takes the "
        "place of the value the function was given.{when_fixed}",
        "The example's number feels like the answer to a student, so the slice `[{new}]` "
        "takes a fixed number of items.{when_fixed_range}",
        "A student counts positions from 1, as people do, so `{new}` looks right.{when_from_one}",
        "The loop's last position is still in `{new}` after the loop, and a student takes "
        "it for the answer.{when_loop_index}",
        "A student forgets that the reversal is what the function is for and returns "
        "`{new}` as it is.{when_not_reversed}",
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
