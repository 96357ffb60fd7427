"""The independent run path of bench/truth.py and tests/test_interplay_truth.py.

Programs are run by bench/truth_runner.py in a plain `python3` subprocess (PYTHONHASHSEED=0,
a timeout, a scratch cwd): never debugex's sandbox, verdicts or proof cache. On those runs
this module rebuilds what a draft's interplay claims: the programs a student meets while
fixing the errors in the order the draft gives, and which errors change nothing a student
sees (output, exception, each call's returned value) until another is fixed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

RUNNER = Path(__file__).resolve().parent / "truth_runner.py"
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
SEEDS = (0, 1, 2, 3, 4)  # a random program's claims must hold under every one


def apply_edits(source: str, edits: Sequence[dict]) -> str:
    """The program with these edits ({start, end, replacement} on `source`) made."""
    for edit in sorted(edits, key=lambda e: e["start"], reverse=True):
        source = source[:edit["start"]] + edit["replacement"] + source[edit["end"]:]
    return source


def edit_lines(source: str, edits: Sequence[dict], index: int) -> tuple[int, int]:
    """First and last line that edit `index` occupies in the program with all `edits`
    made (a deletion occupies the line that follows it)."""
    target = edits[index]
    shift = sum(e["replacement"].count("\n") - source.count("\n", e["start"], e["end"])
                for e in edits if e["start"] < target["start"])
    start = source.count("\n", 0, target["start"]) + 1 + shift
    return start, start + max(0, target["replacement"].rstrip("\n").count("\n"))


def removal_lines(source: str, incorrect: str, edits: Sequence[dict], index: int
                  ) -> set[int]:
    """Where a removed statement may be located (docs/locations.md, read here on its own):
    the next code line after the gap, or, when the statement ended its block (the next
    code line is less indented, or there is none), the last code line before the gap; a
    comment line between is accepted in the code line's place."""
    edit = edits[index]
    removed = source[edit["start"]:edit["end"]]
    if edit["replacement"].strip() or not removed.strip():
        return set()
    gap, _ = edit_lines(source, edits, index)
    lines = incorrect.splitlines()

    def indent(text: str) -> int:
        return len(text) - len(text.lstrip())

    # A comment line at the gap may be told, and so may the code line past it
    def code(n: int) -> bool:  # neither blank nor only a comment
        return bool(lines[n - 1].strip()) and not lines[n - 1].lstrip().startswith("#")

    def text(n: int) -> bool:  # not blank
        return bool(lines[n - 1].strip())

    after = {next((n for n in range(gap, len(lines) + 1) if seen(n)), None)
             for seen in (code, text)} - {None}
    before = {next((n for n in range(gap - 1, 0, -1) if seen(n)), None)
              for seen in (code, text)} - {None}
    first = next(line for line in removed.splitlines() if line.strip())
    # whether it ended its block is read in the correct program (other edits of the draft
    # may move the lines around it)
    rest = [line for line in source[edit["end"]:].splitlines()
            if line.strip() and not line.lstrip().startswith("#")]
    ended = not rest or indent(rest[0]) < indent(first)
    return after | before if ended else after


def uses_random(source: str) -> bool:
    return "random" in source and "import" in source


# Seconds of wall time per scenario: above the engine's largest time limit (4 s of CPU for
# a slow correct program, `engine/time_limit.py`), so that a program the proof let finish
# is not cut short here on a busy machine and a true sentence read as false.
WALL_LIMIT = 10.0


class Runs:
    """Runs programs on one exercise's scenarios, each (program, seed) once."""

    def __init__(self, scenarios: Sequence[dict], python: str = sys.executable,
                 timeout: float = WALL_LIMIT) -> None:
        self.scenarios = [{"stdin": list(s.get("stdin", ())), "calls": list(s.get("calls", ()))}
                          for s in scenarios]
        self.python, self.timeout = python, timeout
        self._memo: dict[tuple[str, int], list[dict]] = {}
        self._lock = threading.Lock()
        self.runs = 0

    def results(self, source: str, seed: int = 0) -> list[dict]:
        key = (source, seed)
        with self._lock:
            if key in self._memo:
                return self._memo[key]
        request = json.dumps({"source": source, "scenarios": self.scenarios, "seed": seed,
                              "timeout": self.timeout})
        env = {"PATH": os.environ.get("PATH", "/usr/bin"), "PYTHONHASHSEED": "0"}
        with tempfile.TemporaryDirectory(prefix="truth-") as scratch:
            try:
                done = subprocess.run([self.python, str(RUNNER)], input=request,
                                      capture_output=True, text=True, env=env, cwd=scratch,
                                      timeout=10 + self.timeout * len(self.scenarios))
                found = json.loads(done.stdout)
            except (subprocess.TimeoutExpired, json.JSONDecodeError):
                found = [{"kind": "lost", "stdout": "", "calls": [], "exc_class": None,
                          "message": "", "line": None} for _ in self.scenarios]
        with self._lock:
            self._memo[key] = found
            self.runs += 1
        return found

    def seen(self, source: str, seed: int = 0) -> str:
        """What a student sees on every scenario (line numbers left out, as they move when
        a line is added or removed): how it ended, the output, the exception, and each
        call with what it printed and returned."""
        shown = [[r["kind"], r["stdout"], r["exc_class"], r["message"],
                  [[c["call"], c["stdout"], c["returned"], c["raised"]] for c in r["calls"]]]
                 for r in self.results(source, seed)]
        # `<zip object at 0x7f…>` differs from run to run: an address is not something
        # a student tells apart (the design normalises them before comparing)
        return ADDRESS.sub(" at 0x…", json.dumps(shown))

    def runs_at_all(self, source: str) -> bool:
        """Whether the program compiles (a syntax error: nothing runs)."""
        return self.results(source)[0]["kind"] != "syntax"


def fix_sequence(count: int, met: Sequence[int]) -> list[frozenset]:
    """The sets of errors left while a student fixes them in the order `met`."""
    left, sequence = frozenset(range(count)), []
    for index in met:
        sequence.append(left)
        left = left - {index}
    return sequence


def masks(runs: Runs, correct: str, edits: Sequence[dict], met: Sequence[int],
          seed: int = 0) -> list[tuple[int, int]]:
    """(error, error whose fix shows it), by index: from the first program in the fix
    sequence that compiles, an error whose removal changes nothing a student sees, until
    the fix after which its removal does. Recomputed on plain runs only."""
    sequence = fix_sequence(len(edits), met)

    def program(subset: frozenset) -> str:
        return apply_edits(correct, [edits[i] for i in subset])

    start = next((k for k, s in enumerate(sequence) if runs.runs_at_all(program(s))), None)
    if start is None:
        return []

    def visible(subset: frozenset, j: int) -> bool:
        return runs.seen(program(subset - {j}), seed) != runs.seen(program(subset), seed)

    found = []
    for j in sorted(sequence[start]):
        if visible(sequence[start], j):
            continue
        for k in range(start + 1, len(sequence)):
            if j not in sequence[k]:
                break
            if visible(sequence[k], j):
                found.append((j, met[k - 1]))
                break
    return sorted(found)


def claim_holds(runs: Runs, correct: str, edits: Sequence[dict], met: Sequence[int],
                hidden: int, by: int, seeds: Sequence[int] = (0,)) -> str | None:
    """Why "error `hidden` shows nothing until error `by` is fixed" is false, or None
    when it holds under every seed: from the first program that runs up to the one just
    before `by` is fixed, removing `hidden` changes nothing a student sees; once `by`
    is fixed, removing it does."""
    sequence = fix_sequence(len(edits), met)
    if by not in met or hidden not in met or met.index(by) >= met.index(hidden):
        return "the order of fixes does not fix the hiding error first"
    after = met.index(by) + 1

    def program(subset: frozenset) -> str:
        return apply_edits(correct, [edits[i] for i in subset])

    start = next((k for k, s in enumerate(sequence) if runs.runs_at_all(program(s))), None)
    if start is None or start >= after:
        return "the hiding error is fixed before the program runs at all"
    for seed in seeds:
        for k in range(start, after):
            state = sequence[k]
            if runs.seen(program(state - {hidden}), seed) != runs.seen(program(state), seed):
                return f"visible before the fix (state {k}, seed {seed})"
        state = sequence[after] if after < len(sequence) else frozenset({hidden})
        if runs.seen(program(state - {hidden}), seed) == runs.seen(program(state), seed):
            return f"still shows nothing after the fix (seed {seed})"
    return None
