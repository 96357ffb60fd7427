"""Read an autograder's test data: paired `input_N.txt` (one call expression) and
`output_N.txt` (the expected repr() of its value), as function scenarios.

Each pair becomes its own scenario, as autograders run each test on a fresh program.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..content import ContentError, Scenario, parse_scenarios, read_text

_PAIR_FILE = re.compile(r"(input|output)_(\d+)\.txt")


@dataclass(frozen=True)
class ImportedTests:
    scenarios: tuple[Scenario, ...]

    @property
    def calls(self) -> list[str]:
        return [c for s in self.scenarios for c in s.calls]

    def toml(self) -> str:
        parts = [f'[[scenario]]\nname = "{s.name}"\ncalls = [{_toml_string(s.calls[0])}]\n'
                 f"returns = [{_toml_string(s.returns[0])}]\n" for s in self.scenarios]
        return "# Imported by debugex from autograder test files.\n" + "\n".join(parts)


def _toml_string(value: str) -> str:
    escaped = (value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\t", "\\t"))
    return f'"{escaped}"'


def read_test_pairs(folder: Path) -> ImportedTests:
    """Every input_N.txt / output_N.txt pair of folder, in the order of N; a located
    ContentError for a missing partner, an empty file or a call that is not an expression."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ContentError(folder, "is not a folder")
    found: dict[str, dict[str, Path]] = {}
    for path in folder.iterdir():
        match = _PAIR_FILE.fullmatch(path.name)
        if match and path.is_file():
            found.setdefault(match.group(2), {})[match.group(1)] = path
    if not found:
        raise ContentError(folder, "no input_N.txt / output_N.txt files")
    scenarios = []
    for number in sorted(found, key=lambda n: (int(n), n)):
        pair = found[number]
        for side, partner in (("input", "output"), ("output", "input")):
            if side in pair and partner not in pair:
                raise ContentError(pair[side], f"has no {partner}_{number}.txt beside it")
        call = read_text(pair["input"]).strip()
        expected = read_text(pair["output"]).rstrip("\n")
        if not call:
            raise ContentError(pair["input"], "is empty (it should hold one call expression)")
        if not expected.strip():
            raise ContentError(pair["output"], "is empty (it should hold the expected repr())")
        try:
            compile(call, "<call>", "eval", dont_inherit=True)
        except (SyntaxError, ValueError):
            raise ContentError(pair["input"], f"{call!r} is not a Python expression") from None
        scenarios.append(Scenario(f"test_{number}", (), None, (call,), (expected,)))
    imported = ImportedTests(tuple(scenarios))
    parse_scenarios(imported.toml(), folder)  # what we write must read back
    return imported
