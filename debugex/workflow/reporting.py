"""The figures of a `debugex generate` run: what was planned and written, why units were
not written, errors per class and per injector, the batch read as exercises, and which
exercises are broken (their failure points at the exercise or at a defect, not at the
request). Gathered as each exercise's results arrive, so they cover an interrupted run.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..engine import INTERPLAY_RUNS, PHASES, RUNS, SECONDS, cache_admin
from .composition_stats import CompositionStats

BROKEN = "internal error: "  # reasons that point at a defect, not at the request
# reasons that name the exercise as broken (the others are about one request)
PROBLEMS = (BROKEN, "exercise cannot be loaded", "correct program fails")
# Between a failure's kind (counted) and its detail (listed): exercise, request, constraint.
DETAIL = " \u2014 "

@dataclass
class GenerateSummary:
    batch: Path
    planned: int
    written: int
    failures: Counter
    per_class: Counter
    per_injector: Counter
    interrupted: bool
    seconds: float
    problems: dict[str, str] = field(default_factory=dict)  # exercise -> why it failed
    stopped_by: str | None = None  # "SIGTERM"/"SIGINT" when a signal stopped the run
    composition: dict = field(default_factory=dict)  # CompositionStats.to_dict()
    engine: dict = field(default_factory=dict)  # local pool or Dask cluster, its workers
    cache: dict = field(default_factory=dict)  # the proof cache's lookups and hit rate
    # each unit not written, with its exercise, request and real constraint
    details: list[str] = field(default_factory=list)
    # seconds per phase (engine/timings.py): the parent's, and the workers' summed
    timings: dict[str, float] = field(default_factory=dict)
    runs: int = 0  # programs the sandbox ran, all workers together
    interplay_runs: int = 0  # of them, those run to compute how a draft's errors interact

    def to_dict(self) -> dict:
        return {"batch": str(self.batch), "planned": self.planned, "written": self.written,
                "infeasible": dict(self.failures), "errors_per_class": dict(self.per_class),
                "errors_per_injector": dict(sorted(self.per_injector.items())),
                "composition": self.composition,
                "broken_exercises": dict(sorted(self.problems.items())),
                "interrupted": self.interrupted, "stopped_by": self.stopped_by,
                "seconds": round(self.seconds, 2), "engine": self.engine,
                "cache": self.cache, "not_written": self.details,
                "timings": {k: round(v, 3) for k, v in self.timings.items()},
                "runs": self.runs,
                "runs_per_draft": round(self.runs / self.written, 1) if self.written else None,
                "interplay_runs": self.interplay_runs,
                "interplay_runs_per_draft": (round(self.interplay_runs / self.written, 1)
                                             if self.written else None),
                "drafts_per_s": round(self.written / self.seconds, 1) if self.seconds else None}



@dataclass
class Tally:
    """The counters behind a GenerateSummary, fed one exercise's results at a time."""

    failures: Counter = field(default_factory=Counter)  # reason -> units not written
    per_class: Counter = field(default_factory=Counter)
    per_injector: Counter = field(default_factory=Counter)
    problems: dict[str, str] = field(default_factory=dict)  # exercise -> first such reason
    stats: CompositionStats = field(default_factory=CompositionStats)
    lookups: Counter = field(default_factory=Counter)  # proof cache: "<kind> hit|miss"
    details: list[str] = field(default_factory=list)  # units not written, said in full
    timings: Counter = field(default_factory=Counter)  # phase -> seconds
    runs: int = 0  # programs the sandbox ran (every worker's)
    interplay_runs: int = 0  # of them, an interplay's

    def add_stats(self, stats: dict) -> None:
        """A process's cache lookups and seconds per phase (`engine.take_stats`)."""
        for key, value in stats.items():
            if key == SECONDS + RUNS:
                self.runs += int(value)
            elif key == SECONDS + INTERPLAY_RUNS:
                self.interplay_runs += int(value)
            elif key.startswith(SECONDS):
                self.timings[key[len(SECONDS):]] += value
            else:
                self.lookups[key] += value

    def add_draft(self, draft: dict) -> None:
        for error in draft["errors"]:
            self.per_class[error["error_class"]] += 1
            self.per_injector[error["injector"]] += 1
        self.stats.add(draft)

    def add_failures(self, slug: str, failed: Iterable[tuple[int, str]]) -> None:
        reasons = []
        for _, reason in failed:
            kind, _, detail = reason.partition(DETAIL)
            reasons.append(kind)
            if detail:
                self.details.append(detail)
        self.failures.update(reasons)
        for reason in reasons:
            if reason.startswith(PROBLEMS):
                self.problems.setdefault(slug, reason)

    def summary(self, batch: Path, planned: int, written: int, interrupted: bool,
                seconds: float, stopped_by: str | None,
                engine: dict | None = None) -> GenerateSummary:
        rate = cache_admin.hit_rate(self.lookups)
        cache = {"lookups": dict(sorted(self.lookups.items())),
                 "hit_rate": None if rate is None else round(rate, 4)}
        return GenerateSummary(batch, planned, written, self.failures, self.per_class,
                               self.per_injector, interrupted, seconds, self.problems,
                               stopped_by, self.stats.to_dict(), dict(engine or {}), cache,
                               sorted(self.details), ordered_timings(self.timings),
                               self.runs, self.interplay_runs)


def ordered_timings(timings: Counter) -> dict[str, float]:
    """Every phase, in the order a run meets them (then any other, by name)."""
    return {**{p: timings.get(p, 0.0) for p in PHASES},
            **{p: timings[p] for p in sorted(timings) if p not in PHASES}}
