"""Figures about a batch read as exercises: density, reuse, partial answers, interplay.

Fed one draft record at a time (constant memory), by `generate` as drafts arrive and by
the composition bench over a finished batch.
"""

from __future__ import annotations

from collections import Counter

BIG_REQUEST = 6  # teachers often ask for this many errors or more


def _bucket(density: float) -> str:
    """Histogram bucket of errors per code line, half-open: '[0.0,0.1)', ..., '[1.0,+)'."""
    low = min(int(density * 10 + 1e-9), 10) / 10
    return "[1.0,+)" if low >= 1 else f"[{low:.1f},{low + 0.1:.1f})"


class CompositionStats:
    def __init__(self) -> None:
        self.drafts = 0
        self.with_repeat = 0
        self.partial = 0
        self.big_requests = 0
        self.interplay_failures = 0  # selections dropped before the written composition
        self.interplay_failed_written = 0  # written drafts whose interplay check failed
        self.above_cap = 0
        self.same_line = 0
        self.redrawn = 0
        self.hiding = 0  # drafts where an error shows nothing until another is fixed
        self.said = 0  # drafts whose thinking says how the errors interact
        self.histogram: Counter = Counter()

    def add(self, draft: dict) -> None:
        record = draft.get("composition") or {}
        self.drafts += 1
        self.with_repeat += bool(record.get("repeated_edits"))
        self.partial += bool(draft.get("partial"))
        self.big_requests += sum(draft["request"].values()) >= BIG_REQUEST
        self.interplay_failures += record.get("interplay_failures", 0)
        interplay = record.get("interplay") or {}
        self.interplay_failed_written += bool(interplay.get("failures"))
        self.hiding += bool(interplay.get("hidden"))
        self.said += bool(interplay.get("said"))
        self.same_line += bool(record.get("same_line"))
        self.redrawn += draft.get("request_origin") == "redrawn"
        density = record.get("density")
        if density:
            self.histogram[_bucket(density["actual"])] += 1
            self.above_cap += density["cap"] is not None and density["errors"] > density["cap"]

    def _share(self, count: int) -> float | None:
        return round(count / self.drafts, 4) if self.drafts else None

    def to_dict(self) -> dict:
        return {"drafts": self.drafts,
                "density_histogram": dict(sorted(self.histogram.items())),
                "drafts_above_density_cap": self.above_cap,
                "drafts_with_errors_on_one_line": self.same_line,
                "repeated_edit_share": self._share(self.with_repeat),
                "partial_share": self._share(self.partial),
                "requests_6_plus_share": self._share(self.big_requests),
                "requests_redrawn_to_fit": self.redrawn,
                "interplay_failures_before_recomposition": self.interplay_failures,
                "interplay_failures_written": self.interplay_failed_written,
                "drafts_with_hidden_errors": self.hiding,
                "drafts_with_interplay_sentence": self.said}
