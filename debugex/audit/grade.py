"""Grade (request, response) pairs claim by claim, from their text alone.

For each record: parse both messages (an unparseable one is a defect, never a crash);
check the correct program (with the matching content exercise's scenarios, else a run
without input, else compile-only); recover every change between the correct and the
incorrect program, as the audit reads them (`regroup.py`); classify each change alone and
the whole program; match changes to the claimed lines and explanations. A record that
does not hold is graded again under the readings the text also allows (`fallbacks.py`),
and read that way when it holds under one of them alone. Every program run of one pass
goes to the sandbox as one batch.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from ..content import Exercise, Scenario
from ..engine import Prepared, Verdict, judge_sources
from ..formats import Record
from ..sandbox import Sandbox
from .fallbacks import other_readings
from .judging import judge_item
from .observed import observed
from .premise_check import premise_defects
from .reading import Pending, Reader
from .regroup import Reading
from .report import DEFECT_KINDS, RecordAudit
from .summary import summarise
from .thinking_check import thinking_defects

__all__ = ["DEFECT_KINDS", "audit_records", "summarise"]


def _requests(items: Sequence[Pending]) -> list[tuple[Prepared, str]]:
    """Each change of each item applied alone, then the item's whole program."""
    requests: list[tuple[Prepared, str]] = []
    for item in items:
        item.first = len(requests)
        program = item.user.program
        requests.extend((item.prepared, c.apply(program)) for c in item.changes)
        requests.append((item.prepared, item.assistant.program))
    return requests


def _judged(items: Sequence[Pending], sandbox: Sandbox,
            progress: Callable[[int], None] | None = None) -> list[list[Verdict]]:
    """Every item graded in one batch of runs; each item's changes' settled verdicts."""
    verdicts = judge_sources(_requests(items), sandbox, progress)
    return [judge_item(item, verdicts[item.first:item.first + len(item.changes) + 1], sandbox)
            for item in items]


def _copy(audit: RecordAudit) -> RecordAudit:
    """An audit as it stands, apart from the original (no claim graded yet)."""
    return dataclasses.replace(audit, defects=[dict(d) for d in audit.defects],
                               notes=[dict(n) for n in audit.notes], claims=list(audit.claims),
                               changes=list(audit.changes))


def _as_read(item: Pending, blank: RecordAudit, reading: Reading) -> Pending:
    """The item again, read another way, graded into a copy of its audit before grading."""
    assistant = item.assistant
    if reading.program != assistant.program:
        assistant = dataclasses.replace(assistant, program=reading.program)
    return dataclasses.replace(item, audit=_copy(blank), assistant=assistant,
                               changes=reading.changes, said=reading.said)


def audit_records(records: Sequence[Record], sandbox: Sandbox,
                  exercises: Sequence[Exercise] = (),
                  progress: Callable[[int], None] | None = None,
                  scenarios: Sequence[Scenario] | None = None) -> list[RecordAudit]:
    """Grade every record. `scenarios` serve the programs that match no exercise (a
    one-off program); without them such programs run on synthesised scenarios."""
    reader = Reader(sandbox, exercises, scenarios)
    audits: list[RecordAudit] = []
    pending: list[Pending] = []
    for record in records:
        audit = RecordAudit(record.id)
        audits.append(audit)
        item = reader.read(record, audit)
        if item is not None:
            pending.append(item)
    blanks = [_copy(item.audit) for item in pending]
    settled = _judged(pending, sandbox, progress)
    # A record that does not hold: the readings its text also allows, tried in order.
    tries: list[tuple[int, Pending]] = []
    for index, item in enumerate(pending):
        if item.audit.failing("defects"):
            main = Reading(item.assistant.program, item.changes, item.said)
            tries += [(index, _as_read(item, blanks[index], r))
                      for r in other_readings(item.user.program, item.raw, main)]
    chosen: set[int] = set()
    for (index, other), mine in zip(tries, _judged([t for _, t in tries], sandbox),
                                    strict=True):
        if index in chosen or other.audit.failing("defects"):
            continue
        chosen.add(index)
        item = pending[index]
        vars(item.audit).update(vars(other.audit))  # the audits list keeps the same object
        item.assistant, item.changes, item.said = other.assistant, other.changes, other.said
        settled[index] = mine
    for item, mine in zip(pending, settled, strict=True):
        alone = [v.status if v.verified else None for v in mine]
        for kind, detail in thinking_defects(item, alone, sandbox):  # issue 31
            item.audit.defect(kind, detail)
        for kind, detail in premise_defects(item, mine):
            item.audit.defect(kind, detail)
        for problem in observed(item.prepared, item.assistant.program,
                                item.assistant.explanations, sandbox):
            item.audit.defect("misleading_explanation", problem)
    return audits
