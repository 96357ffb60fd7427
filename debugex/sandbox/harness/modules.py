"""The modules a sandboxed program may import, and what they show it.

Every run is its own forked process, so nothing a program does to a module outlives it;
these copies exist for determinism and for a beginner's view of Python. `random` is a
generator seeded per run (and so is every generator the program creates), every clock is
frozen, `sleep` returns at once. Modules outside the allow-list raise ImportError: beginner
programs never need them, and the output of `os` or `sys` internals would differ between
machines. The allow-list is not the security boundary: the operating system confines the
process (see `lockdown.py`).
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

    def clock_gettime(_clock: int) -> float:
        return FROZEN_EPOCH

    def clock_gettime_ns(_clock: int) -> int:
        return int(FROZEN_EPOCH * 1e9)

    return {
        "time": frozen, "monotonic": frozen, "perf_counter": frozen, "process_time": frozen,
        "thread_time": frozen, "time_ns": frozen_ns, "monotonic_ns": frozen_ns,
        "perf_counter_ns": frozen_ns, "process_time_ns": frozen_ns, "thread_time_ns": frozen_ns,
        "clock_gettime": clock_gettime, "clock_gettime_ns": clock_gettime_ns,
        "sleep": sleep, "localtime": localtime, "gmtime": gmtime, "ctime": ctime,
        "asctime": asctime, "strftime": strftime,
    }


def seeded_random_classes(seed: int) -> tuple[type, type]:
    """`Random` and `SystemRandom` for one run: unseeded generators are seeded from the run.

    The n-th generator a run creates without a seed gets (seed, n), so a program that makes
    its own `random.Random()` gives the same numbers on every run and machine.
    """
    counter = [0]

    class Random(_random.Random):
        def __init__(self, x=None):
            if x is None:
                counter[0] += 1
                x = f"{seed}|{counter[0]}"
            super().__init__(x)

        def seed(self, a=None, version=2):
            if a is None:
                counter[0] += 1
                a = f"{seed}|{counter[0]}"
            super().seed(a, version)

    class SystemRandom(Random):
        pass

    for cls, name in ((Random, "Random"), (SystemRandom, "SystemRandom")):
        cls.__name__ = cls.__qualname__ = name
        cls.__module__ = "random"
    return Random, SystemRandom


# Imported by the zygote, so that a child finds them ready. The rest of the allow-list is
# imported by the child that asks for it: a larger zygote makes every fork slower.
PRELOADED = ("math", "random", "time", "datetime", "string", "collections", "itertools",
             "functools", "operator")


class ModuleSnapshots:
    """Pristine copies of the allowed modules' namespaces, taken before any program ran."""

    def __init__(self) -> None:
        self.namespaces: dict[str, dict] = {}
        for name in PRELOADED:
            self.get(name)
        # Names in `random` that are bound methods of its hidden global generator.
        self.random_methods = [
            name for name, value in vars(_random).items()
            if getattr(value, "__self__", None) is _random._inst
        ]
        self.posixpath = dict(posixpath.__dict__)

    def get(self, name: str) -> dict | None:
        """The namespace of an allowed module, or None for any other name."""
        namespace = self.namespaces.get(name)
        if namespace is None and name in ALLOWED:
            namespace = dict(importlib.import_module(name).__dict__)
            if name == "time":
                namespace.update(_frozen_time_overrides())
            elif name == "datetime":
                namespace.update(datetime=_FrozenDatetime, date=_FrozenDate)
            self.namespaces[name] = namespace
        return namespace


class RunModules:
    """The import hook: each run's modules are built on first import, then reused."""

    def __init__(self, snapshots: ModuleSnapshots,
                 extra: dict[str, Callable[[], object]]) -> None:
        self._snapshots = snapshots
        self._extra = extra  # run-specific modules such as `sys` and `builtins`

    def _make(self, name: str, seed: int) -> object:
        if name in self._extra:
            return self._extra[name]()
        namespace = self._snapshots.get(name)
        if namespace is None:
            raise ModuleNotFoundError(
                f"module '{name}' is not available in the debugex sandbox", name=name)
        module = types.ModuleType(name)
        module.__dict__.update(namespace)
        if name == "random":
            random_class, system_class = seeded_random_classes(seed)
            generator = random_class(seed)
            for method in self._snapshots.random_methods:
                module.__dict__[method] = getattr(generator, method)
            module.__dict__.update(Random=random_class, SystemRandom=system_class)
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
