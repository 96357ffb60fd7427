"""Measuring a model: the repair benchmark made from proven drafts, the client that asks
an OpenAI-compatible endpoint, and the grading of its answers (repair and generate)."""

from .benchmark import BenchmarkError, Item, read_items
from .client import ClientError, EndpointError, Settings, write_batch_requests
from .evaluate import REPORT_FILE, RESULTS_FILE, Evaluation, evaluate_repair, repair_prompts
from .generate import RequestsError, evaluate_generate, generate_prompts, load_requests
from .repair import SYSTEM as REPAIR_SYSTEM
from .repair import SYSTEM_NO_LINES as REPAIR_SYSTEM_NO_LINES
from .repair_export import Built, excluded_ids, items_drawn, items_from, write_benchmark
from .variants import MAX_SEED, nth_draft

__all__ = ["MAX_SEED", "REPAIR_SYSTEM", "REPAIR_SYSTEM_NO_LINES", "REPORT_FILE", "RESULTS_FILE",
           "BenchmarkError", "Built", "ClientError", "EndpointError", "Evaluation", "Item", "RequestsError",
           "Settings", "evaluate_generate", "evaluate_repair", "load_requests",
           "excluded_ids", "generate_prompts", "items_drawn", "items_from", "nth_draft", "read_items",
           "repair_prompts", "write_batch_requests", "write_benchmark"]
