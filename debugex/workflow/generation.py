"""`debugex generate`: the plan run over worker processes into a new batch folder.

Tasks of a few drafts of one exercise (chunking.py) are spread over worker processes,
each with its own sandbox (the local ones of workers.py, or a Dask cluster's:
cluster.py); drafts are appended to `drafts.jsonl` as they arrive, and the file is
rewritten in plan order at the end (atomically). An interrupted run (Ctrl-C, SIGTERM)
still leaves a valid batch. The plan itself is made in planning.py, the figures
gathered in reporting.py.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from .. import __version__
from ..content import ContentError, Exercise, exercise_folders, find_exercise, load_exercise
from ..engine import (
    ComposeOptions,
    CorrectProgramError,
    InfeasibleRequest,
    TimedSandbox,
    cache_admin,
    cap,
    catalog_for,
    code_lines,
    edit_signature,
    max_disjoint,
    phase,
    take_stats,
)
from ..formats import cannot_write, write_atomic
from .balancing import balance
from .chunking import Tasks, cut
from .cluster import cluster_results
from .drawing import CLASSES
from .inject import composition_record, inject
from .interrupt import stop_on_signals
from .planning import GenerateOptions, Unit, composition_settings, fit_request, in_shard, plan
from .reporting import BROKEN, DETAIL, GenerateSummary, Tally
from .task_costs import TaskCosts
from .workers import local_results

DRAWS_PER_UNIT = 4  # extra seeds tried when a draft repeats an earlier incorrect program

# -- worker side -------------------------------------------------------------------------

_SANDBOX = None


def _sandbox():
    global _SANDBOX
    if _SANDBOX is None:
        import atexit

        from ..sandbox import Sandbox

        _SANDBOX = TimedSandbox(Sandbox(workers=1))  # its runs count as `prove`
        atexit.register(_SANDBOX.close)
    return _SANDBOX


def draft_id(unit: Unit, source: str) -> str:
    digest = hashlib.sha1(f"{unit.key}|{source}".encode()).hexdigest()[:8]
    return f"{unit.slug}-{unit.request.label().replace('/', '')}-{unit.index}-{digest}"


def run_exercise(job: tuple) -> tuple[str, list[dict], list[tuple[int, str]]]:
    """One task, a few units of one exercise (`chunking.py`): (slug, drafts, [(unit
    index, reason it failed)]).

    A task's units run together in one worker, so edit reuse is tracked here: the
    largest requests go first (they need the most fresh sites), and an edit already used
    by a draft of this task is taken again only when no fresh one can serve.

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
            failures.append((unit.index, infeasible_reason(exercise, unit, options, str(exc))))
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


def unexpected(exc: BaseException) -> str:
    """One line for an exception nobody planned for: its class and first message line."""
    message = str(exc).strip().splitlines()
    return type(exc).__name__ + (f": {message[0]}" if message else "")


def infeasible_reason(exercise: Exercise, unit: Unit, options: GenerateOptions,
                      message: str) -> str:
    """`infeasible: KIND — slug (request): the real constraint (and what lifts it)`; the
    report counts the kinds and lists the rest (see `reporting.DETAIL`)."""
    lines = len(code_lines(exercise.source))
    room = cap(lines, options.max_density)
    asked = ", ".join(f"{n} {c}" for c, n in unit.request.as_dict().items() if n)
    where = f"{exercise.slug} ({asked})"
    if unit.request.total > room:
        return (f"infeasible: density cap{DETAIL}{where}: {room} errors fit its {lines} code "
                f"lines at --max-density {options.max_density:g} (a higher value lifts it)")
    if "could not combine" in message:
        problem = message.split(" errors in this program: ", 1)[-1].strip()
        lift = " (--allow-same-line lifts it)" if "share a line" in problem else ""
        return (f"infeasible: errors could not be combined{DETAIL}{where}: {problem}{lift}")
    return f"infeasible: too few verifiable sites{DETAIL}{where}: {message.strip()}"


def _one_draft(exercise: Exercise, unit: Unit, sandbox, written: set[str], used: Counter,
               options: GenerateOptions) -> dict | None:
    with phase("sites"):
        catalog = catalog_for(exercise, sandbox)
    room = cap(len(code_lines(exercise.source)), options.max_density)
    fresh = {c: max_disjoint([e for e in catalog.verified(c) if not used[edit_signature(e)]])
             for c in CLASSES}
    request, origin = fit_request(unit, catalog.offered, room, options, fresh)
    compose_options = ComposeOptions(options.max_density, options.allow_same_line, used,
                                     weights=options.weights)
    for draw in range(DRAWS_PER_UNIT):
        seed = unit.seed + draw
        result = inject(exercise, request, seed, sandbox, allow_partial=origin == "partial",
                        options=compose_options, style=options.style,
                        locations=options.locations)
        composition = result.composition
        source = composition.source
        if source in written:
            continue
        written.add(source)
        used.update(edit_signature(p.edit) for p in composition.errors)
        with phase("text"):  # the messages are rendered here
            return {
                # the id names the request the draft answers (a redrawn one, not the plan's)
                "id": draft_id(replace(unit, request=request), source),
                "exercise": exercise.slug, "plan_index": unit.index,
                "request": request.as_dict(), "seed": seed,
                "user_xml": result.user_xml, "assistant_xml": result.assistant_xml,
                "errors": result.errors(),
                "combined": composition.combined.to_dict() if composition.combined else None,
                "delivered": composition.delivered.as_dict(), "partial": composition.partial,
                "request_origin": origin, "composition": composition_record(composition),
                "style": options.style,
                **({"locations": options.locations} if options.locations != "lines" else {}),
            }
    return None


# -- parent side -------------------------------------------------------------------------

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
    started = time.monotonic()  # the whole of it: the plan and the balance of the mix too
    take_stats()  # what this process did before is not this run's
    root = Path(options.content)
    with phase("plan"):
        folders = ([find_exercise(root, s) for s in options.slugs] if options.slugs
                   else exercise_folders(root))
        slugs = [f.name for f in folders]
        units = [u for u in plan(slugs, options) if in_shard(u, options.shard)]
        by_slug: dict[str, list[Unit]] = {}
        for unit in units:
            by_slug.setdefault(unit.slug, []).append(unit)
        folder_of = {f.name: str(f) for f in folders}
        # before the batch exists: an interruption here leaves nothing behind
        mix = balance(by_slug, folder_of, options) if options.balance_mix and by_slug else None
        settings = composition_settings(options)
        costs = TaskCosts.read()  # the longest exercises first: what they took last time
        tasks = cut(by_slug, lambda slug, group: (
            folder_of[slug], group, {**settings, "weights": mix["weights"][slug]}
            if mix is not None and slug in mix["weights"] else settings),
            cost=lambda slug: costs.expected(folder_of[slug], by_slug[slug]))
    planned = take_stats()  # the parent's own (the local run of one worker starts afresh)
    workers = max(1, min(options.workers or os.cpu_count() or 1, len(tasks.jobs) or 1))
    engine = ({"kind": "dask", "cluster": options.cluster} if options.cluster
              else {"kind": "local", "workers": workers})
    engine["tasks"] = len(tasks.jobs)
    # A cluster is reached here, before any batch folder exists (ClusterError otherwise).
    results = _results(tasks, workers, options.cluster, engine)
    batch = Path(options.out) / batch_id(options, slugs)
    suffix = 1
    while batch.exists():
        suffix += 1
        batch = batch.with_name(f"{batch.name.split('~')[0]}~{suffix}")
    try:
        batch.mkdir(parents=True)
    except OSError as exc:
        results.close()
        raise cannot_write(Path(options.out), exc) from None
    meta = {"tool_version": __version__, "created": time.strftime("%Y-%m-%dT%H:%M:%SZ",
            time.gmtime()), "content": str(root.resolve()), "exercises": slugs,
            "per_exercise": options.per_exercise, "grid": options.grid,
            "max_per_class": options.max_per_class, "seed": options.seed,
            "shard": list(options.shard), "distribution": options.distribution,
            "max_density": options.max_density, "allow_same_line": options.allow_same_line,
            "partial_share": options.partial_share, "style": options.style,
            **({"locations": options.locations} if options.locations != "lines" else {}),
            "planned": len(units), "complete": False}
    if mix is not None:
        meta["mix"] = {"balanced": True, "shortfalls": mix["shortfalls"]}
    write_atomic(batch / "batch.json", json.dumps(meta, indent=2) + "\n")
    (batch / "decisions.jsonl").touch()
    tally = Tally()
    tally.add_stats(planned)
    # Drafts go to disk as they arrive; memory keeps only where each one is, so it stays
    # flat however large the batch.
    where: list[tuple[int, int, int]] = []  # (plan index, offset, length in bytes)
    interrupted = False
    arrivals = batch / "drafts.jsonl"
    # From here on a batch exists: SIGINT/SIGTERM stop the loop, never the finishing.
    with stop_on_signals() as stop:
        with open(arrivals, "ab") as stream, contextlib.closing(results):
            try:
                for (slug, found, failed), lookups in results:
                    with phase("write"):
                        tally.add_stats(lookups)
                        costs.add(folder_of[slug], lookups, len(found) + len(failed))
                        for draft in found:
                            line = (json.dumps(draft, ensure_ascii=False) + "\n").encode()
                            offset = stream.tell()
                            stream.write(line)
                            # indexed only once written: a signal between the two drops
                            # the draft whole, never counts one that is not in the file
                            where.append((draft["plan_index"], offset, len(line)))
                            tally.add_draft(draft)
                        stream.flush()
                        tally.add_failures(slug, failed)
                    if progress is not None:
                        progress(len(found) + len(failed))
                stop["armed"] = False
            except KeyboardInterrupt:
                interrupted = True
        stopped_by = signal.Signals(stop["signal"]).name if interrupted and stop["signal"] \
            else None
        with phase("write"):
            _finish(batch, where, meta, interrupted, stopped_by)
    with phase("prune"):
        costs.write()
        cache_admin.record_run(tally.lookups)
        cache_admin.keep_bounded()
    tally.add_stats(take_stats())  # the parent's writing and pruning
    return tally.summary(batch, len(units), len(where), interrupted,
                         time.monotonic() - started, stopped_by, engine)


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


def _results(tasks: Tasks, workers: int, cluster: str | None,
             engine: dict) -> Iterator[tuple]:
    """(run_exercise's result, the proof cache lookups it made) for every task, in any
    order; a task whose worker failed anyway (a result that could not be sent back, a
    process killed twice, a task the cluster gave up on) still gets one, with the
    reason, so that the batch goes on. A cluster is connected to at once."""
    jobs = tasks.jobs
    if cluster:
        return cluster_results(jobs, cluster, run_exercise, _lost, engine, tasks.after)
    if workers == 1 or len(jobs) <= 1:
        return _in_process(jobs)  # in order: an exercise's first task before its others
    return local_results(jobs, workers, run_exercise, _lost, tasks.after)


def _in_process(jobs: list[tuple]) -> Iterator[tuple]:
    # the parent's own figures between two jobs (its writing) travel with the next
    for job in jobs:
        result = run_exercise(job)
        yield result, take_stats()


def close_sandbox() -> None:
    """Stop this process's sandbox (a run on one worker made it here), so that a command
    about to exit does so within the time it reports."""
    global _SANDBOX
    if _SANDBOX is not None:
        _SANDBOX.close()
        _SANDBOX = None


def _lost(job: tuple, why: str) -> tuple[str, list, list[tuple[int, str]]]:
    """The result of a job whose worker never sent one back."""
    return Path(job[0]).name, [], [(u.index, f"{BROKEN}{why}") for u in job[1]]
