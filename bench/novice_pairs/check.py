"""Check that every pair with `check` calls shows its bug: the correct program answers
every call, and the buggy one answers some call differently or raises there. Both run in
debugex's sandbox (the programs are treated as untrusted, as every program is).

    python bench/novice_pairs/check.py [--half tuned|held|v1]

Prints one line per pair that fails and a summary; exit code 1 when any pair fails.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import HALVES, load_pairs  # noqa: E402

from debugex.sandbox import Job, Sandbox  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=HALVES, default=None)
    args = parser.parse_args()
    pairs = [p for p in load_pairs() if p.checks and args.half in (None, p.half)]
    jobs = [Job(source, calls=pair.checks) for pair in pairs
            for source in (pair.correct, pair.buggy_program)]
    with Sandbox() as sandbox:
        outcomes = sandbox.run_many(jobs)
    failed = 0
    for pair, correct, buggy in zip(pairs, outcomes[::2], outcomes[1::2], strict=True):
        if correct.kind != "finished" or len(correct.returns) != len(pair.checks):
            print(f"{pair.id}: the correct program does not answer every call "
                  f"({correct.kind} {correct.exc_class or ''})")
            failed += 1
        elif buggy.kind == "finished" and buggy.returns == correct.returns:
            print(f"{pair.id}: the buggy program answers every call as the correct one")
            failed += 1
    print(f"{len(pairs)} pairs with checks, {failed} failing")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
