# Tests written by debugex for PrairieLearn's Python autograder (prairielearn/grader-python).
# Each scenario runs the student's file in a process of its own (with the scenario's
# input, then its calls) and compares what it printed and returned with what the correct
# program did in debugex's sandbox; lines are compared without trailing spaces.
# The autograder executes `student_code_file` in its own process first: that is an empty
# file here, so a program that reads input() is never run without its input.
import json
import os
import subprocess
import sys
import tempfile

from code_feedback import Feedback
from pl_helpers import name, points
from pl_unit_test import PLTestCase

SCENARIOS = []  # debugex puts the scenarios here
SECONDS = 5
RUNNER = r"""
import json, runpy, sys
program, calls, out = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
namespace = runpy.run_path(program, run_name="__main__")
values = []
for call in calls:
    print(">>> " + call, flush=True)
    values.append(repr(eval(call, namespace)))
    with open(out, "w", encoding="utf-8") as file:
        json.dump(values, file)
"""


def clean(text):
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def stopped(program, stderr):
    """Python's last line of the traceback, with the line of the student's file."""
    lines = stderr.strip().splitlines() or ["it stopped"]
    where = [line.split(", line ")[1].split(",")[0] for line in lines
             if line.strip().startswith(f'File "{program}", line ')]
    return lines[-1] + (f" (at line {where[-1]})" if where else "")


def run_scenario(program, scenario, seconds=SECONDS):
    """(passed, a sentence for the student) for one scenario."""
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "returns.json")
        try:
            done = subprocess.run(
                [sys.executable, "-c", RUNNER, program, json.dumps(scenario["calls"]), out],
                input="".join(line + "\n" for line in scenario["stdin"]), cwd=folder,
                capture_output=True, text=True, timeout=seconds)
        except subprocess.TimeoutExpired:
            return False, f"still running after {seconds} seconds (an endless loop?)"
        returns = []
        if os.path.exists(out):
            with open(out, encoding="utf-8") as file:
                returns = json.load(file)
    given = f" (input {', '.join(map(repr, scenario['stdin']))})" if scenario["stdin"] else ""
    if done.returncode != 0:
        return False, f"scenario {scenario['name']}{given}: {stopped(program, done.stderr)}"
    for call, want, got in zip(scenario["calls"], scenario["returns"], returns, strict=False):
        if want != got:
            return False, f"scenario {scenario['name']}: {call} returned {got}, expected {want}"
    want, got = clean(scenario["stdout"]), clean(done.stdout)
    for number, (a, b) in enumerate(zip(want, got, strict=False), start=1):
        if a != b:
            return False, (f"scenario {scenario['name']}{given}: output line {number} is "
                           f"{b!r}, expected {a!r}")
    if len(want) != len(got):
        return False, (f"scenario {scenario['name']}{given}: {len(got)} output lines, "
                       f"expected {len(want)}")
    return True, f"scenario {scenario['name']}{given}: passed"


class Test(PLTestCase):
    student_code_file = "debugex_nothing.py"


def _test_of(scenario):
    @points(1)
    @name(f"scenario {scenario['name']}")
    def test(self):
        program = os.path.join(os.environ.get("MERGE_DIR", "."), "user_code.py")
        passed, message = run_scenario(program, scenario)
        Feedback.add_feedback(message)
        Feedback.set_score(1.0 if passed else 0.0)
    return test


for _number, _scenario in enumerate(SCENARIOS):
    setattr(Test, f"test_{_number:02d}", _test_of(_scenario))
