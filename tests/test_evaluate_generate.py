"""`debugex evaluate --task generate` against a scripted chat-completions server: the
audit grades each answer (an example's own answer holds; a malformed answer and a
missing one count as unmet), under the export's system prompt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from model_server import ModelServer

from debugex.cli import main
from debugex.formats import load_examples, parse_user, system_prompt

EXAMPLES = Path(__file__).resolve().parents[1] / "fine-tuning-examples"
CONTENT = Path(__file__).resolve().parents[1] / "content"


@pytest.fixture(scope="module")
def examples():
    """Three requests of the testing split, with their reference answers."""
    records = [r for r in load_examples(EXAMPLES) if r.split == "testing"][:3]
    assert len(records) == 3
    return records


def test_answers_are_audited_claim_by_claim(examples, tmp_path):
    good, malformed, missing = examples
    requests = tmp_path / "requests.jsonl"
    requests.write_text("".join(json.dumps({"user": r.user}) + "\n" for r in examples))
    replies = {good.user: good.assistant, malformed.user: "Here is your exercise!",
               missing.user: 500}
    with ModelServer(lambda user, before: replies[user]) as server:
        args = ["evaluate", "--task", "generate", "--requests", str(requests), "--endpoint",
                server.url, "--model", "scripted", "--retries", "0", "--content",
                str(CONTENT), "--out", str(tmp_path / "out"), "--json"]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        again = CliRunner().invoke(main, args)  # the cached answers are not asked again
    assert all(b["messages"][0]["content"] == system_prompt() for b in server.bodies)
    assert {u: n for u, n in server.asked.items()} == {good.user: 1, malformed.user: 1,
                                                       missing.user: 2}
    summary = json.loads(result.stdout)["summary"]
    assert json.loads(again.stdout)["summary"] == summary
    asked_for = parse_user(good.user).request
    total = sum(parse_user(r.user).request.total for r in examples)
    assert summary["records"] == 3 and summary["claims"] == total
    assert summary["claims_hold"] == asked_for.total
    for error_class, row in summary["claim_accuracy"].items():
        wanted = sum(parse_user(r.user).request.count(error_class) for r in examples)
        assert row["claims"] == wanted
        assert row["hold"] == asked_for.count(error_class)
    assert summary["request_satisfaction"] == round(1 / 3, 4)
    assert (summary["answers_malformed"], summary["answers_missing"]) == (1, 1)
    assert summary["records_with_false_sentences"] == 0
    report = (tmp_path / "out" / "report.md").read_text()
    assert "# Generate evaluation" in report and "malformed 1" in report


def test_no_requests_is_a_usage_error(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    result = CliRunner().invoke(main, ["evaluate", "--task", "generate", "--requests",
                                       str(empty), "--endpoint", "http://127.0.0.1:9/v1",
                                       "--model", "m", "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "no requests in" in result.output
