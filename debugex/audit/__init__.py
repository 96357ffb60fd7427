"""Grade (request, response) pairs claim by claim, from their text alone."""

from .grade import DEFECT_KINDS, audit_records, summarise

__all__ = [
    "DEFECT_KINDS",
    "audit_records",
    "summarise",
]
