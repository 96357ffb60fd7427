"""Re-run every checkable sentence of a generated batch on its own path; count false ones.

    python bench/truth.py BATCH [--json] [--content DIR] [--exercise-kind function|stdin]
                                [--false N] [--workers N] [--only KIND] [--every K]

BATCH is a folder written by `debugex generate` (batch.json, drafts.jsonl). Every program
a sentence speaks of (the correct one, each error alone, the whole draft, the programs met
while fixing) is run by bench/truth_runner.py in a plain `python3` subprocess on the
exercise's scenarios, read from its scenarios.toml (or, for an exercise without one, the
inputs `debugex scenarios suggest` synthesises, which generate ran it on): never debugex's
sandbox, verdicts or cache. Printed: for each kind (hides, location, quote, premise) how many sentences were
checked and how many are false, separately for programs that import `random` (whose
quotes must hold under seeds 0..4), then the false ones per template (the injector id and
the sentence's kind), and the first --false N false sentences in full.
"""

from __future__ import annotations

import argparse
import functools
import json
import subprocess
import sys
import tomllib
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import truth_runs as tr  # noqa: E402
import truth_sentences as ts  # noqa: E402

KINDS = ("hides", "location", "quote", "premise")


@functools.cache  # one synthesis per exercise, not per draft
def _scenarios(content: Path, slug: str) -> list[dict] | None:
    """The exercise's scenarios: its scenarios.toml, else the inputs `debugex scenarios
    suggest` synthesises for it (what generate ran the drafts on; synthesis is seeded).
    Only the inputs come from debugex: the programs still run on the bench's own path."""
    path = content / slug / "scenarios.toml"
    if path.exists():
        return tomllib.loads(path.read_text(encoding="utf-8")).get("scenario", [])
    done = subprocess.run([sys.executable, "-m", "debugex.cli", "scenarios", "suggest", "--json",
                           "--content", str(content), slug], capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        return None
    return json.loads(done.stdout)["scenarios"] or None


def check_batch(batch: Path, content: Path | None, kind: str | None, workers: int,
                only: str | None = None, every: int = 1) -> dict:
    meta = json.loads((batch / "batch.json").read_text(encoding="utf-8"))
    content = content or Path(meta.get("content") or "content")
    drafts = [json.loads(line) for line in
              (batch / "drafts.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    runs: dict[str, tr.Runs] = {}
    skipped: Counter = Counter()
    todo = []
    for draft in drafts[::every]:
        scenarios = _scenarios(content, draft["exercise"])
        if scenarios is None:
            skipped["no scenarios.toml and none synthesised"] += 1
            continue
        function = any(s.get("calls") for s in scenarios)
        if kind and (kind == "function") != function:
            continue
        if draft["exercise"] not in runs:
            runs[draft["exercise"]] = tr.Runs(scenarios)
        todo.append(ts.Draft(draft, scenarios, runs[draft["exercise"]]))

    def one(draft: ts.Draft) -> list[tuple]:
        if draft.full != draft.draft["assistant_xml"].split("<incorrect-program>\n", 1)[1] \
                .split("</incorrect-program>", 1)[0]:
            return [("skipped", "edits do not rebuild the incorrect program")]
        return [(draft.draft["id"], *c) for c in ts.checks(draft, only)]

    with ThreadPoolExecutor(workers) as pool:
        found = [c for result in pool.map(one, todo) for c in result]
    checked, false, by_template, false_sentences = Counter(), Counter(), Counter(), []
    for item in found:
        if item[0] == "skipped":
            skipped[item[1]] += 1
            continue
        draft_id, kind_, template, wrong, random_, sentence = item
        key = f"{kind_}{' (random)' if random_ else ''}"
        checked[key] += 1
        if wrong:
            false[key] += 1
            by_template[f"{kind_} {template}"] += 1
            false_sentences.append({"draft": draft_id, "kind": kind_, "template": template,
                                    "sentence": sentence})
    return {"batch": str(batch), "drafts": len(todo), "skipped": dict(skipped),
            "checked": dict(checked), "false": dict(false),
            "false_per_template": dict(by_template.most_common()),
            "false_sentences": false_sentences,
            "runs": sum(r.runs for r in runs.values())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("batch", type=Path)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--content", type=Path, help="exercises folder (default: the batch's)")
    parser.add_argument("--exercise-kind", choices=("function", "stdin"))
    parser.add_argument("--false", type=int, default=10, help="false sentences to print")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", choices=KINDS, help="check sentences of this kind only")
    parser.add_argument("--every", type=int, default=1, help="check every K-th draft only")
    args = parser.parse_args(argv)
    if not (args.batch / "drafts.jsonl").exists():
        print(f"error: {args.batch} is not a batch folder (no drafts.jsonl)", file=sys.stderr)
        return 2
    report = check_batch(args.batch, args.content, args.exercise_kind, args.workers,
                         args.only, args.every)
    if args.json:
        print(json.dumps(report, indent=1))
        return 0
    print(f"{report['batch']}: {report['drafts']} drafts, {report['runs']} plain runs"
          + (f", skipped {report['skipped']}" if report["skipped"] else ""))
    print(f"{'kind':<20}{'checked':>9}{'false':>7}")
    for kind in KINDS:
        for key in (kind, f"{kind} (random)"):
            if key in report["checked"] or key == kind:
                print(f"{key:<20}{report['checked'].get(key, 0):>9}"
                      f"{report['false'].get(key, 0):>7}")
    if report["false_per_template"]:
        print("false per template:")
        for template, count in report["false_per_template"].items():
            print(f"  {count:>4}  {template}")
    for item in report["false_sentences"][:args.false]:
        print(f"- [{item['kind']}] {item['draft']}: {item['sentence']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
