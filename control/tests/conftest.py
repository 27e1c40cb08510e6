"""Fixtures of the control tests."""

import pytest

from control import live


@pytest.fixture
def fresh_index():
    """Each test starts and ends without this process's control index."""
    live.index_reset()
    yield
    live.index_reset()
