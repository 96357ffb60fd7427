"""Exercise names as people write them, made into slugs debugex accepts.

`armstrong-numbers`, `Armstrong Numbers`, `01_hello.py` and `Übung 3` all name an exercise;
a content folder's name must be lower_snake_case (letters, digits, single underscores,
a letter first). The slug keeps the words, drops the rest, and never takes a name twice.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from ..content import SLUG


def slug_of(name: str) -> str:
    """`Armstrong-Numbers` → `armstrong_numbers`; `01 hello.py` → `ex_01_hello`."""
    stem = name[:-3] if name.lower().endswith(".py") else name
    ascii_text = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    words, word = [], []
    for char in ascii_text.lower():
        if char.isalnum():
            word.append(char)
        elif word:
            words.append("".join(word))
            word = []
    if word:
        words.append("".join(word))
    slug = "_".join(words) or "exercise"
    if not slug[0].isalpha():
        slug = f"ex_{slug}"
    assert SLUG.fullmatch(slug), slug
    return slug


def unique(slug: str, taken: Iterable[str]) -> str:
    """`slug`, or `slug_2`, `slug_3`, … when it is taken."""
    taken = set(taken)
    if slug not in taken:
        return slug
    number = 2
    while f"{slug}_{number}" in taken:
        number += 1
    return f"{slug}_{number}"
