"""Where a game comes from: a content exercise (with the request and seed that make its
draft again) or a draft of a batch, and the task made from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..formats import Request
from ..sandbox import Sandbox
from ..workflow import BatchError, Task, TaskError, TaskMaker, load_batch
from .state import PlayError


@dataclass
class Target:
    kind: str  # "exercise" or "draft"
    name: str  # exercise slug or draft id
    content: str | None = None  # folder of the exercise (absolute)
    batch: str | None = None  # folder of the draft's batch (absolute)
    request: dict = field(default_factory=lambda: {"syntax": 0, "runtime": 1, "logical": 1})
    seed: int = 0


def _batch_with(draft_id: str, batches: list[Path]) -> Path | None:
    for folder in batches:
        try:
            batch = load_batch(folder)
        except BatchError:
            continue
        if any(d.get("id") == draft_id for d in batch.drafts):
            return folder
    return None


def resolve_target(name: str, content: Path | None, batch: Path | None, generated: Path,
            request: Request, seed: int) -> Target:
    """An exercise slug of `content`, else a draft id of `batch` (or of any batch under
    `generated`, newest first)."""
    if batch is None and content is not None and (content / name / "correct.py").is_file():
        return Target("exercise", name, str(content.resolve()), None, request.as_dict(), seed)
    if batch is not None:
        if not (batch / "drafts.jsonl").is_file():
            raise PlayError(f"{batch} is not a batch folder (no drafts.jsonl)")
        candidates = [batch]
    else:
        candidates = sorted((p.parent for p in generated.glob("*/drafts.jsonl")),
                            key=lambda p: p.name, reverse=True) if generated.is_dir() else []
    found = _batch_with(name, candidates)
    if found is None:
        where = f"batch {batch}" if batch is not None else \
            f"{content} (exercises) or {generated} (batches)"
        raise PlayError(f"{name!r} is neither an exercise nor a draft id in {where}; "
                        "`debugex review BATCH --list` shows draft ids")
    return Target("draft", name, str(content.resolve()) if content else None,
                  str(found.resolve()))


def load_task(target: Target, sandbox: Sandbox) -> Task:
    maker = TaskMaker(sandbox, Path(target.content) if target.content else None)
    try:
        if target.kind == "exercise":
            made = maker.from_exercises([target.name], Request(**target.request), target.seed)
        else:
            made = maker.from_batch(Path(target.batch or ""), [target.name])
    except TaskError as exc:
        raise PlayError(str(exc)) from None
    if isinstance(made[0], tuple):
        raise PlayError(f"{target.name}: cannot be played: {made[0][1]}")
    return made[0]


