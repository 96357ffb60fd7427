"""Re-render a stored draft's explanations in another style, without running anything."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..formats import parse_assistant, parse_user, render_assistant


def restyle(draft: dict, style: str) -> str:
    """The draft's assistant XML with its explanations written in `style`; the thinking,
    program and error lines are kept as they are. A batch on disk is data: when its error
    records do not have the shape debugex writes, the stored text is kept as it is."""
    from .render import rerender_explanations

    stored = draft["assistant_xml"]
    try:
        user = parse_user(draft["user_xml"])
        assistant = parse_assistant(stored)
        if not all(_error_record_ok(e, len(user.program)) for e in draft["errors"]):
            return stored
        texts = rerender_explanations(draft, user.program, assistant.program, style)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, RecursionError):
        return stored
    return render_assistant(replace(assistant, explanations=tuple(texts)))


def _error_record_ok(error: Any, source_length: int) -> bool:
    """An error record of a stored draft, as `ErrorFacts.from_record` reads it."""
    if not isinstance(error, dict) or not isinstance(error.get("edit"), dict):
        return False
    edit, line = error["edit"], error.get("line")
    start, end = edit.get("start"), edit.get("end")
    return (all(isinstance(edit.get(k), str) for k in ("injector", "error_class", "replacement"))
            and all(isinstance(n, int) and not isinstance(n, bool) for n in (start, end, line))
            and 0 <= start <= end <= source_length
            and isinstance(edit.get("details") or {}, dict)
            and isinstance(error.get("evidence") or {}, dict)
            and isinstance(error.get("case") or {}, dict))
