"""The generate task: the model writes the exercise each request asks for (the user
message of the fine-tuning format, under the export's system prompt), and the audit
grades every answer claim by claim, as `debugex audit --requests/--responses` does."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from ..audit import FALSE_SENTENCE_KINDS, audit_records, summarise
from ..content import Exercise
from ..formats import (
    DatasetError,
    Record,
    load_examples,
    load_requests_responses,
    write_atomic,
)
from ..sandbox import Sandbox
from ..scenarios import load_for_check
from .client import Prompt, Settings
from .evaluate import (
    REPORT_FILE,
    RESULTS_FILE,
    Evaluation,
    Progress,
    asked_how,
    collect,
    write_results,
)
from .repair_report import table


class RequestsError(ValueError):
    """No requests to send; says where and why."""


def request_id(user: str) -> str:
    return "request-" + hashlib.sha256(user.encode()).hexdigest()[:16]


def load_requests(examples: Path, requests: Path | None) -> list[str]:
    """The user messages to send: a JSONL file's (chat records or {"user": ...}), or
    the testing split of an examples folder."""
    try:
        if requests is not None:
            records = load_requests_responses(requests, requests)
            where = str(requests)
        else:
            records = [r for r in load_examples(examples) if r.split == "testing"]
            where = f"the testing split of {examples}"
    except DatasetError as exc:
        raise RequestsError(str(exc)) from None
    users = [r.user for r in records if r.user]
    if not users:
        raise RequestsError(f"no requests in {where}")
    return list(dict.fromkeys(users))  # the same request twice is asked once


def generate_prompts(users: Sequence[str], system: str) -> list[Prompt]:
    return [Prompt(request_id(u), ({"role": "system", "content": system},
                                   {"role": "user", "content": u})) for u in users]


def evaluate_generate(users: Sequence[str], out: Path, settings: Settings | None,
                      system: str, content: Path | None, responses: Path | None = None,
                      progress: Progress = lambda *a: None, source: str = "") -> Evaluation:
    prompts = generate_prompts(users, system)
    out = Path(out)  # made by `collect`, once the key is known to be there
    asked = collect(prompts, out, settings, responses, "generate", progress)
    records = [Record(p.id, u, asked.answers.get(p.id),
                      problem=None if p.id in asked.answers else asked.failed.get(p.id))
               for p, u in zip(prompts, users, strict=True)]
    exercises = [e for e in load_for_check(content, []) if isinstance(e, Exercise)] \
        if content is not None and content.is_dir() else []
    audits = []
    # Graded a slice at a time, so progress shows; each slice's runs still go out as one
    # batch (at most about 50 slices).
    step = max(1, -(-len(records) // 50))
    with Sandbox() as sandbox:
        for start in range(0, len(records), step):
            audits += audit_records(records[start:start + step], sandbox, exercises)
            progress("grading", len(audits), len(records))
    summary = summarise(audits)
    kinds = summary["defects_by_kind"]
    summary["answers_malformed"] = sum(any(d["kind"] == "unparseable_response"
                                           for d in a.defects) for a in audits)
    summary["answers_missing"] = sum(p.id not in asked.answers for p in prompts)
    # False sentences as the truth issue counts them (bench/truth.py's kinds), found by
    # the audit from the answer's own programs and runs: one per sentence shown false.
    summary["false_sentences"] = {truth: kinds.get(defect, 0)
                                  for defect, truth in FALSE_SENTENCE_KINDS.items()}
    summary["records_with_false_sentences"] = sum(
        any(d["kind"] in FALSE_SENTENCE_KINDS for d in a.defects) for a in audits)
    run = {"task": "generate", "requests": source} | asked_how(settings, responses, asked)
    rows = [a.to_dict() for a in audits]
    write_results(out, run, summary, "records", rows)
    write_atomic(out / REPORT_FILE, markdown(summary, run))
    return Evaluation(summary, rows, [out / RESULTS_FILE, out / REPORT_FILE],
                      asked.asked, asked.cached, asked.failed)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def markdown(summary: dict, run: dict) -> str:
    settings = run.get("settings") or {}
    source = (f"model `{settings.get('model')}` at {settings.get('endpoint')}, temperature "
              f"{settings.get('temperature')}, seed {settings.get('seed')}"
              if settings else f"answers read from {run.get('responses')}")
    false = summary["false_sentences"]
    return "\n".join([
        f"# Generate evaluation\n\nRequests: {run.get('requests')} ({summary['records']}). "
        f"Answers: {source}.\n",
        f"No answer {summary['answers_missing']}, malformed {summary['answers_malformed']} "
        "(both count as unmet requests and failed claims).\n",
        table(("claims", "hold", "line accuracy", "requests met",
               "answers with a false sentence"),
              [(summary["claims"], summary["claims_hold"], _pct(summary["line_accuracy"]),
                _pct(summary["request_satisfaction"]),
                summary["records_with_false_sentences"])]),
        "\n## Claims that hold, by class\n",
        table(("class", "claims", "hold", "accuracy"),
              [(c, v["claims"], v["hold"], _pct(v["accuracy"]))
               for c, v in summary["claim_accuracy"].items()]),
        "\n## False sentences\n",
        "Sentences of the thinking and explanations, in the forms debugex itself writes "
        "(others are not read), that the audit runs again in the sandbox and finds false, "
        "by the kind `bench/truth.py` counts them under: hides "
        "(one error said to mask another), location (a line Python is said to report on), "
        "quote (a quoted input, output or returned value), premise (a stock reason whose "
        "fact the answer's own program, changes and runs show absent: names said to look "
        "alike, a name said to be ignored, a slip of a name, where Python reports a bracket "
        "left open, ...). The error lines themselves are the line accuracy above.\n",
        table(("kind", "false sentences"), list(false.items())),
        "\n## Defects\n",
        table(("kind", "found"), list(summary["defects_by_kind"].items()) or [("-", 0)])]) \
        + "\n"
