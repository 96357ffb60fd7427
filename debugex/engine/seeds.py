"""Random programs told honestly (docs/locations.md, "Random programs").

The sandbox seeds `random` the same way on every run (`Job.seed`), so a program that
imports `random` always rolls the same numbers there, and a student running it rolls
others. An error of such a program is kept only when its class shows under every one of
`SEEDS` seeds; what it was seen to print (the quoted line, the returned value, Python's
message) is kept only when it is the same under every seed, else the text describes the
effect without the numbers of one roll.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Sequence
from functools import lru_cache

from ..injectors import SYNTAX
from ..sandbox import Job, Sandbox
from .verify import REJECTED, Prepared, Verdict, judge

SEEDS = 5  # the sandbox's own seed and four more
# A quoted output of the correct program must be the same under this many seeds: a roll
# that shows it one time in ten passes 5 seeds more than half the time, never 32.
QUOTE_SEEDS = 32
RARE = 8  # at most this many of them change the output: beyond, the SEEDS met the roll
DEFAULT_SEED: int = Job._field_defaults["seed"]
SEED_DEPENDENT = "seed_dependent"  # a rejection: the class changes with the roll
# The parts of a verdict a text quotes: kept only when every seed agrees on them.
_QUOTED = ("scenario", "difference", "call", "expected", "actual", "exc_class", "message",
           "reported_line")


@lru_cache(maxsize=256)
def uses_random(source: str) -> bool:
    """Whether the program imports `random` (or a name from it)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return "random" in source
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "random"
                                                for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "random":
            return True
    return False


def other_seeds() -> list[int]:
    return [DEFAULT_SEED + k for k in range(1, SEEDS)]


def _jobs(prepared: Prepared, source: str, seed: int, timeout: float | None) -> list[Job]:
    return [Job(source, s.stdin, timeout=timeout or prepared.timeout, seed=seed,
                calls=s.calls) for s in prepared.scenarios]


def under_seeds(prepared: Prepared, sources: Sequence[str], verdicts: Sequence[Verdict],
                sandbox: Sandbox) -> list[Verdict]:
    """The verdicts of changed programs of a random program, judged again under the
    other seeds: a runtime or logical verdict whose class differs under one of them is
    rejected (`seed_dependent`); one whose observation differs keeps its class and loses
    the seed-bound details. Other programs' verdicts are returned unchanged."""
    if not prepared.scenarios or not uses_random(prepared.exercise.source):
        return list(verdicts)
    checked = [i for i, v in enumerate(verdicts) if v.verified and v.status != SYNTAX]
    if not checked:
        return list(verdicts)
    # Judged before (a draft's whole program, met again by a later run): read back.
    log = prepared.under_seeds
    keys = {i: json.dumps([sources[i], verdicts[i].to_dict()]) for i in checked}
    known = {i: log.get(keys[i]) for i in checked}
    if all(v is not None for v in known.values()):
        return [Verdict.from_dict(known[i]) if i in known else v
                for i, v in enumerate(verdicts)]
    seeds, count = other_seeds(), len(prepared.scenarios)
    jobs: list[Job] = []
    for seed in seeds:
        jobs += _jobs(prepared, prepared.exercise.source, seed, 2.0)
        for i in checked:
            jobs += _jobs(prepared, sources[i], seed, None)
    outcomes = sandbox.run_many(jobs)
    result = list(verdicts)
    per_seed = count * (1 + len(checked))
    for k in range(len(seeds)):
        block = outcomes[k * per_seed:(k + 1) * per_seed]
        oracle = block[:count]
        for n, i in enumerate(checked):
            if result[i].status == REJECTED:
                continue
            mine = block[count * (n + 1):count * (n + 2)]
            again = judge(oracle, mine, prepared.scenarios)
            if again.status != verdicts[i].status:
                result[i] = Verdict(REJECTED, reason=SEED_DEPENDENT, message=(
                    f"a {verdicts[i].status} error under one seed, {again.status} under "
                    f"seed {seeds[k]}"))
            elif any(getattr(again, f) != getattr(verdicts[i], f) for f in _QUOTED):
                result[i] = _unquoted(result[i], again)
    quoted = [i for i in checked if result[i].status != REJECTED
              and any(getattr(result[i], f) is not None for f in ("difference", "expected",
                                                                   "actual"))]
    if quoted:
        _rare_rolls(prepared, sources, result, quoted, sandbox)
    log.put_many([(keys[i], result[i].to_dict()) for i in checked])
    return result


def _rare_rolls(prepared: Prepared, sources: Sequence[str], result: list[Verdict],
                quoted: list[int], sandbox: Sandbox) -> None:
    """Quotes checked again under the seeds, among QUOTE_SEEDS, whose roll changes what
    the correct program prints on a quoted scenario. A roll that changes it often was met
    among the SEEDS already; a rare one (`randint(1, 10) == 10`) is found here and judged
    directly: a quote it contradicts is dropped, one it leaves alone is kept."""
    count = len(prepared.scenarios)
    extra = [DEFAULT_SEED + k for k in range(SEEDS, QUOTE_SEEDS)]
    outcomes = _extra_oracle(prepared, extra, sandbox)
    base = prepared.oracle
    names = {i: result[i].scenario for i in quoted}
    differing = [k for k in range(len(extra)) if any(
        _shown(a) != _shown(b) and s.name in names.values() for s, a, b in zip(
            prepared.scenarios, base, outcomes[k * count:(k + 1) * count], strict=True))]
    if not differing or len(differing) > RARE:
        return
    jobs = [job for k in differing for i in quoted
            for job in _jobs(prepared, sources[i], extra[k], None)]
    runs = sandbox.run_many(jobs)
    for n, k in enumerate(differing):
        oracle = outcomes[k * count:(k + 1) * count]
        for m, i in enumerate(quoted):
            at = (n * len(quoted) + m) * count
            again = judge(oracle, runs[at:at + count], prepared.scenarios)
            if again.status != result[i].status or any(
                    getattr(again, f) != getattr(result[i], f) for f in _QUOTED):
                result[i] = _unquoted(result[i], again)


# The correct program under the extra seeds, per program and scenarios: every draft of
# a random exercise asks for it, and it never changes.
_EXTRA_ORACLES: dict[tuple, list] = {}


def _extra_oracle(prepared: Prepared, seeds: list[int], sandbox: Sandbox) -> list:
    key = (prepared.exercise.source, prepared.scenarios, tuple(seeds))
    if key not in _EXTRA_ORACLES:
        if len(_EXTRA_ORACLES) >= 256:
            _EXTRA_ORACLES.clear()  # a bound, not a policy: rebuilt on demand
        _EXTRA_ORACLES[key] = sandbox.run_many([job for seed in seeds for job in _jobs(
            prepared, prepared.exercise.source, seed, 2.0)])
    return _EXTRA_ORACLES[key]


def _shown(outcome) -> tuple:
    return outcome.kind, outcome.stdout, outcome.returns


def _unquoted(verdict: Verdict, other: Verdict) -> Verdict:
    """The verdict with only what both seeds agree on (the class always)."""
    keep = {f: getattr(verdict, f) if getattr(verdict, f) == getattr(other, f) else None
            for f in _QUOTED}
    keep["message"] = keep["message"] or ""
    if keep["difference"] is None and verdict.status != REJECTED:
        keep.update(call=None, expected=None, actual=None)
    return Verdict(verdict.status, reason=verdict.reason, **keep)
