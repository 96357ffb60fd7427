"""Exercises on disk: `content/<slug>/` with its description, correct program and scenarios."""

from .exercises import (
    SLUG,
    ContentError,
    Exercise,
    Scenario,
    default_content_dir,
    exercise_folders,
    find_exercise,
    load_exercise,
    parse_scenarios,
    read_program,
    read_text,
)

__all__ = [
    "SLUG",
    "ContentError",
    "Exercise",
    "Scenario",
    "default_content_dir",
    "exercise_folders",
    "find_exercise",
    "load_exercise",
    "parse_scenarios",
    "read_program",
    "read_text",
]
