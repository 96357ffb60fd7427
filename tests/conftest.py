import pytest

from debugex.sandbox import Sandbox


@pytest.fixture(scope="session")
def sandbox():
    """One pool for the whole test session: starting workers is the slow part."""
    with Sandbox(workers=2) as pool:
        yield pool
