"""The checkable sentences of one draft, each re-run on the independent path (truth_runs).

Kinds: hides (the thinking's interplay claims), location (the error lines, "stops on
line N", "notices it on line N", "reports ... on line N", "names line N"), quote (every
quoted input, output line and returned value) and premise (stock sentences whose truth
rests on a fact about the program or its run: `truth_premises.premise`). Each check gives (kind, template,
false?, random?, sentence): random when the program imports `random`, where a quote
must hold under every seed of truth_runs.SEEDS.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import truth_runs as tr
from truth_premises import premise

CLAIM = re.compile(r"the (?:(?:syntax|runtime|logical) )?error on line (\d+)")
RANDOM = re.compile(r"^\s*(import|from)\s+random\b", re.M)
STOPS = re.compile(r"stops on line (\d+) with an? (\w+)")
NOTICES = re.compile(r"(?:notices it on line (\d+)|reports \"[^\"]*\" on line (\d+)"
                     r"|names line (\d+))")
PRINTS = re.compile(r'prints "((?:[^"\\]|\\.)*)" instead of "((?:[^"\\]|\\.)*)"')
# the call may hold a backtick of its own (`f('a`b')`): it ends at the last `) ` before
# "returns"
# the call is one code span: it never runs across a backtick outside its own strings
# (`count('a`b')` holds one)
RETURNS = re.compile(r"`((?:[^`'\"]|'[^']*'|\"[^\"]*\")+?\))` (?:quietly )?returns (.+?) "
                     r"instead of (.+?)\.?$")
INPUTS = re.compile(r'with the inputs? ((?:"[^"]*"|-?\d+(?:\.\d+)?)(?:(?:, | and )(?:"[^"]*"|-?\d+(?:\.\d+)?))*'
                    r'(?:, … \(\d+ in all\))?)')
VALUE = re.compile(r'"([^"]*)"|(-?\d+(?:\.\d+)?)')


class Draft:
    """One draft with its programs: the correct one, each error alone, all of them."""

    def __init__(self, draft: dict, scenarios: list[dict], runs: tr.Runs) -> None:
        self.draft, self.runs, self.scenarios = draft, runs, scenarios
        user = draft["user_xml"]
        self.correct = user.split("<correct-program>\n", 1)[1].split("</correct-program>", 1)[0]
        self.edits = [e["edit"] for e in draft["errors"]]
        self.lines = [e["line"] for e in draft["errors"]]
        self.full = tr.apply_edits(self.correct, self.edits)
        self.random = RANDOM.search(self.correct) is not None
        self.seeds = tr.SEEDS if self.random else (0,)

    def alone(self, index: int) -> str:
        return tr.apply_edits(self.correct, [self.edits[index]])

    def draft_line(self, program_edits: list[int], line: int) -> int:
        """Line `line` of the program with these edits, numbered as in the draft."""
        made = [self.edits[i] for i in program_edits]
        offset = _line_start(tr.apply_edits(self.correct, made), line)
        original, shift = offset, 0  # back to an offset in the correct program
        for edit in sorted(made, key=lambda e: e["start"]):
            start = edit["start"] + shift
            if offset < start:
                break
            if offset < start + len(edit["replacement"]):
                original = edit["start"]
                break
            shift += len(edit["replacement"]) - (edit["end"] - edit["start"])
            original = offset - shift
        correct_line = self.correct.count("\n", 0, original) + 1
        added = sum(e["replacement"].count("\n") - self.correct.count("\n", e["start"], e["end"])
                    for e in self.edits if e["end"] <= original and e["start"] < original)
        return correct_line + added


def _line_start(text: str, line: int) -> int:
    offset = 0
    for _ in range(line - 1):
        at = text.find("\n", offset)
        if at < 0:
            return len(text)
        offset = at + 1
    return offset


def _sentences(text: str) -> list[str]:
    """Sentences, never cut inside a quoted value ('Fine. Be that way!'): a full stop
    ends one only where the single quotes before it (not apostrophes) are balanced."""
    found, start = [], 0
    for match in re.finditer(r"(?<=[.!?])\s+(?=[A-Z`\"])", text):
        # quotes inside code spans (`f'Hi {name}.'`) are code, not the sentence's quotes
        plain = re.sub(r"`[^`]*`", "", text[start:match.start()])
        if len(re.findall(r"(?<![A-Za-z])'|'(?![A-Za-z])", plain)) % 2:
            continue
        found.append(text[start:match.start()])
        start = match.end()
    found.append(text[start:])
    return [s for s in found if s.strip()]


def _section(xml: str, tag: str) -> str:
    return xml.split(f"<{tag}>", 1)[1].split(f"</{tag}>", 1)[0] if f"<{tag}>" in xml else ""


def paragraphs(draft: Draft) -> Iterator[tuple[int | None, str, str]]:
    """(error index or None, where, paragraph): explanation lines by their "Line N:",
    thinking paragraphs by the first error line they name."""
    xml = draft.draft["assistant_xml"]
    for paragraph in _section(xml, "explanation").strip().splitlines():
        found = re.match(r"Line (\d+):", paragraph)
        index = draft.lines.index(int(found.group(1))) if found and \
            int(found.group(1)) in draft.lines else None
        yield index, "explanation", paragraph
    for paragraph in _section(xml, "thinking").strip().splitlines():
        index = None
        for number in re.findall(r"[Ll]ine (\d+)", paragraph.split(". ")[0]):
            if int(number) in draft.lines:
                index = draft.lines.index(int(number))
                break
        yield index, "thinking", paragraph


def checks(draft: Draft, only: str | None = None
           ) -> Iterator[tuple[str, str, bool, bool, str]]:
    """Every checkable sentence of the draft (of kind `only`, when given): (kind,
    template, false, random, sentence)."""
    d = draft.draft
    for n, error in enumerate(d["errors"] if only in (None, "location") else ()):
        first, last = tr.edit_lines(draft.correct, draft.edits, n)
        told = tr.removal_lines(draft.correct, draft.full, draft.edits, n)
        yield ("location", f"{error['injector']}:error-line",
               not (first <= error["line"] <= max(first, last) or error["line"] in told),
               False, f"error line {error['line']}")
    for index, where, paragraph in paragraphs(draft):
        for sentence in _sentences(paragraph):
            template = f"{d['errors'][index]['injector'] if index is not None else where}"
            if only in (None, "hides"):
                yield from _hides(draft, sentence)
            if index is None or only == "hides":
                continue
            yield from _location(draft, index, sentence, template)
            yield from _quotes(draft, index, sentence, template)
            verdict = premise(sentence, d, index)
            if verdict is not None:
                yield "premise", template, not verdict, draft.random, sentence


def _met(draft: Draft) -> list[int] | None:
    order = (draft.draft.get("composition") or {}).get("interplay", {}).get("order") or []
    if len(set(draft.lines)) < len(draft.lines) or sorted(order) != sorted(draft.lines):
        return None  # two errors on one line: the order cannot be told apart
    return [draft.lines.index(line) for line in order]


def _hides(draft: Draft, sentence: str):
    keys = (" nothing until ", " visible once ", " hides ")
    if not any(k in sentence for k in keys) or "error on line" not in sentence:
        return
    met = _met(draft)
    for part in sentence.split("; "):
        if " hides " in part:
            fixer_text, hidden_text = part.split(" hides ", 1)
        else:
            key = next((k for k in keys[:2] if k in part), None)
            if key is None:
                continue
            hidden_text, fixer_text = part.split(key, 1)
        fixers = [int(x) for x in CLAIM.findall(fixer_text)]
        for line in (int(x) for x in CLAIM.findall(hidden_text)):
            if met is None or not fixers or line not in draft.lines or fixers[-1] not in draft.lines:
                continue
            why = tr.claim_holds(draft.runs, draft.correct, draft.edits, met,
                                 draft.lines.index(line), draft.lines.index(fixers[-1]),
                                 draft.seeds)
            yield ("hides", "interplay", why is not None, draft.random,
                   f"{sentence} [line {line} until {fixers[-1]}: {why or 'holds'}]")


def _runs_of(draft: Draft, index: int, sentence: str) -> list[tuple[list[int], list[dict]]]:
    """(edits made, results per seed) for the programs a sentence may speak of: the error
    alone (its own proof), else the whole draft ("what shows first")."""
    out = []
    # errors that share the sentence's line: "Line 13:" may speak of any of them
    same = [i for i, line in enumerate(draft.lines) if line == draft.lines[index]]
    for made in ([[i] for i in same] + [list(range(len(draft.edits)))]):
        program = tr.apply_edits(draft.correct, [draft.edits[i] for i in made])
        out.append((made, [draft.runs.results(program, s) for s in draft.seeds]))
    return out


def _location(draft: Draft, index: int, sentence: str, template: str):
    for match in STOPS.finditer(sentence):
        line, exc = int(match.group(1)), match.group(2)
        ok = False
        for made, per_seed in _runs_of(draft, index, sentence):
            raised = {draft.draft_line(made, r["line"]) for r in per_seed[0]
                      if r["kind"] == "exception" and r["exc_class"] == exc and r["line"]}
            ok = ok or line in raised
        yield "location", f"{template}:stops-on-line", not ok, False, sentence
    for match in NOTICES.finditer(sentence):
        line = int(next(g for g in match.groups() if g))
        ok = False
        for made, per_seed in _runs_of(draft, index, sentence):
            r = per_seed[0][0]
            ok = ok or (r["kind"] == "syntax" and r["line"] is not None
                        and draft.draft_line(made, r["line"]) == line)
        yield "location", f"{template}:syntax-line", not ok, False, sentence


def _printed(result: dict) -> list[str]:
    lines = result["stdout"].splitlines()
    for call in result["calls"]:
        lines += call["stdout"].splitlines()
    return lines


def _quotes(draft: Draft, index: int, sentence: str, template: str):
    stdins = [tuple(s.get("stdin", ())) for s in draft.scenarios]
    for match in INPUTS.finditer(sentence):
        text = match.group(1)
        values = [a if quoted else b for quoted, (a, b) in
                  ((q.startswith('"'), v) for q, v in zip(
                      re.findall(r'"[^"]*"|-?\d+(?:\.\d+)?', text.split(", … (")[0]),
                      VALUE.findall(text.split(", … (")[0]), strict=True))]
        cut = "… (" in text
        ok = any((list(s[:len(values)]) if cut else list(s)) == values for s in stdins)
        yield "quote", f"{template}:input", not ok, False, sentence
    for match in PRINTS.finditer(sentence):
        got, want = (_unescape(g) for g in match.groups())
        ok = _appears(draft, index, sentence, got, want, lambda r, t: any(
            t in line for line in _printed(r)) if t else any(line == "" for line in _printed(r)))
        yield "quote", f"{template}:output", not ok, draft.random, sentence
    for match in RETURNS.finditer(sentence):
        call, got, want = match.group(1), match.group(2).strip(), match.group(3).strip()
        ok = _appears(draft, index, sentence, got, want, lambda r, t, c=call: any(
            x["call"] == c and _addressless(x["returned"]) == t for x in r["calls"]))
        yield "quote", f"{template}:returned", not ok, draft.random, sentence


def _appears(draft, index, sentence, got, want, found) -> bool:
    """`got` shows in the runs of a program the sentence speaks of, and `want` in the
    correct program's, under every seed (strip a "…" the quote was cut at)."""
    got, want = got.strip("…"), want.strip("…")
    correct = [draft.runs.results(draft.correct, s) for s in draft.seeds]
    if not all(any(found(r, want) for r in per) for per in correct):
        return False
    return any(all(any(found(r, got) for r in per) for per in per_seed)
               for _, per_seed in _runs_of(draft, index, sentence))


def _addressless(value: str | None) -> str | None:
    """A returned repr as the sandbox shows it: `<… object at 0x...>` (an address is not
    something a sentence can quote, nor a student tell apart)."""
    return tr.ADDRESS.sub(" at 0x...", value) if value else value


def _unescape(text: str) -> str:
    """A quote as the text shows it, back to what the program printed: `\\"`, `\\\\` and
    `\\t` (a tab is shown as `\\t`)."""
    return re.sub(r"\\(.)", lambda m: {"t": "\t", "n": "\n"}.get(m.group(1), m.group(1)), text)
