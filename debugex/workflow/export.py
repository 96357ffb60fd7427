"""`debugex export`: the examples as chat JSONL for fine-tuning, with statistics and a card.

Every line has the same fixed schema, `{"messages": [system, user, assistant]}` with
string contents, which OpenAI chat fine-tuning and Hugging Face TRL both read; review
metadata goes into `metadata.jsonl` beside the export, never inside it. Files are
written atomically (temporary file, then rename).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..formats import MessageError, Record, parse_assistant, parse_user, write_atomic

FILES = {"training": "fine_tuning_training_parsed.jsonl",
         "testing": "fine_tuning_testing_parsed.jsonl"}
FULL = "fine_tuning_full_dataset.jsonl"
DEFAULT_TOKEN_BUDGET = 16_385
MIN_PER_SPLIT = 10


def approximate_tokens(text: str) -> int:
    """A rough token count (about four characters a token for English and code)."""
    return (len(text) + 3) // 4


# Every metadata.jsonl row has exactly these keys, whatever the example's origin.
META_KEYS = ("exercise", "origin", "batch", "draft", "seed", "request", "operators",
             "edited", "tool_version")


@dataclass
class ExportResult:
    files: list[Path] = field(default_factory=list)
    stats: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def metadata_row(record: Record, defects: list[str]) -> dict:
    """One fixed-schema row: missing values are null (or, for `request`, read from the
    user message, which always states it); `defects` is empty for a clean example."""
    meta = record.meta if isinstance(record.meta, dict) else {}
    row = {"id": record.id, "split": record.split}
    row.update({key: meta.get(key) for key in META_KEYS})
    if not isinstance(row["request"], dict):
        row["request"] = parse_user(record.user).request.as_dict()
    if not isinstance(row["operators"], list):
        row["operators"] = []
    row["defects"] = list(defects)
    return row


def size_category(count: int) -> str:
    """The Hugging Face `size_categories` bucket that holds `count` examples."""
    for limit, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"),
                        (1_000_000, "100K<n<1M")):
        if count < limit:
            return name
    return "1M<n<10M"


def chat_record(system: str, record: Record) -> dict:
    return {"messages": [{"role": "system", "content": system},
                         {"role": "user", "content": record.user},
                         {"role": "assistant", "content": record.assistant}]}


def statistics(records: list[Record], budget: int, system: str) -> tuple[dict, list[str]]:
    per_split = Counter(r.split for r in records)
    per_class: Counter = Counter()
    per_injector: Counter = Counter()
    per_exercise: Counter = Counter()
    requests: Counter = Counter()
    origins: Counter = Counter()
    partial = 0
    lengths = []
    warnings = []
    incorrect: dict[str, str] = {}  # record id -> incorrect program, parsed once
    for record in records:
        user = parse_user(record.user)
        incorrect[record.id] = parse_assistant(record.assistant).program
        requests[user.request.label()] += 1
        # A partial answer carries fewer errors than asked: count what it delivers.
        delivered = record.meta.get("delivered") or user.request.as_dict()
        partial += bool(record.meta.get("partial"))
        for error_class, count in delivered.items():
            per_class[error_class] += count
        for operator in record.meta.get("operators", []):
            per_injector[operator] += 1
        per_exercise[record.meta.get("exercise", "unknown")] += 1
        origins[record.meta.get("origin", "unknown")] += 1
        tokens = approximate_tokens(system + record.user + record.assistant)
        lengths.append(tokens)
        if tokens > budget:
            warnings.append(f"{record.id} is about {tokens} tokens, over the budget of "
                            f"{budget}: fine-tuning services would truncate or refuse it")
    for split in FILES:
        if per_split.get(split, 0) < MIN_PER_SPLIT:
            warnings.append(f"the {split} split has {per_split.get(split, 0)} examples; "
                            f"fine-tuning services want at least {MIN_PER_SPLIT}")
    seen = {(r.user, incorrect[r.id]) for r in records if r.split == "training"}
    for record in records:
        if record.split == "testing" and (record.user, incorrect[record.id]) in seen:
            warnings.append(f"{record.id} repeats a training example")
    train_exercises = {r.meta.get("exercise") for r in records if r.split == "training"}
    shared = sorted({r.meta.get("exercise") for r in records if r.split == "testing"}
                    & train_exercises - {None})
    if shared:
        warnings.append("exercises in both splits: " + ", ".join(shared))
    stats = {
        "examples": len(records), "examples_per_split": dict(per_split),
        "errors_per_class": dict(per_class), "errors_per_injector": dict(per_injector.most_common()),
        "examples_per_exercise": dict(sorted(per_exercise.items())),
        "requests": dict(requests.most_common()), "origins": dict(origins),
        "partial_examples": partial,
        "tokens": {"min": min(lengths, default=0), "max": max(lengths, default=0),
                   "mean": round(sum(lengths) / len(lengths), 1) if lengths else 0,
                   "budget": budget},
    }
    return stats, warnings


_CARD = """---
language:
- en
license: mit
pretty_name: debugex debugging exercises
task_categories:
- text-generation
tags:
- education
- python
- debugging
size_categories:
- {size}
configs:
- config_name: default
  data_files:
  - split: train
    path: {train}
  - split: test
    path: {test}
---

# debugex debugging exercises

Each record is a chat (`system`, `user`, `assistant`). The user message gives a
description of a beginner Python program, the correct program, and how many syntax,
runtime and logical errors to inject; the assistant answers with its reasoning, the
program with exactly those errors, the line of each error and a teacher-style
explanation of each, in the XML format the system prompt describes.

{audit}

| split | examples |
|---|---|
| train | {n_train} |
| test | {n_test} |

Errors per class: {classes}.
Origins: {origins}.
Approximate tokens per example: mean {mean}, max {max}.

{splits}Made with debugex {version}.
"""


_CHECKS = ("each error was recovered\nfrom the program text, run alone and classified "
           "(syntax: does not compile; runtime:\nraises on some input; logical: runs on "
           "every input, prints a wrong result for some)")


def _audit_paragraph(count: int, defects: dict[str, list[str]], left_out: list[str]) -> str:
    if defects:
        one = len(defects) == 1
        text = (f"The examples were audited with `debugex audit` before export: {_CHECKS}.\n"
                f"**{len(defects)} of the {count} exported examples did not audit clean** "
                f"and {'was' if one else 'were'} exported anyway\n(`--allow-defects`): "
                "`metadata.jsonl` lists the defects of each example under `defects`,\n"
                "and `statistics.json` repeats them under `warnings`. Check "
                f"{'it' if one else 'them'} before training on {'it' if one else 'them'}.")
    else:
        text = f"Every example was audited with `debugex audit` before export: {_CHECKS}."
    if left_out:
        plural = len(left_out) != 1
        text += (f"\n\n{len(left_out)} example{'s' if plural else ''} could not be parsed "
                 f"and {'were' if plural else 'was'} left out: {', '.join(left_out)}.")
    return text


def export(records: list[Record], out: Path, system: str,
           budget: int = DEFAULT_TOKEN_BUDGET, defects: dict[str, list[str]] | None = None,
           left_out: dict[str, str] | None = None) -> ExportResult:
    """Write the export files. `defects` (record id -> audit defects) are exported but
    marked; `left_out` (record id -> why it cannot be parsed) are reported, not written."""
    defects = {k: v for k, v in (defects or {}).items() if v}
    left_out = left_out or {}
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    result = ExportResult()
    for record in records:
        if record.user is None or record.assistant is None:
            raise MessageError(f"{record.id}: {record.problem}")
    result.stats, result.warnings = statistics(records, budget, system)
    exported = {r.id for r in records}
    result.stats["examples_with_defects"] = sum(1 for i in defects if i in exported)
    result.stats["left_out"] = len(left_out)
    for record_id, why in left_out.items():
        result.warnings.append(f"{record_id} was left out: it cannot be parsed ({why})")
    for record in records:
        if defects.get(record.id):
            result.warnings.append(f"{record.id} does not audit clean: " +
                                   "; ".join(defects[record.id]))
    lines = {split: [json.dumps(chat_record(system, r), ensure_ascii=False)
                     for r in records if r.split == split] for split in FILES}
    for split, name in FILES.items():
        write_atomic(out / name, "".join(line + "\n" for line in lines[split]))
        result.files.append(out / name)
    write_atomic(out / FULL, "".join(line + "\n" for split in FILES for line in lines[split]))
    result.files.append(out / FULL)
    metadata = [json.dumps(metadata_row(r, defects.get(r.id, [])), ensure_ascii=False)
                for split in FILES for r in records if r.split == split]
    write_atomic(out / "metadata.jsonl", "".join(line + "\n" for line in metadata))
    result.files.append(out / "metadata.jsonl")
    write_atomic(out / "statistics.json", json.dumps(
        {**result.stats, "warnings": result.warnings}, indent=2) + "\n")
    result.files.append(out / "statistics.json")
    stats = result.stats
    shared = any(w.startswith("exercises in both splits") for w in result.warnings)
    splits = "" if shared else "No exercise appears in both splits. "
    card = _CARD.format(train=FILES["training"], test=FILES["testing"],
                        size=size_category(stats["examples"]), splits=splits,
                        audit=_audit_paragraph(stats["examples"],
                                               {k: v for k, v in defects.items()
                                                if k in exported}, list(left_out)),
                        n_train=stats["examples_per_split"].get("training", 0),
                        n_test=stats["examples_per_split"].get("testing", 0),
                        classes=", ".join(f"{k} {v}" for k, v in
                                          stats["errors_per_class"].items()),
                        origins=", ".join(f"{k} {v}" for k, v in stats["origins"].items()),
                        mean=stats["tokens"]["mean"], max=stats["tokens"]["max"],
                        version=__version__)
    write_atomic(out / "README.md", card)
    result.files.append(out / "README.md")
    return result
