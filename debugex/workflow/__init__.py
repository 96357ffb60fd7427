"""What a user runs over many exercises: one exercise now (inject), batches of drafts
(generate), review, merge into the examples, and export for fine-tuning."""

from .batch import ACCEPTED, REJECTED, Batch, BatchError, load_batch
from .cluster import ClusterError, parse_cluster
from .drawing import DEFAULT_DISTRIBUTION
from .export import export
from .generation import generate
from .inject import default_description, exercise_from_files, inject, what_fits
from .merge import ALREADY_MERGED, MergeResult, merge
from .planning import GenerateOptions, check_options, in_shard, load_distribution, plan
from .reporting import GenerateSummary
from .review import interactive, write_html

__all__ = [
    "ACCEPTED",
    "ALREADY_MERGED",
    "Batch",
    "BatchError",
    "ClusterError",
    "DEFAULT_DISTRIBUTION",
    "GenerateOptions",
    "GenerateSummary",
    "MergeResult",
    "REJECTED",
    "check_options",
    "default_description",
    "exercise_from_files",
    "export",
    "generate",
    "in_shard",
    "inject",
    "interactive",
    "load_batch",
    "load_distribution",
    "merge",
    "parse_cluster",
    "plan",
    "what_fits",
    "write_html",
]
