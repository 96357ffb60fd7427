"""`debugex inject`: one exercise, now: compose the requested errors, prove, render."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .compose import Composition, compose
from .content import Exercise, parse_scenarios, read_program, read_text
from .messages import AssistantMessage, Request, UserMessage, render_assistant, render_user
from .render import build_messages
from .sandbox import Sandbox
from .sites import catalog_for


@dataclass
class InjectResult:
    exercise: Exercise
    composition: Composition
    user: UserMessage
    assistant: AssistantMessage
    note: str | None  # how the program was checked, when not by its own scenarios

    @property
    def user_xml(self) -> str:
        return render_user(self.user)

    @property
    def assistant_xml(self) -> str:
        return render_assistant(self.assistant)

    def errors(self) -> list[dict]:
        return [{"error_class": p.edit.error_class, "injector": p.edit.injector,
                 "line": p.line, "explanation": text, "edit": p.edit.to_dict(),
                 "evidence": p.verdict.to_dict()}
                for p, text in zip(self.composition.errors, self.assistant.explanations,
                                   strict=True)]

    def to_json(self) -> dict:
        return {"user_xml": self.user_xml, "assistant_xml": self.assistant_xml,
                "errors": self.errors(), "request": self.composition.request.as_dict(),
                "delivered": self.composition.delivered.as_dict(),
                "partial": self.composition.partial,
                "combined_evidence": self.composition.combined.to_dict()
                if self.composition.combined else None,
                "checks": self.note or "verified by running the scenarios"}


def exercise_from_files(program: Path, description: Path | None = None,
                        scenarios: Path | None = None) -> Exercise:
    """An ad-hoc exercise from a program file and optional description and scenarios."""
    source = read_program(program)
    text = read_text(description).strip() + "\n" if description else \
        f"The program {program.name}.\n"
    found = parse_scenarios(read_text(scenarios), scenarios) if scenarios else ()
    slug = program.stem.lower().replace("-", "_")
    return Exercise(slug, text, source, found, program.parent, scenarios_given=bool(found))


def inject(exercise: Exercise, request: Request, seed: int, sandbox: Sandbox,
           allow_partial: bool = False) -> InjectResult:
    catalog = catalog_for(exercise, sandbox)
    composition = compose(catalog, request, seed, sandbox, allow_partial)
    user, assistant, _ = build_messages(exercise, composition, seed)
    return InjectResult(exercise, composition, user, assistant, catalog.prepared.note)
