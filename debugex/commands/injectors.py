"""`debugex injectors`: the catalogue, and with --survey its proof over a library."""

from __future__ import annotations

from pathlib import Path

import click

from ..content import Exercise
from ..engine import THRESHOLD, survey
from ..injectors import all_injectors, injector_weights, shares, weight_source
from ..sandbox import Sandbox
from ..scenarios import load_for_check
from .common import print_json, progress_bar, table
from .options import resolve_content


def from_options(do_survey: bool, content: Path | None, as_json: bool, workers: int | None,
                 quiet: bool) -> int:
    """`debugex injectors` as parsed: the catalogue, or with --survey the survey."""
    if do_survey:
        return run_survey(resolve_content(content), as_json, workers, quiet)
    return catalogue(as_json)


def catalogue(as_json: bool) -> int:
    injectors = all_injectors()
    weights = injector_weights()
    shares_ = shares(weights)
    if as_json:
        print_json([{
            "id": i.id, "error_class": i.error_class, "description": i.description(),
            "example": ({"before": i.examples[0].before, "after": i.examples[0].after}
                        if i.examples else None),
            "why": i.why,
            "weight": weights[i.id], "share": round(shares_[i.id], 4),
            "weight_source": weight_source(i.id),
        } for i in injectors])
        return 0
    for i in injectors:
        click.echo(f"{i.id}  [{i.error_class}]  weight {weights[i.id]:g}  {i.description()}")
        if i.examples:
            before, after = _changed_line(i.examples[0].before, i.examples[0].after)
            click.echo(f"    before: {before}\n    after:  {after}")
    counts = {c: sum(i.error_class == c for i in injectors)
              for c in ("syntax", "runtime", "logical")}
    click.echo(f"\n{len(injectors)} injectors: " +
               ", ".join(f"{n} {c}" for c, n in counts.items()))
    return 0


def _changed_line(before: str, after: str) -> tuple[str, str]:
    old, new = before.splitlines(), after.splitlines()
    for a, b in zip(old, new, strict=False):
        if a != b:
            return a.strip(), b.strip()
    return (old[-1].strip() if old else ""), (new[-1].strip() if new else "")


def run_survey(content: Path, as_json: bool, workers: int | None, quiet: bool = False) -> int:
    exercises = [e for e in load_for_check(content, []) if isinstance(e, Exercise)]
    with Sandbox(workers=workers) as sandbox:
        with progress_bar(len(exercises), "exercises", enabled=not (as_json or quiet)) as update:
            result = survey(exercises, sandbox, progress=update)
    rows = result.injectors
    failing = [r for r in rows if not r.passes]
    if as_json:
        print_json({"injectors": [r.to_dict() for r in rows], "exercises": result.exercises,
                    "skipped": result.skipped, "threshold": THRESHOLD,
                    "failing": [r.injector for r in failing]})
    elif quiet:
        _summary(result, rows)
    else:
        click.echo(table(
            ("injector", "class", "offered", "verified", "rate", "other class",
             "rejected", "exercises", "unreadable", "implausible", "not offered"),
            [(r.injector, r.error_class, r.offered, r.verified, r.rate,
              _counts(r.other_class), _counts(r.rejected),
              f"{r.exercises_verified}/{result.exercises}", r.unreadable, r.implausible,
              _counts(r.unoffered))
             for r in rows]))
        click.echo("unreadable: candidates not offered because a diff of the two programs "
                   "would not read them as one change on their line; implausible: candidates "
                   "the plausibility filters refused (see docs/novice-mistakes.md); "
                   "not offered: candidates no scenario could show as their class: unreached (in "
                   "code the correct program never runs), silent (a logical edit where the "
                   "program shows nothing), mistyped (a variable swapped for one whose values "
                   "never share a type with it where the type matters), equivalent (an edited "
                   "expression that gave the original's value every time the probe run of the "
                   "correct program evaluated it), raises (a logical edit whose expression could "
                   "only raise there), type_only (in a program that prints nothing, a `//` "
                   "for `/` or back whose value was the same number of the other type every "
                   "time: no fraction lost or kept)")
        click.echo()
        _summary(result, rows)
    return 1 if failing else 0


def _summary(result, rows) -> None:
    total = sum(r.offered for r in rows)
    good = sum(r.verified for r in rows)
    click.echo(f"{total} sites over {result.exercises} exercises, {good} verified as "
               f"claimed ({good / total:.1%})" if total else "no sites")
    for line in result.skipped:
        click.echo(f"skipped {line}")
    for r in rows:
        if not r.passes:
            click.echo(f"BELOW {THRESHOLD:.0%}: {r.injector} ({r.rate:.1%} of {r.offered})")


def _counts(counter) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counter.items())) or "-"
