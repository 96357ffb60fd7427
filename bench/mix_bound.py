"""The closest a default batch's injector mix can come to the weights file while every
error is a fresh edit (the reuse rule: an edit no other draft of the exercise used), and
while each edit may serve two drafts (`compose.MAX_USES`).

A linear program over the batch's exercises: each exercise's planned errors (as many as
its drafts ask, up to what its distinct edits can give; the split between classes is
free) are shared out among the injectors that offer edits in it, each injector getting at
most its distinct edits there (or twice that), so as to minimise the total-variation
distance to `injectors/weights.toml`. It ignores the rules inside one draft (new line,
statement, injector, block, no overlap), so the real distance can only be larger: a
bound, not a forecast. Needs scipy (not a dependency of debugex: `pip install scipy`).

    python bench/mix_bound.py [--per-exercise N] [--seed N] [--content DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from debugex.content import exercise_folders  # noqa: E402
from debugex.engine import edit_signature  # noqa: E402
from debugex.injectors.weights import shares  # noqa: E402
from debugex.workflow.balancing import exercise_sites  # noqa: E402
from debugex.workflow.planning import GenerateOptions, plan  # noqa: E402


def bound(found: list, asked: dict[str, int], uses: int) -> float:
    """The least total-variation distance; `found` is exercise_sites' output per exercise,
    `asked` the errors each exercise's drafts ask in all."""
    import numpy as np
    from scipy.optimize import linprog
    from scipy.sparse import lil_matrix

    weights = shares()
    cells = []  # (exercise, injector, most errors)
    room = []
    for number, (slug, _source, edits) in enumerate(found):
        distinct: dict[str, set] = {}
        for class_edits in edits.values():
            for e in class_edits:
                if weights.get(e.injector, 0) > 0:
                    distinct.setdefault(e.injector, set()).add(edit_signature(e))
        offered = {i: uses * len(s) for i, s in distinct.items()}
        room.append(min(asked.get(slug, 0), sum(offered.values())))
        cells += [(number, i, n) for i, n in offered.items()]
    injectors = sorted(weights)
    total = sum(room)
    n, m = len(cells), len(injectors)
    cost = np.concatenate([np.zeros(n), np.ones(m)])  # minimise the sum of |gaps|
    equal = lil_matrix((len(found), n + m))
    for k, (number, _i, _n) in enumerate(cells):
        equal[number, k] = 1
    gaps = lil_matrix((2 * m, n + m))
    limits = np.zeros(2 * m)
    column = {i: j for j, i in enumerate(injectors)}
    for k, (_number, injector, _n) in enumerate(cells):
        j = column[injector]
        gaps[2 * j, k], gaps[2 * j + 1, k] = 1, -1
    for j, injector in enumerate(injectors):
        gaps[2 * j, n + j] = gaps[2 * j + 1, n + j] = -1
        limits[2 * j], limits[2 * j + 1] = weights[injector] * total, -weights[injector] * total
    result = linprog(cost, A_ub=gaps.tocsr(), b_ub=limits, A_eq=equal.tocsr(), b_eq=room,
                     bounds=[(0, c[2]) for c in cells] + [(0, None)] * m, method="highs")
    if result.status != 0:
        raise RuntimeError(result.message)
    return result.fun / 2 / total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-exercise", type=int, default=8)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    args = parser.parse_args()
    try:
        import scipy  # noqa: F401
    except ImportError:
        parser.error("needs scipy: pip install scipy")
    folders = exercise_folders(args.content)
    units = plan([f.name for f in folders],
                 GenerateOptions(content=args.content, per_exercise=args.per_exercise,
                                 seed=args.seed))
    asked: dict[str, int] = {}
    for unit in units:
        asked[unit.slug] = asked.get(unit.slug, 0) + unit.request.total
    found = [exercise_sites(str(f)) for f in folders]
    found = [f for f in found if f[1]]
    for uses, rule in ((1, "every error a fresh edit"), (2, "an edit in up to two drafts")):
        print(f"least distance, {rule}: {bound(found, asked, uses):.3f}")


if __name__ == "__main__":
    main()
