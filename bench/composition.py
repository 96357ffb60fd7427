"""A default batch read as exercises: density, edit reuse, partial answers, interplay.

Runs `generate` over the bundled content (8 requests per exercise by default) into a
temporary folder, prints the figures generate reports, then checks them again from the
written drafts alone: the density of each draft from its text, how many drafts use each
edit, the interplay of every multi-error draft (run again), and an audit of every
partial draft. Last, the cost of the interplay check: the same multi-error requests
composed with and without it, alternating, two rounds (a ratio measured in one run).

    python bench/composition.py [--json] [--per-exercise K] [--seed S] [--content DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from debugex.audit.grade import audit_records  # noqa: E402
from debugex.content.exercises import exercise_folders, load_exercise  # noqa: E402
from debugex.engine.compose import ComposeOptions, InfeasibleRequest, compose  # noqa: E402
from debugex.engine.density import DEFAULT_MAX_DENSITY, cap, code_lines  # noqa: E402
from debugex.engine.interplay import analyse  # noqa: E402
from debugex.engine.sites import catalog_for  # noqa: E402
from debugex.formats.dataset import Record  # noqa: E402
from debugex.formats.messages import Request, parse_user  # noqa: E402
from debugex.injectors import Edit  # noqa: E402
from debugex.sandbox import Sandbox  # noqa: E402
from debugex.workflow.generation import generate  # noqa: E402
from debugex.workflow.planning import GenerateOptions  # noqa: E402


def recheck(drafts: list[dict], content: Path) -> dict:
    """The batch's figures computed again from the drafts, not from generate's counters."""
    above_cap = 0
    uses: Counter = Counter()
    for draft in drafts:
        program = parse_user(draft["user_xml"]).program
        above_cap += len(draft["errors"]) > cap(len(code_lines(program)), DEFAULT_MAX_DENSITY)
        for signature in {(e["edit"]["start"], e["edit"]["end"], e["edit"]["replacement"])
                          for e in draft["errors"]}:
            uses[(draft["exercise"], signature)] += 1
    exercises = {f.name: load_exercise(f) for f in exercise_folders(content)}
    interplay_failures = 0
    with Sandbox() as sandbox:
        for draft in drafts:
            if len(draft["errors"]) < 2:
                continue
            prepared = catalog_for(exercises[draft["exercise"]], sandbox).prepared
            edits = [Edit.from_dict(e["edit"]) for e in draft["errors"]]
            lines = [e["line"] for e in draft["errors"]]
            interplay_failures += not analyse(prepared, edits, lines, sandbox).ok
        partial = [Record(d["id"], d["user_xml"], d["assistant_xml"]) for d in drafts
                   if d.get("partial")]
        audits = audit_records(partial, sandbox, list(exercises.values()))
    first_uses = sum(1 for n in uses.values() if n > 1)
    return {"drafts_above_density_cap": above_cap,
            "most_drafts_sharing_one_edit": max(uses.values(), default=0),
            "edits_used_by_two_drafts": first_uses,
            "interplay_failures_written": interplay_failures,
            "partial_drafts_audited": len(audits),
            "partial_drafts_with_defects": sum(bool(a.defects) for a in audits)}


def interplay_cost(content: Path, requests: int = 80) -> dict:
    """Seconds to compose the same requests of 2-6 errors with and without the check."""
    rng = random.Random(5)
    exercises = [load_exercise(f) for f in exercise_folders(content)]
    with Sandbox(workers=1) as sandbox:
        catalogs = [catalog_for(e, sandbox) for e in exercises]
        work = [(rng.choice(catalogs), Request(*(rng.randint(0, 2) for _ in range(3))),
                 rng.randrange(10**6)) for _ in range(requests)]
        work = [w for w in work if w[1].total >= 2]
        seconds = {"without": 0.0, "with": 0.0}
        for _ in range(2):
            for name, check in (("without", False), ("with", True)):
                started = time.perf_counter()
                for catalog, request, seed in work:
                    try:
                        compose(catalog, request, seed, sandbox,
                                options=ComposeOptions(interplay=check))
                    except InfeasibleRequest:
                        pass
                seconds[name] += time.perf_counter() - started
    return {"requests": len(work), "seconds_without": round(seconds["without"], 2),
            "seconds_with": round(seconds["with"], 2),
            "ratio": round(seconds["with"] / seconds["without"], 2)
            if seconds["without"] else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--per-exercise", type=int, default=8)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as out:
        started = time.monotonic()
        summary = generate(GenerateOptions(args.content, per_exercise=args.per_exercise,
                                           seed=args.seed, workers=args.workers,
                                           out=Path(out)))
        seconds = time.monotonic() - started
        drafts = [json.loads(line) for line in
                  (summary.batch / "drafts.jsonl").read_text(encoding="utf-8").splitlines()]
    figures = summary.composition
    report = {
        "planned": summary.planned, "written": summary.written,
        "not_written": dict(summary.failures), "seconds": round(seconds, 2),
        "density_histogram": figures["density_histogram"],
        "repeated_edit_share": figures["repeated_edit_share"],
        "partial_share": figures["partial_share"],
        "requests_6_plus_share": figures["requests_6_plus_share"],
        "interplay_failures_before_recomposition":
            figures["interplay_failures_before_recomposition"],
        "generate_reports": figures,
        "rechecked_from_drafts": recheck(drafts, args.content),
        "interplay_check_cost": interplay_cost(args.content),
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return
    for key, value in report.items():
        print(f"{key}: {json.dumps(value)}")


if __name__ == "__main__":
    main()
