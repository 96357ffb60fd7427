"""Phrasings of the `emptiness` injectors (`debugex.injectors.emptiness`).

Every form of an emptiness test gone wrong supplies `test_fact`, what its test does
(`s == 0` "is never true: a list or a tuple is never equal to the number 0"), so the
causes hold for all of them; a misconception true of one form only carries that form's
premise (`{when_zero}`, see `debugex.text.premises`).
"""

from __future__ import annotations

CAUSES: dict[str, tuple[str, ...]] = {
    "empty_test_wrong_form": (
        "`{new}` {test_fact}, so an empty `{name}` gets past the test",
        "the test for an empty `{name}` is too narrow: `{new}` {test_fact}, so the code "
        "after it runs with no items and fails",
    ),
    "return_as_assignment": (
        "`{new}` stores `{value}` in `{target}` instead of returning it, so for an empty "
        "`{name}` the function does not stop here and runs on into the code below it",
        "without `return`, the test for an empty `{name}` no longer ends the function: "
        "`{new}` only sets `{target}`, and the lines after it run with no items",
    ),
}

TERSE: dict[str, str] = {
    "empty_test_wrong_form": "`{new}` lets an empty `{name}` through.",
    "return_as_assignment": "`{new}` stores the value instead of returning it.",
}

WHY: dict[str, tuple[str, ...]] = {
    "empty_test_wrong_form": (
        "Saying 'if it is empty' aloud, a student writes the first test for `{name}` that "
        "comes to mind, `{new}`.",
        "Beginners picture {empty} as what an empty `{name}` looks like and do not expect "
        "a tuple and a list to differ.{when_one_empty}",
        "A student says 'equal to {empty} or the other empty value' and writes `{new}` "
        "word for word, not as Python reads `or`.{when_or_empty}",
        "A student reads `{new}` as the words sound ('equal to () and to []'), not as "
        "Python works out `and`.{when_and_empty}",
        "Beginners mix up 'has no items' with 'has length 0' and compare `{name}` itself "
        "with 0.{when_zero}",
        "Thinking of the shortest `{name}` that has something in it, a student writes "
        "`{new}` and forgets the one with nothing in it.{when_one_item}",
    ),
    "return_as_assignment": (
        "A student thinks of `{value}` as the starting value of `{target}` and writes it "
        "as one, not seeing that this case must end the function.",
        "Beginners read `return` and `=` as two ways of giving `{target}` its value.",
    ),
}
