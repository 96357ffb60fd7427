"""`debugex export --format coderunner|jupyter`: what a teacher hands out.

The drafts come from one of three places: the accepted drafts of a batch (`--batch`),
drafts made now from content exercises (`--exercise`, repeatable), or the examples
folder (`--examples`, the default; audited first, as for the JSONL export).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from ..audit import audit_records
from ..content import Exercise
from ..formats import DatasetError, Request, load_examples
from ..sandbox import Sandbox
from ..scenarios import load_for_check
from ..workflow import (
    ExtraMissing,
    TaskError,
    TaskMaker,
    coderunner_tests,
    question_for,
    split_tasks,
    write_coderunner,
    write_notebooks,
)
from .common import print_json

CODERUNNER_FILE = "coderunner.xml"


def _from_examples(maker: TaskMaker, examples: Path, content: Path, allow_defects: bool,
                   sandbox: Sandbox) -> list | int:
    try:
        records = load_examples(examples)
    except DatasetError as exc:
        raise click.UsageError(str(exc)) from None
    exercises = [e for e in load_for_check(content, []) if isinstance(e, Exercise)] \
        if content.is_dir() else []
    defective = [a for a in audit_records(records, sandbox, exercises) if a.defects]
    if defective and not allow_defects:
        for audit in defective:
            for defect in audit.defects:
                click.echo(f"{audit.id}: {defect['kind']}: {defect['detail']}", err=True)
        click.echo(f"refusing to export: {len(defective)} examples do not audit clean "
                   "(fix them, or pass --allow-defects)", err=True)
        return 1
    return maker.from_examples(records)


def run(fmt: str, examples: Path, batch: Path | None, slugs: tuple[str, ...],
        request: Request, seed: int, out: Path, content: Path, allow_defects: bool,
        as_json: bool) -> int:
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
            click.echo(f"debugex export: nothing to export: no drafts in {source}"
                       + (" are accepted (accept some with `debugex review`)"
                          if batch is not None else ""), err=True)
            return 1
        try:
            files, count, tests = _write(fmt, tasks, out, sandbox, left_out)
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
        what = "questions" if fmt == "coderunner" else "programs"
        click.echo(f"exported {count} {what} from {source}"
                   + (f" ({', '.join(f'{k} {v}' for k, v in per.items())})" if per else "")
                   + (f", {tests} tests" if fmt == "coderunner" else ""))
        for path in files:
            click.echo(f"  wrote {path}")
        for name, why in left_out.items():
            click.echo(f"left out {name}: {why}", err=True)
    return 0 if count else 1


def _write(fmt: str, tasks: list, out: Path, sandbox: Sandbox, left_out: dict[str, str]
           ) -> tuple[list[Path], int, int]:
    """Write the files; returns (files, items exported, tests); adds to `left_out`."""
    if fmt == "jupyter":
        files, skipped = write_notebooks(tasks, out)
        left_out.update(skipped)
        return files, sum(t.name not in skipped for t in tasks), 0
    questions = []
    for task in tasks:
        tests = coderunner_tests(task, sandbox)
        if isinstance(tests, str):
            left_out[task.name] = tests
        else:
            questions.append(question_for(task, tests))
    if not questions:
        return [], 0, 0
    out.mkdir(parents=True, exist_ok=True)
    path = write_coderunner(questions, out / CODERUNNER_FILE)
    return [path], len(questions), sum(len(q.tests) for q in questions)
