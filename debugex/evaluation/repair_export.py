"""`debugex export --format repair`: the benchmark file and its dataset card.

Items come from a batch's accepted drafts, from the examples, or are drawn now from
content exercises with a seed: each exercise's draft numbered by the seed in an order no
seed chooses (`variants`), so benchmarks drawn with two seeds share no item. An item an
excluded benchmark holds is left out.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..formats import Request, write_atomic
from ..sandbox import Sandbox
from ..student import error_classes
from ..workflow import Task, TaskMaker, size_category
from .benchmark import CARD_FILE, ITEMS_FILE, Item, item_from_task, read_items
from .variants import MAX_SEED, PATIENCE, drawn_all


@dataclass
class Built:
    items: list[Item] = field(default_factory=list)
    left_out: dict[str, str] = field(default_factory=dict)  # source -> why


def excluded_ids(paths: Iterable[Path]) -> set[str]:
    """The ids of every item of these benchmarks (BenchmarkError when one is unreadable)."""
    return {item.id for path in paths for item in read_items(path)}


def items_from(made: Sequence[Task | tuple], sandbox: Sandbox, exclude: set[str] = frozenset()
               ) -> Built:
    """Items of ready tasks (a batch, the examples); duplicates and excluded ones left out."""
    built = Built()
    seen = set(exclude)
    for task in made:
        if isinstance(task, tuple):
            built.left_out[task[0]] = task[1]
            continue
        item = _item(task, sandbox)
        if isinstance(item, str):
            built.left_out[task.name] = item
        elif item.id in seen:
            built.left_out[task.name] = ("an excluded benchmark holds the same program"
                                         if item.id in exclude else
                                         f"the same program as another item ({item.id})")
        else:
            seen.add(item.id)
            built.items.append(item)
    return built


def items_drawn(maker: TaskMaker, slugs: Sequence[str], request: Request, seed: int,
                exclude: set[str] = frozenset(),
                progress: Callable[[int], None] = lambda n: None) -> Built:
    """One item per exercise: its draft numbered `seed` (see `variants`), so that two
    seeds share no item. A draft an excluded benchmark holds is left out, not drawn
    again: the next draft belongs to another seed."""
    built = Built()
    seen = set(exclude)
    for slug, drawn in zip(slugs, drawn_all(maker, slugs, request, seed, progress),
                           strict=True):
        item = drawn.why if drawn.task is None else _item(drawn.task, maker.sandbox, seed)
        if isinstance(item, str):
            built.left_out[slug] = item
        elif item.id in seen:
            built.left_out[slug] = ("an excluded benchmark holds this seed's draft (the "
                                    "next one is another seed's)" if item.id in exclude else
                                    f"the same program as another item ({item.id})")
        else:
            seen.add(item.id)
            built.items.append(item)
    return built


def _item(task: Task, sandbox: Sandbox, seed: int | None = None) -> Item | str:
    if not task.lines:
        return "it holds no error"
    classes = error_classes(task, sandbox)
    if "unknown" in classes:
        return "an error line holds no change the recovery can find"
    return item_from_task(task, classes, seed)


def write_benchmark(items: Sequence[Item], out: Path, source: str,
                    left_out: dict[str, str]) -> list[Path]:
    """`repair.jsonl` and its card in `out` (written atomically)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    lines = "".join(json.dumps(i.to_json(), ensure_ascii=False) + "\n" for i in items)
    write_atomic(out / ITEMS_FILE, lines)
    write_atomic(out / CARD_FILE, card(items, source, left_out))
    return [out / ITEMS_FILE, out / CARD_FILE]


_CARD = """---
language:
- en
license: mit
pretty_name: debugex repair benchmark
task_categories:
- text-generation
tags:
- python
- debugging
- program-repair
size_categories:
- {size}
configs:
- config_name: default
  data_files:
  - split: test
    path: {items}
---

# debugex repair benchmark

{count} beginner Python programs, each with errors injected by debugex, from {source}.
The class of every error is what debugex's sandbox showed when the error ran alone on
the scenarios (syntax: does not compile; runtime: raises on some scenario; logical: runs
on every scenario, gives a wrong result on some), and its line is where its change is.

A model is shown `description`, `program` and the inputs of `scenarios`, and asked for
the fixed program. `errors` (line and class of each error) and `scoring` (the correct
program, the expected output of each scenario) are for grading only: do not show them.
`difficulty` counts the errors per class and their spread (lines from the first error
to the last). Grade with `debugex evaluate --task repair --benchmark {items}`.

| errors (syntax/runtime/logical) | items |
|---|---|
{levels}

Errors per class: {classes}. Exercises: {exercises}.
{drawn}{left_out}
Made with debugex {version}.
"""


_DRAWN = """
Seed {seed} names a variant, not a random state: each exercise's distinct drafts for
these counts are listed in one order that does not depend on the seed (drawn with the
engine's seeds 0, 1, 2, ..., each preferring mistakes the earlier drafts did not use; a
bugged program met before is passed over), and seed {seed} takes the draft numbered {seed}
(from 0). A benchmark drawn with another seed (0 to {most}) from the same content, counts
and debugex version therefore shares no item with this one. An exercise whose list ends
first ({patience} draws in a row bring nothing new) is left out, not repeated.
"""


def card(items: Sequence[Item], source: str, left_out: dict[str, str]) -> str:
    levels = Counter(i.level for i in items)
    classes = Counter(c for i in items for c in i.classes)
    exercises = len({i.task.exercise for i in items})
    skipped = "" if not left_out else (
        f"\n{len(left_out)} source(s) gave no item: " +
        "; ".join(f"{k}: {v}" for k, v in sorted(left_out.items())) + ".\n")
    seeds = sorted({i.seed for i in items if i.seed is not None})
    drawn = "" if not seeds else _DRAWN.format(seed=seeds[0], patience=PATIENCE,
                                               most=MAX_SEED)
    return _CARD.format(size=size_category(len(items)), items=ITEMS_FILE, count=len(items),
                        source=source, version=__version__, exercises=exercises,
                        levels="\n".join(f"| {k} | {v} |" for k, v in sorted(levels.items())),
                        classes=", ".join(f"{c} {n}" for c, n in sorted(classes.items())),
                        drawn=drawn, left_out=skipped)
