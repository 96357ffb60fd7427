"""Red team, cause 6 and the server half of cause 7: the local services are not open to
other users of the machine, and no input makes the review server fail.

Every payload is what another local user (or a page in the reviewer's browser) can send;
its win condition (a draft listed, a decision written, a 500, a task run on a worker) is
asserted false, next to the same request with the secret, which must succeed.
"""

import asyncio
import json
import logging
import shutil
import socket
import threading
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed (pip install -e '.[web]')")
from starlette.testclient import TestClient  # noqa: E402

from debugex.content.exercises import load_exercise  # noqa: E402
from debugex.review.app import create_app  # noqa: E402
from debugex.review.guard import MAX_BODY, cookie_name  # noqa: E402
from debugex.workflow import GenerateOptions, generate  # noqa: E402
from debugex.workflow.batch import load_batch  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
SIXTY_MB = 60 * 1024 * 1024


@pytest.fixture(scope="module")
def tiny_batch(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    summary = generate(GenerateOptions(content=CONTENT, slugs=("leap_year",), per_exercise=2,
                                       seed=3, workers=1, out=out))
    return summary.batch


@pytest.fixture
def batch_copy(tiny_batch, tmp_path) -> Path:
    copy = tmp_path / tiny_batch.name
    shutil.copytree(tiny_batch, copy)
    (copy / "decisions.jsonl").touch()
    return copy


@pytest.fixture
def app(batch_copy, sandbox):
    return create_app(load_batch(batch_copy), sandbox, [load_exercise(CONTENT / "leap_year")],
                      allowed_hosts=["testserver"])


@pytest.fixture
def stranger(app):
    """A client without the token: another local user, or a script that guessed the port."""
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def reviewer(app):
    with TestClient(app, raise_server_exceptions=False,
                    headers={"X-Debugex-Token": app.state.token}) as client:
        yield client


def decisions(batch: Path) -> bytes:
    return (batch / "decisions.jsonl").read_bytes()


def first_id(batch: Path) -> str:
    return load_batch(batch).drafts[0]["id"]


# -- the token ---------------------------------------------------------------------------

def _attempts(draft_id: str, xml: str) -> list[tuple[str, str, dict | None]]:
    return [("get", "/", None), ("get", "/api/drafts", None),
            ("get", f"/api/drafts/{draft_id}", None), ("get", "/static/review.js", None),
            ("post", f"/api/drafts/{draft_id}/accept", {"version": 0}),
            ("post", f"/api/drafts/{draft_id}/reject", {"version": 0, "note": "x"}),
            ("post", f"/api/drafts/{draft_id}/undo", {"version": 0}),
            ("post", f"/api/drafts/{draft_id}/edit",
             {"version": 0, "assistant_xml": xml.replace("Line ", "Line  ", 1)})]


@pytest.mark.parametrize("credentials", [
    {},  # nothing
    {"params": {"token": "not-the-token"}},
    {"params": {"token": ""}},
    {"headers": {"X-Debugex-Token": "not-the-token"}},
    {"headers": {"Authorization": "token not-the-token"}},
    {"headers": {"Authorization": "Bearer WRONG"}},
    {"headers": {"X-Debugex-Token": "\u00e9\u00e9".encode("latin-1")}},  # not ASCII
], ids=["none", "wrong-query", "empty-query", "wrong-header", "wrong-authorization",
        "bearer", "latin1"])
def test_without_the_token_nothing_is_listed_or_decided(stranger, batch_copy, credentials):
    draft = load_batch(batch_copy).drafts[0]
    before = decisions(batch_copy)
    for method, path, body in _attempts(draft["id"], draft["assistant_xml"]):
        kwargs = dict(credentials)
        if body is not None:
            kwargs["json"] = body
        reply = getattr(stranger, method)(path, **kwargs)
        assert reply.status_code == 403, (method, path, reply.status_code)
        assert "needs its token" in reply.json()["error"]
        assert draft["id"] not in reply.text and "set-cookie" not in reply.headers
    assert decisions(batch_copy) == before  # nothing accepted, rejected or edited


def test_another_runs_cookie_is_not_this_runs(stranger, batch_copy):
    other = "another-server-token"  # a cookie the browser holds for another review server
    stranger.cookies.set(cookie_name(other), other)
    assert stranger.get("/api/drafts").status_code == 403
    reply = stranger.post(f"/api/drafts/{first_id(batch_copy)}/accept", json={"version": 0})
    assert reply.status_code == 403 and decisions(batch_copy) == b""


def test_with_the_token_the_reviewer_lists_and_decides(app, reviewer, stranger, batch_copy):
    draft_id = first_id(batch_copy)
    assert reply_ok(reviewer.get("/api/drafts"))["drafts"][0]["id"] == draft_id
    token = app.state.token
    assert reviewer.post(f"/api/drafts/{draft_id}/accept", json={"version": 0},
                         headers={"X-Debugex-Token": ""}  # an empty token is no token
                         ).status_code == 403
    by_auth = stranger.post(f"/api/drafts/{draft_id}/accept", json={"version": 0},
                            headers={"Authorization": f"token {token}"})
    assert by_auth.status_code == 200
    by_header = reviewer.post(f"/api/drafts/{draft_id}/undo", json={"version": 1})
    assert by_header.status_code == 200
    assert [json.loads(line)["decision"] for line in
            decisions(batch_copy).decode().splitlines()] == ["accepted", "undecided"]


def reply_ok(reply) -> dict:
    assert reply.status_code == 200, reply.text
    return reply.json()


def test_the_browsers_cookie_strict_and_httponly(app, batch_copy):
    with TestClient(app, raise_server_exceptions=False) as browser:
        page = browser.get(f"/?token={app.state.token}")
        assert page.status_code == 200 and batch_copy.name in page.text
        cookie = page.headers["set-cookie"]
        assert cookie.startswith(f"{cookie_name(app.state.token)}=")
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        assert page.headers["referrer-policy"] == "no-referrer"
        # the page's own requests carry only the cookie now
        reply = browser.post(f"/api/drafts/{first_id(batch_copy)}/reject",
                             json={"version": 0, "note": "from the page"})
        assert reply.status_code == 200
    assert json.loads(decisions(batch_copy))["note"] == "from the page"


def test_a_websocket_is_never_answered(reviewer):
    from starlette.websockets import WebSocketDisconnect

    with pytest.raises(WebSocketDisconnect), reviewer.websocket_connect("/"):
        pass


# -- bodies ------------------------------------------------------------------------------

def _call(app, headers: list, chunks, method: str = "POST", path: str = "/api/drafts/x/accept"):
    """The app called as a server would, the body pulled from `chunks` on demand; returns
    (status, response body, bytes of the request body the app pulled)."""
    pulled, sent = [0], {"status": None, "body": b""}
    source = iter(chunks)

    async def receive():
        chunk = next(source, None)
        if chunk is None:
            return {"type": "http.request", "body": b"", "more_body": False}
        pulled[0] += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(message):
        if message["type"] == "http.response.start":
            sent["status"] = message["status"]
        elif message["type"] == "http.response.body":
            sent["body"] += message.get("body", b"")

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": method, "scheme": "http", "path": path, "raw_path": path.encode(),
             "root_path": "", "query_string": b"", "server": ("testserver", 80),
             "client": ("127.0.0.1", 5000),
             "headers": [(b"host", b"testserver"), *headers]}
    asyncio.run(app(scope, receive, send))
    return sent["status"], sent["body"], pulled[0]


def _huge(size: int, chunk: int = 64 * 1024):
    start = b'{"version": 0, "note": "'
    yield start
    for _ in range((size - len(start)) // chunk):
        yield b"A" * chunk


def test_a_60_mb_body_is_refused_unread(app, batch_copy):
    token = (b"x-debugex-token", app.state.token.encode())
    json_type = (b"content-type", b"application/json")
    path = f"/api/drafts/{first_id(batch_copy)}/reject"
    # declared: refused before a byte is read
    status, body, pulled = _call(app, [token, json_type,
                                       (b"content-length", str(SIXTY_MB).encode())],
                                 _huge(SIXTY_MB), path=path)
    assert (status, pulled) == (413, 0) and b"AAAA" not in body
    assert b"over 1048576 bytes" in body
    # chunked (no length): refused once the limit is passed, the rest never pulled
    status, body, pulled = _call(app, [token, json_type], _huge(SIXTY_MB), path=path)
    assert status == 413 and pulled <= MAX_BODY + 64 * 1024 and b"AAAA" not in body
    assert decisions(batch_copy) == b""
    # without the token, not even the length is looked at
    status, _, pulled = _call(app, [json_type, (b"content-length", str(SIXTY_MB).encode())],
                              _huge(SIXTY_MB), path=path)
    assert (status, pulled) == (403, 0)


def test_a_real_server_answers_413_before_the_body_is_sent(batch_copy, sandbox):
    uvicorn = pytest.importorskip("uvicorn")
    from debugex.review.server import bind

    app = create_app(load_batch(batch_copy), sandbox)  # loopback host names, as served
    sock = bind("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        port = sock.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
            conn.sendall((f"POST /api/drafts/{first_id(batch_copy)}/reject HTTP/1.1\r\n"
                          f"Host: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
                          f"X-Debugex-Token: {app.state.token}\r\n"
                          f"Content-Length: {SIXTY_MB}\r\n\r\n").encode())
            answer = conn.recv(65536).decode()  # no byte of the body was sent
        assert answer.startswith("HTTP/1.1 413"), answer
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
    assert decisions(batch_copy) == b""


DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize(("raw", "words"), [
    (DEEP.encode(), "nested too deeply"),
    (('{"version": 0, "note": ' + DEEP + "}").encode(), "nested too deeply"),
    (b'{"version": 0, "note": "\\ud800"}', "lone surrogate"),
    (b'{"version": 0, "note": "ok", "\\udfff": 1}', "lone surrogate"),
    (b'{"version": 0, "assistant_xml": "<root>\\udc80</root>"}', "lone surrogate"),
    (b'{"version": 0, "note": "\xff\xfe"}', "not UTF-8"),
    (b"\xef\xbb\xbf" + b'{"version": 0}' + b"\x00", "not valid JSON"),
    (b'{"version": 0, "note": ', "not valid JSON"),
    (b'{"version": 1' + b"0" * 5000 + b"}", "not valid JSON"),  # past int's digit limit
    (b"", "not valid JSON"),
], ids=["deep-list", "deep-note", "surrogate-note", "surrogate-key", "surrogate-edit",
        "latin1", "nul", "truncated", "huge-int", "empty"])
@pytest.mark.parametrize("action", ["reject", "edit"])
def test_bad_bodies_are_a_400_with_a_sentence(reviewer, batch_copy, raw, words, action):
    reply = reviewer.post(f"/api/drafts/{first_id(batch_copy)}/{action}", content=raw,
                          headers={"Content-Type": "application/json"})
    assert reply.status_code == 400, reply.text
    assert words in reply.json()["error"] and "Traceback" not in reply.text
    assert decisions(batch_copy) == b""


def test_text_from_the_batch_that_is_not_utf8_is_still_shown(reviewer, batch_copy):
    """A crafted decisions file: a note with a lone surrogate (valid JSON, valid UTF-8 on
    disk) is sent to the page as an escape, not a 500."""
    draft_id = first_id(batch_copy)
    record = {"draft": draft_id, "decision": "rejected", "note": "bad \ud800 note",
              "time": "2026-01-01T00:00:00"}
    (batch_copy / "decisions.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    listing = reviewer.get("/api/drafts")
    assert listing.status_code == 200 and listing.json()["drafts"][0]["note"] == "bad \ud800 note"
    assert reviewer.get(f"/api/drafts/{draft_id}").status_code == 200


def test_a_note_with_control_characters_reaches_the_terminal_escaped(batch_copy, sandbox):
    from debugex.review.server import printable

    heard = []
    app = create_app(load_batch(batch_copy), sandbox, allowed_hosts=["testserver"],
                     notify=lambda draft, record: heard.append(printable(record["note"])))
    with TestClient(app, headers={"X-Debugex-Token": app.state.token}) as client:
        note = "fine\x1b[2J\x1b]0;owned\x07\rgone"  # clear the screen, retitle, overwrite
        reply = client.post(f"/api/drafts/{first_id(batch_copy)}/reject",
                            json={"version": 0, "note": note})
    assert reply.status_code == 200
    assert heard and "\x1b" not in heard[0] and "\r" not in heard[0] and "\\x1b[2J" in heard[0]
    stored = json.loads(decisions(batch_copy).decode("utf-8"))
    assert stored["note"] == note  # stored as given: it is only the terminal that is guarded


# -- the Dask cluster of `--cluster local:N` ---------------------------------------------

def _mark(path: str) -> str:
    Path(path).write_text("a task ran\n")
    return path


@pytest.fixture(scope="module")
def local_cluster():
    distributed = pytest.importorskip("distributed")
    pytest.importorskip("cryptography")
    from debugex.workflow.cluster import _connect

    hint: dict = {}
    client, cluster = _connect("local:1", hint, _mark)
    try:
        yield distributed, client, cluster
    finally:
        client.close()
        cluster.close()


def test_the_local_cluster_speaks_tls_on_loopback(local_cluster):
    _, client, cluster = local_cluster
    addresses = [cluster.scheduler_address,
                 *(w.worker_address for w in cluster.workers.values())]
    assert all(a.startswith("tls://127.0.0.1:") for a in addresses), addresses


def _http_port(dask_worker) -> int:
    return dask_worker.http_server.port


def test_the_local_clusters_http_servers_serve_nothing(local_cluster):
    """Dask starts plain-HTTP servers (no login) even without a dashboard; on a local:N
    cluster they answer nothing: no worker list, logs, call stacks or metrics."""
    import urllib.error
    import urllib.request

    _, client, cluster = local_cluster
    ports = [cluster.scheduler.http_server.port, *client.run(_http_port).values()]
    for port in ports:
        for path in ("/info/main/workers.html", "/json/identity.json", "/metrics", "/health",
                     f"/info/logs/{cluster.scheduler_address}.html"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10)
            assert refused.value.code == 404, (port, path)


def _intruder_context(folder: Path):
    """TLS as an intruder does it: a certificate of its own, and no check of the server's."""
    import ssl

    from distributed.security import Security

    own = Security.temporary()
    (folder / "cert.pem").write_text(own.tls_client_cert)
    (folder / "key.pem").write_text(own.tls_client_key)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    return context


@pytest.mark.parametrize("how", ["tcp", "tls-no-certificate"])
def test_another_user_cannot_run_a_task_on_the_local_cluster(local_cluster, tmp_path, how):
    distributed, client, cluster = local_cluster
    from distributed.security import Security

    marker = tmp_path / f"ran-{how}"
    address = cluster.scheduler_address
    if how == "tcp":
        address, security = address.replace("tls://", "tcp://"), None
    else:
        security = Security()  # Dask's configuration: no certificate of this run
    with pytest.raises(Exception):  # noqa: B017, PT011 - whatever Dask raises, it fails
        intruder = distributed.Client(address, timeout="5s", security=security)
        intruder.submit(_mark, str(marker), pure=False).result(timeout=30)
    assert not marker.exists()
    # the run's own client, with the run's credentials, can (the test can fail)
    ours = tmp_path / "ours"
    assert client.submit(_mark, str(ours), pure=False).result(timeout=60) == str(ours)
    assert ours.exists()


def test_no_part_of_the_local_cluster_accepts_a_foreign_certificate(local_cluster, tmp_path):
    distributed, _, cluster = local_cluster
    context = _intruder_context(tmp_path)
    addresses = [cluster.scheduler_address,
                 *(n.address for n in cluster.workers.values()),  # the nannies
                 *(n.worker_address for n in cluster.workers.values())]
    for address in addresses:
        with pytest.raises(Exception, match="(?i)certificate|closed|reset|ssl"):  # noqa: PT011
            asyncio.run(_handshake(distributed, address, context))


async def _handshake(distributed, address: str, context) -> None:
    comm = await distributed.comm.connect(address, timeout=5, ssl_context=context)
    try:  # a server that took the handshake would answer this
        await comm.write({"op": "identity"})
        assert not await comm.read(), "the cluster answered an intruder"
    finally:
        comm.abort()


def test_a_tcp_scheduler_is_warned_about_and_tls_needs_certificates(tmp_path):
    from click.testing import CliRunner

    from debugex.cli import main
    from debugex.workflow import insecure_warning

    assert "no authentication" in insecure_warning("tcp://10.0.0.5:8786")
    assert insecure_warning("tls://10.0.0.5:8786") is None
    assert insecure_warning("local:2") is None
    pytest.importorskip("distributed")
    # tls:// with no certificates configured: a sentence naming the settings, exit 1
    result = CliRunner().invoke(main, ["generate", "--content", str(CONTENT), "--exercise",
                                       "leap_year", "--out", str(tmp_path), "--cluster",
                                       "tls://127.0.0.1:9"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "DASK_DISTRIBUTED__COMM__TLS__CA_FILE" in result.output
    assert not list(tmp_path.iterdir())


logging.getLogger("distributed").setLevel(logging.CRITICAL)  # refused intruders are expected
