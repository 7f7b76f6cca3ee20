"""The documents tests use the project's fixtures (conftest.py at the root: the demo is loaded once per session)
under the names these tests were written with."""
import pytest


@pytest.fixture
def ddemo(demo):
    return demo


@pytest.fixture
def client_as(client_for):
    return client_for


@pytest.fixture
def api_as(api_for):
    return api_for
