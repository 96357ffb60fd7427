"""How realistic a default batch is: its mix of injectors and families against the weights
file, and the share of absurd errors that the plausibility filters' own checks find in it.

Generates a default batch (`--per-exercise` drafts per exercise, the default distribution)
over the bundled content into a temporary folder, then for every error of every draft:
re-runs the plausibility checks on its edit, and on the whole incorrect program counts
expressions of a value against itself that the correct program did not have. Prints the
share of each injector and family, the absurd share (must be 0) and the total-variation
distance between the batch's injector mix and the weights file (also per class).

    python bench/realism.py [--json] [--per-exercise N] [--workers N] [--content DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from debugex.content.exercises import load_exercise  # noqa: E402
from debugex.injectors import REGISTRY, Edit, ProgramIndex  # noqa: E402
from debugex.injectors.catalogue import family_of  # noqa: E402
from debugex.injectors.plausibility import absurdities, self_operations  # noqa: E402
from debugex.injectors.weights import shares  # noqa: E402
from debugex.workflow.generation import generate  # noqa: E402
from debugex.workflow.planning import GenerateOptions  # noqa: E402


def tvd(p: dict[str, float], q: dict[str, float]) -> float:
    return 0.5 * sum(abs(p.get(k, 0.0) - q.get(k, 0.0)) for k in set(p) | set(q))


def normalised(counts: Counter) -> dict[str, float]:
    total = sum(counts.values())
    return {k: v / total for k, v in counts.items()} if total else {}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--per-exercise", type=int, default=8)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as out:
        summary = generate(GenerateOptions(content=args.content, per_exercise=args.per_exercise,
                                           seed=args.seed, workers=args.workers, out=Path(out)))
        drafts = [json.loads(line) for line in
                  (summary.batch / "drafts.jsonl").read_text(encoding="utf-8").splitlines()]

    injectors: Counter = Counter()
    absurd: Counter = Counter()
    examples: list[dict] = []
    programs: dict[str, tuple[ProgramIndex, str]] = {}
    errors = 0
    for draft in drafts:
        slug = draft["exercise"]
        if slug not in programs:
            exercise = load_exercise(args.content / slug)
            programs[slug] = (ProgramIndex(exercise.source, exercise.description),
                              exercise.description)
        program, description = programs[slug]
        edits = [Edit.from_dict(e["edit"]) for e in draft["errors"]]
        for edit in edits:
            errors += 1
            injectors[edit.injector] += 1
            for reason in absurdities(program, edit, description):
                absurd[reason] += 1
                examples.append({"draft": draft["id"], "injector": edit.injector,
                                 "reason": reason})
        # the whole incorrect program: a value against itself that the correct one lacks
        incorrect = program.source
        for edit in sorted(edits, key=lambda e: -e.start):
            incorrect = edit.apply(incorrect)
        before, after = self_operations(program.source), self_operations(incorrect)
        if before is not None and after is not None and after - before:
            absurd["a value against itself (whole program)"] += 1
            examples.append({"draft": draft["id"], "reason": "value against itself",
                             "expressions": sorted(after - before)})

    weights = shares()
    batch_mix = normalised(injectors)
    families = Counter()
    for injector_id, n in injectors.items():
        families[family_of(REGISTRY[injector_id])] += n
    weight_families: Counter = Counter()
    for injector_id, share in weights.items():
        weight_families[family_of(REGISTRY[injector_id])] += share
    per_class = {}
    for error_class in ("syntax", "runtime", "logical"):
        mine = Counter({i: n for i, n in injectors.items()
                        if REGISTRY[i].error_class == error_class})
        theirs = {i: w for i, w in weights.items() if REGISTRY[i].error_class == error_class}
        per_class[error_class] = round(tvd(normalised(mine), normalised(Counter(theirs))), 3)
    result = {
        "drafts": len(drafts), "errors": errors, "planned": summary.planned,
        "seconds": round(summary.seconds, 1),
        "absurd_errors": sum(absurd.values()),
        "absurd_share": round(sum(absurd.values()) / errors, 4) if errors else 0.0,
        "absurd_by_reason": dict(absurd), "absurd_examples": examples[:10],
        "tvd_injectors_vs_weights": round(tvd(batch_mix, weights), 3),
        "tvd_families_vs_weights": round(tvd(normalised(families), dict(weight_families)), 3),
        "tvd_within_class_vs_weights": per_class,
        "injectors_never_drawn": sorted(set(REGISTRY) - set(injectors)),
        "injector_share": {i: round(s, 4) for i, s in sorted(batch_mix.items(),
                                                             key=lambda kv: -kv[1])},
        "weight_share": {i: round(weights[i], 4) for i in sorted(weights,
                                                                  key=lambda i: -weights[i])},
        "family_share": {f: round(s, 4) for f, s in sorted(normalised(families).items(),
                                                          key=lambda kv: -kv[1])},
        "class_share": normalised(Counter({c: sum(n for i, n in injectors.items()
                                                  if REGISTRY[i].error_class == c)
                                           for c in ("syntax", "runtime", "logical")})),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{result['drafts']} drafts, {errors} errors in {result['seconds']}s")
    print(f"absurd errors: {result['absurd_errors']} ({result['absurd_share']:.2%})")
    print(f"total-variation distance, injectors vs weights: "
          f"{result['tvd_injectors_vs_weights']}; families: "
          f"{result['tvd_families_vs_weights']}; within class: {per_class}")
    for family, share in result["family_share"].items():
        print(f"  {family:24} {share:6.1%}")


if __name__ == "__main__":
    main()
