"""How fast `debugex generate` is as users meet it: a first run, a new seed on a warm
cache, the same seed again; each against the sandbox's fork floor measured in the same run.

Every run is `debugex generate --seed S --json` in a fresh process (the default request
mix, `--per-exercise` drafts per exercise, `--workers` processes), timed from outside:
drafts/s are drafts written over the process's wall time (start-up, planning, the mix's
balance, writing and pruning included), and the time the command reports is set against
that wall time. The three runs:

- cold: an empty proof cache, seed 7 (a first run);
- new seed: the cache the cold run filled, seed 8 (what a user does next);
- same seed: seed 7 again on the warm cache (every proof is read back; a repeated run),
  whose drafts must be byte for byte the cold run's (`same_as_cold`).

The fork floor is the least that running one program safely costs (bench/
sandbox_overhead.py: a lean process forks a child per run of the bundled programs); a
run's ratio to it is its wall time per draft over the floor's wall time per run: how many
bare forked runs one draft costs. Peak memory is the largest resident set of the
command's processes (the largest a single one reached, as the kernel counts the children
waited for). `--scaling` adds the old series: cost and peak memory at 1x, 4x and
16x the drafts per exercise, warm.

    python bench/generate_scaling.py [--json] [--exercises K] [--per-exercise N]
                                     [--workers W] [--scaling]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_PROBE = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
result = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - started
if result.returncode:
    sys.exit(result.stderr)
summary = json.loads(result.stdout)
summary["wall_s"] = wall
summary["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps(summary))
"""


def drafts_digest(batch: str) -> str:
    """SHA-256 of a batch's drafts.jsonl: two runs gave the same drafts exactly when equal."""
    return hashlib.sha256((Path(batch) / "drafts.jsonl").read_bytes()).hexdigest()


def _overhead_module():
    spec = importlib.util.spec_from_file_location("sandbox_overhead",
                                                  ROOT / "bench" / "sandbox_overhead.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fork_floor_s() -> float:
    """Wall seconds per run of the fork floor over the bundled programs (best of 3)."""
    overhead = _overhead_module()
    jobs = overhead.load_jobs(ROOT / "content")
    return min(overhead.floor_seconds(jobs)[0] for _ in range(3)) / len(jobs)


def run(seed: int, per_exercise: int, workers: int, out: Path, cache: Path,
        slugs: list[str] | None) -> dict:
    command = [sys.executable, "-m", "debugex.cli", "generate", "--per-exercise",
               str(per_exercise), "--workers", str(workers), "--seed", str(seed),
               "--out", str(out), "--content", str(ROOT / "content"), "--json"]
    for slug in slugs or ():
        command += ["--exercise", slug]
    env = dict(os.environ, DEBUGEX_CACHE=str(cache), PYTHONPATH=str(ROOT))
    probe = subprocess.run([sys.executable, "-c", _PROBE, *command], capture_output=True,
                           text=True, cwd=ROOT, check=True, env=env)
    result = json.loads(probe.stdout)
    result["drafts_sha256"] = drafts_digest(result["batch"])
    return result


def figures(result: dict, floor: float) -> dict:
    written, wall = result["written"], result["wall_s"]
    return {"drafts": written, "wall_s": round(wall, 2),
            "drafts_per_s_wall": round(written / wall, 1) if wall else None,
            "reported_s": result["seconds"],
            "reported_over_wall": round(result["seconds"] / wall, 3) if wall else None,
            "floor_runs_per_draft": round(wall / written / floor, 1) if written else None,
            "peak_rss_mb": round(result["peak_rss_mb"], 1),
            "hit_rate": result["cache"].get("hit_rate"),
            "runs_per_draft": result.get("runs_per_draft"),
            # of them, the programs a student meets while fixing a draft (and, in a random
            # program, the same under the mask seeds)
            "interplay_runs_per_draft": result.get("interplay_runs_per_draft"),
            "timings": result.get("timings", {}),
            # to compare two versions of debugex: the same seed gives the same digest
            "drafts_sha256": result["drafts_sha256"]}


def scaling(base: int, workers: int, out: Path, cache: Path, slugs: list[str] | None
            ) -> dict:
    """Seconds and peak memory at 1x, 4x and 16x the drafts per exercise, warm (each size
    made once before it is measured: other counts draw other requests)."""
    series = []
    for factor in (1, 4, 16):
        run(7, base * factor, workers, out, cache, slugs)
        result = run(7, base * factor, workers, out, cache, slugs)
        series.append([factor, round(result["wall_s"], 2), round(result["peak_rss_mb"], 1)])
    return {"work_scaling": series,
            "seconds_ratio_16x_over_1x": round(series[2][1] / series[0][1], 2),
            # seconds per 1x of work between 4x and 16x over the same between 1x and 4x
            "marginal_cost_ratio": round(((series[2][1] - series[1][1]) / 12)
                                         / ((series[1][1] - series[0][1]) / 3), 2),
            "peak_rss_ratio_16x_over_1x": round(series[2][2] / series[0][2], 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the report on one line")
    parser.add_argument("--per-exercise", type=int, default=5,
                        help="drafts per exercise (default 5, as `debugex generate`)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--exercises", type=int, default=None, metavar="K",
                        help="only the first K exercises of the content (default: all)")
    parser.add_argument("--scaling", action="store_true",
                        help="also cost and memory at 1x, 4x and 16x, warm")
    args = parser.parse_args()
    slugs = None
    if args.exercises is not None:
        slugs = sorted(p.name for p in (ROOT / "content").iterdir()
                       if (p / "correct.py").is_file())[:args.exercises]
    started = time.perf_counter()
    floor = fork_floor_s()
    with tempfile.TemporaryDirectory() as scratch:
        out, cache = Path(scratch) / "out", Path(scratch) / "cache"
        runs = {name: run(seed, args.per_exercise, args.workers, out, cache, slugs)
                for name, seed in (("cold", 7), ("new_seed", 8), ("same_seed", 7))}
        floor_after = fork_floor_s()  # the machine may have changed meanwhile
        report = {"exercises": len(slugs) if slugs is not None else "all",
                  "per_exercise": args.per_exercise, "workers": args.workers,
                  "fork_floor_us_per_run": [round(floor * 1e6, 1),
                                            round(floor_after * 1e6, 1)],
                  **{name: figures(result, (floor + floor_after) / 2)
                     for name, result in runs.items()},
                  # a warm run of the cold run's seed: the same drafts, byte for byte
                  "same_as_cold": runs["same_seed"]["drafts_sha256"]
                  == runs["cold"]["drafts_sha256"]}
        if args.scaling:
            report["scaling"] = scaling(args.per_exercise, args.workers, out, cache, slugs)
    report["bench_s"] = round(time.perf_counter() - started, 1)
    print(json.dumps(report) if args.json else json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
