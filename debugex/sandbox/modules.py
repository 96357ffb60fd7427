"""The modules a sandboxed program may import, fresh for every run.

Each run gets its own module objects built from snapshots taken when the worker starts,
so a program that rebinds `math.pi`, `random.randint` or `time.sleep` changes only its
own copy. `random` is a new generator seeded per run; `time` and `datetime` are frozen.
Modules outside the allow-list raise ImportError: beginner programs never need them,
and `os`, `sys` and `signal` would let a program reach the worker itself.
"""

from __future__ import annotations

import datetime as _datetime
import importlib
import posixpath
import random as _random
import sys
import time as _time
import types
from collections.abc import Callable

# The clock every program sees: 2024-03-15 10:30:00 UTC.
FROZEN_EPOCH = 1710498600.0

ALLOWED = (
    "math", "cmath", "random", "time", "datetime", "string", "statistics", "collections",
    "itertools", "functools", "operator", "decimal", "fractions", "re", "textwrap", "copy",
    "typing", "dataclasses", "enum", "json", "calendar", "bisect", "heapq", "array",
    "numbers", "abc", "pprint", "unicodedata",
)


class _FrozenDatetime(_datetime.datetime):
    @classmethod
    def now(cls, tz=None):
        # Naive times are UTC: workers run with TZ=UTC.
        return _datetime.datetime.fromtimestamp(FROZEN_EPOCH, tz)

    @classmethod
    def today(cls):
        return cls.now()

    @classmethod
    def utcnow(cls):
        return cls.now()


class _FrozenDate(_datetime.date):
    @classmethod
    def today(cls):
        return _datetime.date.fromtimestamp(FROZEN_EPOCH)


for _cls, _name in ((_FrozenDatetime, "datetime"), (_FrozenDate, "date")):
    _cls.__name__ = _cls.__qualname__ = _name
    _cls.__module__ = "datetime"


def _frozen_time_overrides() -> dict[str, object]:
    def frozen() -> float:
        return FROZEN_EPOCH

    def frozen_ns() -> int:
        return int(FROZEN_EPOCH * 1e9)

    def sleep(_seconds: float) -> None:
        return None

    def localtime(secs: float | None = None):
        return _time.localtime(FROZEN_EPOCH if secs is None else secs)

    def gmtime(secs: float | None = None):
        return _time.gmtime(FROZEN_EPOCH if secs is None else secs)

    def ctime(secs: float | None = None) -> str:
        return _time.ctime(FROZEN_EPOCH if secs is None else secs)

    def asctime(t=None) -> str:
        return _time.asctime(_time.localtime(FROZEN_EPOCH) if t is None else t)

    def strftime(fmt: str, t=None) -> str:
        return _time.strftime(fmt, _time.localtime(FROZEN_EPOCH) if t is None else t)

    return {
        "time": frozen, "monotonic": frozen, "perf_counter": frozen, "process_time": frozen,
        "time_ns": frozen_ns, "monotonic_ns": frozen_ns, "perf_counter_ns": frozen_ns,
        "process_time_ns": frozen_ns, "sleep": sleep, "localtime": localtime,
        "gmtime": gmtime, "ctime": ctime, "asctime": asctime, "strftime": strftime,
    }


class ModuleSnapshots:
    """Pristine copies of the allowed modules' namespaces, taken once per worker."""

    def __init__(self) -> None:
        self.namespaces: dict[str, dict] = {}
        for name in ALLOWED:
            module = importlib.import_module(name)
            self.namespaces[name] = dict(module.__dict__)
        self.namespaces["time"].update(_frozen_time_overrides())
        self.namespaces["datetime"].update(datetime=_FrozenDatetime, date=_FrozenDate)
        # Names in `random` that are bound methods of its hidden global generator.
        self.random_methods = [
            name for name, value in vars(_random).items()
            if getattr(value, "__self__", None) is _random._inst
        ]
        self.posixpath = dict(posixpath.__dict__)


class RunModules:
    """The import hook: each run's modules are built on first import, then reused."""

    def __init__(self, snapshots: ModuleSnapshots,
                 extra: dict[str, Callable[[], object]]) -> None:
        self._snapshots = snapshots
        self._extra = extra  # run-specific modules such as `sys` and `builtins`

    def _make(self, name: str, seed: int) -> object:
        if name in self._extra:
            return self._extra[name]()
        namespace = self._snapshots.namespaces.get(name)
        if namespace is None:
            raise ModuleNotFoundError(
                f"module '{name}' is not available in the debugex sandbox", name=name)
        module = types.ModuleType(name)
        module.__dict__.update(namespace)
        if name == "random":
            generator = _random.Random(seed)
            for method in self._snapshots.random_methods:
                module.__dict__[method] = getattr(generator, method)
        return module

    def resolve(self, made: dict[str, object], seed: int, name: str, fromlist, level: int):
        """`__import__` for one run; `made` holds the modules this run has imported."""
        if level:
            raise ImportError("relative imports are not available in the debugex sandbox")
        top = name.partition(".")[0]
        module = made.get(top)
        if module is None:
            module = made[top] = self._make(top, seed)
        if "." in name:
            # `import os.path` and the like: resolve the attribute chain on our copies.
            target = module
            for part in name.split(".")[1:]:
                try:
                    target = getattr(target, part)
                except AttributeError:
                    raise ModuleNotFoundError(
                        f"module '{name}' is not available in the debugex sandbox",
                        name=name) from None
            if fromlist:
                return target
        return module


def make_os_module(snapshots: ModuleSnapshots, opener_guard: Callable[[str], str]) -> types.ModuleType:
    """A small `os`: paths, the working folder, and file removal inside the sandbox only."""
    import os

    module = types.ModuleType("os")
    path = types.ModuleType("os.path")
    path.__dict__.update(snapshots.posixpath)

    def remove(p: str) -> None:
        os.remove(opener_guard(p))

    def listdir(p: str = ".") -> list[str]:
        return sorted(os.listdir(opener_guard(p)))

    module.__dict__.update(
        path=path, sep="/", linesep="\n", name="posix", curdir=".", pardir="..",
        getcwd=lambda: "/sandbox", remove=remove, unlink=remove, listdir=listdir,
        environ={}, getenv=lambda key, default=None: default,
    )
    return module


def make_sys_module(stdout, stderr, stdin, exit_function) -> types.ModuleType:
    """A small `sys`: the run's streams, argv, exit and the read-only facts."""
    module = types.ModuleType("sys")

    def setrecursionlimit(limit: int) -> None:
        # Deep native recursion would crash the worker; keep the limit modest.
        sys.setrecursionlimit(min(int(limit), 3000))

    module.__dict__.update(
        stdout=stdout, stderr=stderr, stdin=stdin, argv=["program.py"], exit=exit_function,
        maxsize=sys.maxsize, version=sys.version, version_info=sys.version_info,
        platform=sys.platform, byteorder=sys.byteorder, float_info=sys.float_info,
        int_info=sys.int_info, getrecursionlimit=sys.getrecursionlimit,
        setrecursionlimit=setrecursionlimit, getsizeof=sys.getsizeof,
        __stdout__=stdout, __stderr__=stderr, __stdin__=stdin,
    )
    return module
