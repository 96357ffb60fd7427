"""Reviewing a batch's drafts: the terminal walk, the static page and the browser page
(`app.py` on Starlette, its HTML, CSS and JavaScript in `web/`, served by `server.py`
behind the token of `guard.py`). Decisions are written through `workflow.Batch`."""

from .server import ServeError, ServeSummary, WebMissing, is_loopback, require_web, serve
from .static_page import html_page, write_html
from .terminal import audit_edit, draft_exercise, interactive
from .views import diff_rows, page_view, proof_text, terminal_view

__all__ = [
    "ServeError",
    "ServeSummary",
    "WebMissing",
    "audit_edit",
    "diff_rows",
    "draft_exercise",
    "html_page",
    "interactive",
    "is_loopback",
    "page_view",
    "proof_text",
    "require_web",
    "serve",
    "terminal_view",
    "write_html",
]
