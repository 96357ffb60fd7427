"""Sandbox overhead against the bare in-process floor, measured in one run.

The floor is what running the programs costs with nothing around them: each distinct
program compiled once, then `exec` per (program, scenario) with `input` stubbed and
output going to a StringIO. The sandbox figure is the wall time per run of the same jobs
through `Sandbox.run_many` with 1 and with 2 workers (workers already started).

    python bench/sandbox_overhead.py [--json] [--content DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from debugex.sandbox import Job, Sandbox  # noqa: E402


def load_jobs(content: Path) -> list[Job]:
    jobs = []
    for folder in sorted(p for p in content.iterdir() if (p / "correct.py").is_file()):
        source = (folder / "correct.py").read_text()
        scenarios_file = folder / "scenarios.toml"
        scenarios = [{"stdin": []}]
        if scenarios_file.is_file():
            scenarios = tomllib.loads(scenarios_file.read_text()).get("scenario", scenarios)
        for scenario in scenarios:
            jobs.append(Job(source, tuple(scenario.get("stdin", ()))))
    return jobs


def floor_seconds(jobs: list[Job]) -> float:
    codes = {}
    real_stdout = sys.stdout
    started = time.perf_counter()
    for job in jobs:
        code = codes.get(job.source)
        if code is None:
            code = codes[job.source] = compile(job.source, "program.py", "exec")
        feed = iter(job.stdin)
        out = io.StringIO()

        def stub_input(prompt="", _out=out, _feed=feed):
            _out.write(str(prompt))
            return next(_feed)

        sys.stdout = out
        try:
            exec(code, {"__name__": "__main__", "input": stub_input})
        except Exception:  # noqa: BLE001 - bugged programs raise; that is their run
            pass
        finally:
            sys.stdout = real_stdout
    return time.perf_counter() - started


def sandbox_seconds(jobs: list[Job], workers: int) -> float:
    with Sandbox(workers=workers) as pool:
        pool.run_many(jobs[:workers * 4])  # start and warm the workers
        started = time.perf_counter()
        pool.run_many(jobs)
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--repeat", type=int, default=40,
                        help="how many times the whole set of runs is repeated")
    args = parser.parse_args()
    jobs = load_jobs(args.content) * args.repeat
    if not jobs:
        sys.exit(f"no exercises with correct.py under {args.content}")
    floor = min(floor_seconds(jobs) for _ in range(3))
    # Alternate the two set-ups so that a burst of noise on the machine hits both alike.
    ones, twos = [], []
    for _ in range(3):
        ones.append(sandbox_seconds(jobs, 1))
        twos.append(sandbox_seconds(jobs, 2))
    one, two = min(ones), min(twos)
    result = {
        "runs": len(jobs),
        "floor_us_per_run": round(floor / len(jobs) * 1e6, 2),
        "sandbox_us_per_run_1w": round(one / len(jobs) * 1e6, 2),
        "sandbox_us_per_run_2w": round(two / len(jobs) * 1e6, 2),
        "ratio_1w": round(one / floor, 3),
        "speedup_2w": round(one / two, 3),
    }
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>24}: {value}")


if __name__ == "__main__":
    main()
