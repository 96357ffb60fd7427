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
from .views import page_view, search_text

WEB = Path(__file__).with_name("web")
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
ACTIONS = ("accept", "reject", "edit", "undo")
MAX_TAGS, MAX_TAG = 12, 60  # reasons are short words, not essays

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
                 style: str | None = None, notify: Notify | None = None,
                 reviewer: str | None = None) -> None:
        self.batch, self.sandbox, self.exercises = batch, sandbox, list(exercises)
        self.style, self.notify, self.reviewer = style, notify, reviewer
        self.audit_lock = threading.Lock()  # one audit at a time in the shared sandbox
        self.decided = 0  # decisions written by this server, for the closing summary
        self.searched: dict[tuple[str, str | None], str] = {}  # parsed once per text

    # -- reading ---------------------------------------------------------------------
    def _draft(self, draft_id: str) -> dict:
        try:
            return self.batch.draft(draft_id)
        except BatchError as exc:
            raise Refused(404, str(exc)) from None

    async def index(self, request: Request) -> HTMLResponse:
        page = (WEB / "index.html").read_text(encoding="utf-8")
        return HTMLResponse(page.replace("{{batch}}", _escape(self.batch.id)))

    def _search(self, draft: dict, assistant_xml: str | None) -> str:
        key = (draft["id"], assistant_xml)
        if key not in self.searched:
            try:
                self.searched[key] = search_text(draft, assistant_xml)
            except MessageError:  # shown as refused when opened; its id is still found
                self.searched[key] = draft["id"].lower()
        return self.searched[key]

    def _rows(self) -> list[dict]:
        latest, versions = self.batch.history()
        rows = []
        for draft in self.batch.drafts:
            decision = latest.get(draft["id"], {})
            rows.append({
                "id": draft["id"], "exercise": draft["exercise"],
                "request": DraftRequest(**draft["request"]).label(),
                "classes": sorted({e["error_class"] for e in draft["errors"]}),
                "injectors": sorted({e["injector"] for e in draft["errors"]}),
                "decision": decision.get("decision", UNDECIDED),
                "note": decision.get("note", ""), "tags": decision.get("tags", []),
                "version": versions.get(draft["id"], 0),
                "search": self._search(draft, decision.get("assistant_xml"))})
        return rows

    async def drafts(self, request: Request) -> JSONResponse:
        rows = await run_in_threadpool(self._rows)
        return JSONResponse({"batch": self.batch.id, "reviewer": self.reviewer or "",
                             "drafts": rows})

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
                             "tags": decision.get("tags", []),
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
        note, tags = _note_and_tags(body)
        if action == "undo":
            return await self._write(draft, UNDECIDED, "undo", None, version)
        if action == "accept":
            return await self._write(draft, ACCEPTED, note, None, version, tags)
        if action == "reject":
            return await self._write(draft, REJECTED, note, None, version, tags)
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

    async def accept_many(self, request: Request) -> JSONResponse:
        """Accept every draft listed, each at the version the page saw: one hold of the
        lock; a draft decided elsewhere since is refused with its sentence, the rest are
        written."""
        body = await _json_body(request)
        chosen = body.get("drafts")
        if not isinstance(chosen, list) or not chosen or not all(
                isinstance(d, dict) and isinstance(d.get("id"), str)
                and isinstance(d.get("version"), int) and not isinstance(d["version"], bool)
                and d["version"] >= 0 for d in chosen):
            raise Refused(400, 'say which drafts to accept, each at the version seen: '
                               '{"drafts": [{"id": "...", "version": N}, ...]}')
        ids = [d["id"] for d in chosen]
        if len(set(ids)) != len(ids):
            raise Refused(400, "a draft is listed twice; nothing was written")
        for draft_id in ids:
            self._draft(draft_id)  # 404 for an unknown id, before anything is written
        note, tags = _note_and_tags(body)
        try:
            written, stale = await run_in_threadpool(
                self.batch.decide_many, [(d["id"], d["version"]) for d in chosen], ACCEPTED,
                note, self.reviewer, tags)
        except WriteError as exc:
            raise Refused(500, str(exc)) from None
        self.decided += len(written)
        if self.notify and written:
            self.notify("", {"decision": ACCEPTED, "many": [r["draft"] for r in written]})
        versions = {d["id"]: d["version"] + 1 for d in chosen}
        return JSONResponse({
            "accepted": [{"draft": r["draft"], "version": versions[r["draft"]]}
                         for r in written],
            "refused": [{"draft": exc.draft_id, "error": str(exc),
                         "current": (exc.latest or {}).get("decision", UNDECIDED)}
                        for exc in stale]})

    async def _write(self, draft: dict, decision: str, note: str, assistant_xml: str | None,
                     version: int, tags: list[str] | None = None) -> JSONResponse:
        try:
            record = await run_in_threadpool(self.batch.decide, draft["id"], decision, note,
                                             assistant_xml, version, self.reviewer, tags)
        except StaleDecision as exc:
            raise _stale(exc) from None
        except WriteError as exc:
            raise Refused(500, str(exc)) from None
        self.decided += 1
        if self.notify:
            self.notify(draft["id"], record)
        return JSONResponse({"draft": draft["id"], "decision": decision, "note": note,
                             "tags": tags or [], "edited": assistant_xml is not None,
                             "version": version + 1})


def _note_and_tags(body: dict) -> tuple[str, list[str]]:
    note, tags = body.get("note", ""), body.get("tags", [])
    if not isinstance(note, str):
        raise Refused(400, "the note must be text")
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise Refused(400, 'the tags must be a list of words: {"tags": ["too easy"]}')
    tags = [" ".join(t.split()) for t in tags]
    if len(tags) > MAX_TAGS or any(not t or len(t) > MAX_TAG for t in tags):
        raise Refused(400, f"at most {MAX_TAGS} tags of 1 to {MAX_TAG} characters each")
    return note, list(dict.fromkeys(tags))


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
               max_body: int = MAX_BODY, reviewer: str | None = None) -> Starlette:
    """The review app for one batch. `allowed_hosts` are the Host names it answers
    (default: loopback names only; ["*"] for any). Every request must present `token`
    (default: a new random one, in `app.state.token`); bodies over `max_body` are refused.
    `reviewer` is written with every decision."""
    token = token or new_token()
    state = ReviewApp(batch, sandbox, exercises, style, notify, reviewer)
    routes = [
        Route("/", state.index),
        Route("/api/drafts", state.drafts),
        Route("/api/drafts/{draft_id}", state.draft),
        Route("/api/drafts/{draft_id}/{action}", state.decide, methods=["POST"]),
        Route("/api/accept-many", state.accept_many, methods=["POST"]),
        Mount("/static", StaticFiles(directory=WEB), name="static"),
    ]
    hosts = list(allowed_hosts) if allowed_hosts is not None else list(LOOPBACK)
    app = Starlette(routes=routes,
                    middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=hosts),
                                Middleware(Guard, token=token, max_body=max_body)],
                    exception_handlers={HTTPException: _error, Exception: _error})
    app.state.review, app.state.token = state, token
    return app
