"""Phrasings of the `comparisons` injectors (`debugex.injectors.comparisons`)."""

from __future__ import annotations

CAUSES: dict[str, tuple[str, ...]] = {
    "inverted_operator": (
        "`{new}` is not a Python operator; in a comparison the `=` always comes second",
        "the two characters of `{new}` are the wrong way round, so Python reads an `=` "
        "followed by a stray character",
    ),
    "boundary_slip": (
        "`{new_text}` comes out {now} when `{left}` is exactly `{right}`, where the test "
        "needs {was}: the boundary value itself is now {treated}",
        "`{new}` draws the line in the wrong place: the boundary value, `{left}` equal to "
        "`{right}`, is now {treated}",
        "with `{new}` the boundary value itself is now {treated}",
    ),
    "reversed_comparison": (
        "{when_alone}{when_complement}the comparison `{new}` points the wrong way, so the "
        "test is true for exactly the values where it should be false, and false for the "
        "others",
        "{when_alone}{when_complement}`{new}` tests the opposite direction, so the two "
        "outcomes are swapped",
        "{when_alone}{when_tie_kept}`{new}` tests the opposite direction, so the two "
        "outcomes are swapped for every value except `{left}` equal to `{right}`",
        "{when_alone}{when_tie_kept}the comparison `{new_text}` points the wrong way: it is "
        "true where it should be false and false where it should be true, except when "
        "`{left}` equals `{right}`",
        "{when_part}`{new_text}` points the wrong way: this part of the test now holds "
        "when `{left}` is on the other side of `{right}`, so the whole test picks out "
        "different values from the ones it should",
    ),
    "wrong_empty_container": (
        "`{name}` is a {kind_word}, and a {kind_word} is never equal to {wrong}, so "
        "`{new_text}` is {always} even when `{name}` is empty",
        "comparing `{name}` with `{new}` can never detect the empty case: {wrong} and "
        "{kind} are different kinds of value",
        "`{new_text}` is {always} for every {kind_word}, empty or not, because `{new}` is "
        "not {kind}",
    ),
    "wrong_equality_operator": (
        "`{new}` means '{new_meaning}', while this test needs '{old_meaning}', so {effect}",
        "the operator in `{new_text}` is the wrong one: {effect}",
        "`{new_text}` uses `{new}` ({new_meaning}), so {effect}",
    ),
}

TERSE: dict[str, str] = {
    "inverted_operator": "`{new}` should be `{old}`.",
    "boundary_slip": "`{new}` should be `{old}`.",
    "reversed_comparison": "`{new}` should be `{old}`.",
    # the id of both before they were told apart: a stored draft may still carry it
    "boundary_comparison": "`{new}` should be `{old}`.",
    "wrong_empty_container": "`{new}` should be `{old}`.",
    "wrong_equality_operator": "`{new}` should be `{old}`.",
}

WHY: dict[str, tuple[str, ...]] = {
    "inverted_operator": (
        "Saying '{meaning}' and writing the symbols in the order they come to mind gives "
        "`{new}`.",
        "The arrow-like `{new}` feels as natural as `{old}` to someone who has not yet "
        "learnt that `=` comes second.",
    ),
    "boundary_slip": (
        "Choosing between `{old}` and `{new}` means deciding what happens exactly at the "
        "boundary, and beginners rarely test that value.",
        "Students think of the boundary as a rough threshold, not as a value that belongs "
        "to one side.",
    ),
    "reversed_comparison": (
        "A student writing the comparison from memory turns it round, and the program "
        "still runs.",
        "Beginners read `<` and `>` as 'different', not as a direction, so a reversed test "
        "looks right to them.",
    ),
    "wrong_empty_container": (
        "A beginner thinks of 'empty' as a single value and writes whichever empty "
        "brackets come to mind, or `None`.",
        "To a student `{new}` and {kind} both mean 'nothing', so comparing `{name}` with "
        "either seems the same.",
        "Beginners rarely try the empty case, so a comparison with `{new}` that can never "
        "hold goes unnoticed.",
    ),
    "wrong_equality_operator": (
        "`==`, `!=` and `<=` differ by a single character, so a slip of the keyboard, or "
        "of the mind, is easy to miss.",
        "A beginner picks the operator by how the rule sounds in words, and "
        "'{new_meaning}' can sound right for a rule that means '{old_meaning}'.",
        "Students try the program with one or two ordinary inputs, which may not show "
        "that `{new_text}` tests the wrong thing.",
    ),
}
