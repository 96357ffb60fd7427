"""Every site the injectors offer on every bundled exercise, found once per process.

Several tests walk all of them (the plausibility guarantee, the same sites on every
Python); finding them is a parse and a walk of each program by every injector, which
grows with the content. Those tests share one xdist group, so one worker finds them once.
"""

from functools import cache
from pathlib import Path

import pytest

from debugex.changes.candidates import find_sites
from debugex.content.exercises import Exercise, exercise_folders, load_exercise
from debugex.injectors import Edit, ProgramIndex

CONTENT = Path(__file__).resolve().parents[1] / "content"
shares_sites = pytest.mark.xdist_group("bundled_sites")


@cache
def bundled_sites() -> tuple[tuple[Exercise, ProgramIndex, tuple[Edit, ...]], ...]:
    """(exercise, its program as the injectors see it, the sites find_sites offers) for
    every bundled exercise, in folder order."""
    found = []
    for folder in exercise_folders(CONTENT):
        exercise = load_exercise(folder)
        program = ProgramIndex(exercise.source, exercise.description)
        found.append((exercise, program, tuple(find_sites(program))))
    return tuple(found)
