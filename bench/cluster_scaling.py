"""What generating on Dask costs against the local engines, and how a small library fills
1, 2 and (simulated) 64 workers now that a task is a few drafts, not a whole exercise.

Measured: the same batch (`--exercises K` exercises of the bundled content, `--base B`
drafts each, seed 7) is made by `debugex generate` in a fresh process for each engine:
one local process (`--workers 1`), the local pool of 2 (`--workers 2`), and a Dask
LocalCluster of 1 and of 2 worker processes (`--cluster local:1`, `local:2`). Each
engine starts from an empty proof cache (cold), then runs again on the cache it filled
(warm; `--repeat N` warm runs, the median is kept). Drafts/s are over the whole run, as
`generate` reports them; the cluster's start-up and shutdown (`generate --json`:
engine.startup_s, engine.shutdown_s) are given apart, and the engine's overhead is the
run's time without them minus the local engine's of the same width, per task
(engine.tasks) and as a share of the local time.

Simulated: `--sim-exercises` exercises with `--sim-drafts` drafts each (a small library
with many drafts) are generated in this process on one worker, a new seed on a warm
cache, timing every task; those durations, plus Dask's dispatch per task (measured with
empty tasks on a LocalCluster of one), are then laid out on W workers as the engines
lay them out (tasks in the order they go out, an exercise's later tasks once its first
has ended, each to the first free worker), for W = 1, 2 and 64: the wall time, the
speed-up over one worker and the share of the time the workers are busy, for the tasks
of a few drafts and, beside them, for one task per exercise (each exercise's task
durations added up), the cut before.

    python bench/cluster_scaling.py [--json] [--exercises K] [--base B] [--repeat N]
                                    [--sim-exercises E] [--sim-drafts D]
"""

from __future__ import annotations

import argparse
import heapq
import importlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's debugex, as the subprocesses run it
ENGINES = {"local-1": ["--workers", "1"], "pool-2": ["--workers", "2"],
           "dask-1": ["--cluster", "local:1"], "dask-2": ["--cluster", "local:2"]}
SIMULATED = (1, 2, 64)


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
    shutdown = (summary.get("engine") or {}).get("shutdown_s") or 0.0
    return {"seconds": summary["seconds"], "startup_s": startup, "shutdown_s": shutdown,
            "work_s": round(summary["seconds"] - startup - shutdown, 3),
            "written": summary["written"],
            "drafts_per_s": summary["drafts_per_s"],
            "tasks": (summary.get("engine") or {}).get("tasks")}


def measure(name: str, per_exercise: int, slugs: list[str], scratch: Path,
            repeat: int) -> dict:
    cache = scratch / f"cache-{name}"
    cold = run(ENGINES[name], per_exercise, slugs, scratch / "out", cache)
    warms = sorted((run(ENGINES[name], per_exercise, slugs, scratch / "out", cache)
                    for _ in range(repeat)), key=lambda r: r["work_s"])
    warm = warms[len(warms) // 2]
    return {"cold": cold, "warm": warm, "warm_work_s_all": [w["work_s"] for w in warms]}


def overhead(engine: dict, local: dict) -> dict:
    """The engine's extra time per task against the local engine, warm and cold (as a
    share of the local time too), start-up apart."""
    figures = {"startup_s": engine["warm"]["startup_s"],
               "shutdown_s": engine["warm"]["shutdown_s"]}
    for state in ("warm", "cold"):
        extra = engine[state]["work_s"] - local[state]["work_s"]
        figures[f"{state}_per_task_s"] = round(extra / max(1, engine[state]["tasks"] or 1), 4)
        figures[f"{state}_share"] = (round(extra / local[state]["work_s"], 3)
                                     if local[state]["work_s"] else None)
    return figures


def dispatch_per_task(count: int = 40) -> float:
    """Seconds Dask adds to a task that does nothing (submit, schedule, run, gather), on
    a LocalCluster of one worker, start-up and shutdown apart."""
    from debugex.workflow.cluster import cluster_results

    jobs = [(f"/nowhere/{n}", [], {}) for n in range(count)]
    results = cluster_results(jobs, "local:1", len, lambda job, why: job, {})
    started = time.perf_counter()
    done = sum(1 for _ in results)
    seconds = time.perf_counter() - started
    results.close()
    return round(seconds / done, 4)


def task_durations(slugs: list[str], per_exercise: int, scratch: Path) -> list[tuple]:
    """(slug, units, seconds) of every task of a batch, in the order the tasks go out,
    timed in this process on one worker: a new seed (8) on the cache seed 7 filled."""
    os.environ["DEBUGEX_CACHE"] = str(scratch / "cache-sim")
    os.environ["DEBUGEX_CACHE_MAX"] = "none"
    generation = importlib.import_module("debugex.workflow.generation")
    from debugex.workflow import GenerateOptions, generate

    options = GenerateOptions(content=ROOT / "content", slugs=slugs, seed=7, workers=1,
                              per_exercise=per_exercise, out=scratch / "out")
    generate(options)  # fills the cache
    options.seed = 8
    real, timed = generation.run_exercise, []

    def timing(job: tuple):
        started = time.perf_counter()
        result = real(job)
        timed.append((Path(job[0]).name, len(job[1]), time.perf_counter() - started))
        return result

    generation.run_exercise = timing
    try:
        generate(options)
    finally:
        generation.run_exercise = real
    return timed


def lay_out(tasks: list[tuple], workers: int, per_task: float) -> dict:
    """Wall time and busy share of `tasks` ((slug, units, seconds), in the order they go
    out) on `workers`: each task to the first free worker, an exercise's later tasks only
    once its first has ended, as `chunking.cut` and the engines do."""
    free = [0.0] * workers  # when each worker is next free (a heap)
    first_end: dict[str, float] = {}
    end = 0.0
    for slug, _, seconds in tasks:
        at = heapq.heappop(free)
        start = max(at, first_end.get(slug, 0.0))
        finish = start + seconds + per_task
        first_end.setdefault(slug, finish)
        heapq.heappush(free, finish)
        end = max(end, finish)
    busy = sum(s + per_task for _, _, s in tasks)
    return {"wall_s": round(end, 3), "busy_share": round(busy / (workers * end), 3)
            if end else None}


def per_exercise_tasks(tasks: list[tuple]) -> list[tuple]:
    """The cut before: one task per exercise, its tasks' durations added up."""
    merged: dict[str, list] = {}
    for slug, units, seconds in tasks:
        entry = merged.setdefault(slug, [slug, 0, 0.0])
        entry[1] += units
        entry[2] += seconds
    return [tuple(entry) for entry in merged.values()]


def simulate(tasks: list[tuple], per_task: float) -> dict:
    figures = {}
    for name, cut in (("tasks_of_a_few_drafts", tasks),
                      ("one_task_per_exercise", per_exercise_tasks(tasks))):
        alone = lay_out(cut, 1, per_task)["wall_s"]
        figures[name] = {"tasks": len(cut), **{
            f"{w}_workers": {**(laid := lay_out(cut, w, per_task)),
                             "speedup": round(alone / laid["wall_s"], 2)
                             if laid["wall_s"] else None}
            for w in SIMULATED}}
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--exercises", type=int, default=6, metavar="K",
                        help="the first K exercises of the content, for the engines")
    parser.add_argument("--base", type=int, default=4, help="drafts per exercise")
    parser.add_argument("--repeat", type=int, default=3, help="warm runs per engine")
    parser.add_argument("--sim-exercises", type=int, default=4, metavar="E",
                        help="exercises of the simulated small library")
    parser.add_argument("--sim-drafts", type=int, default=32, metavar="D",
                        help="drafts per exercise of the simulated small library")
    args = parser.parse_args()
    from debugex.content.exercises import exercise_folders

    folders = [f.name for f in exercise_folders(ROOT / "content")]
    slugs = folders[:args.exercises]
    with tempfile.TemporaryDirectory(prefix="debugex-bench-") as folder:
        scratch = Path(folder)
        engines = {name: measure(name, args.base, slugs, scratch, args.repeat)
                   for name in ENGINES}
        durations = task_durations(folders[:args.sim_exercises], args.sim_drafts, scratch)
    over = {"dask-1_vs_local-1": overhead(engines["dask-1"], engines["local-1"]),
            "dask-2_vs_pool-2": overhead(engines["dask-2"], engines["pool-2"])}
    per_task = dispatch_per_task()
    report = {
        "exercises": len(slugs), "drafts_per_exercise": args.base, "repeat": args.repeat,
        "cpus": len(os.sched_getaffinity(0)), "load_average": os.getloadavg(),
        "engines": engines, "overhead_vs_local": over,
        "simulated": {"exercises": args.sim_exercises, "drafts_per_exercise": args.sim_drafts,
                      "dask_dispatch_per_task_s": per_task,
                      **simulate(durations, per_task)},
        "median_warm_work_s": statistics.median(e["warm"]["work_s"] for e in engines.values()),
    }
    if args.json:
        print(json.dumps(report))
        return
    for name, figures in engines.items():
        print(f"{name:8} cold {figures['cold']['drafts_per_s']:>7} drafts/s, warm "
              f"{figures['warm']['drafts_per_s']:>7} drafts/s, {figures['warm']['tasks']} "
              f"tasks (start-up {figures['warm']['startup_s']}s)")
    for name, figures in over.items():
        print(f"overhead {name}: warm {figures['warm_per_task_s']}s per task "
              f"({figures['warm_share']:.1%} of the local time), cold "
              f"{figures['cold_per_task_s']}s ({figures['cold_share']:.1%}); start-up "
              f"{figures['startup_s']}s, shutdown {figures['shutdown_s']}s")
    sim = report["simulated"]
    print(f"simulated: {sim['exercises']} exercises x {sim['drafts_per_exercise']} drafts, "
          f"a new seed, Dask's dispatch +{per_task}s a task")
    for name in ("tasks_of_a_few_drafts", "one_task_per_exercise"):
        row = sim[name]
        cells = ", ".join(f"{w} workers {row[f'{w}_workers']['wall_s']}s "
                          f"(x{row[f'{w}_workers']['speedup']}, busy "
                          f"{row[f'{w}_workers']['busy_share']:.0%})" for w in SIMULATED)
        print(f"  {name} ({row['tasks']} tasks): {cells}")


if __name__ == "__main__":
    main()
