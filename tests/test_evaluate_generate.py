"""`debugex evaluate --task generate` against a scripted chat-completions server: the
audit grades each answer (an example's own answer holds; a malformed answer and a
missing one count as unmet), under the export's system prompt."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from model_server import ModelServer

from debugex.cli import main
from debugex.evaluation import evaluate_generate
from debugex.evaluation.generate import request_id
from debugex.formats import load_examples, parse_user, system_prompt

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "fine-tuning-examples"
CONTENT = ROOT / "content"
# bench is not a package: truth.py (the kinds of false sentence it counts) from its file.
_spec = importlib.util.spec_from_file_location("truth", ROOT / "bench" / "truth.py")
truth = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(truth)


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


# An answer of our own to the remove_extras request (1 runtime, 1 logical error), with a
# sentence of each kind bench/truth.py checks; TRUE and FALSE differ only in those.
ANSWER = """<root>
<thinking>
Both slips sit in the loop of the function.

On line 5 the list is called `reslt`, a name that was never assigned. The program {stops}.

The {hides} is fixed.

On line 6 the `return` has moved into the loop, so the list goes back after one item.
</thinking>
<incorrect-program>
def remove_extras(lst):
    result = []
    for item in lst:
        if item not in result:
            reslt.append(item)
        return result
</incorrect-program>
<error-location>
5
6
</error-location>
<explanation>
Line 5: `reslt` is not the name of the list, so the first new item raises a NameError.
Line 6: the `return` is inside the loop: `remove_extras([3, 2, 1])` returns {returns} instead of [3, 2, 1].
</explanation>
</root>
"""
TRUE = {"stops": "stops on line 5 with a NameError", "returns": "[3]",
        "hides": "logical error on line 6 shows nothing until the runtime error on line 5"}
FALSE = {"stops": "stops on line 3 with a NameError", "returns": "[3, 2]",
         "hides": "runtime error on line 5 shows nothing until the logical error on line 6"}


@pytest.mark.parametrize(("sentences", "false"), [(TRUE, 0), (FALSE, 1)],
                         ids=["true", "false"])
def test_false_sentences_are_counted_as_the_truth_bench_counts_them(sentences, false,
                                                                    tmp_path):
    user = next(r.user for r in load_examples(EXAMPLES) if "def remove_extras" in r.user
                and parse_user(r.user).request.total == 2)
    requests, responses = tmp_path / "requests.jsonl", tmp_path / "responses.jsonl"
    requests.write_text(json.dumps({"user": user}) + "\n")
    responses.write_text(json.dumps({"id": request_id(user),
                                     "answer": ANSWER.format(**sentences)}) + "\n")
    result = CliRunner().invoke(main, [
        "evaluate", "--task", "generate", "--requests", str(requests), "--responses",
        str(responses), "--content", str(CONTENT), "--out", str(tmp_path / "out"), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)["summary"]
    assert (summary["claims"], summary["claims_hold"]) == (2, 2)  # only the text differs
    assert summary["false_sentences"] == {"hides": false, "location": false, "quote": false,
                                          "premise": 0}
    assert summary["records_with_false_sentences"] == false
    assert set(summary["false_sentences"]) <= set(truth.KINDS)
    report = (tmp_path / "out" / "report.md").read_text()
    assert f"| location | {false} |" in report


def test_grading_reports_its_progress(examples, tmp_path):
    """Answers given in a file: no asking, and every answer's grading is counted up."""
    responses = tmp_path / "responses.jsonl"
    responses.write_text("".join(json.dumps({"id": request_id(r.user), "answer": r.assistant})
                                 + "\n" for r in examples))
    seen = []
    result = evaluate_generate([r.user for r in examples], tmp_path / "out", None,
                               system_prompt(), CONTENT, responses,
                               lambda *step: seen.append(step))
    assert result.summary["records"] == len(examples)
    assert {stage for stage, _, _ in seen} == {"grading"}
    done = [n for _, n, _ in seen]
    assert done == sorted(done) and done[-1] == len(examples)
    assert all(total == len(examples) for _, _, total in seen)


# Premise sentences (bench/truth_premises.py's kind), judged from the answer's own program,
# changes and runs: the first answer's hold (`reslt` is `result` with one dropped letter;
# the two names look alike), the second's do not (`item` is still read on line 4; `item`
# and `lst` share no letters' start and are three letters apart).
TRUE_PREMISES = ANSWER.format(**TRUE).replace(
    "a name that was never assigned.",
    "a name that was never assigned. One dropped letter in `result` makes a brand-new "
    "name, and names such as `result` and `reslt` look alike.")
FALSE_PREMISES = """<root>
<thinking>
On line 6 the `return` has moved into the loop; names such as `item` and `lst` look alike.
</thinking>
<incorrect-program>
def remove_extras(lst):
    result = []
    for item in lst:
        if item not in result:
            result.append(item)
        return result
</incorrect-program>
<error-location>
6
</error-location>
<explanation>
Line 6: the `return` is inside the loop, so the value of `item` is ignored after one pass.
</explanation>
</root>
"""


def test_premise_sentences_are_judged_in_a_model_answer(tmp_path):
    users = {parse_user(r.user).request.total: r.user for r in load_examples(EXAMPLES)
             if "def remove_extras" in r.user and parse_user(r.user).request.syntax == 0}
    replies = {users[2]: TRUE_PREMISES, users[1]: FALSE_PREMISES}
    requests = tmp_path / "requests.jsonl"
    requests.write_text("".join(json.dumps({"user": u}) + "\n" for u in replies))
    with ModelServer(lambda user, before: replies[user]) as server:
        result = CliRunner().invoke(main, [
            "evaluate", "--task", "generate", "--requests", str(requests), "--endpoint",
            server.url, "--model", "scripted", "--retries", "0", "--content", str(CONTENT),
            "--out", str(tmp_path / "out"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    summary = data["summary"]
    assert (summary["claims"], summary["claims_hold"]) == (3, 3)
    assert summary["false_sentences"] == {"hides": 0, "location": 0, "quote": 0, "premise": 2}
    assert summary["records_with_false_sentences"] == 1
    rows = json.loads((tmp_path / "out" / "results.json").read_text())["records"]
    premises = {r["id"]: [d["detail"] for d in r["defects"] if d["kind"] == "false_premise"]
                for r in rows}
    assert premises[request_id(users[2])] == []
    found = premises[request_id(users[1])]
    assert len(found) == 2 and any("look alike" in d for d in found) and \
        any("still reads that name" in d for d in found)
    assert "| premise | 2 |" in (tmp_path / "out" / "report.md").read_text()
