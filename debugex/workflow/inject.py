"""`debugex inject`: one exercise, now: compose the requested errors, prove, render."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..content import ContentError, Exercise, parse_scenarios, read_program, read_text
from ..engine import (
    DEFAULT_LOCATION_STYLE,
    ComposeOptions,
    Composition,
    CorrectProgramError,
    InfeasibleRequest,
    SiteCatalog,
    build_messages,
    catalog_for,
    compose,
    phase,
    scenario_inputs,
    with_location_style,
)
from ..formats import (
    AssistantMessage,
    Request,
    UserMessage,
    nesting_problem,
    render_assistant,
    render_user,
)
from ..sandbox import Sandbox
from ..scenarios import first_difference
from ..text import DEFAULT_STYLE


@dataclass
class InjectResult:
    exercise: Exercise
    composition: Composition
    user: UserMessage
    assistant: AssistantMessage
    note: str | None  # how the program was checked, when not by its own scenarios
    inputs: list | None = None  # per error: stdin of the scenario that proved it
    style: str = DEFAULT_STYLE
    locations: str = DEFAULT_LOCATION_STYLE

    @property
    def user_xml(self) -> str:
        return render_user(self.user)

    @property
    def assistant_xml(self) -> str:
        return render_assistant(self.assistant)

    def errors(self) -> list[dict]:
        return [{"error_class": p.edit.error_class, "injector": p.edit.injector,
                 "line": p.line, "explanation": text, "edit": p.edit.to_dict(),
                 "evidence": p.verdict.to_dict(),
                 "case": {"stdin": list(stdin) if stdin is not None else None}}
                for p, text, stdin in zip(self.composition.errors, self.assistant.explanations,
                                          self.inputs or [None] * len(self.composition.errors),
                                          strict=True)]

    def to_json(self) -> dict:
        return {"user_xml": self.user_xml, "assistant_xml": self.assistant_xml,
                "errors": self.errors(), "request": self.composition.request.as_dict(),
                "delivered": self.composition.delivered.as_dict(),
                "partial": self.composition.partial,
                "composition": composition_record(self.composition),
                "combined_evidence": self.composition.combined.to_dict()
                if self.composition.combined else None,
                "checks": self.note or "verified by running the scenarios",
                "style": self.style,
                **({"locations": self.locations}
                   if self.locations != DEFAULT_LOCATION_STYLE else {})}


def default_description(program: Path) -> str:
    """The description used when none is given; `inject` says so whenever it is used."""
    return f"The program {program.name}.\n"


def composition_record(composition: Composition) -> dict:
    """The facts of a composition beyond its errors: density, interplay, reuse, shortfall."""
    return {
        "density": composition.density.to_dict() if composition.density else None,
        "interplay": composition.interplay.to_dict() if composition.interplay else None,
        "interplay_failures": composition.interplay_failures,
        "repeated_edits": composition.repeated, "same_line": composition.same_line,
        "shortfall": composition.shortfall.to_dict() if composition.shortfall else None,
    }


def exercise_from_files(program: Path, description: Path | None = None,
                        scenarios: Path | None = None) -> Exercise:
    """An ad-hoc exercise from a program file and optional description and scenarios."""
    source = read_program(program)
    if description:
        text = read_text(description).strip() + "\n"
        if not text.strip():
            raise ContentError(description, "file is empty (it should say what the "
                               "program must do)")
    else:
        text = default_description(program)
    try:
        found = parse_scenarios(read_text(scenarios), scenarios) if scenarios else ()
    except RecursionError:  # tomllib recurses per level of nesting
        raise ContentError(scenarios, "nested too deeply for debugex to read") from None
    slug = program.stem.lower().replace("-", "_")
    return Exercise(slug, text, source, found, program.parent, scenarios_given=bool(found))


def check_expected_output(exercise: Exercise, catalog: SiteCatalog) -> None:
    """Refuse an exercise whose correct program does not print a scenario's expected
    stdout (as `check` does): its errors would be proven against the wrong oracle."""
    expected = {s.name: s.stdout for s in exercise.scenarios if s.stdout is not None}
    prepared = catalog.prepared
    for scenario, outcome in zip(prepared.scenarios, prepared.oracle, strict=True):
        want = expected.get(scenario.name)
        if want is not None and outcome.stdout != want:
            raise CorrectProgramError(
                f"{exercise.slug}: the correct program does not print the expected stdout "
                f"of scenario {scenario.name!r} ({first_difference(want, outcome.stdout)}); "
                "fix the program or the scenario")


def what_fits(exercise: Exercise, request: Request, seed: int, sandbox: Sandbox
              ) -> Request | None:
    """How many of the requested errors can be combined and proven (what allow_partial
    would inject), or None when not even one can."""
    try:
        return inject(exercise, request, seed, sandbox, allow_partial=True) \
            .composition.delivered
    except InfeasibleRequest:
        return None


def inject(exercise: Exercise, request: Request, seed: int, sandbox: Sandbox,
           allow_partial: bool = False, options: ComposeOptions | None = None,
           style: str = DEFAULT_STYLE, locations: str = DEFAULT_LOCATION_STYLE
           ) -> InjectResult:
    """`locations`: how error locations are written (see `engine.locations`)."""
    deep = nesting_problem(exercise.source)
    if deep:  # refused before any parse that would exhaust the recursion
        raise CorrectProgramError(f"{exercise.slug}: {deep}")
    with phase("sites"):
        catalog = catalog_for(exercise, sandbox)
    check_expected_output(exercise, catalog)
    # One exercise asked for by hand: the user's counts stand, no density cap unless given.
    options = options or ComposeOptions(max_density=None)
    with phase("compose"):
        composition = compose(catalog, request, seed, sandbox, allow_partial, options)
    scenarios = catalog.prepared.scenarios
    with phase("text"):
        user, assistant, _ = build_messages(exercise, composition, seed, scenarios, style)
        assistant = with_location_style(assistant, exercise.source, locations)
    return InjectResult(exercise, composition, user, assistant, catalog.prepared.note,
                        scenario_inputs(composition, scenarios), style, locations)
