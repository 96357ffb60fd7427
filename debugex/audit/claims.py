"""Matching a record's claims (a line and its explanation) to the changes it made."""

from __future__ import annotations

from collections.abc import Sequence

from ..changes import Change
from ..engine import PROVEN_EQUIVALENT, REJECTED, UNVERIFIED, Verdict
from ..formats import AssistantMessage, explanation_line, explanation_of_original
from ..injectors import ERROR_CLASSES, LOGICAL, RUNTIME
from ..text import claimed_class
from .readings import places, removed_lines
from .report import HOLDS, MISSING, Claim, RecordAudit


def _layout(change: Change) -> bool:
    """Only blank lines or trailing spaces differ."""
    def kept(text: str) -> list[str]:
        return [line.rstrip() for line in text.splitlines() if line.strip()]
    return kept(change.before) == kept(change.after)


def match_claims(audit: RecordAudit, assistant: AssistantMessage, changes: list[Change],
                 verdicts: Sequence[Verdict], compile_only: bool, correct: str) -> None:
    texts = list(assistant.explanations) + [""] * len(assistant.locations)
    by_line = {explanation_line(e): e for e in reversed(assistant.explanations)}
    if set(assistant.locations) <= set(by_line) and len(by_line) == len(assistant.locations):
        texts = [by_line[line] for line in assistant.locations]
    claims = [Claim(line, texts[n], claimed_class(texts[n]))
              for n, line in enumerate(assistant.locations)]
    # Where each claim may locate each change: a `Removed line N` claim names a line of
    # the correct program, any other claim a line of the incorrect one (see readings).
    # An explanation `Line N of original program:` says the same as that location.
    removal = {id(claims[n]) for n in assistant.removed} | {
        id(claim) for claim in claims if explanation_of_original(claim.explanation)}
    spots = [places(c, correct, assistant.program) for c in changes]
    gone = [dict.fromkeys(removed_lines(c, correct), "") for c in changes]
    readings: dict[int, str] = {}  # claims that hold under a reading other than the diff's
    proofs: dict[int, str] = {}  # why a claimed change is the same program

    def at(claim: Claim, index: int) -> bool:
        where = gone[index] if id(claim) in removal else spots[index]
        return claim.line in where

    free = list(range(len(changes)))

    def take(claim: Claim, index: int, verdict_name: str) -> None:
        claim.verdict, claim.actual = verdict_name, verdicts[index].status
        claim.change_line = changes[index].line
        free.remove(index)
        reading = spots[index].get(claim.line) if id(claim) not in removal else None
        if verdict_name != "wrong_line" and reading:
            readings[index] = f"line {claim.line}: read as {reading} (the diff says line " \
                f"{changes[index].line})"

    def fits(claim: Claim, index: int) -> bool:
        status = verdicts[index].status
        if compile_only and status == REJECTED:
            return claim.claimed in (None, RUNTIME, LOGICAL)
        return status in ERROR_CLASSES and claim.claimed in (None, status)

    # 1. same line, fitting class; 2. same line, other class; 3. another line.
    for claim in claims:
        index = next((i for i in free if at(claim, i) and fits(claim, i)), None)
        if index is not None:
            unverifiable = compile_only and verdicts[index].status == REJECTED
            take(claim, index, "unverifiable" if unverifiable else HOLDS)
    for claim in (c for c in claims if c.change_line is None):
        index = next((i for i in free if at(claim, i)), None)
        if index is not None:
            verdict = verdicts[index]
            if verdict.status != REJECTED:
                take(claim, index, "wrong_class")
            else:
                take(claim, index, UNVERIFIED if verdict.reason == UNVERIFIED
                     else "not_an_error")
                claim.reason = verdict.reason
                proofs[id(claim)] = verdict.message
    for claim in (c for c in claims if c.change_line is None):
        candidates = [i for i in free if fits(claim, i)]
        if candidates:
            take(claim, min(candidates, key=lambda i: abs(changes[i].line - claim.line)),
                 "wrong_line")
    audit.claims = claims
    for detail in readings.values():
        audit.note("other_reading", detail)
    for claim in claims:
        if claim.verdict in (HOLDS, "unverifiable"):
            continue
        if claim.verdict == "wrong_class":
            detail = (f"line {claim.line}: claimed {claim.claimed or 'an'} error, the change "
                      f"is a {claim.actual} error")
        elif claim.verdict == "not_an_error":
            why = (proofs.get(id(claim)) or "the same program"
                   if claim.reason == PROVEN_EQUIVALENT else claim.reason)
            detail = f"line {claim.line}: the change there is not an error ({why})"
        elif claim.verdict == UNVERIFIED:
            detail = (f"line {claim.line}: no input found that shows the change there is an "
                      "error (unverified, not proven harmless)")
        elif claim.verdict == MISSING:
            continue
        elif id(claim) in removal:  # `Removed line N`: N is a line of the correct program
            where = (f"the nearest change of its class is on line {claim.change_line} of the "
                     "incorrect program" if claim.verdict == "wrong_line"
                     else "no line was removed there")
            detail = f"removed line {claim.line} of the correct program: {where}"
        elif claim.verdict == "wrong_line":
            detail = f"line {claim.line}: the change is on line {claim.change_line}"
        else:
            detail = f"line {claim.line}: nothing was changed on this line"
        audit.defect(claim.verdict, detail)
    for index in free:
        change, verdict = changes[index], verdicts[index]
        if verdict.reason == PROVEN_EQUIVALENT and _layout(change):
            audit.note("layout_change", f"line {change.line}: blank lines or trailing "
                       "spaces changed (the same program: proven by its syntax tree)")
            continue
        what = verdict.status if verdict.status != REJECTED else (
            "unverified: no input found that shows an error" if verdict.reason == UNVERIFIED
            else f"no error ({verdict.reason})")
        audit.defect("unexplained_change",
                     f"line {change.line}: {change.before.strip()!r} -> "
                     f"{change.after.strip()!r} is not explained ({what})")
