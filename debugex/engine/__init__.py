"""The proof engine: verify an edit, catalogue an exercise's verified sites, compose a
request from them, compute how errors interact, and render the proven draft as messages."""

from . import cache_admin
from .cache import SECONDS, cache_dir, take_stats
from .compose import ComposeOptions, Composition, InfeasibleRequest, compose
from .density import DEFAULT_MAX_DENSITY, cap, code_lines
from .forking import forked_pool
from .locations import (
    DEFAULT_LOCATION_STYLE,
    LOCATION_STYLES,
    block_end,
    told_line,
    with_location_style,
)
from .mix import (
    Offer,
    balanced_by_shape,
    balanced_weights,
    is_simple_script,
    shortfalls,
    spread_replay,
)
from .partial import check_statement, is_statement
from .pick import edit_signature
from .prepared_cache import prepared_for
from .render import build_messages, scenario_inputs
from .restyle import restyle
from .seeds import SEEDS, other_seeds, uses_random
from .site_cache import FoundSites, found_sites, sites_kept
from .sites import SiteCatalog, catalog_for, max_disjoint
from .survey import THRESHOLD, survey
from .timings import INTERPLAY_RUNS, PHASES, RUNS, TimedSandbox, phase, process_seconds
from .verify import (
    EQUIVALENT,
    PROVEN_EQUIVALENT,
    REJECTED,
    UNVERIFIED,
    CorrectProgramError,
    Prepared,
    Verdict,
    judge,
    judge_sources,
    prepare,
    proven_equivalent,
)

__all__ = [
    "PHASES",
    "RUNS",
    "INTERPLAY_RUNS",
    "SECONDS",
    "cache_dir",
    "TimedSandbox",
    "phase",
    "process_seconds",
    "DEFAULT_LOCATION_STYLE",
    "LOCATION_STYLES",
    "with_location_style",
    "SEEDS",
    "block_end",
    "other_seeds",
    "told_line",
    "uses_random",
    "ComposeOptions",
    "Composition",
    "CorrectProgramError",
    "DEFAULT_MAX_DENSITY",
    "EQUIVALENT",
    "InfeasibleRequest",
    "FoundSites",
    "Offer",
    "PROVEN_EQUIVALENT",
    "Prepared",
    "REJECTED",
    "SiteCatalog",
    "THRESHOLD",
    "UNVERIFIED",
    "Verdict",
    "balanced_by_shape",
    "balanced_weights",
    "build_messages",
    "cache_admin",
    "cap",
    "catalog_for",
    "check_statement",
    "code_lines",
    "compose",
    "edit_signature",
    "forked_pool",
    "found_sites",
    "is_simple_script",
    "is_statement",
    "judge",
    "judge_sources",
    "max_disjoint",
    "prepare",
    "prepared_for",
    "proven_equivalent",
    "restyle",
    "scenario_inputs",
    "shortfalls",
    "sites_kept",
    "spread_replay",
    "survey",
    "take_stats",
]
