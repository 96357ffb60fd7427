import os
import shutil
import tempfile
from importlib.metadata import version

import pytest
from hypothesis import settings

# CI runs the property tests with a fixed seed, so a submission passes or fails for the
# same reason every time; locally they explore new inputs on every run.
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

# Verified site catalogues are cached on disk between runs; tests use their own cache,
# removed when the session ends (a cache the caller named is left alone). Under xdist this
# runs first in the controlling process, and its workers inherit the variable: they share
# the one cache, as generate's workers do (appends and atomic writes make that safe), so a
# proof made by one worker is read back by the other. Tests that count hits and misses
# set a cache of their own.
_OWN_CACHE = None
if "DEBUGEX_CACHE" not in os.environ:
    _OWN_CACHE = os.environ["DEBUGEX_CACHE"] = tempfile.mkdtemp(prefix="debugex-test-cache-")


def pytest_unconfigure(config):
    if _OWN_CACHE is not None:
        shutil.rmtree(_OWN_CACHE, ignore_errors=True)


def pytest_configure(config):
    if getattr(config.option, "dist", "no") == "loadgroup" and _xdist_ignores_groups():
        # A group split over two workers builds its shared fixture twice (the survey of
        # every injector is minutes of CPU): slower, not wrong, and silent, so say it.
        raise pytest.UsageError(
            "pytest 9.2 with pytest-xdist 3.8 ignores xdist_group marks "
            "(pytest-dev/pytest-xdist#1386): install the test extra again "
            "(pip install -e '.[test]' brings pytest<9.2), or run with -n 0")


def _xdist_ignores_groups() -> bool:
    """pytest 9.2 keeps node ids apart from the `_nodeid` field that xdist <= 3.8 writes
    the group name into."""
    xdist = tuple(int(p) for p in version("pytest-xdist").split(".")[:2] if p.isdigit())
    return pytest.version_tuple[:2] >= (9, 2) and xdist <= (3, 8)


def pytest_collection_modifyitems(items):
    # The longest tests first (a stable sort: the same order in every worker), so that
    # no worker starts one of them when the other has little left to do.
    items.sort(key=lambda item: item.get_closest_marker("heavy") is None)


from debugex.sandbox import Sandbox  # noqa: E402


@pytest.fixture(scope="session")
def sandbox():
    """One pool for the whole test session (per xdist worker): starting workers is the
    slow part."""
    with Sandbox(workers=2) as pool:
        yield pool
