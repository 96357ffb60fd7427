"""Jupyter notebooks (nbformat 4), one per exercise, for students.

A notebook holds the task (markdown), one hidden helper cell (`notebook_check.py`, plain
Python, nothing to install) and, for each bugged program of that exercise, a code cell with
the program and a check cell under it that calls the helper with the program's scenarios.
The helper takes the last run of the program cell (the newest entry of IPython's input
history `In` that starts with the cell's first line, `# Program N: …`, and says which run
it checked), runs it on every scenario with `input()` fed from the scenario and the calls
evaluated after it, and says which scenarios still fail, with the expected and the actual
transcript (a call's returned value under it), lines compared without trailing spaces as
CodeRunner compares them. Where a notebook runs without a keyboard (`nbconvert
--execute`, an autograder), `input()` in a program cell gets the program's first
scenario's lines. Line numbers are the cell's. Expected outputs are the sandbox's.

Flavours: `plain` (a worksheet), `nbgrader` (every cell but the programs locked, the
check cells graded autograder cells with a `grade_id` and one point per scenario, the
check raising when a scenario fails) and `otter` (Otter-Grader's assignment format: an
assignment config, one question per program whose test runs the check). Notebooks are
validated with `nbformat.validate` before they are written.
"""

from __future__ import annotations

import pprint
from collections.abc import Sequence
from pathlib import Path

from ..formats import write_atomic
from ..workflow import Task
from .extras import need
from .otter import assignment_cells, question_cells
from .portable import portable

WHAT = "debugex export --format jupyter"
FLAVOURS = ("plain", "nbgrader", "otter")
PLACEHOLDER = "FEEDS = {}  # debugex puts each program's first scenario input here"


def marker(number: int) -> str:
    return f"# Program {number}:"


def check_data(task: Task, number: int) -> dict:
    return {"marker": marker(number),
            "cases": [{"name": c.name, "stdin": list(c.stdin), "calls": list(c.calls),
                       "stdout": c.stdout, "returns": list(c.returns)} for c in task.cases]}


def check_source(task: Task, number: int, graded: bool = False) -> str:
    """The check cell of the task's program cell `number`: one call of the helper."""
    literal = pprint.pformat(check_data(task, number), width=88, sort_dicts=False)
    return (f"# Check of program {number}: run it after the program cell above.\n"
            f"debugex_check({literal}{', graded=True' if graded else ''})")


def helper_source(tasks: Sequence[Task]) -> str:
    template = Path(__file__).with_name("notebook_check.py").read_text(encoding="utf-8")
    if PLACEHOLDER not in template:
        raise RuntimeError("notebook_check.py has lost its FEEDS line")
    feeds = {marker(n): list(t.cases[0].stdin) if t.cases else []
             for n, t in enumerate(tasks, start=1) if t.uses_stdin}
    return template.replace(PLACEHOLDER, f"FEEDS = {feeds!r}").rstrip("\n")


def program_source(task: Task, number: int) -> str:
    head = f"{marker(number)} fix the errors, run this cell, then the check cell below"
    return head + "\n" + task.bugged.rstrip("\n")


def _intro(task: Task, number: int, many: bool) -> str:
    count = len(task.lines)
    reads = "reads its input with `input()`" if task.uses_stdin else "defines functions"
    return "\n".join([
        f"## Program {number}" if many else "## The program",
        "",
        f"The program below was written for this task but has {count} "
        f"error{'s' if count != 1 else ''}. Fix the code in the cell, run the cell "
        f"(the program {reads}), then run the check cell under it: it runs the program "
        f"on {len(task.cases)} scenarios and says which still fail.",
    ])


def _nbgrader(cell, grade_id: str, points: int = 0):
    """nbgrader's cell metadata (schema 3): locked, and graded when it has points."""
    cell.metadata["nbgrader"] = {"grade": bool(points), "grade_id": grade_id,
                                 "locked": True, "schema_version": 3, "solution": False,
                                 "task": False, **({"points": points} if points else {})}
    return cell


def notebook_for(tasks: Sequence[Task], flavour: str = "plain"):
    """One notebook for the tasks of one exercise (validated)."""
    if flavour not in FLAVOURS:
        raise ValueError(f"unknown notebook flavour {flavour!r} (one of {', '.join(FLAVOURS)})")
    nbformat = need("nbformat", WHAT)
    new = nbformat.v4
    first = tasks[0]
    graded = flavour != "plain"
    helper = new.new_code_cell(helper_source(tasks), metadata={
        "jupyter": {"source_hidden": True}, "tags": ["debugex-helper"]})
    cells = [new.new_markdown_cell(f"# {first.exercise}\n\n{first.description.strip()}"),
             helper]
    if flavour == "nbgrader":
        _nbgrader(cells[0], "task")
        _nbgrader(helper, "debugex_helper")
    if flavour == "otter":
        cells = assignment_cells(new, first) + cells
    for number, task in enumerate(tasks, start=1):
        intro = new.new_markdown_cell(_intro(task, number, len(tasks) > 1))
        program = new.new_code_cell(program_source(task, number))
        check = new.new_code_cell(check_source(task, number, graded))
        if flavour == "nbgrader":
            _nbgrader(intro, f"program_{number}_task")
            _nbgrader(check, f"check_{number}", points=len(task.cases))
        if flavour == "otter":
            cells += question_cells(new, task, number, intro, program, check)
        else:
            cells += [intro, program, check]
    notebook = new.new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
        "debugex": {"exercise": first.exercise, "programs": [t.name for t in tasks],
                    "flavour": flavour}})
    nbformat.validate(notebook)
    return notebook


def write_notebooks(tasks: Sequence[Task], folder: Path, flavour: str = "plain"
                    ) -> tuple[list[Path], dict[str, str]]:
    """One notebook per exercise in `folder`: (files written, task -> why left out)."""
    nbformat = need("nbformat", WHAT)
    tasks, left_out = portable(tasks)
    by_exercise: dict[str, list[Task]] = {}
    for task in tasks:
        if task.name not in left_out:
            by_exercise.setdefault(task.exercise, []).append(task)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for exercise, group in by_exercise.items():
        safe = "".join(c if c.isalnum() or c in "_-" else "_" for c in exercise)
        path = folder / f"{safe}.ipynb"
        write_atomic(path, nbformat.writes(notebook_for(group, flavour)))
        written.append(path)
    return written, left_out
