"""Phrasings of the `negation` injectors (`debugex.injectors.negation`)."""

from __future__ import annotations

CAUSES: dict[str, tuple[str, ...]] = {
    "not_dropped_or_added": (
        "the test `{new}` says the opposite of what the program needs: {effect}",
        "`{new}` gives the reverse answer in every case, because {effect}",
        "{effect}, so `{new}` is true exactly when the test should be false, and false "
        "when it should be true",
    ),
}

TERSE: dict[str, str] = {
    "not_dropped_or_added": "`{new}` should be `{old}`.",
}

WHY: dict[str, tuple[str, ...]] = {
    "not_dropped_or_added": (
        "A `not` is one short word, easy to drop when copying a test, or to add when "
        "thinking of the case to avoid instead of the case to handle.",
        "Beginners describe a rule sometimes by the case to avoid and sometimes by the "
        "case to handle, and the code ends up saying the other one.",
        "Read aloud, `{new}` sounds like a sensible rule, so a student does not notice "
        "that it is the reverse of the one required.",
    ),
}
