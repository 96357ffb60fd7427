"""`debugex audit`: one defective example of our own for every defect kind, and the
property that whatever debugex itself writes audits clean."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debugex.audit import DEFECT_KINDS, audit_records, summarise
from debugex.cli import main
from debugex.content.exercises import Exercise, Scenario, exercise_folders, load_exercise
from debugex.engine.compose import InfeasibleRequest
from debugex.formats.dataset import Record
from debugex.formats.messages import (
    AssistantMessage,
    Request,
    UserMessage,
    render_assistant,
    render_user,
)
from debugex.text.class_words import claimed_class
from debugex.workflow.inject import inject

ROOT = Path(__file__).resolve().parents[1]
CORRECT = 'n = int(input("n? "))\nif n > 0:\n    print("positive", n)\nprint("done")\n'
EXERCISE = Exercise("positive", "Say whether n is positive.\n", CORRECT,
                    (Scenario("five", ("5",)), Scenario("minus", ("-1",))))


def record(program: str, locations, explanations, request=(0, 1, 0), correct=CORRECT,
           record_id="r", note="", thinking="Thinking.") -> Record:
    user = render_user(UserMessage("Say whether n is positive.", correct, Request(*request)))
    assistant = render_assistant(AssistantMessage(thinking, program, tuple(locations),
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
    # A record whose location line is prose: a format defect, the claim on line 3 holds.
    "format": Record("r", record(TYPO, [3], [NAME_ERROR]).user, record(TYPO, [3], [
        NAME_ERROR]).assistant.replace("3\n</error-location>",
                                       "3\nthe line after the loop\n"
                                       "</error-location>")),
    "missing_response": Record("r", record(TYPO, [3], [NAME_ERROR]).user, "  \n"),
    # The thinking and the evidence re-run (audit/thinking_check.py): Python stops on
    # line 3, "dune" is never printed, and line 3's error shows while line 4's is there.
    "wrong_evidence_line": record(TYPO, [3], [
        "Line 3: `m` is not defined: with the input 5 the program stops on line 2 with a "
        "NameError."]),
    "false_quote": record(CORRECT.replace('print("done")', 'print("dne")'), [4], [
        'Line 4: the word is misspelt: with the input 5 the program prints "dune" instead '
        'of "done" - a logical error.'], request=(0, 0, 1)),
    "false_interplay": record(
        CORRECT.replace('print("done")', 'print("dne")').replace('"positive"', '"positiv"'),
        [3, 4], ["Line 3: a misspelt word, a logical error.",
                 "Line 4: a misspelt word, a logical error."], request=(0, 0, 2),
        thinking="The logical error on line 3 shows nothing until the logical error on "
                 "line 4 is fixed."),
    # A stock reason whose premise the change itself shows absent (audit/premise_check.py):
    # `m` for `n` is no swap of two letters.
    "false_premise": record(TYPO, [3], [
        "Line 3: two swapped letters in `n` make a new name, so Python raises a NameError."]),
    # Never differs, yet not the same syntax tree: nobody proved it harmless.
    "unverified": record(CORRECT.replace('print("done")', 'print("do" + "ne")'), [4],
                         ["Line 4: a logical error."], request=(0, 0, 1)),
    "misleading_explanation": record(CORRECT.replace("n > 0", "n < 0"), [2],
                                     ["Line 2: the value at the boundary takes the wrong "
                                      "branch, a logical error."], request=(0, 0, 1)),
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
    # The clean record has none; the unverified one has only what --strict=all counts.
    assert summary["records_with_defects"] == len(CASES) - 2
    assert summary["records_unverified"] == 1
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


def test_records_that_match_no_exercise_of_the_content_are_said(tmp_path):
    other = tmp_path / "content" / "hello"
    other.mkdir(parents=True)
    (other / "correct.py").write_text("print('hello')\n")
    (other / "description.txt").write_text("Say hello.\n")
    jsonl = tmp_path / "data.jsonl"
    jsonl.write_text(json.dumps({"messages": [
        {"role": "user", "content": CASES["clean"].user},
        {"role": "assistant", "content": CASES["clean"].assistant}]}) + "\n")
    result = CliRunner().invoke(main, ["audit", str(jsonl), "--content",
                                       str(tmp_path / "content")])
    assert result.exit_code == 0, result.output
    assert "warning: 1 of 1 records match no exercise of" in result.output
    assert "synthesised scenarios" in result.output


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


AGE = "age = int(input())\nif age >= 18:\n    print('adult')\nelse:\n    print('minor')\n"
AGE_EXERCISE = Exercise("age", "Adult or minor.\n", AGE,
                        (Scenario("old", ("100",)), Scenario("negative", ("-1",))))


def test_a_boundary_change_is_found_though_the_scenarios_are_far_from_it(sandbox):
    late = record(AGE.replace(">=", ">"), [2], ["Line 2: 18 counts as a minor, a logical error."],
                  request=(0, 0, 1), correct=AGE)
    audit = audit_records([late], sandbox, [AGE_EXERCISE])[0]
    assert audit.defects == [] and [c.verdict for c in audit.claims] == ["holds"]
    assert audit.changes[0]["evidence"]["scenario"].startswith("found_by_audit")


def test_a_program_matches_its_exercise_whatever_its_layout(sandbox):
    spaced = AGE.replace("age >= 18", "age>=18").replace("    ", "  ") + "\n# the end\n"
    late = spaced.replace(">=", ">")
    audit = audit_records([record(late, [2], ["Line 2: a logical error."], request=(0, 0, 1),
                                  correct=spaced)], sandbox, [AGE_EXERCISE])[0]
    assert audit.checks == "scenarios of content exercise 'age'"


def test_unanswered_requests_count_in_every_figure(sandbox, tmp_path):
    clean = CASES["clean"]
    requests = tmp_path / "requests.jsonl"
    responses = tmp_path / "responses.jsonl"
    requests.write_text("".join(json.dumps({"user": clean.user}) + "\n" for _ in range(3)))
    responses.write_text("".join(json.dumps({"response": clean.assistant}) + "\n"
                                 for _ in range(2)))
    runner = CliRunner()
    result = runner.invoke(main, ["audit", "--requests", str(requests), "--responses",
                                  str(responses), "--json"])
    summary = json.loads(result.output)["summary"]
    assert summary["request_satisfaction"] == round(2 / 3, 4)
    assert summary["claims"] == 3 and summary["claims_hold"] == 2
    assert summary["line_accuracy"] == round(2 / 3, 4)
    assert summary["claim_accuracy"]["runtime"]["accuracy"] == round(2 / 3, 4)
    strict = runner.invoke(main, ["audit", "--requests", str(requests), "--responses",
                                  str(responses), "--strict"])
    assert strict.exit_code == 1 and "missing_response" in strict.output


def test_broken_jsonl_records_count_as_failed(sandbox, tmp_path):
    data = tmp_path / "answers.jsonl"
    good = json.dumps({"messages": [{"role": "user", "content": CASES["clean"].user},
                                    {"role": "assistant", "content": CASES["clean"].assistant}]})
    data.write_text(good + "\n" + "{broken\n" * 3)
    result = CliRunner().invoke(main, ["audit", str(data), "--json"])
    summary = json.loads(result.output)["summary"]
    assert summary["request_satisfaction"] == 0.25 and summary["records_with_defects"] == 3


@pytest.mark.parametrize("text", ["", "\n\n"])
def test_an_input_without_records_is_an_error(tmp_path, text):
    empty = tmp_path / "empty.jsonl"
    empty.write_text(text)
    result = CliRunner().invoke(main, ["audit", str(empty), "--strict"])
    assert result.exit_code == 2 and "no records" in result.output


def test_unverified_fails_only_strict_all(tmp_path, sandbox):
    data = tmp_path / "one.jsonl"
    unverified = CASES["unverified"]
    data.write_text(json.dumps({"messages": [
        {"role": "user", "content": unverified.user},
        {"role": "assistant", "content": unverified.assistant}]}) + "\n")
    runner = CliRunner()
    scenarios = tmp_path / "scenarios.toml"
    scenarios.write_text('[[scenario]]\nname = "five"\nstdin = ["5"]\n')
    base = ["audit", str(data), "--scenarios", str(scenarios)]
    assert runner.invoke(main, base + ["--strict"]).exit_code == 0
    everything = runner.invoke(main, base + ["--strict=all"])
    assert everything.exit_code == 1 and "unverified" in everything.output


def test_a_one_off_program_runs_on_the_given_scenarios(sandbox):
    given_scenarios = (Scenario("zero", ("0",)),)
    audit = audit_records([CASES["clean"]], sandbox, [], scenarios=given_scenarios)[0]
    assert audit.checks == "scenarios given for this program" and audit.defects == []


def test_three_errors_on_one_line_are_three_claims_that_hold(sandbox):
    hello = 'print("Hello world")\n'
    broken = "    print(\"Hello world'}\n"
    explanations = ["Line 1: the line is indented for no reason, an IndentationError.",
                    "Line 1: the text opens with \" but closes with ', a syntax error.",
                    "Line 1: the bracket is closed with }, a syntax error."]
    audit = audit_records([record(broken, [1, 1, 1], explanations, request=(3, 0, 0),
                                  correct=hello)], sandbox)[0]
    assert audit.defects == [] and [c.verdict for c in audit.claims] == ["holds"] * 3


def test_a_reworded_string_literal_is_one_change(sandbox):
    hello = 'print("Hello world")\n'
    audit = audit_records([record('print("greetings land")\n', [1],
                                  ["Line 1: the greeting is wrong, a logical error."],
                                  request=(0, 0, 1), correct=hello)], sandbox)[0]
    assert audit.defects == [] and len(audit.changes) == 1


def test_strict_is_a_flag_wherever_it_stands(tmp_path):
    data = tmp_path / "one.jsonl"
    data.write_text(json.dumps({"messages": [
        {"role": "user", "content": CASES["wrong_line"].user},
        {"role": "assistant", "content": CASES["wrong_line"].assistant}]}) + "\n")
    for args in (["--strict", str(data)], [str(data), "--strict"], ["--strict=all", str(data)]):
        result = CliRunner().invoke(main, ["audit", *args])
        assert result.exit_code == 1 and "wrong_line" in result.output, (args, result.output)


@pytest.mark.parametrize(("name", "typo", "slips"), [
    ("total", "Total", {"a capital letter"}),
    ("total", "totl", {"one dropped letter"}),
    ("total", "toatl", {"two swapped letters"}),
    ("total", "totall", {"one doubled letter"}),
    ("total", "totel", {"one wrong vowel"}),
    ("max_speed", "maxspeed", {"one dropped letter", "leaving out the underscores"}),
    ("item", "items", {"one added `s`"}),
    ("n", "m", set()),
])
def test_a_name_slip_is_read_from_the_two_names(name, typo, slips):
    from debugex.audit.premise_check import _slips
    assert _slips(name, typo) == slips
