"""`debugex play --report FOLDER`: the games a class hands in, per exercise and per error."""

from __future__ import annotations

import csv
import json

import pytest
from teach_helpers import CONTENT, REQUEST

from debugex.commands import play as command
from debugex.student import (
    collect,
    per_error,
    per_exercise,
    report_fields,
    resolve_target,
    start_play,
    state_path,
)


@pytest.fixture(scope="module", autouse=True)
def play_key(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))
        yield


def state(classes, log=(), hints=(), task="fix", exposed=None, exercise="ex", sha="ab" * 32):
    made = {"version": 2, "target": {"kind": "exercise", "name": exercise},
            "bugged_sha256": sha, "classes": list(classes), "exercise": exercise,
            "task": task, "started": "2026-01-05T10:00:00+00:00", "hints": list(hints),
            "log": list(log)}
    if exposed is not None:
        made["exposed"] = exposed
    return made


def at(minute):
    return f"2026-01-05T10:{minute:02d}:00+00:00"


def check_(minute, states, done=False):
    return {"at": at(minute), "task": "fix", "states": states, "done": done}


# (situation, the state handed in, per error: (fixed, exposed, hints), attempts, minutes, done)
GAMES = [
    ("never checked", state(["logical"]), [(None, None, 0)], 0, None, False),
    ("fixed after two checks and a hint",
     state(["runtime", "logical"], [check_(4, ["remaining", "remaining"]),
                                    check_(9, ["fixed", "fixed_otherwise"], True)],
           [{"error": 1, "level": 1}]),
     [(True, None, 0), (True, None, 1)], 2, 9, True),
    ("still going: the time is to the last check",
     state(["logical"], [check_(3, ["remaining"])], [{"error": 0}, {"error": 0}]),
     [(False, None, 2)], 1, 3, False),
    ("located, then fixed",
     state(["logical"], [{"at": at(2), "task": "locate", "done": True},
                         check_(12, ["fixed"], True)], task="fix"),
     [(True, None, 0)], 2, 12, True),
    ("expose: one of two exposed",
     state(["logical", "runtime"], [{"at": at(5), "task": "expose", "done": False}],
           task="expose", exposed=[1]),
     [(None, False, 0), (None, True, 0)], 1, 5, False),
    ("odd entries an edited file may hold count for nothing",
     state(["logical"], ["x", check_(1, ["fixed"], True)], ["y", {"error": "0"}]),
     [(True, None, 0)], 1, 1, True),
]


@pytest.mark.parametrize("handed_in, errors, attempts, minutes, done",
                         [g[1:] for g in GAMES], ids=[g[0] for g in GAMES])
def test_each_game_as_the_report_reads_it(tmp_path, handed_in, errors, attempts, minutes,
                                          done):
    (tmp_path / "ann").mkdir()
    (tmp_path / "ann" / "ex.py.play.json").write_text(json.dumps(handed_in))
    rows, skipped = collect(tmp_path)
    assert not skipped and {r.file for r in rows} == {"ann/ex.py"}
    assert [(r.fixed, r.exposed, r.hints) for r in rows] == errors
    assert {(r.attempts, r.minutes, r.done) for r in rows} == {(attempts, minutes, done)}


def test_sums_per_exercise_and_per_error(tmp_path):
    games = {"ann": state(["runtime", "logical"], [check_(4, ["fixed", "fixed"], True)],
                          [{"error": 1}]),
             "bob": state(["runtime", "logical"], [check_(8, ["fixed", "remaining"])],
                          [{"error": 1}, {"error": 1}]),
             "cy": state(["logical"], exercise="other")}
    for name, game in games.items():
        (tmp_path / f"{name}.py.play.json").write_text(json.dumps(game))
    (tmp_path / "broken.py.play.json").write_text("{not json")
    rows, skipped = collect(tmp_path)
    assert list(skipped) == ["broken.py"]
    assert per_exercise(rows) == [
        {"exercise": "ex", "games": 2, "done": 1, "median_attempts": 1, "median_minutes": 6,
         "hints": 3},
        {"exercise": "other", "games": 1, "done": 0, "median_attempts": 0,
         "median_minutes": None, "hints": 0}]
    second = [e for e in per_error(rows) if e["exercise"] == "ex" and e["error"] == 2]
    assert second == [{"exercise": "ex", "draft": "abababab", "error": 2, "class": "logical",
                       "games": 2, "fixed": 1, "checked": 2, "exposed": 0,
                       "expose_games": 0, "hints": 3, "games_with_hints": 2}]


def test_report_of_a_real_game(sandbox, tmp_path, capsys):
    """A game played through the command: two checks and a hint, then the report, its
    table, its JSON and its CSV."""
    target = resolve_target("leap_year", CONTENT, None, tmp_path / "none", REQUEST, 0)
    (tmp_path / "class" / "ann").mkdir(parents=True)
    game = start_play(target, tmp_path / "class" / "ann" / "leap_year.py", sandbox)
    assert command.run_check(game.file, True, False) == 1
    game.file.write_text(game.task.correct)
    assert command.run_check(game.file, False, False) == 0
    capsys.readouterr()
    out_csv = tmp_path / "class.csv"
    assert command.main(None, None, False, None, None, None, 0, 1, 1, 0, False, True,
                        report=tmp_path / "class", csv_file=out_csv) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["exercises"] == [{"exercise": "leap_year", "games": 1, "done": 1,
                                    "median_attempts": 2,
                                    "median_minutes": report["exercises"][0][
                                        "median_minutes"], "hints": 1}]
    assert [(e["fixed"], e["checked"]) for e in report["errors"]] == [(1, 1), (1, 1)]
    with out_csv.open(newline="") as handle:
        written = list(csv.DictReader(handle))
    assert list(written[0]) == report_fields() and len(written) == 2
    assert {r["file"] for r in written} == {"ann/leap_year.py"}
    assert command.main(None, None, False, None, None, None, 0, 1, 1, 0, False, False,
                        report=tmp_path / "class") == 0
    text = capsys.readouterr().out
    assert text.startswith("1 game under ") and "leap_year" in text
    assert state_path(game.file).is_file()


def test_report_says_what_is_wrong(tmp_path, capsys):
    assert command.run_report(tmp_path / "missing", None, False) == 2
    assert "is not a folder" in capsys.readouterr().err
    assert command.run_report(tmp_path, None, False) == 2
    assert "no .play.json files to report on" in capsys.readouterr().err
