"""How realistic a default batch is: its mix of injectors and families against the weights
file, and the share of absurd errors that the plausibility filters' own checks find in it.

Generates a default batch (as `debugex generate` does: 5 drafts per exercise unless
`--per-exercise` says otherwise, the default distribution)
over the bundled content into a temporary folder, then for every error of every draft:
re-runs the plausibility checks on its edit, and on the whole incorrect program counts
expressions of a value against itself that the correct program did not have. Prints the
share of each injector and family, the absurd share (must be 0) and the total-variation
distance between the batch's injector mix and the weights file (also per class).

Injectors drawn below their weight are listed with the points they lost and the rule that
won (too few exercises offer them, or composition's spread and variety rules).

Then the same mix on the simple scripts alone (`bench/simple_mix.py`: at most one
function and 15 code lines), against the weights of the injectors they offer: on the
batch's simple scripts and on `--simple-seeds` - 1 more batches of them alone (seeds
following `--seed`), all pooled, beside the distance a sample of the pooled size drawn
from the weights themselves shows (one batch alone holds about a thousand such errors,
whose sampling noise, about 0.09, is larger than the goal).

Before that, the novice pairs (`bench/novice_pairs/`): the share of pairs that some
injector site reproduces exactly (a candidate edit of `find_sites` on the correct program
whose result equals the buggy program, modulo trailing whitespace), overall and per kind,
and which injector reproduced each pair.

    python bench/realism.py [--json] [--per-exercise N] [--workers N] [--content DIR]
                            [--simple-seeds N] [--pairs-only] [--pairs DIR]
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

from bench.novice_pairs.load import HALVES, Pair, load_pairs  # noqa: E402
from bench.simple_mix import (  # noqa: E402
    pooled_mix,
    print_seeds,
    print_simple_mix,
    simple_batches,
)
from debugex.changes import find_sites  # noqa: E402
from debugex.content.exercises import load_exercise  # noqa: E402
from debugex.engine import edit_signature  # noqa: E402
from debugex.engine.density import layout_of  # noqa: E402
from debugex.injectors import REGISTRY, Edit, ProgramIndex  # noqa: E402
from debugex.injectors.catalogue import family_of  # noqa: E402
from debugex.injectors.plausibility import absurdities, self_operations  # noqa: E402
from debugex.injectors.weights import shares  # noqa: E402
from debugex.workflow.generation import generate  # noqa: E402
from debugex.workflow.planning import DEFAULT_PER_EXERCISE, GenerateOptions  # noqa: E402


def tvd(p: dict[str, float], q: dict[str, float]) -> float:
    return 0.5 * sum(abs(p.get(k, 0.0) - q.get(k, 0.0)) for k in set(p) | set(q))


def normalised(counts: Counter) -> dict[str, float]:
    total = sum(counts.values())
    return {k: v / total for k, v in counts.items()} if total else {}


def _same(a: str, b: str) -> bool:
    """Equal programs modulo trailing whitespace (on each line and at the end)."""
    return [line.rstrip() for line in a.rstrip().splitlines()] == \
        [line.rstrip() for line in b.rstrip().splitlines()]


def reproducers(pair: Pair) -> list[str]:
    """The injectors with a site on `pair.correct` that turns it into the buggy program."""
    program = ProgramIndex(pair.correct, pair.task)
    return sorted({edit.injector for edit in find_sites(program)
                   if _same(edit.apply(pair.correct), pair.buggy_program)})


def reproduction(folder: Path | None = None) -> dict:
    """The share of novice pairs that some injector site reproduces exactly, per kind."""
    pairs = load_pairs(folder)
    which = {pair.id: reproducers(pair) for pair in pairs}
    result = _shares(pairs, which)
    result["per_half"] = {}
    for half in HALVES:
        mine = [pair for pair in pairs if pair.half == half]
        if mine:
            part = _shares(mine, which)
            if half == "held":  # kept apart: its figures, never which pair was missed
                part = {k: v for k, v in part.items() if k not in ("missed", "reproduced_by")}
            result["per_half"][half] = part
    return result


def _shares(pairs: list[Pair], which: dict[str, list[str]]) -> dict:
    """The share of `pairs` reproduced, overall, per kind and per injector."""
    by_kind: dict[str, list[int]] = {}
    by_injector: Counter = Counter()
    for pair in pairs:
        found = which[pair.id]
        hits = by_kind.setdefault(pair.kind, [0, 0])
        hits[0] += bool(found)
        hits[1] += 1
        by_injector.update(found)
    reproduced = sum(h for h, _n in by_kind.values())
    return {
        "pairs": len(pairs), "reproduced": reproduced,
        "reproduced_share": round(reproduced / len(pairs), 3) if pairs else 0.0,
        "per_kind": {kind: {"reproduced": h, "pairs": n, "share": round(h / n, 3)}
                     for kind, (h, n) in sorted(by_kind.items())},
        "by_injector": dict(by_injector.most_common()),
        "missed": sorted(pair.id for pair in pairs if not which[pair.id]),
        "reproduced_by": {pair.id: which[pair.id] for pair in pairs if which[pair.id]},
    }


def lost(batch_mix: dict[str, float], weights: dict[str, float], short: dict,
         least: float = 0.003) -> dict[str, dict]:
    """Injectors drawn less than their weight by at least `least` of all errors, and the
    rule that won: the reuse rule where its fresh edits cannot give its share (generate's
    shortfalls), else composition's spread and variety rules (a new line, statement,
    injector and block before the weights)."""
    found = {}
    for injector, share in sorted(weights.items(), key=lambda kv: -kv[1]):
        gap = share - batch_mix.get(injector, 0.0)
        if gap < least:
            continue
        reason = _why(short.get(injector))
        found[injector] = {"weight_share": round(share, 4),
                           "batch_share": round(batch_mix.get(injector, 0.0), 4),
                           "lost_points": round(100 * gap, 2), "why": reason}
    return found


def _why(short: dict | None) -> str:
    """The rule that keeps an injector below its weight, from generate's shortfalls."""
    if short is None:
        return "composition's spread and variety rules"
    where = (f"offered by {short['exercises']} exercises; expected at most "
             f"{short['expected']:.2%}")
    if "fresh" not in short:  # a batch made before the fresh count was recorded
        return where
    if short["fresh"] < short["wanted"]:
        return (f"{where}; reuse rule (fresh edits first): its fresh edits give at most "
                f"{short['fresh']} errors of the {short['wanted']:.0f} its weight asks")
    return (f"{where}; spread and variety rules (new line, statement, injector, block): "
            f"{short['fresh']} fresh edits for {short['wanted']:.0f} asked")


def gained(batch_mix: dict[str, float], weights: dict[str, float],
           least: float = 0.003) -> dict[str, dict]:
    """Injectors drawn above their weight by at least `least` of all errors: they fill
    their class where a program offers few other lines of it (a draft's errors go on new
    lines, fresh edits and new injectors first, whatever the weights say)."""
    return {i: {"weight_share": round(weights.get(i, 0.0), 4), "batch_share": round(s, 4),
                "gained_points": round(100 * (s - weights.get(i, 0.0)), 2)}
            for i, s in sorted(batch_mix.items(), key=lambda kv: -kv[1])
            if s - weights.get(i, 0.0) >= least}


def spread(drafts: list[dict], sources: dict[str, str]) -> dict:
    """How often a batch bends composition's spread and variety rules: among drafts of
    two or more errors, those with two errors on one line, in one statement, by one
    injector, and the errors that share a block with an earlier error of their draft;
    over all errors, those whose edit another draft of the exercise also uses."""
    several = same_line = same_statement = same_injector = 0
    shared_block = reused = errors = 0
    edits_of = [[Edit.from_dict(e["edit"]) for e in draft["errors"]] for draft in drafts]
    uses = Counter((draft["exercise"], edit_signature(e))
                   for draft, edits in zip(drafts, edits_of, strict=True) for e in edits)
    layouts = {slug: layout_of(source) for slug, source in sources.items()}
    for draft, edits in zip(drafts, edits_of, strict=True):
        errors += len(edits)
        reused += sum(uses[(draft["exercise"], edit_signature(e))] > 1 for e in edits)
        if len(edits) < 2:
            continue
        layout = layouts[draft["exercise"]]
        several += 1
        lines = [e.line for e in edits]
        same_line += len(set(lines)) < len(lines)
        statements = [layout.statement(line) for line in lines]
        same_statement += len(set(statements)) < len(statements)
        same_injector += len({e.injector for e in edits}) < len(edits)
        blocks = [layout.block(line) for line in lines]
        shared_block += len(blocks) - len(set(blocks))

    def share(n: int, of: int) -> float:
        return round(n / of, 4) if of else 0.0
    return {"drafts_with_several_errors": several,
            "two_on_one_line": share(same_line, several),
            "two_in_one_statement": share(same_statement, several),
            "one_injector_twice": share(same_injector, several),
            "errors_sharing_a_block": share(shared_block, errors),
            "errors_reusing_an_edit": share(reused, errors)}


_HALF_NAMES = {"v1": "corpus v1", "tuned": "v2, tuned half",
               "held": "v2, held-apart half"}


def _print_pairs(pairs: dict) -> None:
    print(f"novice pairs reproduced exactly: {pairs['reproduced']} of {pairs['pairs']} "
          f"({pairs['reproduced_share']:.1%})")
    for half, part in pairs.get("per_half", {}).items():
        print(f"{_HALF_NAMES[half]}: {part['reproduced']} of {part['pairs']} "
              f"({part['reproduced_share']:.1%})")
        for kind, row in part["per_kind"].items():
            print(f"  {kind:26} {row['reproduced']:3} / {row['pairs']:3}  {row['share']:6.1%}")
    print("  by injector: " + ", ".join(f"{i} {n}" for i, n in pairs["by_injector"].items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--per-exercise", type=int, default=DEFAULT_PER_EXERCISE,
                        help=f"drafts per exercise (default {DEFAULT_PER_EXERCISE}, as "
                             "`debugex generate`)")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--pairs", type=Path, default=None,
                        help="folder of novice pair files (default: bench/novice_pairs)")
    parser.add_argument("--simple-seeds", type=int, default=8,
                        help="batches of the simple scripts pooled for their mix: the "
                             "default batch's and N - 1 of them alone (default 8)")
    parser.add_argument("--pairs-only", action="store_true",
                        help="measure the novice pairs only, not a default batch")
    args = parser.parse_args()
    if args.simple_seeds < 1:
        parser.error("--simple-seeds must be at least 1")
    if args.pairs is not None and not args.pairs.is_dir():
        parser.error(f"--pairs {args.pairs}: no such folder")
    try:
        pairs = reproduction(args.pairs)
    except (ValueError, OSError) as exc:  # a malformed pair file names itself
        parser.error(str(exc))
    if args.pairs_only:
        if args.json:
            print(json.dumps({"novice_pairs": pairs}, indent=2))
        else:
            _print_pairs(pairs)
        return

    with tempfile.TemporaryDirectory() as out:
        summary = generate(GenerateOptions(content=args.content, per_exercise=args.per_exercise,
                                           seed=args.seed, workers=args.workers, out=Path(out)))
        drafts = [json.loads(line) for line in
                  (summary.batch / "drafts.jsonl").read_text(encoding="utf-8").splitlines()]
        mix = json.loads((summary.batch / "batch.json").read_text(encoding="utf-8")).get(
            "mix", {})

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
        "novice_pairs": pairs,
        "drafts": len(drafts), "errors": errors, "planned": summary.planned,
        "seconds": round(summary.seconds, 1),
        "absurd_errors": sum(absurd.values()),
        "absurd_share": round(sum(absurd.values()) / errors, 4) if errors else 0.0,
        "absurd_by_reason": dict(absurd), "absurd_examples": examples[:10],
        "tvd_injectors_vs_weights": round(tvd(batch_mix, weights), 3),
        "tvd_families_vs_weights": round(tvd(normalised(families), dict(weight_families)), 3),
        "tvd_within_class_vs_weights": per_class,
        "injectors_never_drawn": sorted(set(REGISTRY) - set(injectors)),
        "mix_balanced": bool(mix.get("balanced")),
        "spread": spread(drafts, {slug: program.source
                                  for slug, (program, _d) in programs.items()}),
        "lost": lost(batch_mix, weights, mix.get("shortfalls", {})),
        "gained": gained(batch_mix, weights),
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
    simple = {args.seed: drafts}  # simple_mix keeps the simple scripts' drafts
    simple.update(simple_batches(
        args.content, range(args.seed + 1, args.seed + args.simple_seeds), args.per_exercise,
        args.workers, progress=lambda line: print(f"simple scripts alone, {line}",
                                                  file=sys.stderr, flush=True)))
    result["simple_scripts"] = pooled_mix(simple, args.content)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    _print_pairs(pairs)
    print(f"{result['drafts']} drafts, {errors} errors in {result['seconds']}s")
    print(f"absurd errors: {result['absurd_errors']} ({result['absurd_share']:.2%})")
    print(f"total-variation distance, injectors vs weights: "
          f"{result['tvd_injectors_vs_weights']}; families: "
          f"{result['tvd_families_vs_weights']}; within class: {per_class}")
    for family, share in result["family_share"].items():
        print(f"  {family:24} {share:6.1%}")
    rules = result["spread"]
    print(f"spread and variety, of {rules['drafts_with_several_errors']} drafts with several "
          f"errors: two on one line {rules['two_on_one_line']:.1%}, in one statement "
          f"{rules['two_in_one_statement']:.1%}, one injector twice "
          f"{rules['one_injector_twice']:.1%}; errors sharing a block "
          f"{rules['errors_sharing_a_block']:.1%}, reusing another draft's edit "
          f"{rules['errors_reusing_an_edit']:.1%}")
    print("drawn below their weight (points of all errors, and the rule that won):")
    for injector, row in result["lost"].items():
        print(f"  {injector:28} -{row['lost_points']:.2f}  {row['why']}")
    print("drawn above their weight (filling their class where a program offers little "
          "else of it):")
    for injector, row in result["gained"].items():
        print(f"  {injector:28} +{row['gained_points']:.2f}")
    print_simple_mix(result["simple_scripts"])
    print_seeds(result["simple_scripts"])


if __name__ == "__main__":
    main()
