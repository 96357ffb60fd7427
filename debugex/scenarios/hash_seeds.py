"""Output that depends on the hash seed (the order of a set of strings, of a dict built
from one), found by running the same jobs under other seeds.

The sandbox pins `PYTHONHASHSEED` to 0, so such a program prints the same thing every run
there; CodeRunner's Jobe server, a Jupyter kernel and a student's `python` pick a random
seed per process, so an expected output written from the sandbox would be false there.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..sandbox import Job, Outcome, Sandbox
from .values import read_value, same_value

HASH_SEEDS = (1, 2)  # besides the sandbox's own 0; two orders of four strings rarely agree
ELSEWHERE = ("CodeRunner, Jupyter and a student's Python pick a random seed for each run, "
             "so no one expected output holds there")


def runs_under_hash_seeds(jobs: Sequence[Job], workers: int = 1,
                          seeds: Sequence[int] = HASH_SEEDS) -> dict[int, list[Outcome]]:
    """The outcomes of `jobs` under each of `seeds` (one short-lived sandbox per seed)."""
    found: dict[int, list[Outcome]] = {}
    for seed in seeds:
        with Sandbox(workers=workers, hash_seed=seed) as sandbox:
            found[seed] = sandbox.run_many(list(jobs))
    return found


def hash_seed_change(base: Outcome, others: dict[int, Outcome]) -> tuple[int, Outcome] | None:
    """The first seed whose run printed or returned something else than `base`, with it."""
    for seed, other in others.items():
        if (other.kind, other.stdout, other.returns) != (base.kind, base.stdout, base.returns):
            return seed, other
    return None


def order_only(base: Outcome, others: dict[int, Outcome]) -> bool:
    """Whether every other seed changed only the order of returned lists, tuples or sets
    (the same ending, the same printed output, the same items): what a scenario with
    `unordered = true` compares in any order, and the exports ask for sorted."""
    return all(other.kind == base.kind and other.stdout == base.stdout
               and len(other.returns) == len(base.returns)
               and all(want == got or (isinstance(read_value(want), list | tuple | set)
                                       and same_value(want, got, unordered=True))
                       for want, got in zip(base.returns, other.returns, strict=True))
               for other in others.values())
