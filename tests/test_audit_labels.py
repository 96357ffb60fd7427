"""The labelled audit-fairness set in bench/audit_labels/: its shape and its labels.

No audit runs here (the benchmark does that); these are the invariants of the data.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from debugex.audit import DEFECT_KINDS
from debugex.formats import MessageError, load_jsonl, read_assistant, read_user

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "bench" / "audit_labels"
CLEAN = FOLDER / "clean.jsonl"
DEFECTIVE = FOLDER / "defective.jsonl"


def _builder():
    spec = importlib.util.spec_from_file_location("audit_labels_build", FOLDER / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


BUILD = _builder()


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


@pytest.fixture(scope="module", params=["clean", "defective"])
def labelled(request):
    path = CLEAN if request.param == "clean" else DEFECTIVE
    return request.param, path, _rows(path)


def test_at_least_thirty_records_of_each_kind():
    assert len(_rows(CLEAN)) >= 30
    assert len(_rows(DEFECTIVE)) >= 30


def test_records_are_chat_records_with_a_label(labelled):
    _, _, rows = labelled
    for row in rows:
        assert [m["role"] for m in row["messages"]] == ["system", "user", "assistant"]
        assert all(isinstance(m["content"], str) and m["content"] for m in row["messages"])
        assert isinstance(row["label"]["clean"], bool) and row["label"]["why"].strip()


def test_clean_records_use_at_least_one_freedom():
    rows = _rows(CLEAN)
    for row in rows:
        label = row["label"]
        assert label["clean"] is True
        assert label["freedoms"] and set(label["freedoms"]) <= set(BUILD.FREEDOMS)
    per_freedom = Counter(f for row in rows for f in row["label"]["freedoms"])
    assert set(per_freedom) == set(BUILD.FREEDOMS)
    assert min(per_freedom.values()) >= 5, per_freedom
    assert sum(len(row["label"]["freedoms"]) > 1 for row in rows) >= 3  # some mix two


def test_defective_records_name_one_real_defect_kind():
    rows = _rows(DEFECTIVE)
    for row in rows:
        label = row["label"]
        assert label["clean"] is False
        assert label["defect"] in DEFECT_KINDS
        assert label["line"] is None or isinstance(label["line"], int)
    assert len({row["label"]["defect"] for row in rows}) >= 10


def test_every_record_is_read_by_the_projects_reader(labelled):
    _, path, rows = labelled
    records = load_jsonl(path)
    assert len(records) == len(rows)
    for record, row in zip(records, rows, strict=True):
        assert record.problem is None and record.user and record.assistant
        user, _ = read_user(record.user)
        assert user.program.strip()
        if row["label"].get("defect") == "unparseable_response":
            with pytest.raises(MessageError):
                read_assistant(record.assistant)
            continue
        assistant, problems = read_assistant(record.assistant)
        assert assistant.program.strip()
        if row["label"]["clean"] and "removed_line_location" not in row["label"]["freedoms"]:
            assert problems == []  # a clean record's only format quirks are its freedoms
            assert len(assistant.locations) == user.request.total


def test_programs_come_from_content_exercises():
    rows = _rows(CLEAN) + _rows(DEFECTIVE)
    slugs = Counter(row["metadata"]["exercise"] for row in rows)
    assert len(slugs) >= 20
    for row in rows:
        correct = (ROOT / "content" / row["metadata"]["exercise"] / "correct.py").read_text()
        user, _ = read_user(row["messages"][1]["content"])
        if row["label"].get("defect") == "correct_program_fails":
            assert user.program != correct
        else:
            assert user.program == correct


def test_files_match_their_builder():
    for path, recs in ((CLEAN, BUILD.CLEAN), (DEFECTIVE, BUILD.DEFECTIVE)):
        built = [BUILD.build(r) for r in recs]
        if path == DEFECTIVE:
            BUILD._explanations_mismatch(built)
        assert built == _rows(path), f"{path.name} is stale: run bench/audit_labels/build.py"
