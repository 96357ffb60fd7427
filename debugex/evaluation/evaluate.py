"""`debugex evaluate`: ask (or read) the answers, grade them, write the results.

The output folder holds `run.json` (task, settings, never a key), `answers.jsonl` (every
answer as it arrived: the cache a resumed run reads), `results.json` (per item and the
summary), `report.md` and, for the repair task, `by_difficulty.png` (its plot).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..formats import write_atomic
from .benchmark import read_items
from .client import (
    AnswerCache,
    Asked,
    ClientError,
    Prompt,
    Settings,
    api_key,
    ask_all,
    read_responses,
)
from .repair import SYSTEM, grade_answer, prompt_for
from .repair_plot import PLOT_FILE, plot_by_difficulty
from .repair_report import markdown, summarise

RESULTS_FILE = "results.json"
REPORT_FILE = "report.md"

Progress = Callable[[str, int, int], None]  # (stage, done so far, total)


@dataclass
class Evaluation:
    summary: dict
    rows: list[dict]
    files: list[Path] = field(default_factory=list)
    asked: int = 0  # requests sent in this run
    cached: int = 0  # answers taken from the folder's cache
    failed: dict[str, str] = field(default_factory=dict)  # id -> why it has no answer
    plot_skipped: str | None = None  # why the report has no plot (None: drawn, or none due)


def writable(out: Path) -> None:
    """The folder made and known to take files, before any grading is spent on answers
    that could not be written down (OSError naming the folder otherwise)."""
    out.mkdir(parents=True, exist_ok=True)
    try:
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(out)) from None


def collect(prompts: list[Prompt], out: Path, settings: Settings | None,
            responses: Path | None, task: str, progress: Progress) -> Asked:
    """The answers: from --responses, else from the endpoint through the cache."""
    if responses is not None:
        found = read_responses(responses)
        wanted = {p.id for p in prompts}
        if wanted and not wanted & set(found):
            raise ClientError(
                f"--responses {responses}: holds no answers" if not found else
                f"--responses {responses}: none of its {len(found)} answers has the id of "
                f"a request of this {task} run (such as {min(wanted)})")
        writable(out)
        return Asked(answers={k: v for k, v in found.items() if k in wanted},
                     failed={p.id: f"not in {responses}" for p in prompts
                             if p.id not in found})
    api_key(settings)  # a missing key is said before anything is written
    cache = AnswerCache(out, settings, task)
    count = [0]

    def tick(n: int) -> None:
        count[0] += n
        progress("asking", count[0], len(prompts))

    return ask_all(prompts, settings, cache, tick)


def asked_how(settings: Settings | None, responses: Path | None, asked) -> dict:
    """How a run's answers came: the model's settings (when asked now) or the file."""
    return {"settings": settings.recorded() if settings and responses is None else None,
            "responses": str(responses) if responses else None,
            "asked": asked.asked, "cached": asked.cached}


def write_results(out: Path, run: dict, summary: dict, key: str, rows: list) -> None:
    write_atomic(out / RESULTS_FILE, json.dumps({"run": run, "summary": summary,
                                                 key: rows}, indent=2) + "\n")


def repair_prompts(benchmark: Path, system: str = SYSTEM) -> list[Prompt]:
    """What each item of the benchmark asks (BenchmarkError when it cannot be read)."""
    return [prompt_for(item, system) for item in read_items(benchmark)]


def evaluate_repair(benchmark: Path, out: Path, settings: Settings | None,
                    responses: Path | None = None, system: str = SYSTEM,
                    progress: Progress = lambda *a: None) -> Evaluation:
    """Every item of the benchmark asked (or read), graded in the sandbox, reported."""
    items = read_items(benchmark)
    prompts = [prompt_for(item, system) for item in items]
    out = Path(out)  # made by `collect`, once the key is known to be there
    asked = collect(prompts, out, settings, responses, "repair", progress)
    grades = []
    for number, item in enumerate(items, 1):
        grades.append(grade_answer(item, asked.answers.get(item.id),
                                   asked.failed.get(item.id)))
        progress("grading", number, len(items))
    summary = summarise(grades)
    run = {"task": "repair", "benchmark": str(benchmark)} | asked_how(settings, responses,
                                                                      asked)
    rows = [g.to_dict() for g in grades]
    write_results(out, run, summary, "items", rows)
    skipped = plot_by_difficulty(summary["by_difficulty"], out / PLOT_FILE)
    if skipped:  # a plot left by an earlier run would not show these figures
        (out / PLOT_FILE).unlink(missing_ok=True)
    write_atomic(out / REPORT_FILE, markdown(summary, run, grades, skipped))
    files = [out / RESULTS_FILE, out / REPORT_FILE] + ([] if skipped else [out / PLOT_FILE])
    return Evaluation(summary, rows, files, asked.asked, asked.cached, asked.failed, skipped)
