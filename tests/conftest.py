import os
import shutil
import tempfile

import pytest
from hypothesis import settings

# CI runs the property tests with a fixed seed, so a submission passes or fails for the
# same reason every time; locally they explore new inputs on every run.
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

# Verified site catalogues are cached on disk between runs; tests use their own cache,
# removed when the session ends (a cache the caller named is left alone).
_OWN_CACHE = None
if "DEBUGEX_CACHE" not in os.environ:
    _OWN_CACHE = os.environ["DEBUGEX_CACHE"] = tempfile.mkdtemp(prefix="debugex-test-cache-")


def pytest_unconfigure(config):
    if _OWN_CACHE is not None:
        shutil.rmtree(_OWN_CACHE, ignore_errors=True)

from debugex.sandbox import Sandbox  # noqa: E402


@pytest.fixture(scope="session")
def sandbox():
    """One pool for the whole test session: starting workers is the slow part."""
    with Sandbox(workers=2) as pool:
        yield pool
