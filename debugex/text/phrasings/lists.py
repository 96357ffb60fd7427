"""Phrasings of the `lists` injectors (`debugex.injectors.lists`)."""

from __future__ import annotations

CAUSES: dict[str, tuple[str, ...]] = {
    "item_added_as_list": (
        "`{new}` {outcome}",
        "`{new}` does not add `{item}` to the end of `{receiver}` as one item: it "
        "{outcome}",
    ),
    "item_joined_to_list": (
        "`{new}` joins `{item}` to a list as if it were a list too, which Python refuses",
        "only a list can be added to a list, and `{item}` in `{new}` is a single item",
    ),
}

TERSE: dict[str, str] = {
    "item_added_as_list": "`{new}` does not add `{item}` as one item at the end of "
                          "`{receiver}`.",
    "item_joined_to_list": "`{new}` joins a single item to a list.",
}

WHY: dict[str, tuple[str, ...]] = {
    "item_added_as_list": (
        "To a beginner, append, insert, extend and += all mean 'add to `{receiver}`', and "
        "`{new}` looks like one more way of saying it.",
        "A student who has seen `+=` add to a total expects `{new}` to add one item, as "
        "it would add one number.{when_plus_equals}",
        "A student who knows that `extend` adds to a list expects it to add `{item}` "
        "whole.{when_extend}",
        "A student who knows that `extend` wants a list turns `{item}` into one with "
        "`list`, not knowing that this splits it into {effect}.{when_extend_list}",
        "A student thinks of position 0 as the place where new things go, so `{new}` puts "
        "each item in front of the ones before it.{when_insert_front}",
    ),
    "item_joined_to_list": (
        "A student thinks of `{item}` as something that adds onto `{receiver}` the way "
        "numbers add up, not seeing that only a list joins a list.",
        "Beginners see + as 'put together' for any two values, so `{new}` looks as "
        "natural as adding two numbers.{when_plus}",
        "A student who has seen `+=` add to a total expects `{new}` to add `{item}` to "
        "the list the same way.{when_plus_equals}",
        "A student who knows that `extend` wants a list turns `{item}` into one with "
        "`list`, not knowing that a number cannot be made into a list.{when_extend_list}",
        "A student who means 'put `{item}` and `{receiver}` together' writes the two names "
        "in the order they come to mind, so `{new}` tries to add the list onto `{item}` "
        "instead of `{item}` onto the list.{when_item_first}",
    ),
}
