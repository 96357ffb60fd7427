"""The real graders on exported notebooks, run in a process of their own (their imports are
heavy and set global logging): `python grader_runs.py JOB.json`.

The job names the exported notebooks (`plain`, `nbgrader`, `otter` flavours of one
exercise), a work folder, the correct program of each program cell (by the cell's first
line) and the file to write the findings to (the tools and their kernels print on stdout).
Two students hand in: `bugged` (the notebook as handed out) and `fixed` (every program cell
holding its correct program). The findings say what each tool did:

- nbclient with ipykernel: the plain notebook executed headless as handed out and fixed,
  the printed output of every cell (an error in a cell does not stop the others);
- nbgrader: a course with the notebook as the source of `ps1`, `generate_assignment`, the
  two submissions autograded, their score and maximum from the gradebook;
- otter-grader: `otter assign` (which runs the tests on the solutions), then the student
  notebook it wrote graded for both students with `otter.api.grade_submission`.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
from pathlib import Path


def fixed(notebook: dict, programs: dict[str, str]) -> dict:
    """A copy of the notebook whose program cells hold the correct programs."""
    out = json.loads(json.dumps(notebook))
    for cell in out["cells"]:
        source = "".join(cell["source"])
        first = source.split("\n", 1)[0]
        if cell["cell_type"] == "code" and first in programs:
            cell["source"] = first + "\n" + programs[first]
    return out


def submissions(notebook: Path, programs: dict[str, str]) -> dict[str, dict]:
    handed_out = json.loads(notebook.read_text(encoding="utf-8"))
    return {"bugged": handed_out, "fixed": fixed(handed_out, programs)}


def shown(output: dict) -> str:
    """A cell output as text: what was printed, a value shown, or an error's class and words."""
    if output["output_type"] == "stream":
        return output["text"]
    if output["output_type"] == "error":
        return f"CELL ERROR {output['ename']}: {output['evalue']}\n"
    return output.get("data", {}).get("text/plain", "") + "\n"


def run_nbclient(notebook: Path, programs: dict[str, str]) -> dict[str, list[str]]:
    import nbclient
    import nbformat

    printed = {}
    for student, book in submissions(notebook, programs).items():
        node = nbformat.reads(json.dumps(book), as_version=4)
        nbclient.NotebookClient(node, timeout=60, kernel_name="python3",
                                allow_errors=True).execute()
        printed[student] = ["".join(shown(o) for o in cell.get("outputs", []))
                            for cell in node.cells if cell.cell_type == "code"]
    return printed


def run_nbgrader(notebook: Path, programs: dict[str, str], work: Path) -> dict:
    from nbgrader.api import Gradebook
    from nbgrader.apps import NbGraderAPI
    from traitlets.config import Config

    root = work / "course"
    (root / "source" / "ps1").mkdir(parents=True)
    shutil.copy(notebook, root / "source" / "ps1" / notebook.name)
    config = Config()
    config.CourseDirectory.root = str(root)
    config.CourseDirectory.course_id = "debugex"
    api = NbGraderAPI(config=config)
    done = api.generate_assignment("ps1", force=True, create=True)
    if not done["success"]:
        return {"generate_assignment": done["error"] or done["log"]}
    released = root / "release" / "ps1" / notebook.name
    scores = {}
    for student, book in submissions(released, programs).items():
        folder = root / "submitted" / student / "ps1"
        folder.mkdir(parents=True)
        (folder / notebook.name).write_text(json.dumps(book), encoding="utf-8")
        done = api.autograde("ps1", student, force=True, create=True)
        if not done["success"]:
            return {"autograde": done["error"] or done["log"]}
    with Gradebook("sqlite:///" + str(root / "gradebook.db")) as gradebook:
        for student in ("bugged", "fixed"):
            found = gradebook.find_submission("ps1", student)
            scores[student] = [found.score, found.max_score]
    return {"generate_assignment": "ok", "scores": scores}


def run_otter(notebook: Path, programs: dict[str, str], work: Path) -> dict:
    import otter.api
    import otter.assign

    master = work / "otter_assign" / notebook.name
    master.parent.mkdir()
    shutil.copy(notebook, master)
    dist = master.parent / "dist"
    try:
        otter.assign.main(str(master), str(dist))  # runs the tests on the solutions too
    except Exception as exc:  # what otter assign said is the finding
        return {"assign": f"{type(exc).__name__}: {exc}"}
    (zipped,) = (dist / "autograder").glob("*.zip")
    student = dist / "student" / notebook.name
    scores = {}
    for name, book in submissions(student, programs).items():
        path = master.parent / f"{name}.ipynb"
        path.write_text(json.dumps(book), encoding="utf-8")
        results = otter.api.grade_submission(str(path), str(zipped), quiet=True)
        scores[name] = [results.total, results.possible]
    return {"assign": "ok", "scores": scores}


def main() -> None:
    job = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    # nbgrader runs the `alembic` command of its environment: this interpreter's scripts,
    # also when the environment was not activated.
    os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"]
    work, programs = Path(job["work"]), job["programs"]
    logging.disable(logging.WARNING)
    found = {
        "nbclient": run_nbclient(Path(job["plain"]), programs),
        "nbgrader": run_nbgrader(Path(job["nbgrader"]), programs, work),
        "otter": run_otter(Path(job["otter"]), programs, work),
    }
    Path(job["result"]).write_text(json.dumps(found), encoding="utf-8")


if __name__ == "__main__":
    main()
