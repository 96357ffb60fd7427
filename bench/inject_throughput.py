"""Throughput of `inject` once an exercise's sites are verified, on one worker.

Builds every exercise's site catalogue first (not timed), then times random requests
(1-4 errors of random classes, feasible ones only) over the bundled content. The floor
is the bare in-process exec time of the program runs those requests needed (each
combined program on each scenario), measured in the same run.

    python bench/inject_throughput.py [--json] [--requests N] [--content DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from sandbox_overhead import floor_seconds  # noqa: E402

from debugex.content.exercises import exercise_folders, load_exercise  # noqa: E402
from debugex.engine.compose import InfeasibleRequest, feasible  # noqa: E402
from debugex.engine.sites import catalog_for  # noqa: E402
from debugex.formats.messages import Request  # noqa: E402
from debugex.sandbox import Job, Sandbox  # noqa: E402
from debugex.workflow.inject import inject  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--requests", type=int, default=1500)
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    args = parser.parse_args()
    rng = random.Random(1)
    with Sandbox(workers=1) as sandbox:
        exercises = [load_exercise(f) for f in exercise_folders(args.content)]
        catalogs = {e.slug: catalog_for(e, sandbox) for e in exercises}
        plan = []
        while len(plan) < args.requests:
            exercise = rng.choice(exercises)
            counts = [0, 0, 0]
            for _ in range(rng.randint(1, 4)):
                counts[rng.randrange(3)] += 1
            request = Request(*counts)
            try:
                feasible(catalogs[exercise.slug], request, allow_partial=False)
            except InfeasibleRequest:
                continue
            plan.append((exercise, request, rng.randrange(10**6)))
        started = time.perf_counter()
        results = []
        for exercise, request, seed in plan:
            try:
                results.append(inject(exercise, request, seed, sandbox))
            except InfeasibleRequest:
                results.append(None)
        elapsed = time.perf_counter() - started
    done = [r for r in results if r is not None]
    jobs = [Job(r.composition.source, s.stdin, calls=s.calls) for r in done
            for s in r.exercise.scenarios] if done else []
    runnable = [j for j in jobs if _compiles(j.source)]
    floor = floor_seconds(runnable) if runnable else 0.0
    report = {
        "requests": len(plan),
        "exercises": len(done),
        "exercises_per_s": round(len(done) / elapsed, 1),
        "floor_ratio": round(elapsed / floor, 1) if floor else None,
        "floor_us_per_exercise": round(floor / max(1, len(done)) * 1e6, 1),
    }
    print(json.dumps(report) if args.json else
          "\n".join(f"{k:>22}: {v}" for k, v in report.items()))


def _compiles(source: str) -> bool:
    try:
        compile(source, "program.py", "exec")
    except (SyntaxError, ValueError):
        return False
    return True


if __name__ == "__main__":
    main()
