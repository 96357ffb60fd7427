"""Judging one record read one way: each change classified alone (settled where the
scenarios show nothing), the whole program, and every claim graded against them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..engine import (
    EQUIVALENT,
    REJECTED,
    UNVERIFIED,
    Verdict,
    check_statement,
    is_statement,
)
from ..formats import explanation_line
from ..injectors import ERROR_CLASSES
from ..sandbox import INPUT_EXHAUSTED, Sandbox
from .claims import match_claims
from .classify import judge_on, settle, waiting
from .misleading import misleading
from .reading import Pending
from .removals import removal_claims


def judge_item(item: Pending, verdicts: Sequence[Verdict], sandbox: Sandbox) -> list[Verdict]:
    """Grade a record from the verdicts of its changes alone and of its whole program
    (the last one); returns each change's settled verdict."""
    count = len(item.changes)
    mine, found = settle(item, verdicts[:count], sandbox)
    combined = verdicts[count]
    if found and combined.status == REJECTED and combined.reason == EQUIVALENT:
        combined = judge_on(item, item.assistant.program, found, sandbox)
    if combined.status == REJECTED and combined.reason == INPUT_EXHAUSTED:
        combined = waiting(item, item.assistant.program, sandbox)
    _grade(item, mine, combined)
    return mine


def _grade(item: Pending, verdicts: Sequence[Verdict], combined: Verdict) -> None:
    audit, assistant = item.audit, item.assistant
    for said in item.said:  # what the audit read otherwise than the diff (regroup.py)
        audit.note("other_reading", said)
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
