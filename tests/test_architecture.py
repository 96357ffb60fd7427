"""The layout guards of docs/architecture.md: no module past 400 lines, and imports that
run one way only — from a package to its own modules or to a lower package, and to
another package only through the names its `__init__.py` exports."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "debugex"
MAX_LINES = 400

# Lowest first. A package may import from packages of a lower rank only; packages of the
# same rank do not import each other.
RANKS = {
    "sandbox": 0, "content": 0, "formats": 0,
    "injectors": 1,
    "text": 2, "changes": 2,
    "scenarios": 3,
    "engine": 4,
    "audit": 5,
    "workflow": 6, "intake": 6,
    "student": 7, "review": 7, "exports": 7,
    "evaluation": 8,
    "commands": 9,
    "cli": 10,
}


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def module_name(path: Path) -> list[str]:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def imported(path: Path) -> list[tuple[int, list[str], list[str]]]:
    """(line, target module as parts below `debugex`, names) of every debugex import."""
    here = module_name(path)
    base = here if path.name == "__init__.py" else here[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                parts = base[:len(base) - (node.level - 1)] if node.level > 1 else list(base)
                target = parts + (node.module.split(".") if node.module else [])
            elif (node.module or "").split(".")[0] == "debugex":
                target = node.module.split(".")[1:]
            else:
                continue
            found.append((node.lineno, target, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "debugex":
                    found.append((node.lineno, alias.name.split(".")[1:], []))
    return found


def test_every_module_has_a_layer():
    tops = {module_name(p)[0] for p in modules() if module_name(p)} - {"__init__"}
    assert tops <= set(RANKS), f"add {sorted(tops - set(RANKS))} to RANKS and docs/architecture.md"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_size(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.name} has {lines} lines: split it by job (see docs/architecture.md)"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down_and_through_the_package(path):
    source = module_name(path)
    if not source:  # debugex/__init__.py: the version only
        return
    problems = []
    for line, target, names in imported(path):
        if not target or target[0] == source[0]:
            continue  # the package root (its version) or the module's own package
        if target[0] not in RANKS:  # `from debugex import x`: x is a package or module
            target = [names[0]] if names and names[0] in RANKS else target
        if RANKS[target[0]] >= RANKS[source[0]]:
            problems.append(f"line {line}: {source[0]} (rank {RANKS[source[0]]}) imports "
                            f"{'.'.join(target)} (rank {RANKS[target[0]]})")
        elif len(target) > 1:
            problems.append(f"line {line}: imports {'.'.join(target)}, not what "
                            f"debugex/{target[0]}/__init__.py exports")
    assert not problems, "\n".join(problems)


def test_guards_see_a_wrong_import(tmp_path):
    """The import reader resolves relative imports as Python does."""
    fake = PACKAGE / "engine" / "compose.py"
    lines = {tuple(t) for _, t, _ in imported(fake)}
    assert ("engine", "density") in lines or any(t[:1] == ("engine",) for t in lines)
    assert all(t and t[0] in RANKS for t in lines)
