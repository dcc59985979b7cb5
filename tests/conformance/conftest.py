"""Fixtures of the conformance tests (the Prism mock itself comes from tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

# Any value passes Prism's security check; a recognisable one shows up in Prism's log.
MOCK_TOKEN = "conformance-token"


@pytest.fixture(scope="session")
def mock_http(mock_url: str) -> Iterator[httpx.Client]:
    """A keep-alive client on the mock (one connection for hundreds of requests)."""
    with httpx.Client(base_url=mock_url, timeout=30.0) as client:
        yield client
