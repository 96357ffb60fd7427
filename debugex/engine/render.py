"""Turn a proven composition into the user and assistant messages."""

from __future__ import annotations

import random
from collections.abc import Sequence

from ..content import Exercise, Scenario
from ..formats import AssistantMessage, Request, UserMessage
from ..text import DEFAULT_STYLE, ErrorFacts, explanation, thinking
from .compose import Composition


def describe_request(request: Request) -> str:
    parts = [f"{request.count(c)} {c} error{'s' if request.count(c) != 1 else ''}"
             for c in ("syntax", "runtime", "logical") if request.count(c)]
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return parts[0] if parts else "no errors"


def partial_note(composition: Composition) -> str:
    if not composition.partial:
        return ""
    if composition.shortfall is not None:
        return composition.shortfall.statement()
    missing = []
    for c in ("syntax", "runtime", "logical"):
        asked, got = composition.request.count(c), composition.delivered.count(c)
        if got < asked:
            missing.append(f"{asked} {c} error{'s' if asked != 1 else ''} were asked for but "
                           f"only {got} could be placed and proven in this program")
    return ("Note: " + "; ".join(missing) + ", so this exercise has fewer errors than "
            "requested.")


def scenario_inputs(composition: Composition, scenarios: Sequence[Scenario] | None
                    ) -> list[tuple[str, ...] | None]:
    """The stdin of the scenario that proved each error (None when not known)."""
    by_name = {s.name: s.stdin for s in scenarios or ()}
    return [by_name.get(p.verdict.scenario) if p.verdict.scenario else None
            for p in composition.errors]


def build_messages(exercise: Exercise, composition: Composition, seed: int,
                   scenarios: Sequence[Scenario] | None = None, style: str = DEFAULT_STYLE
                   ) -> tuple[UserMessage, AssistantMessage, list[str]]:
    """(user message, assistant message, one explanation per error in order).

    `scenarios` are the ones the errors were proven on, so that an explanation can name
    the input that shows each error; `style` is teacher (default) or terse."""
    rng = random.Random(f"render|{seed}|{composition.source}")
    user = UserMessage(exercise.description, exercise.source, composition.request)
    inputs = scenario_inputs(composition, scenarios)
    facts = [ErrorFacts.of(p, exercise.source, stdin)
             for p, stdin in zip(composition.errors, inputs, strict=True)]
    several = len(facts) > 1
    explanations = [explanation(f, composition.source, rng, style, several) for f in facts]
    interplay = composition.interplay
    thought = thinking(
        exercise.description, exercise.source, composition.source, facts,
        describe_request(composition.request),
        random.Random(f"thinking|{seed}|{composition.source}"),  # the same in every style
        partial=partial_note(composition),
        interplay=interplay)
    assistant = AssistantMessage(
        thinking=thought, program=composition.source,
        locations=tuple(p.line for p in composition.errors),
        explanations=tuple(explanations), note=partial_note(composition))
    return user, assistant, explanations


def rerender_explanations(draft: dict, correct: str, incorrect: str, style: str) -> list[str]:
    """A stored draft's explanations in another style, from its error records alone."""
    rng = random.Random(f"render|{draft.get('seed', 0)}|{incorrect}|{style}")
    several = len(draft["errors"]) > 1
    return [explanation(ErrorFacts.from_record(e, correct), incorrect, rng, style, several)
            for e in draft["errors"]]
