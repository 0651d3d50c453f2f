import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from simclient import Sim  # noqa: E402


@pytest.fixture(scope="session")
def sim():
    """One simulator for most tests (tokens live 120 s)."""
    s = Sim()
    yield s
    assert s.stop() == 0


@pytest.fixture(scope="module")
def short_sim():
    """A simulator whose tokens expire after 3 s."""
    s = Sim("--token-expires", "3")
    yield s
    assert s.stop() == 0
