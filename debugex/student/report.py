"""A class's games summed up for the teacher (`debugex play --report FOLDER`).

Each `.play.json` a student hands in holds, beside its signed fields, the record of the
game: the task, when it started, every check (the state of each error then), every hint
(for which error) and every try of the other tasks. This reads them all, per file and
per error, and sums them per exercise and per error of a draft. The record is the
student's own (its signature is made with their key, which the teacher does not hold),
so the report says what the files say.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .hints import given_per_error
from .state import STATE_SUFFIX

FIELDS = ("file", "exercise", "draft", "task", "error", "class", "fixed", "exposed",
          "hints", "attempts", "minutes", "done")


@dataclass
class ErrorRow:
    """One error of one student's game."""

    file: str  # the student's file, relative to the folder
    exercise: str
    draft: str  # short digest of the bugged program: the same draft for every student
    task: str
    error: int  # 1-based, in the draft's order
    kind: str  # syntax | runtime | logical
    fixed: bool | None  # None: no fix checked
    exposed: bool | None  # None: not an expose game
    hints: int
    attempts: int  # checks and tries of the game (the same on every error of a file)
    minutes: float | None  # from the start to done (or to the last check)
    done: bool

    def as_row(self) -> dict:
        return {"file": self.file, "exercise": self.exercise, "draft": self.draft,
                "task": self.task, "error": self.error, "class": self.kind,
                "fixed": self.fixed, "exposed": self.exposed, "hints": self.hints, "attempts": self.attempts,
                "minutes": self.minutes, "done": self.done}


def _time(text: object) -> datetime | None:
    try:
        return datetime.fromisoformat(str(text))
    except ValueError:
        return None


def _minutes(start: object, end: object) -> float | None:
    a, b = _time(start), _time(end)
    if a is None or b is None:
        return None
    return round((b - a).total_seconds() / 60, 1)


def rows_of(state: dict, name: str) -> list[ErrorRow]:
    """The rows of one game; ValueError when the file is not a play state."""
    classes = state.get("classes")
    if not isinstance(classes, list) or not isinstance(state.get("target"), dict):
        raise ValueError("not a debugex play state")
    log = [e for e in state.get("log") or [] if isinstance(e, dict)]
    checks = [e for e in log if e.get("task") == "fix" and isinstance(e.get("states"), list)]
    last = checks[-1]["states"] if checks else None

    hints = given_per_error(state.get("hints"))
    exercise = str(state.get("exercise") or state["target"].get("name") or "?")
    started_as = next((str(e["task"]) for e in log if e.get("task") in ("expose", "locate")),
                      str(state.get("task") or "fix"))
    # Done: every error fixed (a locate game ends with its fix), or every one exposed.
    ends_with = "expose" if started_as == "expose" else "fix"
    finished = next((e for e in log if e.get("done") and e.get("task") == ends_with), None)
    end = finished or (log[-1] if log else None)
    done = finished is not None
    exposed = {n for n in state.get("exposed") or [] if isinstance(n, int)}
    rows = []
    for index, kind in enumerate(classes):
        fixed = None if last is None or index >= len(last) else last[index] != "remaining"
        rows.append(ErrorRow(name, exercise, str(state.get("bugged_sha256", ""))[:8],
                             started_as, index + 1, str(kind), fixed,
                             index in exposed if started_as == "expose" else None,
                             hints.get(index, 0),
                             len(log), _minutes(state.get("started"),
                                                end.get("at") if end else None), done))
    return rows


def collect(folder: Path) -> tuple[list[ErrorRow], dict[str, str]]:
    """Every error row of the games under `folder`, and the files left out with why."""
    rows: list[ErrorRow] = []
    skipped: dict[str, str] = {}
    for path in sorted(folder.rglob(f"*{STATE_SUFFIX}")):
        name = str(path.relative_to(folder))[:-len(STATE_SUFFIX)]
        try:
            state = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(state, dict):
                raise ValueError("not a debugex play state")
            rows += rows_of(state, name)
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            skipped[name] = str(exc)
    return rows, skipped


def _median(values: list[float]) -> float | None:
    if not values:
        return None
    middle = round(statistics.median(values), 1)
    return int(middle) if middle == int(middle) else middle


def per_exercise(rows: list[ErrorRow]) -> list[dict]:
    """Per exercise: games, done, median attempts and minutes, hints."""
    out = []
    for exercise in sorted({r.exercise for r in rows}):
        games = {r.file: r for r in rows if r.exercise == exercise}
        mine = [r for r in rows if r.exercise == exercise]
        out.append({"exercise": exercise, "games": len(games),
                    "done": sum(g.done for g in games.values()),
                    "median_attempts": _median([g.attempts for g in games.values()]),
                    "median_minutes": _median([g.minutes for g in games.values()
                                               if g.minutes is not None]),
                    "hints": sum(r.hints for r in mine)})
    return out


def per_error(rows: list[ErrorRow]) -> list[dict]:
    """Per error of a draft: how many games fixed it, with how many hints."""
    out = []
    for key in sorted({(r.exercise, r.draft, r.error) for r in rows}):
        mine = [r for r in rows if (r.exercise, r.draft, r.error) == key]
        out.append({"exercise": key[0], "draft": key[1], "error": key[2],
                    "class": mine[0].kind, "games": len(mine),
                    "fixed": sum(bool(r.fixed) for r in mine),
                    "checked": sum(r.fixed is not None for r in mine),
                    "exposed": sum(bool(r.exposed) for r in mine),
                    "expose_games": sum(r.exposed is not None for r in mine),
                    "hints": sum(r.hints for r in mine),
                    "games_with_hints": sum(r.hints > 0 for r in mine)})
    return out


def report_fields() -> list[str]:
    """The columns of the CSV: one row per game and error."""
    return list(FIELDS)
