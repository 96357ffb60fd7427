"""Otter-Grader's assignment format for a notebook (`otter assign` reads it).

A raw cell with the assignment config (YAML) comes first; each program is a question
(`# BEGIN QUESTION` with its name and points, one per scenario): its intro, then a prompt
block with the bugged program (what the student gets), a solution block with the correct
program (what `otter assign` runs its tests on; students never see it), and a tests
block whose test runs the check on the program cell as last run.
"""

from __future__ import annotations

from ..workflow import Task


def _raw(new, text: str):
    return new.new_raw_cell(text)


def assignment_cells(new, task: Task) -> list:
    config = "\n".join([
        "# ASSIGNMENT CONFIG",
        f"name: {task.exercise}",
        "init_cell: true",
        "check_all_cell: false",
        "export_cell: false",
        "run_tests: true",
        "solutions_pdf: false",
        "generate: true",
    ])
    return [_raw(new, config)]


def question_cells(new, task: Task, number: int, intro, program, check) -> list:
    # Inside otter's solution markers, the whole cell is left out of the student's copy.
    correct = "\n".join(["# BEGIN SOLUTION NO PROMPT", program.source.split("\n", 1)[0],
                          task.correct.rstrip("\n"), "# END SOLUTION"])
    # Otter's test passes when the cell raises nothing and prints nothing.
    test = new.new_code_cell(check.source.replace(", graded=True)", ", graded=True, quiet=True)"))
    return [
        _raw(new, f"# BEGIN QUESTION\nname: program_{number}\npoints: {len(task.cases)}"),
        intro,
        _raw(new, "# BEGIN PROMPT"), program, _raw(new, "# END PROMPT"),
        _raw(new, "# BEGIN SOLUTION"), new.new_code_cell(correct), _raw(new, "# END SOLUTION"),
        _raw(new, "# BEGIN TESTS"), test, _raw(new, "# END TESTS"),
        _raw(new, "# END QUESTION"),
    ]
