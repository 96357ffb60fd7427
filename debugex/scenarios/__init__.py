"""What a program is run on: the author's scenarios, else synthesised ones (stdin or
calls), chosen to tell programs apart, and the check of a correct program against them."""

from .adequacy import logical_mutants
from .assertions import Case
from .autograder import read_test_pairs
from .check import CheckResult, check_exercises, first_difference, load_for_check
from .coverage import line_coverage
from .hash_seeds import ELSEWHERE, HASH_SEEDS, hash_seed_change, runs_under_hash_seeds
from .resolve import CorrectProgramError, never_finishing, scenarios_for, synthesise_for
from .synthesis import NEEDS_PREFIX, distinguishing_input
from .testfiles import ReadTests, read_doctests, read_test_file
from .values import expected_finish, finish_difference, raised_early, read_value, same_value

__all__ = [
    "ELSEWHERE",
    "HASH_SEEDS",
    "NEEDS_PREFIX",
    "hash_seed_change",
    "runs_under_hash_seeds",
    "Case",
    "ReadTests",
    "read_doctests",
    "read_test_file",
    "CheckResult",
    "CorrectProgramError",
    "check_exercises",
    "distinguishing_input",
    "expected_finish",
    "finish_difference",
    "first_difference",
    "line_coverage",
    "load_for_check",
    "logical_mutants",
    "never_finishing",
    "raised_early",
    "read_value",
    "same_value",
    "read_test_pairs",
    "scenarios_for",
    "synthesise_for",
]
