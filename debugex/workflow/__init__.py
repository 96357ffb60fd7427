"""What a user runs over many exercises: one exercise now (inject), batches of drafts
(generate), review, merge into the examples, and export for fine-tuning."""

from .batch import ACCEPTED, REJECTED, UNDECIDED, Batch, BatchError, StaleDecision, load_batch
from .cluster import ClusterError, insecure_warning, parse_cluster
from .drawing import DEFAULT_DISTRIBUTION
from .export import export, size_category
from .generation import close_sandbox, generate
from .inject import default_description, exercise_from_files, inject, what_fits
from .merge import ALREADY_MERGED, MergeResult, merge
from .planning import (
    DEFAULT_PER_EXERCISE,
    GenerateOptions,
    check_options,
    in_shard,
    load_distribution,
    plan,
)
from .reporting import GenerateSummary
from .tasks import Case, Task, TaskError, TaskMaker, split_tasks, unportable

__all__ = [
    "close_sandbox",
    "ACCEPTED",
    "ALREADY_MERGED",
    "Batch",
    "BatchError",
    "Case",
    "ClusterError",
    "DEFAULT_DISTRIBUTION",
    "DEFAULT_PER_EXERCISE",
    "GenerateOptions",
    "GenerateSummary",
    "MergeResult",
    "REJECTED",
    "StaleDecision",
    "UNDECIDED",
    "Task",
    "TaskError",
    "TaskMaker",
    "check_options",
    "default_description",
    "exercise_from_files",
    "export",
    "size_category",
    "generate",
    "in_shard",
    "insecure_warning",
    "inject",
    "load_batch",
    "load_distribution",
    "merge",
    "parse_cluster",
    "plan",
    "split_tasks",
    "unportable",
    "what_fits",
]
