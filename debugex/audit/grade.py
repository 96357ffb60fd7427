"""Grade (request, response) pairs claim by claim, from their text alone.

For each record: parse both messages (an unparseable one is a defect, never a crash);
check the correct program (with the matching content exercise's scenarios, else a run
without input, else compile-only); recover every change between the correct and the
incorrect program; classify each change alone and the whole program; match changes to
the claimed lines and explanations. Every program run of the whole audit goes to the
sandbox as one batch.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from ..content import Exercise, Scenario
from ..engine import (
    EQUIVALENT,
    REJECTED,
    UNVERIFIED,
    Prepared,
    Verdict,
    check_statement,
    is_statement,
    judge_sources,
)
from ..formats import Record, explanation_line
from ..injectors import ERROR_CLASSES
from ..sandbox import INPUT_EXHAUSTED, Sandbox
from .claims import match_claims
from .classify import judge_on, settle, waiting
from .misleading import misleading
from .observed import observed
from .reading import Pending, Reader
from .removals import removal_claims
from .report import DEFECT_KINDS, RecordAudit
from .summary import summarise
from .thinking_check import thinking_defects

__all__ = ["DEFECT_KINDS", "audit_records", "summarise"]


def audit_records(records: Sequence[Record], sandbox: Sandbox,
                  exercises: Sequence[Exercise] = (),
                  progress: Callable[[int], None] | None = None,
                  scenarios: Sequence[Scenario] | None = None) -> list[RecordAudit]:
    """Grade every record. `scenarios` serve the programs that match no exercise (a
    one-off program); without them such programs run on synthesised scenarios."""
    reader = Reader(sandbox, exercises, scenarios)
    audits: list[RecordAudit] = []
    pending: list[Pending] = []
    requests: list[tuple[Prepared, str]] = []
    for record in records:
        audit = RecordAudit(record.id)
        audits.append(audit)
        item = reader.read(record, audit)
        if item is None:
            continue
        item.first = len(requests)
        pending.append(item)
        program = item.user.program
        requests.extend((item.prepared, c.apply(program)) for c in item.changes)
        requests.append((item.prepared, item.assistant.program))
    verdicts = judge_sources(requests, sandbox, progress)
    for item in pending:
        count = len(item.changes)
        mine, found = settle(item, verdicts[item.first:item.first + count], sandbox)
        combined = verdicts[item.first + count]
        if found and combined.status == REJECTED and combined.reason == EQUIVALENT:
            combined = judge_on(item, item.assistant.program, found, sandbox)
        if combined.status == REJECTED and combined.reason == INPUT_EXHAUSTED:
            combined = waiting(item, item.assistant.program, sandbox)
        _grade(item, mine, combined)
        alone = [v.status if v.verified else None for v in mine]
        for kind, detail in thinking_defects(item, alone, sandbox):  # issue 31
            item.audit.defect(kind, detail)
        for problem in observed(item.prepared, item.assistant.program,
                                item.assistant.explanations, sandbox):
            item.audit.defect("misleading_explanation", problem)
    return audits


def _grade(item: Pending, verdicts: Sequence[Verdict], combined: Verdict) -> None:
    audit, assistant = item.audit, item.assistant
    compile_only = not item.prepared.scenarios
    audit.changes = [{"line": c.line, "before": c.before, "after": c.after,
                      "class": v.status, "evidence": v.to_dict()}
                     for c, v in zip(item.changes, verdicts, strict=True)]
    delivered = Counter(v.status for v in verdicts if v.status in ERROR_CLASSES)
    audit.delivered = {c: delivered.get(c, 0) for c in ERROR_CLASSES}
    # Unverified changes may be the missing errors: then the gap is unverified too.
    unverified = sum(v.reason == UNVERIFIED for v in verdicts)
    gaps = [(audit.requested or {}).get(c, 0) - audit.delivered[c] for c in ERROR_CLASSES]
    soft = unverified and min(gaps) >= 0 and sum(gaps) <= unverified
    partial = is_statement(assistant.note)  # an honest partial answer says what fits
    if partial and not compile_only:
        problem = check_statement(assistant.note, audit.requested or {}, audit.delivered,
                                  item.user.program)
        if problem:
            audit.defect("partial_statement_false", problem)
    elif audit.delivered != audit.requested and not compile_only:
        audit.defect(UNVERIFIED if soft else "count_mismatch",
                     f"requested {audit.requested}, delivered {audit.delivered}"
                     + (f" ({unverified} change(s) unverified)" if soft else ""))
    locations = list(assistant.locations)
    if locations != sorted(locations):
        audit.defect("locations_not_ascending", f"error lines {locations}")
    explained = [explanation_line(e) for e in assistant.explanations]
    if any("<error-location>" in d["detail"] for d in audit.defects if d["kind"] == "format"):
        # A location line that is not a number is already a defect; its explanation is
        # not a second one.
        explained = [line for line in explained if line in locations]
    if explained != locations and sorted(explained) == sorted(locations):
        audit.note("explanations_reordered", f"error lines {locations}, explanations listed "
                   f"for lines {explained}: each read by its `Line N:`")
    elif explained != locations:
        audit.defect("explanations_mismatch",
                     f"error lines {locations} but explanations for lines {explained}")
    shown = audit.delivered if partial else audit.requested
    top = next((c for c in ERROR_CLASSES if (shown or {}).get(c)), None)
    if top and not compile_only and combined.status != top:
        audit.defect(UNVERIFIED if soft and combined.reason == EQUIVALENT
                     else "combined_class_wrong", f"the incorrect program should show a {top} "
                     f"error but shows {combined.summary()}")
    match_claims(audit, assistant, item.changes, verdicts, compile_only, item.user.program)
    for problem in misleading(item.user.program, assistant.program, assistant.explanations,
                              item.changes):  # the text itself (debugex.text.audit_text)
        audit.defect("misleading_explanation", problem)
    for problem in removal_claims(item.user.program, assistant.explanations, item.changes):
        audit.defect("misleading_explanation", problem)  # docs/locations.md
