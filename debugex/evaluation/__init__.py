"""Measuring a model: the repair benchmark made from proven drafts, the client that asks
an OpenAI-compatible endpoint, and the grading of its answers (repair and generate)."""

from .benchmark import BenchmarkError, Item, read_items
from .repair_export import Built, excluded_ids, items_drawn, items_from, write_benchmark

__all__ = ["BenchmarkError", "Built", "Item", "excluded_ids", "items_drawn", "items_from",
           "read_items", "write_benchmark"]
