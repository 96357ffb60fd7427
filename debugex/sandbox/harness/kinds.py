"""The kinds of value a traced frame's variables hold as it ends (engine/mistyped.py):
which names a program could swap without a TypeError.

Each variable gives (name, type name). A builtin list, tuple, set or frozenset also gives
the kinds of its first few items (`("rows", "list[dict]")`: a list of dicts, items of no
builtin kind named `object`, an empty one `list[]`), and a list or tuple its length up to
`LENGTH_LIMIT` (`("pair", "tuple/2")`, longer `tuple/more`): what a swap that assigns to
an item, calls an item's method or unpacks the value meets. Only exact builtin types are
looked into (`type(x) is list`), so reading the items runs no program code.
"""

from __future__ import annotations

from itertools import islice

ITEMS_LOOKED_AT = 8
LENGTH_LIMIT = 6
# Compared by identity, never looked up by hash: a program's class may define its
# metaclass's `__hash__`
_CONTAINERS = ((list, "list"), (tuple, "tuple"), (set, "set"), (frozenset, "frozenset"))
_ITEM_KINDS = (*_CONTAINERS, (dict, "dict"), (str, "str"), (int, "int"), (float, "float"),
               (bool, "bool"), (type(None), "NoneType"), (bytes, "bytes"))


def note_types(frame, typed: set[tuple[str, str]], limit: int, name_limit: int) -> None:
    """Add the frame's (variable, kind) pairs to `typed`, at most `limit` of them. Program
    code may run here (a metaclass's `__name__`): it is the program's own process."""
    try:
        for name, value in list(frame.f_locals.items()):
            if type(name) is str and name[:2] != "__":
                kind = type(value).__name__
                if type(kind) is str and kind:
                    for pair_kind in (kind, *_inside(value)):
                        if len(typed) >= limit:
                            return
                        typed.add((name[:name_limit], pair_kind[:name_limit]))
    except Exception:  # noqa: BLE001 - a hint only; the run goes on
        pass


def _inside(value) -> list[str]:
    """The kinds of a builtin collection's first items, and a sequence's length."""
    outer = _kind_of(value, _CONTAINERS)
    if outer is None:
        return []
    items = sorted({_kind_of(item, _ITEM_KINDS) or "object"
                    for item in islice(value, ITEMS_LOOKED_AT)})
    kinds = [f"{outer}[{'|'.join(items)}]"]
    if outer in ("list", "tuple"):
        size = len(value)
        kinds.append(f"{outer}/{size if size <= LENGTH_LIMIT else 'more'}")
    return kinds


def _kind_of(value, kinds: tuple[tuple[type, str], ...]) -> str | None:
    cls = type(value)
    return next((name for known, name in kinds if cls is known), None)
