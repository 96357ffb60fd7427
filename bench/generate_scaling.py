"""How fast `debugex generate` is, cold and warm, with 1 and 2 workers, and how it scales.

Drafts per second with 1 and 2 workers, and cost and peak memory for 1x, 4x and 16x the
work, measured in one run.

Each configuration runs `debugex generate` in a fresh process into a temporary folder;
peak memory is the largest resident set of that process and everything it started.
The first run starts from an empty site cache (cold: every exercise's sites are found
and verified, and every combination is proven); the others reuse the cache it filled
(warm), as repeated runs do; the 1x and 4x runs are each made once before they are
measured, so every size is measured warm. `--repeat N` runs each warm 16x configuration
N times and reports the median (the list too): a shared machine makes single runs
noisy. The whole content is measured unless `--exercises K` takes its first K exercises
(a quicker look).

    python bench/generate_scaling.py [--json] [--base K] [--repeat N] [--exercises K]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_PROBE = """
import json, resource, subprocess, sys
result = subprocess.run(sys.argv[1:], capture_output=True, text=True)
if result.returncode:
    sys.exit(result.stderr)
summary = json.loads(result.stdout)
summary["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps(summary))
"""


def run(per_exercise: int, workers: int, out: Path, cache: Path,
        slugs: list[str] | None = None) -> dict:
    command = [sys.executable, "-m", "debugex.cli", "generate", "--per-exercise",
               str(per_exercise), "--workers", str(workers), "--seed", "7", "--out", str(out),
               "--content", str(ROOT / "content"), "--json"]
    for slug in slugs or ():
        command += ["--exercise", slug]
    env = dict(os.environ, DEBUGEX_CACHE=str(cache))
    probe = subprocess.run([sys.executable, "-c", _PROBE, *command], capture_output=True,
                           text=True, cwd=ROOT, check=True, env=env)
    return json.loads(probe.stdout)


def median_run(times: int, *args) -> tuple[dict, list[float]]:
    """The run with the median drafts per second of `times` runs, and every figure."""
    runs = sorted((run(*args) for _ in range(times)), key=lambda r: r["drafts_per_s"])
    return runs[len(runs) // 2], [r["drafts_per_s"] for r in runs]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the report on one line")
    parser.add_argument("--base", type=int, default=5, help="drafts per exercise at 1x")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs of each warm 16x configuration (the median is reported)")
    parser.add_argument("--exercises", type=int, default=None, metavar="K",
                        help="only the first K exercises of the content (default: all)")
    args = parser.parse_args()
    slugs = None
    if args.exercises is not None:
        from debugex.content.exercises import exercise_folders

        slugs = [f.name for f in exercise_folders(ROOT / "content")][:args.exercises]
    with tempfile.TemporaryDirectory() as scratch:
        out, cache = Path(scratch) / "out", Path(scratch) / "cache"
        big = args.base * 16
        cold = run(big, 2, out, cache, slugs)
        one, ones = median_run(args.repeat, big, 1, out, cache, slugs)
        two, twos = median_run(args.repeat, big, 2, out, cache, slugs)
        scaling = []
        for factor in (1, 4, 16):
            if factor != 16:
                # Other counts draw other requests: a first run proves their programs, so
                # that every size is measured warm, like the 16x run.
                run(args.base * factor, 2, out, cache, slugs)
            result = two if factor == 16 else run(args.base * factor, 2, out, cache, slugs)
            scaling.append([factor, round(result["seconds"], 2), round(result["peak_rss_mb"], 1)])
    report = {
        "exercises": len(slugs) if slugs is not None else "all",
        "drafts_per_s_2w_cold": cold["drafts_per_s"],
        "seconds_2w_cold": cold["seconds"],
        "drafts_per_s_1w": one["drafts_per_s"],
        "drafts_per_s_2w": two["drafts_per_s"],
        "warm_runs_1w": ones,
        "warm_runs_2w": twos,
        "speedup_2w_over_1w": round(two["drafts_per_s"] / one["drafts_per_s"], 2),
        "drafts_written_16x": two["written"],
        "drafts_planned_16x": two["planned"],
        "work_scaling": scaling,
        "seconds_ratio_16x_over_1x": round(scaling[2][1] / scaling[0][1], 2),
        # Seconds per 1x of work between 4x and 16x over the same between 1x and 4x:
        # about 1 when cost grows linearly (the rest is start-up, paid once).
        "marginal_cost_ratio": round(((scaling[2][1] - scaling[1][1]) / 12)
                                     / ((scaling[1][1] - scaling[0][1]) / 3), 2),
        "peak_rss_ratio_16x_over_1x": round(scaling[2][2] / scaling[0][2], 2),
    }
    print(json.dumps(report) if args.json else json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
