"""What a teacher hands out: the drafts of `workflow/tasks.py` written as Moodle CodeRunner
questions (run as CodeRunner runs them, checked against what its importer reads), Jupyter
notebooks and PrairieLearn question folders."""

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
from .hash_order import hash_order
from .jupyter import notebook_for, write_notebooks
from .portable import portable
from .prairielearn import info_for, write_prairielearn

__all__ = [
    "PROTOTYPES",
    "ExtraMissing",
    "Planned",
    "grade",
    "info_for",
    "hash_order",
    "portable",
    "write_prairielearn",
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
