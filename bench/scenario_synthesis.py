"""Scenario synthesis against the hand-written scenarios, over the bundled content.

For each exercise the scenarios.toml is hidden and synthesised; prints the fraction of
exercises for which synthesis found scenarios that finish cleanly, the mean line
coverage reached against the hand-written scenarios', the slowest exercise, and the
logical sites verified with the synthesised scenarios divided by those verified with the
hand-written ones, per exercise and overall (the target: >= 0.98 overall, none < 0.9).

    python bench/scenario_synthesis.py [--json] [--content DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from debugex.content.exercises import exercise_folders, load_exercise  # noqa: E402
from debugex.engine.synthesis_quality import measure, summary  # noqa: E402
from debugex.sandbox import Sandbox  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--exercise", action="append", default=[],
                        help="Only this exercise (repeatable).")
    args = parser.parse_args()
    exercises = [load_exercise(f) for f in exercise_folders(args.content)
                 if not args.exercise or f.name in args.exercise]
    with Sandbox() as sandbox:
        report = summary(measure(exercises, sandbox, logical=True))
    print(json.dumps(report) if args.json else json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
