"""Shared fixtures: the Prism mock serving openapi/gatum.yaml on a free loopback port.

The mock is started once per test session (mock/prism_runner.py). If Node.js or the installed
Prism are missing, or Prism does not answer in time, the session fails at once with a message
that says what to do, instead of every test timing out on its own.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "mock"))

from prism_runner import Mock, MockStartError, free_port, running_mock  # noqa: E402

SPEC = ROOT / "openapi" / "gatum.yaml"

__all__ = ["ROOT", "SPEC", "Mock", "free_port"]


@pytest.fixture(scope="session")
def mock_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Mock]:
    """Prism serving the spec's examples, validating every request."""
    try:
        with running_mock(tmp_path_factory.mktemp("prism") / "prism.log") as mock:
            yield mock
    except MockStartError as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def mock_url(mock_server: Mock) -> str:
    return mock_server.base_url
