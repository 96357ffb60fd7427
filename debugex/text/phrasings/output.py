"""Phrasings of the `output` injectors (`debugex.injectors.output`)."""

from __future__ import annotations

CAUSES: dict[str, tuple[str, ...]] = {
    "changed_output_text": (
        "the message `{new}` is not the text the program is meant to print: {how}",
        "`{new}` has been retyped with a slip ({how}), and printed text has to match "
        "the required message exactly",
        "one detail of the printed text `{new}` is off ({how}), so the output no longer "
        "matches the required message",
    ),
    "dropped_call": (
        "a call to `{name}` is missing just before `{anchor}`, so that step of the "
        "program never happens",
        "the line just before `{anchor}` should call `{name}`, and it has been left out",
        "a step is missing before `{anchor}`: the program never calls `{name}` at this "
        "point",
        # a call that ended its block (see docs/locations.md): `block` is set
        "a call to `{name}` is missing at the end of {block} (after line {line}), so "
        "{effect}",
        "{block} should end with a call to `{name}` after line {line}, and it has been "
        "left out",
    ),
    "dropped_print": (
        "`{kept}` works out a value here, but without the `print` round it the value is "
        "thrown away and never shown",
        "the `print` is missing round `{kept}`: the call returns its answer, and nothing "
        "displays it",
    ),
    "swapped_outputs": (
        "`{first}` and `{second}` are printed in each other's places, so the output "
        "shows them in the wrong order",
        "this `print` shows `{first}` before `{second}`, and they belong the other way "
        "round",
        "the values are listed in the wrong order: `{second}` belongs before `{first}`",
    ),
}

TERSE: dict[str, str] = {
    "changed_output_text": "the message `{new}` should be `{old}`.",
    "dropped_call": "a call to `{name}` is missing {where}.",
    "dropped_print": "`{kept}` is called but its value is never printed.",
    "swapped_outputs": "`{first}` and `{second}` are printed in the wrong order.",
}

WHY: dict[str, tuple[str, ...]] = {
    "changed_output_text": (
        "A beginner sees the words of a message as decoration and retypes them from "
        "memory, ending up with `{new}` where the exact text was expected.",
        "Students check that a program runs and prints roughly the right thing; a small "
        "slip in a message does not look like a mistake to them.",
        "Beginners expect a reader, or a checker, to be as forgiving about the wording of "
        "a message as a person would be.",
    ),
    "dropped_call": (
        "Defining a function and calling it feel like one step to a beginner, and so do "
        "working out a value and showing it; either way a call gets left out.",
        "A line that only calls `{name}` adds nothing new to the calculation, so a "
        "student writing from memory skips it.",
        "Students concentrate on the calculation and forget a line that only calls "
        "`{name}`, which seems too small to matter.",
    ),
    "dropped_print": (
        "A beginner expects a function's answer to appear by itself once `{kept}` is "
        "called, as it would at the interactive prompt.",
        "Returning a value and showing it feel like the same thing to a student, so the "
        "`print` round `{kept}` seems unnecessary.",
    ),
    "swapped_outputs": (
        "A student writes the values of a `print` in the order they come to mind, not in "
        "the order the message needs.",
        "Beginners check that every value is printed, not where on the line each one "
        "appears.",
        "With `{first}` and `{second}` both on the line, the output looks complete to a "
        "beginner even in the wrong order.",
    ),
}
