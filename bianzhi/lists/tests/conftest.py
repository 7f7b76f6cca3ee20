"""Fixtures of the lists app, under the names its tests use: the project's session-loaded demo (conftest.py at
the root) and its users and logged-in clients."""
import pytest


@pytest.fixture
def lists_demo(demo):
    return demo


@pytest.fixture
def lusers(users):
    return users


@pytest.fixture
def lclient(client_for):
    return client_for
