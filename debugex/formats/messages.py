"""The user and assistant messages of the fine-tuning format: data, rendering, parsing.

Code sits inside its tags raw (no escaping, no CDATA), so a message is not well-formed
XML (`if a < b:`). Parsing therefore never uses an XML parser: it splits on our own tag
names, taking each code block's closing tag from the end of the message, so code that
contains `<`, `&`, `]]>` or text that looks like one of our tags is read exactly.
Messages in the hand-made dataset's style (blocks indented inside their tags, CRLF line
endings, no final newline) parse with the same line numbers.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from functools import cache

import jinja2

COUNT_TAGS = ("syntax", "runtime", "logical")
# `Line N:`, or the hand-made dataset's `Line N of original program:` for a deleted line
# (N in the correct program, as its `Removed line N of original program` location says).
_LINE_ENTRY = re.compile(r"Line\s+(\d+)((?i:\s+of\s+(?:the\s+)?original\s+program))?\s*:")
# The hand-made dataset's way of locating a deleted statement (N in the correct program).
_REMOVED_LINE = re.compile(r"Removed\s+line\s+(\d+)\s+of\s+(?:the\s+)?original\s+program\.?",
                           re.IGNORECASE)


class MessageError(ValueError):
    """A message that does not follow the format; says which tag is missing or broken."""


class Readable(str):
    """A format problem that reads one way only (`-0` as a count, a removed-line
    location): reported like any problem, so strict readers refuse it, but a lenient
    reader (the audit) may call it a note rather than a defect. `kind` names the quirk."""

    kind: str

    def __new__(cls, text: str, kind: str) -> Readable:
        made = super().__new__(cls, text)
        made.kind = kind
        return made


def normalise_program(text: str) -> str:
    """LF line endings and a final newline: the one form programs are compared in."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text and not text.endswith("\n"):
        text += "\n"
    return text


@dataclass(frozen=True)
class Request:
    syntax: int = 0
    runtime: int = 0
    logical: int = 0

    @property
    def total(self) -> int:
        return self.syntax + self.runtime + self.logical

    def count(self, error_class: str) -> int:
        return getattr(self, error_class)

    def as_dict(self) -> dict[str, int]:
        return {"syntax": self.syntax, "runtime": self.runtime, "logical": self.logical}

    def label(self) -> str:
        return "/".join(str(self.count(c)) for c in COUNT_TAGS)


@dataclass(frozen=True)
class UserMessage:
    description: str
    program: str
    request: Request

    def __post_init__(self) -> None:
        object.__setattr__(self, "program", normalise_program(self.program))
        object.__setattr__(self, "description", _tidy(self.description))


@dataclass(frozen=True)
class AssistantMessage:
    thinking: str
    program: str
    locations: tuple[int, ...]
    explanations: tuple[str, ...]
    note: str = ""  # said before the explanations, e.g. when a request was only partly met
    # Indices of the locations that name a deleted statement by its line in the correct
    # program (written `Removed line N of original program`); empty in our own output.
    removed: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "program", normalise_program(self.program))
        object.__setattr__(self, "removed", tuple(self.removed))
        object.__setattr__(self, "thinking", _tidy(self.thinking))
        object.__setattr__(self, "note", " ".join(self.note.split()))
        # one line each; the spaces inside a sentence (a quoted input) are kept
        object.__setattr__(self, "explanations",
                           tuple(_one_line(e) for e in self.explanations))
        object.__setattr__(self, "locations", tuple(self.locations))


def _one_line(text: str) -> str:
    return re.sub(r"\s*\n\s*", " ", text.replace("\r", "\n")).strip()


def _tidy(text: str) -> str:
    """Prose: LF endings, no trailing spaces, layout indentation removed, trimmed."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n")
             .split("\n")]
    return textwrap.dedent("\n".join(lines)).strip()


# -- rendering ---------------------------------------------------------------------------

_ENV = jinja2.Environment(loader=jinja2.PackageLoader("debugex", "templates"),
                          undefined=jinja2.StrictUndefined, autoescape=False,
                          keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)


@cache
def template(name: str) -> jinja2.Template:
    return _ENV.get_template(name)


def render_user(message: UserMessage) -> str:
    return template("user.xml.j2").render(m=message, counts=message.request.as_dict())


def render_assistant(message: AssistantMessage) -> str:
    return template("assistant.xml.j2").render(m=message)


def system_prompt() -> str:
    return template("system_prompt.txt").render().strip() + "\n"


# -- parsing -----------------------------------------------------------------------------

@dataclass
class _Cursor:
    text: str
    position: int = 0
    name: str = "message"
    seen: list[str] = field(default_factory=list)

    def find(self, tag: str, last_before: int | None = None) -> tuple[int, int]:
        """(start, end) of `tag`: the first after the cursor, or the last before a limit."""
        if last_before is None:
            start = self.text.find(tag, self.position)
        else:
            start = self.text.rfind(tag, self.position, last_before)
        if start < 0:
            raise MessageError(f"{self.name}: missing {tag} tag")
        return start, start + len(tag)


def _block(text: str, closing_indent: str, dedent: bool) -> str:
    """The inside of a tag as written, minus the layout added around it."""
    first_newline = text.find("\n")
    if first_newline >= 0 and not text[:first_newline].strip():
        text = text[first_newline + 1:]  # the line break after the opening tag
    if closing_indent and text.endswith(closing_indent):
        text = text[: len(text) - len(closing_indent)]
    if dedent and closing_indent:
        lines = text.split("\n")
        indents = [line[: len(line) - len(line.lstrip(" \t"))] for line in lines
                   if line.strip()]
        common = _common_prefix(indents)
        if common:
            text = "\n".join(line[len(common):] if line.startswith(common) else line.lstrip(
                " \t") for line in lines)
    return text


def _common_prefix(items: list[str]) -> str:
    if not items:
        return ""
    prefix = items[0]
    for item in items[1:]:
        while not item.startswith(prefix):
            prefix = prefix[:-1]
    return prefix


def _indent_before(text: str, position: int) -> str:
    """Whitespace between the start of the line and `position`, if only whitespace."""
    line_start = text.rfind("\n", 0, position) + 1
    before = text[line_start:position]
    return before if not before.strip() else ""


def _section(cursor: _Cursor, tag: str, closing_from_end: bool = False,
             limit: int | None = None) -> str:
    open_start, open_end = cursor.find(f"<{tag}>")
    cursor.position = open_end
    close_start, close_end = cursor.find(f"</{tag}>", last_before=limit if closing_from_end
                                         else None)
    if closing_from_end and close_start < open_end:
        raise MessageError(f"{cursor.name}: <{tag}> is never closed")
    inner = cursor.text[open_end:close_start]
    cursor.position = close_end
    return _block(inner, _indent_before(cursor.text, close_start), dedent=True)


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_user(text: str) -> UserMessage:
    """The user message, exactly; MessageError names the first tag that is off."""
    message, problems = read_user(text)
    if problems:
        raise MessageError(problems[0])
    return message


def parse_assistant(text: str) -> AssistantMessage:
    """The assistant message, exactly; MessageError names the first tag that is off."""
    message, problems = read_assistant(text)
    if problems:
        raise MessageError(problems[0])
    return message


def _optional(cursor: _Cursor, tag: str, problems: list[str], default: str = "") -> str:
    """A prose section read leniently: a missing tag is a problem, not the end."""
    position = cursor.position
    try:
        return _section(cursor, tag)
    except MessageError as exc:
        cursor.position = position
        problems.append(str(exc))
        return default


def _duplicates(cursor: _Cursor, tags: tuple[str, ...], start: int, end: int,
                problems: list[str]) -> None:
    for tag in tags:
        if cursor.text.count(f"<{tag}>", start, end) > 1:
            problems.append(f"{cursor.name}: <{tag}> appears more than once (the first is read)")


def read_user(text: str) -> tuple[UserMessage, list[str]]:
    """The user message and its format problems. Lenient where a field can still be read
    (a missing description, `-0`, a duplicated count); MessageError only when the
    program or every count cannot be found."""
    cursor = _Cursor(_normalise(text), name="user message")
    problems: list[str] = []
    description = _optional(cursor, "description", problems)
    # The program's closing tag is the last one before the counts that follow it.
    counts_start = cursor.text.rfind("<syntax>")
    if not any(f"<{tag}>" in cursor.text for tag in COUNT_TAGS):
        raise MessageError("user message: missing <syntax> tag (no error counts at all)")
    program = _section(cursor, "correct-program", closing_from_end=True,
                       limit=counts_start if counts_start >= 0 else None)
    _duplicates(cursor, COUNT_TAGS, cursor.position, len(cursor.text), problems)
    counts = {}
    for tag in COUNT_TAGS:
        value = _optional(cursor, tag, problems, "0").strip()
        if value.isdigit():
            counts[tag] = int(value)
            continue
        if value[:1] in "+-" and value[1:].isdigit() and int(value) >= 0:
            counts[tag] = int(value)  # `-0`, `+1`: one reading only
            problems.append(Readable(f"user message: <{tag}> holds {value!r}, read as "
                                     f"{int(value)}", "count_written_oddly"))
            continue
        counts[tag] = 0
        problems.append(f"user message: <{tag}> must hold a whole number, found {value!r} "
                        "(read as 0)")
    return UserMessage(description, program, Request(**counts)), problems


def read_assistant(text: str) -> tuple[AssistantMessage, list[str]]:
    """The assistant message and its format problems: a missing thinking, error-location
    or explanation, a location line that is not a line number, a duplicated tag. Each
    problem leaves the rest readable; MessageError only when the program cannot be found."""
    cursor = _Cursor(_normalise(text), name="assistant message")
    problems: list[str] = []
    program_start = cursor.text.find("<incorrect-program>")
    _duplicates(cursor, ("thinking",), 0, max(program_start, 0), problems)
    thinking = _optional(cursor, "thinking", problems)
    locations_start = cursor.text.rfind("<error-location>")
    program = _section(cursor, "incorrect-program", closing_from_end=True,
                       limit=locations_start if locations_start >= 0 else None)
    _duplicates(cursor, ("error-location", "explanation"), cursor.position, len(cursor.text),
                problems)
    raw_locations = _optional(cursor, "error-location", problems)
    locations: list[int] = []
    removed: list[int] = []
    for item in raw_locations.split("\n"):
        deleted = _REMOVED_LINE.fullmatch(item.strip())
        if deleted:
            removed.append(len(locations))
            locations.append(int(deleted.group(1)))
            problems.append(Readable(f"assistant message: <error-location> {item.strip()!r} "
                                     f"read as the deleted line {deleted.group(1)} of the "
                                     "correct program", "removed_line_location"))
            continue
        parts = item.replace(",", " ").split()
        if not all(part.isdigit() for part in parts):
            problems.append("assistant message: <error-location> must hold line numbers, one "
                            f"per line; found {item.strip()!r}")
            continue
        locations += [int(part) for part in parts]
    body = _optional(cursor, "explanation", problems)
    note, explanations = _split_explanations(body)
    for entry in explanations:
        if explanation_of_original(entry):
            head = _LINE_ENTRY.match(entry).group(0)
            problems.append(Readable(f"assistant message: explanation {head!r} read as the "
                                     f"explanation of the deleted line {explanation_line(entry)} "
                                     "of the correct program", "removed_line_location"))
    return AssistantMessage(thinking, program, tuple(locations), tuple(explanations),
                            note, tuple(removed)), problems


def _split_explanations(body: str) -> tuple[str, list[str]]:
    """The `Line N: ...` entries (continuation lines joined) and any note before them."""
    note_lines: list[str] = []
    entries: list[str] = []
    for raw in body.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if _LINE_ENTRY.match(line):
            entries.append(line)
        elif entries:
            entries[-1] += " " + line
        else:
            note_lines.append(line)
    return " ".join(note_lines), entries


def explanation_line(entry: str) -> int | None:
    """The N of a `Line N: ...` (or `Line N of original program: ...`) explanation."""
    match = _LINE_ENTRY.match(entry)
    return int(match.group(1)) if match else None


def explanation_of_original(entry: str) -> bool:
    """Whether the explanation's N is a line of the correct program (`Line N of original
    program:`), which only a `Removed line N of original program` location may have."""
    match = _LINE_ENTRY.match(entry)
    return bool(match and match.group(2))
