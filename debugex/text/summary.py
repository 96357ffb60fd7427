"""What the program does, retold from the first sentence of the task description."""

from __future__ import annotations

import random

_LEADS = ("write", "create", "make")


def _first_sentence(description: str) -> str:
    """The description up to the end of its first sentence: a `.`, `!` or `?` that ends
    the text or is followed by a new sentence (a capital, a digit or a quote). A `!`
    right after a single letter or digit is a factorial (`n!`), kept as it is."""
    text = " ".join(description.split())
    for end in range(len(text)):
        if text[end] not in ".!?":
            continue
        if text[end] == "!" and (end == 0 or text[end - 1].isalnum()
                                 and (end < 2 or not text[end - 2].isalnum())):
            continue  # `n!`, `5!`: the factorial, part of the sentence
        if end + 1 == len(text):
            return text[:end]
        if text[end + 1] == " " and (text[end + 2:end + 3].isupper()
                                     or text[end + 2:end + 3] in tuple("0123456789\"'`")):
            return text[:end]
    return text


def _task(description: str) -> tuple[str, str] | None:
    """('program'|'function'|'thing', the rest) from 'Write a program that ...',
    'Write a function f(x) that ...', 'Write a guessing game ...'; None otherwise."""
    words = _first_sentence(description).split(" ")
    if len(words) < 3 or words[0].lower() not in _LEADS:
        return None
    rest = words[1:]
    if rest[0].lower() in ("a", "an"):
        rest = rest[1:]
    if rest and rest[0].lower() == "python":
        rest = rest[1:]
    if len(rest) >= 3 and rest[0].lower() == "program" and rest[1].lower() in ("that", "which"):
        return "program", " ".join(rest[2:])
    if len(rest) >= 3 and rest[0].lower() == "function" and rest[2].lower() in ("that", "which"):
        name = rest[1].split("(", 1)[0]
        if name.isidentifier():
            return "function", f"`{name}` " + " ".join(rest[3:])
    if rest and rest[0].lower() not in ("two", "three", "the", "program", "function"):
        return "thing", " ".join(rest)
    return None


def program_summary(description: str, rng: random.Random) -> str:
    """One sentence saying what the program does, in varied words; '' when the
    description does not start in a form we can retell."""
    found = _task(description)
    if found is None:
        return ""
    kind, rest = found
    if kind == "program":
        return rng.choice([f"The program {rest}.", f"This program {rest}.",
                           f"What the program does: it {rest}.",
                           f"The exercise is built on a program that {rest}."])
    if kind == "function":
        name, what = rest.split(" ", 1)
        return rng.choice([f"The heart of the program is {name}, a function that {what}.",
                           f"Here the function {name} {what}.",
                           f"The task: a function {name} that {what}."])
    article = "an" if rest[:1].lower() in "aeiou" else "a"
    return rng.choice([f"The program is {article} {rest}.",
                       f"This exercise is {article} {rest}."])
