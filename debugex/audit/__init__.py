"""Grade (request, response) pairs claim by claim, from their text alone."""

from .grade import audit_records
from .regroup import apply_all
from .report import DEFECT_KINDS, FALSE_SENTENCE_KINDS, RecordAudit
from .summary import summarise

__all__ = [
    "DEFECT_KINDS",
    "FALSE_SENTENCE_KINDS",
    "RecordAudit",
    "apply_all",
    "audit_records",
    "summarise",
]
