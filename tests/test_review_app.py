"""The review page's app over HTTP (Starlette's TestClient): what it shows, what it
writes, what it refuses and how, and the lock it shares with the terminal review."""

import json
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed (pip install -e '.[web]')")
from click.testing import CliRunner  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from debugex.cli import main  # noqa: E402
from debugex.content.exercises import load_exercise  # noqa: E402
from debugex.formats import parse_assistant  # noqa: E402
from debugex.formats.journal import locked  # noqa: E402
from debugex.review.app import create_app  # noqa: E402
from debugex.workflow import GenerateOptions, generate  # noqa: E402
from debugex.workflow.batch import DECISIONS_LOCK, load_batch  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
DEBUGEX = [sys.executable, "-m", "debugex.cli"]


@pytest.fixture(scope="module")
def tiny_batch(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    summary = generate(GenerateOptions(content=CONTENT, slugs=("leap_year",), per_exercise=2,
                                       seed=3, workers=1, out=out))
    assert summary.written == 2
    return summary.batch


@pytest.fixture
def batch_copy(tiny_batch, tmp_path) -> Path:
    copy = tmp_path / tiny_batch.name
    shutil.copytree(tiny_batch, copy)
    return copy


@pytest.fixture
def client(batch_copy, sandbox):
    app = create_app(load_batch(batch_copy), sandbox, [load_exercise(CONTENT / "leap_year")],
                     allowed_hosts=["testserver"], reviewer="Ada L.")
    with TestClient(app, raise_server_exceptions=False,
                    headers={"X-Debugex-Token": app.state.token}) as test_client:
        yield test_client


def post(client, draft_id: str, action: str, **body):
    return client.post(f"/api/drafts/{draft_id}/{action}", json=body)


def log(batch: Path) -> list[dict]:
    return [json.loads(line) for line in (batch / "decisions.jsonl").read_text().splitlines()]


def test_the_page_and_the_list(client, batch_copy):
    page = client.get("/")
    assert page.status_code == 200 and batch_copy.name in page.text
    assert client.get("/static/review.js").status_code == 200
    listing = client.get("/api/drafts").json()
    drafts = load_batch(batch_copy).drafts
    assert [row["id"] for row in listing["drafts"]] == [d["id"] for d in drafts]
    assert all(row["decision"] == "undecided" and row["version"] == 0
               for row in listing["drafts"])
    assert listing["reviewer"] == "Ada L."
    assistant = parse_assistant(drafts[0]["assistant_xml"])
    search = listing["drafts"][0]["search"]  # what the page's search looks in
    assert drafts[0]["id"].lower() in search and assistant.program.lower() in search
    assert all(sentence.lower() in search for sentence in assistant.explanations)
    view = client.get(f"/api/drafts/{drafts[0]['id']}").json()
    error = drafts[0]["errors"][0]
    assert view["explanations"][0]["injector"] == error["injector"]
    marked = [row for row in view["rows"] if row["errors"]]
    assert [row["new"] for row in marked] == sorted({e["line"] for e in drafts[0]["errors"]})
    assert [e["line"] for e in view["explanations"]] == [e["line"] for e in drafts[0]["errors"]]


def test_accept_reject_with_a_note_and_undo(client, batch_copy):
    first, second = (d["id"] for d in load_batch(batch_copy).drafts)
    assert post(client, first, "accept", version=0, note="a good one").json()["version"] == 1
    reply = post(client, second, "reject", version=0, note="too easy for week 3",
                 tags=["too obvious", " wrong  line", "too obvious"])
    assert reply.status_code == 200
    assert [(r["draft"], r["decision"], r["note"], r.get("tags"), r["reviewer"])
            for r in log(batch_copy)] == [
        (first, "accepted", "a good one", None, "Ada L."),
        (second, "rejected", "too easy for week 3", ["too obvious", "wrong line"], "Ada L.")]
    shown = client.get(f"/api/drafts/{second}").json()
    assert shown["decision"] == "rejected" and shown["decision_note"] == "too easy for week 3"
    assert shown["tags"] == ["too obvious", "wrong line"]
    assert shown["note"] != shown["decision_note"]  # the draft's own note is not the teacher's
    assert post(client, first, "undo", version=1).status_code == 200
    batch = load_batch(batch_copy)
    assert first not in batch.decisions() and batch.decisions()[second]["note"]
    row = client.get("/api/drafts").json()["drafts"][0]
    assert (row["decision"], row["version"]) == ("undecided", 2)


def test_a_second_tab_deciding_the_same_draft_is_refused(client, batch_copy):
    first = load_batch(batch_copy).drafts[0]["id"]
    assert post(client, first, "accept", version=0).status_code == 200
    stale = post(client, first, "reject", version=0, note="from the other tab")
    assert stale.status_code == 409
    assert "decided elsewhere" in stale.json()["error"] and stale.json()["current"] == "accepted"
    assert [r["decision"] for r in log(batch_copy)] == ["accepted"]  # nothing written


def test_accept_many_writes_the_fresh_ones_and_refuses_the_stale_with_their_sentence(
        client, batch_copy):
    first, second = (d["id"] for d in load_batch(batch_copy).drafts)
    assert post(client, first, "reject", version=0).status_code == 200  # another tab, say
    reply = client.post("/api/accept-many", json={
        "drafts": [{"id": first, "version": 0}, {"id": second, "version": 0}], "note": "ok"})
    assert reply.status_code == 200, reply.json()
    assert reply.json()["accepted"] == [{"draft": second, "version": 1}]
    [refused] = reply.json()["refused"]
    assert refused["draft"] == first and refused["current"] == "rejected"
    assert "decided elsewhere" in refused["error"]
    assert [(r["draft"], r["decision"], r["note"], r["reviewer"]) for r in log(batch_copy)] == [
        (first, "rejected", "", "Ada L."), (second, "accepted", "ok", "Ada L.")]


@pytest.mark.parametrize(("body", "status", "words"), [
    ({}, 400, "say which drafts to accept"),
    ({"drafts": []}, 400, "say which drafts to accept"),
    ({"drafts": [{"id": "{id}"}]}, 400, "each at the version seen"),
    ({"drafts": [{"id": "{id}", "version": True}]}, 400, "each at the version seen"),
    ({"drafts": [{"id": "{id}", "version": 0}] * 2}, 400, "listed twice"),
    ({"drafts": [{"id": "{id}", "version": 0}, {"id": "nope", "version": 0}]}, 404,
     "has no draft 'nope'"),
    ({"drafts": [{"id": "{id}", "version": 0}], "tags": "easy"}, 400, "list of words"),
    ({"drafts": [{"id": "{id}", "version": 0}], "tags": ["x" * 61]}, 400, "at most 12 tags"),
])
def test_bad_bulk_accepts_write_nothing(client, batch_copy, body, status, words):
    draft_id = load_batch(batch_copy).drafts[0]["id"]
    body = json.loads(json.dumps(body).replace("{id}", draft_id))
    reply = client.post("/api/accept-many", json=body)
    assert reply.status_code == status and words in reply.json()["error"]
    assert log(batch_copy) == []


def test_edit_is_audited_on_save(client, batch_copy):
    draft = load_batch(batch_copy).drafts[0]
    broken = draft["assistant_xml"].replace("<error-location>", "<error-location>\n99")
    refused = post(client, draft["id"], "edit", version=0, assistant_xml=broken)
    assert refused.status_code == 422
    assert "does not audit clean" in refused.json()["error"]
    assert refused.json()["defects"] and all(d["detail"] for d in refused.json()["defects"])
    assert log(batch_copy) == []
    same = post(client, draft["id"], "edit", version=0, assistant_xml=draft["assistant_xml"])
    assert same.status_code == 400 and "no change" in same.json()["error"]
    good = draft["assistant_xml"].replace("Line ", "Line  ", 1).replace("\n", "\r\n")
    accepted = post(client, draft["id"], "edit", version=0, assistant_xml=good)
    assert accepted.status_code == 200, accepted.json()
    record = load_batch(batch_copy).decisions()[draft["id"]]
    assert record["decision"] == "accepted" and "\r" not in record["assistant_xml"]
    assert record["assistant_xml"] == good.replace("\r\n", "\n")
    stale = post(client, draft["id"], "edit", version=0, assistant_xml=good + " ")
    assert stale.status_code == 409  # an edit of a draft decided since is not audited
    shown = client.get(f"/api/drafts/{draft['id']}").json()
    assert shown["edited"] and shown["assistant_xml"] == record["assistant_xml"]


@pytest.mark.parametrize(("method", "path", "body", "status", "words"), [
    ("get", "/api/drafts/nope", None, 404, "has no draft 'nope'"),
    ("post", "/api/drafts/nope/accept", {"version": 0}, 404, "has no draft 'nope'"),
    ("post", "/api/drafts/{id}/approve", {"version": 0}, 404, "no such action"),
    ("post", "/api/drafts/{id}/accept", {}, 400, "which version"),
    ("post", "/api/drafts/{id}/accept", {"version": "0"}, 400, "which version"),
    ("post", "/api/drafts/{id}/reject", {"version": 0, "note": 5}, 400, "note must be text"),
    ("post", "/api/drafts/{id}/reject", {"version": 0, "tags": [""]}, 400, "at most 12 tags"),
    ("post", "/api/drafts/{id}/accept", [0], 400, "JSON object"),
    ("post", "/api/drafts/{id}/edit", {"version": 0}, 400, "edited draft"),
    ("delete", "/api/drafts/{id}", None, 405, "DELETE is not allowed"),
    ("get", "/nowhere", None, 404, "no such page"),
])
def test_bad_requests_get_a_sentence_not_a_traceback(client, batch_copy, method, path, body,
                                                     status, words):
    path = path.replace("{id}", load_batch(batch_copy).drafts[0]["id"])
    kwargs = {"json": body} if body is not None else {}
    reply = getattr(client, method)(path, **kwargs) if method != "delete" else client.delete(path)
    assert reply.status_code == status
    assert words in reply.json()["error"] and "Traceback" not in reply.text
    assert log(batch_copy) == []


def test_form_posts_and_foreign_hosts_are_refused(client, batch_copy):
    draft_id = load_batch(batch_copy).drafts[0]["id"]
    form = client.post(f"/api/drafts/{draft_id}/accept", data={"version": "0"})
    assert form.status_code == 415 and "as JSON" in form.json()["error"]
    broken = client.post(f"/api/drafts/{draft_id}/accept", content=b"{",
                         headers={"Content-Type": "application/json"})
    assert broken.status_code == 400 and "not valid JSON" in broken.json()["error"]
    assert client.get("/api/drafts", headers={"Host": "attacker.example"}).status_code == 400
    assert log(batch_copy) == []


def test_a_log_that_cannot_be_written_is_a_clear_500(client, batch_copy):
    draft_id = load_batch(batch_copy).drafts[0]["id"]
    (batch_copy / "decisions.jsonl").unlink()
    (batch_copy / "decisions.jsonl").mkdir()  # even root cannot append to a folder
    reply = post(client, draft_id, "accept", version=0)
    assert reply.status_code == 500 and "decisions.jsonl" in reply.json()["error"]
    assert "Traceback" not in reply.text


def test_the_terminal_review_and_the_page_share_the_lock(client, batch_copy):
    """While the batch's lock is held, neither a terminal `review --accept` nor the page
    writes; once it is released both decisions are there, whole."""
    first, second = (d["id"] for d in load_batch(batch_copy).drafts)
    replies = []
    with locked(batch_copy, name=DECISIONS_LOCK):
        terminal = subprocess.Popen([*DEBUGEX, "review", str(batch_copy), "--accept", first,
                                     "--note", "from the terminal"],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        page = threading.Thread(target=lambda: replies.append(
            post(client, second, "reject", version=0, note="from the page")))
        page.start()
        time.sleep(2.0)  # long enough for both to reach the lock
        assert terminal.poll() is None and page.is_alive() and replies == []
        assert log(batch_copy) == []
    out, err = terminal.communicate(timeout=60)
    page.join(timeout=60)
    assert terminal.returncode == 0, err
    assert replies[0].status_code == 200
    assert sorted((r["draft"], r["decision"]) for r in log(batch_copy)) == sorted(
        [(first, "accepted"), (second, "rejected")])
    # the terminal decided `first` after the page last looked at it: the page is told so
    stale = post(client, first, "reject", version=0)
    assert stale.status_code == 409 and "accepted" in stale.json()["error"]


def test_concurrent_decisions_are_all_kept(client, batch_copy):
    """A terminal review deciding over and over while the page does: every line is there."""
    first, second = (d["id"] for d in load_batch(batch_copy).drafts)
    note = "n" * 60_000  # a long line: written whole or not at all
    terminal = subprocess.Popen(
        [sys.executable, "-c",
         "import sys\nfrom debugex.workflow.batch import load_batch\n"
         "b = load_batch(sys.argv[1])\n"
         "for i in range(25): b.decide(sys.argv[2], 'accepted', sys.argv[3])",
         str(batch_copy), first, note])
    version = 0
    for _ in range(25):
        reply = post(client, second, "reject" if version % 2 == 0 else "undo", version=version,
                     note=note)
        assert reply.status_code == 200
        version += 1
    assert terminal.wait(timeout=120) == 0
    records = log(batch_copy)  # every line parses
    assert sum(r["draft"] == first for r in records) == 25
    assert sum(r["draft"] == second for r in records) == 25


@pytest.mark.parametrize(("stop", "said"), [(signal.SIGINT, "Ctrl-C"), (signal.SIGTERM, "SIGTERM")])
def test_serve_command_prints_the_address_writes_decisions_and_stops_with_a_summary(
        batch_copy, stop, said):
    first, second = (d["id"] for d in load_batch(batch_copy).drafts)
    server = subprocess.Popen([*DEBUGEX, "review", str(batch_copy), "--serve", "--no-browser",
                               "--port", "0", "--content", str(CONTENT), "--reviewer", "Ada"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line, _keys, named, _token = (server.stdout.readline() for _ in range(4))
        assert line.startswith(f"reviewing {batch_copy.name}: 2 drafts, 0 decided, at "), line
        assert named == "decisions are written as reviewer Ada\n"
        url, token = line.split(" at ")[1].strip().split("?token=")
        assert url.startswith("http://127.0.0.1:") and len(token) >= 40
        request = urllib.request.Request(f"{url}api/drafts/{first}/accept", method="POST",
                                         data=b'{"version": 0}',
                                         headers={"Content-Type": "application/json"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)  # no token: nothing written
        assert refused.value.code == 403
        request.add_header("Authorization", f"token {token}")
        with urllib.request.urlopen(request, timeout=30) as reply:
            assert json.loads(reply.read())["decision"] == "accepted"
        tagged = urllib.request.Request(
            f"{url}api/drafts/{second}/reject", method="POST",
            data=json.dumps({"version": 0, "note": "week 2", "tags": ["too obvious"]}).encode(),
            headers={"Content-Type": "application/json", "Authorization": f"token {token}"})
        urllib.request.urlopen(tagged, timeout=30).close()
    finally:
        server.send_signal(stop)
        out, err = server.communicate(timeout=30)
    assert server.returncode == 0, err
    assert f"{first} accepted\n" in out and f"{second} rejected [too obvious]: week 2\n" in out
    assert (f"stopped ({said}): 2 decisions (undos included) written from the page; the batch "
            "now has 1 accepted, 1 rejected, 0 of 2 drafts undecided") in out
    record = load_batch(batch_copy).decisions()[first]
    assert (record["decision"], record["reviewer"]) == ("accepted", "Ada")


def test_without_the_web_extra_the_command_says_what_to_install(batch_copy, monkeypatch):
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # `import uvicorn` now fails
    result = CliRunner().invoke(main, ["review", str(batch_copy), "--serve", "--no-browser"])
    assert result.exit_code == 1
    assert "pip install -e '.[web]'" in result.output and "uvicorn is missing" in result.output


def test_a_host_that_is_not_loopback_is_warned_about(batch_copy):
    # 192.0.2.1 (TEST-NET-1) is no address of this machine: nothing is bound or sent
    result = CliRunner().invoke(main, ["review", str(batch_copy), "--serve", "--no-browser",
                                       "--host", "192.0.2.1"])
    assert result.exit_code == 1
    assert "warning: --host 192.0.2.1 is not a loopback address" in result.output
    assert "cannot listen on 192.0.2.1" in result.output and "--host" in result.output


def test_with_a_style_the_edit_starts_from_the_restyled_text(batch_copy, sandbox):
    app = create_app(load_batch(batch_copy), sandbox, style="terse",
                     allowed_hosts=["testserver"])
    draft = load_batch(batch_copy).drafts[0]
    with TestClient(app, headers={"X-Debugex-Token": app.state.token}) as terse:
        shown = terse.get(f"/api/drafts/{draft['id']}").json()
    assert shown["assistant_xml"] == draft["assistant_xml"]  # what is shown is the draft
    assert shown["edit_start"] != draft["assistant_xml"] and "<explanation>" in shown["edit_start"]
