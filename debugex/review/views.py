"""What a person sees of a draft: the diff of the correct and the incorrect program with
the error lines marked, the explanations and how each error was proven, for the terminal
(`terminal_view`) and as data for the review page (`page_view`)."""

from __future__ import annotations

import difflib
import json

import click

from ..formats import parse_assistant, parse_user
from .intraline import mark_pairs

CLASS_COLOURS = {"syntax": "magenta", "runtime": "red", "logical": "yellow"}


def diff_rows(correct: str, incorrect: str) -> list[tuple[str, int | None, int | None, str]]:
    """(kind, correct line no., incorrect line no., text): kind is same, old or new."""
    old, new = correct.splitlines(), incorrect.splitlines()
    rows: list[tuple[str, int | None, int | None, str]] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [("same", i1 + k + 1, j1 + k + 1, old[i1 + k]) for k in range(i2 - i1)]
            continue
        rows += [("old", i + 1, None, old[i]) for i in range(i1, i2)]
        rows += [("new", None, j + 1, new[j]) for j in range(j1, j2)]
    return rows


def terminal_view(draft: dict, assistant_xml: str | None = None, context: int = 1) -> str:
    """The draft for a person: description, coloured diff with error lines marked,
    explanations and the proof of each error."""
    user = parse_user(draft["user_xml"])
    assistant = parse_assistant(assistant_xml or draft["assistant_xml"])
    errors_at = {}
    for error in draft["errors"]:
        errors_at.setdefault(error["line"], []).append(error)
    out = [click.style(f"draft {draft['id']}", bold=True) +
           f"  exercise {draft['exercise']}  request {json.dumps(draft['request'])}"
           + (f"  partial: delivers {json.dumps(draft['delivered'])}"
              if draft.get("partial") else ""),
           "", click.wrap_text(user.description, width=88, preserve_paragraphs=True), ""]
    rows = diff_rows(user.program, assistant.program)
    changed = {n for n, row in enumerate(rows) if row[0] != "same"} | {
        n for n, row in enumerate(rows) if row[2] in assistant.locations}
    for n, (kind, old_no, new_no, text) in enumerate(rows):
        if not any(abs(n - c) <= context for c in changed):
            continue
        if kind == "old":
            out.append(click.style(f"  -{old_no:>4} | {text}", fg="green"))
        elif kind == "new":
            mark = ""
            if new_no in errors_at:
                mark = "   <- " + ", ".join(e["error_class"] for e in errors_at[new_no])
            out.append(click.style(f"  +{new_no:>4} | {text}{mark}", fg="red", bold=True))
        else:
            mark = "   <- error here" if new_no in assistant.locations else ""
            out.append(f"   {new_no:>4} | {text}{mark}")
    out.append("")
    if assistant.note:  # e.g. a partial answer: what was asked, what fits and why
        out.append(click.style(click.wrap_text(assistant.note, width=88), fg="yellow"))
    for error, sentence in zip(draft["errors"], assistant.explanations, strict=False):
        colour = CLASS_COLOURS.get(error["error_class"], "white")
        proof = proof_text(error["evidence"])
        out.append(click.style(f"[{error['error_class']}] ", fg=colour) + sentence)
        out.append(click.style(f"      verified: {error['injector']}, {proof}", dim=True))
    return "\n".join(out)


def page_view(draft: dict, assistant_xml: str | None = None) -> dict:
    """What the review page shows of a draft, as plain data: the same parts as
    terminal_view (description, diff rows with error lines and the characters changed in
    each replaced line, explanations with the line each is about, proofs)."""
    user = parse_user(draft["user_xml"])
    assistant = parse_assistant(assistant_xml or draft["assistant_xml"])
    errors_at: dict[int, list[str]] = {}
    for error in draft["errors"]:
        errors_at.setdefault(error["line"], []).append(error["error_class"])
    rows = [{"kind": kind, "old": old_no, "new": new_no, "text": text,
             "errors": (errors_at.get(new_no) or ["error"]) if new_no in assistant.locations
             else []}
            for kind, old_no, new_no, text in diff_rows(user.program, assistant.program)]
    mark_pairs(rows)
    explanations = [{"error_class": error["error_class"], "injector": error["injector"],
                     "line": error["line"], "sentence": sentence,
                     "proof": proof_text(error["evidence"])}
                    for error, sentence in zip(draft["errors"], assistant.explanations,
                                               strict=False)]
    return {"id": draft["id"], "exercise": draft["exercise"], "request": draft["request"],
            "partial": bool(draft.get("partial")), "delivered": draft.get("delivered"),
            "description": user.description, "rows": rows, "note": assistant.note,
            "locations": list(assistant.locations), "explanations": explanations,
            "assistant_xml": assistant_xml or draft["assistant_xml"]}

def search_text(draft: dict, assistant_xml: str | None = None) -> str:
    """What the page's search looks in, lower-cased: the draft's id and exercise, both
    programs and the explanations (of the edited text when the draft was edited)."""
    user = parse_user(draft["user_xml"])
    assistant = parse_assistant(assistant_xml or draft["assistant_xml"])
    return "\n".join([draft["id"], draft.get("exercise") or "", user.program,
                      assistant.program, *assistant.explanations]).lower()


def proof_text(evidence: dict) -> str:
    """How an error was proven, for a person: for a function scenario the call, and the
    expected and actual value (or the exception it raised)."""
    call = evidence.get("call")
    if evidence["status"] == "logical":
        if call and evidence.get("actual") is not None:
            proof = (f"{call} returned {evidence['actual']}, expected "
                     f"{evidence.get('expected')}")
        else:
            proof = f"output differs: {evidence.get('difference')}"
    else:
        proof = (f"{evidence.get('exc_class') or ''} reported at line "
                 f"{evidence.get('reported_line')}")
        if call:
            proof += f" during {call}"
    if evidence.get("scenario"):
        proof += f" (scenario {evidence['scenario']!r})"
    return proof
