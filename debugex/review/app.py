"""The review page's web app (`debugex review BATCH --serve`): one batch, one Starlette app.

The page (web/index.html, review.js, review.css) asks a small JSON API for the list of
drafts and for one draft at a time, rendered by `views.page_view` (the terminal view's
parts as data), and posts decisions. Every decision goes through `Batch.decide` with the
draft's version the page saw: it is written at once under the batch's lock, and refused
(409) when another tab or a terminal review decided the draft since. An edit is audited
with `terminal.audit_edit`, the terminal edit's audit, and refused (422) with its defects.

Every error reaches the page as JSON `{"error": "..."}` with a 4xx status (5xx only when
the batch cannot be written), never a traceback: a body that is not UTF-8, not JSON, nested
too deeply or holding text that cannot be written as UTF-8 (a lone surrogate) is a 400, and
responses are ASCII JSON, so any text in a batch can be sent. Every request needs the run's
token and a body is at most 1 MiB (guard.py: 403, 413). Only loopback host names are
accepted unless the caller widens `allowed_hosts` (a page on another site cannot rebind a
name to 127.0.0.1 and read it), and a decision must be posted as JSON, which a form on
another site cannot send without the browser asking first (and this app never says yes).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.responses import JSONResponse as StarletteJSON
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..content import Exercise
from ..engine import restyle
from ..formats import MessageError, WriteError
from ..formats import Request as DraftRequest
from ..sandbox import Sandbox
from ..workflow import ACCEPTED, REJECTED, UNDECIDED, Batch, BatchError, StaleDecision
from .guard import MAX_BODY, Guard, new_token
from .terminal import audit_edit, draft_exercise
from .views import page_view

WEB = Path(__file__).with_name("web")
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
ACTIONS = ("accept", "reject", "edit", "undo")

Notify = Callable[[str, dict], None]  # (draft id, decision record) after each decision


class JSONResponse(StarletteJSON):
    """JSON in ASCII (\\uXXXX escapes): a lone surrogate read from a batch is sent, not a 500."""

    def render(self, content) -> bytes:
        return json.dumps(content, separators=(",", ":")).encode("ascii")


class Refused(HTTPException):
    """A request the page can explain: status and a sentence for a person, plus details."""

    def __init__(self, status: int, message: str, **details) -> None:
        super().__init__(status, message)
        self.details = details


def _error(request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, HTTPException):
        details = getattr(exc, "details", {})
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and not details and detail == "Not Found":
            detail = f"no such page: {request.url.path}"
        if exc.status_code == 405:
            detail = f"{request.method} is not allowed on {request.url.path}"
        return JSONResponse({"error": detail, **details}, status_code=exc.status_code)
    # the last resort: say what failed, in one line, and keep the traceback in the terminal
    return JSONResponse({"error": f"the review server failed: {type(exc).__name__}: {exc}"},
                        status_code=500)


class ReviewApp:
    """The routes' state: the batch, the sandbox for audits, what to tell the terminal."""

    def __init__(self, batch: Batch, sandbox: Sandbox, exercises: Sequence[Exercise],
                 style: str | None = None, notify: Notify | None = None) -> None:
        self.batch, self.sandbox, self.exercises = batch, sandbox, list(exercises)
        self.style, self.notify = style, notify
        self.audit_lock = threading.Lock()  # one audit at a time in the shared sandbox
        self.decided = 0  # decisions written by this server, for the closing summary

    # -- reading ---------------------------------------------------------------------
    def _draft(self, draft_id: str) -> dict:
        try:
            return self.batch.draft(draft_id)
        except BatchError as exc:
            raise Refused(404, str(exc)) from None

    async def index(self, request: Request) -> HTMLResponse:
        page = (WEB / "index.html").read_text(encoding="utf-8")
        return HTMLResponse(page.replace("{{batch}}", _escape(self.batch.id)))

    async def drafts(self, request: Request) -> JSONResponse:
        latest, versions = await run_in_threadpool(self.batch.history)
        rows = []
        for draft in self.batch.drafts:
            decision = latest.get(draft["id"], {})
            rows.append({
                "id": draft["id"], "exercise": draft["exercise"],
                "request": DraftRequest(**draft["request"]).label(),
                "classes": sorted({e["error_class"] for e in draft["errors"]}),
                "injectors": sorted({e["injector"] for e in draft["errors"]}),
                "decision": decision.get("decision", UNDECIDED),
                "note": decision.get("note", ""), "version": versions.get(draft["id"], 0)})
        return JSONResponse({"batch": self.batch.id, "drafts": rows})

    async def draft(self, request: Request) -> JSONResponse:
        draft = self._draft(request.path_params["draft_id"])
        latest, versions = await run_in_threadpool(self.batch.history)
        decision = latest.get(draft["id"], {})
        try:
            view = page_view(draft, decision.get("assistant_xml"))
        except MessageError as exc:
            raise Refused(422, f"draft {draft['id']} cannot be shown: {exc}") from None
        start = view["assistant_xml"]
        if self.style and "assistant_xml" not in decision:
            start = restyle(draft, self.style)  # as the terminal's edit with --style
        return JSONResponse({**view, "edit_start": start,
                             "decision": decision.get("decision", UNDECIDED),
                             "decision_note": decision.get("note", ""),
                             "time": decision.get("time"),
                             "edited": "assistant_xml" in decision,
                             "version": versions.get(draft["id"], 0)})

    # -- deciding --------------------------------------------------------------------
    async def decide(self, request: Request) -> JSONResponse:
        draft = self._draft(request.path_params["draft_id"])
        action = request.path_params["action"]
        if action not in ACTIONS:
            raise Refused(404, f"no such action {action!r}: use one of {', '.join(ACTIONS)}")
        body = await _json_body(request)
        version = body.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 0:
            raise Refused(400, "say which version of the draft you decided on: "
                               '{"version": N} as given by GET /api/drafts/ID')
        note = body.get("note", "")
        if not isinstance(note, str):
            raise Refused(400, "the note must be text")
        if action == "undo":
            return await self._write(draft, UNDECIDED, "undo", None, version)
        if action == "accept":
            return await self._write(draft, ACCEPTED, note, None, version)
        if action == "reject":
            return await self._write(draft, REJECTED, note, None, version)
        edited = body.get("assistant_xml")
        if not isinstance(edited, str) or not edited.strip():
            raise Refused(400, "an edit needs the edited draft: "
                               '{"assistant_xml": "<root>...</root>", "version": N}')
        edited = edited.replace("\r\n", "\n")  # a browser's textarea sends CRLF
        return await self._edit(draft, edited, version)

    async def _edit(self, draft: dict, edited: str, version: int) -> JSONResponse:
        latest, versions = await run_in_threadpool(self.batch.history)
        if versions.get(draft["id"], 0) != version:  # say so before a long audit
            raise _stale(StaleDecision(draft["id"], version, latest.get(draft["id"])))
        current = latest.get(draft["id"], {}).get("assistant_xml") or draft["assistant_xml"]
        if edited == current:
            raise Refused(400, "no change made: the edited draft is the same as the draft")

        def audit() -> list[dict]:
            with self.audit_lock:
                return audit_edit(draft, edited, self.sandbox, self.exercises,
                                  draft_exercise(self.batch, draft))

        defects = await run_in_threadpool(audit)
        if defects:
            raise Refused(422, "the edited draft does not audit clean; nothing was written",
                          defects=defects)
        return await self._write(draft, ACCEPTED, "edited", edited, version)

    async def _write(self, draft: dict, decision: str, note: str, assistant_xml: str | None,
                     version: int) -> JSONResponse:
        try:
            record = await run_in_threadpool(self.batch.decide, draft["id"], decision, note,
                                             assistant_xml, version)
        except StaleDecision as exc:
            raise _stale(exc) from None
        except WriteError as exc:
            raise Refused(500, str(exc)) from None
        self.decided += 1
        if self.notify:
            self.notify(draft["id"], record)
        return JSONResponse({"draft": draft["id"], "decision": decision, "note": note,
                             "edited": assistant_xml is not None, "version": version + 1})


def _stale(exc: StaleDecision) -> Refused:
    latest = exc.latest or {}
    return Refused(409, str(exc), current=latest.get("decision", UNDECIDED))


async def _json_body(request: Request) -> dict:
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise Refused(415, "send the decision as JSON (Content-Type: application/json)")
    raw = await request.body()  # at most MAX_BODY bytes: the guard refused more
    try:
        body = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise Refused(400, f"the request body is not UTF-8 text (a bad byte at {exc.start})"
                      ) from None
    except RecursionError:
        raise Refused(400, "the request body is nested too deeply to be a decision") from None
    except ValueError:
        raise Refused(400, "the request body is not valid JSON") from None
    if not isinstance(body, dict):
        raise Refused(400, 'the request body must be a JSON object, e.g. {"version": 0}')
    for key, value in body.items():
        try:  # what is written to decisions.jsonl and echoed must be UTF-8 text
            json.dumps([key, value], ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise Refused(400, f"the field {key!r} holds a lone surrogate (like \\ud800), "
                               "which is not text; nothing was written") from None
        except RecursionError:
            raise Refused(400, "the request body is nested too deeply to be a decision"
                          ) from None
    return body


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def create_app(batch: Batch, sandbox: Sandbox, exercises: Sequence[Exercise] = (),
               style: str | None = None, notify: Notify | None = None,
               allowed_hosts: Sequence[str] | None = None, token: str | None = None,
               max_body: int = MAX_BODY) -> Starlette:
    """The review app for one batch. `allowed_hosts` are the Host names it answers
    (default: loopback names only; ["*"] for any). Every request must present `token`
    (default: a new random one, in `app.state.token`); bodies over `max_body` are refused."""
    token = token or new_token()
    state = ReviewApp(batch, sandbox, exercises, style, notify)
    routes = [
        Route("/", state.index),
        Route("/api/drafts", state.drafts),
        Route("/api/drafts/{draft_id}", state.draft),
        Route("/api/drafts/{draft_id}/{action}", state.decide, methods=["POST"]),
        Mount("/static", StaticFiles(directory=WEB), name="static"),
    ]
    hosts = list(allowed_hosts) if allowed_hosts is not None else list(LOOPBACK)
    app = Starlette(routes=routes,
                    middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=hosts),
                                Middleware(Guard, token=token, max_body=max_body)],
                    exception_handlers={HTTPException: _error, Exception: _error})
    app.state.review, app.state.token = state, token
    return app
