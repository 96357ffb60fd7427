"""`debugex export`: audit gate, then the JSONL files, statistics and dataset card; or,
with `--format coderunner|jupyter|prairielearn`, what a teacher hands out (Moodle
CodeRunner questions, Jupyter notebooks, PrairieLearn question folders) from a batch's
accepted drafts, from exercises, or from the examples; or, with `--format repair`, a
benchmark that grades models on fixing the drafts."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from ..audit import audit_records
from ..content import Exercise, exercise_folders
from ..evaluation import (
    MAX_SEED,
    BenchmarkError,
    excluded_ids,
    items_drawn,
    items_from,
    write_benchmark,
)
from ..exports import (
    ExtraMissing,
    questions_for,
    write_coderunner,
    write_notebooks,
    write_prairielearn,
)
from ..formats import DatasetError, Request, load_examples, system_prompt
from ..sandbox import Sandbox
from ..scenarios import load_for_check
from ..workflow import TaskError, TaskMaker, export, split_tasks
from .common import print_json, progress_bar
from .options import content_or_default


def run(examples: Path, out: Path, prompt_file: Path | None, allow_defects: bool,
        budget: int, content: Path | None, as_json: bool, quiet: bool = False) -> int:
    content = content_or_default(content)
    system = _system_prompt(prompt_file)  # before the audit: a bad file fails at once
    with Sandbox() as sandbox:
        records, defective = _audit_gate(examples, content, sandbox)
    if defective and not allow_defects:
        return _refuse(defective, quiet)
    defects = {a.id: [f"{d['kind']}: {d['detail']}" for d in a.defects] for a in defective}
    # An example whose messages cannot be parsed cannot be exported; say which and why.
    left_out = {a.id: "; ".join(d["detail"] for d in a.defects
                                if d["kind"].startswith("unparseable"))
                for a in defective if any(d["kind"].startswith("unparseable")
                                          for d in a.defects)}
    records = [r for r in records if r.id not in left_out]
    try:
        result = export(records, out, system, budget,
                        {k: v for k, v in defects.items() if k not in left_out}, left_out)
    except OSError as exc:
        where = exc.filename if isinstance(exc.filename, str) else out
        click.echo(f"debugex export: cannot write to {where}: {exc.strerror or exc}", err=True)
        return 1
    if as_json:
        print_json({"files": [str(p) for p in result.files], "statistics": result.stats,
                    "warnings": result.warnings, "left_out": left_out})
        return 0
    stats = result.stats
    marked = stats["examples_with_defects"]
    click.echo(f"exported {stats['examples']} examples "
               f"({', '.join(f'{k} {v}' for k, v in stats['examples_per_split'].items())})"
               + (f", {marked} of them with defects (marked in metadata.jsonl)"
                  if marked else "")
               + (f"; left out {len(left_out)} that cannot be parsed" if left_out else ""))
    if quiet:
        for warning in result.warnings:
            click.echo(f"warning: {warning}", err=True)
        return 0
    click.echo("errors per class: " + ", ".join(f"{k} {v}" for k, v in
                                               stats["errors_per_class"].items()))
    click.echo(f"tokens per example (approx.): mean {stats['tokens']['mean']}, "
               f"max {stats['tokens']['max']} (budget {stats['tokens']['budget']})")
    injectors = list(stats["errors_per_injector"].items())
    if injectors:
        click.echo(f"errors per injector ({len(injectors)} kinds): " +
                   ", ".join(f"{k} {v}" for k, v in injectors[:8]) +
                   (", ..." if len(injectors) > 8 else ""))
    per_exercise = stats["examples_per_exercise"]
    click.echo(f"examples per exercise: {len(per_exercise)} exercises, "
               f"{min(per_exercise.values(), default=0)}-{max(per_exercise.values(), default=0)}"
               " each")
    requests = list(stats["requests"].items())
    click.echo("most common requests (syntax/runtime/logical): " +
               ", ".join(f"{k} x{v}" for k, v in requests[:6]))
    for path in result.files:
        click.echo(f"  wrote {path}")
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    return 0


CODERUNNER_FILE = "coderunner.xml"


def _from_examples(maker: TaskMaker, examples: Path, content: Path, allow_defects: bool,
                   sandbox: Sandbox) -> list | int:
    records, defective = _audit_gate(examples, content, sandbox)
    if defective and not allow_defects:
        return _refuse(defective, quiet=False)
    return maker.from_examples(records)


def _audit_gate(examples: Path, content: Path, sandbox: Sandbox) -> tuple[list, list]:
    """The examples, and the audits of those with a defect: every export's gate."""
    try:
        records = load_examples(examples)
    except DatasetError as exc:
        raise click.UsageError(str(exc)) from None
    exercises = [e for e in load_for_check(content, []) if isinstance(e, Exercise)] \
        if content.is_dir() else []
    return records, [a for a in audit_records(records, sandbox, exercises) if a.defects]


def _refuse(defective: list, quiet: bool) -> int:
    if not quiet:
        for audit in defective:
            for defect in audit.defects:
                click.echo(f"{audit.id}: {defect['kind']}: {defect['detail']}", err=True)
    click.echo(f"refusing to export: {len(defective)} examples do not audit clean "
               "(fix them, or pass --allow-defects)", err=True)
    return 1


def run_for_teachers(fmt: str, examples: Path, batch: Path | None, slugs: tuple[str, ...],
        request: Request, seed: int, out: Path, content: Path | None, allow_defects: bool,
        as_json: bool, prototype: str = "python3", flavour: str = "plain") -> int:
    """`--format coderunner|jupyter`: from a batch's accepted drafts, from exercises (a
    draft made now for each), or from the examples (audited first, as for JSONL)."""
    content = content_or_default(content)
    # One worker makes drafts and runs tests; the examples' audit uses every core.
    with Sandbox(workers=None if batch is None and not slugs else 1) as sandbox:
        maker = TaskMaker(sandbox, content)
        try:
            if batch is not None:
                made = maker.from_batch(batch)
                source = f"the accepted drafts of {batch}"
            elif slugs:
                made = maker.from_exercises(slugs, request, seed)
                source = f"{len(slugs)} exercise(s) of {content}"
            else:
                made = _from_examples(maker, examples, content, allow_defects, sandbox)
                if isinstance(made, int):
                    return made
                source = f"the examples of {examples}"
        except TaskError as exc:
            click.echo(f"debugex export: {exc}", err=True)
            return 2
        tasks, left_out = split_tasks(made)
        if not made:
            click.echo("debugex export: nothing to export: " + (
                f"no draft of {batch} is accepted (accept some with `debugex review`)"
                if batch is not None else f"no drafts in {source}"), err=True)
            return 1
        try:
            files, count, tests = _write(fmt, tasks, out, sandbox, left_out, prototype,
                                          flavour)
        except ExtraMissing as exc:
            click.echo(f"debugex export: {exc}", err=True)
            return 1
        except OSError as exc:
            click.echo(f"debugex export: cannot write to {exc.filename or out}: "
                       f"{exc.strerror or exc}", err=True)
            return 1
    if as_json:
        print_json({"format": fmt, "files": [str(f) for f in files], "exported": count,
                    "tests": tests, "left_out": left_out})
    else:
        per = Counter(t.exercise for t in tasks if t.name not in left_out)
        plural = "s" if count != 1 else ""
        what = f"question{plural}" if fmt == "coderunner" else \
            f"question folder{plural}" if fmt == "prairielearn" else \
            f"programs in {len(files)} notebook{'s' if len(files) != 1 else ''}"
        click.echo(f"exported {count} {what} from {source}"
                   + (f" ({', '.join(f'{k} {v}' for k, v in per.items())})" if per else "")
                   + (f", {tests} tests" if fmt in ("coderunner", "prairielearn") else ""))
        for path in files:
            click.echo(f"  wrote {path}")
        for name, why in left_out.items():
            click.echo(f"left out {name}: {why}", err=True)
    return 0 if count else 1


def _write(fmt: str, tasks: list, out: Path, sandbox: Sandbox, left_out: dict[str, str],
           prototype: str = "python3", flavour: str = "plain"
           ) -> tuple[list[Path], int, int]:
    """Write the files; returns (files, items exported, tests); adds to `left_out`."""
    if fmt == "jupyter":
        files, skipped = write_notebooks(tasks, out, flavour)
        left_out.update(skipped)
        return files, sum(t.name not in skipped for t in tasks), 0
    if fmt == "prairielearn":
        files, skipped = write_prairielearn(tasks, out)
        left_out.update(skipped)
        return files, len(files), sum(len(t.cases) for t in tasks if t.name not in skipped)
    questions, skipped = questions_for(tasks, sandbox, prototype)
    left_out.update(skipped)
    if not questions:
        return [], 0, 0
    out.mkdir(parents=True, exist_ok=True)
    path = write_coderunner(questions, out / CODERUNNER_FILE)
    return [path], len(questions), sum(len(q.tests) for q in questions)


def _system_prompt(path: Path | None) -> str:
    if path is None:
        return system_prompt()
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "it is not UTF-8 text"
        raise click.UsageError(f"--system-prompt {path}: cannot be read ({reason})") from None


def run_repair(examples: Path, batch: Path | None, slugs: tuple[str, ...], request: Request,
               seed: int, exclude: tuple[Path, ...], out: Path, content: Path | None,
               allow_defects: bool, as_json: bool) -> int:
    """`--format repair`: the benchmark of a batch, of the examples, or drawn now."""
    content = content_or_default(content)
    try:
        avoid = excluded_ids(exclude)
    except BenchmarkError as exc:
        raise click.UsageError(f"--exclude {exc}") from None
    if slugs and not 0 <= seed <= MAX_SEED:
        raise click.UsageError(
            f"--seed {seed}: with --format repair and --exercise, the seed numbers a variant "
            f"of each exercise's drafts, 0 to {MAX_SEED} (two seeds never share an item)")
    if slugs == ("all",):
        slugs = tuple(f.name for f in exercise_folders(content)) if content.is_dir() else ()
        if not slugs:
            raise click.UsageError(f"--exercise all: no exercises in {content}")
    with Sandbox(workers=None if batch is None and not slugs else 1) as sandbox:
        maker = TaskMaker(sandbox, content)
        try:
            if slugs:
                with progress_bar(len(slugs), "drawing", not as_json) as step:
                    built = items_drawn(maker, slugs, request, seed, avoid,
                                        step or (lambda n: None))
                source = f"{len(slugs)} exercise(s) of {content}, drawn with seed {seed}"
            else:
                made = maker.from_batch(batch) if batch is not None else \
                    _from_examples(maker, examples, content, allow_defects, sandbox)
                if isinstance(made, int):
                    return made
                built = items_from(made, sandbox, avoid)
                source = f"the accepted drafts of {batch}" if batch is not None else \
                    f"the examples of {examples}"
        except TaskError as exc:
            click.echo(f"debugex export: {exc}", err=True)
            return 2
    if not built.items:
        click.echo(f"debugex export: no item from {source}" + "".join(
            f"\n  {k}: {v}" for k, v in built.left_out.items()), err=True)
        return 1
    try:
        files = write_benchmark(built.items, out, source, built.left_out)
    except OSError as exc:
        click.echo(f"debugex export: cannot write to {exc.filename or out}: "
                   f"{exc.strerror or exc}", err=True)
        return 1
    if as_json:
        print_json({"format": "repair", "files": [str(f) for f in files],
                    "exported": len(built.items), "ids": [i.id for i in built.items],
                    "left_out": built.left_out})
        return 0
    levels = Counter(i.level for i in built.items)
    click.echo(f"exported {len(built.items)} repair items from {source} (errors "
               f"syntax/runtime/logical: {', '.join(f'{k} x{v}' for k, v in sorted(levels.items()))})")
    for path in files:
        click.echo(f"  wrote {path}")
    for name, why in built.left_out.items():
        click.echo(f"left out {name}: {why}", err=True)
    return 0


def main(examples: Path, out: Path, fmt: str, batch: Path | None, slugs: tuple[str, ...],
         syntax: int, runtime: int, logical: int, seed: int, prompt_file: Path | None,
         allow_defects: bool, token_budget: int, content: Path | None, as_json: bool,
         quiet: bool, exclude: tuple[Path, ...] = (), prototype: str = "python3",
         flavour: str = "plain") -> int:
    """`debugex export` with its options: the JSONL export or a teacher's format."""
    if exclude and fmt != "repair":
        raise click.UsageError("--exclude goes with --format repair")
    if fmt == "jsonl":
        if batch is not None or slugs:
            raise click.UsageError("--batch and --exercise go with --format coderunner, "
                                   "jupyter or prairielearn (the JSONL export reads the "
                                   "examples)")
        return run(examples, out, prompt_file, allow_defects, token_budget, content,
                   as_json, quiet)
    if batch is not None and slugs:
        raise click.UsageError("give --batch or --exercise, not both")
    if fmt == "repair":
        return run_repair(examples, batch, slugs, Request(syntax, runtime, logical), seed,
                          exclude, out, content, allow_defects, as_json)
    if "all" in slugs:
        raise click.UsageError("--exercise all goes with --format repair")
    return run_for_teachers(fmt, examples, batch, slugs, Request(syntax, runtime, logical),
                            seed, out, content, allow_defects, as_json, prototype,
                            flavour)
