"""The audit on records in the hand-made dataset's own style: what it reads as a note (a
quirk a loader can read, a reading it chose) and what stays a defect. Records and the
small exercise are our own writing; all are audited in one batch."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from debugex.audit import audit_records
from debugex.audit.proofs import same_program
from debugex.cli import main
from debugex.content import Exercise, Scenario
from debugex.engine import with_location_style
from debugex.formats import (
    AssistantMessage,
    Record,
    Request,
    UserMessage,
    render_assistant,
    render_user,
)
from debugex.sandbox import Sandbox

CORRECT = """price = float(input("Price: "))
quantity = int(input("Quantity: "))

total = price * quantity
if quantity >= 10:
    total = total * 0.9
print("Total:", round(total, 2))
"""
DESCRIPTION = "Read a price and a quantity and print the total; 10 or more items get 10% off."
EXERCISE = Exercise("bulk_price", DESCRIPTION + "\n", CORRECT,
                    (Scenario("few", ("2.5", "4")), Scenario("ten", ("3", "10")),
                     Scenario("many", ("1", "12"))))


def _indented(text: str, by: int) -> str:
    return "".join(" " * by + line if line.strip() else line
                   for line in text.splitlines(keepends=True))


def seed(program: str, locations: list[str], explanations: list[str],
         request: tuple[str, str, str], record_id: str) -> Record:
    """A record written the way the hand-made dataset writes them: the assistant's
    blocks nested and indented in their tags, CRLF line endings, no final newline."""
    syntax, runtime, logical = request
    user = (f"<description>\n  {DESCRIPTION}\n</description>\n\n<correct-program>\n"
            f"{CORRECT}</correct-program>\n<syntax>{syntax}</syntax>\n"
            f"<runtime>{runtime}</runtime>\n<logical>{logical}</logical>")
    body = (f"<thinking>\n    Our reasoning.\n</thinking>\n<incorrect-program>\n"
            f"{_indented(program, 4)}</incorrect-program>\n<error-location>\n"
            + "".join(f"    {item}\n" for item in locations) + "</error-location>\n"
            "<explanation>\n" + "".join(f"    {item}\n" for item in explanations)
            + "</explanation>\n")
    assistant = f"<root>\n{_indented(body, 4)}</root>"
    return Record(record_id, user.replace("\n", "\r\n"), assistant.replace("\n", "\r\n"))


def edit(*pairs: tuple[str, str]) -> str:
    program = CORRECT
    for old, new in pairs:
        assert program.count(old) == 1, old
        program = program.replace(old, new)
    return program


NO_TOTAL = edit(("total = price * quantity\n", ""))
NAME_ERROR = "Line 4: the line that works out `total` is gone, so using `total` later " \
             "raises a NameError."
ASK_TWICE = edit(('quantity = int(input("Quantity: "))\n',
                  'quantity = int(input("Quantity: "))\n' * 2))
SWAPPED = edit(('price = float(input("Price: "))\nquantity = int(input("Quantity: "))\n',
                'quantity = int(input("Quantity: "))\nprice = float(input("Price: "))\n'))
SWAP_TEXT = "the two questions are asked the other way round, so the price 2.5 is read as " \
            "a quantity and int() raises a ValueError."
CLEAN = {
    "removed_line": seed(NO_TOTAL, ["Removed line 4 of original program"], [NAME_ERROR],
                         ("0", "1", "0"), "removed_line"),
    # A blank line added above shifts the removal to line 5 of the incorrect program.
    "removed_after_shift": seed(
        edit(("quantity = int(input(\"Quantity: \"))\n",
              "quantity = int(input(\"Quantity: \"))\n\n"), ("total = price * quantity\n", "")),
        ["Removed line 4 of original program"], [NAME_ERROR], ("0", "1", "0"),
        "removed_after_shift"),
    "layout": seed(
        edit(('price = float(input("Price: "))\n', 'price = float(input("Price: "))  \n'),
             ("\n\ntotal", "\ntotal"), ("if quantity >= 10", "if quantity > 10")),
        ["4"], ["Line 4: `>` leaves out exactly 10 items, so 10 items at 3 cost 30.0 instead "
                "of 27.0: a logical error."], ("0", "0", "1"), "layout"),
    "asks_twice": seed(ASK_TWICE, ["3"], [
        "Line 3: the quantity is asked for a second time, so after typing 4 the user sees "
        "the question again and the program waits: a logical error."], ("0", "0", "1"),
        "asks_twice"),
    "minus_zero": seed(edit(("round(total, 2)", "round(totl, 2)")), ["7"],
                       ["Line 7: `totl` is not defined, so the last line raises a NameError."],
                       ("0", "1", "-0"), "minus_zero"),
    "reordered": seed(
        edit(("if quantity >= 10", "if quantity > 10"), ("total * 0.9", "total * 0.09")),
        ["5", "6"], ["Line 6: `0.09` takes 91% off, so 12 items at 1 cost 1.08 instead of 10.8: "
                     "a logical error.",
                     "Line 5: `>` leaves out exactly 10 items, so 10 items at 3 cost 30.0 "
                     "instead of 27.0: a logical error."], ("0", "0", "2"), "reordered"),
    "swap_first": seed(SWAPPED, ["1"], [f"Line 1: {SWAP_TEXT}"], ("0", "1", "0"),
                       "swap_first"),
    "swap_second": seed(SWAPPED, ["2"], [f"Line 2: {SWAP_TEXT}"], ("0", "1", "0"),
                        "swap_second"),
    # A removal and an edit of the line that now stands where it was.
    "removal_beside_edit": seed(
        edit(("total = price * quantity\n", ""), ("if quantity >= 10", "if quantity > 10")),
        ["Removed line 4 of original program", "4"],
        [NAME_ERROR, "Line 4: `>` leaves out exactly 10 items from the discount: a logical "
                     "error."], ("0", "1", "1"), "removal_beside_edit"),
    "three_neighbours": seed(
        edit(('price = float(input("Price: "))', 'price = float(input("Price: ")'),
             ('quantity = int(input("Quantity: "))\n', ""),
             ("total = price * quantity", "total = price * * quantity")),
        ["1", "Removed line 2 of original program", "3"],
        ["Line 1: a bracket is left open, a syntax error.",
         "Line 2: without the quantity line, `quantity` is never defined: a NameError.",
         "Line 3: `* *` is not an operator, a syntax error."], ("2", "1", "0"),
        "three_neighbours"),
}
DEFECTIVE = {
    "removed_wrong_line": (seed(NO_TOTAL, ["Removed line 5 of original program"],
                                ["Line 5: the discount test is gone: a NameError."],
                                ("0", "1", "0"), "removed_wrong_line"), "wrong_line"),
    "layout_claimed": (seed(edit(("\n\ntotal", "\ntotal")), ["3"],
                            ["Line 3: the blank line is missing: a logical error."],
                            ("0", "0", "1"), "layout_claimed"), "not_an_error"),
    "wrong_result": (seed(edit(("if quantity >= 10", "if quantity > 10")), ["5"],
                          ["Line 5: `>` leaves out 10, so for 3 and 10 the program prints "
                           "25.0 instead of 27.0: a logical error."], ("0", "0", "1"),
                          "wrong_result"), "misleading_explanation"),
    "too_early": (seed(NO_TOTAL, ["Removed line 4 of original program"],
                       ["Line 4: without `total` the program raises a NameError as soon as "
                        "it starts."], ("0", "1", "0"), "too_early"),
                  "misleading_explanation"),
    "waits_called_crash": (seed(ASK_TWICE, ["3"], ["Line 3: asking again raises an "
                                                    "EOFError: a runtime error."],
                                ("0", "1", "0"), "waits_called_crash"), "wrong_class"),
}


def _our_style() -> Record:
    """Our own output in the `removed-lines` location style (a removal and an edit)."""
    program = edit(("total = price * quantity\n", ""), ("round(total, 2)", "round(total 2)"))
    message = AssistantMessage("Our reasoning.", program, (4, 6), (
        "Line 4: the removed line defined `total`, so `total` is not defined below: a "
        "NameError.", "Line 6: a comma is missing between the arguments: a syntax error."))
    styled = with_location_style(message, CORRECT, "removed-lines")
    assert styled.locations == (4, 6) and styled.removed == (0,)
    assert "Removed line 4 of original program" in render_assistant(styled)
    user = render_user(UserMessage(DESCRIPTION, CORRECT, Request(1, 1, 0)))
    return Record("our_style", user, render_assistant(styled))


CLEAN["our_style"] = _our_style()


@pytest.fixture(scope="module")
def audited():
    records = list(CLEAN.values()) + [r for r, _ in DEFECTIVE.values()]
    with Sandbox(workers=2) as sandbox:
        audits = audit_records(records, sandbox, [EXERCISE])
    return {a.id: a for a in audits}


@pytest.mark.parametrize("name", sorted(CLEAN))
def test_a_record_using_the_formats_freedoms_has_no_defect(audited, name):
    audit = audited[name]
    assert audit.defects == [], audit.defects
    assert audit.requested == audit.delivered
    assert all(c.verdict == "holds" for c in audit.claims), audit.claims
    assert not audit.failing("defects") and audit.failing("all")  # notes count for `all`


@pytest.mark.parametrize("name,kinds", [
    ("removed_line", {"removed_line_location", "missing_final_newline"}),
    ("removed_after_shift", {"removed_line_location", "layout_change"}),
    ("layout", {"layout_change"}),
    ("minus_zero", {"count_written_oddly"}),
    ("reordered", {"explanations_reordered"}),
])
def test_what_is_read_is_said_as_a_note(audited, name, kinds):
    assert kinds <= {n["kind"] for n in audited[name].notes}, audited[name].notes


def test_the_other_side_of_a_swap_is_a_reading_said_as_such(audited):
    lines = {audited[n].claims[0].change_line for n in ("swap_first", "swap_second")}
    assert len(lines) == 1  # the diff names one of the two lines...
    other = "swap_first" if lines == {2} else "swap_second"
    notes = [n for n in audited[other].notes if n["kind"] == "other_reading"]
    assert notes and "changed places" in notes[0]["detail"]  # ...the other holds, and says so


def test_a_program_waiting_for_input_is_a_logical_error(audited):
    change = audited["asks_twice"].changes[0]
    assert change["class"] == "logical"
    assert "waits" in change["evidence"]["difference"]


@pytest.mark.parametrize("name", sorted(DEFECTIVE))
def test_a_real_defect_is_still_a_defect(audited, name):
    _, kind = DEFECTIVE[name]
    assert kind in {d["kind"] for d in audited[name].defects}, audited[name].defects


def test_strict_fails_on_defects_and_strict_all_on_notes(tmp_path):
    path = tmp_path / "notes_only.jsonl"
    record = CLEAN["minus_zero"]
    path.write_text(json.dumps({"messages": [{"role": "user", "content": record.user},
                                             {"role": "assistant",
                                              "content": record.assistant}]}) + "\n")
    scenarios = tmp_path / "scenarios.toml"
    scenarios.write_text("".join(f'[[scenario]]\nname = "{s.name}"\nstdin = {list(s.stdin)}\n'
                                 .replace("'", '"') for s in EXERCISE.scenarios))
    fast = ["--workers", "1", "--scenarios", str(scenarios), "--content", str(tmp_path)]
    runner = CliRunner()
    strict = runner.invoke(main, ["audit", str(path), "--strict", "--json", *fast])
    assert strict.exit_code == 0, strict.output
    data = json.loads(strict.output)
    assert data["records"][0]["defects"] == []
    assert "count_written_oddly" in data["summary"]["notes_by_kind"]
    every = runner.invoke(main, ["audit", str(path), "--strict=all", *fast])
    assert every.exit_code == 1
    assert "note: count_written_oddly" in every.output


@pytest.mark.parametrize("before,after,same", [
    ("t = float(input())\nt += t * 2\nprint(t)\n", "t = float(input())\nt = t + t * 2\n"
     "print(t)\n", True),
    ("s = ''\nfor c in 'ab':\n    s += c\n", "s = ''\nfor c in 'ab':\n    s = s + c\n", True),
    ("x = []\nx += [1]\nprint(x)\n", "x = []\nx = x + [1]\nprint(x)\n", False),
    ("def f(x):\n    x += 1\n    return x\n", "def f(x):\n    x = x + 1\n    return x\n", False),
    ("n = 1\nn += 1\nexec('n = []')\n", "n = 1\nn = n + 1\nexec('n = []')\n", False),
    ("t = 1\nt += 2\n", "t = 1\nt = t - 2\n", False),
])
def test_an_augmented_assignment_written_out_is_proven_only_for_numbers_and_text(
        before, after, same):
    assert bool(same_program(before, after)) == same


def test_inject_writes_removed_lines_only_when_asked():
    runner = CliRunner()
    args = ["inject", "--exercise", "vowel_counter", "--logical", "2", "--seed", "11",
            "--workers", "1"]
    plain = runner.invoke(main, args)
    styled = runner.invoke(main, args + ["--locations", "removed-lines"])
    assert plain.exit_code == styled.exit_code == 0, styled.output
    assert "Removed line" not in plain.output
    # This seed's second error deletes a call (MissingStatement): located by its line in
    # the correct program, and explained under the same number.
    removed = [line for line in styled.output.splitlines() if line.startswith("Removed line")]
    assert len(removed) == 1, styled.output
    number = removed[0].split()[2]
    assert f"\nLine {number}:" in styled.output
    assert styled.output.replace(removed[0], number) == plain.output  # nothing else differs
