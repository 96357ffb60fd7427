"""`debugex audit`: one defective example of our own for every defect kind, and the
property that whatever debugex itself writes audits clean."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debugex.audit import DEFECT_KINDS, audit_records, claimed_class, summarise
from debugex.cli import main
from debugex.compose import InfeasibleRequest
from debugex.content import Exercise, Scenario, exercise_folders, load_exercise
from debugex.dataset import Record
from debugex.inject import inject
from debugex.messages import AssistantMessage, Request, UserMessage, render_assistant, render_user

ROOT = Path(__file__).resolve().parents[1]
CORRECT = 'n = int(input("n? "))\nif n > 0:\n    print("positive", n)\nprint("done")\n'
EXERCISE = Exercise("positive", "Say whether n is positive.\n", CORRECT,
                    (Scenario("five", ("5",)), Scenario("minus", ("-1",))))


def record(program: str, locations, explanations, request=(0, 1, 0), correct=CORRECT,
           record_id="r", note="") -> Record:
    user = render_user(UserMessage("Say whether n is positive.", correct, Request(*request)))
    assistant = render_assistant(AssistantMessage("Thinking.", program, tuple(locations),
                                                  tuple(explanations), note))
    return Record(record_id, user, assistant)


TYPO = CORRECT.replace('"positive", n)', '"positive", m)')
NAME_ERROR = "Line 3: `m` is not defined, so Python raises a NameError."
CASES = {
    "clean": record(TYPO, [3], [NAME_ERROR]),
    "unparseable_request": Record("r", "<correct-program>\nx\n</correct-program>",
                                  "<root></root>"),
    "unparseable_response": Record("r", record(TYPO, [3], [NAME_ERROR]).user,
                                   "<root><thinking>t</thinking></root>"),
    "correct_program_fails": record("print(1 / 0)\n", [1], [NAME_ERROR],
                                    correct="print(1 / 0 + 1)\n"),
    "count_mismatch": record(TYPO, [3], [NAME_ERROR], request=(0, 2, 0)),
    "wrong_class": record(TYPO, [3], ["Line 3: this is a syntax error."]),
    "wrong_line": record(TYPO, [2], ["Line 2: a NameError is raised here."]),
    "not_an_error": record(CORRECT.replace('print("done")', 'print( "done")'), [4],
                           ["Line 4: a logical error."], request=(0, 0, 1)),
    "no_such_change": record(TYPO, [3, 1], [NAME_ERROR, "Line 1: a logical error."],
                             request=(0, 1, 1)),
    "unexplained_change": record(TYPO.replace("> 0", ">= 0"), [3], [NAME_ERROR]),
    "explanations_mismatch": record(TYPO, [3], ["Line 4: a NameError is raised."]),
    "locations_not_ascending": record(
        TYPO.replace('print("done")', 'print("dne")'), [4, 3],
        ["Line 4: a logical error, the wrong word is printed.", NAME_ERROR],
        request=(0, 1, 1)),
    "partial_statement_false": record(
        TYPO, [3], [NAME_ERROR], request=(0, 3, 0),
        note="Note: the request asks for 3 runtime errors, but only 1 runtime error could be "
             "placed and proven in this program: its 9 lines of code hold at most 1 error at "
             "one error per two code lines. So this exercise has fewer errors than requested."),
    "combined_class_wrong": record(TYPO.replace("> 0", "> 100"), [2, 3],
                                   ["Line 2: the limit is wrong, a logical error.", NAME_ERROR],
                                   request=(0, 1, 1)),
}


@pytest.fixture(scope="module")
def audited(sandbox):
    names = list(CASES)
    audits = audit_records([CASES[n] for n in names], sandbox, [EXERCISE])
    return dict(zip(names, audits, strict=True))


def test_every_defect_kind_has_a_case():
    assert set(CASES) - {"clean"} == set(DEFECT_KINDS)


@pytest.mark.parametrize("kind", DEFECT_KINDS)
def test_defective_example_is_caught(audited, kind):
    kinds = {d["kind"] for d in audited[kind].defects}
    assert kind in kinds, audited[kind].defects


def test_clean_example_has_no_defect(audited):
    clean = audited["clean"]
    assert clean.defects == []
    assert clean.delivered == {"syntax": 0, "runtime": 1, "logical": 0}
    assert [c.verdict for c in clean.claims] == ["holds"]
    assert clean.changes[0]["evidence"]["exc_class"] == "NameError"


def test_two_errors_on_one_line_are_two_changes(sandbox):
    both = CORRECT.replace('print("positive", n)', 'print("positive" n')
    audit = audit_records([record(both, [3, 3], ["Line 3: a missing comma, a syntax error.",
                                                 "Line 3: a missing bracket, a syntax error."],
                                  request=(2, 0, 0))], sandbox, [EXERCISE])[0]
    assert audit.delivered["syntax"] == 2 and audit.defects == []


def test_summary_counts(audited):
    summary = summarise(list(audited.values()))
    assert summary["records"] == len(CASES)
    assert summary["records_with_defects"] == len(CASES) - 1
    assert summary["claim_accuracy"]["runtime"]["hold"] >= 1


def test_claimed_class_reads_explanations():
    assert claimed_class("Line 3: ... raises a NameError at run time.") == "runtime"
    assert claimed_class("Line 2: the colon is missing, a syntax error.") == "syntax"
    assert claimed_class("Line 5: prints the wrong result - a logical error.") == "logical"
    assert claimed_class("Line 5: something odd.") is None


def test_cli_on_folder_and_jsonl(tmp_path, sandbox):
    folder = tmp_path / "examples" / "training"
    (folder / "user_content").mkdir(parents=True)
    (folder / "assistant_content").mkdir()
    for n, name in enumerate(["clean", "wrong_line"], start=1):
        (folder / "user_content" / f"example_{n}_user.xml").write_text(CASES[name].user)
        (folder / "assistant_content" / f"example_{n}_assistant.xml").write_text(
            CASES[name].assistant)
    runner = CliRunner()
    lenient = runner.invoke(main, ["audit", str(tmp_path / "examples"), "--json"])
    assert lenient.exit_code == 0, lenient.output
    report = json.loads(lenient.output)
    assert report["summary"]["records"] == 2
    assert report["summary"]["records_with_defects"] == 1
    strict = runner.invoke(main, ["audit", str(tmp_path / "examples"), "--strict"])
    assert strict.exit_code == 1 and "wrong_line" in strict.output
    jsonl = tmp_path / "data.jsonl"
    jsonl.write_text("\n".join(json.dumps({"messages": [
        {"role": "user", "content": CASES[n].user},
        {"role": "assistant", "content": CASES[n].assistant}]}) for n in ["clean", "clean"])
        + "\nnot json\n")
    result = runner.invoke(main, ["audit", str(jsonl), "--json"])
    data = json.loads(result.output)
    assert [bool(r["defects"]) for r in data["records"]] == [False, False, True]
    requests = tmp_path / "requests.jsonl"
    responses = tmp_path / "responses.jsonl"
    requests.write_text(json.dumps({"user": CASES["clean"].user}) + "\n")
    responses.write_text(json.dumps({"response": CASES["clean"].assistant}) + "\n")
    answer = runner.invoke(main, ["audit", "--requests", str(requests), "--responses",
                                  str(responses), "--strict"])
    assert answer.exit_code == 0, answer.output


LIBRARY = [load_exercise(f) for f in exercise_folders(ROOT / "content")]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])
@given(st.sampled_from(LIBRARY), st.integers(0, 2), st.integers(0, 2), st.integers(0, 2),
       st.integers(0, 10**6))
def test_what_debugex_writes_audits_clean(sandbox, exercise, s, r, lg, seed):
    request = Request(s, r, lg)
    if request.total == 0:
        return
    try:
        result = inject(exercise, request, seed, sandbox)
    except InfeasibleRequest:
        return
    audit = audit_records([Record("x", result.user_xml, result.assistant_xml)], sandbox,
                          LIBRARY)[0]
    assert audit.defects == [], (result.assistant_xml, audit.defects)
