"""Styles end to end: `inject --style`, the style recorded, a stored draft re-rendered,
and a generated exercise auditing clean with the text checks."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from debugex.audit.grade import audit_records
from debugex.cli import main
from debugex.content.exercises import load_exercise
from debugex.engine.restyle import restyle
from debugex.formats.dataset import Record
from debugex.formats.messages import Request, parse_assistant
from debugex.workflow.inject import inject

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def exercise():
    return load_exercise(ROOT / "content" / "grade_calculator")


@pytest.mark.parametrize("style", ["teacher", "terse"])
def test_inject_writes_the_style_and_records_it(style):
    result = CliRunner().invoke(main, ["inject", "--exercise", "grade_calculator",
                                       "--logical", "1", "--runtime", "1", "--seed", "3",
                                       "--style", style, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["style"] == style
    texts = [e["explanation"] for e in data["errors"]]
    if style == "terse":
        assert all(t.count(". ") == 0 and len(t) < 120 for t in texts)
    else:  # the logical one names the input and both outputs
        logical = next(e for e in data["errors"] if e["error_class"] == "logical")
        assert "instead of" in logical["explanation"] and "with the input" in \
            logical["explanation"].lower()
    assert all(e["case"]["stdin"] for e in data["errors"] if e["evidence"]["scenario"])


def test_a_stored_draft_is_re_rendered_in_another_style(sandbox, exercise):
    result = inject(exercise, Request(1, 1, 1), 5, sandbox)
    draft = {"user_xml": result.user_xml, "assistant_xml": result.assistant_xml,
             "errors": json.loads(json.dumps(result.errors())), "seed": 5}
    terse = parse_assistant(restyle(draft, "terse"))
    teacher = parse_assistant(result.assistant_xml)
    assert terse.program == teacher.program and terse.locations == teacher.locations
    assert terse.thinking == teacher.thinking
    assert terse.explanations != teacher.explanations
    assert all(t.startswith(f"Line {n}: ") for t, n in zip(terse.explanations,
                                                          terse.locations, strict=True))
    assert parse_assistant(restyle(draft, "teacher")).explanations != terse.explanations


@pytest.mark.parametrize("style", ["teacher", "terse"])
def test_generated_text_audits_clean(sandbox, exercise, style):
    records = []
    for seed, request in enumerate([Request(0, 0, 2), Request(1, 1, 1), Request(2, 1, 3)]):
        result = inject(exercise, request, seed, sandbox, style=style)
        records.append(Record(f"r{seed}", result.user_xml, result.assistant_xml))
    for audit in audit_records(records, sandbox, [exercise]):
        assert not audit.defects, audit.defects
