"""`debugex audit`: present an audit as a summary table or JSON."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..audit import audit_records, summarise
from ..content import ContentError, Exercise, parse_scenarios, read_text
from ..formats import DatasetError, load_examples, load_jsonl, load_requests_responses
from ..sandbox import Sandbox
from ..scenarios import load_for_check
from .common import print_json, table
from .options import content_or_default


def from_options(path: Path | None, requests: Path | None, responses: Path | None,
                 content: Path | None, workers: int | None, scenarios: Path | None,
                 as_json: bool, strict: bool, strict_all: bool, quiet: bool) -> int:
    """`debugex audit` as parsed: --strict and --strict=all become the level that fails."""
    level = "all" if strict_all else "defects" if strict else None
    if content is None and path is not None:
        content = batch_content(path)
    return run(path, requests, responses, content_or_default(content), as_json, level,
               workers, scenarios, quiet)


def batch_content(path: Path) -> Path | None:
    """The content folder a generated batch was made from (its batch.json says), when it
    is still there: its drafts then run on their exercises' own scenarios."""
    meta = path / "batch.json" if path.is_dir() else None
    if meta is None or not meta.is_file():
        return None
    try:
        content = json.loads(meta.read_text(encoding="utf-8")).get("content")
    except (OSError, ValueError, AttributeError, RecursionError):
        return None
    if isinstance(content, str) and Path(content).is_dir():
        return Path(content)
    if isinstance(content, str):
        click.echo(f"debugex audit: warning: the batch was made from {content}, which is not "
                   "there any more: its programs run on synthesised scenarios (--content "
                   "names the folder)", err=True)
    return None


def load(path: Path | None, requests: Path | None, responses: Path | None):
    if requests or responses:
        if not (requests and responses):
            raise click.UsageError("--requests and --responses go together")
        return load_requests_responses(requests, responses)
    if path is None:
        raise click.UsageError("give PATH (examples folder or JSONL) or --requests/--responses")
    if path.is_dir() and (path / "drafts.jsonl").exists():
        return load_jsonl(path / "drafts.jsonl")  # a generated batch
    if path.is_dir():
        return load_examples(path)
    return load_jsonl(path)


def run(path: Path | None, requests: Path | None, responses: Path | None, content: Path,
        as_json: bool, strict: str | bool | None, workers: int | None,
        scenarios_file: Path | None = None, quiet: bool = False) -> int:
    try:
        records = load(path, requests, responses)
        scenarios = parse_scenarios(read_text(scenarios_file), scenarios_file) \
            if scenarios_file else None
    except (DatasetError, ContentError) as exc:
        raise click.UsageError(str(exc)) from None
    except RecursionError:  # tomllib recurses per level of nesting
        raise click.UsageError(f"{scenarios_file}: nested too deeply for debugex to read"
                               ) from None
    if not records:
        raise click.UsageError(f"{path or requests}: no records to audit")
    strict = "defects" if strict is True else strict or None
    exercises = [e for e in load_for_check(content, []) if isinstance(e, Exercise)] \
        if content.is_dir() else []
    with Sandbox(workers=workers) as sandbox:
        audits = audit_records(records, sandbox, exercises, scenarios=scenarios)
    summary = summarise(audits)
    # Records that match no exercise of the content run on synthesised scenarios: said, so
    # a batch audited against the wrong folder is not mistaken for a weaker one.
    unmatched = [a.id for a in audits if a.checks and not a.checks.startswith(
        ("scenarios of content exercise", "scenarios given", "compile-only"))]
    if exercises and unmatched:
        summary["records_matching_no_exercise"] = len(unmatched)
    if exercises and unmatched and not as_json:
        click.echo(f"debugex audit: warning: {len(unmatched)} of {len(audits)} records match "
                   f"no exercise of {content} (e.g. {unmatched[0]}): their programs ran on "
                   "synthesised scenarios; --content names the folder they came from",
                   err=True)
    if as_json:
        print_json({"records": [a.to_dict() for a in audits], "summary": summary})
    else:
        if not quiet:
            for audit in audits:
                for defect in audit.defects:
                    click.echo(f"{audit.id}: {defect['kind']}: {defect['detail']}")
                for note in audit.notes:
                    click.echo(f"{audit.id}: note: {note['kind']}: {note['detail']}")
            rows = [(c, v["claims"], v["hold"], "-" if v["accuracy"] is None
                     else f"{v['accuracy']:.1%}") for c, v in summary["claim_accuracy"].items()]
            click.echo(table(("class", "claims", "hold", "accuracy"), rows))
            click.echo()
        line = summary["line_accuracy"]
        satisfied = summary["request_satisfaction"]
        unanswered = summary["records_unanswered"]
        click.echo(f"\nrecords: {summary['records']}, with a defect: "
                   f"{summary['records_with_defects']}, with notes only: "
                   f"{summary['records_with_notes_only']}, unverified: "
                   f"{summary['records_unverified']}"
                   + (f", unanswered: {unanswered}" if unanswered else "")
                   + f"; claims: {summary['claims']}, "
                   f"hold: {summary['claims_hold']}; line accuracy: "
                   f"{'-' if line is None else f'{line:.1%}'}; request satisfaction: "
                   f"{'-' if satisfied is None else f'{satisfied:.1%}'}")
    return 1 if strict and any(a.failing(strict) for a in audits) else 0
