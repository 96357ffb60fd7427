"""Shared by the tests of the teacher's exports and of `debugex play`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from debugex.content import find_exercise, load_exercise
from debugex.formats import Request
from debugex.sandbox import Job
from debugex.workflow import Case, Task, inject

CONTENT = Path(__file__).resolve().parents[1] / "content"
REQUEST = Request(0, 1, 1)

# Runs a notebook's code cells one after the other as IPython does: each cell's source
# is appended to `In` before it runs, and an error in a cell does not stop the next.
# `REPLACE` maps a program cell's first line to the program to put under it.
NOTEBOOK_RUNNER = r"""
import builtins, json, sys, traceback
notebook = json.load(open(sys.argv[1], encoding="utf-8"))
replace = json.loads(sys.argv[2])
if sys.argv[3] == "no keyboard":  # as an IPython kernel that may not ask for input
    class StdinNotImplementedError(RuntimeError):
        pass
    def no_keyboard(prompt=""):
        raise StdinNotImplementedError("raw_input was called, but this frontend does not support input requests.")
    builtins.input = no_keyboard
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


def run_notebook(path: Path, replace: dict[str, str] | None = None,
                 keyboard: bool = True, hash_seed: str | None = None) -> str:
    """The printed output of running the notebook's code cells with plain `python` (under
    `hash_seed`, else the seed the environment gives)."""
    env = {**os.environ, "PYTHONHASHSEED": hash_seed} if hash_seed else None
    done = subprocess.run([sys.executable, "-c", NOTEBOOK_RUNNER, str(path),
                           json.dumps(replace or {}), "" if keyboard else "no keyboard"],
                          capture_output=True, text=True, env=env,
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


# Programs of our own for the exports, each with a way the platforms differ from the sandbox.
# A running total kept at module level: each call sees what the calls before it left.
TOTAL = '''total = 0


def add(amount):
    """Add amount to the running total and return the new total."""
    global total
    total = total + amount
    return total
'''
TOTAL_BUGGED = TOTAL.replace("total + amount", "amount")
# A function program that greets at its top level: CodeRunner prints that once.
BANNER = '''print("Temperature converter ready")


def to_fahrenheit(celsius):
    return celsius * 9 / 5 + 32
'''
BANNER_BUGGED = BANNER.replace("9 / 5", "5 / 9")
PLAIN = "def double(n):\n    return n * 2\n"
# The set of strings comes out in the order of the process's hash seed.
DISTINCT = "def distinct(words):\n    return set(words)\n"
WORDS = "['pear', 'fig', 'plum', 'kiwi', 'lime', 'date']"
# Prints an ANSI colour: ESC cannot be held by a Moodle XML file.
COLOUR = 'name = input("Name: ")\nprint("\\x1b[1m" + name + "\\x1b[0m")\n'
GREET = 'name = input("Name: ")\nprint("Hello, " + name + "!")\n'


def make_task(sandbox, name: str, correct: str, bugged: str, scenarios) -> Task:
    """A task whose cases hold what the correct program did, run now in the sandbox."""
    cases = []
    for number, (stdin, calls) in enumerate(scenarios):
        run = sandbox.run_many([Job(correct, tuple(stdin), calls=tuple(calls))])[0]
        cases.append(Case(f"s{number}", tuple(stdin), tuple(calls), run.stdout, run.returns))
    return Task(name, name, f"The {name} exercise.\nIt has two lines.", correct, bugged,
                (1,), ("Line 1: Logical error: `x` is wrong.",), tuple(cases))
