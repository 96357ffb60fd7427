"""Phrasings of the `conversions` injectors (`debugex.injectors.conversions`)."""

from __future__ import annotations

CAUSES: dict[str, tuple[str, ...]] = {
    "concat_number_to_string": (
        "`{value}` is a number, and `+` can only join text to text",
        "`+` joins strings only, and `{value}` holds a number that was never turned into "
        "text",
    ),
    "string_not_number": (
        "`{name}` keeps the text that `input()` returns, so where the program compares it "
        "with a number or multiplies it, it behaves as text, not as the number typed",
        "without `{func}()` round the input, `{name}` holds a string: Python raises no "
        "error, but a string is never equal to a number and `*` repeats it",
    ),
    "missing_type_conversion": (
        "`{name}` keeps the text that `input()` returns, because it is never converted to a "
        "number",
        "`input()` always gives a string, and `{name}` is used as a number without "
        "`{func}()` round it",
    ),
    "wrong_conversion_function": (
        "the input goes through `int()`, which refuses text with a decimal point",
        "`int()` cannot read an answer such as 2.5; it only accepts whole numbers",
    ),
}

TERSE: dict[str, str] = {
    "concat_number_to_string": "`{value}` must be converted with `str()` before `+`.",
    "missing_type_conversion": "the input is not converted with `{func}()`.",
    "string_not_number": "`{name}` is text: the input is not converted with `{func}()`.",
    "wrong_conversion_function": "`int()` cannot convert a decimal input.",
}

WHY: dict[str, tuple[str, ...]] = {
    "concat_number_to_string": (
        "A student expects `+` to glue `{value}` onto the message the way `print` with "
        "commas would.",
        "Beginners do not yet separate text from numbers, so joining `{value}` with `+` "
        "looks harmless.",
    ),
    "string_not_number": (
        "Typing digits feels like typing a number, so the student forgets that `{name}` "
        "holds text until `{func}()` converts it.",
        "Because the program runs without an error, a beginner does not suspect that "
        "`{name}` is still text.",
    ),
    "missing_type_conversion": (
        "Typing digits feels like typing a number, so the student forgets that `{name}` "
        "holds text until `{func}()` converts it.",
        "Beginners assume `input()` gives a number when the answer is a number.",
    ),
    "wrong_conversion_function": (
        "`int()` means 'make it a number' to a beginner, who expects it to accept any "
        "number typed in.",
        "Students rarely try a decimal answer, so `int()` in place of `float()` goes "
        "unnoticed.",
    ),
}
