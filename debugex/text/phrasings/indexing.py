"""Phrasings of the `indexing` injectors (`debugex.injectors.indexing`)."""

from __future__ import annotations

CAUSES: dict[str, tuple[str, ...]] = {
    "index_out_of_range": (
        "{change}, one position past the last item of `{sequence}` (positions start at 0)",
        "an off-by-one slip: {change}, and the last position of `{sequence}` is its length "
        "minus one",
    ),
    "wrong_index": (
        "`{new}` takes the {new_place} item of `{sequence}`, but this line needs the "
        "{old_place}",
        "positions start at 0, so `{new}` is the {new_place} item of `{sequence}`, while "
        "the value wanted here is the {old_place} one",
        "the index in `{new}` picks the wrong part of `{sequence}`: the {new_place} item "
        "instead of the {old_place}",
    ),
}

TERSE: dict[str, str] = {
    "index_out_of_range": "the index goes one past the end of `{sequence}`.",
    "wrong_index": "`{new}` should be `{old}`.",
}

WHY: dict[str, tuple[str, ...]] = {
    "index_out_of_range": (
        "People count from 1, so a beginner takes the length of `{sequence}` as its last "
        "position.",
        "Off-by-one indexing into `{sequence}` is the classic slip of someone who has not "
        "internalised that positions start at 0.",
    ),
    "wrong_index": (
        "What sits at each position of `{sequence}` is not written on this line, so a "
        "student relies on memory and picks the wrong index.",
        "Counting from 0 is still new to a beginner, so positions 0 and 1 get mixed up.",
        "Beginners lose track of which part of `{sequence}` sits at which position, and "
        "an index of 0 or 1 looks equally plausible to them.",
    ),
}
