"""Phrasings of the `indexing` injectors (`debugex.injectors.indexing`)."""

from __future__ import annotations

CAUSES: dict[str, tuple[str, ...]] = {
    "index_dropped_on_both_sides": (
        "`{new}` compares the whole items, not one field of each, so the wrong field "
        "decides",
        "without an index on either side, `{new}` compares `{left}` and `{right}` as a "
        "whole",
    ),
    "index_on_one_side": (
        "`{new}` orders {what}, which Python cannot compare{when_dropped}",
        "`{new}` orders {what}, which Python cannot compare{when_added}",
        "the indexes in `{new}` do not match: {what} cannot be put in order{when_dropped}",
        "`{new}` asks for {what_short} on each side; a plain value has no parts, so "
        "nothing can be put in order{when_added}",
        "`{new}` keeps only one field of `{record}`, a single value, so the later "
        "`{field}` asks for a field of something that has none{when_field_kept}",
        "`{kept}` should hold the whole record `{record}`; with `{new}` it holds one of its "
        "fields, and `{field}` then fails{when_field_kept}",
        "`{new}` adds the whole record `{record}` to the number `{total}`, and Python "
        "cannot add a record to a number{when_record_added}",
        "the index after `{record}` is missing, so `{new}` adds a whole record to the "
        "number `{total}`{when_record_added}",
    ),
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
    "index_dropped_on_both_sides": "`{new}` compares whole items, not one field of each.",
    "index_on_one_side": "`{new}` mixes up whole records and single fields.",
    "index_out_of_range": "the index goes one past the end of `{sequence}`.",
    "wrong_index": "`{new}` should be `{old}`.",
}

WHY: dict[str, tuple[str, ...]] = {
    "index_dropped_on_both_sides": (
        "A beginner thinks of `{left}` by its most important field and expects Python to "
        "know which part to compare.",
        "Writing `{new}`, a student assumes a record compares by the field they have in "
        "mind.",
    ),
    "index_on_one_side": (
        "A student loses track of which values in `{new}` are whole records and which are "
        "single fields.",
        "Beginners index one side of a comparison and forget the other, so `{new}` ends "
        "up comparing {what_short}.{when_dropped}",
        "Beginners index one side of a comparison and forget the other, so `{new}` ends "
        "up comparing {what_short}.{when_added}",
        "A student keeps the field they compared by, not seeing that `{kept}` must stay a "
        "whole record for `{field}` to work.{when_field_kept}",
        "Beginners think of `{record}` and the value inside it as the same thing, so the "
        "index feels optional.{when_field_kept}",
        "Beginners think of `{record}` and the value inside it as the same thing, so the "
        "index feels optional.{when_record_added}",
    ),
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
