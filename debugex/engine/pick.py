"""Pick edits for one class of a request: spread out, never overlapping, drawn by weight.

Among the verified edits of a class, a pick prefers a new line, an edit no other draft
used, an edit that is not a changed output text, then a new statement, injector and
block (`Place.key`); among equally good edits,
injectors are drawn by their weight in the default mix, however many sites each offers.
`compose` calls `pick` once per class, in `PICK_ORDER`, for every selection it tries.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from ..injectors import LOGICAL, RUNTIME, SYNTAX, Edit, form_weights, injector_weights
from .density import Layout

__all__ = ["PICK_ORDER", "Place", "Pool", "edit_signature", "pick"]

# The order in which a draft's classes take their lines. A logical error fits only where
# a program computes or decides something, a syntax error almost anywhere: picked first,
# the logical errors get the sites their weights ask for, before the syntax and runtime
# errors have taken those lines, statements and blocks (picked syntax first, a batch's
# logical mix came out twice as far from the weights file, filled with changed texts).
PICK_ORDER = (LOGICAL, RUNTIME, SYNTAX)


# Changed output text: a rare teacher choice for a logical error (0.3% of the teacher's
# errors), yet on print-heavy scripts with few computations the one logical site on most
# lines. Among fresh edits on new lines, a logical error takes a changed comparison,
# constant, range or conversion before a changed output text (issue 37).
OUTPUT_TEXT = frozenset({"changed_output_text", "swapped_outputs"})


def edit_signature(edit: Edit) -> tuple[int, int, str]:
    """One edit of one exercise: same span, same replacement."""
    return (edit.start, edit.end, edit.replacement)


@dataclass
class Place:
    """Where candidate edits sit, and what a selection already holds."""

    layout: Layout
    used: Mapping[tuple, int]
    same_line_ok: bool
    # id(edit) -> (edit, line, used before, statement, injector, block): what `key` reads
    # of an edit, looked up once per edit (the edit itself guards against a reused id).
    _facts: dict = field(default_factory=dict, repr=False)

    def key(self, edit: Edit, taken: Sequence[Edit]) -> tuple:
        """Lower is better: a new line, a fresh edit, not a changed output text, a new
        statement, a new injector, a new block (in that order of weight)."""
        line = edit.line
        return (any(t.line == line for t in taken),
                self.used.get(edit_signature(edit), 0) > 0,
                edit.injector in OUTPUT_TEXT,
                sum(self.layout.statement(t.line) == self.layout.statement(line) for t in taken),
                any(t.injector == edit.injector for t in taken),
                sum(self.layout.block(t.line) == self.layout.block(line) for t in taken))

    def _fact(self, edit: Edit) -> tuple:
        found = self._facts.get(id(edit))
        if found is None or found[0] is not edit:
            line = edit.line
            found = self._facts[id(edit)] = (
                edit, line, self.used.get(edit_signature(edit), 0) > 0,
                self.layout.statement(line), edit.injector, self.layout.block(line))
        return found

    def keyer(self, taken: Sequence[Edit]) -> Callable[[Edit], tuple]:
        """`key(edit, taken)` for many edits against one `taken`: what `taken` holds is
        counted once, not once per edit (the same tuples, much faster)."""
        facts = [self._fact(t) for t in taken]
        lines = {f[1] for f in facts}
        statements = Counter(f[3] for f in facts)
        injectors = {f[4] for f in facts}
        blocks = Counter(f[5] for f in facts)
        fact = self._fact

        def key(edit: Edit) -> tuple:
            _, line, used, statement, injector, block = fact(edit)
            return (line in lines, used, injector in OUTPUT_TEXT, statements[statement],
                    injector in injectors, blocks[block])
        return key

    def allowed(self, edit: Edit, taken: Sequence[Edit]) -> bool:
        """No overlap with any taken edit (Edit.overlaps, spelled out: this runs for every
        candidate of every draw), and a line of its own unless lines may be shared."""
        start, end, line, alone = edit.start, edit.end, edit.line, not self.same_line_ok
        for t in taken:
            if start < t.end and t.start < end:
                return False
            if start == t.start and (start == end or t.start == t.end):
                return False  # an insertion where the other starts
            if alone and t.line == line:
                return False
        return True


@dataclass
class Pool:
    """Candidate edits of one class with what every draw among them reuses: each edit's
    exponent in the weighted order (see `pick`) and the pool packed by span end."""

    edits: list[Edit]
    exponents: list[float]
    by_end: list[Edit]

    @classmethod
    def of(cls, edits: list[Edit], weights: Mapping[str, float]) -> Pool:
        return cls(edits, site_exponents(edits, weights),
                   sorted(edits, key=lambda e: (e.end, e.start)))


def site_weights(edits: Sequence[Edit], weights: Mapping[str, float]) -> list[float]:
    """Each edit's part of its injector's weight (the inverse of its exponent)."""
    return [1 / x for x in site_exponents(edits, weights)]


def site_exponents(edits: Sequence[Edit], weights: Mapping[str, float]) -> list[float]:
    """Each edit's exponent in the weighted order: 1 / its part of its injector's weight.
    The weight is shared among the forms the injector's edits show, by the forms'
    weights in the weights file (`form_weights`), then among the edits of each form; an
    injector whose forms are not weighed apart shares its weight equally among its edits
    (exponent: its number of edits over its weight)."""
    forms_of = [_form(e) for e in edits]
    per_injector = Counter(e.injector for e in edits)
    per_form = Counter(zip((e.injector for e in edits), forms_of, strict=True))
    present: dict[str, set[str]] = {}
    for injector, form in per_form:
        present.setdefault(injector, set()).add(form)
    # per injector, read once: its weight, its forms' table and their sum (a pool
    # holds many edits of few injectors; the same figures, in the same order)
    tables: dict[str, tuple[float, dict[str, float] | None, float]] = {}
    for injector, forms in present.items():
        table = form_weights(injector)
        weighed = bool(table) and all(f in table for f in forms)
        tables[injector] = (max(weights.get(injector, 0), 1e-6), table if weighed else None,
                            sum(table[f] for f in forms) if weighed else 0.0)
    found = []
    for edit, form in zip(edits, forms_of, strict=True):
        weight, table, total = tables[edit.injector]
        if table is not None:
            share = table[form] / total
            found.append(per_form[(edit.injector, form)] / (weight * share))
        else:  # no table (or a form it does not weigh): every edit alike
            found.append(per_injector[edit.injector] / weight)
    return found


def _form(edit: Edit) -> str:
    return dict(edit.details).get("form", "")


def pick(rng: random.Random, pool: list[Edit] | Pool, count: int, chosen: list[Edit],
          place: Place) -> list[Edit]:
    """`count` edits from pool, spread out (see Place.key), never overlapping. Among
    equally good places, injectors are drawn by their weight in the default mix
    (`injectors/weights.toml`), however many sites each offers: each site gets a random key
    u ** (1 / w), with w its injector's weight shared among that injector's sites, by
    the weights of its forms where the file weighs them (`site_weights`; weighted order
    without replacement)."""
    if not isinstance(pool, Pool):
        pool = Pool.of(pool, injector_weights())
    picked: list[Edit] = []
    random_ = rng.random
    keys = [random_() ** x for x in pool.exponents]
    edits = pool.edits
    candidates = [edits[i] for i in sorted(range(len(keys)), key=lambda i: -keys[i])]
    # What is allowed next to a selection is allowed next to each of its edits, so the
    # usable candidates only shrink: filtered against each new pick, in the same order.
    usable = [e for e in candidates if place.allowed(e, chosen)] if chosen else candidates
    for _ in range(count):
        if not usable:
            break
        best = min(usable, key=place.keyer(chosen + picked))
        picked.append(best)
        usable = [e for e in usable if e is not best and place.allowed(e, (best,))]
    if len(picked) < count:
        # Preferences left gaps: fall back to packing by span end (interval scheduling).
        picked = []
        for edit in pool.by_end:
            if len(picked) == count:
                break
            if place.allowed(edit, chosen + picked):
                picked.append(edit)
    return picked
