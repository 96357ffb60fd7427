"""Shared by the tests of the teacher's exports and of `debugex play`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from debugex.content import find_exercise, load_exercise
from debugex.formats import Request
from debugex.workflow import inject

CONTENT = Path(__file__).resolve().parents[1] / "content"
REQUEST = Request(0, 1, 1)

# Runs a notebook's code cells one after the other as IPython does: each cell's source
# is appended to `In` before it runs, and an error in a cell does not stop the next.
# `REPLACE` maps a program cell's first line to the program to put under it.
NOTEBOOK_RUNNER = r"""
import json, sys, traceback
notebook = json.load(open(sys.argv[1], encoding="utf-8"))
replace = json.loads(sys.argv[2])
In = [""]
for cell in notebook["cells"]:
    if cell["cell_type"] != "code":
        continue
    source = "".join(cell["source"])
    first = source.split("\n", 1)[0]
    if first in replace:
        source = first + "\n" + replace[first]
    In.append(source)
    try:
        exec(compile(source, "<cell %d>" % (len(In) - 1), "exec"), globals())
    except BaseException:
        print("CELL ERROR", traceback.format_exception_only(*sys.exc_info()[:2])[-1].strip())
"""


def run_notebook(path: Path, replace: dict[str, str] | None = None) -> str:
    """The printed output of running the notebook's code cells with plain `python`."""
    done = subprocess.run([sys.executable, "-c", NOTEBOOK_RUNNER, str(path),
                           json.dumps(replace or {})], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120, cwd=path.parent)
    assert done.returncode == 0, done.stderr
    return done.stdout


def write_batch(folder: Path, slug: str, sandbox, seed: int = 0, accept: bool = True) -> str:
    """A one-draft batch made by the engine from a content exercise; returns the draft id."""
    made = inject(load_exercise(find_exercise(CONTENT, slug)), REQUEST, seed, sandbox,
                  allow_partial=True)
    draft_id = f"{slug}-000-0-test"
    folder.mkdir(parents=True)
    (folder / "batch.json").write_text(json.dumps({"seed": seed}), encoding="utf-8")
    draft = {"id": draft_id, "exercise": slug, "request": REQUEST.as_dict(),
             "user_xml": made.user_xml, "assistant_xml": made.assistant_xml,
             "errors": made.errors()}
    (folder / "drafts.jsonl").write_text(json.dumps(draft) + "\n", encoding="utf-8")
    decision = {"draft": draft_id, "decision": "accepted" if accept else "rejected",
                "note": "", "time": "2026-01-01T00:00:00Z"}
    (folder / "decisions.jsonl").write_text(json.dumps(decision) + "\n", encoding="utf-8")
    return draft_id
