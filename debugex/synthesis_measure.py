"""How well synthesis does against the hand-written scenarios (bench and tests share it)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from .content import Exercise
from .coverage import line_coverage
from .sandbox import FINISHED, Job, Sandbox
from .scenarios import synthesise_for


@dataclass
class MeasureRow:
    slug: str
    found: bool  # synthesis found scenarios under which the program finishes cleanly
    synthesised_coverage: float
    hand_coverage: float
    seconds: float


def measure(exercises: Sequence[Exercise], sandbox: Sandbox) -> list[MeasureRow]:
    """Each exercise with its scenarios.toml hidden, against the hand-written ones."""
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
        rows.append(MeasureRow(exercise.slug, found, result.line_coverage, hand_coverage,
                               seconds))
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
    }
