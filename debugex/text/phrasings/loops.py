"""Phrasings of the `loops` injectors (`debugex.injectors.loops`)."""

from __future__ import annotations

CAUSES: dict[str, tuple[str, ...]] = {
    "accumulator_reset_in_loop": (
        "`{statement}` is inside the loop, so `{name}` starts again on every pass",
        "the starting value of `{name}` is set on every pass of the loop instead of once "
        "before it, so what was gathered earlier is lost",
    ),
    "off_by_one_range": (
        "`range()` stops before its end value, so with `{new}` as the end the loop stops "
        "one step early{when_one_short}",
        "the loop's range ends at `{new}`, and since the end of a range is never "
        "included, the last pass is lost{when_one_short}",
        "with `{new}` as its end the range runs one step further than the task needs, so "
        "the loop makes one pass too many{when_one_over}",
        "`range()` already stops just before its end, so the end `{new}` gives the loop "
        "one extra pass{when_one_over}",
        "`{new}` starts the loop at 1, so the pass with 0 never happens{when_from_one}",
        "a range counting down stops before its end value, so with `{new}` as the end the "
        "loop stops one step before the value the task needs{when_countdown_short}",
    ),
    "return_in_loop": (
        "`return {value}` is indented into the loop, so the function ends during the first "
        "pass",
        "the `return` sits inside the loop body and stops the loop after one round",
    ),
    "wrong_loop_placement": (
        "`{statement}` is {where}, so it runs {effect}",
        "the indentation of `{statement}` is wrong: it belongs {belongs}, but it is {where}",
    ),
}

TERSE: dict[str, str] = {
    "accumulator_reset_in_loop": "`{name}` is reset inside the loop.",
    "off_by_one_range": "the range is one step off at `{new}`.",
    "return_in_loop": "the `return` should be after the loop.",
    "wrong_loop_placement": "`{statement}` is wrongly indented.",
}

WHY: dict[str, tuple[str, ...]] = {
    "accumulator_reset_in_loop": (
        "A student knows `{name}` must start somewhere but puts everything to do with the "
        "loop inside it.",
        "Where the starting value of `{name}` goes is a question of indentation, which "
        "beginners settle by feel.",
    ),
    "off_by_one_range": (
        "A student expects `range()` to include its end value `{new}`, as counting aloud "
        "would.{when_one_short}",
        "That the end of a range is excluded is the classic source of loops that stop one "
        "pass early, as this one with `{new}` does.{when_one_short}",
        "Having been warned that `range()` leaves out its end value, a student makes the "
        "end one larger, `{new}`, where it was already right.{when_one_over}",
        "Counting from 1 in their head, a beginner writes `{new}` so that the loop "
        "'reaches' the last value.{when_one_over}",
        "People count from 1, so a student starts the range there with `{new}`, not "
        "knowing that a range starts at 0 on its own.{when_from_one}",
        "A student who knows that a range leaves out its end going up does not expect the "
        "same going down, and stops the countdown at `{new}`.{when_countdown_short}",
    ),
    "return_in_loop": (
        "A student sees `return {value}` as the last step and does not notice that "
        "indentation decides whether it runs inside the loop.",
        "Beginners indent the `return` along with the loop body because it 'belongs to' "
        "the calculation.",
    ),
    "wrong_loop_placement": (
        "Indentation is structure in Python, but to a student a line 'near' the loop "
        "seems to belong to it either way.",
        "Beginners decide by feel whether `{statement}` goes inside the loop or after it.",
    ),
}
