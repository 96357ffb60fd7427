"""Grade (request, response) pairs claim by claim, from their text alone."""

from .grade import audit_records, summarise

__all__ = [
    "audit_records",
    "summarise",
]
