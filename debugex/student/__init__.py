"""The student's side (`debugex play`): where a game comes from, its signed state, the
grading of the student's file, and the sentences they read about it."""

from .evidence import Failure
from .expose import Exposed
from .feedback import exposed_lines, grade_lines, hint_text, located_lines, task_lines
from .grading import (
    FIXED,
    FIXED_OTHERWISE,
    REMAINING,
    Grade,
    error_changes,
    error_classes,
    grade,
)
from .hints import MAX_HINTS, Hint, next_hint
from .locate import Located
from .play import (
    TASKS,
    Started,
    check_and_record,
    check_play,
    expose_and_record,
    give_hint,
    locate_and_record,
    start_play,
    task_of,
)
from .report import collect, per_error, per_exercise, report_fields
from .state import PlayError, read_state, state_path
from .target import Target, load_task, resolve_target

__all__ = [
    "collect",
    "per_error",
    "per_exercise",
    "report_fields",
    "TASKS",
    "Exposed",
    "Located",
    "check_and_record",
    "expose_and_record",
    "exposed_lines",
    "locate_and_record",
    "located_lines",
    "read_state",
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
    "error_classes",
    "grade",
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
