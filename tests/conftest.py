import os
import tempfile

import pytest

# Verified site catalogues are cached on disk between runs; tests use their own cache.
os.environ.setdefault("DEBUGEX_CACHE", tempfile.mkdtemp(prefix="debugex-test-cache-"))

from debugex.sandbox import Sandbox  # noqa: E402


@pytest.fixture(scope="session")
def sandbox():
    """One pool for the whole test session: starting workers is the slow part."""
    with Sandbox(workers=2) as pool:
        yield pool
