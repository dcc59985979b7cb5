"""Fixtures of the ledger tests: real databases only (SQLite files in temporary folders, and a
PostgreSQL server started for the session), and a sandbox to send to.

`ledger_url` runs a test on both databases: a fresh SQLite file, and a fresh schema of the
session's PostgreSQL server. Without PostgreSQL the PostgreSQL half is skipped with the install
hint, except under CI=true, where it fails (.ci/run installs it).
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from postgres_runner import INSTALL_HINT, fresh_schema_url, postgres_bin_dir, running_postgres

pytest.importorskip("starlette", reason="the ledger tests send to the sandbox ([sandbox] extra)")

from gatum_rest_py.sandbox import RunningSandbox, SandboxConfig, running_sandbox
from ledger._support import LOOPBACK, sqlite_url

_schemas = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """The session's PostgreSQL server (as the `postgres` user when run as root)."""
    pytest.importorskip("psycopg", reason="the PostgreSQL ledger needs the [postgres] extra")
    if postgres_bin_dir() is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL not found under CI: {INSTALL_HINT} (.ci/run does)", pytrace=False)
        pytest.skip(INSTALL_HINT)
    with running_postgres() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty ledger's URL, on each database."""
    if request.param == "sqlite":
        return sqlite_url(tmp_path)
    base: str = request.getfixturevalue("postgres_url")
    return fresh_schema_url(base, f"t{next(_schemas)}_{os.getpid()}")


@pytest.fixture
def sqlite_ledger_url(tmp_path: Path) -> str:
    return sqlite_url(tmp_path)


@pytest.fixture(scope="session")
def sandbox() -> Iterator[RunningSandbox]:
    """A sandbox for the ledger tests: reports after 0.2 s, redelivered quickly, to loopback only."""
    config = SandboxConfig(dlr_delay=0.2, retry_delay=0.05, callback_hosts=LOOPBACK)
    with running_sandbox(config) as running:
        yield running


@pytest.fixture
def login(request: pytest.FixtureRequest) -> str:
    """An account of its own for each test: the sandbox's record of what it received is per account."""
    return f"ledger-{abs(hash(request.node.nodeid)) % 10**10}"
