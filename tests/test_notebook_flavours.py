"""Notebooks as nbgrader and Otter-Grader read them, and the check's words: returned values
in function transcripts, CodeRunner's trailing-space rule, the checked run named, plain
sentences for a time-out and for exit(), and program cells that run without a keyboard.

The notebooks run with plain `python` as IPython runs cells (`teach_helpers.run_notebook`),
and their files are checked against the metadata nbgrader and Otter-Grader read; the tools
themselves run in `test_real_graders.py` (on Python 3.13, where the test extra installs
them)."""

from __future__ import annotations

import ast
from dataclasses import replace

import nbformat
import pytest
from teach_helpers import GREET, PLAIN, make_task, run_notebook

from debugex.exports import write_notebooks

pytestmark = pytest.mark.xdist_group("notebook_flavours")

EXITS = ('n = int(input("Number: "))\nif n < 0:\n    print("No negatives.")\n    exit()\n'
         'print(n * 2)\n')
SPACES = 'name = input("Name: ")\nprint("Hi", name, "")\n'  # ends its line with a space


@pytest.fixture(scope="module")
def tasks(sandbox):
    return {
        "plain": make_task(sandbox, "plain", PLAIN, PLAIN.replace("2", "3"),
                           [((), ["double(2)"]), ((), ["double(5)"])]),
        "greet": make_task(sandbox, "greet", GREET, GREET.replace("!", "?"),
                           [(["Ada"], []), (["Bo"], [])]),
        "exits": make_task(sandbox, "exits", EXITS, EXITS.replace("n * 2", "n * n"),
                           [(["-1"], []), (["4"], [])]),
        "loops": make_task(sandbox, "loops", PLAIN, "def double(n):\n    while n:\n"
                           "        pass\n", [((), ["double(2)"])]),
        "spaces": make_task(sandbox, "spaces", SPACES, SPACES.replace('"Hi"', '"Hello"'),
                            [(["Ada"], [])]),
    }


def notebook(tasks, names, tmp_path, flavour="plain"):
    """One notebook with the named tasks as programs 1, 2, ... of one exercise."""
    chosen = [replace(tasks[n], exercise=names[0]) for n in names]
    (path,), left_out = write_notebooks(chosen, tmp_path, flavour)
    assert not left_out
    return path, nbformat.read(str(path), as_version=4)


def first_lines(book) -> list[str]:
    return [c.source.split("\n", 1)[0] for c in book.cells if c.source.startswith("# Program")]


@pytest.mark.parametrize("name, bugged_says, fixed_says", [
    ("plain", ["  expected:\n    | >>> double(2)\n    | 4", "  got:\n    | >>> double(2)\n    | 6",
               "double(2) returned 6 instead of 4"], ["All 2 scenarios pass."]),
    ("exits", ["FAIL scenario s1, input '4': line 1 of the output differs", "1 of 2"],
     ["All 2 scenarios pass."]),
    ("loops", ["it was still running after 2 seconds (an endless loop?)"],
     ["All 1 scenarios pass."]),
    ("spaces", ["line 1 of the output differs"], ["All 1 scenarios pass."]),
])
def test_the_check_says_what_happened(tasks, tmp_path, name, bugged_says, fixed_says):
    path, book = notebook(tasks, [name], tmp_path)
    bugged = run_notebook(path)
    assert "Checking the program cell as it ran last, In [2]:" in bugged
    for words in bugged_says:
        assert words in bugged, bugged
    assert "_TooSlow" not in bugged and "SystemExit" not in bugged
    correct = tasks[name].correct.replace('"")', '"   ")')  # trailing spaces do not count
    fixed = run_notebook(path, {first_lines(book)[0]: correct})
    for words in fixed_says:
        assert words in fixed, fixed


def test_program_cells_run_without_a_keyboard(tasks, tmp_path):
    """As under `nbconvert --execute`: input() gets the first scenario's lines."""
    path, _ = notebook(tasks, ["greet"], tmp_path)
    printed = run_notebook(path, keyboard=False)
    assert "Name: Ada\nHello, Ada?" in printed and "CELL ERROR" not in printed


def test_nbgrader_metadata(tasks, tmp_path):
    path, book = notebook(tasks, ["greet"], tmp_path, "nbgrader")
    program = next(c for c in book.cells if c.source.startswith("# Program 1:"))
    assert "nbgrader" not in program.metadata  # the student's cell, kept by autograde
    graded = [c for c in book.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert [c.metadata.nbgrader.points for c in graded] == [2]
    others = [c for c in book.cells if c is not program]
    assert all(c.metadata.nbgrader.locked and c.metadata.nbgrader.schema_version == 3
               for c in others)
    ids = [c.metadata.nbgrader.grade_id for c in others]
    assert len(set(ids)) == len(ids)
    (call,) = ast.parse(graded[0].source).body
    assert [k.arg for k in call.value.keywords] == ["graded"]
    assert "BEGIN SOLUTION" not in "\n".join(c.source for c in book.cells)  # nbgrader clears it
    # As nbgrader's autograde runs it: no keyboard, a failing graded cell raises.
    bugged = run_notebook(path, keyboard=False)
    assert "CELL ERROR AssertionError: 2 of 2 scenarios still fail" in bugged
    fixed = run_notebook(path, {first_lines(book)[0]: tasks["greet"].correct}, keyboard=False)
    assert "CELL ERROR" not in fixed and "All 2 scenarios pass." in fixed


def test_otter_assignment_format(tasks, tmp_path):
    path, book = notebook(tasks, ["greet", "plain"], tmp_path, "otter")
    raw = [c.source.split("\n")[0] for c in book.cells if c.cell_type == "raw"]
    assert raw[0] == "# ASSIGNMENT CONFIG"
    assert raw[1:] == ["# BEGIN QUESTION", "# BEGIN PROMPT", "# END PROMPT", "# BEGIN SOLUTION",
                       "# END SOLUTION", "# BEGIN TESTS", "# END TESTS", "# END QUESTION"] * 2
    questions = [c.source for c in book.cells if c.source.startswith("# BEGIN QUESTION")]
    assert questions == ["# BEGIN QUESTION\nname: program_1\npoints: 2",
                         "# BEGIN QUESTION\nname: program_2\npoints: 2"]
    cells = [c.source for c in book.cells]
    prompt = cells[cells.index("# BEGIN PROMPT") + 1]
    solution = cells[cells.index("# BEGIN SOLUTION") + 1]
    assert prompt.endswith(tasks["greet"].bugged.rstrip("\n"))
    assert solution.startswith("# BEGIN SOLUTION NO PROMPT\n# Program 1:")
    assert tasks["greet"].correct.rstrip("\n") in solution
    assert solution.endswith("# END SOLUTION")
    test = cells[cells.index("# BEGIN TESTS") + 1]
    assert "graded=True, quiet=True)" in test
    # Run as the autograder's copy runs: the solution after the prompt passes quietly.
    printed = run_notebook(path, keyboard=False)
    assert "CELL ERROR" not in printed and "scenarios" not in printed
