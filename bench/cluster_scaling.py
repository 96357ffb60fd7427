"""What generating on Dask costs against the local pool, cold and warm, and how the cost
per task moves as the batch grows.

The same batch (`--exercises K` exercises of the bundled content, `--base B` drafts
each, seed 7) is made by `debugex generate` in a fresh process for each engine: one
local process (`--workers 1`), the local pool of 2 (`--workers 2`), and a Dask
LocalCluster of 1 and of 2 worker processes (`--cluster local:1`, `local:2`). Each
engine starts from an empty proof cache (cold), then runs again on the cache it filled
(warm; `--repeat N` warm runs, the median is kept). Drafts/s are over the whole run, as
`generate` reports them; the cluster's start-up (scheduler and worker processes, which
`generate --json` reports as engine.startup_s) is given apart, and the engine's
overhead per task is the run's time without start-up minus the local engine's of the
same width, over the number of tasks (one task per exercise), warm and cold, also as a
share of the local time. The growth series runs the batch at 1x, 4x and 16x the drafts
per exercise on the LocalCluster of 2, each size once to warm it and once measured, and
gives seconds per task and per draft.

    python bench/cluster_scaling.py [--json] [--exercises K] [--base B] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENGINES = {"local-1": ["--workers", "1"], "pool-2": ["--workers", "2"],
           "dask-1": ["--cluster", "local:1"], "dask-2": ["--cluster", "local:2"]}


def run(engine: list[str], per_exercise: int, slugs: list[str], out: Path,
        cache: Path) -> dict:
    command = [sys.executable, "-m", "debugex.cli", "generate", "--per-exercise",
               str(per_exercise), "--seed", "7", "--out", str(out), "--content",
               str(ROOT / "content"), "--json", *engine]
    for slug in slugs:
        command += ["--exercise", slug]
    env = dict(os.environ, DEBUGEX_CACHE=str(cache), DEBUGEX_CACHE_MAX="none")
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env)
    if result.returncode:
        sys.exit(f"{' '.join(command)} failed:\n{result.stderr}")
    summary = json.loads(result.stdout)
    startup = (summary.get("engine") or {}).get("startup_s") or 0.0
    return {"seconds": summary["seconds"], "startup_s": startup,
            "work_s": round(summary["seconds"] - startup, 3), "written": summary["written"],
            "drafts_per_s": summary["drafts_per_s"]}


def measure(name: str, per_exercise: int, slugs: list[str], scratch: Path,
            repeat: int) -> dict:
    cache = scratch / f"cache-{name}"
    cold = run(ENGINES[name], per_exercise, slugs, scratch / "out", cache)
    warms = sorted((run(ENGINES[name], per_exercise, slugs, scratch / "out", cache)
                    for _ in range(repeat)), key=lambda r: r["work_s"])
    warm = warms[len(warms) // 2]
    return {"cold": cold, "warm": warm, "warm_work_s_all": [w["work_s"] for w in warms]}


def overhead(engine: dict, local: dict, tasks: int) -> dict:
    """The engine's extra time per task against the local engine, warm and cold (as a
    share of the local time per task too), start-up apart."""
    figures = {"startup_s": engine["warm"]["startup_s"]}
    for state in ("warm", "cold"):
        extra = engine[state]["work_s"] - local[state]["work_s"]
        figures[f"{state}_per_task_s"] = round(extra / tasks, 4)
        figures[f"{state}_share"] = (round(extra / local[state]["work_s"], 3)
                                     if local[state]["work_s"] else None)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--exercises", type=int, default=6, metavar="K",
                        help="the first K exercises of the content (one task each)")
    parser.add_argument("--base", type=int, default=4, help="drafts per exercise at 1x")
    parser.add_argument("--repeat", type=int, default=3, help="warm runs per engine")
    args = parser.parse_args()
    from debugex.content.exercises import exercise_folders

    slugs = [f.name for f in exercise_folders(ROOT / "content")][:args.exercises]
    with tempfile.TemporaryDirectory(prefix="debugex-bench-") as folder:
        scratch = Path(folder)
        engines = {name: measure(name, args.base, slugs, scratch, args.repeat)
                   for name in ENGINES}
        growth = {}
        cache = scratch / "cache-dask-2"  # warm from its measurement above
        for factor in (1, 4, 16):
            per = args.base * factor
            run(ENGINES["dask-2"], per, slugs, scratch / "out", cache)  # warm this size
            measured = run(ENGINES["dask-2"], per, slugs, scratch / "out", cache)
            growth[f"{factor}x"] = {**measured,
                                    "s_per_task": round(measured["work_s"] / len(slugs), 4),
                                    "s_per_draft": round(measured["work_s"]
                                                         / max(1, measured["written"]), 5)}
    tasks = len(slugs)
    report = {
        "exercises": tasks, "drafts_per_exercise": args.base, "repeat": args.repeat,
        "cpus": len(os.sched_getaffinity(0)), "load_average": os.getloadavg(),
        "engines": engines,
        "overhead_vs_local": {"dask-1_vs_local-1": overhead(engines["dask-1"],
                                                            engines["local-1"], tasks),
                              "dask-2_vs_pool-2": overhead(engines["dask-2"],
                                                           engines["pool-2"], tasks)},
        "growth_dask-2_warm": growth,
        "median_warm_work_s": statistics.median(e["warm"]["work_s"] for e in engines.values()),
    }
    if args.json:
        print(json.dumps(report))
        return
    for name, figures in engines.items():
        print(f"{name:8} cold {figures['cold']['drafts_per_s']:>7} drafts/s, warm "
              f"{figures['warm']['drafts_per_s']:>7} drafts/s (start-up "
              f"{figures['warm']['startup_s']}s)")
    for name, figures in report["overhead_vs_local"].items():
        print(f"overhead {name}: warm {figures['warm_per_task_s']}s per task "
              f"({figures['warm_share']:.1%} of the local time), cold "
              f"{figures['cold_per_task_s']}s ({figures['cold_share']:.1%}); start-up "
              f"{figures['startup_s']}s")
    for factor, figures in growth.items():
        print(f"growth {factor}: {figures['s_per_task']}s per task, "
              f"{figures['s_per_draft']}s per draft")


if __name__ == "__main__":
    main()
