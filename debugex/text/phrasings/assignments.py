"""Phrasings of the `assignments` injectors (`debugex.injectors.assignments`)."""

from __future__ import annotations

CAUSES: dict[str, tuple[str, ...]] = {
    "assign_in_condition": (
        "the condition of this `{keyword}` uses a single `=`, which stores a value, where "
        "a comparison is needed",
        "`{left} = {right}` tries to store a value inside a condition; comparing needs the "
        "double equals sign",
    ),
    "reversed_assignment": (
        "the assignment is the wrong way round: the name being set goes on the left of `=`, "
        "and Python cannot store anything in `{value}`",
        "`{value} = {name}` tries to assign to an expression; `=` copies the value on its "
        "right into the name on its left",
    ),
    "equality_for_assignment": (
        "`==` only compares `{name}` with a value; storing needs a single `=`, and `{name}` "
        "has no value yet",
        "this line was meant to give `{name}` its first value, but `==` asks a question "
        "instead of assigning",
    ),
    "augassign_typo": (
        "`{target} {new} {value}` stores `{sign}{value}` in `{target}` instead of updating it",
        "`{new}` is an assignment of a signed value, so the old value of `{target}` is "
        "thrown away",
    ),
}

TERSE: dict[str, str] = {
    "assign_in_condition": "`=` used instead of `==` in the condition.",
    "reversed_assignment": "the assignment is reversed.",
    "equality_for_assignment": "`==` used where `=` was needed.",
    "augassign_typo": "`{new}` should be `{old}`.",
}

WHY: dict[str, tuple[str, ...]] = {
    "assign_in_condition": (
        "In maths one sign both states and tests equality, so a beginner testing `{left}` "
        "writes the `=` they know.",
        "Students who read `=` as 'is' write `{left} = {right}` in a test and expect it to "
        "ask a question.",
    ),
    "reversed_assignment": (
        "In maths `{name} = {value}` and `{value} = {name}` say the same thing, so a "
        "beginner does not see a direction in `=`.",
        "Students read `=` as a symmetric equals sign and write the value first.",
    ),
    "equality_for_assignment": (
        "`=` and `==` are both 'equals' to a beginner, so the first value of `{name}` "
        "gets the wrong one.",
        "Students who have just learnt `==` in conditions start using it everywhere, "
        "including to set `{name}`.",
    ),
    "augassign_typo": (
        "`{new}` and `{old}` use the same two characters, and Python accepts both, so "
        "nothing warns the student.",
        "A student typing quickly swaps the characters of `{old}`; the line still runs.",
    ),
}
