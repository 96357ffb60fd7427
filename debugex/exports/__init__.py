"""What a teacher hands out: the drafts of `workflow/tasks.py` written as Moodle CodeRunner
questions (checked against what CodeRunner's importer reads) and Jupyter notebooks."""

from .coderunner import (
    Question,
    QuestionTest,
    coderunner_tests,
    question_for,
    read_coderunner,
    write_coderunner,
)
from .coderunner_check import check_tree
from .extras import ExtraMissing, need
from .jupyter import notebook_for, write_notebooks

__all__ = [
    "ExtraMissing",
    "Question",
    "QuestionTest",
    "check_tree",
    "coderunner_tests",
    "need",
    "notebook_for",
    "question_for",
    "read_coderunner",
    "write_coderunner",
    "write_notebooks",
]
