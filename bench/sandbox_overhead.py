"""Sandbox overhead against the fork floor, measured in one run over the same programs.

The floor is the least that safe execution costs: a lean warm process forks a child per
(program, scenario), the child execs the program (compiled once) with `input` stubbed and
sends its output back on a pipe, and the parent reaps it. The sandbox figure is the wall
time per run of the same jobs through `Sandbox.run_many` with 1 and with 2 workers
(workers already started): a confined child per run, limits, checks, JSON replies.

    python bench/sandbox_overhead.py [--json] [--content DIR] [--repeat N] [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
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


# The floor of safe execution, as a lean process runs it: compile each distinct program
# once, then per run fork a child that execs it with input stubbed, sends its output back
# on a pipe and exits, and reap it. No confinement, no limits, no checks.
FLOOR = r"""
import io, json, os, sys
import resource
jobs = json.loads(sys.stdin.buffer.read())
def cpu():
    own, kids = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
start = cpu()
codes = {}
for source, stdin in jobs:
    code = codes.get(source)
    if code is None:
        code = codes[source] = compile(source, "program.py", "exec")
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        out = io.StringIO()
        feed = iter(stdin)
        def stub_input(prompt="", _out=out, _feed=feed):
            _out.write(str(prompt))
            return next(_feed)
        sys.stdout = out
        try:
            exec(code, {"__name__": "__main__", "input": stub_input})
        except BaseException:
            pass
        data = out.getvalue().encode()
        os.write(w, data)
        os._exit(0)
    os.close(w)
    while os.read(r, 1 << 16):
        pass
    os.close(r)
    os.waitpid(pid, 0)
sys.stdout.write("done %f" % (cpu() - start))
"""


# A bare fork (fork, the child exits at once, reap it) from a process, to show what the
# zygote's size costs every run: the same loop from a bare `python -S -I` and from a
# process that imported and built what a zygote holds (its harness, its modules).
BARE_FORK = r"""
import os, sys, time
if len(sys.argv) > 1:
    sys.path.insert(0, sys.argv[1])
    from harness.zygote import Zygote
    zygote = Zygote({"scratch": sys.argv[2], "memory_mb": 512})
    zygote.warm_up()
n = 2000
start = time.perf_counter()
for _ in range(n):
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
print((time.perf_counter() - start) / n * 1e6)
"""


def bare_fork_us(zygote: bool) -> float:
    with tempfile.TemporaryDirectory() as scratch:
        extra = [str(ROOT / "debugex" / "sandbox"), scratch] if zygote else []
        flags = ["-S", "-s", "-P", "-B"] if zygote else ["-S", "-I"]
        out = subprocess.run([sys.executable, *flags, "-c", BARE_FORK, *extra],
                             capture_output=True, text=True, check=True,
                             env={"PATH": os.defpath}).stdout
    return float(out)


def floor_seconds(jobs: list[Job]) -> tuple[float, float]:
    """Wall seconds, and CPU seconds of the floor process and its children."""
    payload = json.dumps([[job.source, list(job.stdin)] for job in jobs]).encode()
    process = subprocess.Popen([sys.executable, "-S", "-s", "-B", "-c", FLOOR],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    started = time.perf_counter()
    out, _ = process.communicate(payload)
    elapsed = time.perf_counter() - started
    if not out.startswith(b"done "):
        sys.exit("the floor process failed")
    return elapsed, float(out.split()[1])


def _process_cpu(pids: list[int]) -> float:
    """CPU seconds of these processes and their reaped children (/proc/PID/stat)."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
    return total / os.sysconf("SC_CLK_TCK")


def sandbox_seconds(jobs: list[Job], workers: int) -> tuple[float, float]:
    """Wall seconds, and CPU seconds of this process, the zygotes and their children."""
    with Sandbox(workers=workers) as pool:
        pool.run_many(jobs[:workers * 4])  # start and warm the workers
        pids = pool.worker_pids()
        cpu_before, own_before = _process_cpu(pids), time.process_time()
        started = time.perf_counter()
        pool.run_many(jobs)
        elapsed = time.perf_counter() - started
        cpu = _process_cpu(pids) - cpu_before + time.process_time() - own_before
        return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--repeat", type=int, default=10,
                        help="how many times the whole set of runs is repeated")
    parser.add_argument("--rounds", type=int, default=5,
                        help="rounds of floor, 1 worker, 2 workers; the best of each counts "
                             "(a shared machine's speed drifts: more rounds, steadier minima)")
    args = parser.parse_args()
    jobs = load_jobs(args.content) * args.repeat
    if not jobs:
        sys.exit(f"no exercises with correct.py under {args.content}")
    # Alternate the set-ups so that a burst of noise on the machine hits all alike.
    floors, ones, twos = [], [], []
    for _ in range(args.rounds):
        floors.append(floor_seconds(jobs))
        ones.append(sandbox_seconds(jobs, 1))
        twos.append(sandbox_seconds(jobs, 2))
    floor, one, two = (min(x[0] for x in runs) for runs in (floors, ones, twos))
    floor_cpu, one_cpu = min(x[1] for x in floors), min(x[1] for x in ones)
    result = {
        "runs": len(jobs),
        "fork_floor_us_per_run": round(floor / len(jobs) * 1e6, 2),
        "sandbox_us_per_run_1w": round(one / len(jobs) * 1e6, 2),
        "sandbox_us_per_run_2w": round(two / len(jobs) * 1e6, 2),
        "ratio_to_fork_floor": round(one / floor, 3),
        "speedup_2w": round(one / two, 3),
        # CPU time is what a loaded machine disturbs least; wall time is what users see.
        "fork_floor_cpu_us_per_run": round(floor_cpu / len(jobs) * 1e6, 2),
        "sandbox_cpu_us_per_run_1w": round(one_cpu / len(jobs) * 1e6, 2),
        "cpu_ratio_to_fork_floor": round(one_cpu / floor_cpu, 3),
        # Each round's own ratio (floor and 1 worker measured one after the other): how
        # much the machine moved during the run.
        "ratio_per_round": [round(o[0] / f[0], 3) for f, o in zip(floors, ones, strict=True)],
        # The zygote's size, as a fork pays for it (best of the rounds).
        "bare_fork_us_python": round(min(bare_fork_us(False) for _ in range(args.rounds)), 1),
        "bare_fork_us_zygote": round(min(bare_fork_us(True) for _ in range(args.rounds)), 1),
    }
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>24}: {value}")


if __name__ == "__main__":
    main()
