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
from dataclasses import dataclass, field

from .content import Exercise
from .dataset import Record
from .diffing import Change, recover_changes
from .injectors.base import ERROR_CLASSES, LOGICAL, RUNTIME, SYNTAX
from .messages import (
    AssistantMessage,
    MessageError,
    UserMessage,
    explanation_line,
    parse_assistant,
    parse_user,
)
from .partial import check_statement, is_statement
from .sandbox import Sandbox
from .verify import REJECTED, CorrectProgramError, Prepared, Verdict, judge_sources, prepare

HOLDS = "holds"
CLAIM_VERDICTS = (HOLDS, "wrong_class", "wrong_line", "not_an_error", "no_such_change",
                  "unverifiable")
DEFECT_KINDS = (
    "unparseable_request", "unparseable_response", "correct_program_fails",
    "count_mismatch", "wrong_class", "wrong_line", "not_an_error", "no_such_change",
    "unexplained_change", "explanations_mismatch", "locations_not_ascending",
    "combined_class_wrong", "partial_statement_false",
)

_CLASS_WORDS = {
    SYNTAX: ("syntax", "syntaxerror", "indentationerror", "taberror", "indentation error",
             "does not compile", "cannot compile", "cannot read the statement"),
    RUNTIME: ("runtime", "run-time", "run time", "nameerror", "typeerror", "valueerror",
              "indexerror", "keyerror", "zerodivisionerror", "attributeerror",
              "unboundlocalerror", "exception", "crash"),
    LOGICAL: ("logical", "logic error", "wrong answer", "wrong result", "wrong output",
              "wrong value"),
}


def claimed_class(text: str) -> str | None:
    """The error class an explanation names, when it names exactly one."""
    lowered = text.lower()
    named = [c for c, words in _CLASS_WORDS.items() if any(w in lowered for w in words)]
    return named[0] if len(named) == 1 else None


@dataclass
class Claim:
    line: int
    explanation: str
    claimed: str | None  # class named by the explanation
    verdict: str = "no_such_change"
    actual: str | None = None  # class of the matched change
    change_line: int | None = None


@dataclass
class RecordAudit:
    id: str
    defects: list[dict] = field(default_factory=list)
    requested: dict[str, int] | None = None
    delivered: dict[str, int] | None = None
    claims: list[Claim] = field(default_factory=list)
    changes: list[dict] = field(default_factory=list)
    checks: str = ""  # how the correct program was run

    def defect(self, kind: str, detail: str) -> None:
        self.defects.append({"kind": kind, "detail": detail})

    def to_dict(self) -> dict:
        return {"id": self.id, "defects": self.defects, "requested": self.requested,
                "delivered": self.delivered, "checks": self.checks,
                "claims": [{"line": c.line, "claimed_class": c.claimed, "verdict": c.verdict,
                            "actual_class": c.actual, "change_line": c.change_line,
                            "explanation": c.explanation} for c in self.claims],
                "changes": self.changes}


@dataclass
class _Pending:
    audit: RecordAudit
    user: UserMessage
    assistant: AssistantMessage
    prepared: Prepared
    changes: list[Change]
    first: int  # index of this record's first verdict in the batch


def content_index(exercises: Sequence[Exercise]) -> dict[str, Exercise]:
    return {e.source: e for e in exercises}


def _exercise_for(user: UserMessage, known: dict[str, Exercise]) -> Exercise:
    match = known.get(user.program)
    if match is not None:
        return match
    return Exercise("unknown", user.description + "\n", user.program, (), None,
                    scenarios_given=False)


def audit_records(records: Sequence[Record], sandbox: Sandbox,
                  exercises: Sequence[Exercise] = (),
                  progress: Callable[[int], None] | None = None) -> list[RecordAudit]:
    known = content_index(exercises)
    prepared_cache: dict[str, Prepared | str] = {}
    audits: list[RecordAudit] = []
    pending: list[_Pending] = []
    requests: list[tuple[Prepared, str]] = []
    for record in records:
        audit = RecordAudit(record.id)
        audits.append(audit)
        if record.problem and (record.user is None or record.assistant is None):
            audit.defect("unparseable_request" if record.user is None
                         else "unparseable_response", record.problem)
            continue
        try:
            user = parse_user(record.user or "")
        except MessageError as exc:
            audit.defect("unparseable_request", str(exc))
            continue
        audit.requested = user.request.as_dict()
        try:
            assistant = parse_assistant(record.assistant or "")
        except MessageError as exc:
            audit.defect("unparseable_response", str(exc))
            continue
        exercise = _exercise_for(user, known)
        prepared = prepared_cache.get(user.program)
        if prepared is None:
            try:
                prepared = prepare(exercise, sandbox)
            except (CorrectProgramError, SyntaxError, ValueError) as exc:
                prepared = str(exc).replace(f"{exercise.slug}: ", "", 1)
            prepared_cache[user.program] = prepared
        if isinstance(prepared, str):
            audit.defect("correct_program_fails", prepared)
            continue
        audit.checks = _checks(prepared)
        changes = recover_changes(user.program, assistant.program)
        pending.append(_Pending(audit, user, assistant, prepared, changes, len(requests)))
        requests.extend((prepared, c.apply(user.program)) for c in changes)
        requests.append((prepared, assistant.program))
    verdicts = judge_sources(requests, sandbox, progress)
    for item in pending:
        count = len(item.changes)
        _grade(item, verdicts[item.first:item.first + count], verdicts[item.first + count])
    return audits


def _checks(prepared: Prepared) -> str:
    if not prepared.scenarios:
        return "compile-only (no scenarios could be run)"
    if prepared.exercise.slug == "unknown":
        return prepared.note or "no matching exercise"
    return f"scenarios of content exercise {prepared.exercise.slug!r}"


def _grade(item: _Pending, verdicts: Sequence[Verdict], combined: Verdict) -> None:
    audit, assistant = item.audit, item.assistant
    compile_only = not item.prepared.scenarios
    audit.changes = [{"line": c.line, "before": c.before, "after": c.after,
                      "class": v.status, "evidence": v.to_dict()}
                     for c, v in zip(item.changes, verdicts, strict=True)]
    delivered = Counter(v.status for v in verdicts if v.status in ERROR_CLASSES)
    audit.delivered = {c: delivered.get(c, 0) for c in ERROR_CLASSES}
    partial = is_statement(assistant.note)  # an honest partial answer says what fits
    if partial and not compile_only:
        problem = check_statement(assistant.note, audit.requested or {}, audit.delivered,
                                  item.user.program)
        if problem:
            audit.defect("partial_statement_false", problem)
    elif audit.delivered != audit.requested and not compile_only:
        audit.defect("count_mismatch", f"requested {audit.requested}, delivered "
                                       f"{audit.delivered}")
    locations = list(assistant.locations)
    if locations != sorted(locations):
        audit.defect("locations_not_ascending", f"error lines {locations}")
    explained = [explanation_line(e) for e in assistant.explanations]
    if len(explained) != len(locations) or explained != locations:
        audit.defect("explanations_mismatch",
                     f"error lines {locations} but explanations for lines {explained}")
    shown = audit.delivered if partial else audit.requested
    top = next((c for c in ERROR_CLASSES if (shown or {}).get(c)), None)
    if top and not compile_only and combined.status != top:
        audit.defect("combined_class_wrong", f"the incorrect program should show a {top} "
                                             f"error but shows {combined.summary()}")
    _match_claims(audit, assistant, item.changes, verdicts, compile_only)


def _match_claims(audit: RecordAudit, assistant: AssistantMessage, changes: list[Change],
                  verdicts: Sequence[Verdict], compile_only: bool) -> None:
    texts = list(assistant.explanations) + [""] * len(assistant.locations)
    claims = [Claim(line, texts[n], claimed_class(texts[n]))
              for n, line in enumerate(assistant.locations)]
    free = list(range(len(changes)))

    def take(claim: Claim, index: int, verdict_name: str) -> None:
        claim.verdict, claim.actual = verdict_name, verdicts[index].status
        claim.change_line = changes[index].line
        free.remove(index)

    def fits(claim: Claim, index: int) -> bool:
        status = verdicts[index].status
        if compile_only and status == REJECTED:
            return claim.claimed in (None, RUNTIME, LOGICAL)
        return status in ERROR_CLASSES and claim.claimed in (None, status)

    # 1. same line, fitting class; 2. same line, other class; 3. another line.
    for claim in claims:
        index = next((i for i in free if changes[i].line == claim.line and fits(claim, i)), None)
        if index is not None:
            unverifiable = compile_only and verdicts[index].status == REJECTED
            take(claim, index, "unverifiable" if unverifiable else HOLDS)
    for claim in (c for c in claims if c.change_line is None):
        index = next((i for i in free if changes[i].line == claim.line), None)
        if index is not None:
            status = verdicts[index].status
            take(claim, index, "not_an_error" if status == REJECTED else "wrong_class")
    for claim in (c for c in claims if c.change_line is None):
        candidates = [i for i in free if fits(claim, i)]
        if candidates:
            take(claim, min(candidates, key=lambda i: abs(changes[i].line - claim.line)),
                 "wrong_line")
    audit.claims = claims
    for claim in claims:
        if claim.verdict in (HOLDS, "unverifiable"):
            continue
        if claim.verdict == "wrong_class":
            detail = (f"line {claim.line}: claimed {claim.claimed or 'an'} error, the change "
                      f"is a {claim.actual} error")
        elif claim.verdict == "not_an_error":
            detail = f"line {claim.line}: the change there is not an error (no effect)"
        elif claim.verdict == "wrong_line":
            detail = f"line {claim.line}: the change is on line {claim.change_line}"
        else:
            detail = f"line {claim.line}: nothing was changed on this line"
        audit.defect(claim.verdict, detail)
    for index in free:
        change, verdict = changes[index], verdicts[index]
        what = verdict.status if verdict.status != REJECTED else f"no error ({verdict.reason})"
        audit.defect("unexplained_change",
                     f"line {change.line}: {change.before.strip()!r} -> "
                     f"{change.after.strip()!r} is not explained ({what})")


def summarise(audits: Sequence[RecordAudit]) -> dict:
    claims = [c for a in audits for c in a.claims]
    per_class = {}
    for error_class in ERROR_CLASSES:
        mine = [c for c in claims if (c.claimed or c.actual) == error_class]
        held = sum(c.verdict == HOLDS for c in mine)
        per_class[error_class] = {"claims": len(mine), "hold": held,
                                  "accuracy": round(held / len(mine), 4) if mine else None}
    lines_right = sum(c.verdict in (HOLDS, "wrong_class", "not_an_error", "unverifiable")
                      for c in claims)
    graded = [a for a in audits if a.requested is not None and a.delivered is not None]
    satisfied = sum(a.requested == a.delivered for a in graded)
    kinds = Counter(d["kind"] for a in audits for d in a.defects)
    return {
        "records": len(audits),
        "records_with_defects": sum(bool(a.defects) for a in audits),
        "claims": len(claims),
        "claims_hold": sum(c.verdict == HOLDS for c in claims),
        "claim_accuracy": per_class,
        "line_accuracy": round(lines_right / len(claims), 4) if claims else None,
        "request_satisfaction": round(satisfied / len(graded), 4) if graded else None,
        "defects_by_kind": dict(sorted(kinds.items())),
    }
