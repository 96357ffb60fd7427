"""Reading one record for the audit: both messages, the exercise its program is, and the
correct program checked. What cannot be read is a defect of the record, never a crash."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..changes import Change, code_key
from ..content import Exercise, Scenario
from ..engine import CorrectProgramError, Prepared, prepared_for
from ..formats import (
    AssistantMessage,
    MessageError,
    Readable,
    Record,
    UserMessage,
    nesting_problem,
    read_assistant,
    read_user,
)
from ..sandbox import Sandbox
from .regroup import read_changes
from .report import RecordAudit


@dataclass
class Pending:
    """A record read and ready to be judged."""
    audit: RecordAudit
    user: UserMessage
    assistant: AssistantMessage
    prepared: Prepared
    changes: list[Change]
    first: int = 0  # index of this record's first verdict in the batch
    said: list[str] = field(default_factory=list)  # read otherwise than the diff
    raw: str = ""  # the assistant message as written (its layout, for other readings)


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


def _checks(prepared: Prepared) -> str:
    if not prepared.scenarios:
        return "compile-only (no scenarios could be run)"
    if prepared.exercise.slug == "given":
        return "scenarios given for this program"
    if prepared.exercise.slug == "unknown":
        return prepared.note or "no matching exercise"
    return f"scenarios of content exercise {prepared.exercise.slug!r}"


def _problems(audit: RecordAudit, problems: Sequence[str], text: str, role: str) -> None:
    """Format problems: a defect, unless the text reads one way only (a note)."""
    for problem in problems:
        if isinstance(problem, Readable):
            audit.note(problem.kind, problem)
        else:
            audit.defect("format", problem)
    if text.strip() and not text.endswith("\n"):
        audit.note("missing_final_newline",
                   f"the {role} message has no final newline (read as if it had one)")


class Reader:
    """Reads records against the known exercises; a correct program is prepared once."""

    def __init__(self, sandbox: Sandbox, exercises: Sequence[Exercise],
                 scenarios: Sequence[Scenario] | None) -> None:
        self.sandbox = sandbox
        self.known = content_index(exercises)
        self.scenarios = scenarios
        self.prepared: dict[str, Prepared | str] = {}

    def read(self, record: Record, audit: RecordAudit) -> Pending | None:
        """The record read, or None when nothing can be judged (defects recorded)."""
        if record.user is None:
            audit.defect("unparseable_request", record.problem or "no request")
            audit.unanswered()
            return None
        try:
            user, problems = read_user(record.user)
        except MessageError as exc:
            audit.defect("unparseable_request", str(exc))
            audit.unanswered()
            return None
        _problems(audit, problems, record.user, "user")
        deep = nesting_problem(user.program, "correct program")
        if deep:  # past what the parsers (ours, ast, libcst) can walk: judged unreadable
            audit.defect("unparseable_request", deep)
            audit.unanswered()
            return None
        audit.requested = user.request.as_dict()
        if record.assistant is None or not record.assistant.strip():
            audit.defect("missing_response", record.problem or "the response is empty")
            audit.unanswered()
            return None
        try:
            assistant, problems = read_assistant(record.assistant)
        except MessageError as exc:
            audit.defect("unparseable_response", str(exc))
            audit.unanswered()
            return None
        _problems(audit, problems, record.assistant, "assistant")
        deep = nesting_problem(assistant.program, "incorrect program")
        if deep:
            audit.defect("unparseable_response", deep)
            audit.unanswered()
            return None
        if record.problem:
            audit.defect("format", record.problem)
        prepared = self._prepare(user)
        if isinstance(prepared, str):
            audit.defect("correct_program_fails", prepared)
            return None
        audit.checks = _checks(prepared)
        reading = read_changes(user.program, assistant.program)
        return Pending(audit, user, assistant, prepared, reading.changes, said=reading.said,
                       raw=record.assistant)

    def _prepare(self, user: UserMessage) -> Prepared | str:
        prepared = self.prepared.get(user.program)
        if prepared is None:
            exercise = _exercise_for(user, self.known, self.scenarios)
            try:
                prepared = prepared_for(exercise, self.sandbox)
            except (CorrectProgramError, SyntaxError, ValueError) as exc:
                prepared = str(exc).replace(f"{exercise.slug}: ", "", 1)
            self.prepared[user.program] = prepared
        return prepared
