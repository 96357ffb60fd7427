"""How well synthesis does against the hand-written scenarios (bench and tests share it)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from ..content import Exercise, Scenario
from ..injectors import LOGICAL
from ..sandbox import FINISHED, Job, Sandbox
from ..scenarios import line_coverage, logical_mutants, synthesise_for
from .verify import Prepared, judge_sources


@dataclass
class MeasureRow:
    slug: str
    found: bool  # synthesis found scenarios under which the program finishes cleanly
    synthesised_coverage: float
    hand_coverage: float
    seconds: float
    logical_synthesised: int = 0  # logical sites verified with the synthesised scenarios
    logical_hand: int = 0  # ... with the hand-written ones

    @property
    def logical_ratio(self) -> float | None:
        return self.logical_synthesised / self.logical_hand if self.logical_hand else None


def logical_verified(exercise: Exercise, scenarios: tuple[Scenario, ...], mutants: list[str],
                     sandbox: Sandbox) -> int:
    """How many of the logical mutants show as logical errors under these scenarios."""
    if not scenarios:
        return 0
    oracle = sandbox.run_many([Job(exercise.source, s.stdin) for s in scenarios])
    prepared = Prepared(exercise, scenarios, oracle)
    verdicts = judge_sources([(prepared, m) for m in mutants], sandbox)
    return sum(v.status == LOGICAL for v in verdicts)


def measure(exercises: Sequence[Exercise], sandbox: Sandbox, logical: bool = False
            ) -> list[MeasureRow]:
    """Each exercise with its scenarios.toml hidden, against the hand-written ones; with
    `logical`, also the logical sites each set of scenarios verifies."""
    rows = []
    for exercise in exercises:
        started = time.perf_counter()
        result = synthesise_for(exercise.source, exercise.description, sandbox)
        seconds = time.perf_counter() - started
        runs = sandbox.run_many([Job(exercise.source, s.stdin, trace_lines=True, calls=s.calls)
                                 for s in result.scenarios])
        found = bool(result.scenarios) and all(o.kind == FINISHED for o in runs)
        hand = sandbox.run_many([Job(exercise.source, s.stdin, trace_lines=True, calls=s.calls)
                                 for s in exercise.scenarios])
        hand_coverage, _ = line_coverage(exercise.source, [o.lines_run for o in hand])
        row = MeasureRow(exercise.slug, found, result.line_coverage, hand_coverage, seconds)
        if logical:
            mutants = logical_mutants(exercise.source)
            row.logical_synthesised = logical_verified(exercise, result.scenarios, mutants,
                                                       sandbox)
            row.logical_hand = logical_verified(exercise, exercise.scenarios, mutants, sandbox)
        rows.append(row)
    return rows


def summary(rows: Sequence[MeasureRow]) -> dict:
    count = len(rows) or 1
    return {
        "exercises": len(rows),
        "found_fraction": round(sum(r.found for r in rows) / count, 4),
        "mean_coverage_synthesised": round(sum(r.synthesised_coverage for r in rows) / count, 4),
        "mean_coverage_hand_written": round(sum(r.hand_coverage for r in rows) / count, 4),
        "max_seconds": round(max((r.seconds for r in rows), default=0.0), 3),
        "worst": sorted(((r.slug, round(r.synthesised_coverage, 3)) for r in rows),
                        key=lambda x: x[1])[:5],
    } | _logical_summary(rows)


def _logical_summary(rows: Sequence[MeasureRow]) -> dict:
    measured = [r for r in rows if r.logical_hand]
    if not measured:
        return {}
    ratios = {r.slug: round(r.logical_ratio, 4) for r in measured}
    hand = sum(r.logical_hand for r in measured)
    return {
        "logical_sites_verified_synthesised": sum(r.logical_synthesised for r in measured),
        "logical_sites_verified_hand_written": hand,
        "logical_ratio_overall": round(sum(r.logical_synthesised for r in measured) / hand, 4),
        "logical_ratio_min": min(ratios.values()),
        "logical_ratio_below_0_9": sorted(s for s, v in ratios.items() if v < 0.9),
        "logical_ratio_per_exercise": ratios,
    }
