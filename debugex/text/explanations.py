"""`Line N: ...` explanations written from the evidence.

Teacher style: the cause (our phrasing per injector, quoting only code the student can
see), then what was observed - the input and the first differing output line (logical),
the exception and the input that triggers it (runtime), the error Python reports and
where, when that is not the edited line (syntax). Terse style: one short sentence.
"""

from __future__ import annotations

import random
import re
import string
from functools import lru_cache

from .class_words import claimed_class
from .evidence import article, crash, symptom, syntax_report
from .facts import ErrorFacts
from .phrasings import CAUSES, TERSE
from .program import backtick_spans, line_text, never_closed, visible
from .styles import DEFAULT_STYLE, STYLES  # noqa: F401 - re-exported

KNOWN_EXCEPTIONS = ("NameError", "TypeError", "ValueError", "IndexError", "KeyError",
                    "ZeroDivisionError", "AttributeError", "UnboundLocalError")


OPTIONAL = frozenset({"tail"})  # details that may be empty
WHEN = "when_"  # a premise placeholder


def fill(template: str, values: dict[str, str]) -> str | None:
    """The template with its placeholders filled, or None when one is not supplied. A
    `{when_...}` placeholder is a premise (see `premises`): it prints nothing, and the
    template is used only when the fact it names holds."""
    names = _fields(template)
    if any(values.get(n) is None or values.get(n) == "" and n not in OPTIONAL
           for n in names):
        return None
    return template.format_map({**values, **{n: "" for n in names if n.startswith(WHEN)}})


@lru_cache(maxsize=1024)
def _fields(template: str) -> tuple[str, ...]:
    """The placeholders of a template (templates are a fixed set: parsed once each)."""
    return tuple(f for _, f, _, _ in string.Formatter().parse(template) if f)


def honest(text: str, incorrect: str) -> bool:
    """Every piece of code quoted in `text` can be seen in the incorrect program."""
    return all(visible(span, incorrect) for span in backtick_spans(text))


def _unterminated(facts: ErrorFacts, incorrect: str) -> list[str]:
    found = never_closed(incorrect, facts.line)
    if found is None:
        return []
    row, text = found
    where = "" if row == facts.line else f" on line {row}"
    quote = text[0]
    return [f"the string that begins at `{text}`{where} is never closed: Python reads "
            f"on to the end of the line looking for another `{quote}`",
            f"`{text}`{where} opens a string with `{quote}` and nothing closes it"]


def causes(facts: ErrorFacts, incorrect: str, rng: random.Random) -> list[str]:
    """Every phrasing of this error's cause that is complete and quotes only visible
    code, in a random order; the generic one last."""
    values = facts.params(incorrect)
    if facts.injector == "unterminated_string":
        found = _unterminated(facts, incorrect)
    else:
        found = [t for t in (fill(p, values) for p in CAUSES.get(facts.kind, ())) if t]
    found = [t for t in found if honest(t, incorrect)]
    rng.shuffle(found)
    return found + [generic_cause(facts, incorrect)]


GENERIC_MARKS = ("Python's complaint about", "fails here:", "sends the program down")


def generic_cause(facts: ErrorFacts, incorrect: str) -> str:
    """For an injector we have no phrasings for: the line as the student sees it and what
    the run reported (the message Python gave, or the output that changed)."""
    code = line_text(incorrect, facts.line)
    quoted = f"`{code}`" if code and len(code) <= 60 else "this line"
    message = " ".join(facts.evidence.message.split())
    if facts.error_class == "syntax":
        said = f" is \"{message}\"" if message and '"' not in message else ""
        return f"Python's complaint about {quoted}{said}"
    if facts.error_class == "runtime":
        if message and len(message) <= 60 and '"' not in message:
            return f"{quoted} fails here: Python says \"{message}\""
        return f"{quoted} fails here when it runs"
    return f"{quoted} sends the program down a path the task does not ask for"


def tidy(text: str) -> str:
    """Runs of spaces and line breaks in our words made single; inside `...` quotes
    the code keeps its spaces (a line break becomes a space)."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: no quotes to keep
        return " ".join(text.split())
    return "`".join(re.sub(r"\s+", " ", p) if i % 2 == 0 else p.replace("\n", " ")
                    for i, p in enumerate(parts)).strip()


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def evidence_sentence(facts: ErrorFacts, rng: random.Random) -> str:
    """What was observed, as one sentence (without the class word for logical errors)."""
    ev = facts.evidence
    if facts.error_class == "syntax":
        exc = ev.exc_class or "SyntaxError"
        report = syntax_report(ev, facts.line)
        if report:
            return _capital(report) + "."
        return rng.choice([f"Python stops with {article(exc)} {exc} before running anything.",
                           f"The program does not start: this is {article(exc)} {exc}."])
    if facts.error_class == "runtime":
        text = crash(ev, facts.line)
        if ev.exc_class not in KNOWN_EXCEPTIONS:
            text += " (a runtime error)"
        return _capital(text) + "."
    found = symptom(ev)
    if found is None:
        return ""
    case, seen = found
    if case.startswith("`"):  # a call
        return rng.choice([f"The call {case} {seen}.", f"{case} {seen}."])
    if case == "when it runs":
        return rng.choice([f"When it runs, {seen}.", f"{_capital(seen)}."])
    return rng.choice([f"{_capital(case)}, {seen}.", f"{_capital(case)} {seen}."])


def _class_word(facts: ErrorFacts, rng: random.Random) -> str:
    if facts.error_class == "logical":
        return rng.choice([" - a logical error", " (a logical error)",
                           ", which is a logical error"])
    return ""


_ALONE = ("On its own, ", "By itself, ", "With only this mistake, ")


def explanation(facts: ErrorFacts, incorrect: str, rng: random.Random,
                style: str = DEFAULT_STYLE, several: bool = False) -> str:
    """One `Line N: ...` entry for this error, true of `incorrect`. The evidence is of
    the error alone, so with `several` errors the sentence says so."""
    if style == "terse":
        return terse(facts, incorrect)
    for cause in causes(facts, incorrect, rng):
        observed = evidence_sentence(facts, rng)
        if observed and several and facts.error_class != "syntax":
            observed = rng.choice(_ALONE) + observed[:1].lower() + observed[1:]
        # spaces are tidied in our words only: quoted code and output keep their own
        text = tidy(f"Line {facts.line}: {cause}{_class_word(facts, rng)}.")
        if observed and honest(observed, incorrect) or observed and facts.evidence.call:
            text += " " + observed
        if names_only(text, facts.error_class):
            return text
    return f"Line {facts.line}: {generic_cause(facts, incorrect)} ({facts.error_class} error)."


def terse(facts: ErrorFacts, incorrect: str) -> str:
    """One short sentence: what is wrong and the class."""
    values = facts.params(incorrect)
    text = fill(TERSE.get(facts.kind, ""), values) if facts.kind in TERSE else None
    label = {"syntax": "Syntax error", "runtime": "Runtime error",
             "logical": "Logical error"}[facts.error_class]
    if facts.error_class == "runtime" and facts.evidence.exc_class in KNOWN_EXCEPTIONS:
        label = f"{facts.evidence.exc_class}"
    if facts.error_class == "syntax" and facts.evidence.exc_class == "IndentationError":
        label = "IndentationError"
    if not text:
        code = line_text(incorrect, facts.line)
        text = f"`{code}` is wrong." if code and len(code) <= 50 else "this line is wrong."
    candidate = f"Line {facts.line}: {label}: {text}"
    if not names_only(candidate, facts.error_class):
        candidate = f"Line {facts.line}: {label}."
    return candidate


def names_only(text: str, error_class: str) -> bool:
    """The audit reads the class an explanation names; it must be this one alone."""
    return claimed_class(text) == error_class
