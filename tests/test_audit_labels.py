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


# -- set v2: the records issue 33 adds, on programs of our own -------------------------

CLEAN_V2 = FOLDER / "clean_v2.jsonl"
DEFECTIVE_V2 = FOLDER / "defective_v2.jsonl"
PROGRAMS = FOLDER / "programs"


def _builder_v2():
    spec = importlib.util.spec_from_file_location("audit_labels_build_v2",
                                                  FOLDER / "build_v2.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


BUILD_V2 = _builder_v2()


def test_v2_adds_thirty_clean_and_twenty_defective_records():
    clean, defective = _rows(CLEAN_V2), _rows(DEFECTIVE_V2)
    assert len(clean) >= 30 and len(defective) >= 20
    per_convention = Counter(f for row in clean for f in row["label"]["freedoms"])
    assert set(per_convention) == set(BUILD_V2.CONVENTIONS)
    assert min(per_convention.values()) >= 5, per_convention
    abused = Counter(row["label"]["abuses"] for row in defective)
    assert set(abused) == set(BUILD_V2.CONVENTIONS) and min(abused.values()) >= 3, abused
    for row in defective:
        assert row["label"]["clean"] is False and row["label"]["defect"] in DEFECT_KINDS


def test_v2_programs_are_ours_and_every_record_reads():
    for row in _rows(CLEAN_V2) + _rows(DEFECTIVE_V2):
        folder = PROGRAMS / row["metadata"]["exercise"]
        user, _ = read_user(row["messages"][1]["content"])
        assert user.program == (folder / "correct.py").read_text()
        assert (folder / "scenarios.toml").is_file()
        assistant, _ = read_assistant(row["messages"][2]["content"])
        assert assistant.program.strip() and row["label"]["why"].strip()
    content = {(ROOT / "content" / p.name).is_dir() for p in PROGRAMS.iterdir()}
    assert content == {False}  # no program shares its name with a content exercise


def test_v2_files_match_their_builder():
    for path, recs in ((CLEAN_V2, BUILD_V2.CLEAN), (DEFECTIVE_V2, BUILD_V2.DEFECTIVE)):
        assert [BUILD_V2.build(r) for r in recs] == _rows(path), \
            f"{path.name} is stale: run bench/audit_labels/build_v2.py"
