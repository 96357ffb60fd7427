"""The exported notebooks under the real tools: nbclient with ipykernel executes the
worksheet headless, nbgrader generates and autogrades the nbgrader flavour, `otter assign`
takes the otter flavour and otter grades its student notebook. Two students hand in: one
the notebook as handed out, one with every program fixed (`grader_runs.py`).

The tools come with the `graders` extra, which the test extra pulls in on Python 3.13 only:
they bring about a hundred packages (Jupyter's server and lab, pandas, Sphinx) that took
2 to 3.5 minutes to install here, and one run of the three tools about 15 s of CPU; CI runs
them once, on its last Python, whose install overlaps the tests of the one before. There
(CI set, Python 3.13) a missing tool fails these tests; elsewhere they are skipped with
the reason.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import nbformat
import pytest
from teach_helpers import GREET, PLAIN, make_task

from debugex.exports import write_notebooks

pytestmark = pytest.mark.xdist_group("real_graders")

MODULES = {"nbgrader": "nbgrader", "otter": "otter-grader", "nbclient": "nbclient",
           "ipykernel": "ipykernel"}
REQUIRED = bool(os.environ.get("CI")) and sys.version_info >= (3, 13)
RUNNER = Path(__file__).with_name("grader_runs.py")


def _missing() -> str | None:
    absent = [package for module, package in MODULES.items()
              if importlib.util.find_spec(module) is None]
    if not absent:
        return None
    return (f"{', '.join(absent)} not installed: the test extra installs the graders on "
            "Python 3.13 only (pip install -e '.[graders]' brings them here)")


@pytest.fixture(scope="module")
def graded(sandbox, tmp_path_factory):
    """One exercise of two programs (one reads input(), one is a function), exported in the
    three flavours and run through the tools once for every test of the module."""
    missing = _missing()
    if missing:
        if REQUIRED:
            pytest.fail(f"CI on Python 3.13 must run the real graders: {missing}")
        pytest.skip(missing)
    tasks = [make_task(sandbox, "greet", GREET, GREET.replace("!", "?"),
                       [(["Ada"], []), (["Bo"], [])]),
             replace(make_task(sandbox, "plain", PLAIN, PLAIN.replace("2", "3"),
                               [((), ["double(2)"]), ((), ["double(5)"])]), exercise="greet")]
    work = tmp_path_factory.mktemp("graders")
    job = {"work": str(work), "result": str(work / "found.json")}
    for flavour in ("plain", "nbgrader", "otter"):
        (path,), left_out = write_notebooks(tasks, work / flavour, flavour)
        assert not left_out
        job[flavour] = str(path)
    book = nbformat.read(job["plain"], as_version=4)
    heads = [c.source.split("\n", 1)[0] for c in book.cells if c.source.startswith("# Program")]
    job["programs"] = {head: task.correct for head, task in zip(heads, tasks, strict=True)}
    (work / "job.json").write_text(json.dumps(job), encoding="utf-8")
    done = subprocess.run([sys.executable, str(RUNNER), str(work / "job.json")],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL,
                          timeout=900, cwd=work)
    assert done.returncode == 0, done.stderr[-3000:]
    points = sum(len(t.cases) for t in tasks)
    return json.loads((work / "found.json").read_text(encoding="utf-8")), points


@pytest.mark.parametrize("tool, first_step", [("nbgrader", "generate_assignment"),
                                              ("otter", "assign")])
def test_full_marks_for_the_correct_programs_less_for_the_bugged(graded, tool, first_step):
    found, points = graded
    assert found[tool][first_step] == "ok", found[tool]
    scores = found[tool]["scores"]
    assert scores["fixed"] == [points, points]
    assert scores["bugged"][1] == points and scores["bugged"][0] < points


def test_the_worksheet_runs_headless_under_ipykernel(graded):
    """Executed by nbclient: input() in a program cell gets the first scenario's line
    instead of stopping the run, and each check cell says what it found."""
    found, _ = graded
    bugged, fixed = found["nbclient"]["bugged"], found["nbclient"]["fixed"]
    for printed in (bugged, fixed):
        assert not any("CELL ERROR" in cell for cell in printed), printed
    assert "Name: Ada\nHello, Ada?" in bugged[1]
    checks = [(b, f) for b, f in zip(bugged, fixed, strict=True) if "Checking the" in b]
    assert len(checks) == 2
    for in_bugged, in_fixed in checks:
        assert "2 of 2 scenarios still fail." in in_bugged
        assert "All 2 scenarios pass." in in_fixed
