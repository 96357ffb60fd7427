"""The mix of errors on simple scripts: the bundled exercises with at most one function
and at most 15 code lines (print-heavy programs with few computations, like most of the
teacher's; `debugex.engine.mix.is_simple_script`), against the weights file.

A simple script offers only some injectors (no list grows in `print("Hello")`), so the
mix is compared with the weights of the injectors that have at least one candidate site
on some simple script. The classes' shares come from the requests, not from the
injectors, so, as the batch's own balance does (`engine.mix`), each class's errors on
the subset are shared out by the weights of its injectors: the target of an injector is
its class's share of the subset's errors times its weight over its class's offered
weights. Reported: the total-variation distance to that target overall and per class,
and the injectors drawn furthest above or below it (in points of all errors on the
subset), with the logical errors' shares. Used by `bench/realism.py`.

One batch of the subset holds about a thousand errors, and a sample of that size drawn
from the weights themselves is already about 0.09 away from them by injector: measured on
one batch, the distance is mostly the sample's size. So the subset is generated under
several seeds (`simple_batches`, each a default batch of the simple scripts alone, as
`generate` balances them apart anyway) and measured on all their errors together, beside
the distance a sample of the pooled size drawn from the weights would show (the noise
floor) and each seed's own figure (how far one batch moves from the next):

    python bench/simple_mix.py [--seeds N] [--first-seed N] [--per-exercise N]
                               [--workers N] [--content DIR] [--keep DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script
    sys.path.insert(0, str(ROOT))

from debugex.changes import find_sites  # noqa: E402
from debugex.content.exercises import load_exercise  # noqa: E402
from debugex.engine.mix import SIMPLE_FUNCTIONS, SIMPLE_LINES, is_simple_script  # noqa: E402
from debugex.injectors import REGISTRY, ProgramIndex  # noqa: E402
from debugex.injectors.catalogue import family_of  # noqa: E402
from debugex.injectors.weights import shares  # noqa: E402
from debugex.workflow.generation import generate  # noqa: E402
from debugex.workflow.planning import DEFAULT_PER_EXERCISE, GenerateOptions  # noqa: E402


def simple_exercises(content: Path) -> dict[str, ProgramIndex]:
    """slug -> parsed program of every simple script in `content`."""
    found = {}
    for folder in sorted(p for p in content.iterdir() if (p / "correct.py").is_file()):
        exercise = load_exercise(folder)
        if is_simple_script(exercise.source):
            found[exercise.slug] = ProgramIndex(exercise.source, exercise.description)
    return found


def _tvd(p: dict[str, float], q: dict[str, float]) -> float:
    return 0.5 * sum(abs(p.get(k, 0.0) - q.get(k, 0.0)) for k in set(p) | set(q))


def _normalised(counts: dict[str, float]) -> dict[str, float]:
    total = sum(counts.values())
    return {k: v / total for k, v in counts.items() if v} if total else {}


def simple_mix(drafts: list[dict], content: Path, least: float = 0.005) -> dict:
    """The subset's mix against the weights of the injectors it offers, class by
    class."""
    programs = simple_exercises(content)
    offered = {edit.injector for program in programs.values() for edit in find_sites(program)}
    counts: Counter = Counter(error["edit"]["injector"] for draft in drafts
                              if draft["exercise"] in programs for error in draft["errors"])
    mix = _normalised(dict(counts))
    weights: dict[str, float] = {}
    for error_class in ("syntax", "runtime", "logical"):
        share = sum(s for i, s in mix.items() if REGISTRY[i].error_class == error_class)
        within = _normalised({i: w for i, w in shares().items()
                              if i in offered and REGISTRY[i].error_class == error_class})
        weights.update({i: share * w for i, w in within.items()})
    per_class = {}
    for error_class in ("syntax", "runtime", "logical"):
        mine = _normalised({i: n for i, n in counts.items()
                            if REGISTRY[i].error_class == error_class})
        theirs = _normalised({i: w for i, w in weights.items()
                              if REGISTRY[i].error_class == error_class})
        per_class[error_class] = round(_tvd(mine, theirs), 3)
    families: Counter = Counter()
    family_target: Counter = Counter()
    for injector, share in mix.items():
        families[family_of(REGISTRY[injector])] += share
    for injector, share in weights.items():
        family_target[family_of(REGISTRY[injector])] += share
    gaps = {i: round(100 * (mix.get(i, 0.0) - weights.get(i, 0.0)), 2)
            for i in set(mix) | set(weights)}
    logical = _normalised({i: n for i, n in counts.items()
                           if REGISTRY[i].error_class == "logical"})
    logical_weights = _normalised({i: w for i, w in weights.items()
                                   if REGISTRY[i].error_class == "logical"})
    return {
        "exercises": len(programs), "errors": sum(counts.values()),
        "offered_injectors": len(offered),
        "tvd_vs_weights": round(_tvd(mix, weights), 3),
        "tvd_within_class": per_class,
        "tvd_families": round(_tvd(dict(families), dict(family_target)), 3),
        "family_gaps": {f: round(100 * (families[f] - family_target[f]), 2)
                        for f in sorted(set(families) | set(family_target))},
        "sampling_floor": sampling_floor(weights, sum(counts.values())),
        "above": {i: g for i, g in sorted(gaps.items(), key=lambda kv: -kv[1])
                  if g >= 100 * least},
        "below": {i: g for i, g in sorted(gaps.items(), key=lambda kv: kv[1])
                  if g <= -100 * least},
        "logical_share": {i: (round(logical.get(i, 0.0), 4),
                              round(logical_weights.get(i, 0.0), 4))
                          for i in sorted(set(logical) | set(logical_weights),
                                          key=lambda i: -logical_weights.get(i, 0.0))},
    }


def sampling_floor(target: dict[str, float], size: int, draws: int = 40) -> dict[str, float]:
    """The distance a batch of `size` errors would show if every error were drawn at
    random from the target itself: the part of a measured distance that is the sample's
    size, not the mix (mean over `draws` samples, injectors and families)."""
    if not target or not size:
        return {"injectors": 0.0, "families": 0.0}
    rng = random.Random(0)
    names, shares_ = list(target), list(target.values())
    families = {i: family_of(REGISTRY[i]) for i in names}
    family_target: Counter = Counter()
    for injector, share in target.items():
        family_target[families[injector]] += share
    per_injector = per_family = 0.0
    for _ in range(draws):
        drawn = Counter(rng.choices(names, weights=shares_, k=size))
        per_injector += _tvd({i: n / size for i, n in drawn.items()}, target)
        grouped: Counter = Counter()
        for injector, n in drawn.items():
            grouped[families[injector]] += n / size
        per_family += _tvd(dict(grouped), dict(family_target))
    return {"injectors": round(per_injector / draws, 3),
            "families": round(per_family / draws, 3)}


def print_simple_mix(found: dict) -> None:
    print(f"simple scripts (at most {SIMPLE_FUNCTIONS} function, {SIMPLE_LINES} code lines): "
          f"{found['exercises']} exercises, {found['errors']} errors; total-variation "
          f"distance to the weights of the {found['offered_injectors']} injectors they "
          f"offer (class by class): {found['tvd_vs_weights']}; within class: "
          f"{found['tvd_within_class']}")
    floor = found["sampling_floor"]
    print(f"  by family: {found['tvd_families']}; a sample of {found['errors']} errors "
          f"drawn from the weights themselves is {floor['injectors']} away by injector and "
          f"{floor['families']} by family")
    print("  families, points above (+) or below (-) their share: " + ", ".join(
        f"{f} {g:+.2f}" for f, g in found["family_gaps"].items() if abs(g) >= 0.3))
    print("  above their share (points): " + ", ".join(
        f"{i} +{g:.2f}" for i, g in found["above"].items()))
    print("  below their share (points): " + ", ".join(
        f"{i} {g:.2f}" for i, g in found["below"].items()))
    print("  logical errors, share drawn / weight share: " + ", ".join(
        f"{i} {s:.1%}/{w:.1%}" for i, (s, w) in list(found["logical_share"].items())[:14]))


def simple_batches(content: Path, seeds: Sequence[int], per_exercise: int = DEFAULT_PER_EXERCISE,
                   workers: int | None = None, keep: Path | None = None,
                   progress: Callable[[str], None] | None = None) -> dict[int, list[dict]]:
    """seed -> the drafts of a default batch of the simple scripts of `content` alone
    (`keep`: the batches are left in that folder, else in a temporary one)."""
    slugs = sorted(simple_exercises(content))
    batches: dict[int, list[dict]] = {}
    if not slugs:  # generate would take every exercise of `content`
        return batches
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(keep) if keep is not None else Path(scratch)
        for seed in seeds:
            summary = generate(GenerateOptions(content=content, slugs=slugs, seed=seed,
                                               per_exercise=per_exercise, workers=workers,
                                               out=out))
            text = (summary.batch / "drafts.jsonl").read_text(encoding="utf-8")
            batches[seed] = [json.loads(line) for line in text.splitlines()]
            if progress is not None:
                progress(f"seed {seed}: {len(batches[seed])} drafts in "
                         f"{summary.seconds:.0f}s")
    return batches


def pooled_mix(batches: dict[int, list[dict]], content: Path) -> dict:
    """`simple_mix` over the drafts of every seed together (its `sampling_floor` at the
    pooled size), with each seed's own distances and the floor at one seed's size."""
    found = simple_mix([d for drafts in batches.values() for d in drafts], content)
    per_seed = {}
    for seed, drafts in batches.items():
        one = simple_mix(drafts, content)
        per_seed[seed] = {"errors": one["errors"], "tvd_vs_weights": one["tvd_vs_weights"],
                          "tvd_families": one["tvd_families"],
                          "sampling_floor": one["sampling_floor"]}
    found["seeds"] = per_seed
    return found


def print_seeds(found: dict) -> None:
    """The pooled figure's noise floor beside each seed's own figure."""
    seeds = found.get("seeds", {})
    if len(seeds) < 2:
        return
    floor = found["sampling_floor"]
    print(f"  {len(seeds)} seeds pooled, {found['errors']} errors: {found['tvd_vs_weights']} "
          f"by injector (noise floor {floor['injectors']}), {found['tvd_families']} by family "
          f"(noise floor {floor['families']}); one seed alone: " + ", ".join(
              f"{row['tvd_vs_weights']}/{row['tvd_families']}" for row in seeds.values())
          + " (floor for one seed about "
          f"{next(iter(seeds.values()))['sampling_floor']['injectors']}/"
          f"{next(iter(seeds.values()))['sampling_floor']['families']})")


def main() -> None:
    parser = argparse.ArgumentParser(description=(
        "The mix of errors on the simple scripts (at most one function and 15 code lines) "
        "against the weights file: default batches of them alone under several seeds, "
        "measured together, beside the distance a sample of the pooled size drawn from "
        "the weights themselves shows (the noise floor) and each seed's own figure."))
    parser.add_argument("--seeds", type=int, default=8,
                        help="batches to pool, one per seed (default 8)")
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--per-exercise", type=int, default=DEFAULT_PER_EXERCISE,
                        help=f"drafts per exercise (default {DEFAULT_PER_EXERCISE}, as "
                             "`debugex generate`)")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--keep", type=Path, default=None,
                        help="leave the batches in this folder (default: a temporary one)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.seeds < 1 or args.per_exercise < 1:
        parser.error("--seeds and --per-exercise must be at least 1")
    if not args.content.is_dir():
        parser.error(f"--content {args.content}: no such folder")
    if not simple_exercises(args.content):
        parser.error(f"--content {args.content}: no exercise with at most {SIMPLE_FUNCTIONS} "
                     f"function and {SIMPLE_LINES} code lines")
    batches = simple_batches(args.content, range(args.first_seed, args.first_seed + args.seeds),
                             args.per_exercise, args.workers, args.keep,
                             lambda line: print(line, file=sys.stderr, flush=True))
    found = pooled_mix(batches, args.content)
    if args.json:
        print(json.dumps(found, indent=2))
        return
    print_simple_mix(found)
    print_seeds(found)


if __name__ == "__main__":
    main()
