"""Which runs of a random program's states never draw from `random`: their output is the
same under every seed, so the masks judged under other seeds (`seeded_masks.py`) need
one run of them instead of one per seed.

A run's seed reaches the program only through the sandbox's copy of `random` (its hidden
generator, and the generators `random.Random()` makes from the run's seed). A program can
reach that module only by executing a line that names it: a name an `import` of `random`
binds, or a way around names (`eval`, `getattr`, `globals`, a dunder or frame attribute).
So a run under one seed whose traced lines hold none of those lines took the same steps
as it would under any other seed (each run is a fresh process: nothing was reached
before), and showed the same. A state is judged so per scenario, once, from one traced
run beside its plain run under the same seed: the plain run's digest is kept for every
seed, and only when the traced run ended as the plain one did (a time-out or a limit, which
tracing can move, decides nothing). The traced program is the state laid out with each
risky name on a line of its own (`relaid`: the same syntax tree), so that a line that
crashes before it reads `random` is told apart. Kept on disk per program in the
exercise's log.
"""

from __future__ import annotations

import ast
import io
import tokenize
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from ..injectors import apply_edits
from ..sandbox import LIMIT_EXCEEDED, TIMEOUT, Job
from .cache import VerdictLog, cache_dir
from .verify import shown_digest

DRAWS_KIND = "draws1"  # per program: each scenario's digest when it never draws, else False
# Names that reach a module or a frame without naming it.
_AROUND = frozenset({"eval", "exec", "compile", "getattr", "globals", "locals", "vars",
                     "dir", "__import__", "breakpoint", "importlib"})
_FRAME_PREFIXES = ("f_", "tb_", "gi_", "cr_", "ag_")


def draws_ok(data: Any) -> bool:
    """An entry of the draws log: per scenario a digest (never draws), False (may draw)
    or None (not looked at)."""
    return (isinstance(data, dict) and data.keys() == {"free"}
            and isinstance(data["free"], list)
            and all(d is None or d is False or isinstance(d, str) for d in data["free"]))


def _risky(name: str, bound: frozenset[str]) -> bool:
    return (name in bound or name in _AROUND or name.startswith("__")
            or name.startswith(_FRAME_PREFIXES))


def _random_names(tree: ast.AST) -> frozenset[str] | None:
    """The names an import of `random` binds anywhere in the program (None: a star
    import, whose names cannot be listed)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "random":
                    names.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "random":
            for alias in node.names:
                if alias.name == "*":
                    return None
                names.add(alias.asname or alias.name)
    return frozenset(names)


@lru_cache(maxsize=512)
def drawing_lines(source: str) -> tuple[frozenset[int], frozenset[str]] | None:
    """The lines that may reach `random` (each risky name's own lines: the line a name is
    read on is traced whenever it is read) and the names that do; None when the program
    cannot be read so (it does not parse, or imports `*` from random)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    bound = _random_names(tree)
    if bound is None:
        return None
    lines: set[int] = set()
    for node in ast.walk(tree):
        name = node.id if isinstance(node, ast.Name) else (
            node.attr if isinstance(node, ast.Attribute) else None)
        if name is not None and _risky(name, bound):
            lines.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    return frozenset(lines), bound


@lru_cache(maxsize=512)
def relaid(source: str) -> str:
    """The program with each risky name that follows other code on its line moved to a
    line of its own (a backslash continuation), so that the trace tells it apart: in
    `scores.append((nmae, random.randint(1, 6)))` the crash on `nmae` comes before
    `random` is read. The same syntax tree, so the same program (only positions differ);
    the program itself when it cannot be relaid so."""
    read = drawing_lines(source)
    if read is None:
        return source
    bound = read[1]
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return source
    fstring_start = getattr(tokenize, "FSTRING_START", None)  # Python 3.12: f-strings
    fstring_end = getattr(tokenize, "FSTRING_END", None)  # are tokens, left alone
    inside, row, cuts, first, previous = 0, None, [], None, None
    for token in tokens:
        if token.type in _LAYOUT:
            first = None if token.type == tokenize.NEWLINE else first
        elif first is None:
            first = token.string  # the first word of a logical line
        if token.type == fstring_start:
            inside += 1
        elif token.type == fstring_end:
            inside -= 1
        elif (token.type == tokenize.NAME and not inside and row == token.start[0]
              and first not in ("import", "from") and _risky(token.string, bound)
              and not (previous == "." and not _risky(token.string, frozenset()))):
            # (an attribute that only shares a name with the module stays: `random.random`)
            cuts.append(token.start)
        if token.type not in _LAYOUT:
            row, previous = token.end[0], token.string
    if not cuts:
        return source
    lines = io.StringIO(source).readlines()  # the rows tokenize counted
    for line, column in reversed(cuts):
        text = lines[line - 1]
        lines[line - 1] = text[:column] + "\\\n" + text[column:]
    changed = "".join(lines)
    try:
        same = ast.dump(ast.parse(changed)) == ast.dump(ast.parse(source))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        same = False
    return changed if same else source


_LAYOUT = (tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.COMMENT)


def _call_risky(text: str, bound: frozenset[str]) -> bool:
    """Whether a scenario's call may reach `random` itself (it runs outside the trace)."""
    try:
        tree = ast.parse(text, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return True
    return any(_risky(node.id if isinstance(node, ast.Name) else node.attr, bound)
               for node in ast.walk(tree) if isinstance(node, (ast.Name, ast.Attribute)))


# The draws log of each exercise, read once per process (per cache folder and key).
_LOGS: dict[tuple[str, str], VerdictLog] = {}


class SeedFreeRuns:
    """For one draft's states (`interplay._States`): which (state, scenario) runs show
    the same under every seed, and what they show."""

    def __init__(self, states) -> None:  # states: interplay._States
        self.states = states
        self._free: dict[tuple[frozenset, int], str | bool] = {}
        self._programs: dict[frozenset, str] = {}

    @property
    def _log(self) -> VerdictLog:
        key = self.states.prepared.cache_key
        where = (str(cache_dir()), key)
        if where not in _LOGS:
            if len(_LOGS) >= 64:
                _LOGS.clear()  # a bound, not a policy: read again on demand
            _LOGS[where] = VerdictLog(key, kind=DRAWS_KIND, well_formed=draws_ok)
        return _LOGS[where]

    def program(self, subset: frozenset) -> str:
        if subset not in self._programs:
            base = self.states
            self._programs[subset] = apply_edits(base.source,
                                                 [base.edits[i] for i in subset])
        return self._programs[subset]

    def digest(self, subset: frozenset, index: int) -> str | None:
        """What the state shows on this scenario under every seed, when that is known."""
        found = self._free.get((subset, index))
        return found if isinstance(found, str) else None

    def unknown(self, subsets: Sequence[frozenset], index: int) -> list[frozenset]:
        """The states not yet judged on this scenario (read from disk, or settled at once
        when the program or the scenario cannot be judged so)."""
        scenarios = self.states.prepared.scenarios
        todo = []
        for subset in dict.fromkeys(subsets):
            if (subset, index) in self._free:
                continue
            program = self.program(subset)
            known = self._log.get(program)
            if known is not None and len(known["free"]) == len(scenarios):
                for i, free in enumerate(known["free"]):
                    if free is not None:
                        self._free.setdefault((subset, i), free)
                if (subset, index) in self._free:
                    continue
            read = drawing_lines(program)
            if read is None or any(_call_risky(c, read[1]) for c in scenarios[index].calls):
                self._free[(subset, index)] = False
                continue
            todo.append(subset)
        return todo

    def traced_jobs(self, subsets: Sequence[frozenset], index: int, seed: int) -> list[Job]:
        prepared = self.states.prepared
        scenario = prepared.scenarios[index]
        return [Job(relaid(self.program(s)), scenario.stdin, timeout=prepared.timeout, seed=seed,
                    calls=scenario.calls, trace_lines=True) for s in subsets]

    def judge(self, subsets: Sequence[frozenset], index: int, traced: Sequence,
              plain: Sequence[str]) -> None:
        """Settle each state from its traced run and the digest of its plain run under
        the same seed, and keep the answers on disk."""
        count = len(self.states.prepared.scenarios)
        kept = []
        for subset, outcome, shown in zip(subsets, traced, plain, strict=True):
            lines = drawing_lines(relaid(self.program(subset)))[0]
            free = (outcome.kind not in (TIMEOUT, LIMIT_EXCEEDED)
                    and outcome.lines_run is not None
                    and not (outcome.lines_run & lines)
                    and shown_digest([outcome]) == shown)
            self._free[(subset, index)] = shown if free else False
            kept.append((self.program(subset),
                         {"free": [self._free.get((subset, i)) for i in range(count)]}))
        self._log.put_many(kept)
