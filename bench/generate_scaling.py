"""How `debugex generate` scales: drafts per second with 1 and 2 workers, and cost and
peak memory for 1x, 4x and 16x the work, measured in one run.

Each configuration runs `debugex generate` in a fresh process into a temporary folder;
peak memory is the largest resident set of that process and everything it started.
The first run starts from an empty site cache (cold: every exercise's sites are found
and verified); the others reuse the cache it filled (warm), as repeated runs do.

    python bench/generate_scaling.py [--json] [--base K]
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


def run(per_exercise: int, workers: int, out: Path, cache: Path) -> dict:
    command = [sys.executable, "-m", "debugex.cli", "generate", "--per-exercise",
               str(per_exercise), "--workers", str(workers), "--seed", "7", "--out", str(out),
               "--content", str(ROOT / "content"), "--json"]
    env = dict(os.environ, DEBUGEX_CACHE=str(cache))
    probe = subprocess.run([sys.executable, "-c", _PROBE, *command], capture_output=True,
                           text=True, cwd=ROOT, check=True, env=env)
    return json.loads(probe.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--base", type=int, default=5, help="drafts per exercise at 1x")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        out, cache = Path(scratch) / "out", Path(scratch) / "cache"
        big = args.base * 16
        cold = run(big, 2, out, cache)
        one = run(big, 1, out, cache)
        two = run(big, 2, out, cache)
        scaling = []
        for factor in (1, 4, 16):
            result = two if factor == 16 else run(args.base * factor, 2, out, cache)
            scaling.append([factor, round(result["seconds"], 2), round(result["peak_rss_mb"], 1)])
    report = {
        "drafts_per_s_2w_cold": cold["drafts_per_s"],
        "drafts_per_s_1w": one["drafts_per_s"],
        "drafts_per_s_2w": two["drafts_per_s"],
        "drafts_written_16x": two["written"],
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
