"""Phrasings of the `variables` injectors (`debugex.injectors.variables`)."""

from __future__ import annotations

CAUSES: dict[str, tuple[str, ...]] = {
    "item_collection_mixup": (
        "`{new}` uses `{wrong}` where `{right}` was meant, and {what} cannot do this",
        "`{wrong}` and `{right}` are mixed up in `{new}`, so Python is asked to do "
        "something {what} cannot do and stops with an error",
    ),
    "variable_misuse": (
        "`{wrong}` is used where `{right}` was meant: {relation}",
        "`{new}` names `{wrong}` where it should name `{right}`",
        "{when_unused}the wrong variable: `{wrong}` appears in `{new}`, so the value of "
        "`{reads}` is ignored",
        "the wrong variable: `{new}` changes `{wrong}`, so `{updates}` keeps the value it "
        "had",
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
    "item_collection_mixup": "`{wrong}` should be `{right}` in `{new}`.",
    "variable_misuse": "`{wrong}` should be `{right}`.",
    "swapped_assignment": "`{new}` should be `{old}`.",
}

WHY: dict[str, tuple[str, ...]] = {
    "item_collection_mixup": (
        "{when_alike}Names such as `{right}` and `{wrong}` look alike, and a student loses "
        "track of which one holds the whole list.",
        "A beginner thinks of the loop's item and its list as the same thing, so "
        "`{wrong}` and `{right}` seem interchangeable.",
    ),
    "variable_misuse": (
        "With `{right}` and `{wrong}` side by side, a student copying a line forgets to "
        "change one name.",
        "Students confuse names by the part they play, not by their spelling: "
        "{relation}, and the two are easy to swap.",
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
