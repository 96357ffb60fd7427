"""Which of an exercise's candidate sites are worth proving.

The injectors propose every site their mistake fits (`site_cache.py`); some can never be
proven as what they claim, whatever is run: a runtime or logical edit in code no scenario
runs (`reach.py`), a logical edit in a program that shows nothing (no output, no value,
no expected exception: nothing a wrong value could change), a variable swapped for one
whose values never share a type with it where the type matters (`mistyped.py`), an
edited expression that never gives another value on the scenarios, a logical edit whose
expression can only raise, or, in a program that prints nothing, a `//` for `/` that
never leaves a fraction to lose or keep (`infection.py`, with a sandbox). Those are not offered; what is
offered is still proven, one by one (`verify.py`).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..injectors import LOGICAL, Edit
from ..sandbox import FINISHED, Sandbox
from .infection import infection
from .mistyped import mistyped_edits
from .prompts_only import prompt_spans, prompts_only
from .reach import reached_edits
from .verify import Prepared


def shows_nothing(prepared: Prepared) -> bool:
    """No scenario shows a value a logical error could change: every run of the correct
    program finished, returned nothing and expected no exception, and wrote nothing or
    only its fixed prompts (`prompts_only.py`)."""
    fixed = None  # parsed only when some run wrote something
    for s, o in zip(prepared.scenarios, prepared.oracle, strict=True):
        if o.kind != FINISHED or o.returns or s.raises is not None:
            return False
        if o.stdout.strip():
            if fixed is None:
                fixed = prompts_only(prepared.exercise.source)
            if not fixed:
                return False
    return bool(prepared.oracle)


def offered_edits(edits: Sequence[Edit], prepared: Prepared, sandbox: Sandbox | None = None
                  ) -> tuple[list[Edit], dict[str, list[Edit]]]:
    """(the edits worth proving, the others by reason: "unreached", "silent",
    "mistyped", and with a sandbox to run the probes in "equivalent", "raises",
    "type_only")."""
    source = prepared.exercise.source
    kept, unreached = reached_edits(edits, source, prepared.scenarios, prepared.lines_run)
    silent: list[Edit] = []
    if shows_nothing(prepared):
        # a prompt's own text is shown: an edit of it is not silent
        prompts = prompt_spans(source)
        silent = [e for e in kept if e.error_class == LOGICAL and not any(
            start < e.end and e.start < end for start, end in prompts)]
        gone = {id(e) for e in silent}
        kept = [e for e in kept if id(e) not in gone]
    kept, mistyped = mistyped_edits(kept, source, prepared.typed)
    dropped = {"unreached": unreached, "silent": silent, "mistyped": mistyped,
               "equivalent": [], "raises": [], "type_only": []}
    if sandbox is not None:
        decided = infection(kept, prepared, sandbox)
        for edit in kept:
            if edit in decided:
                dropped[decided[edit]].append(edit)
        kept = [e for e in kept if e not in decided]
    return kept, dropped
