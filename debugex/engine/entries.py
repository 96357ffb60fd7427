"""The schema of what the proof cache keeps, checked on every read.

A sealed entry (`sealing.py`) was written by this user, but by another version of debugex
perhaps, or by a bug; an entry is believed only when it has exactly the fields of its kind,
each of its type. Anything else is ignored and proven again, never half-read.
"""

from __future__ import annotations

from typing import Any

_STR = (str,)
_OPT_STR = (str, type(None))
_OPT_INT = (int, type(None))

VERDICT_FIELDS: dict[str, tuple[type, ...]] = {
    "status": _STR, "reason": _OPT_STR, "exc_class": _OPT_STR, "reported_line": _OPT_INT,
    "scenario": _OPT_STR, "message": _STR, "difference": _OPT_STR, "call": _OPT_STR,
    "expected": _OPT_STR, "actual": _OPT_STR,
}
VERDICT_STATUSES = frozenset({"syntax", "runtime", "logical", "rejected"})


def _typed(value: Any, types: tuple[type, ...]) -> bool:
    # bool is an int to isinstance; no field of ours is a bool where an int is meant
    return isinstance(value, types) and not (isinstance(value, bool) and bool not in types)


def verdict_ok(data: Any) -> bool:
    """A verdict's dict: exactly its fields, each of its type, a known status."""
    return (isinstance(data, dict) and data.keys() == VERDICT_FIELDS.keys()
            and all(_typed(data[k], t) for k, t in VERDICT_FIELDS.items())
            and data["status"] in VERDICT_STATUSES)


def state_ok(data: Any) -> bool:
    """What one program showed while fixing a draft (`interplay.py`): its verdict and the
    digest of what a student sees."""
    return (isinstance(data, dict) and data.keys() == {"verdict", "shown"}
            and verdict_ok(data["verdict"]) and isinstance(data["shown"], str))


def shown_ok(data: Any) -> bool:
    """What one program showed under another seed (`interplay.py`): a digest per
    scenario, None for a scenario not run."""
    return (isinstance(data, dict) and data.keys() == {"shown"}
            and isinstance(data["shown"], list)
            and all(isinstance(d, _OPT_STR) for d in data["shown"]))


def readable_ok(data: Any) -> bool:
    """Whether a set of edits reads back as itself (`compose.py`)."""
    return (isinstance(data, dict) and data.keys() == {"readable"}
            and isinstance(data["readable"], bool))


def _str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _edit_ok(data: Any, source_length: int) -> bool:
    if not isinstance(data, dict):
        return False
    start, end = data.get("start"), data.get("end")
    return (isinstance(data.get("injector"), str) and isinstance(data.get("error_class"), str)
            and _typed(start, (int,)) and _typed(end, (int,))
            and 0 <= start <= end <= source_length
            and isinstance(data.get("replacement"), str) and _typed(data.get("line"), (int,))
            and isinstance(data.get("details"), dict)
            and all(isinstance(k, str) and isinstance(v, str)
                    for k, v in data["details"].items())
            and _typed(data.get("focus", 0), (int,)))


def _outcome_ok(data: Any) -> bool:
    # Outcome: kind, stdout, exc_class, line, message, reason, lines run, inputs used,
    # returns
    return (isinstance(data, list) and len(data) == 9 and isinstance(data[0], str)
            and isinstance(data[1], str) and isinstance(data[2], _OPT_STR)
            and _typed(data[3], _OPT_INT) and isinstance(data[4], str)
            and isinstance(data[5], _OPT_STR)
            and (data[6] is None or (isinstance(data[6], list)
                                     and all(_typed(n, (int,)) for n in data[6])))
            and _typed(data[7], (int,)) and _str_list(data[8]))


def _scenario_ok(data: Any) -> bool:
    # name, stdin, calls, returns, and how the calls are judged
    if not (isinstance(data, list) and len(data) == 5 and isinstance(data[0], str)
            and all(_str_list(part) for part in data[1:4]) and isinstance(data[4], dict)):
        return False
    how = data[4]
    return (how.keys() == {"raises", "tolerance", "unordered"}
            and isinstance(how["raises"], _OPT_STR)
            and (how["tolerance"] is None or _typed(how["tolerance"], (int, float)))
            and isinstance(how["unordered"], bool))


def _prepared_parts_ok(data: dict) -> bool:
    return (isinstance(data["scenarios"], list) and isinstance(data["oracle"], list)
            and type(data["timeout"]) is float and 0 < data["timeout"] <= 60
            and len(data["scenarios"]) == len(data["oracle"])
            and all(_scenario_ok(s) for s in data["scenarios"])
            and all(_outcome_ok(o) for o in data["oracle"])
            and isinstance(data["note"], _OPT_STR)
            and (data["lines_run"] is None or (isinstance(data["lines_run"], list) and all(
                _typed(n, (int,)) for n in data["lines_run"])))
            and (data["typed"] is None or (isinstance(data["typed"], list) and all(
                isinstance(p, list) and len(p) == 2 and all(isinstance(t, str) for t in p)
                for p in data["typed"]))))


def prepared_ok(data: Any) -> bool:
    """A prepared exercise (`prepared_cache.py`): the scenarios and the oracle's outcome
    per scenario."""
    return (isinstance(data, dict) and data.keys() == {"scenarios", "oracle", "note",
                                                        "lines_run", "typed", "timeout"}
            and _prepared_parts_ok(data))


def catalog_ok(data: Any, source_length: int) -> bool:
    """A site catalogue (`sites.py`): edits inside the program, a verdict per edit, the
    scenarios and the oracle's outcome per scenario."""
    return (isinstance(data, dict)
            and data.keys() == {"edits", "verdicts", "scenarios", "oracle", "note",
                            "lines_run", "typed", "timeout"}
            and isinstance(data["edits"], list) and isinstance(data["verdicts"], list)
            and len(data["edits"]) == len(data["verdicts"])
            and all(_edit_ok(e, source_length) for e in data["edits"])
            and all(verdict_ok(v) for v in data["verdicts"])
            and _prepared_parts_ok(data))


def _counts_ok(data: Any) -> bool:
    return isinstance(data, dict) and all(isinstance(k, str) and _typed(v, (int,))
                                          for k, v in data.items())


def sites_ok(data: Any, source_length: int) -> bool:
    """A program's candidate sites (`site_cache.py`): edits inside the program, and per
    injector the candidates dropped as unreadable or implausible."""
    return (isinstance(data, dict) and data.keys() == {"edits", "unreadable", "implausible"}
            and isinstance(data["edits"], list)
            and all(_edit_ok(e, source_length) for e in data["edits"])
            and _counts_ok(data["unreadable"]) and _counts_ok(data["implausible"]))
