"""Phrasings of the `arithmetic` injectors (`debugex.injectors.arithmetic`)."""

from __future__ import annotations

CAUSES: dict[str, tuple[str, ...]] = {
    "division_by_zero": (
        "the division by `{divisor}` is no longer protected by a check that it is not zero",
        "nothing stops the division by `{divisor}` when it is 0",
    ),
    "float_where_int_needed": (
        "`{expr}` uses `/`, which always gives a decimal number, where only a whole number "
        "is allowed",
        "`{expr}` is a float even when it divides exactly, and it is used as a position or "
        "a count",
    ),
    "integer_division": (
        "`{new}` is used for this division, so {effect}",
        "this division uses `{new}`, and as a result {effect}",
    ),
    "precedence": (
        "`{new}` has no brackets, so Python does the `{op}` first and only `{near}` takes "
        "part in it",
        "operator precedence groups `{new}` differently from what the formula needs: `{op}` "
        "applies to `{near}` alone",
    ),
    "wrong_operator": (
        "the operator `{new}` is wrong here: the values are {new_verb} where they should be "
        "{old_verb}",
        "with `{new}` the values are {new_verb}, and this calculation needs them {old_verb}",
    ),
}

TERSE: dict[str, str] = {
    "division_by_zero": "division by `{divisor}` without checking for zero.",
    "float_where_int_needed": "`/` gives a float where an integer is needed.",
    "integer_division": "`{new}` should be `{old}`.",
    "precedence": "brackets are missing in `{new}`.",
    "wrong_operator": "`{new}` should be `{old}`.",
}

WHY: dict[str, tuple[str, ...]] = {
    "division_by_zero": (
        "A student who tests only ordinary inputs sees no reason for a check that "
        "`{divisor}` is not zero.",
        "The case where `{divisor}` is 0 is exactly the one beginners forget to try.",
    ),
    "float_where_int_needed": (
        "A student expects `{expr}` to give a whole number, as division does on paper when "
        "it comes out even.",
        "That `/` always gives a float is a rule beginners meet only when `{expr}` is "
        "used as a position or a count.",
    ),
    "integer_division": (
        "Beginners expect one division operator; which of `/` and `//` rounds down is a "
        "rule they have not met yet.",
        "A student picks `{new}` because it looks like division, without knowing that "
        "{effect}.",
    ),
    "precedence": (
        "A student writes the formula in the order it is said and forgets that `{op}` is "
        "done before `{inner_op}`.",
        "Brackets look optional to a beginner who has not thought about which operator "
        "Python applies first.",
    ),
    "wrong_operator": (
        "A student types the formula from memory and checks only that it runs; a slipped "
        "operator gives a plausible number.",
        "A wrong operator still produces a believable result, so a beginner rarely "
        "questions it.",
    ),
}
