"""Phrasings of the `calls` injectors (`debugex.injectors.calls`)."""

from __future__ import annotations

CAUSES: dict[str, tuple[str, ...]] = {
    "missing_import": (
        "`{name}` is used, but the program never imports it",
        "the program uses the module `{name}` without importing it first",
    ),
    "wrong_method_for_type": (
        "{receiver} has no method `{wrong}`: {reason}",
        "Python looks for `{wrong}` on {receiver} and finds nothing, because {reason}",
        "`{wrong}` is not a method of {receiver}, so Python cannot find it",
        "{receiver} has no method spelt `{wrong}`; method names must match exactly",
    ),
    "ignored_return_value": (
        "the new string made by `{call}` is not stored, so `{name}` stays as it was",
        "strings never change in place, and the result of `{call}` is thrown away",
        "the result of `.{method}()` is thrown away, so `{name}` stays as it was",
    ),
    "brackets_for_call": (
        "`{new}` uses square brackets, which take an item out of a list or a string; to "
        "call `{name}` and hand it a value the brackets must be round{when_brackets}",
        "square brackets after `{name}` ask Python for a piece of `{name}` itself, and it "
        "has no pieces to give; calling it needs round brackets{when_brackets}",
        "`{name}` is followed by `[` where a call needs `(`, so instead of running `{name}` "
        "Python tries to look something up inside it{when_brackets}",
        "`{new}` asks for something called `{attr}` inside the method `{method}` instead of "
        "calling `{method}` with `{attr}` between round brackets{when_dot}",
        "the dot after `{method}` makes Python look for an attribute named `{attr}`; "
        "handing `{attr}` to the method needs round brackets, not a dot{when_dot}",
    ),
}

TERSE: dict[str, str] = {
    "missing_import": "`{name}` is used without being imported.",
    "wrong_method_for_type": "{receiver} has no method `{wrong}`.",
    "ignored_return_value": "the result of `{call}` is not stored.",
    "brackets_for_call": "`{callee}` is not called: a call needs round brackets.",
}

WHY: dict[str, tuple[str, ...]] = {
    "missing_import": (
        "Beginners think `{name}` is always available, like `print`.",
        "A student who used `{name}` in an earlier exercise forgets that each program "
        "must import it.",
    ),
    "wrong_method_for_type": (
        "Beginners treat methods as general commands that work on any value, so "
        "`{wrong}` seems as good as any.",
        "Each type has its own set of methods, and a student has not yet learnt which "
        "belongs to {receiver}.",
    ),
    "ignored_return_value": (
        "A beginner expects `{call}` to change `{name}` itself, the way `append` changes a "
        "list.",
        "That string methods return a new string is easy to miss when `{call}` reads like "
        "a command.",
    ),
    "brackets_for_call": (
        "Indexing, attributes and calls are met in the same weeks, and a beginner does not "
        "yet tell apart what may follow `{callee}`.",
        "Indexing and calling are met in the same weeks, and to a beginner `{new}` looks "
        "like just another way of getting something out of the value inside.{when_brackets}",
        "A student sees the shape of the bracket as a detail; what matters to them is "
        "that the value sits next to `{name}`.{when_brackets}",
        "Square brackets after a name are familiar from lists, so a beginner reaches for "
        "them with `{name}` too, not knowing that only round ones call a function."
        "{when_brackets}",
        "A student who writes `{method}` with a dot in it adds `{attr}` the same way, with "
        "one more dot, not seeing that a call needs brackets.{when_dot}",
    ),
}
