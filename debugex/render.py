"""Turn a proven composition into the user and assistant messages."""

from __future__ import annotations

import random
import re

from .compose import Composition
from .content import Exercise
from .explain import call_fact, explain, pick_phrasing
from .injectors import get_injector
from .interplay import interplay_sentence
from .messages import AssistantMessage, Request, UserMessage, template


def describe_request(request: Request) -> str:
    parts = [f"{request.count(c)} {c} error{'s' if request.count(c) != 1 else ''}"
             for c in ("syntax", "runtime", "logical") if request.count(c)]
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return parts[0] if parts else "no errors"


_TASK = re.compile(r"^(?:write|create|make)\s+(?:a\s+)?(?:python\s+)?program\s+(?:that|which)"
                   r"\s+", re.IGNORECASE)


def _summary(description: str) -> str:
    """'This program ...' from a task that starts 'Write a program that ...', else ''."""
    first = " ".join(description.split())
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    match = _TASK.match(sentence)
    if not match:
        return ""
    rest = sentence[match.end():].rstrip(".!?")
    return f"This program {rest}."


def _what(injector_id: str) -> str:
    """A short name for the mistake: the injector's label, else its description."""
    injector = get_injector(injector_id)
    if injector.label:
        return injector.label
    text = injector.description().split(" (`", 1)[0].rstrip(".")
    if text.split(" ", 1)[0] == "Python":
        return text
    return text[:1].lower() + text[1:]


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


def build_messages(exercise: Exercise, composition: Composition, seed: int
                   ) -> tuple[UserMessage, AssistantMessage, list[str]]:
    """(user message, assistant message, one explanation per error in order)."""
    rng = random.Random(f"render|{seed}|{composition.source}")
    user = UserMessage(exercise.description, exercise.source, composition.request)
    explanations = [explain(p.edit, p.line, pick_phrasing(rng, p.edit))
                    for p in composition.errors]
    several = len(composition.errors) > 1
    for n, placed in enumerate(composition.errors):  # what a function call showed
        if placed.verdict.call is not None:
            fact = call_fact(placed.verdict, several, rng.randrange(3))
            explanations[n] = f"{explanations[n]} {fact}".rstrip()
    seen: set[str] = set()
    errors = []
    for placed in composition.errors:
        injector_id = placed.edit.injector
        errors.append({"line": placed.line, "error_class": placed.edit.error_class,
                       "what": _what(injector_id), "why": get_injector(injector_id).why,
                       "repeat": injector_id in seen})
        seen.add(injector_id)
    thinking = template("thinking.j2").render(
        summary=_summary(exercise.description), asked=describe_request(composition.request),
        variant=rng.randrange(6), partial=partial_note(composition), errors=errors,
        interplay=interplay_sentence(composition.interplay) if composition.interplay else "",
        # the computed facts (first, order, hidden), for text that wants more than a sentence
        interplay_facts=composition.interplay.to_dict() if composition.interplay else None)
    assistant = AssistantMessage(
        thinking=thinking, program=composition.source,
        locations=tuple(p.line for p in composition.errors),
        explanations=tuple(explanations), note=partial_note(composition))
    return user, assistant, explanations
