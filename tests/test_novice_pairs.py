"""The novice bug pairs in bench/novice_pairs: the invariants bench/realism.py relies on."""

import ast
import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

FOLDER = Path(__file__).resolve().parents[1] / "bench" / "novice_pairs"

# bench is not a package, so the loader is imported from its file.
_spec = importlib.util.spec_from_file_location("novice_pairs_load", FOLDER / "load.py")
load = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = load
_spec.loader.exec_module(load)

# Minimum number of pairs per kind (the corpus brief's floor for each).
MINIMUMS = {
    "variable_misuse": 45,
    "element_vs_collection": 22,
    "empty_test_wrong_form": 18,
    "index_on_comparison": 10,
    "wrong_return_value": 15,
    "method_not_called": 8,
    "boundary_slip": 6,
    "condition_part_dropped": 6,
    "return_in_loop": 6,
    "reversed_comparison": 6,
    "wrong_value_used": 6,
    "inplace_result_assigned": 6,
    "wrong_empty_container": 6,
    "off_by_one_range": 6,
    "missing_type_conversion": 6,
    "reversed_assignment": 6,
    "wrong_constant": 6,
    "wrong_equality_operator": 6,
    "missing_f_prefix": 6,
    "dropped_call": 6,
    "changed_output_text": 3,
}

PAIRS = load.load_pairs()


# Corpus v2 (issue 37): the forms students type, on task shapes v1 did not use; a tuned
# half and a half written first and kept apart, with the same kinds in both.
V2_KINDS = {"empty_test_wrong_form", "element_vs_collection", "method_not_called",
            "off_by_one_range", "start_value", "type_name_for_variable", "variable_misuse",
            "wrong_return_value", "index_on_comparison"}


def test_corpus_size_and_kinds():
    first = [pair for pair in PAIRS if pair.half == "v1"]
    assert len(first) >= 200
    counts = Counter(pair.kind for pair in first)
    assert set(counts) == set(MINIMUMS)
    short = {kind: counts[kind] for kind, least in MINIMUMS.items() if counts[kind] < least}
    assert not short, f"kinds below their minimum: {short}"


def test_corpus_v2_halves():
    tuned = [pair for pair in PAIRS if pair.half == "tuned"]
    held = [pair for pair in PAIRS if pair.half == "held"]
    assert len(tuned) + len(held) >= 150 and min(len(tuned), len(held)) >= 75
    for half in (tuned, held):
        assert V2_KINDS <= {pair.kind for pair in half}
    assert all(pair.id.split("-")[-1].startswith("v2t") for pair in tuned)
    assert all(pair.id.split("-")[-1].startswith("v2h") for pair in held)
    # v2's programs are new: no correct program of v1 is used again (a few task
    # sentences are worded as in v1, each with another program and another bug)
    def words(text: str) -> str:
        return " ".join(text.split())
    first = {words(p.correct) for p in PAIRS if p.half == "v1"}
    assert not {words(pair.correct) for pair in tuned + held} & first


def test_ids_unique_and_prefixed_by_kind():
    repeated = [i for i, n in Counter(pair.id for pair in PAIRS).items() if n > 1]
    assert not repeated
    assert all(pair.id.startswith(pair.kind + "-") for pair in PAIRS)


@pytest.mark.parametrize("pair", PAIRS, ids=lambda pair: pair.id)
def test_correct_program_parses_and_compiles(pair):
    tree = ast.parse(pair.correct)
    if any(isinstance(node, ast.FunctionDef) for node in tree.body):
        compile(pair.correct, pair.id, "exec")
    assert pair.shape in load.SHAPES
    assert pair.task.strip()


@pytest.mark.parametrize("pair", PAIRS, ids=lambda pair: pair.id)
def test_buggy_program_differs_in_exactly_the_given_line(pair):
    before = pair.correct.splitlines()
    after = pair.buggy_program.splitlines()
    if not pair.buggy:  # a line left out: the rest is the program without it
        assert after == before[:pair.line - 1] + before[pair.line:]
        return
    assert len(before) == len(after)
    changed = [i + 1 for i, (old, new) in enumerate(zip(before, after, strict=True))
               if old != new]
    assert changed == [pair.line]


@pytest.mark.parametrize("pair", PAIRS, ids=lambda pair: pair.id)
def test_only_reversed_assignments_break_compilation(pair):
    # Every other kind is a bug that runs (runtime or logical); a backwards assignment
    # is the one syntax error in the corpus, so it must not compile.
    if pair.kind == "reversed_assignment":
        with pytest.raises(SyntaxError):
            compile(pair.buggy_program, pair.id, "exec")
    else:
        compile(pair.buggy_program, pair.id, "exec")


GOOD = """
[[pair]]
id = "demo-01"
task = "Return the sum of a list."
shape = "list"
correct = '''
def total(nums):
    s = 0
    for n in nums:
        s += n
    return s
'''
line = 4
buggy = "        return s"
"""


def _write(folder: Path, name: str, body: str) -> None:
    (folder / name).write_text('kind = "demo"\n' + body, encoding="utf-8")


def test_loader_reads_a_good_file(tmp_path):
    _write(tmp_path, "demo.toml", GOOD)
    [pair] = load.load_pairs(tmp_path)
    assert pair.correct.startswith("def total(nums):")
    assert pair.buggy_program.splitlines()[3] == "        return s"


def test_loader_reads_a_pair_kind_and_the_half(tmp_path):
    body = GOOD.replace('id = "demo-01"', 'id = "other-01"\nkind = "other"')
    (tmp_path / "mixed.toml").write_text('half = "held"\n' + body, encoding="utf-8")
    [pair] = load.load_pairs(tmp_path)
    assert (pair.kind, pair.half) == ("other", "held")
    (tmp_path / "mixed.toml").write_text('half = "later"\n' + body, encoding="utf-8")
    with pytest.raises(ValueError, match="unknown half"):
        load.load_pairs(tmp_path)


@pytest.mark.parametrize("bad, why", [
    (GOOD + GOOD, "duplicate id"),
    (GOOD.replace("line = 4", "line = 9"), "out of range"),
    (GOOD.replace("line = 4", "line = 0"), "out of range"),
    (GOOD.replace('"        return s"', '"        s += n"'), "equals the correct one"),
    (GOOD.replace("def total(nums):", "def total(nums)"), "does not parse"),
])
def test_loader_rejects_a_bad_file(tmp_path, bad, why):
    _write(tmp_path, "bad.toml", bad)
    with pytest.raises(ValueError, match=why) as raised:
        load.load_pairs(tmp_path)
    assert "bad.toml" in str(raised.value) and "demo-01" in str(raised.value)
