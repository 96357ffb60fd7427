"""What an injector is, what it produces, and the registry that lists them all.

An injector reproduces one novice mistake from `novice-mistakes.md`. It finds candidate
sites in a ProgramIndex and returns each as an Edit: a span of the original text, its
replacement, the line of the change and named details for the explanation. Whether an
edit really is the error it claims is decided by running it (see `debugex.engine.verify`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import ClassVar

from .program import ProgramIndex

SYNTAX, RUNTIME, LOGICAL = "syntax", "runtime", "logical"
ERROR_CLASSES = (SYNTAX, RUNTIME, LOGICAL)


@dataclass(frozen=True)
class Edit:
    """A position-anchored text edit: replace source[start:end] with `replacement`."""

    injector: str
    error_class: str
    start: int
    end: int
    replacement: str
    line: int  # line of the change in the program with this edit alone
    details: tuple[tuple[str, str], ...] = ()
    # Where in `replacement` the error's line is (a moved statement: where it lands).
    focus: int = 0

    @property
    def info(self) -> dict[str, str]:
        return dict(self.details)

    def apply(self, source: str) -> str:
        return source[: self.start] + self.replacement + source[self.end:]

    def overlaps(self, other: Edit) -> bool:
        if self.start == self.end or other.start == other.end:  # insertions
            return self.start == other.start or (
                self.start < other.end and other.start < self.end)
        return self.start < other.end and other.start < self.end

    def key(self, source: str) -> str:
        """A stable id from the program, the injector and the span: never 'the Nth site'."""
        digest = hashlib.sha1(source.encode()).hexdigest()[:10]
        payload = f"{digest}|{self.injector}|{self.start}|{self.end}|{self.replacement}"
        return hashlib.sha1(payload.encode()).hexdigest()[:12]

    def to_dict(self) -> dict:
        return {"injector": self.injector, "error_class": self.error_class,
                "start": self.start, "end": self.end, "replacement": self.replacement,
                "line": self.line, "details": self.info, "focus": self.focus}

    @classmethod
    def from_dict(cls, data: dict) -> Edit:
        return cls(data["injector"], data["error_class"], data["start"], data["end"],
                   data["replacement"], data["line"], tuple(sorted(data["details"].items())),
                   data.get("focus", 0))


def apply_edits(source: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits, from the last offset backwards."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    for first, second in zip(ordered, ordered[1:], strict=False):
        if first.overlaps(second):
            raise ValueError(f"edits overlap: {first.injector} at {first.start}-{first.end} "
                             f"and {second.injector} at {second.start}-{second.end}")
    for edit in reversed(ordered):
        source = edit.apply(source)
    return source


@dataclass(frozen=True)
class Example:
    """A golden case: `before` holds a site; the injector can turn it into `after`."""

    before: str
    after: str
    stdin: tuple[tuple[str, ...], ...] = ((),)  # scenarios that reveal the error
    line: int | None = None  # line of the change, when the test should check it


class Injector:
    """Base class. Subclasses set the class attributes and implement `sites`.

    The class docstring names the mistake; `why` says what novices misunderstand. The
    wording of the text lives in `debugex.text.phrasings`, by the same family name.
    """

    id: ClassVar[str]
    error_class: ClassVar[str]
    why: ClassVar[str]
    examples: ClassVar[tuple[Example, ...]] = ()
    label: ClassVar[str] = ""  # short name for the thinking paragraph (default: docstring)
    no_site: ClassVar[str] = "print('hello')\n"  # a program this injector must leave alone
    # Whether a value equal to the original but of the other number type (2.0 for 2)
    # shows this mistake; not for one whose point is a fraction lost or kept
    # (`engine/infection.py` reads it for programs that print nothing).
    type_alone_shows: ClassVar[bool] = True

    @classmethod
    def description(cls) -> str:
        return (cls.__doc__ or cls.id).strip().splitlines()[0]

    def sites(self, program: ProgramIndex) -> Iterator[Edit]:
        raise NotImplementedError

    def edit(self, program: ProgramIndex, start: int, end: int, replacement: str,
             focus: int = 0, **details: object) -> Edit:
        """An Edit of this injector. Its line is where `start` falls, moved down by the
        newlines in replacement[:focus] (for an edit that moves a statement)."""
        line = program.source.count("\n", 0, start) + 1 + replacement.count("\n", 0, focus)
        return Edit(self.id, self.error_class, start, end, replacement, line,
                    tuple(sorted((k, str(v)) for k, v in details.items())), focus)


REGISTRY: dict[str, Injector] = {}


def register(cls: type[Injector]) -> type[Injector]:
    """Class decorator: add one instance of the injector to the registry."""
    if cls.id in REGISTRY:
        raise ValueError(f"two injectors share the id {cls.id!r}")
    if cls.error_class not in ERROR_CLASSES:
        raise ValueError(f"{cls.__name__}: unknown error class {cls.error_class!r}")
    if not cls.__doc__ or not getattr(cls, "why", None):
        raise ValueError(f"{cls.__name__}: needs a docstring and why")
    REGISTRY[cls.id] = cls()
    return cls
