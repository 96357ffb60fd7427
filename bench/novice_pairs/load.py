"""Load the novice bug pairs: one TOML file per kind, each with `[[pair]]` tables.

A pair is a correct CS1-style program and one line of it as a student wrote it wrong.
`load_pairs` checks what the measuring code relies on (unique ids, a line that exists and
really changed, a correct program that parses) and names the file and pair when it fails.

A file names its `kind` at the top, or each pair names its own (the v2 files mix kinds);
a file's `half` says which part of the corpus it belongs to: `v1` (the first corpus, the
default), `tuned` (v2, measured while the injectors were tuned) or `held` (v2, written
first and kept apart: never looked at pair by pair while tuning).
"""

import ast
import tomllib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHAPES = frozenset({"list", "tuple", "string", "dict", "number"})
HALVES = ("v1", "tuned", "held")


@dataclass(frozen=True)
class Pair:
    """One correct program and the single line a student changed in it."""

    id: str
    kind: str
    task: str
    shape: str
    correct: str
    line: int  # 1-based line of `correct`
    buggy: str  # that line as the student wrote it; "" means the line was left out
    half: str = "v1"  # the part of the corpus: v1, tuned or held (see the module's doc)
    checks: tuple[str, ...] = ()  # calls that show the bug (`check.py` runs them)

    @property
    def buggy_program(self) -> str:
        """The correct program with line `line` replaced by `buggy`, or left out when
        `buggy` is empty (a blank line in its place is not what the student wrote)."""
        lines = self.correct.splitlines(keepends=True)
        lines[self.line - 1] = self.buggy + "\n" if self.buggy else ""
        return "".join(lines)


def _strip_leading_newline(text: str) -> str:
    # tomllib already trims a newline right after the opening quotes; a file written
    # as "\n..." keeps it, so drop one here and line 1 is always the program's first.
    return text[1:] if text.startswith("\n") else text


def _pair(path: Path, kind: str | None, raw: dict, half: str) -> Pair:
    pair_id = str(raw.get("id", "?"))

    def fail(why: str) -> ValueError:
        return ValueError(f"{path.name}: pair {pair_id}: {why}")

    kind = raw.get("kind", kind)
    if not isinstance(kind, str):
        raise fail("no `kind`, in the pair or at the top of the file")
    try:
        pair = Pair(id=pair_id, kind=kind, task=raw["task"], shape=raw["shape"],
                    correct=_strip_leading_newline(raw["correct"]), line=raw["line"],
                    buggy=raw["buggy"], half=half, checks=tuple(raw.get("check", ())))
    except KeyError as missing:
        raise fail(f"missing key {missing}") from None
    if pair.shape not in SHAPES:
        raise fail(f"unknown shape {pair.shape!r}")
    lines = pair.correct.splitlines()
    if not isinstance(pair.line, int) or not 1 <= pair.line <= len(lines):
        raise fail(f"line {pair.line} is out of range 1..{len(lines)}")
    if pair.buggy == lines[pair.line - 1]:
        raise fail(f"buggy line {pair.line} equals the correct one")
    try:
        ast.parse(pair.correct)
    except SyntaxError as err:
        raise fail(f"correct program does not parse: {err}") from None
    return pair


def load_pairs(folder: Path | None = None) -> list[Pair]:
    """Every pair of every `*.toml` in `folder` (default: this folder), in file order."""
    folder = HERE if folder is None else folder
    pairs: list[Pair] = []
    seen: dict[str, str] = {}  # id -> file that first used it
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        kind = data.get("kind")
        half = data.get("half", "v1")
        if half not in HALVES:
            raise ValueError(f"{path.name}: unknown half {half!r} (one of {', '.join(HALVES)})")
        if not isinstance(kind, str) and not all("kind" in raw for raw in data.get("pair", [])):
            raise ValueError(f"{path.name}: no top-level `kind`")
        for raw in data.get("pair", []):
            pair = _pair(path, kind if isinstance(kind, str) else None, raw, half)
            if pair.id in seen:
                raise ValueError(f"{path.name}: pair {pair.id}: duplicate id "
                                 f"(first used in {seen[pair.id]})")
            seen[pair.id] = path.name
            pairs.append(pair)
    return pairs
