"""The indentation a block's lines have relative to their own tag.

Reading a message removes the layout indentation around each block: the indentation all
its lines share. A dataset that indents its blocks inside `<root>` can also mean part of
that indentation: a one-line program typed with an indent (`print("Hello world'}` one
level deeper than its tag) loses its indentation error when the shared indentation is
removed. `tag_relative_program` gives the program read the other way: each line keeps
what it has beyond its tag's indentation and beyond the indentation the message's other
blocks have inside their tags (the dataset's own layout). The audit takes this reading
only where a record holds under it alone.
"""

from __future__ import annotations

from .messages import MessageError, _block, _common_prefix, _indent_before, read_assistant

_OTHER_BLOCKS = ("thinking", "error-location", "explanation")


def _inside(text: str, tag: str, start: int = 0, from_end: bool = False,
            limit: int | None = None) -> tuple[str, str] | None:
    """(the tag's own indentation, the block's lines as written) or None."""
    opening = text.find(f"<{tag}>", start)
    if opening < 0:
        return None
    closing = (text.rfind(f"</{tag}>", opening, limit) if from_end
               else text.find(f"</{tag}>", opening))
    if closing < 0:
        return None
    indent = _indent_before(text, opening)
    inner = _block(text[opening + len(tag) + 2:closing], _indent_before(text, closing),
                   dedent=False)
    return indent, inner


def _beyond(indent: str, inner: str) -> str | None:
    """The indentation every line of a block shares beyond its tag's, or None."""
    shared = _common_prefix([line[: len(line) - len(line.lstrip(" \t"))]
                             for line in inner.split("\n") if line.strip()])
    return shared[len(indent):] if shared.startswith(indent) else None


def tag_relative_program(text: str) -> str | None:
    """The incorrect program of an assistant message with the indentation its lines have
    beyond their tag's (and beyond the other blocks' own), or None when that is the
    program as read (the blocks are not indented, or the program is not deeper)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        message, _ = read_assistant(text)
    except MessageError:
        return None
    limit = text.rfind("<error-location>")
    block = _inside(text, "incorrect-program", from_end=True,
                    limit=limit if limit >= 0 else None)
    if block is None or not block[0]:
        return None  # blocks not indented: nothing but the layout is removed
    deeper = _beyond(*block)
    others = [_beyond(*found) for tag in _OTHER_BLOCKS
              if (found := _inside(text, tag)) is not None and found[1].strip()]
    layout = min((o for o in others if o is not None), key=len, default="")
    if not deeper or not deeper.startswith(layout) or deeper == layout:
        return None
    shift = deeper[len(layout):]
    return "".join(shift + line if line.strip() else line
                   for line in message.program.splitlines(keepends=True))
