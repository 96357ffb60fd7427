"""`debugex generate`: many verified drafts into a new batch folder, on every core.

Work is planned up front as (exercise, request, draw) units, so the same arguments and
seed always give the same batch and `--shard I/N` can split the plan across machines
without overlap. Exercises are spread over worker processes, each with its own sandbox;
drafts are appended to `drafts.jsonl` as they arrive, and the file is rewritten in plan
order at the end (atomically). An interrupted run still leaves a valid batch.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import multiprocessing
import os
import random
import signal
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .compose import InfeasibleRequest
from .content import ContentError, Exercise, exercise_folders, find_exercise, load_exercise
from .files import cannot_write, write_atomic
from .inject import inject
from .interrupt import stop_on_signals
from .messages import Request
from .verify import CorrectProgramError

DEFAULT_DISTRIBUTION = {
    # how many errors a drawn request has, and how likely each class is per error
    "totals": {"1": 4, "2": 4, "3": 3, "4": 2, "5": 1},
    "classes": {"syntax": 1, "runtime": 1, "logical": 1},
}
DRAWS_PER_UNIT = 4  # extra seeds tried when a draft repeats an earlier incorrect program


@dataclass(frozen=True)
class Unit:
    """One planned draft: an exercise, a request and the seed that drives it."""

    slug: str
    request: Request
    seed: int
    index: int  # position in the plan

    @property
    def key(self) -> str:
        return f"{self.slug}|{self.request.label()}|{self.seed}"


@dataclass
class GenerateOptions:
    content: Path
    slugs: Sequence[str] = ()
    per_exercise: int | None = None
    grid: int | None = None  # max per class for --grid
    max_per_class: int | None = None
    seed: int = 0
    workers: int | None = None
    out: Path = Path("generated")
    shard: tuple[int, int] = (1, 1)
    distribution: dict = field(default_factory=lambda: DEFAULT_DISTRIBUTION)


def load_distribution(path: Path) -> dict:
    """A request distribution from JSON: {"totals": {"1": 4, ...}, "classes": {...}}."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"{path}: cannot be read as JSON ({exc})") from None
    if not isinstance(data, dict) or set(data) != {"totals", "classes"}:
        raise ValueError(f"{path}: needs exactly the keys 'totals' and 'classes'")
    totals, classes = data["totals"], data["classes"]
    if not isinstance(totals, dict) or not totals or not all(
            str(k).isdigit() and int(k) >= 1 and isinstance(v, int | float) and v >= 0
            for k, v in totals.items()):
        raise ValueError(f"{path}: 'totals' maps error counts (1, 2, ...) to weights")
    if not isinstance(classes, dict) or not classes or not set(classes) <= {
            "syntax", "runtime", "logical"} or not all(
            isinstance(v, int | float) and v >= 0 for v in classes.values()):
        raise ValueError(f"{path}: 'classes' maps syntax/runtime/logical to weights")
    if not sum(totals.values()) or not sum(classes.values()):
        raise ValueError(f"{path}: the weights must not all be zero")
    return {"totals": {str(k): v for k, v in totals.items()}, "classes": dict(classes)}


def draw_request(rng: random.Random, distribution: dict, max_per_class: int | None) -> Request:
    totals = distribution["totals"]
    classes = distribution["classes"]
    names = list(classes)
    for _ in range(100):
        total = int(rng.choices(list(totals), weights=list(totals.values()))[0])
        counts = Counter(rng.choices(names, weights=list(classes.values()), k=total))
        request = Request(*(counts.get(c, 0) for c in ("syntax", "runtime", "logical")))
        if max_per_class is None or all(request.count(c) <= max_per_class
                                        for c in ("syntax", "runtime", "logical")):
            return request
    return Request(0, 0, 1)


def plan(slugs: Sequence[str], options: GenerateOptions) -> list[Unit]:
    """Every unit of the whole job (all shards), in a fixed order."""
    units: list[Unit] = []
    for slug in slugs:
        rng = random.Random(f"{options.seed}|{slug}")
        if options.grid is not None:
            top = options.grid
            requests = [Request(*c) for c in itertools.product(range(top + 1), repeat=3)
                        if sum(c) >= 1]
            if options.max_per_class is not None:
                requests = [r for r in requests if max(r.as_dict().values())
                            <= options.max_per_class]
        else:
            requests = [draw_request(rng, options.distribution, options.max_per_class)
                        for _ in range(options.per_exercise or 1)]
        for request in requests:
            units.append(Unit(slug, request, rng.randrange(2**31), len(units)))
    return units


def in_shard(unit: Unit, shard: tuple[int, int]) -> bool:
    index, count = shard
    digest = int(hashlib.sha1(unit.key.encode()).hexdigest()[:8], 16)
    return digest % count == index - 1


# -- worker side -------------------------------------------------------------------------

_SANDBOX = None


def _worker_init() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's pool.terminate() ends us


def _sandbox():
    global _SANDBOX
    if _SANDBOX is None:
        import atexit

        from .sandbox import Sandbox

        _SANDBOX = Sandbox(workers=1)
        atexit.register(_SANDBOX.close)
    return _SANDBOX


def draft_id(unit: Unit, source: str) -> str:
    digest = hashlib.sha1(f"{unit.key}|{source}".encode()).hexdigest()[:8]
    return f"{unit.slug}-{unit.request.label().replace('/', '')}-{unit.index}-{digest}"


def run_exercise(job: tuple[str, list[Unit]]) -> tuple[str, list[dict], list[tuple[int, str]]]:
    """All units of one exercise: (slug, drafts, [(unit index, reason it failed)]).

    Never raises: whatever goes wrong with one exercise is its own one-line reason, so
    that a broken exercise cannot abort the batch (an exception escaping a pool worker
    would end the parent's loop over the results).
    """
    folder, units = job
    slug = Path(folder).name
    try:
        exercise = load_exercise(Path(folder))
    except ContentError as exc:
        where = Path(exc.where)
        reason = f"exercise cannot be loaded ({where.parent.name}/{where.name}: {exc.problem})"
        return slug, [], [(u.index, reason) for u in units]
    except Exception as exc:  # noqa: BLE001 - reported, the rest of the batch goes on
        return slug, [], [(u.index, f"exercise cannot be loaded ({unexpected(exc)})")
                          for u in units]
    drafts, failures = [], []
    written: set[str] = set()
    for unit in units:
        try:
            draft = _one_draft(exercise, unit, _sandbox(), written)
        except InfeasibleRequest as exc:
            failures.append((unit.index, "infeasible: " + _reason(str(exc))))
            continue
        except CorrectProgramError as exc:
            failures.append((unit.index, f"correct program fails: {exc}"))
            continue
        except Exception as exc:  # noqa: BLE001 - reported, the other units go on
            failures.append((unit.index, f"{BROKEN}{unexpected(exc)}"))
            continue
        if draft is None:
            failures.append((unit.index, "duplicate: every draw repeated an earlier program"))
        else:
            drafts.append(draft)
    return exercise.slug, drafts, failures


BROKEN = "internal error: "  # reasons that point at a defect, not at the request


def unexpected(exc: BaseException) -> str:
    """One line for an exception nobody planned for: its class and first message line."""
    message = str(exc).strip().splitlines()
    return type(exc).__name__ + (f": {message[0]}" if message else "")


def _reason(message: str) -> str:
    if "could not combine" in message:
        return "errors could not be combined"
    return "too few verifiable sites"


def _one_draft(exercise: Exercise, unit: Unit, sandbox, written: set[str]) -> dict | None:
    for draw in range(DRAWS_PER_UNIT):
        seed = unit.seed + draw
        result = inject(exercise, unit.request, seed, sandbox)
        source = result.composition.source
        if source in written:
            continue
        written.add(source)
        return {
            "id": draft_id(unit, source), "exercise": exercise.slug, "plan_index": unit.index,
            "request": unit.request.as_dict(), "seed": seed,
            "user_xml": result.user_xml, "assistant_xml": result.assistant_xml,
            "errors": result.errors(),
            "combined": result.composition.combined.to_dict()
            if result.composition.combined else None,
        }
    return None


# -- parent side -------------------------------------------------------------------------

@dataclass
class GenerateSummary:
    batch: Path
    planned: int
    written: int
    failures: Counter
    per_class: Counter
    per_injector: Counter
    interrupted: bool
    seconds: float
    problems: dict[str, str] = field(default_factory=dict)  # exercise -> why it failed
    stopped_by: str | None = None  # "SIGTERM"/"SIGINT" when a signal stopped the run

    def to_dict(self) -> dict:
        return {"batch": str(self.batch), "planned": self.planned, "written": self.written,
                "infeasible": dict(self.failures), "errors_per_class": dict(self.per_class),
                "errors_per_injector": dict(sorted(self.per_injector.items())),
                "broken_exercises": dict(sorted(self.problems.items())),
                "interrupted": self.interrupted, "stopped_by": self.stopped_by,
                "seconds": round(self.seconds, 2),
                "drafts_per_s": round(self.written / self.seconds, 1) if self.seconds else None}


def batch_id(options: GenerateOptions, slugs: Sequence[str]) -> str:
    params = json.dumps({"slugs": list(slugs), "per_exercise": options.per_exercise,
                         "grid": options.grid, "max_per_class": options.max_per_class,
                         "seed": options.seed, "shard": options.shard,
                         "distribution": options.distribution}, sort_keys=True)
    digest = hashlib.sha1(params.encode()).hexdigest()[:8]
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    index, count = options.shard
    return f"{stamp}-{digest}" + (f"-shard{index}of{count}" if count > 1 else "")


def generate(options: GenerateOptions,
             progress: Callable[[int], None] | None = None) -> GenerateSummary:
    root = Path(options.content)
    folders = ([find_exercise(root, s) for s in options.slugs] if options.slugs
               else exercise_folders(root))
    slugs = [f.name for f in folders]
    units = [u for u in plan(slugs, options) if in_shard(u, options.shard)]
    batch = Path(options.out) / batch_id(options, slugs)
    suffix = 1
    while batch.exists():
        suffix += 1
        batch = batch.with_name(f"{batch.name.split('~')[0]}~{suffix}")
    try:
        batch.mkdir(parents=True)
    except OSError as exc:
        raise cannot_write(Path(options.out), exc) from None
    meta = {"tool_version": __version__, "created": time.strftime("%Y-%m-%dT%H:%M:%SZ",
            time.gmtime()), "content": str(root.resolve()), "exercises": slugs,
            "per_exercise": options.per_exercise, "grid": options.grid,
            "max_per_class": options.max_per_class, "seed": options.seed,
            "shard": list(options.shard), "distribution": options.distribution,
            "planned": len(units), "complete": False}
    write_atomic(batch / "batch.json", json.dumps(meta, indent=2) + "\n")
    (batch / "decisions.jsonl").touch()
    by_slug: dict[str, list[Unit]] = {}
    for unit in units:
        by_slug.setdefault(unit.slug, []).append(unit)
    folder_of = {f.name: str(f) for f in folders}
    jobs = [(folder_of[slug], group) for slug, group in by_slug.items()]
    failures: Counter = Counter()
    per_class: Counter = Counter()
    per_injector: Counter = Counter()
    # Drafts go to disk as they arrive; memory keeps only where each one is, so it stays
    # flat however large the batch.
    where: list[tuple[int, int, int]] = []  # (plan index, offset, length in bytes)
    started = time.monotonic()
    interrupted = False
    workers = max(1, min(options.workers or os.cpu_count() or 1, len(jobs) or 1))
    arrivals = batch / "drafts.jsonl"
    problems: dict[str, str] = {}
    # From here on a batch exists: SIGINT/SIGTERM stop the loop, never the finishing.
    with stop_on_signals() as stop:
        with open(arrivals, "ab") as stream, contextlib.closing(
                _results(jobs, workers)) as results:
            try:
                for slug, found, failed in results:
                    for draft in found:
                        line = (json.dumps(draft, ensure_ascii=False) + "\n").encode()
                        where.append((draft["plan_index"], stream.tell(), len(line)))
                        stream.write(line)
                        for error in draft["errors"]:
                            per_class[error["error_class"]] += 1
                            per_injector[error["injector"]] += 1
                    stream.flush()
                    failures.update(reason for _, reason in failed)
                    for _, reason in failed:
                        if reason.startswith((BROKEN, "exercise cannot be loaded",
                                              "correct program fails")):
                            problems.setdefault(slug, reason)
                    if progress is not None:
                        progress(len(found) + len(failed))
                stop["armed"] = False
            except KeyboardInterrupt:
                interrupted = True
        stopped_by = signal.Signals(stop["signal"]).name if interrupted and stop["signal"] \
            else None
        _finish(batch, where, meta, interrupted, stopped_by)
    return GenerateSummary(batch, len(units), len(where), failures, per_class, per_injector,
                           interrupted, time.monotonic() - started, problems, stopped_by)


def _finish(batch: Path, where: list[tuple[int, int, int]], meta: dict, interrupted: bool,
            stopped_by: str | None) -> None:
    """Rewrite the drafts in plan order (the same arguments give the same file), then
    record in batch.json how many there are and whether the run was complete."""
    arrivals, ordered = batch / "drafts.jsonl", batch / ".drafts.jsonl.tmp"
    with open(arrivals, "rb") as source, open(ordered, "wb") as target:
        for _, offset, length in sorted(where):
            source.seek(offset)
            target.write(source.read(length))
        target.flush()
        os.fsync(target.fileno())
    os.replace(ordered, arrivals)
    meta.update(complete=not interrupted, written=len(where))
    if interrupted:
        meta["stopped_by"] = stopped_by or "KeyboardInterrupt"
    write_atomic(batch / "batch.json", json.dumps(meta, indent=2) + "\n")


def _results(jobs: list[tuple[str, list[Unit]]], workers: int) -> Iterator[tuple]:
    """run_exercise's result for every job, in any order; a job whose worker failed
    anyway (an exception that could not be sent back, a crashed process) still gets one,
    with the reason, so that the batch goes on."""
    if workers == 1 or len(jobs) <= 1:
        for job in jobs:
            yield run_exercise(job)
        return
    context = multiprocessing.get_context("forkserver")
    pool = context.Pool(workers, initializer=_worker_init)
    pending = {Path(folder).name: units for folder, units in jobs}
    try:
        results = pool.imap_unordered(run_exercise, jobs)
        problem = None
        while pending:
            try:
                result = next(results)
            except StopIteration:
                break
            except Exception as exc:  # noqa: BLE001 - which job it was is found below
                problem = unexpected(exc)
                continue
            pending.pop(result[0], None)
            yield result
        pool.close()
        for slug, units in list(pending.items()):
            reason = f"{BROKEN}worker failed ({problem or 'no result'})"
            yield slug, [], [(u.index, reason) for u in units]
    finally:
        pool.terminate()
        pool.join()
