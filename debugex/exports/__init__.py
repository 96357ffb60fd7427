"""What a teacher hands out: the drafts of `workflow/tasks.py` written as Moodle CodeRunner
questions (checked against what CodeRunner's importer reads) and Jupyter notebooks."""

from .coderunner import (
    Planned,
    Question,
    QuestionTest,
    coderunner_tests,
    question_for,
    questions_for,
    read_coderunner,
    write_coderunner,
)
from .coderunner_check import check_tree
from .coderunner_runs import PROTOTYPES, grade
from .extras import ExtraMissing, need
from .jupyter import notebook_for, write_notebooks

__all__ = [
    "PROTOTYPES",
    "ExtraMissing",
    "Planned",
    "grade",
    "questions_for",
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
