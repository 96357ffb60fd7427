"""`debugex export`: audit gate, then the JSONL files, statistics and dataset card."""

from __future__ import annotations

from pathlib import Path

import click

from ..audit import audit_records
from ..content import Exercise
from ..formats import DatasetError, load_examples, system_prompt
from ..sandbox import Sandbox
from ..scenarios import load_for_check
from ..workflow import export
from .common import print_json
from .options import content_or_default


def run(examples: Path, out: Path, prompt_file: Path | None, allow_defects: bool,
        budget: int, content: Path | None, as_json: bool, quiet: bool = False) -> int:
    content = content_or_default(content)
    try:
        records = load_examples(examples)
    except DatasetError as exc:
        raise click.UsageError(str(exc)) from None
    exercises = [e for e in load_for_check(content, []) if isinstance(e, Exercise)] \
        if content.is_dir() else []
    with Sandbox() as sandbox:
        audits = audit_records(records, sandbox, exercises)
    defective = [a for a in audits if a.defects]
    if defective and not allow_defects:
        if not quiet:
            for audit in defective:
                for defect in audit.defects:
                    click.echo(f"{audit.id}: {defect['kind']}: {defect['detail']}", err=True)
        click.echo(f"refusing to export: {len(defective)} examples do not audit clean "
                   "(fix them, or pass --allow-defects)", err=True)
        return 1
    defects = {a.id: [f"{d['kind']}: {d['detail']}" for d in a.defects] for a in defective}
    # An example whose messages cannot be parsed cannot be exported; say which and why.
    left_out = {a.id: "; ".join(d["detail"] for d in a.defects
                                if d["kind"].startswith("unparseable"))
                for a in defective if any(d["kind"].startswith("unparseable")
                                          for d in a.defects)}
    records = [r for r in records if r.id not in left_out]
    system = prompt_file.read_text(encoding="utf-8") if prompt_file else system_prompt()
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
