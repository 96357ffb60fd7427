"""What the audit says about one record: its claims, its changes, its defects."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..engine import UNVERIFIED
from ..injectors import ERROR_CLASSES

HOLDS = "holds"
MISSING = "missing"  # a requested error with no answer to grade (no or unreadable response)
CLAIM_VERDICTS = (HOLDS, "wrong_class", "wrong_line", "not_an_error", UNVERIFIED,
                  "no_such_change", "unverifiable", MISSING)
DEFECT_KINDS = (
    "unparseable_request", "unparseable_response", "missing_response", "format",
    "correct_program_fails", "count_mismatch", "wrong_class", "wrong_line", "not_an_error",
    UNVERIFIED, "no_such_change", "unexplained_change", "explanations_mismatch",
    "locations_not_ascending", "combined_class_wrong", "partial_statement_false",
    "misleading_explanation",
    # the thinking and explanations re-run (thinking_check): a claim that errors mask each
    # other, a line Python is said to report on, a quoted input or output; a stock reason
    # whose premise the answer's own program, changes and runs show absent (premise_check)
    "false_interplay", "wrong_evidence_line", "false_quote", "false_premise",
)
# The false sentences of the truth issue (31), as the audit finds them in any answer: each
# defect of these kinds is one sentence of the thinking or explanations that the answer's
# own programs and runs show false, named by the kind `bench/truth.py` counts it under.
FALSE_SENTENCE_KINDS = {"false_interplay": "hides", "wrong_evidence_line": "location",
                        "false_quote": "quote", "false_premise": "premise"}
# Defects that only `--strict=all` counts: nothing shows the claim false, nothing proves it.
SOFT_DEFECTS = frozenset({UNVERIFIED})
# Notes: quirks of the format that read one way only, and readings the audit chose.
# Never a defect; only `--strict=all` counts them.
NOTE_KINDS = (
    "removed_line_location",  # `Removed line N of original program`: line N of the correct one
    "count_written_oddly",  # `-0`, `+1`
    "missing_final_newline",  # a message that does not end with a newline
    "layout_change",  # blank lines or trailing spaces changed: the same syntax tree
    "explanations_reordered",  # every location explained, listed in another order
    "other_reading",  # a claim that holds where the diff could be read two ways
)


@dataclass
class Claim:
    line: int
    explanation: str
    claimed: str | None  # class named by the explanation
    verdict: str = "no_such_change"
    actual: str | None = None  # class of the matched change
    change_line: int | None = None
    reason: str | None = None  # why the matched change is not an error


@dataclass
class RecordAudit:
    id: str
    defects: list[dict] = field(default_factory=list)
    notes: list[dict] = field(default_factory=list)
    requested: dict[str, int] | None = None
    delivered: dict[str, int] | None = None
    claims: list[Claim] = field(default_factory=list)
    changes: list[dict] = field(default_factory=list)
    checks: str = ""  # how the correct program was run

    def defect(self, kind: str, detail: str) -> None:
        self.defects.append({"kind": kind, "detail": detail})

    def note(self, kind: str, detail: str) -> None:
        self.notes.append({"kind": kind, "detail": detail})

    def unanswered(self) -> None:
        """No answer to grade: every requested error is a failed claim."""
        requested = self.requested or {}
        classes = [c for c in ERROR_CLASSES for _ in range(requested.get(c, 0))]
        self.claims = [Claim(0, "", c, MISSING) for c in classes or [None]]

    def failing(self, strict: str = "defects") -> bool:
        """Whether the record fails `--strict` (`all` counts unverified claims and notes)."""
        if strict == "all":
            return bool(self.defects or self.notes)
        return any(d["kind"] not in SOFT_DEFECTS for d in self.defects)

    def to_dict(self) -> dict:
        return {"id": self.id, "defects": self.defects, "notes": self.notes,
                "requested": self.requested, "delivered": self.delivered, "checks": self.checks,
                "claims": [{"line": c.line, "claimed_class": c.claimed, "verdict": c.verdict,
                            "actual_class": c.actual, "change_line": c.change_line,
                            "reason": c.reason, "explanation": c.explanation}
                           for c in self.claims],
                "changes": self.changes}

