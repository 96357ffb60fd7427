"""Phrasings of the `functions` injectors (`debugex.injectors.functions`)."""

from __future__ import annotations

CAUSES: dict[str, tuple[str, ...]] = {
    "renamed_parameter": (
        "the def line names the parameter `{new}`, but the body of `{function}` still "
        "uses the old name, which nothing defines any more",
        "the parameter was renamed to `{new}` in the def line only, so the body reads a "
        "name that does not exist",
    ),
    "none_result_used": (
        "{cause}, so the caller receives `None`",
        "the value used here comes from `{func}()`, which hands back `None` because {cause}",
    ),
    "wrong_argument_count": (
        "`{func}` needs {expected_args}, but this call gives it {given_args}",
        "this call to `{func}` leaves out the argument for `{missing}`",
    ),
    "unbound_local": (
        "`{func}` assigns to `{name}` without declaring it global, so inside the function "
        "`{name}` is a local variable that has no value yet when it is read",
        "because `{func}` changes `{name}`, Python treats it as local to the function, and "
        "it is read before anything is stored in it",
    ),
    "print_instead_of_return": (
        "{when_no_other_return}`{function}` prints the value instead of returning it, so "
        "the caller gets `None`",
        "{when_no_other_return}`print` only shows a value; `{function}` no longer hands "
        "anything back",
        "{when_no_other_return}this line prints the value where the function should "
        "return it, so the caller gets `None`",
        # with another `return` in the function, the call may still give a value back
        "`{function}` prints the value instead of returning it, and `print` does not end "
        "the function: it carries on past this line",
    ),
}

TERSE: dict[str, str] = {
    "renamed_parameter": "`{new}` should be `{old}`, the name the body uses.",
    "none_result_used": "`{func}()` returns `None`.",
    "wrong_argument_count": "`{func}` is called with too few arguments.",
    "unbound_local": "`{name}` is local in `{func}` and read before it is set.",
    "print_instead_of_return": "`print` should be `return`.",
}

WHY: dict[str, tuple[str, ...]] = {
    "renamed_parameter": (
        "{when_described}A student renames a parameter to `{new}` to match the task's "
        "words and does not see that the body of `{function}` still uses the old name.",
        "A student renames a parameter to `{new}` because it reads better, and does not "
        "see that the body of `{function}` still uses the old name.",
        "Beginners think of a parameter as a label they can change in the def line "
        "alone, not as the name the body reads.",
    ),
    "none_result_used": (
        "Printing and returning look the same when a beginner tries `{func}` by hand, so "
        "the difference only shows where the value is used.",
        "A student who sees the answer appear on the screen believes `{func}` has given "
        "it back.",
    ),
    "wrong_argument_count": (
        "A student calling `{func}` forgets one of its parameters, believing Python will "
        "fill in the obvious one.",
        "Beginners lose track of how many values `{func}` expects when the call is far "
        "from the definition.",
    ),
    "unbound_local": (
        "A beginner expects `{func}` to change the `{name}` defined outside it, not knowing "
        "that assigning makes a new local name.",
        "Scope is invisible to students: `{name}` inside `{func}` looks like the same "
        "variable as outside.",
    ),
    "print_instead_of_return": (
        "When a beginner tries `{function}` out, printing and returning both show the "
        "answer, so they look the same.",
        "A student who sees the value on the screen believes `{function}` has returned it.",
    ),
}
