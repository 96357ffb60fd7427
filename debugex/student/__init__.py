"""The student's side (`debugex play`): where a game comes from, its signed state, the
grading of the student's file, and the sentences they read about it."""

from .evidence import Failure
from .feedback import grade_lines, hint_text, task_lines
from .grading import FIXED, FIXED_OTHERWISE, REMAINING, Grade, error_changes
from .hints import MAX_HINTS, Hint, next_hint
from .play import Started, check_play, give_hint, start_play, task_of
from .state import PlayError, state_path
from .target import Target, load_task, resolve_target

__all__ = [
    "FIXED",
    "FIXED_OTHERWISE",
    "REMAINING",
    "Failure",
    "Grade",
    "PlayError",
    "Started",
    "Target",
    "check_play",
    "error_changes",
    "grade_lines",
    "hint_text",
    "give_hint",
    "Hint",
    "MAX_HINTS",
    "next_hint",
    "load_task",
    "resolve_target",
    "start_play",
    "state_path",
    "task_lines",
    "task_of",
]
