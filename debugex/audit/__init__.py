"""Grade (request, response) pairs claim by claim, from their text alone."""

from .grade import audit_records
from .report import DEFECT_KINDS, FALSE_SENTENCE_KINDS, RecordAudit
from .summary import summarise

__all__ = [
    "DEFECT_KINDS",
    "FALSE_SENTENCE_KINDS",
    "RecordAudit",
    "audit_records",
    "summarise",
]
