"""The proof of the catalogue: every injector over every exercise, each site verified.

For each injector: sites offered, sites that verify as its own class, sites that turn
out to be another class, and rejections by reason. An injector whose sites verify as
its class less than 80% of the time must filter its sites better.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..changes import find_sites
from ..content import Exercise
from ..injectors import Edit, Injector, all_injectors
from ..sandbox import Sandbox
from .offer import offered_edits
from .prepared_cache import prepared_for
from .site_cache import found_sites
from .verify import REJECTED, CorrectProgramError, Verdict, verify_edits

THRESHOLD = 0.8


@dataclass
class InjectorSurvey:
    injector: str
    error_class: str
    offered: int = 0
    verified: int = 0  # verified as the injector's own class
    other_class: Counter = field(default_factory=Counter)
    rejected: Counter = field(default_factory=Counter)
    exercises_with_sites: int = 0
    exercises_verified: int = 0
    unreadable: int = 0  # candidates dropped: a diff would not read them as one change
    implausible: int = 0  # candidates dropped by the plausibility filters
    # candidates never offered, by reason (offer.py): unreached, silent, mistyped
    unoffered: dict[str, int] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.verified / self.offered if self.offered else 0.0

    @property
    def passes(self) -> bool:
        return self.offered > 0 and self.rate >= THRESHOLD

    def to_dict(self) -> dict:
        return {"id": self.injector, "error_class": self.error_class, "offered": self.offered,
                "verified": self.verified, "rate": round(self.rate, 4),
                "other_class": dict(self.other_class), "rejected": dict(self.rejected),
                "exercises_with_sites": self.exercises_with_sites,
                "exercises_verified": self.exercises_verified,
                "unreadable_dropped": self.unreadable,
                "implausible_dropped": self.implausible,
                "unoffered": dict(self.unoffered), "passes": self.passes}


@dataclass
class SurveyResult:
    injectors: list[InjectorSurvey]
    exercises: int
    skipped: list[str]  # exercises whose correct program fails


def survey(exercises: Sequence[Exercise], sandbox: Sandbox,
           injectors: Sequence[Injector] | None = None,
           progress: Callable[[int], None] | None = None) -> SurveyResult:
    chosen = list(injectors) if injectors is not None else all_injectors()
    owners: list[tuple[str, Edit]] = []
    verdicts: list[Verdict] = []
    skipped = []
    unreadable: Counter = Counter()
    implausible: Counter = Counter()
    unoffered: dict[str, Counter] = defaultdict(Counter)
    registered = {i.id for i in chosen} <= {i.id for i in all_injectors()}
    for exercise in exercises:
        try:
            prepared = prepared_for(exercise, sandbox)
        except (CorrectProgramError, SyntaxError, ValueError) as exc:
            skipped.append(f"{exercise.slug}: {exc}")
            continue
        if registered:  # the registry's sites are kept (site_cache.py)
            found = found_sites(exercise.source, exercise.description)
            edits = found.of(chosen)
            for injector in chosen:
                unreadable[injector.id] += found.unreadable[injector.id]
                implausible[injector.id] += found.implausible[injector.id]
        else:
            edits = find_sites(prepared.program, chosen, unreadable, implausible)
        # what could never be proven as it claims is not offered (offer.py)
        edits, dropped = offered_edits(edits, prepared, sandbox)
        for reason, gone in dropped.items():
            unoffered[reason].update(e.injector for e in gone)
        verdicts += verify_edits(prepared, edits, sandbox)
        owners += [(exercise.slug, edit) for edit in edits]
        if progress is not None:
            progress(1)
    rows = tally(chosen, owners, verdicts)
    for row in rows:
        row.unreadable = unreadable[row.injector]
        row.implausible = implausible[row.injector]
        row.unoffered = {r: c[row.injector] for r, c in unoffered.items() if c[row.injector]}
    return SurveyResult(rows, len(exercises), skipped)


def tally(injectors: Sequence[Injector], owners: Sequence[tuple[str, Edit]],
          verdicts: Sequence[Verdict]) -> list[InjectorSurvey]:
    rows = {i.id: InjectorSurvey(i.id, i.error_class) for i in injectors}
    seen: dict[str, set[str]] = {i.id: set() for i in injectors}
    good: dict[str, set[str]] = {i.id: set() for i in injectors}
    for (slug, edit), verdict in zip(owners, verdicts, strict=True):
        row = rows[edit.injector]
        row.offered += 1
        seen[edit.injector].add(slug)
        if verdict.status == edit.error_class:
            row.verified += 1
            good[edit.injector].add(slug)
        elif verdict.status == REJECTED:
            row.rejected[verdict.reason] += 1
        else:
            row.other_class[verdict.status] += 1
    for injector_id, row in rows.items():
        row.exercises_with_sites = len(seen[injector_id])
        row.exercises_verified = len(good[injector_id])
    return list(rows.values())
