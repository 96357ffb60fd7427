"""What a user runs over many exercises: one exercise now (inject), batches of drafts
(generate), review, merge into the examples, and export for fine-tuning."""

from .batch import ACCEPTED, REJECTED, Batch, BatchError, load_batch
from .cluster import ClusterError, insecure_warning, parse_cluster
from .drawing import DEFAULT_DISTRIBUTION
from .export import export
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
from .play import (
    PlayError,
    Started,
    Target,
    check_play,
    hint_line,
    resolve_target,
    start_play,
    state_path,
    task_of,
)
from .play_grade import FIXED_OTHERWISE, Grade
from .reporting import GenerateSummary
from .review import interactive, write_html
from .review_server import ServeError, WebMissing, is_loopback, require_web, serve
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
    "FIXED_OTHERWISE",
    "DEFAULT_PER_EXERCISE",
    "GenerateOptions",
    "GenerateSummary",
    "Grade",
    "MergeResult",
    "PlayError",
    "REJECTED",
    "Started",
    "Target",
    "Task",
    "TaskError",
    "TaskMaker",
    "ServeError",
    "WebMissing",
    "check_options",
    "check_play",
    "default_description",
    "exercise_from_files",
    "export",
    "generate",
    "hint_line",
    "in_shard",
    "insecure_warning",
    "inject",
    "interactive",
    "is_loopback",
    "load_batch",
    "load_distribution",
    "merge",
    "parse_cluster",
    "plan",
    "resolve_target",
    "split_tasks",
    "start_play",
    "state_path",
    "task_of",
    "unportable",
    "require_web",
    "serve",
    "what_fits",
    "write_html",
]
