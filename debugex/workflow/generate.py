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
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import __version__
from ..content import ContentError, Exercise, exercise_folders, find_exercise, load_exercise
from ..engine import (
    DEFAULT_MAX_DENSITY,
    ComposeOptions,
    CorrectProgramError,
    InfeasibleRequest,
    cap,
    catalog_for,
    code_lines,
    edit_signature,
    max_disjoint,
)
from ..formats import Request, cannot_write, write_atomic
from .composition_stats import CompositionStats
from .drawing import (
    CLASSES,
    DEFAULT_DISTRIBUTION,
    MaxPerClass,
    class_limits,
    draw_request,
    usable_distribution,
)
from .inject import composition_record, inject
from .interrupt import stop_on_signals

DEFAULT_PARTIAL_SHARE = 0.05  # requests answered honestly as partial drafts
MAX_PARTIAL_ASK = 10  # a request grown to exceed a program stops at this many errors
DRAWS_PER_UNIT = 4  # extra seeds tried when a draft repeats an earlier incorrect program


@dataclass(frozen=True)
class Unit:
    """One planned draft: an exercise, a request and the seed that drives it."""

    slug: str
    request: Request
    seed: int
    index: int  # position in the plan
    partial: bool = False  # answer a request this program cannot carry, honestly

    @property
    def key(self) -> str:
        return f"{self.slug}|{self.request.label()}|{self.seed}"


@dataclass
class GenerateOptions:
    content: Path
    slugs: Sequence[str] = ()
    per_exercise: int | None = None
    grid: int | None = None  # max per class for --grid
    max_per_class: MaxPerClass = None  # one limit, or {class: limit}; 0 leaves a class out
    seed: int = 0
    workers: int | None = None
    out: Path = Path("generated")
    shard: tuple[int, int] = (1, 1)
    distribution: dict = field(default_factory=lambda: DEFAULT_DISTRIBUTION)
    max_density: float = DEFAULT_MAX_DENSITY
    allow_same_line: bool = False
    partial_share: float = DEFAULT_PARTIAL_SHARE
    style: str = "teacher"  # explanations: teacher or terse (see debugex.text)


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


def plan(slugs: Sequence[str], options: GenerateOptions) -> list[Unit]:
    """Every unit of the whole job (all shards), in a fixed order."""
    units: list[Unit] = []
    distribution = None
    rate = {slug: options.partial_share for slug in slugs}
    if options.grid is None:
        distribution = usable_distribution(options.distribution, options.max_per_class,
                                           options.distribution is not DEFAULT_DISTRIBUTION)
        rate = partial_rates(slugs, options)
    for slug in slugs:
        rng = random.Random(f"{options.seed}|{slug}")
        honest = random.Random(f"{options.seed}|{slug}|partial")
        if options.grid is not None:
            top = options.grid
            requests = [Request(*c) for c in itertools.product(range(top + 1), repeat=3)
                        if sum(c) >= 1]
            limits = class_limits(options.max_per_class)
            requests = [r for r in requests if all(limits[c] is None or r.count(c) <= limits[c]
                                                   for c in CLASSES)]
        else:
            requests = [draw_request(rng, distribution, options.max_per_class)
                        for _ in range(options.per_exercise or 1)]
        for request in requests:
            units.append(Unit(slug, request, rng.randrange(2**31), len(units),
                              partial=honest.random() < rate[slug]))
    return units


def partial_rates(slugs: Sequence[str], options: GenerateOptions) -> dict[str, float]:
    """How likely each exercise's drawn request is to be made a partial one.

    Only a program whose density cap is under MAX_PARTIAL_ASK can be asked for more than
    it carries by a request a teacher would write, so those exercises take the whole
    --partial-share of the batch between them."""
    def small(slug: str) -> bool:
        try:
            source = (Path(options.content) / slug / "correct.py").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return False
        return cap(len(code_lines(source)), options.max_density) < MAX_PARTIAL_ASK

    eligible = [s for s in slugs if small(s)]
    share = min(1.0, options.partial_share * len(slugs) / len(eligible)) if eligible else 0.0
    return {s: share if s in eligible else 0.0 for s in slugs}


def check_options(options: GenerateOptions) -> None:
    """ValueError with the reason when the options cannot give any request as asked."""
    if options.grid is not None:
        limits = class_limits(options.max_per_class)
        if all(limits[c] == 0 for c in CLASSES):
            raise ValueError("--max-per-class 0 leaves no request in the grid")
        return
    usable_distribution(options.distribution, options.max_per_class,
                        options.distribution is not DEFAULT_DISTRIBUTION)


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

        from ..sandbox import Sandbox

        _SANDBOX = Sandbox(workers=1)
        atexit.register(_SANDBOX.close)
    return _SANDBOX


def draft_id(unit: Unit, source: str) -> str:
    digest = hashlib.sha1(f"{unit.key}|{source}".encode()).hexdigest()[:8]
    return f"{unit.slug}-{unit.request.label().replace('/', '')}-{unit.index}-{digest}"


def run_exercise(job: tuple) -> tuple[str, list[dict], list[tuple[int, str]]]:
    """All units of one exercise: (slug, drafts, [(unit index, reason it failed)]).

    One exercise's units run together in one worker, so edit reuse is tracked here: the
    largest requests go first (they need the most fresh sites), and an edit already used
    by a draft of this exercise is taken again only when no fresh one can serve.

    Never raises: whatever goes wrong with one exercise is its own one-line reason, so
    that a broken exercise cannot abort the batch (an exception escaping a pool worker
    would end the parent's loop over the results)."""
    folder, units, settings = job if len(job) == 3 else (*job, {})
    slug = Path(folder).name
    options = GenerateOptions(Path(folder).parent, **settings)
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
    used: Counter = Counter()
    for unit in sorted(units, key=lambda u: (-u.request.total, u.index)):
        try:
            draft = _one_draft(exercise, unit, _sandbox(), written, used, options)
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
    drafts.sort(key=lambda d: d["plan_index"])
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


def fit_request(unit: Unit, offered: dict[str, int], room: int,
                options: GenerateOptions, fresh: dict[str, int] | None = None
                ) -> tuple[Request, str]:
    """The request to compose and where it comes from: 'drawn' (as planned), 'redrawn'
    (the drawn one did not fit this program, or needed edits that earlier drafts of the
    exercise already use: drawn again among those that fit) or 'partial' (a request this
    program cannot carry, to be answered honestly). `fresh`: per class, the sites no
    draft of this exercise has used yet."""
    request, origin = _fit(unit, offered, room, options)
    if (origin == "partial" or options.grid is not None or fresh is None
            or all(request.count(c) <= fresh[c] for c in CLASSES)):
        return request, origin
    # Same number of errors, classes drawn again among the fresh sites, so that an edit
    # is reused only when no split of the request can do without.
    distribution = usable_distribution(options.distribution, options.max_per_class, False)
    split = draw_request(random.Random(f"fresh|{unit.seed}"), distribution,
                         options.max_per_class, room, fresh, total=request.total)
    return (split, "redrawn") if split is not None else (request, origin)


def _fit(unit: Unit, offered: dict[str, int], room: int,
         options: GenerateOptions) -> tuple[Request, str]:
    request = unit.request

    def fits(r: Request) -> bool:
        return r.total <= room and all(r.count(c) <= offered[c] for c in CLASSES)

    if unit.partial:
        if not fits(request):
            return request, "partial"
        if options.grid is None:
            grown = _grow(unit, options, offered, room)
            if grown is not None:
                return grown, "partial"
        return request, "drawn"
    if fits(request) or options.grid is not None:
        return request, "drawn"
    distribution = usable_distribution(options.distribution, options.max_per_class, False)
    redrawn = draw_request(random.Random(f"refit|{unit.seed}"), distribution,
                           options.max_per_class, room, offered)
    return (redrawn, "redrawn") if redrawn is not None else (request, "drawn")


def _grow(unit: Unit, options: GenerateOptions, offered: dict[str, int], room: int
          ) -> Request | None:
    """The drawn request made just too large for the program, the cheapest way: one class
    past the sites it offers, or the total past the density cap (errors added by class
    weight), whichever needs fewer errors. None when that takes over MAX_PARTIAL_ASK."""
    rng = random.Random(f"grow|{unit.seed}")
    counts = Counter(unit.request.as_dict())
    weights = {c: w for c, w in options.distribution["classes"].items() if w > 0}
    limits = class_limits(options.max_per_class)

    def room_in(c: str) -> int:  # errors class c may still take under --max-per-class
        return 10**6 if limits[c] is None else limits[c] - counts[c]

    over_class = sorted((offered[c] - counts[c] + 1, rng.random(), c) for c in weights
                        if offered[c] - counts[c] + 1 <= room_in(c))
    over_total = room - sum(counts.values()) + 1
    if over_class and over_class[0][0] < over_total:
        need, _, chosen = over_class[0]
        counts[chosen] += need
    else:
        for _ in range(max(over_total, 0)):
            open_classes = [c for c in weights if room_in(c) > 0]
            if not open_classes:
                return None
            counts[rng.choices(open_classes, weights=[weights[c] for c in open_classes])[0]] += 1
    request = Request(*(counts[c] for c in CLASSES))
    fits = request.total <= room and all(request.count(c) <= offered[c] for c in CLASSES)
    return None if fits or request.total > MAX_PARTIAL_ASK else request


def _one_draft(exercise: Exercise, unit: Unit, sandbox, written: set[str], used: Counter,
               options: GenerateOptions) -> dict | None:
    catalog = catalog_for(exercise, sandbox)
    room = cap(len(code_lines(exercise.source)), options.max_density)
    fresh = {c: max_disjoint([e for e in catalog.verified(c) if not used[edit_signature(e)]])
             for c in CLASSES}
    request, origin = fit_request(unit, catalog.offered, room, options, fresh)
    compose_options = ComposeOptions(options.max_density, options.allow_same_line, used)
    for draw in range(DRAWS_PER_UNIT):
        seed = unit.seed + draw
        result = inject(exercise, request, seed, sandbox, allow_partial=origin == "partial",
                        options=compose_options, style=options.style)
        composition = result.composition
        source = composition.source
        if source in written:
            continue
        written.add(source)
        used.update(edit_signature(p.edit) for p in composition.errors)
        return {
            # the id names the request the draft answers (a redrawn one, not the plan's)
            "id": draft_id(replace(unit, request=request), source), "exercise": exercise.slug,
            "plan_index": unit.index,
            "request": request.as_dict(), "seed": seed,
            "user_xml": result.user_xml, "assistant_xml": result.assistant_xml,
            "errors": result.errors(),
            "combined": composition.combined.to_dict() if composition.combined else None,
            "delivered": composition.delivered.as_dict(), "partial": composition.partial,
            "request_origin": origin, "composition": composition_record(composition),
            "style": options.style,
        }
    return None


def composition_settings(options: GenerateOptions) -> dict:
    """What a worker needs of the options to compose (sent with each exercise's units)."""
    return {"grid": options.grid, "max_per_class": options.max_per_class,
            "distribution": options.distribution, "max_density": options.max_density,
            "allow_same_line": options.allow_same_line, "style": options.style}


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
    composition: dict = field(default_factory=dict)  # CompositionStats.to_dict()

    def to_dict(self) -> dict:
        return {"batch": str(self.batch), "planned": self.planned, "written": self.written,
                "infeasible": dict(self.failures), "errors_per_class": dict(self.per_class),
                "errors_per_injector": dict(sorted(self.per_injector.items())),
                "composition": self.composition,
                "broken_exercises": dict(sorted(self.problems.items())),
                "interrupted": self.interrupted, "stopped_by": self.stopped_by,
                "seconds": round(self.seconds, 2),
                "drafts_per_s": round(self.written / self.seconds, 1) if self.seconds else None}


def batch_id(options: GenerateOptions, slugs: Sequence[str]) -> str:
    params = json.dumps({"slugs": list(slugs), "per_exercise": options.per_exercise,
                         "grid": options.grid, "max_per_class": options.max_per_class,
                         "seed": options.seed, "shard": options.shard,
                         "distribution": options.distribution,
                         **composition_settings(options),
                         "partial_share": options.partial_share}, sort_keys=True)
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
            "max_density": options.max_density, "allow_same_line": options.allow_same_line,
            "partial_share": options.partial_share, "style": options.style,
            "planned": len(units), "complete": False}
    write_atomic(batch / "batch.json", json.dumps(meta, indent=2) + "\n")
    (batch / "decisions.jsonl").touch()
    by_slug: dict[str, list[Unit]] = {}
    for unit in units:
        by_slug.setdefault(unit.slug, []).append(unit)
    folder_of = {f.name: str(f) for f in folders}
    settings = composition_settings(options)
    jobs = [(folder_of[slug], group, settings) for slug, group in by_slug.items()]
    stats = CompositionStats()
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
                        stats.add(draft)
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
                           interrupted, time.monotonic() - started, problems, stopped_by,
                           stats.to_dict())


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


def _results(jobs: list[tuple], workers: int) -> Iterator[tuple]:
    """run_exercise's result for every job, in any order; a job whose worker failed
    anyway (an exception that could not be sent back, a crashed process) still gets one,
    with the reason, so that the batch goes on."""
    if workers == 1 or len(jobs) <= 1:
        for job in jobs:
            yield run_exercise(job)
        return
    context = multiprocessing.get_context("forkserver")
    pool = context.Pool(workers, initializer=_worker_init)
    pending = {Path(job[0]).name: job[1] for job in jobs}  # (folder, units, settings)
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
