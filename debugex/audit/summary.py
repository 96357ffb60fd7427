"""Headline figures of an audit over all its records."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..engine import UNVERIFIED
from ..injectors import ERROR_CLASSES
from .report import HOLDS, MISSING, SOFT_DEFECTS, RecordAudit


def summarise(audits: Sequence[RecordAudit]) -> dict:
    """Headline figures over every record: a request with no gradable answer counts as
    unmet and its requested errors as failed claims, so nothing missing flatters them."""
    claims = [c for a in audits for c in a.claims]
    per_class = {}
    for error_class in ERROR_CLASSES:
        mine = [c for c in claims if (c.claimed or c.actual) == error_class]
        held = sum(c.verdict == HOLDS for c in mine)
        per_class[error_class] = {"claims": len(mine), "hold": held,
                                  "accuracy": round(held / len(mine), 4) if mine else None}
    lines_right = sum(c.verdict in (HOLDS, "wrong_class", "not_an_error", UNVERIFIED,
                                    "unverifiable") for c in claims)
    satisfied = sum(a.requested is not None and a.requested == a.delivered for a in audits)
    kinds = Counter(d["kind"] for a in audits for d in a.defects)
    notes = Counter(n["kind"] for a in audits for n in a.notes)
    return {
        "records": len(audits),
        "records_with_defects": sum(a.failing("defects") for a in audits),
        "records_with_notes": sum(bool(a.notes) for a in audits),
        "records_with_notes_only": sum(bool(a.notes) and not a.defects for a in audits),
        "records_unverified": sum(any(d["kind"] in SOFT_DEFECTS for d in a.defects)
                                  for a in audits),
        "records_unanswered": sum(any(c.verdict == MISSING for c in a.claims) for a in audits),
        "claims": len(claims),
        "claims_hold": sum(c.verdict == HOLDS for c in claims),
        "claims_missing": sum(c.verdict == MISSING for c in claims),
        "claim_accuracy": per_class,
        "line_accuracy": round(lines_right / len(claims), 4) if claims else None,
        "request_satisfaction": round(satisfied / len(audits), 4) if audits else None,
        "defects_by_kind": dict(sorted(kinds.items())),
        "notes_by_kind": dict(sorted(notes.items())),
    }
