"""Where a run's time goes, by phase: plan, sites, compose, prove, text, write, prune.

Each process adds up the wall time spent in each phase (`phase`), exclusively: time in a
phase entered inside another counts for the inner one only (a catalogue built inside
`sites` runs programs, which count as `prove`). Every program run goes through
`TimedSandbox`, so `prove` is all the time spent waiting for the sandbox. A generate
worker sends its figures back with its cache lookups (`take_timings`), and the parent
adds them up: worker phases are summed over the workers, so with two busy workers they
may add to twice the wall time they took.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

PHASES = ("plan", "sites", "compose", "prove", "text", "write", "prune")
RUNS = "runs"  # not a phase: how many programs the sandbox ran
INTERPLAY_RUNS = "runs interplay"  # of them, those run to compute an interplay

_SPENT: Counter = Counter()
_RUNS = [0]  # programs run through a TimedSandbox since the last take_timings
_INTERPLAY = [0, False]  # of them, run inside `interplay_runs`; whether inside it now
_STACK: list[list] = []  # [phase, started, seconds spent in phases inside it]


@contextmanager
def phase(name: str) -> Iterator[None]:
    """Count the wall time inside this block as `name` (less the inner phases')."""
    entry = [name, time.perf_counter(), 0.0]
    _STACK.append(entry)
    try:
        yield
    finally:
        _STACK.pop()
        elapsed = time.perf_counter() - entry[1]
        _SPENT[name] += elapsed - entry[2]
        if _STACK:
            _STACK[-1][2] += elapsed


@contextmanager
def interplay_runs() -> Iterator[None]:
    """Count the programs run inside this block under INTERPLAY_RUNS too."""
    outer = _INTERPLAY[1]
    _INTERPLAY[1] = True
    try:
        yield
    finally:
        _INTERPLAY[1] = outer


def take_timings() -> dict[str, float]:
    """Seconds per phase in this process since the last call (then reset), under RUNS
    the number of programs run and under INTERPLAY_RUNS those of them an interplay ran."""
    spent = {k: v for k, v in _SPENT.items() if v}
    _SPENT.clear()
    if _RUNS[0]:
        spent[RUNS] = _RUNS[0]
        _RUNS[0] = 0
    if _INTERPLAY[0]:
        spent[INTERPLAY_RUNS] = _INTERPLAY[0]
        _INTERPLAY[0] = 0
    return spent


class TimedSandbox:
    """A sandbox whose runs count as `prove`; everything else is the sandbox's own."""

    def __init__(self, inner) -> None:
        self._inner = inner

    def run_many(self, jobs: Sequence, progress=None) -> list:
        _RUNS[0] += len(jobs)
        if _INTERPLAY[1]:
            _INTERPLAY[0] += len(jobs)
        with phase("prove"):
            return self._inner.run_many(jobs, progress=progress)

    def __getattr__(self, name: str):
        return getattr(self._inner, name)


def process_seconds() -> float | None:
    """Wall seconds since this process started (Linux: its start time in /proc against
    the boot clock), so that a command reports its whole time, the interpreter's start
    and the imports included. None where that cannot be read."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        started = int(fields[19]) / ticks  # field 22 of stat: start time after boot
        return max(0.0, time.clock_gettime(time.CLOCK_BOOTTIME) - started)
    except (OSError, ValueError, IndexError, AttributeError):
        return None
