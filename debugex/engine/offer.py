"""Which of an exercise's candidate sites are worth proving.

The injectors propose every site their mistake fits (`site_cache.py`); some can never be
proven as what they claim, whatever is run: a runtime or logical edit in code no scenario
runs (`reach.py`), a logical edit in a program that shows nothing (no output, no value,
no expected exception: nothing a wrong value could change), a variable swapped for one
whose values never share a type with it where the type matters (`mistyped.py`), an
edited expression that never gives another value on the scenarios, or a logical edit whose
expression can only raise (`infection.py`, with a sandbox). Those are not offered; what is
offered is still proven, one by one (`verify.py`).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..injectors import LOGICAL, Edit
from ..sandbox import FINISHED, Sandbox
from .infection import infection
from .mistyped import mistyped_edits
from .reach import reached_edits
from .verify import Prepared


def shows_nothing(prepared: Prepared) -> bool:
    """No scenario shows a value a logical error could change: every run of the correct
    program finished silently, returned nothing and expected no exception."""
    return bool(prepared.oracle) and all(
        o.kind == FINISHED and not o.stdout.strip() and not o.returns and s.raises is None
        for s, o in zip(prepared.scenarios, prepared.oracle, strict=True))


def offered_edits(edits: Sequence[Edit], prepared: Prepared, sandbox: Sandbox | None = None
                  ) -> tuple[list[Edit], dict[str, list[Edit]]]:
    """(the edits worth proving, the others by reason: "unreached", "silent",
    "mistyped", and with a sandbox to run the probes in "equivalent", "raises")."""
    source = prepared.exercise.source
    kept, unreached = reached_edits(edits, source, prepared.scenarios, prepared.lines_run)
    silent: list[Edit] = []
    if shows_nothing(prepared):
        silent = [e for e in kept if e.error_class == LOGICAL]
        kept = [e for e in kept if e.error_class != LOGICAL]
    kept, mistyped = mistyped_edits(kept, source, prepared.typed)
    dropped = {"unreached": unreached, "silent": silent, "mistyped": mistyped,
               "equivalent": [], "raises": []}
    if sandbox is not None:
        decided = infection(kept, prepared, sandbox)
        for edit in kept:
            if edit in decided:
                dropped[decided[edit]].append(edit)
        kept = [e for e in kept if e not in decided]
    return kept, dropped
