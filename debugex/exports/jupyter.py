"""Jupyter notebooks (nbformat 4), one per exercise, for students.

A notebook holds the task (markdown) and, for each bugged program of that exercise, a
code cell with the program and a check cell under it. The check cell is plain Python
(`notebook_check.py` beside this module, nothing to install): it takes the program cell the
student ran last (found in IPython's input history `In` by its first line,
`# Program N: …`), runs it on the scenarios with `input()` fed from each scenario and the
calls evaluated after it, and says which scenarios still fail, with the expected and the
actual output. Line numbers it reports are the cell's. The expected outputs are what the
correct program printed in the sandbox. Notebooks are validated with `nbformat.validate`
before they are written.
"""

from __future__ import annotations

import pprint
from collections.abc import Sequence
from pathlib import Path

from ..formats import write_atomic
from ..workflow import Task
from .extras import need
from .portable import not_portable

WHAT = "debugex export --format jupyter"
PLACEHOLDER = 'CHECK = {"marker": "# Program", "cases": []}  # debugex puts the scenarios here'


def marker(number: int) -> str:
    return f"# Program {number}:"


def check_source(task: Task, number: int) -> str:
    """The check cell of the task's program cell `number`."""
    template = Path(__file__).with_name("notebook_check.py").read_text(encoding="utf-8")
    data = {"marker": marker(number),
            "cases": [{"name": c.name, "stdin": list(c.stdin), "calls": list(c.calls),
                       "stdout": c.stdout, "returns": list(c.returns)} for c in task.cases]}
    literal = pprint.pformat(data, width=88, sort_dicts=False)
    if PLACEHOLDER not in template:
        raise RuntimeError("notebook_check.py has lost its CHECK line")
    return template.replace(PLACEHOLDER, f"CHECK = {literal}").rstrip("\n")


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


def notebook_for(tasks: Sequence[Task]):
    """One notebook for the tasks of one exercise (validated)."""
    nbformat = need("nbformat", WHAT)
    new = nbformat.v4
    first = tasks[0]
    cells = [new.new_markdown_cell(f"# {first.exercise}\n\n{first.description.strip()}")]
    for number, task in enumerate(tasks, start=1):
        cells.append(new.new_markdown_cell(_intro(task, number, len(tasks) > 1)))
        cells.append(new.new_code_cell(program_source(task, number)))
        cells.append(new.new_code_cell(check_source(task, number)))
    notebook = new.new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
        "debugex": {"exercise": first.exercise, "programs": [t.name for t in tasks]}})
    nbformat.validate(notebook)
    return notebook


def write_notebooks(tasks: Sequence[Task], folder: Path
                    ) -> tuple[list[Path], dict[str, str]]:
    """One notebook per exercise in `folder`: (files written, task -> why left out)."""
    nbformat = need("nbformat", WHAT)
    left_out = not_portable(tasks)
    by_exercise: dict[str, list[Task]] = {}
    for task in tasks:
        if task.name not in left_out:
            by_exercise.setdefault(task.exercise, []).append(task)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for exercise, group in by_exercise.items():
        safe = "".join(c if c.isalnum() or c in "_-" else "_" for c in exercise)
        path = folder / f"{safe}.ipynb"
        write_atomic(path, nbformat.writes(notebook_for(group)))
        written.append(path)
    return written, left_out
