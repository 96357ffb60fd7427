"""The injectors' candidate edits that a student could have made and that a diff of the
programs reads as exactly one change on its line."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..injectors import Edit, Injector, ProgramIndex, all_injectors, plausible
from .diffing import readable_as


def find_sites(program: ProgramIndex, injectors: Iterable[Injector] | None = None,
               unreadable: Counter | None = None,
               implausible: Counter | None = None) -> list[Edit]:
    """Every distinct candidate edit of these injectors that changes the program, that
    a student could plausibly have made (see `plausibility`) and that the text alone
    shows as one change on its line (see `diffing.readable_as`): an error that a diff of
    the programs would read differently could not be checked by the audit or by a
    teacher. The counters receive, per injector, the candidates dropped for each reason."""
    seen: set[tuple] = set()
    edits: list[Edit] = []
    for injector in injectors if injectors is not None else all_injectors():
        found = sorted(injector.sites(program), key=lambda e: (e.start, e.end, e.replacement))
        for edit in found:
            key = (edit.injector, edit.start, edit.end, edit.replacement)
            if key in seen or program.source[edit.start:edit.end] == edit.replacement:
                continue
            if not plausible(program, edit, program.description):
                if implausible is not None:
                    implausible[edit.injector] += 1
                continue
            if not readable_as(program.source, [edit], [edit.line]):
                if unreadable is not None:
                    unreadable[edit.injector] += 1
                continue
            seen.add(key)
            edits.append(edit)
    return edits
