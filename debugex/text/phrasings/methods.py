"""Phrasings of the `methods` injectors (`debugex.injectors.methods`)."""

from __future__ import annotations

CAUSES: dict[str, tuple[str, ...]] = {
    "inplace_result_assigned": (
        "`.{method}()` changes the list `{receiver}` where it is and returns `None`, and "
        "this line stores that `None` back in `{receiver}`",
        "assigning the result of `.{method}()` to `{receiver}` replaces the list with "
        "`None`, so the next time `{receiver}` is used as a list the program fails",
        "list methods such as `{method}` work in place and give nothing back, so after "
        "this line `{receiver}` no longer holds a list but `None`",
    ),
    "method_not_called": (
        "`{new}` names the method without calling it, so the {effect}",
        "a method only runs when brackets follow its name; `{new}` just looks it up and "
        "throws it away, so the {effect}{when_statement}",
        "the brackets after `{new}` are missing: the line does nothing, and the {effect}"
        "{when_statement}",
        "`{new}` hands back the method itself, uncalled, so the {effect}{when_returned}",
    ),
    "wrong_function": (
        "`{new}` {does}, but this line needs one that {should}",
        "`{new}` is close to the right call but not the same: it {does}, which is not "
        "what this line is for",
        "`{new}` has a related but different job: it {does}",
    ),
}

TERSE: dict[str, str] = {
    "inplace_result_assigned": "`.{method}()` returns `None`; its result must not be stored "
                               "in `{receiver}`.",
    "method_not_called": "`{new}` should be `{old}`.",
    "wrong_function": "`{new}` should be `{old}`.",
}

WHY: dict[str, tuple[str, ...]] = {
    "inplace_result_assigned": (
        "String methods hand back a new string that has to be stored, so a beginner "
        "stores the result of `.{method}()` too, not knowing that list methods return "
        "`None`.",
        "A student expects `.{method}()` to give back the updated list, the way a "
        "calculation gives back its result.",
        "Beginners treat every method call as producing a value to keep; that `{receiver}` "
        "has already been changed in place is invisible to them.",
    ),
    "method_not_called": (
        "A beginner reads `{new}` as the action itself, not as the name of an action that "
        "still has to be called.",
        "Python accepts `{new}` without any complaint, so a student who leaves off the "
        "brackets gets no warning.",
        "Empty brackets look as if they add nothing, so a student drops them after a "
        "method that takes no argument.{when_statement}",
    ),
    "wrong_function": (
        "Functions and methods with related jobs are learnt together, so a beginner "
        "reaches for `{new}` from a vague memory of what each one does.",
        "A student who half remembers which one {should} picks its neighbour `{new}`.",
        "The program still runs with `{new}`, so nothing warns a beginner that the choice "
        "is wrong.",
    ),
}
