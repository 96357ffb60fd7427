"""Measuring a model: the repair benchmark made from proven drafts, the client that asks
an OpenAI-compatible endpoint, and the grading of its answers (repair and generate)."""

from .benchmark import BenchmarkError, Item, read_items
from .client import ClientError, Settings
from .evaluate import REPORT_FILE, RESULTS_FILE, Evaluation, evaluate_repair
from .repair import SYSTEM as REPAIR_SYSTEM
from .repair_export import Built, excluded_ids, items_drawn, items_from, write_benchmark

__all__ = ["REPAIR_SYSTEM", "REPORT_FILE", "RESULTS_FILE", "BenchmarkError", "Built",
           "ClientError", "Evaluation", "Item", "Settings", "evaluate_repair",
           "excluded_ids", "items_drawn", "items_from", "read_items", "write_benchmark"]
