"""An exercise prepared once: its scenarios (the author's, or synthesised: seconds of
runs) and the correct program's outcome on each (the oracle), kept between runs.

`generate` and `inject` read them inside the exercise's site catalogue (`sites.py`); the
audit, the survey and the teaching exports need only this part, and keep it here under
the catalogue's key (the code that judges, the program, its description and scenarios,
the Python that runs it). Entries follow the proof cache's trust model: sealed
(`sealing.py`), read only in their exact shape (`entries.prepared_ok`), plain JSON.
An exercise whose correct program fails is not kept: it is said again on every run.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..content import Exercise, Scenario
from ..formats import write_atomic
from ..sandbox import Outcome, Sandbox
from .cache import cache_dir, code_fingerprint, note_lookup, touch
from .entries import prepared_ok
from .sealing import open_file, sealed_file
from .verify import Prepared, prepare

PREPARED_KIND = "prepared1"
# In memory too, per cache folder (a test, or a cluster task, may name another).
_MEMORY: dict[tuple[str, str], Prepared] = {}


def exercise_key(exercise: Exercise) -> str:
    """What an exercise's proofs depend on besides the edits: the code that finds and
    judges them, the program, its description and its scenarios as given."""
    return hashlib.sha1(repr((code_fingerprint(), exercise.source, exercise.description,
                              exercise.scenarios, exercise.scenarios_given)
                             ).encode()).hexdigest()


def prepared_to_json(prepared: Prepared) -> dict:
    return {"scenarios": [[s.name, list(s.stdin), list(s.calls), list(s.returns),
                           {"raises": s.raises, "tolerance": s.tolerance,
                            "unordered": s.unordered}] for s in prepared.scenarios],
            # an oracle's runs are not traced: its outcomes' last field (typed) is None
            "oracle": [list(o)[:9] for o in prepared.oracle], "note": prepared.note,
            "lines_run": sorted(prepared.lines_run) if prepared.lines_run is not None
            else None,
            "typed": sorted(map(list, prepared.typed)) if prepared.typed is not None
            else None, "timeout": prepared.timeout}


def prepared_from_json(exercise: Exercise, data: dict) -> Prepared:
    """A Prepared read back. A scenario's expected stdout is not kept: verdicts compare
    with the oracle (see `Prepared.cache_key`)."""
    scenarios = tuple(Scenario(s[0], tuple(s[1]), None, *(tuple(x) for x in s[2:4]),
                               s[4]["raises"], s[4]["tolerance"], s[4]["unordered"])
                      for s in data["scenarios"])
    oracle = [Outcome(*o[:6], frozenset(o[6]) if o[6] is not None else None, o[7],
                      tuple(o[8])) for o in data["oracle"]]
    lines_run, typed = data["lines_run"], data["typed"]
    return Prepared(exercise, scenarios, oracle, data["note"], timeout=data["timeout"],
                    lines_run=frozenset(lines_run) if lines_run is not None else None,
                    typed=frozenset(map(tuple, typed)) if typed is not None else None)


def read_sealed(path: Path | None) -> dict | None:
    """A sealed JSON file of the cache, or None (absent, damaged, not sealed by this
    user); its shape is for the caller to check."""
    if path is None or not path.exists():
        return None
    try:
        text = open_file(path.read_text(encoding="utf-8", errors="replace"))
        data = json.loads(text) if text is not None else None
    except (OSError, ValueError, RecursionError):
        return None
    if data is not None:
        touch(path)
    return data


def write_sealed(path: Path | None, data: dict) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, sealed_file(json.dumps(data)))
    except OSError:
        pass  # a read-only cache: work without it


def prepared_for(exercise: Exercise, sandbox: Sandbox) -> Prepared:
    """`prepare(exercise)`, from memory or the disk when it was made before (then nothing
    runs); raises as `prepare` does. Always in the shape read back from the disk, so that
    a first run and a later one give the same drafts."""
    key = exercise_key(exercise)
    folder = cache_dir()
    found = _MEMORY.get((str(folder), key))
    if found is not None:
        note_lookup("prepared", True)
        return found
    path = folder / f"{key}.{PREPARED_KIND}.json" if folder else None
    data = read_sealed(path)
    hit = prepared_ok(data)
    note_lookup("prepared", hit)
    if not hit:
        data = prepared_to_json(prepare(exercise, sandbox))
        write_sealed(path, data)
    found = _MEMORY[(str(folder), key)] = prepared_from_json(exercise, data)
    return found
