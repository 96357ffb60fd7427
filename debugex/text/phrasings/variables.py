"""Phrasings of the `variables` injectors (`debugex.injectors.variables`)."""

from __future__ import annotations

CAUSES: dict[str, tuple[str, ...]] = {
    "variable_misuse": (
        "`{new}` uses `{wrong}` where the other variable was meant",
        "the wrong variable: `{wrong}` appears in `{new}`, so the value of `{right}` is "
        "ignored",
    ),
    "swapped_assignment": (
        "`{new}` copies `{target}` into `{value}`, the wrong way round, so `{target}` "
        "keeps the value it had",
        "`=` stores the value on its right in the name on its left, so `{new}` changes "
        "`{value}` and leaves `{target}` as it was",
        "the two names in `{new}` are swapped: the line overwrites `{value}` instead of "
        "updating `{target}`",
    ),
}

TERSE: dict[str, str] = {
    "variable_misuse": "`{wrong}` should be `{right}`.",
    "swapped_assignment": "`{new}` should be `{old}`.",
}

WHY: dict[str, tuple[str, ...]] = {
    "variable_misuse": (
        "With `{right}` and `{wrong}` side by side, a student copying a line forgets to "
        "change one name.",
        "Similar variables such as `{right}` and `{wrong}` are easy to swap when a line is "
        "typed from memory.",
    ),
    "swapped_assignment": (
        "Read as 'is the same as', `=` has no direction, so `{new}` and its reverse look "
        "equally right to a beginner.",
        "A student thinks of the line as linking `{target}` and `{value}`, not as copying "
        "one into the other.",
        "In maths a = b and b = a say the same thing, so the order of `{target}` and "
        "`{value}` around `=` seems not to matter.",
    ),
}
