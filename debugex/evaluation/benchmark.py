"""The repair benchmark: proven drafts as items a model is asked to fix.

One JSON object a line. What a model may see: the description, the bugged program and
the scenarios' inputs. What only the grader reads: the error lines and classes, the
correct program and each scenario's expected output (under `scoring`). An item's id is
a hash of its (correct, bugged) pair, so two benchmarks share an item exactly when they
share an id.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..formats import Request, loads_bounded
from ..injectors import ERROR_CLASSES
from ..workflow import Case, Task

ITEMS_FILE = "repair.jsonl"
CARD_FILE = "README.md"


def why_not(exc: Exception) -> str:
    """Why a JSON line is not what was expected, in words: a missing field by its name,
    bad JSON by where it breaks."""
    if isinstance(exc, json.JSONDecodeError):
        return f"not JSON: {exc.msg} at column {exc.colno}"
    if isinstance(exc, KeyError):
        return f"no {exc.args[0]!r} field" if exc.args else "a field is missing"
    if isinstance(exc, IndexError):
        return "a list is empty"
    return str(exc) or type(exc).__name__


class BenchmarkError(ValueError):
    """A benchmark file that cannot be read as one; says where and why."""


def item_id(correct: str, bugged: str) -> str:
    digest = hashlib.sha256(f"{correct}\0{bugged}".encode()).hexdigest()
    return f"repair-{digest[:16]}"


@dataclass(frozen=True)
class Item:
    task: Task  # named by the item id
    classes: tuple[str, ...]  # per error, as its proof alone showed it
    source: str  # the draft, example or exercise it was made from
    seed: int | None = None  # the seed it was drawn with (made now), else None

    @property
    def id(self) -> str:
        return self.task.name

    @property
    def difficulty(self) -> dict:
        """Counts per class, the number of errors and their spread (lines from the first
        error to the last, 0 for one error)."""
        counts = {c: self.classes.count(c) for c in ERROR_CLASSES}
        lines = self.task.lines
        return {**counts, "errors": len(lines),
                "spread": max(lines) - min(lines) if lines else 0}

    @property
    def level(self) -> str:
        """The difficulty as a group label: syntax/runtime/logical counts."""
        return Request(**{c: self.classes.count(c) for c in ERROR_CLASSES}).label()

    def to_json(self) -> dict:
        task = self.task
        return {
            "id": self.id, "exercise": task.exercise, "source": self.source,
            "seed": self.seed, "description": task.description, "program": task.bugged,
            "scenarios": [{"name": c.name, "stdin": list(c.stdin), "calls": list(c.calls)}
                          for c in task.cases],
            "errors": [{"line": line, "class": cls}
                       for line, cls in zip(task.lines, self.classes, strict=True)],
            "difficulty": self.difficulty,
            "scoring": {"correct": task.correct,
                        "expected": [{"stdout": c.stdout, "returns": list(c.returns)}
                                     for c in task.cases]},
        }


def item_from_task(task: Task, classes: Sequence[str], seed: int | None = None) -> Item:
    """The item of a task, renamed by the hash of its programs."""
    named = Task(item_id(task.correct, task.bugged), task.exercise, task.description,
                 task.correct, task.bugged, task.lines, task.explanations, task.cases)
    return Item(named, tuple(classes), task.name, seed)


def item_from_json(data: dict) -> Item:
    """An item read back; KeyError/TypeError/ValueError when a field is missing or wrong."""
    expected = data["scoring"]["expected"]
    scenarios = data["scenarios"]
    if len(expected) != len(scenarios):
        raise ValueError("scenarios and expected outputs differ in number")
    cases = tuple(Case(str(s["name"]), tuple(map(str, s["stdin"])), tuple(map(str, s["calls"])),
                       str(e["stdout"]), tuple(map(str, e["returns"])))
                  for s, e in zip(scenarios, expected, strict=True))
    errors = data["errors"]
    task = Task(str(data["id"]), str(data["exercise"]), str(data["description"]),
                str(data["scoring"]["correct"]), str(data["program"]),
                tuple(int(e["line"]) for e in errors), (), cases)
    seed = data.get("seed")
    return Item(task, tuple(str(e["class"]) for e in errors), str(data.get("source", "")),
                seed if isinstance(seed, int) else None)


def read_items(path: Path) -> list[Item]:
    """The items of a benchmark file (or of the `repair.jsonl` in a folder)."""
    path = Path(path)
    if path.is_dir():
        path = path / ITEMS_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BenchmarkError(f"{path}: cannot be read ({getattr(exc, 'strerror', None) or exc})"
                             ) from None
    items = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            items.append(item_from_json(loads_bounded(line)))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise BenchmarkError(f"{path}, line {number}: not a repair item ({why_not(exc)})"
                                 ) from None
    if not items:
        raise BenchmarkError(f"{path}: no items")
    return items
