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
_LINE_ENTRY = re.compile(r"Line\s+(\d+)\s*:")


class MessageError(ValueError):
    """A message that does not follow the format; says which tag is missing or broken."""


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

    def __post_init__(self) -> None:
        object.__setattr__(self, "program", normalise_program(self.program))
        object.__setattr__(self, "thinking", _tidy(self.thinking))
        object.__setattr__(self, "note", " ".join(self.note.split()))
        object.__setattr__(self, "explanations",
                           tuple(" ".join(e.split()) for e in self.explanations))
        object.__setattr__(self, "locations", tuple(self.locations))


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
    cursor = _Cursor(_normalise(text), name="user message")
    description = _section(cursor, "description")
    # The program's closing tag is the last one before the counts that follow it.
    counts_start = cursor.text.rfind("<syntax>")
    if counts_start < 0:
        raise MessageError("user message: missing <syntax> tag")
    program = _section(cursor, "correct-program", closing_from_end=True, limit=counts_start)
    counts = {}
    for tag in COUNT_TAGS:
        value = _section(cursor, tag).strip()
        if not value.isdigit():
            raise MessageError(f"user message: <{tag}> must hold a whole number, "
                               f"found {value!r}")
        counts[tag] = int(value)
    return UserMessage(description, program, Request(**counts))


def parse_assistant(text: str) -> AssistantMessage:
    cursor = _Cursor(_normalise(text), name="assistant message")
    thinking = _section(cursor, "thinking")
    locations_start = cursor.text.rfind("<error-location>")
    if locations_start < 0:
        raise MessageError("assistant message: missing <error-location> tag")
    program = _section(cursor, "incorrect-program", closing_from_end=True,
                       limit=locations_start)
    raw_locations = _section(cursor, "error-location")
    locations = []
    for item in raw_locations.split():
        item = item.strip().rstrip(",")
        if not item.isdigit():
            raise MessageError("assistant message: <error-location> must hold line numbers, "
                               f"one per line; found {item!r}")
        locations.append(int(item))
    body = _section(cursor, "explanation")
    note, explanations = _split_explanations(body)
    return AssistantMessage(thinking, program, tuple(locations), tuple(explanations), note)


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
    """The N of a `Line N: ...` explanation."""
    match = _LINE_ENTRY.match(entry)
    return int(match.group(1)) if match else None
