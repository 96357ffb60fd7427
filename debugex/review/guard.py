"""The review server's door: a per-run token and a body size limit, before any route runs.

Any local user can connect to 127.0.0.1, so the address alone proves nothing: every
request must carry the token `debugex review --serve` printed (as Jupyter's does). A
browser presents it in the address (`/?token=...`) and is given an HttpOnly,
SameSite=Strict cookie named for this run, which the page's own requests (scripts, styles,
the JSON API) then carry; a page on another site cannot send it. Every answer says
`Referrer-Policy: no-referrer`, so the address is not passed on. Scripts may send the
token as `Authorization: token ...` or `X-Debugex-Token: ...` instead. Tokens are
compared in constant time.

A body longer than the limit is refused with 413 before it is read: at once when its
Content-Length says so, else as soon as the bytes received pass the limit.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl

MAX_BODY = 1 << 20  # 1 MiB: an edited draft is a few kilobytes
TOKEN_HINT = ("this review server needs its token: open the address with ?token=... that "
              "`debugex review --serve` printed in its terminal")


def new_token() -> str:
    return secrets.token_urlsafe(32)


def cookie_name(token: str) -> str:
    """Named for the run: cookies are shared by every port of a host, so two servers on
    127.0.0.1 must not overwrite each other's (the name reveals nothing of the token)."""
    return "debugex-review-" + hashlib.sha256(token.encode()).hexdigest()[:12]


def _same(given: str | None, token: bytes) -> bool:
    if not given:
        return False
    return secrets.compare_digest(given.encode("utf-8", "replace"), token)


async def _reply(send, status: int, message: str, headers: list | None = None) -> None:
    body = json.dumps({"error": message}, separators=(",", ":")).encode()  # ASCII
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                            *(headers or [])]})
    await send({"type": "http.response.body", "body": body})


class TooLarge(Exception):
    """The body passed the limit while it was being read."""


class Guard:
    """ASGI middleware: refuse (403) a request without the token, and (413) a body over
    `max_body` bytes, without reading it into memory."""

    def __init__(self, app, token: str, max_body: int = MAX_BODY) -> None:
        self.app, self.token, self.max_body = app, token.encode(), max_body
        self.cookie = cookie_name(token)

    def _presented(self, scope) -> tuple[bool, bool]:
        """(authorised, the token came in the query string)."""
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if "token" in query:
            return _same(query["token"], self.token), True
        auth = headers.get("authorization", "")
        if auth.lower().startswith("token "):
            return _same(auth[6:].strip(), self.token), False
        if "x-debugex-token" in headers:
            return _same(headers["x-debugex-token"].strip(), self.token), False
        cookies = SimpleCookie()
        try:
            cookies.load(headers.get("cookie", ""))
        except Exception:  # noqa: BLE001 - an unparsable cookie header is no token
            return False, False
        morsel = cookies.get(self.cookie)
        return _same(morsel.value if morsel else None, self.token), False

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "websocket":  # the page has none; never answer one
            await send({"type": "websocket.close", "code": 1008})
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        authorised, in_query = self._presented(scope)
        send = self._with_headers(send, authorised and in_query)
        if not authorised:
            await _reply(send, 403, TOKEN_HINT if not in_query else
                         "wrong token: " + TOKEN_HINT)
            return
        length = dict(scope.get("headers", [])).get(b"content-length", b"0")
        if not length.isdigit() or int(length) > self.max_body:
            await _reply(send, 413 if length.isdigit() else 400,
                         f"the request body is over {self.max_body} bytes; nothing was read"
                         if length.isdigit() else "the Content-Length header is not a number",
                         [(b"connection", b"close")])
            return
        await self._limited(scope, receive, send)

    def _with_headers(self, send, set_cookie: bool):
        """`send` adding no-referrer, and the cookie when the token came in the address
        (the browser keeps it for the page's own requests)."""
        cookie = f"{self.cookie}={self.token.decode()}; Path=/; HttpOnly; SameSite=Strict"
        extra = [(b"referrer-policy", b"no-referrer")]
        if set_cookie:
            extra.append((b"set-cookie", cookie.encode()))

        async def sending(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        return sending

    async def _limited(self, scope, receive, send) -> None:
        received, started = 0, False

        async def counted():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise TooLarge
            return message

        async def watched(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except TooLarge:
            if started:
                raise
            await _reply(send, 413, f"the request body is over {self.max_body} bytes; "
                                    "nothing was stored", [(b"connection", b"close")])
