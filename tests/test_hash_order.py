"""Output in the order of the hash seed, on exercises of our own (`tests/data/hash_order`):
sorted where the scenario says the order is free, left out with the reason elsewhere.

`shared_tags` returns a list built from a set and its scenarios say `unordered = true`: in
every format its calls are asked for sorted, and the model answer passes under other
seeds. `tag_order` is the same function whose scenarios compare the order, `print_tags`
prints a set's members line by line: both are left out, each with what made it so."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import nbformat
import pytest
from teach_helpers import REQUEST, make_task, run_notebook
from test_prairielearn import autograder  # noqa: F401 (a fixture)

from debugex.exports import (
    grade,
    hash_order,
    questions_for,
    write_notebooks,
    write_prairielearn,
)
from debugex.sandbox import Sandbox
from debugex.scenarios import check_exercises, load_for_check
from debugex.workflow import TaskMaker, split_tasks

pytestmark = pytest.mark.xdist_group("hash_order")

FIXTURES = Path(__file__).parent / "data" / "hash_order"
LEFT_OUT = {
    "tag_order": "gets the value of shared_tags(['Red', 'Blue', 'Green', 'Gold', 'Pink', "
                 "'Grey'], ['Pink', 'Gold', 'Red', 'Blue', 'Grey', 'Teal']) in another order, "
                 "and the scenario compares its order (with `unordered = true` it would be "
                 "sorted)",
    "print_tags": "prints other lines (output line 1: ",
}


@pytest.fixture(scope="module")
def tasks(sandbox):
    """One draft of each fixture exercise, made by the engine."""
    made, left_out = split_tasks(TaskMaker(sandbox, FIXTURES).from_exercises(
        ["shared_tags", "tag_order", "print_tags"], REQUEST, 0))
    assert not left_out and len(made) == 3
    return {t.name: t for t in made}


@pytest.fixture(scope="module")
def questions(tasks, sandbox):
    return questions_for(list(tasks.values()), sandbox)


def test_order_free_values_are_asked_for_sorted(tasks):
    kept, left_out = hash_order(list(tasks.values()))
    assert sorted(left_out) == ["print_tags", "tag_order"]
    (task,) = kept
    first, second = task.cases
    assert first.calls == (f"sorted({tasks['shared_tags'].cases[0].calls[0]})",)
    assert first.returns == ("['blue', 'gold', 'grey', 'pink', 'red']",)
    assert f">>> {first.calls[0]}\n" == first.stdout
    assert second == tasks["shared_tags"].cases[1]  # [] is the same under every seed


@pytest.fixture(scope="module")
def left_out(questions, tasks, tmp_path_factory):
    """What each format left out of the three drafts, and what it wrote."""
    out = tmp_path_factory.mktemp("formats")
    notebooks, in_notebooks = write_notebooks(list(tasks.values()), out / "nb")
    folders, in_prairielearn = write_prairielearn(list(tasks.values()), out / "pl")
    kept, in_coderunner = questions
    wrote = {"coderunner": [q.name for q in kept], "jupyter": [f.name for f in notebooks],
             "prairielearn": [f.name for f in folders]}
    return {"coderunner": in_coderunner, "jupyter": in_notebooks,
            "prairielearn": in_prairielearn}, wrote


@pytest.mark.parametrize("name", sorted(LEFT_OUT))
def test_what_cannot_be_sorted_is_left_out_with_its_reason(left_out, name):
    reasons, _ = left_out
    for found in reasons.values():
        assert LEFT_OUT[name] in found[name]
        assert "under PYTHONHASHSEED=" in found[name]


def test_every_format_writes_the_sorted_draft(left_out):
    _, wrote = left_out
    assert wrote == {"coderunner": ["shared_tags"], "jupyter": ["shared_tags.ipynb"],
                     "prairielearn": ["shared_tags"]}


@pytest.mark.parametrize("seed", [1, 2])
def test_coderunner_sorted_question_holds_under_other_seeds(questions, seed):
    (question,), _ = questions
    assert question.tests[0].testcode.startswith("print(repr(sorted(shared_tags(")
    with Sandbox(workers=1, hash_seed=seed) as other:
        assert all(grade(question.runnable(), question.answer, other))
        assert not all(grade(question.runnable(), question.answerpreload, other))


@pytest.mark.parametrize("seed", ["1", "2"])
def test_notebook_check_sorts_under_other_seeds(tasks, tmp_path, seed):
    (path,), _ = write_notebooks([tasks["shared_tags"]], tmp_path)
    book = nbformat.read(str(path), as_version=4)
    (head,) = [c.source.split("\n", 1)[0] for c in book.cells
               if c.source.startswith("# Program")]
    bugged = run_notebook(path, hash_seed=seed)
    assert "2 of 2 scenarios still fail." in bugged
    fixed = run_notebook(path, {head: tasks["shared_tags"].correct}, hash_seed=seed)
    assert "All 2 scenarios pass." in fixed
    assert ">>> sorted(shared_tags(" in bugged


def test_prairielearn_sorted_tests_pass_the_correct_program(tasks, tmp_path, autograder):  # noqa: F811
    (folder,), _ = write_prairielearn([tasks["shared_tags"]], tmp_path)
    test_file = folder / "tests" / "test.py"
    assert "sorted(shared_tags(" in test_file.read_text(encoding="utf-8")
    assert autograder(test_file, tasks["shared_tags"].correct, tmp_path) == [1.0, 1.0]
    assert 0.0 in autograder(test_file, tasks["shared_tags"].bugged, tmp_path)


@pytest.mark.parametrize("program, calls, says", [
    # A dict in the order of a set: no sequence to sort.
    ("def counts(words):\n    return {w: len(w) for w in set(words)}\n",
     ["counts(['pear', 'fig', 'plum', 'kiwi', 'lime', 'date'])"], "no list, tuple or set"),
    # Items of two types: sorted() raises.
    ("def mixed(words):\n    return list(set(words)) + [1]\n",
     ["mixed(['pear', 'fig', 'plum', 'kiwi', 'lime', 'date'])"], "cannot be sorted"),
])
def test_order_free_values_that_cannot_be_sorted(sandbox, program, calls, says):
    task = make_task(sandbox, "odd", program, program.replace("set(", "tuple("),
                     [((), calls)])
    task = replace(task, cases=tuple(replace(c, unordered=True) for c in task.cases))
    kept, left_out = hash_order([task])
    assert kept == [] and says in left_out["odd"], left_out


def test_check_notes_order_free_values_and_fails_the_rest(sandbox):
    """`debugex check`: a value an order-free scenario gets in the order of the seed is a
    note; the same value compared in order, or printed lines, fail."""
    results = {r.slug: r for r in check_exercises(load_for_check(FIXTURES, []), sandbox)}
    shared = results["shared_tags"]
    assert shared.ok, shared.problems
    assert any("unordered = true" in n and "PYTHONHASHSEED=" in n for n in shared.notes)
    for slug in ("tag_order", "print_tags"):
        assert not results[slug].ok
        assert "depends on the hash seed" in results[slug].problems[0]


def test_tasks_the_seed_does_not_change_pass_through_unchanged(sandbox):
    """Also a scenario whose last call raises, as its scenario expects."""
    checks = "def check(age):\n    if age < 0:\n        raise ValueError('negative')\n" \
             "    return sorted({'b', 'a', 'c'})\n"
    task = make_task(sandbox, "checks", checks, checks.replace("< 0", "<= 0"),
                     [((), ["check(3)", "check(-1)"])])
    assert task.cases[0].returns == ("['a', 'b', 'c']",)  # the last call raised
    assert hash_order([task]) == ([task], {})
