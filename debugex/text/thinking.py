"""The thinking paragraph: what the program does, and per error the spot chosen, the
misconception behind it and what the student will notice first; a sentence on how the
errors interact only when the composition computed one; a closing remark only when it is
true of the draft. The plan (what leads, the order of the errors) varies per draft.
"""

from __future__ import annotations

import ast
import random
from collections.abc import Sequence
from functools import lru_cache

from .evidence import article, input_phrase, listing, plural, symptom
from .facts import ErrorFacts
from .phrasings import WHY
from .premises import left_off
from .program import line_text, spot_of, squash, visible
from .summary import program_summary

ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
            "ninth", "tenth")


def _label(facts: ErrorFacts) -> str:
    """A short name for the mistake: the injector's own label or description."""
    from ..injectors import get_injector

    if facts.kind == "boundary_slip":
        return "a boundary slip in a comparison"
    if facts.kind == "reversed_comparison":
        return "a comparison turned the wrong way round"
    if facts.kind == "unclosed_bracket" and left_off(facts):  # as the line shows it
        return f"a closing bracket left off {left_off(facts)}"
    try:
        injector = get_injector(facts.injector)
    except KeyError:
        return f"{article(facts.error_class)} {facts.error_class} mistake"
    if injector.label:
        return injector.label
    text = injector.description().split(" (`", 1)[0].rstrip(".")
    if text.split(" ", 1)[0] == "Python":
        return text
    return text[:1].lower() + text[1:]


def _why(facts: ErrorFacts, incorrect: str, rng: random.Random, description: str = "") -> str:
    from .explanations import fill, honest

    values = facts.params(incorrect, description)
    options = [t for t in (fill(p, values) for p in WHY.get(facts.kind, ())) if t]
    options = [t for t in options if honest(t, incorrect)]
    if not options:
        from ..injectors import get_injector

        try:
            options = [get_injector(facts.injector).why]
        except KeyError:
            options = [f"It is the kind of {facts.error_class} slip a beginner makes "
                       "without noticing."]
    return rng.choice(options)


def _spot(facts: ErrorFacts, correct: str, incorrect: str, rng: random.Random) -> str:
    """Where the error sits, naming only what the student can see."""
    spot = spot_of(correct, facts.origin_line)
    parts = []
    if spot.function and visible(spot.function, incorrect):
        parts.append(rng.choice([f"inside `{spot.function}`", f"in the function "
                                 f"`{spot.function}`"]))
    if spot.loop and all(visible(q, incorrect) for q in spot.loop.split("`")[1::2]):
        parts.append(rng.choice([f"in the body of {spot.loop}", f"within {spot.loop}"]))
    elif spot.condition and len(spot.condition) < 40 and squash(spot.condition) in squash(
            line_text(incorrect, spot.condition_line + facts.line - facts.origin_line)):
        # the test as the student sees it on its own line, not merely somewhere
        parts.append(rng.choice([f"under the test `{spot.condition}`",
                                 f"in the branch taken when `{spot.condition}` holds"]))
    if not parts:
        parts.append(rng.choice(["outside any function",
                                 "in the main part of the program"]))
    return ", ".join(parts)


def _said(ev) -> str:
    """Python's own message, quoted, when it is short enough to read in a sentence."""
    message = " ".join((ev.message or "").split())
    return f'"{message}"' if message and len(message) <= 60 and '"' not in message else ""


def _noticed(facts: ErrorFacts, rng: random.Random) -> str:
    """What the student meets first with this error alone."""
    ev = facts.evidence
    said = _said(ev)
    if facts.error_class == "syntax":
        where = ev.reported_line or facts.line
        exc = ev.exc_class or "SyntaxError"
        if where != facts.line:
            look = "back" if where > facts.line else "further down"
            return rng.choice([
                f"Python refuses to start and points at line {where}, not at line "
                f"{facts.line}, so the student has to look {look} from the message",
                f"the {exc} is reported on line {where}, which is not where the slip is"])
        if said:
            return rng.choice([f"Python refuses to run the program and reports {said} on "
                               f"line {where}",
                               f"the student reads {said} for line {where} before a single "
                               "line runs",
                               f"nothing runs: the {exc} says {said}"])
        return rng.choice([f"Python refuses to run the program at all and names line {where}",
                           f"the student gets {article(exc)} {exc} before a single line runs"])
    if facts.error_class == "runtime":
        exc = ev.exc_class or "an exception"
        named = f"{article(exc)} {exc}" + (f" ({said})" if said and rng.random() < 0.7 else "")
        case = f"the call `{ev.call}`" if ev.call else input_phrase(ev.stdin)
        if case:
            tried = case.replace("with the input", "the input") if not ev.call else case
            return rng.choice([f"the program crashes with {named} {case}" if not ev.call
                               else f"{case} crashes with {named}",
                               f"{named} appears once the student tries {tried}"])
        return rng.choice([f"the program stops with {named} when it reaches line "
                           f"{ev.reported_line or facts.line}",
                           f"{named} ends the run at line {ev.reported_line or facts.line}"])
    found = symptom(ev)
    if found is None:
        return rng.choice(["nothing crashes, and only the output gives it away",
                           "the program runs to the end; only its output is off"])
    case, seen = found
    if case.startswith("`"):
        return rng.choice([f"nothing crashes, but {case} {seen}",
                           f"the program runs, and {case} quietly {seen}"])
    if case == "when it runs":
        return rng.choice([f"nothing crashes, but {seen}", f"the run finishes and {seen}"])
    return rng.choice([f"nothing crashes, but {case} {seen}",
                       f"the program runs to the end, yet {case} {seen}",
                       f"only the output betrays it: {case} {seen}"])


_LEADS = (
    "On line {line}, {spot}, I placed {a_class} error: {what}.",
    "Line {line}, {spot}, gets {a_class} error ({what}).",
    "For the {nth} error I chose line {line}, {spot}: {what}.",
    "{Spot}, line {line} is a natural place for {a_class} error: {what}.",
    "The {nth} error, {a_class} one, goes on line {line}, {spot}: {what}.",
    "The {nth} spot is line {line}, {spot}, where I introduced this {cls} mistake: {what}.",
)

_CONNECT = (" {lead}, because {why}", " {lead} - {why}", " {lead}; {why}")
_NOTICED = ("Here {noticed}.", "The student will notice it because {noticed}.",
            "What shows first: {noticed}.", "In practice {noticed}.")
_NOTICED_ALONE = ("With this mistake alone, {noticed}.",
                  "With only this error in the code, {noticed}.",
                  "On its own, {noticed}.", "Taken alone, {noticed}.")


_AGAIN = ("twice", "a third time", "a fourth time", "a fifth time")


def _again(times: int, rng: random.Random) -> str:
    """The misconception met again: `times` is how often the student has met it so far,
    this error included (2 for the second occurrence)."""
    count = _AGAIN[times - 2] if 2 <= times < len(_AGAIN) + 2 else f"{times} times"
    return rng.choice([
        "It is the same misconception as before, met again in a new place.",
        f"The misconception is the one already described, so the student meets it {count}."])


def error_sentences(facts: ErrorFacts, nth: int, correct: str, incorrect: str,
                    rng: random.Random, repeat: bool | int, several: bool = False,
                    description: str = "") -> str:
    """The sentences on one error; `repeat` is how many errors of the same kind came
    before it (0 or False: none)."""
    spot = _spot(facts, correct, incorrect, rng)
    what = _label(facts)
    if repeat:
        what = f"another instance of {what}"
    lead = rng.choice(_LEADS).format(line=facts.line, spot=spot, what=what,
                                     a_class=f"{article(facts.error_class)} "
                                             f"{facts.error_class}", cls=facts.error_class,
                                     Spot=spot[:1].upper() + spot[1:],
                                     nth=ORDINALS[nth] if nth < len(ORDINALS) else "next")
    why = _why(facts, incorrect, rng, description) if not repeat else _again(
        int(repeat) + 1, rng)
    noticed = _noticed(facts, rng)
    # the lead and the misconception make one sentence, the symptom another
    first = rng.choice(_CONNECT).format(lead=lead.rstrip("."),
                                        why=why if why.startswith(("`", "Python", "I "))
                                        else why[:1].lower() + why[1:]).strip()
    if first.endswith("..") or not first.endswith("."):
        first = first.rstrip(".") + "."
    shown = rng.choice(_NOTICED_ALONE if several else _NOTICED).format(noticed=noticed)
    return first + " " + shown


def _kinds(errors: Sequence[ErrorFacts], exclude: str | None = None) -> str:
    """'the runtime error and the 2 logical errors' (after 'The', drop the first 'the')."""
    counts = {c: sum(e.error_class == c for e in errors) for c in ("syntax", "runtime",
                                                                   "logical")}
    parts = [f"{c} error" if n == 1 else plural(n, f"{c} error")
             for c, n in counts.items() if n and c != exclude]
    return listing([parts[0]] + [f"the {p}" for p in parts[1:]]) if parts else ""


def closing(errors: Sequence[ErrorFacts], rng: random.Random) -> str:
    """One remark on the draft as a whole, chosen among those that hold; '' when none."""
    if len(errors) < 2:
        return ""
    lines = sorted(e.line for e in errors)
    classes = {e.error_class for e in errors}
    true = []
    if len(set(lines)) == len(lines) and lines[-1] - lines[0] >= 2 * len(lines):
        true.append(rng.choice([
            f"The {_kinds(errors)} sit on separate lines, from line {lines[0]} to line "
            f"{lines[-1]}.",
            f"Between line {lines[0]} and line {lines[-1]} sit the {_kinds(errors)}, "
            "each on a line of its own.",
            f"No two of the {_kinds(errors)} share a line; they run from line {lines[0]} "
            f"to line {lines[-1]}."]))
    if len(set(lines)) < len(lines):
        shared = sorted({n for n in lines if lines.count(n) > 1})
        true.append(f"Line{'s' if len(shared) > 1 else ''} {listing([str(n) for n in shared])}"
                    f" carr{'y' if len(shared) > 1 else 'ies'} more than one error, so "
                    "fixing one slip there does not finish the line.")
    if lines[-1] - lines[0] <= 3:
        true.append(rng.choice([f"All {len(errors)} of them, the {_kinds(errors)}, sit within "
                                f"lines {lines[0]} to {lines[-1]}.",
                                f"The {_kinds(errors)} are packed into lines {lines[0]} to "
                                f"{lines[-1]}."]))
    if classes == {"logical"}:
        true.append(rng.choice([
            "None of them stops the program, so the student has to compare what it prints "
            "with what the task asks for.",
            f"Since all {plural(len(errors), 'error')} are logical, the program always "
            "finishes and only careful testing reveals them."]))
    syntax = [e for e in errors if e.error_class == "syntax"]
    if syntax and len(classes) > 1:
        true.append(rng.choice([
            f"As long as a syntax error remains, the {_kinds(errors, 'syntax')} cannot "
            "show, because nothing runs.",
            f"The {_kinds(errors, 'syntax')} will stay out of sight until every syntax error is "
            "gone, since Python runs nothing before that.",
            f"Nothing runs while {'the syntax error' if len(syntax) == 1 else 'any syntax error'}"
            f" is there, so the {_kinds(errors, 'syntax')} will only surface later."]))
    return rng.choice(true) if true and rng.random() < 0.8 else ""


def interplay_text(interplay, errors: Sequence[ErrorFacts], rng: random.Random) -> str:
    """How the errors interact, from the facts the composition computed; '' when
    nothing is unexpected."""
    if interplay is None or not interplay.nontrivial:
        return ""
    kind = {e.line: e.error_class for e in errors}
    if interplay.hidden:
        by_fix: dict[int, list[int]] = {}
        for line, by in interplay.hidden:
            if line not in by_fix.setdefault(by, []):
                by_fix[by].append(line)
        parts = []
        for by, hidden in sorted(by_fix.items()):
            named = listing([f"the {kind.get(n, '')} error on line {n}".replace("  ", " ")
                             for n in sorted(hidden)])
            verb = "shows" if len(hidden) == 1 else "show"
            fixer = f"the {kind.get(by, '')} error on line {by}".replace("  ", " ")
            parts.append(rng.choice([
                f"{named} {verb} nothing until {fixer} is fixed",
                f"{named} only {'becomes' if len(hidden) == 1 else 'become'} visible once "
                f"{fixer} is fixed",
                f"{fixer} hides {named}"]))
        lead = rng.choice(["Fixed in the order the student meets them, ",
                           "While the student works through them, ",
                           "The errors also mask each other: "])
        text = "; ".join(parts)
        return lead + text + "."
    earlier = interplay.earlier_of_same_class()
    shown = interplay.classes[interplay.met[0]]
    return rng.choice([
        f"The first problem the student will see comes from line {interplay.first}, although "
        f"the {shown} error on line {earlier} comes earlier in the program.",
        f"Python reports line {interplay.first} first, even though the {shown} error on line "
        f"{earlier} sits above it."])


def program_facts(correct: str) -> dict:
    return dict(_program_facts(correct))


@lru_cache(maxsize=256)
def _program_facts(correct: str) -> dict:
    """Walked once per program: every draft of an exercise names the same facts."""
    try:
        tree = ast.parse(correct)
    except SyntaxError:
        return {}
    functions = [n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
    inputs = sum(isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                 and n.func.id == "input" for n in ast.walk(tree))
    loops = sum(isinstance(n, ast.For | ast.While) for n in ast.walk(tree))
    return {"functions": functions, "inputs": inputs, "loops": loops}


def structure_sentence(correct: str, rng: random.Random) -> str:
    """What the correct program is made of: its functions, inputs and loops."""
    facts = program_facts(correct)
    if not facts:
        return ""
    parts = []
    if facts["functions"]:
        names = [f"`{n}`" for n in facts["functions"][:3]]
        kind = rng.choice(["defines", "is built around"])
        parts.append(f"{kind} {listing(names)}" if len(facts["functions"]) <= 3
                     else f"defines {len(facts['functions'])} functions")
    if facts["inputs"]:
        parts.append(rng.choice([f"asks for input in {plural(facts['inputs'], 'place')}",
                                 f"calls `input()` {plural(facts['inputs'], 'time')}"]))
    if facts["loops"]:
        parts.append(rng.choice([f"has {plural(facts['loops'], 'loop')}",
                                 f"repeats work in {plural(facts['loops'], 'loop')}"]))
    if not parts:
        return ""
    lead = rng.choice(["Its code ", "The solution ", "The correct program ",
                       "The original program "])
    return lead + listing(parts) + "."


def _met_order(interplay, errors: Sequence[ErrorFacts]) -> list[int] | None:
    """The draft's errors (indices) in the order the student meets them. The interplay
    numbers errors in the order they were composed, so they are matched by line and
    class; None when that order is not fully known."""
    if interplay is None or not interplay.met:
        return None
    free = list(range(len(errors)))
    order = []
    for m in interplay.met:
        line, kind = interplay.lines[m], interplay.classes[m]
        match = next((i for i in free if errors[i].line == line
                      and errors[i].error_class == kind), None)
        if match is None:
            return None
        free.remove(match)
        order.append(match)
    return order if not free else None


def thinking(description: str, correct: str, incorrect: str, errors: Sequence[ErrorFacts],
             asked: str, rng: random.Random, partial: str = "", interplay=None) -> str:
    """The whole thinking paragraph for one draft."""
    summary = program_summary(description, rng)
    structure = structure_sentence(correct, rng) if rng.random() < 0.6 else ""
    request = rng.choice([f"The request is for {asked}", f"I need {asked}",
                          f"This exercise asks for {asked}",
                          f"The teacher wants {asked}"])
    summary_first = rng.random() < 0.6
    order = list(range(len(errors)))
    plan = rng.randrange(3)
    met = _met_order(interplay, errors)
    if plan == 1 and met and sorted(met) == order and len(order) > 1:  # the order met
        order = list(met)
        request += rng.choice(["; I take them in the order the student will meet them",
                               ", described here in the order the student runs into them",
                               " - below, in the order they will surface"])
    elif plan == 2 and len({e.error_class for e in errors}) > 1:
        rank = {"syntax": 0, "runtime": 1, "logical": 2}
        order.sort(key=lambda i: (rank[errors[i].error_class], errors[i].line))
        request += rng.choice(["; I go through them class by class",
                               ", grouped below by class"])
    request += "."
    head = [summary, structure, request] if summary_first else [request, summary, structure]
    seen: dict[str, int] = {}
    body = []
    for nth, index in enumerate(order):
        facts = errors[index]
        body.append(error_sentences(facts, nth, correct, incorrect, rng,
                                    repeat=seen.get(facts.kind, 0), several=len(errors) > 1,
                                    description=description))
        seen[facts.kind] = seen.get(facts.kind, 0) + 1
    tail = [partial, interplay_text(interplay, errors, rng), closing(errors, rng)]
    return "\n".join(p for p in head + body + tail if p)
