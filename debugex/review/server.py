"""Run the review page (`debugex review BATCH --serve`): bind, open the browser, serve.

Starlette and uvicorn come with the `web` extra; without them `serve` raises WebMissing
with the command that installs them. The socket is bound before anything is printed, so
the address shown is one that answers (port 0: any free port). The address carries the
run's token (guard.py); the browser is opened on a private file that redirects to
it, so that the token is never in a process's command line for other users to read.
"""

from __future__ import annotations

import errno
import ipaddress
import os
import shutil
import signal
import socket
import tempfile
import threading
import time
import webbrowser
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..content import Exercise
from ..sandbox import Sandbox
from ..workflow import UNDECIDED, Batch
from .guard import new_token

WEB_MISSING = ("the review page needs Starlette and uvicorn, which come with the web extra: "
               "pip install -e '.[web]'")
DEFAULT_PORT = 8765


class WebMissing(RuntimeError):
    """The web extra is not installed."""


class ServeError(RuntimeError):
    """The page cannot be served (port taken, unknown host); says what to do."""


@dataclass
class ServeSummary:
    url: str
    decided: int  # decisions this server wrote
    stopped_by: str = ""  # "Ctrl-C" or "SIGTERM"


class Terminated(Exception):
    """SIGTERM arrived: the server has stopped as on Ctrl-C."""


def _terminated(signum, frame) -> None:
    raise Terminated


def many(ids: Sequence[str], shown: int = 5) -> str:
    """Some ids of a long list, and how many more."""
    more = f" and {len(ids) - shown} more" if len(ids) > shown else ""
    return ", ".join(printable(i) for i in ids[:shown]) + more


def require_web() -> None:
    """Raise WebMissing unless Starlette and uvicorn can be imported."""
    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as exc:
        raise WebMissing(f"{WEB_MISSING} ({exc.name} is missing)") from None


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int | None) -> socket.socket:
    """A listening socket on host:port; no port: DEFAULT_PORT, else any free one."""
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise ServeError(f"cannot listen on host {host!r}: {exc.strerror}") from None
    family = infos[0][0]
    for candidate in ([port] if port is not None else [DEFAULT_PORT, 0]):
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host.strip("[]"), candidate))
        except OSError as exc:
            sock.close()
            if port is None and exc.errno == errno.EADDRINUSE:
                continue  # the default port is taken: any free one will do
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                reason = "it is in use" if exc.errno == errno.EADDRINUSE else exc.strerror
                hint = "choose another with --port N (--port 0: any free port)"
            else:
                reason, hint = exc.strerror, "choose an address of this machine with --host"
            raise ServeError(f"cannot listen on {host} port {candidate}: {reason}; "
                             f"{hint}") from None
        sock.listen(64)
        return sock
    raise AssertionError("port 0 always binds")  # pragma: no cover


def url_of(sock: socket.socket, host: str, token: str | None = None) -> str:
    """The page's address; with `token`, the address to open (`/?token=...`)."""
    port = sock.getsockname()[1]
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")


def printable(text: str) -> str:
    """`text` for a terminal line: control characters and lone surrogates escaped."""
    return "".join(c if c.isprintable() and not 0xD800 <= ord(c) <= 0xDFFF
                   else repr(c)[1:-1] for c in text)


def redirect_file(url: str, folder: Path) -> Path:
    """A page, readable by this user only, that sends a browser on to `url`: the browser is
    opened on it, as a browser's command line can be read by anyone on the machine and the
    token in `url` must not be."""
    page = folder / "open-review.html"
    fd = os.open(page, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(f'<!doctype html><meta http-equiv="refresh" content="0;url={url}">'
                  f'<a href="{url}">open the review page</a>\n')
    return page


def serve(batch: Batch, sandbox: Sandbox, exercises: Sequence[Exercise], host: str = "127.0.0.1",
          port: int | None = None, open_browser: bool = True, style: str | None = None,
          echo: Callable[[str], None] = print, reviewer: str | None = None) -> ServeSummary:
    """Serve the review page until Ctrl-C or SIGTERM (either ends it the same way, with the
    summary); `echo` hears the address and each decision as it is written; `reviewer` is
    written with each decision."""
    require_web()
    import uvicorn

    from .app import create_app

    sock = bind(host, port)
    token = new_token()
    url = url_of(sock, host, token)

    def notify(draft_id: str, record: dict) -> None:
        if "many" in record:
            echo(f"{time.strftime('%H:%M:%S')}  {len(record['many'])} drafts accepted at "
                 f"once: {many(record['many'])}")
            return
        if record["decision"] == UNDECIDED:
            echo(f"{time.strftime('%H:%M:%S')}  {draft_id} undone (back to undecided)")
            return
        edited = " (edited)" if "assistant_xml" in record else ""
        note = f": {printable(record['note'])}" if record.get("note") and not edited else ""
        tags = f" [{printable(', '.join(record['tags']))}]" if record.get("tags") else ""
        echo(f"{time.strftime('%H:%M:%S')}  {draft_id} {record['decision']}{edited}{tags}{note}")

    hosts = None if is_loopback(host) else ["*"]
    app = create_app(batch, sandbox, exercises, style=style, notify=notify,
                     allowed_hosts=hosts, token=token, reviewer=reviewer)
    decided = len(batch.decisions())
    echo(f"reviewing {batch.id}: {len(batch.drafts)} drafts, {decided} decided, at {url}")
    echo("in the page: a accept, A accept with a note, r reject (reasons, note), e edit, "
         "u undo, j/k next/previous, / search, ? every key; Ctrl-C here stops the server")
    echo(f"decisions are written as reviewer {printable(reviewer)}" if reviewer else
         "decisions are written without a reviewer's name (give one with --reviewer)")
    echo("the token in the address is this page's key: whoever has it can decide on the "
         "drafts; without it every request is refused")
    private = Path(tempfile.mkdtemp(prefix="debugex-review-"))  # mode 0700
    if open_browser and not webbrowser.open(redirect_file(url, private).as_uri()):
        echo(f"no browser could be opened here: open {url} yourself")
    # access_log off: a request line may carry the token
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off",
                                           access_log=False))
    # uvicorn stops gracefully on Ctrl-C and on SIGTERM, then raises the signal again
    # for the caller: SIGTERM's default would end the process before the summary
    main = threading.current_thread() is threading.main_thread()
    previous, stopped_by = None, ""
    try:
        if main:
            previous = signal.signal(signal.SIGTERM, _terminated)
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        stopped_by = "Ctrl-C"
    except Terminated:
        stopped_by = "SIGTERM"
    finally:
        if previous is not None:  # None: set outside Python, or not set at all
            signal.signal(signal.SIGTERM, previous)
        sock.close()
        shutil.rmtree(private, ignore_errors=True)
    return ServeSummary(url, app.state.review.decided, stopped_by)
