"""The mix of errors on simple scripts: the bundled exercises with at most one function
and at most 15 code lines (print-heavy programs with few computations, like most of the
teacher's), against the weights file.

A simple script offers only some injectors (no list grows in `print("Hello")`), so the
mix is compared with the weights of the injectors that have at least one candidate site
on some simple script. The classes' shares come from the requests, not from the
injectors, so, as the batch's own balance does (`engine.mix`), each class's errors on
the subset are shared out by the weights of its injectors: the target of an injector is
its class's share of the subset's errors times its weight over its class's offered
weights. Reported: the total-variation distance to that target overall and per class,
and the injectors drawn furthest above or below it (in points of all errors on the
subset), with the logical errors' shares. Used by `bench/realism.py`.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

from debugex.changes import find_sites
from debugex.content.exercises import load_exercise
from debugex.injectors import REGISTRY, ProgramIndex
from debugex.injectors.weights import shares

MAX_FUNCTIONS = 1
MAX_LINES = 15


def is_simple(source: str) -> bool:
    """At most one function and at most 15 code lines (blank lines and comments aside)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    functions = sum(isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
                    for n in ast.walk(tree))
    code = [line for line in source.splitlines()
            if line.strip() and not line.strip().startswith("#")]
    return functions <= MAX_FUNCTIONS and len(code) <= MAX_LINES


def simple_exercises(content: Path) -> dict[str, ProgramIndex]:
    """slug -> parsed program of every simple script in `content`."""
    found = {}
    for folder in sorted(p for p in content.iterdir() if (p / "correct.py").is_file()):
        exercise = load_exercise(folder)
        if is_simple(exercise.source):
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
        "above": {i: g for i, g in sorted(gaps.items(), key=lambda kv: -kv[1])
                  if g >= 100 * least},
        "below": {i: g for i, g in sorted(gaps.items(), key=lambda kv: kv[1])
                  if g <= -100 * least},
        "logical_share": {i: (round(logical.get(i, 0.0), 4),
                              round(logical_weights.get(i, 0.0), 4))
                          for i in sorted(set(logical) | set(logical_weights),
                                          key=lambda i: -logical_weights.get(i, 0.0))},
    }


def print_simple_mix(found: dict) -> None:
    print(f"simple scripts (at most {MAX_FUNCTIONS} function, {MAX_LINES} code lines): "
          f"{found['exercises']} exercises, {found['errors']} errors; total-variation "
          f"distance to the weights of the {found['offered_injectors']} injectors they "
          f"offer (class by class): {found['tvd_vs_weights']}; within class: "
          f"{found['tvd_within_class']}")
    print("  above their share (points): " + ", ".join(
        f"{i} +{g:.2f}" for i, g in found["above"].items()))
    print("  below their share (points): " + ", ".join(
        f"{i} {g:.2f}" for i, g in found["below"].items()))
    print("  logical errors, share drawn / weight share: " + ", ".join(
        f"{i} {s:.1%}/{w:.1%}" for i, (s, w) in list(found["logical_share"].items())[:14]))
