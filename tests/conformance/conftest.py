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


@pytest.fixture(scope="session")
def sandbox_url() -> Iterator[str]:
    """The stateful sandbox (gatum_rest_py.sandbox) on a free loopback port; reports only to loopback."""
    pytest.importorskip("starlette", reason="the sandbox needs the [sandbox] extra (starlette, uvicorn)")
    from gatum_rest_py.sandbox import SandboxConfig, running_sandbox

    # stall_seconds=0: a generated number ending 0006 (the stalling fault) answers at once
    config = SandboxConfig(
        dlr_delay=0.05, retry_delay=0.01, callback_hosts=frozenset({"127.0.0.1", "localhost"}), stall_seconds=0
    )
    with running_sandbox(config) as sandbox:
        yield sandbox.base_url


def sandbox_token(base_url: str, username: str) -> str:
    """A real token of the sandbox account `username` (the sandbox checks tokens, Prism does not)."""
    with httpx.Client(base_url=base_url, timeout=10.0) as client:
        code = client.post("/v1/authorize", json={"username": username, "password": "pw"}).json()["data"]
        token = client.post("/v1/accesstoken", json={"authorization_code": code["authorization_code"]}).json()["data"]
    return str(token["access_token"])
