"""Issue 31 (every sentence true): removed statements told in their block, random programs
told honestly, and the audit re-running the thinking (false_interplay,
wrong_evidence_line, false_quote). See docs/locations.md."""

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from debugex.audit import audit_records
from debugex.cli import main
from debugex.content.exercises import Exercise, Scenario, exercise_folders, load_exercise
from debugex.engine import REJECTED, prepare
from debugex.engine.locations import block_end, located_lines
from debugex.engine.seeds import SEED_DEPENDENT, under_seeds
from debugex.engine.verify import judge_sources
from debugex.formats import Request
from debugex.formats.dataset import Record
from debugex.formats.messages import (
    AssistantMessage,
    UserMessage,
    render_assistant,
    render_user,
)
from debugex.injectors import Edit
from debugex.sandbox import Job
from debugex.text.evidence import Evidence
from debugex.text.explanations import causes
from debugex.text.facts import ErrorFacts
from debugex.workflow.inject import inject

ROOT = Path(__file__).resolve().parents[1]
LIBRARY = {e.slug: e for e in (load_exercise(f) for f in exercise_folders(ROOT / "content"))}

WORDS = ('words = input("Words: ").split()\ncount = 0\nlongest = ""\nfor word in words:\n'
         '    if len(word) > len(longest):\n        longest = word\n    count += 1\n\n'
         'print("Words:", count)\nprint("Longest:", longest)\n')
WORDS_EXERCISE = Exercise("words", "Count the words and find the longest.\n", WORDS,
                          (Scenario("three", ("a bb ccc",)), Scenario("four", ("to be or not",))))


def _removal(source: str, text: str) -> Edit:
    start = source.index(text)
    return Edit("missing_statement", "logical", start, start + len(text), "",
                source.count("\n", 0, start) + 1)


# (program, removed line, line it is told at, the block it ended or None)
LOCATIONS = [
    (WORDS, "    count += 1\n", 6, "the body of the `for` loop over `words`"),
    ("n = 0\nfor x in [1, -2, 3]:\n    if x > 0:\n        print(x)\n        n += 1\n"
     "    print('next')\nprint(n)\n", "        n += 1\n", 4, "the block under `if x > 0`"),
    ("def f(xs):\n    out = []\n    for x in xs:\n        out.append(x)\n    out.sort()\n\n"
     "    return out\n", "    out.sort()\n", 6, None),  # the next code line, not the blank one
    ("def f(n):\n    total = n\n    total += 1\n\n\nprint(f(2))\n", "    total += 1\n", 2,
     "the body of the function `f`"),
    ("n = int(input())\nif n > 0:\n    print('yes')\nelse:\n    print('no')\n    n = 0\n"
     "print(n)\n", "    n = 0\n", 5, "the `else` block"),
    ("import math\nprint(math.pi)\n", "import math\n", 1, None),  # an import stays put
]


@pytest.mark.parametrize(("source", "removed", "told", "block"), LOCATIONS)
def test_a_removed_statement_is_told_in_its_block(source, removed, told, block):
    edit = _removal(source, removed)
    diffed = edit.line  # where the diff puts a deletion: the line now standing there
    assert located_lines(source, [edit], [diffed]) == [told]
    found = block_end(source, edit.start, edit.end)
    assert (found[1] if found else None) == block
    incorrect = edit.apply(source)
    assert incorrect.splitlines()[told - 1].strip(), "never a blank line"


def _facts(source: str, removed: str, block: str | None) -> tuple[ErrorFacts, str]:
    edit = _removal(source, removed)
    info = {"statement": removed.strip(), "effect": "`count` is not updated"}
    if block:
        info["block"] = block
    line = located_lines(source, [edit], [edit.line])[0]
    return (ErrorFacts("missing_statement", "logical", line, edit.line, removed, "",
                       Evidence("logical"), info), edit.apply(source))


def test_the_explanation_names_the_block_and_never_the_outer_line():
    import random
    facts, incorrect = _facts(WORDS, "    count += 1\n", "the body of the `for` loop over `words`")
    texts = causes(facts, incorrect, random.Random(0))[:-1]  # the generic one aside
    assert texts and all("after line 6" in t and "`for` loop over `words`" in t for t in texts)
    assert not any("before" in t for t in texts)
    inside, incorrect = _facts(WORDS, 'count = 0\n', None)  # another statement follows
    texts = causes(inside, incorrect, random.Random(0))[:-1]
    assert texts and all("at the end of" not in t for t in texts)
    assert any("before `longest = \"\"`" in t for t in texts)


def _record(program: str, locations, explanations, request=(0, 0, 1), correct=WORDS,
            thinking="Thinking.", description="Count the words and find the longest.") -> Record:
    user = render_user(UserMessage(description, correct, Request(*request)))
    assistant = render_assistant(AssistantMessage(thinking, program, tuple(locations),
                                                  tuple(explanations)))
    return Record("r", user, assistant)


NO_COUNT = WORDS.replace("    count += 1\n", "")
IN_BLOCK = ("Line 6: a statement is missing at the end of the body of the `for` loop over "
            "`words` (after line 6), so `count` is not updated - a logical error.")


def test_the_audit_reads_the_location_rule(sandbox):
    good = _record(NO_COUNT, [6], [IN_BLOCK])
    outer = _record(NO_COUNT, [7], ['Line 7: a statement is missing just before '
                                    '`print("Words:", count)` - a logical error.'])
    wrong_after = _record(NO_COUNT, [6], [IN_BLOCK.replace("after line 6", "after line 5")])
    audits = audit_records([good, outer, wrong_after], sandbox, [WORDS_EXERCISE])
    assert audits[0].defects == [] and [c.verdict for c in audits[0].claims] == ["holds"]
    for bad in audits[1:3]:
        assert [d["kind"] for d in bad.defects] == ["misleading_explanation"], bad.defects


ROLL = ("import random\nroll = random.randint(1, 1000)\nprint('You rolled', roll)\n"
        "print('Good luck')\n")
ROLL_EXERCISE = Exercise("roll", "Roll a die and wish luck.\n", ROLL, (Scenario("once", ()),))


def test_a_random_program_keeps_only_what_every_seed_shows(sandbox):
    prepared = prepare(ROLL_EXERCISE, sandbox)
    rolled = int(re.search(r"rolled (\d+)", prepared.oracle[0].stdout).group(1))
    sources = [
        ROLL.replace("', roll)", "', roll + 1)"),  # logical under every seed, other numbers
        ROLL.replace("Good luck", "Good lcuk"),  # logical, the same line under every seed
        ROLL.replace("', roll)", f"', roll if roll != {rolled} else 1 / 0)"),  # this roll only
    ]
    verdicts = judge_sources([(prepared, s) for s in sources], sandbox)
    assert [v.status for v in verdicts] == ["logical", "logical", "runtime"]
    kept = under_seeds(prepared, sources, verdicts, sandbox)
    assert kept[0].status == "logical" and kept[0].difference is None  # no seed-bound quote
    assert kept[1] == verdicts[1] and "Good lcuk" in kept[1].difference
    assert kept[2].status == REJECTED and kept[2].reason == SEED_DEPENDENT
    assert under_seeds(prepare(WORDS_EXERCISE, sandbox), sources, verdicts,
                       sandbox) == verdicts  # no `random`: nothing to do


def _jsonl(tmp_path: Path, name: str, records) -> Path:
    path = tmp_path / f"{name}.jsonl"
    path.write_text("".join(json.dumps({"messages": [
        {"role": "user", "content": r.user}, {"role": "assistant", "content": r.assistant}]})
        + "\n" for r in records))
    return path


def _strict(path: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["audit", str(path), "--strict", "--json",
                                       "--workers", "1"])
    kinds = [d["kind"] for r in json.loads(result.output)["records"] for d in r["defects"]]
    return result.exit_code, kinds


@pytest.fixture(scope="module")
def drafts(sandbox):
    """Good drafts debugex writes: an evidence line, a quoted output, two logical errors."""
    made = {name: inject(LIBRARY[slug], Request(*request), seed, sandbox)
            for name, (slug, request, seed) in {
                "line": ("class_marks", (0, 1, 0), 5),  # a draft that says "stops on line N"
                "quote": ("factorial_loop", (0, 0, 1), 0),
                "two": ("even_or_odd", (0, 0, 2), 0)}.items()}
    return {name: Record(name, r.user_xml, r.assistant_xml) for name, r in made.items()}


def _swap_quote(text: str) -> str:
    got, want = re.search(r'prints "([^"]+)" instead of "([^"]+)"', text).groups()
    return text.replace(f'prints "{got}" instead of "{want}"',
                        f'prints "{got}9" instead of "{want}"', 1)


def _shift_line(text: str) -> str:
    number = int(re.search(r"stops on line (\d+)", text).group(1))
    return text.replace(f"stops on line {number}", f"stops on line {number + 1}")


def _false_hides(text: str) -> str:
    lines = re.search(r"<error-location>\n(\d+)\n(\d+)\n", text).groups()
    sentence = (f"The logical error on line {lines[1]} shows nothing until the logical error "
                f"on line {lines[0]} is fixed.")
    return text.replace("</thinking>", sentence + "\n</thinking>", 1)


def test_the_audit_catches_each_false_sentence_reintroduced(sandbox, drafts, tmp_path):
    assert "stops on line" in drafts["line"].assistant
    assert '" instead of "' in drafts["quote"].assistant
    assert _strict(_jsonl(tmp_path, "good", drafts.values())) == (0, [])
    families = {
        "wrong_evidence_line": Record("a", drafts["line"].user,
                                      _shift_line(drafts["line"].assistant)),
        "false_quote": Record("b", drafts["quote"].user, _swap_quote(drafts["quote"].assistant)),
        "false_interplay": Record("c", drafts["two"].user, _false_hides(drafts["two"].assistant)),
    }
    for kind, record in families.items():
        code, kinds = _strict(_jsonl(tmp_path, kind, [record]))
        assert code == 1 and kind in kinds, (kind, kinds)


GREET = 'name = input("Name: ")\nprint("Hello, " + name + "!")\n'


def test_a_quoted_input_must_keep_its_spaces(sandbox, tmp_path):
    exercise = Exercise("greet", "Greet by name.\n", GREET, (Scenario("spaced", (" ada ",)),))
    program = GREET.replace('"Hello, "', '"Helo, "')
    said = ('Line 2: the greeting is misspelt, a logical error. With the input {} the program '
            'prints "Helo,  ada !" instead of "Hello,  ada !".')
    lost = _record(program, [2], [said.format('"ada"')], correct=GREET,
                   description="Greet by name.")
    kept = _record(program, [2], [said.format('" ada "')], correct=GREET,
                   description="Greet by name.")
    audits = audit_records([lost, kept], sandbox, [exercise])
    assert [d["kind"] for d in audits[0].defects] == ["false_quote"], audits[0].defects
    assert audits[1].defects == [], audits[1].defects


def test_the_bundled_examples_stay_clean():
    result = CliRunner().invoke(main, ["audit", str(ROOT / "fine-tuning-examples"), "--strict",
                                       "--workers", "1", "-q"])
    assert result.exit_code == 0, result.output


def test_a_sandbox_seed_is_the_jobs_default():
    # the rule's first seed is the one every other proof uses
    from debugex.engine.seeds import DEFAULT_SEED, other_seeds
    assert Job("x").seed == DEFAULT_SEED and DEFAULT_SEED not in other_seeds()
    assert len(other_seeds()) == 4
