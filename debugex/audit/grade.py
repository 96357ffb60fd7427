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

from ..changes import Change, code_key, recover_changes
from ..content import Exercise, Scenario
from ..engine import (
    EQUIVALENT,
    PROVEN_EQUIVALENT,
    REJECTED,
    UNVERIFIED,
    CorrectProgramError,
    Prepared,
    Verdict,
    check_statement,
    is_statement,
    judge,
    judge_sources,
    prepare,
    proven_equivalent,
)
from ..formats import (
    AssistantMessage,
    MessageError,
    Record,
    UserMessage,
    explanation_line,
    read_assistant,
    read_user,
)
from ..injectors import ERROR_CLASSES, LOGICAL, RUNTIME
from ..sandbox import Job, Sandbox
from ..scenarios import distinguishing_input
from ..text import claimed_class
from .misleading import misleading

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
)
# Defects that only `--strict=all` counts: nothing shows the claim false, nothing proves it.
SOFT_DEFECTS = frozenset({UNVERIFIED})

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
    requested: dict[str, int] | None = None
    delivered: dict[str, int] | None = None
    claims: list[Claim] = field(default_factory=list)
    changes: list[dict] = field(default_factory=list)
    checks: str = ""  # how the correct program was run

    def defect(self, kind: str, detail: str) -> None:
        self.defects.append({"kind": kind, "detail": detail})

    def unanswered(self) -> None:
        """No answer to grade: every requested error is a failed claim."""
        requested = self.requested or {}
        classes = [c for c in ERROR_CLASSES for _ in range(requested.get(c, 0))]
        self.claims = [Claim(0, "", c, MISSING) for c in classes or [None]]

    def failing(self, strict: str = "defects") -> bool:
        """Whether the record fails `--strict` (`all` counts unverified claims too)."""
        return any(strict == "all" or d["kind"] not in SOFT_DEFECTS for d in self.defects)

    def to_dict(self) -> dict:
        return {"id": self.id, "defects": self.defects, "requested": self.requested,
                "delivered": self.delivered, "checks": self.checks,
                "claims": [{"line": c.line, "claimed_class": c.claimed, "verdict": c.verdict,
                            "actual_class": c.actual, "change_line": c.change_line,
                            "reason": c.reason, "explanation": c.explanation}
                           for c in self.claims],
                "changes": self.changes}


@dataclass
class _Pending:
    audit: RecordAudit
    user: UserMessage
    assistant: AssistantMessage
    prepared: Prepared
    changes: list[Change]
    first: int  # index of this record's first verdict in the batch


def content_index(exercises: Sequence[Exercise]) -> dict[tuple, Exercise]:
    """Exercises by their normalised code: a program matches whatever its layout."""
    return {code_key(e.source): e for e in exercises}


def _exercise_for(user: UserMessage, known: dict[tuple, Exercise],
                  scenarios: Sequence[Scenario] | None) -> Exercise:
    match = known.get(code_key(user.program))
    if match is not None:
        return match
    if scenarios:
        return Exercise("given", user.description + "\n", user.program, tuple(scenarios),
                        None)
    return Exercise("unknown", user.description + "\n", user.program, (), None,
                    scenarios_given=False)


def audit_records(records: Sequence[Record], sandbox: Sandbox,
                  exercises: Sequence[Exercise] = (),
                  progress: Callable[[int], None] | None = None,
                  scenarios: Sequence[Scenario] | None = None) -> list[RecordAudit]:
    """Grade every record. `scenarios` serve the programs that match no exercise (a
    one-off program); without them such programs run on synthesised scenarios."""
    known = content_index(exercises)
    prepared_cache: dict[str, Prepared | str] = {}
    audits: list[RecordAudit] = []
    pending: list[_Pending] = []
    requests: list[tuple[Prepared, str]] = []
    for record in records:
        audit = RecordAudit(record.id)
        audits.append(audit)
        if record.user is None:
            audit.defect("unparseable_request", record.problem or "no request")
            audit.unanswered()
            continue
        try:
            user, problems = read_user(record.user)
        except MessageError as exc:
            audit.defect("unparseable_request", str(exc))
            audit.unanswered()
            continue
        for problem in problems:
            audit.defect("format", problem)
        audit.requested = user.request.as_dict()
        if record.assistant is None or not record.assistant.strip():
            audit.defect("missing_response", record.problem or "the response is empty")
            audit.unanswered()
            continue
        try:
            assistant, problems = read_assistant(record.assistant)
        except MessageError as exc:
            audit.defect("unparseable_response", str(exc))
            audit.unanswered()
            continue
        for problem in problems:
            audit.defect("format", problem)
        if record.problem:
            audit.defect("format", record.problem)
        exercise = _exercise_for(user, known, scenarios)
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
        mine, found = _settle(item, verdicts[item.first:item.first + count], sandbox)
        combined = verdicts[item.first + count]
        if found and combined.status == REJECTED and combined.reason == EQUIVALENT:
            combined = _judge_on(item, item.assistant.program, found, sandbox)
        _grade(item, mine, combined)
    return audits


def _judge_on(item: _Pending, changed: str, inputs: Sequence[tuple[str, ...]],
              sandbox: Sandbox) -> Verdict:
    """A changed program judged on inputs found by the audit (not the record's scenarios)."""
    scenarios = [Scenario(f"found_by_audit_{n + 1}", stdin) for n, stdin in enumerate(inputs)]
    runs = sandbox.run_many([Job(item.user.program, s.stdin) for s in scenarios]
                            + [Job(changed, s.stdin, timeout=item.prepared.timeout)
                               for s in scenarios])
    return judge(runs[:len(scenarios)], runs[len(scenarios):], scenarios)


def _settle(item: _Pending, verdicts: Sequence[Verdict], sandbox: Sandbox
            ) -> tuple[list[Verdict], list[tuple[str, ...]]]:
    """A change that made no difference on the scenarios is either proven the same
    program (one syntax tree), or searched once more with inputs aimed at it (the
    boundaries of its comparisons); if still nothing differs it is unverified. Returns
    the verdicts and the inputs the search found."""
    settled = list(verdicts)
    found: list[tuple[str, ...]] = []
    source = item.user.program
    for index, verdict in enumerate(verdicts):
        if verdict.status != REJECTED or verdict.reason != EQUIVALENT:
            continue
        changed = item.changes[index].apply(source)
        if proven_equivalent(source, changed):
            settled[index] = Verdict(REJECTED, reason=PROVEN_EQUIVALENT,
                                     message="the same syntax tree: the same program")
            continue
        stdin = distinguishing_input(source, changed, sandbox,
                                     description=item.user.description)
        if stdin is not None:
            shown = _judge_on(item, changed, [stdin], sandbox)
            if shown.verified:
                settled[index] = shown
                found.append(stdin)
                continue
        settled[index] = Verdict(REJECTED, reason=UNVERIFIED,
                                 message="no input found that shows it")
    return settled, found


def _checks(prepared: Prepared) -> str:
    if not prepared.scenarios:
        return "compile-only (no scenarios could be run)"
    if prepared.exercise.slug == "given":
        return "scenarios given for this program"
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
    if explained != locations:
        audit.defect("explanations_mismatch",
                     f"error lines {locations} but explanations for lines {explained}")
    shown = audit.delivered if partial else audit.requested
    top = next((c for c in ERROR_CLASSES if (shown or {}).get(c)), None)
    if top and not compile_only and combined.status != top:
        audit.defect(UNVERIFIED if soft and combined.reason == EQUIVALENT
                     else "combined_class_wrong", f"the incorrect program should show a {top} "
                     f"error but shows {combined.summary()}")
    _match_claims(audit, assistant, item.changes, verdicts, compile_only)
    for problem in misleading(item.user.program, assistant.program, assistant.explanations,
                              item.changes):  # the text itself (debugex.text.audit_text)
        audit.defect("misleading_explanation", problem)


def _match_claims(audit: RecordAudit, assistant: AssistantMessage, changes: list[Change],
                  verdicts: Sequence[Verdict], compile_only: bool) -> None:
    texts = list(assistant.explanations) + [""] * len(assistant.locations)
    by_line = {explanation_line(e): e for e in reversed(assistant.explanations)}
    if set(assistant.locations) <= set(by_line) and len(by_line) == len(assistant.locations):
        texts = [by_line[line] for line in assistant.locations]
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
            verdict = verdicts[index]
            if verdict.status != REJECTED:
                take(claim, index, "wrong_class")
            else:
                take(claim, index, UNVERIFIED if verdict.reason == UNVERIFIED
                     else "not_an_error")
                claim.reason = verdict.reason
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
            why = ("the same program: proven by its syntax tree"
                   if claim.reason == PROVEN_EQUIVALENT else claim.reason)
            detail = f"line {claim.line}: the change there is not an error ({why})"
        elif claim.verdict == UNVERIFIED:
            detail = (f"line {claim.line}: no input found that shows the change there is an "
                      "error (unverified, not proven harmless)")
        elif claim.verdict == MISSING:
            continue
        elif claim.verdict == "wrong_line":
            detail = f"line {claim.line}: the change is on line {claim.change_line}"
        else:
            detail = f"line {claim.line}: nothing was changed on this line"
        audit.defect(claim.verdict, detail)
    for index in free:
        change, verdict = changes[index], verdicts[index]
        what = verdict.status if verdict.status != REJECTED else (
            "unverified: no input found that shows an error" if verdict.reason == UNVERIFIED
            else f"no error ({verdict.reason})")
        audit.defect("unexplained_change",
                     f"line {change.line}: {change.before.strip()!r} -> "
                     f"{change.after.strip()!r} is not explained ({what})")


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
    return {
        "records": len(audits),
        "records_with_defects": sum(a.failing("defects") for a in audits),
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
    }
