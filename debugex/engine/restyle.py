"""Re-render a stored draft's explanations in another style, without running anything."""

from __future__ import annotations

from dataclasses import replace

from ..formats import parse_assistant, parse_user, render_assistant


def restyle(draft: dict, style: str) -> str:
    """The draft's assistant XML with its explanations written in `style`; the thinking,
    program and error lines are kept as they are."""
    from .render import rerender_explanations

    user = parse_user(draft["user_xml"])
    assistant = parse_assistant(draft["assistant_xml"])
    texts = rerender_explanations(draft, user.program, assistant.program, style)
    return render_assistant(replace(assistant, explanations=tuple(texts)))
