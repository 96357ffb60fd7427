"""Phrasings of the `lists` injectors (`debugex.injectors.lists`)."""

from __future__ import annotations

CAUSES: dict[str, tuple[str, ...]] = {
    "empty_test_wrong_form": (
        "`{new}` is true only when `{name}` is {empty}; {reason}, so an empty `{name}` "
        "gets past the test",
        "the test for an empty `{name}` is too narrow ({reason}), so the code after it "
        "runs with no items and fails",
    ),
    "item_added_as_list": (
        "`{new}` adds the parts of `{item}` one by one, not `{item}` itself, so "
        "`{receiver}` gets {effect}",
        "`{new}` treats `{item}` as a collection: `{receiver}` grows by {effect} instead "
        "of by one item",
    ),
    "item_joined_to_list": (
        "`{new}` joins `{item}` to a list as if it were a list too, which Python refuses",
        "only a list can be added to a list, and `{item}` in `{new}` is a single item",
    ),
}

TERSE: dict[str, str] = {
    "empty_test_wrong_form": "`{new}` misses an empty `{name}` of another type.",
    "item_added_as_list": "`{new}` should add `{item}` as one item.",
    "item_joined_to_list": "`{new}` joins a single item to a list.",
}

WHY: dict[str, tuple[str, ...]] = {
    "empty_test_wrong_form": (
        "Beginners picture an empty `{name}` as the brackets they usually write and do not "
        "expect a tuple and a list to differ.",
        "Saying 'if it is empty' aloud, a student writes the first empty value that comes "
        "to mind for `{name}`.",
    ),
    "item_added_as_list": (
        "To a beginner, append, extend and += all mean 'add to `{receiver}`'; that "
        "`{new}` adds the parts of `{item}` is a surprise.",
        "A student who has seen += add to a total expects `{new}` to add one item, as it "
        "would add one number.",
    ),
    "item_joined_to_list": (
        "Beginners see + as 'put together' for any two values, so `{new}` looks as "
        "natural as adding two numbers.",
        "The brackets that make `{item}` a one-item list look like decoration to a "
        "student, so they get left out.",
    ),
}
