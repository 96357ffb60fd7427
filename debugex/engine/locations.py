"""Location styles of the assistant message.

`lines` (the default) gives every error by its line in the incorrect program. The
`removed-lines` style writes an error that deletes whole lines the way the hand-made
dataset does, `Removed line N of original program`, N being the first deleted line in
the correct program; its explanation's `Line N:` names the same N, so the two agree.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..changes import recover_changes
from ..formats import AssistantMessage

LOCATION_STYLES = ("lines", "removed-lines")
DEFAULT_LOCATION_STYLE = "lines"
_LINE_ENTRY = re.compile(r"Line\s+(\d+)\s*:")


def _removals(correct: str, incorrect: str) -> dict[int, int]:
    """Incorrect-program line -> correct-program line, for the changes that delete whole
    lines and are alone on their line."""
    changes = recover_changes(correct, incorrect)
    per_line: dict[int, int] = {}
    for change in changes:
        per_line[change.line] = per_line.get(change.line, 0) + 1
    found = {}
    for change in changes:
        piece = change.pieces[0]
        whole = (len(change.pieces) == 1 and not change.after and change.before.strip()
                 and change.before.endswith("\n")
                 and correct[piece.start - 1:piece.start] in ("", "\n"))
        if whole and per_line[change.line] == 1:
            found[change.line] = correct.count("\n", 0, piece.start) + 1
    return found


def with_location_style(assistant: AssistantMessage, correct: str,
                        style: str = DEFAULT_LOCATION_STYLE) -> AssistantMessage:
    """The message with its locations written in `style` (unchanged for `lines`)."""
    if style == DEFAULT_LOCATION_STYLE:
        return assistant
    if style not in LOCATION_STYLES:
        raise ValueError(f"unknown location style {style!r}; choose from {LOCATION_STYLES}")
    removals = _removals(correct, assistant.program)
    locations, removed = list(assistant.locations), []
    explanations = list(assistant.explanations)
    for index, line in enumerate(assistant.locations):
        if line not in removals or assistant.locations.count(line) != 1:
            continue
        number = removals[line]
        locations[index], removed = number, removed + [index]
        for k, text in enumerate(explanations):
            match = _LINE_ENTRY.match(text)
            if match and int(match.group(1)) == line:
                explanations[k] = f"Line {number}:" + text[match.end():]
    if locations != sorted(locations):  # lines shifted past another error: keep numbers
        return assistant
    return replace(assistant, locations=tuple(locations), explanations=tuple(explanations),
                   removed=tuple(removed))
