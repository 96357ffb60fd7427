"""The thinking and the explanations checked against runs of their own (issue 31).

Three kinds of sentence are re-run here, each only where the text says it plainly, in
the words debugex writes (a sentence in other words is not read, never guessed at):
- `false_interplay`: "the error on line L shows nothing until the error on line M is
  fixed" (also "only becomes visible once ... is fixed", "M hides L"). Nothing runs while
  a syntax error is there, so the claim is judged in the program with every change except
  the syntax errors: false when undoing L's change alone already changes what a student
  sees (output, exception, each call's returned value), or when no change sits at L or M.
- `wrong_evidence_line`: "stops on line N", "only notices it on line N", "points at line
  N", "is reported on line N", "reports "..." on line N": N must be a line where Python
  reports, with that error alone (its lines numbered as in the draft) or with all of them.
- `false_quote`: "with the input(s) A, B the program prints "X" instead of "Y"" and
  "`f(a)` returns X instead of Y": run with exactly those inputs (or that call), the
  program with that error alone (or the whole draft) must print X (return X), and the
  correct one Y; a quoted input must be the scenario's as the program reads it (spaces
  kept). In a program that imports `random` a quote must hold under every seed.
"""

from __future__ import annotations

import ast
import difflib
import re
from collections.abc import Sequence

from ..changes import Change
from ..engine import SEEDS, other_seeds, uses_random
from ..formats import explanation_line
from ..sandbox import EXCEPTION, SYNTAX_ERROR, Job, Outcome, Sandbox
from .reading import Pending
from .readings import places

_LINE = re.compile(r"\bline (\d+)\b", re.I)
_ERROR_ON = r"the (?:\w+ )?error on line (\d+)"
_HIDDEN = re.compile(rf"((?:{_ERROR_ON}(?:,\s*| and )?)+) (?:shows?|show) nothing until "
                     rf"{_ERROR_ON} is fixed|((?:{_ERROR_ON}(?:,\s*| and )?)+) only "
                     rf"(?:becomes?|become) visible once {_ERROR_ON} is fixed", re.I)
_HIDES = re.compile(rf"{_ERROR_ON} hides ((?:{_ERROR_ON}(?:,\s*| and )?)+)", re.I)
_EVIDENCE = re.compile(r"\b(?:stops on|notices it on|points at|is reported on|"
                       r"(?:reports|reads) \"[^\"]*\" (?:on|for)) line (\d+)")
_VALUE = r"\"[^\"]*\"|'(?:[^'\\]|\\.)*'|-?\d+(?:\.\d+)?"
_PRINTS = re.compile(rf"with the inputs? ((?:(?:{_VALUE})(?:, | and )?)+),? the program "
                     r"prints (\"[^\"]*\"|an empty line) (?:instead of|where) \"([^\"]*)\"", re.I)
# A returned value as quoted: a literal whose brackets do not nest (others are not read).
_RETURNED = (r"`[^`]+`|\[[^\[\]]*\]|\([^()]*\)|\{[^{}]*\}|'(?:[^'\\]|\\.)*'|\"[^\"]*\"|"
             r"-?\d+(?:\.\d+)?|True|False|None")
_RETURNS = re.compile(rf"`([^`]+\([^`]*\))`(?: quietly)? returns ({_RETURNED}) instead of "
                      rf"({_RETURNED})(?![\w\[(])")


def _shown(outcomes: Sequence[Outcome]) -> list:
    """What a student sees of runs: kind, output, exception, each call's returned value."""
    return [(o.kind, o.stdout, o.exc_class, o.message, tuple(o.returns)) for o in outcomes]


def _apply(correct: str, changes: Sequence[Change]) -> str:
    pieces = sorted((p for c in changes for p in c.pieces), key=lambda p: p.start,
                    reverse=True)
    for piece in pieces:
        correct = correct[:piece.start] + piece.replacement + correct[piece.end:]
    return correct


class _Runs:
    """Every run one record's checks need, asked for first and run as one batch."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox, self.jobs, self.outcomes = sandbox, [], []
        self.index: dict[Job, int] = {}

    def ask(self, job: Job) -> Job:
        if job not in self.index:
            self.index[job] = len(self.jobs)
            self.jobs.append(job)
        return job

    def run(self) -> None:
        self.outcomes = self.sandbox.run_many(self.jobs) if self.jobs else []

    def __getitem__(self, job: Job) -> Outcome:
        return self.outcomes[self.index[job]]


def thinking_defects(item: Pending, classes: Sequence[str | None],
                     sandbox: Sandbox) -> list[tuple[str, str]]:
    """(kind, detail) for each false sentence of the record's thinking and explanations.
    `classes` are the class of each recovered change alone (None: not an error)."""
    prepared, assistant = item.prepared, item.assistant
    if not prepared.scenarios or not item.changes:
        return []
    correct, incorrect = item.user.program, assistant.program
    at: dict[int, list[int]] = {}
    for index, change in enumerate(item.changes):
        for line in places(change, correct, incorrect):
            at.setdefault(line, []).append(index)
    runs = _Runs(sandbox)
    checks = [_Interplay(item, classes, at), _Evidence(item, at), _Quotes(item, at)]
    for check in checks:
        check.ask(runs)
    runs.run()
    return [found for check in checks for found in check.judge(runs)]


def _one(at: dict[int, list[int]], line: int) -> int | None:
    found = at.get(line, [])
    return found[0] if len(found) == 1 else None


class _Interplay:
    def __init__(self, item: Pending, classes: Sequence[str | None],
                 at: dict[int, list[int]]) -> None:
        self.item, self.at = item, at
        text = item.assistant.thinking
        self.claims: list[tuple[int, int]] = []  # (hidden line, line fixed first)
        for match in _HIDDEN.finditer(text):
            hidden, by = (match.group(1), match.group(3)) if match.group(1) else \
                (match.group(4), match.group(6))
            self.claims += [(int(n), int(by)) for n in _LINE.findall(hidden)]
        for match in _HIDES.finditer(text):
            self.claims += [(int(n), int(match.group(1))) for n in _LINE.findall(match.group(2))]
        self.runnable = [i for i, c in enumerate(classes) if c not in (None, "syntax")]

    def _state(self, without: int | None) -> str:
        kept = [self.item.changes[i] for i in self.runnable if i != without]
        return _apply(self.item.user.program, kept)

    def ask(self, runs: _Runs) -> None:
        if not self.claims:
            return
        prepared = self.item.prepared
        for source in [self._state(None)] + [self._state(i) for i in self.runnable]:
            for job in prepared.jobs(source):
                runs.ask(job)

    def _seen(self, runs: _Runs, without: int | None) -> list:
        return _shown([runs[j] for j in self.item.prepared.jobs(self._state(without))])

    def judge(self, runs: _Runs) -> list[tuple[str, str]]:
        found = []
        for hidden, by in self.claims:
            claim = f"says the error on line {hidden} shows nothing until the one on line {by} " \
                "is fixed"
            index, fixer = _one(self.at, hidden), _one(self.at, by)
            if not self.at.get(hidden) or not self.at.get(by):
                missing = hidden if not self.at.get(hidden) else by
                found.append(("false_interplay", f"{claim}, but nothing was changed on line "
                              f"{missing}"))
                continue
            if index is None or fixer is None or index not in self.runnable:
                continue  # two changes on one line, or a syntax error: not judged
            if self._seen(runs, index) != self._seen(runs, None):
                found.append(("false_interplay", f"{claim}, but with line {by}'s error still "
                              f"there, fixing line {hidden} alone already changes what the "
                              "program shows"))
        return found


def _line_map(source: str, draft: str) -> dict[int, int]:
    """Lines of `source` that stand unchanged in `draft`, with their number there."""
    mapping = {}
    lines = source.splitlines()
    matcher = difflib.SequenceMatcher(None, lines, draft.splitlines(), autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            mapping[block.a + k + 1] = block.b + k + 1
    shift = 0  # a changed line keeps the shift of the unchanged line above it
    for line in range(1, len(lines) + 2):
        if line in mapping:
            shift = mapping[line] - line
        else:
            mapping[line] = line + shift
    return mapping


def _sources(item: Pending, at: dict[int, list[int]], line: int) -> list[str]:
    """The programs a sentence about the error on `line` may describe: each change
    there alone, then the whole draft."""
    alone = [item.changes[i].apply(item.user.program) for i in at.get(line, [])]
    return alone + [item.assistant.program]


def _paragraphs(item: Pending) -> list[tuple[int, str]]:
    """(the error line it is about, text) for each explanation and thinking paragraph."""
    locations = set(item.assistant.locations)
    found = [(explanation_line(t) or 0, t) for t in item.assistant.explanations]
    for paragraph in item.assistant.thinking.splitlines():
        line = next((int(n) for n in _LINE.findall(paragraph) if int(n) in locations), 0)
        found.append((line, paragraph))
    return found


class _Evidence:
    def __init__(self, item: Pending, at: dict[int, list[int]]) -> None:
        self.item, self.at = item, at
        self.claims = [(line, int(n), text[:60]) for line, text in _paragraphs(item)
                       for n in _EVIDENCE.findall(text)
                       if _HIDDEN.search(text) is None]

    def _sources(self, line: int) -> list[str]:
        return _sources(self.item, self.at, line)

    def ask(self, runs: _Runs) -> None:
        for line, _, _ in self.claims:
            for source in self._sources(line):
                for job in self.item.prepared.jobs(source):
                    runs.ask(job)

    def judge(self, runs: _Runs) -> list[tuple[str, str]]:
        found = []
        draft = self.item.assistant.program
        for line, said, text in self.claims:
            reported: set[int] = set()
            for source in self._sources(line):
                mapping = _line_map(source, draft)
                for job in self.item.prepared.jobs(source):
                    outcome = runs[job]
                    if outcome.kind in (SYNTAX_ERROR, EXCEPTION) and outcome.line:
                        reported.add(mapping.get(outcome.line, outcome.line))
            if reported and said not in reported:
                found.append(("wrong_evidence_line", f"{text}...: names line {said}, but "
                              f"Python reports on line {', '.join(map(str, sorted(reported)))}"))
        return found


def _inputs(text: str) -> tuple[str, ...] | None:
    values = []
    for token in re.findall(_VALUE, text):
        if token.startswith("'"):
            try:
                token = ast.literal_eval(token)
            except (ValueError, SyntaxError):
                return None
        elif token.startswith('"'):
            token = token[1:-1]
        values.append(token)
    return tuple(values)


def _squash(text: str) -> str:
    """Runs of white space as one space: the message format keeps explanations that way."""
    return re.sub(r"[ \t]+", " ", text)


def _strip(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(v.strip() for v in values)


def _same_value(returned: str, quoted: str) -> bool:
    """A returned repr and a quoted value: equal as literals, else as text."""
    quoted = quoted.strip("`").strip()
    try:
        return ast.literal_eval(returned) == ast.literal_eval(quoted)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return returned.strip() == quoted


def _pieces(quote: str) -> list[str]:
    """The parts of a quoted output line that must appear (a shortened quote has `…`)."""
    return [p for p in quote.split("…") if p]


class _Quotes:
    def __init__(self, item: Pending, at: dict[int, list[int]]) -> None:
        self.item, self.at = item, at
        correct = item.user.program
        self.seeds = [Job._field_defaults["seed"]] + (
            other_seeds() if uses_random(correct) else [])
        self.claims: list[tuple[int, str, tuple, str, str, str]] = []
        for line, text in _paragraphs(item):
            scenarios = [sc.stdin for sc in item.prepared.scenarios]
            for match in _PRINTS.finditer(text):
                stdin = _inputs(match.group(1))
                stdin = next((sc for sc in scenarios if stdin is not None and
                              tuple(map(_squash, sc)) == stdin), stdin)
                got = "" if match.group(2) == "an empty line" else match.group(2)[1:-1]
                if stdin is not None:
                    self.claims.append((line, "prints", stdin, got.strip('"'),
                                        match.group(3), match.group(0)))
            for match in _RETURNS.finditer(text):
                self.claims.append((line, "returns", (match.group(1),), match.group(2),
                                    match.group(3), match.group(0)))

    def _jobs(self, source: str, kind: str, given: tuple) -> list[Job]:
        timeout = self.item.prepared.timeout
        if kind == "returns":
            stdin = self.item.prepared.scenarios[0].stdin
            return [Job(source, stdin, timeout=timeout, seed=s, calls=given)
                    for s in self.seeds]
        return [Job(source, given, timeout=timeout, seed=s) for s in self.seeds]

    def _sources(self, line: int) -> list[str]:
        return _sources(self.item, self.at, line)

    def ask(self, runs: _Runs) -> None:
        for line, kind, given, _, _, _ in self.claims:
            for source in self._sources(line) + [self.item.user.program]:
                for job in self._jobs(source, kind, given):
                    runs.ask(job)

    def judge(self, runs: _Runs) -> list[tuple[str, str]]:
        found = []
        scenarios = [s.stdin for s in self.item.prepared.scenarios]
        for line, kind, given, got, want, text in self.claims:
            where = f"line {line}: {text[:80]}"
            if kind == "prints" and given not in scenarios and any(
                    _strip(given) == _strip(s) for s in scenarios):
                found.append(("false_quote", f"{where}: the input is not quoted as the program "
                              "reads it (spaces or tabs lost)"))
                continue
            if not self._holds(runs, self.item.user.program, kind, given, want):
                found.append(("false_quote", f"{where}: the correct program does not give "
                              f"{want!r}" + self._seeded()))
            elif not any(self._holds(runs, s, kind, given, got, want)
                         for s in self._sources(line)):
                found.append(("false_quote", f"{where}: run that way the program does not "
                              f"give {got!r}" + self._seeded()))
        return found

    def _holds(self, runs: _Runs, source: str, kind: str, given: tuple, value: str,
               want: str = "") -> bool:
        """Whether every seed's run shows `value` (prints it, or returns it). An empty
        quote is an empty line, or a line cut short where the correct one goes on with
        `want` (a prompt answered with nothing: the quote leaves the prompt out)."""
        outcomes = [runs[j] for j in self._jobs(source, kind, given)]
        if kind == "returns":
            return all(o.returns and _same_value(o.returns[0], value) for o in outcomes)
        if not value:
            correct = [runs[j] for j in self._jobs(self.item.user.program, kind, given)]
            return all("" in o.stdout.splitlines() or any(
                _squash(seen + want) in _squash(c.stdout) for seen in o.stdout.splitlines())
                for o, c in zip(outcomes, correct, strict=True))
        return all(all(_squash(p) in _squash(o.stdout) for p in _pieces(value))
                   for o in outcomes)

    def _seeded(self) -> str:
        return f" under every one of {SEEDS} seeds" if len(self.seeds) > 1 else ""
