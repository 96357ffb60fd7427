"""Phrasings of the `statements` injectors (`debugex.injectors.statements`)."""

from __future__ import annotations

CAUSES: dict[str, tuple[str, ...]] = {
    "else_if": (
        "`else if` is two words where Python has the single keyword `elif`",
        "after `else` Python expects the colon straight away, so `else if` cannot be read",
    ),
    "missing_colon": (
        "{keyword_a} `{keyword}` header must end with a colon, and this one does not",
        "the `{keyword}` line has no colon at its end, so Python cannot tell where the block "
        "starts",
    ),
    "misspelt_keyword": (
        "`{typo}` is not a keyword; Python takes it for an ordinary name and the rest of "
        "the line stops making sense",
        "the keyword here is {how} as `{typo}`, and Python only knows keywords spelt "
        "exactly, in lower case",
    ),
    "print_statement": (
        "`print` is a function in Python 3, and here it has no brackets round what it prints",
        "this is the Python 2 form of `print`, without brackets, which Python 3 cannot read",
    ),
    "missing_statement": (
        "the statement that should come before `{anchor}` is missing, so {effect}",
        "a step is missing just before `{anchor}`: without it {effect}",
        "a statement is missing just before `{anchor}`, so a step the task needs never "
        "happens",
        # a statement that ended its block (see docs/locations.md): `block` is set
        "a statement is missing at the end of {block} (after line {line}), so {effect}",
        "{block} has lost its last step, which belongs after line {line}: without it "
        "{effect}",
        # the same when the effect quotes code that the removal took away (`.append()`)
        "a statement is missing at the end of {block} (after line {line}), so a step the "
        "task needs never happens",
    ),
}

TERSE: dict[str, str] = {
    "else_if": "`else if` should be `elif`.",
    "missing_colon": "missing colon after the `{keyword}` header.",
    "misspelt_keyword": "`{typo}` should be `{keyword}`.",
    "print_statement": "`print` needs brackets.",
    "missing_statement": "a statement is missing {where}.",
}

WHY: dict[str, tuple[str, ...]] = {
    "else_if": (
        "Anyone who has seen `else if` in another language types it here too, unaware that "
        "Python fuses it into `elif`.",
        "Saying the chain aloud ('else, if {condition}') leads straight to the two-word form.",
    ),
    "missing_colon": (
        "The colon that opens {keyword_a} `{keyword}` block reads like punctuation to a "
        "beginner, so it is the first thing forgotten.",
        "Students coming from prose end the `{keyword}` line where the sentence ends and "
        "forget that the colon is part of the syntax.",
    ),
    "misspelt_keyword": (
        "A beginner expects Python to read `{typo}` as generously as a person would read "
        "a typo.",
        "Keywords look like ordinary words, so a student does not expect `{typo}` for "
        "`{keyword}` to matter.",
    ),
    "print_statement": (
        "Printing feels like a command, and many older examples still show `print` "
        "without brackets.",
        "A student who learnt from Python 2 material writes `print` as a statement.",
    ),
    "missing_statement": (
        "Beginners write the steps they think of first and skip the ones that feel "
        "obvious, such as updating a value.",
        "A step that seems too small to write down is the one a student leaves out.",
    ),
}
