"""The `redis_url` fixture (import `redis_server_url`): a throw-away redis-server on a free loopback
port for the session.

Without the binary the tests that use it are skipped with the install hint, except under
CI=true, where a missing redis-server is a failure (.ci/run installs it).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from redis_runner import INSTALL_HINT, redis_server_binary, running_redis

__all__ = ["redis_server_url"]


@pytest.fixture(scope="session", name="redis_url")
def redis_server_url() -> Iterator[str]:
    """Import it into a test module (`from redis_fixture import redis_server_url`); ask for `redis_url`."""
    if redis_server_binary() is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"redis-server not found under CI: {INSTALL_HINT} (.ci/run does)", pytrace=False)
        pytest.skip(INSTALL_HINT)
    with running_redis() as url:
        yield url
