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


class _QuietForkSeed:
    def seed(self, a=None, version=2):
        # Becomes the code of `random.Random.seed`, run with the globals of `random`; it
        # names `__class__` so that it has the same closure as the method it replaces.
        if self is _inst and a is None:  # noqa: F821 - random's hidden generator
            return None
        return _debugex_seed(self, a, version)  # noqa: F821 - the original, kept there
        __class__  # noqa: B018


def skip_fork_reseed() -> None:
    """`random` reseeds its hidden generator from the OS in every forked child
    (`os.register_at_fork`), which costs more than the rest of a fork. A sandbox run never
    uses that generator (programs get seeded ones), so the zygote makes the hook do
    nothing; every other call of `Random.seed` behaves as before."""
    real = _random.Random.seed
    namespace = real.__globals__
    if "_debugex_seed" not in namespace:
        namespace["_debugex_seed"] = types.FunctionType(
            real.__code__, namespace, real.__name__, real.__defaults__, real.__closure__)
        real.__code__ = _QuietForkSeed.seed.__code__


# The seed of the run in this process, and how many unseeded generators it has made.
_RUN = {"seed": 0, "made": 0}


def _next_seed() -> str:
    _RUN["made"] += 1
    return f"{_RUN['seed']}|{_RUN['made']}"


class _SeededRandom(_random.Random):
    """`random.Random` for programs: a generator made or reseeded without a seed gets
    (run seed, n), so a program that makes its own `Random()` gives the same numbers on
    every run and machine."""

    def __init__(self, x=None):
        super().__init__(_next_seed() if x is None else x)

    def seed(self, a=None, version=2):
        super().seed(_next_seed() if a is None else a, version)


class _SeededSystemRandom(_SeededRandom):
    pass


for _cls, _name in ((_SeededRandom, "Random"), (_SeededSystemRandom, "SystemRandom")):
    _cls.__name__ = _cls.__qualname__ = _name
    _cls.__module__ = "random"


# Imported by the zygote, so that a child finds them ready. The rest of the allow-list is
# imported by the child that asks for it: a larger zygote makes every fork slower.
PRELOADED = ("math", "random", "time", "datetime", "string", "collections", "itertools",
             "functools", "operator")


class ModuleSnapshots:
    """The allowed modules as programs see them, built before any program ran.

    Each run is a process of its own, forked from the zygote that built these: a program
    changes only its own process's copy, so nothing is copied per run.
    """

    def __init__(self) -> None:
        self.modules: dict[str, types.ModuleType] = {}
        self._generator = _SeededRandom(0)
        self.seeded: int | None = None
        for name in PRELOADED:
            self.get(name)
        self.posixpath = dict(posixpath.__dict__)

    def get(self, name: str) -> types.ModuleType | None:
        """The module an allowed name gives a program, or None for any other name."""
        module = self.modules.get(name)
        if module is None and name in ALLOWED:
            real = importlib.import_module(name)
            module = types.ModuleType(name)
            module.__dict__.update(real.__dict__)
            if name == "time":
                module.__dict__.update(_frozen_time_overrides())
            elif name == "datetime":
                module.__dict__.update(datetime=_FrozenDatetime, date=_FrozenDate)
            elif name == "random":
                # The module-level functions are bound methods of one hidden generator.
                for attr, value in vars(real).items():
                    if getattr(value, "__self__", None) is real._inst:
                        module.__dict__[attr] = getattr(self._generator, attr)
                module.__dict__.update(Random=_SeededRandom, SystemRandom=_SeededSystemRandom)
            self.modules[name] = module
        return module

    def seed_for(self, seed: int | None) -> None:
        """Seed `random` for the runs this process is about to fork (None: forget the
        seed, the generator was used). A forked run draws from its own copy, so the
        zygote seeds once for all the runs that share a seed."""
        if seed is not None and seed != self.seeded:
            _RUN.update(seed=seed, made=0)
            self._generator.seed(seed)
        self.seeded = seed

    def start_run(self, seed: int) -> None:
        """Seed `random` for the run this process is about to make (unless it is seeded:
        compared here, so that a forked run makes no call for it)."""
        if seed != self.seeded:
            self.seed_for(seed)


class RunModules:
    """The import hook of a run: the allowed modules, and the run's own `sys`, `os`,
    `builtins`."""

    def __init__(self, snapshots: ModuleSnapshots,
                 extra: dict[str, Callable[[], object]]) -> None:
        self._snapshots = snapshots
        self._extra = extra  # run-specific modules such as `sys` and `builtins`

    def _make(self, name: str, seed: int) -> object:
        if name in self._extra:
            return self._extra[name]()
        module = self._snapshots.get(name)
        if module is None:
            raise ModuleNotFoundError(
                f"module '{name}' is not available in the debugex sandbox", name=name)
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
    # The questions `os.path` asks the file system go through the same guard as `open`:
    # outside the scratch folder a program learns nothing (not even that a file exists).
    for name in _PATH_QUERIES:
        path.__dict__[name] = _guarded(snapshots.posixpath[name], opener_guard)

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


_PATH_QUERIES = ("exists", "lexists", "isfile", "isdir", "islink", "ismount", "getsize",
                 "getmtime", "getatime", "getctime")


def _guarded(query: Callable, guard: Callable[[str], str]) -> Callable:
    def guarded(p):
        return query(guard(p))

    guarded.__name__ = guarded.__qualname__ = query.__name__
    return guarded


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
