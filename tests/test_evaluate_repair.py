"""`debugex evaluate --task repair` against a real chat-completions server on 127.0.0.1
that answers from a scripted policy: each kind of answer gets exactly its figures, a run
stopped half-way resumes without asking twice, and a hostile answer stays in the sandbox."""

from __future__ import annotations

import json
import os
import socket
import struct
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from model_server import HANG, ModelServer

from debugex.cli import main
from debugex.evaluation import Settings, evaluate_repair, items_from, write_benchmark
from debugex.sandbox import FINISHED, Job
from debugex.workflow import Case, Task

pytestmark = pytest.mark.xdist_group("evaluate_repair")
ROOT = Path(__file__).resolve().parents[1]

# A program of our own, two errors: line 4 raises (int + list), line 13 prints the
# smallest mark as the best. GROUP makes each item's program (and so its id) its own.
CORRECT = '''def average(marks):
    total = 0
    for mark in marks:
        total = total + mark
    return total / len(marks)


count = int(input("How many marks? "))
marks = []
for number in range(count):
    marks.append(int(input("Mark: ")))
print("Average for GROUP:", average(marks))
print("Best:", max(marks))
'''
BUGGED = CORRECT.replace("total + mark\n", "total + marks\n").replace("max(marks)", "min(marks)")
HALF = CORRECT.replace("total + mark\n", "total + marks\n")
REWRITE = CORRECT.replace("for number in", "for _ in")
STDIN = (("3", "4", "8", "6"), ("2", "10", "7"), ("1", "5"))


def fenced(program: str, lines: str | None = None) -> str:
    return (f"LINES: {lines}\n" if lines else "") + f"```python\n{program}```\n"


# behaviour -> (answers in the order they are asked; the figures it must get:
#   pass, fixed per error (runtime, logical), changed lines, localisation, answered, malformed)
POLICY = {
    "correct": ([fenced(CORRECT, "4, 13")], (True, (True, True), [4, 13], 1.0, True, False)),
    "unchanged": ([fenced(BUGGED, "1")], (False, (False, False), [], 0.0, True, False)),
    "rewrite": ([fenced(REWRITE.replace("max(", "max("), "4, 10, 13")],
                (True, (True, True), [4, 10, 13], 1.0, True, False)),
    "half": ([fenced(HALF.replace("total + marks", "total + marks"), "13")],
             (False, (False, True), [13], 0.5, True, False)),
    "malformed": (["The error is where the marks are added up."],
                  (False, (False, False), [], None, True, True)),
    "busy": ([429, fenced(CORRECT, "4, 13")], (True, (True, True), [4, 13], 1.0, True, False)),
    "hang": ([HANG], (False, (False, False), [], None, False, False)),
}


def program(text: str, group: str) -> str:
    return text.replace("GROUP", group)


@pytest.fixture(scope="module")
def benchmark(sandbox, tmp_path_factory):
    """One item per behaviour, made by the export's own code from hand-written tasks."""
    tasks = []
    for group in POLICY:
        correct = program(CORRECT, group)
        outcomes = sandbox.run_many([Job(correct, stdin) for stdin in STDIN])
        assert all(o.kind == FINISHED for o in outcomes)
        cases = tuple(Case(f"s{n}", stdin, (), o.stdout, ())
                      for n, (stdin, o) in enumerate(zip(STDIN, outcomes, strict=True)))
        tasks.append(Task(group, "marks", "Read marks, print their average and the best.",
                          correct, program(BUGGED, group), (4, 13), (), cases))
    built = items_from(tasks, sandbox)
    assert not built.left_out and [i.classes for i in built.items] == \
        [("runtime", "logical")] * len(POLICY)
    out = tmp_path_factory.mktemp("bench")
    write_benchmark(built.items, out, "hand-written tasks", {})
    return out / "repair.jsonl", {item.source: item.id for item in built.items}


def group_of(user: str) -> str:
    return next(g for g in POLICY if f"Average for {g}:" in user)


def scripted(user: str, before: int):
    group = group_of(user)
    replies = POLICY[group][0]
    reply = replies[min(before, len(replies) - 1)]
    return program(reply, group) if isinstance(reply, str) else reply


def settings(url: str, **extra) -> Settings:
    return Settings(url, "scripted", temperature=0.0, seed=7, concurrency=3, timeout=0.5,
                    retries=1, **extra)


def test_each_answer_gets_exactly_its_figures(benchmark, tmp_path):
    path, ids = benchmark
    with ModelServer(scripted) as server:
        result = evaluate_repair(path, tmp_path, settings(server.url))
    rows = {row["id"]: row for row in result.rows}
    for group, (_, (passed, fixed, changed, located, answered, malformed)) in POLICY.items():
        row = rows[ids[group]]
        assert row["pass"] is passed, group
        assert [e["fixed"] for e in row["errors"]] == list(fixed), group
        assert row["changed_lines"] == changed, group
        assert row["bug_recall"] == sum(fixed) / 2, group
        held = [line for line in changed if line in (4, 13)]
        assert row["edit_precision"] == (round(len(held) / len(changed), 4) if changed
                                         else None), group
        assert row["localisation"] == located, group
        assert (row["answered"], row["malformed"]) == (answered, malformed), group
    # The server saw the 429 and the time-out tried again (1 retry), nothing else twice.
    asked = {group_of(user): n for user, n in server.asked.items()}
    assert asked == {g: 2 if g in ("busy", "hang") else 1 for g in POLICY}
    assert all(b["temperature"] == 0.0 and b["seed"] == 7 for b in server.bodies)
    summary = result.summary
    count = len(POLICY)
    expected = [p[1] for p in POLICY.values()]
    assert summary["pass"] == round(sum(e[0] for e in expected) / count, 4)
    assert summary["bug_recall"] == round(sum(sum(e[1]) / 2 for e in expected) / count, 4)
    for index, error_class in enumerate(("runtime", "logical")):
        assert summary["by_class"][error_class] == {
            "errors": count, "fixed": sum(e[1][index] for e in expected),
            "bug_recall": round(sum(e[1][index] for e in expected) / count, 4)}
    assert (summary["unanswered"], summary["malformed"]) == (1, 1)
    assert list(summary["by_difficulty"]) == ["0/1/1"]
    report = (tmp_path / "report.md").read_text()
    assert "| runtime |" in report and "model `scripted`" in report
    assert "no answer within 0.5 s (2 tries)" in report


def test_a_run_stopped_half_way_resumes_without_asking_twice(benchmark, tmp_path):
    path, _ = benchmark

    def answered(user: str, before: int):
        return fenced("pass\n") if group_of(user) == "hang" else scripted(user, before)

    class Stop(Exception):
        pass

    def stop_after_two(stage, done, total):
        if stage == "asking" and done >= 2:
            raise Stop

    with ModelServer(answered) as server:
        with pytest.raises(Stop):
            evaluate_repair(path, tmp_path, Settings(server.url, "scripted", seed=7,
                                                     concurrency=1), progress=stop_after_two)
        first = len(server.asked)
        kept = (tmp_path / "answers.jsonl").read_text().splitlines()
        assert first == len(kept) >= 2  # the request under way when it stopped is kept too
        result = evaluate_repair(path, tmp_path, Settings(server.url, "scripted", seed=7,
                                                          concurrency=1))
    assert result.cached == first and result.asked == len(POLICY) - first
    # Every question asked once (the 429 is the server's, answered on the client's retry).
    assert {group_of(u): n for u, n in server.asked.items()} == \
        {g: 2 if g == "busy" else 1 for g in POLICY}
    assert len((tmp_path / "answers.jsonl").read_text().splitlines()) == len(POLICY)
    # Another model in the same folder is refused, not mixed in.
    code = CliRunner().invoke(main, ["evaluate", "--task", "repair", "--benchmark", str(path),
                                     "--endpoint", server.url, "--model", "other",
                                     "--out", str(tmp_path)])
    assert code.exit_code == 2 and "holds answers of another run" in code.output


def test_a_hostile_answer_stays_in_the_sandbox(benchmark, tmp_path):
    path, ids = benchmark
    target = tmp_path / "written-by-the-answer.txt"
    hostile = f"open({str(target)!r}, 'w').write('owned')\n" + CORRECT
    answers = tmp_path / "answers.jsonl"
    answers.write_text(json.dumps({"id": ids["correct"], "answer": fenced(
        program(hostile, "correct"))}) + "\n")
    result = CliRunner().invoke(main, ["evaluate", "--task", "repair", "--benchmark",
                                       str(path), "--responses", str(answers), "--out",
                                       str(tmp_path / "out"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    row = next(r for r in data["items"] if r["id"] == ids["correct"])
    assert not target.exists()
    assert row["pass"] is False and row["failing_scenarios"] == len(STDIN)
    # The items it has no answer for are counted, not skipped.
    assert data["summary"]["unanswered"] == len(POLICY) - 1
    assert data["failed"][ids["hang"]] == f"not in {answers}"


def test_the_command_sends_the_key_from_the_named_variable(benchmark, tmp_path, monkeypatch):
    path, _ = benchmark
    args = ["evaluate", "--task", "repair", "--benchmark", str(path), "--model", "scripted",
            "--api-key-env", "DEBUGEX_TEST_KEY", "--timeout", "0.5", "--retries", "0",
            "--out", str(tmp_path)]
    monkeypatch.delenv("DEBUGEX_TEST_KEY", raising=False)
    with ModelServer(scripted) as server:
        missing = CliRunner().invoke(main, [*args, "--endpoint", server.url])
        assert missing.exit_code == 2 and "DEBUGEX_TEST_KEY: the variable is not set" in \
            missing.output and not server.bodies
        monkeypatch.setenv("DEBUGEX_TEST_KEY", "sk-test-123")
        result = CliRunner().invoke(main, [*args, "--endpoint", server.url])
    assert result.exit_code == 0, result.output
    assert set(server.keys) == {"Bearer sk-test-123"}
    last = next(line for line in result.stdout.splitlines() if line.startswith("items:"))
    assert last.startswith(f"items: {len(POLICY)} (asked now {len(POLICY)}, from the cache 0")
    assert "sk-test-123" not in (tmp_path / "run.json").read_text()
    for bad, why in ((["--endpoint", "ftp://x"], "not an http:// or https:// URL"),
                     (["--responses", str(path)], "give --endpoint/--model or --responses")):
        out = CliRunner().invoke(main, [*args, *bad])
        assert out.exit_code == 2 and why in out.output


def answers(folder: Path) -> list[str]:
    path = folder / "answers.jsonl"
    return [line for line in path.read_text().splitlines() if line.endswith("}")] \
        if path.exists() else []


def test_a_killed_run_resumes_without_asking_twice(benchmark, tmp_path):
    """The process is killed (SIGKILL) while it waits for its third answer."""
    path, _ = benchmark
    state = {"kill": True}

    def policy(user: str, before: int):
        if state["kill"] and len(server.asked) >= 3:
            return HANG
        return fenced("pass\n") if group_of(user) == "hang" else scripted(user, before)

    args = [sys.executable, "-m", "debugex.cli", "evaluate", "--task", "repair",
            "--benchmark", str(path), "--model", "scripted", "--concurrency", "1",
            "--out", str(tmp_path), "--quiet"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with ModelServer(policy) as server:
        process = subprocess.Popen([*args, "--endpoint", server.url], env=env,
                                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        try:
            # The third request is under way once the server has it; the second answer
            # is on disk once the file has two lines (the worker may ask before it is).
            while (len(server.asked) < 3 or len(answers(tmp_path)) < 2) \
                    and process.poll() is None:
                threading.Event().wait(0.02)
        finally:
            process.kill()
            process.wait()
        assert len(answers(tmp_path)) == 2 and len(server.asked) == 3
        third = group_of(list(server.asked)[2])  # its answer never came: asked again
        state["kill"] = False
        done = subprocess.run([*args, "--endpoint", server.url, "--json"], env=env,
                              capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["cached"], data["asked"]) == (2, len(POLICY) - 2)
    # Asked twice: only the one whose answer the kill lost (and the 429 the server sent).
    assert {group_of(u): n for u, n in server.asked.items()} == {
        g: 1 + (g == third) + (g == "busy" and g != third) for g in POLICY}


def test_requests_for_a_batch_api_and_its_output_graded(benchmark, tmp_path):
    """--write-requests, then the batch's output (answered here by the policy) graded."""
    path, ids = benchmark
    batch_input = tmp_path / "batch_input.jsonl"
    result = CliRunner().invoke(main, ["evaluate", "--task", "repair", "--benchmark",
                                       str(path), "--model", "m", "--seed", "3",
                                       "--write-requests", str(batch_input), "--json"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in batch_input.read_text().splitlines()]
    assert {line["custom_id"] for line in lines} == set(ids.values())
    assert all(line["body"]["seed"] == 3 and line["body"]["model"] == "m" for line in lines)
    output = tmp_path / "batch_output.jsonl"
    with output.open("w") as handle:
        for line in lines:
            user = line["body"]["messages"][1]["content"]
            reply = scripted(user, 1)  # a batch API does not throttle its lines
            if isinstance(reply, str):
                handle.write(json.dumps({"custom_id": line["custom_id"], "response": {
                    "body": {"choices": [{"message": {"content": reply}}]}}}) + "\n")
    result = CliRunner().invoke(main, ["evaluate", "--task", "repair", "--benchmark",
                                       str(path), "--responses", str(output), "--out",
                                       str(tmp_path / "out"), "--json"])
    data = json.loads(result.stdout)
    passed = {row["id"] for row in data["items"] if row["pass"]}
    assert passed == {ids[g] for g, (_, figures) in POLICY.items() if figures[0]}
    assert data["failed"] == {ids["hang"]: f"not in {output}"}


def test_the_report_plots_pass_and_precision_by_difficulty(benchmark, tmp_path,
                                                          monkeypatch):
    """by_difficulty.png beside report.md, linked from it; without matplotlib the report
    and the command say there is no plot and why, and an earlier plot is not left."""
    path, ids = benchmark
    responses = tmp_path / "responses.jsonl"
    responses.write_text(json.dumps({"id": ids["correct"],
                                     "answer": program(fenced(CORRECT), "correct")}) + "\n")
    out = tmp_path / "out"
    args = ["evaluate", "--task", "repair", "--benchmark", str(path), "--responses",
            str(responses), "--out", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    png = (out / "by_difficulty.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    assert width > 300 and height > 200
    assert "](by_difficulty.png)" in (out / "report.md").read_text()
    assert f"wrote {out / 'by_difficulty.png'}" in result.output

    for name in [n for n in sys.modules if n.split(".")[0] == "matplotlib"]:
        monkeypatch.setitem(sys.modules, name, None)  # as if it were not installed
    result = CliRunner().invoke(main, args + ["--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert "matplotlib is not installed" in data["plot_skipped"]
    assert str(out / "by_difficulty.png") not in data["files"]
    assert not (out / "by_difficulty.png").exists()
    report = (out / "report.md").read_text()
    assert "No plot: matplotlib is not installed" in report and "](by_difficulty" not in report


def closed_port_url() -> str:
    """The URL of a port nothing listens on (bound, then closed)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


# endpoint (from the server's URL), model -> what the user is told
NO_ANSWER = [
    (lambda url: url, "other-model", "HTTP 404: The model `other-model` does not exist. "
     f"({len(POLICY)} requests)"),
    (lambda url: url.removesuffix("/v1"), "scripted",
     f"HTTP 404: Not Found ({len(POLICY)} requests) (the URL of an OpenAI-compatible "
     "server usually ends in /v1)"),
    (lambda url: closed_port_url(), "scripted", "cannot connect to http://127.0.0.1:"),
]


@pytest.mark.parametrize(("endpoint", "model", "said"), NO_ANSWER,
                         ids=["unknown model", "no /v1", "nothing listening"])
def test_an_endpoint_that_answers_nothing_stops_the_run(benchmark, tmp_path, endpoint,
                                                        model, said):
    path, _ = benchmark
    with ModelServer(scripted, models=frozenset({"scripted"})) as server:
        url = endpoint(server.url)
        result = CliRunner().invoke(main, [
            "evaluate", "--task", "repair", "--benchmark", str(path), "--endpoint", url,
            "--model", model, "--retries", "0", "--out", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"debugex evaluate: no answer from {url} (model {model}) "
                                    f"to any of the {len(POLICY)} requests asked: ")
    assert said in result.stderr and not (tmp_path / "out" / "results.json").exists()
    assert not server.asked  # no request reached the policy


def test_an_output_folder_that_cannot_be_written_is_said_before_grading(benchmark,
                                                                       tmp_path):
    path, ids = benchmark
    responses = tmp_path / "responses.jsonl"
    responses.write_text(json.dumps({"id": ids["correct"], "answer": "LINES: 4"}) + "\n")
    (tmp_path / "file").write_text("")
    out = tmp_path / "file" / "out"
    result = CliRunner().invoke(main, ["evaluate", "--task", "repair", "--benchmark",
                                       str(path), "--responses", str(responses),
                                       "--out", str(out)])
    assert result.exit_code == 1
    assert result.stderr == f"debugex evaluate: cannot write to {out}: Not a directory\n"
    seen = []
    with pytest.raises(NotADirectoryError):
        evaluate_repair(path, out, None, responses, progress=lambda *s: seen.append(s))
    assert not seen  # no answer was graded


@pytest.mark.parametrize(("key", "said"), [
    (None, "no --api-key-env and no OPENAI_API_KEY, so the key sent was a placeholder"),
    ("sk-wrong", "the key sent was the value of DEBUGEX_TEST_KEY")], ids=["none", "wrong"])
def test_a_refused_key_is_said(benchmark, tmp_path, monkeypatch, key, said):
    path, _ = benchmark
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    args = ["evaluate", "--task", "repair", "--benchmark", str(path), "--model", "m",
            "--out", str(tmp_path / "out")]
    if key:
        monkeypatch.setenv("DEBUGEX_TEST_KEY", key)
        args += ["--api-key-env", "DEBUGEX_TEST_KEY"]
    with ModelServer(lambda user, before: 401) as server:
        result = CliRunner().invoke(main, [*args, "--endpoint", server.url])
    assert result.exit_code == 1
    assert f"HTTP 401: scripted 401 ({len(POLICY)} requests) ({said}" in result.stderr
    assert sum(server.asked.values()) == len(POLICY)  # a 401 is not tried again


@pytest.mark.parametrize(("lines", "said"), [
    ([], "holds no answers"),
    ([{"id": "repair-of-another-benchmark", "answer": "LINES: 1"}],
     "none of its 1 answers has the id of a request of this repair run")],
    ids=["empty", "other ids"])
def test_responses_for_nothing_here_are_refused(benchmark, tmp_path, lines, said):
    path, _ = benchmark
    responses = tmp_path / "responses.jsonl"
    responses.write_text("".join(json.dumps(line) + "\n" for line in lines))
    result = CliRunner().invoke(main, ["evaluate", "--task", "repair", "--benchmark",
                                       str(path), "--responses", str(responses), "--out",
                                       str(tmp_path / "out")])
    assert result.exit_code == 2 and f"--responses {responses}: {said}" in result.output
    assert not (tmp_path / "out").exists()
