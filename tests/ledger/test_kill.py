"""Kill tests: a real sender process killed with SIGKILL at a random moment (before, during or
after its HTTP exchanges with the sandbox), then resumed and reconciled. Counted from the
sandbox's own record of what it received: every message went out exactly once (0 lost, 0
duplicated) and the ledger says so.

`make test` runs GATUM_KILL_RUNS (default 15) runs on SQLite; `make ledger-chaos` runs many more,
on SQLite and PostgreSQL. The sandbox holds each send's answer back a little (after storing the
messages), so that many kills land while a request is in flight or its answer unread.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gatum_rest_py import GatumRESTAPI
from gatum_rest_py.ledger import Ledger, Outbox
from gatum_rest_py.sandbox import RunningSandbox, SandboxConfig, running_sandbox
from ledger._support import LOOPBACK, sqlite_url

HERE = Path(__file__).parent
RUNS = int(os.environ.get("GATUM_KILL_RUNS", "15"))
DATABASES = os.environ.get("GATUM_KILL_DATABASES", "sqlite").split(",")
COUNT, BATCH = 24, 4
PARALLEL = 3
ANSWER_DELAY = 0.03  # seconds each /v1/send answer is held back, after the messages are stored

sys.path.insert(0, str(HERE))
from kill_sender import messages  # noqa: E402


class SlowSendAnswers:
    """ASGI middleware: the sandbox stores a send at once but answers it ANSWER_DELAY later."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].endswith("/v1/send"):
            await self.app(scope, receive, send)
            return

        async def late(message: Message) -> None:
            if message["type"] == "http.response.start":
                await asyncio.sleep(ANSWER_DELAY)
            await send(message)

        await self.app(scope, receive, late)


@pytest.fixture(scope="module")
def slow_sandbox() -> Iterator[RunningSandbox]:
    config = SandboxConfig(dlr_delay=60, callback_hosts=LOOPBACK, intermediate_reports=False)
    server_log = logging.getLogger("uvicorn.error")
    level = server_log.level
    server_log.setLevel(logging.CRITICAL)  # a sender killed mid-request is the point here, not an error
    try:
        with running_sandbox(config, wrap=SlowSendAnswers) as running:
            yield running
    finally:
        server_log.setLevel(level)


def _run_and_kill(ledger_url: str, sandbox: RunningSandbox, login: str, run: str, delay: float) -> bool:
    """Start a sender, SIGKILL it `delay` seconds after it started; True when it finished first."""
    command = [sys.executable, str(HERE / "kill_sender.py"), ledger_url, sandbox.base_url, login, run]
    sender = subprocess.Popen([*command, str(COUNT), str(BATCH)], stdout=subprocess.PIPE, text=True)
    assert sender.stdout is not None
    assert sender.stdout.readline().strip() == "started"
    time.sleep(delay)
    sender.send_signal(signal.SIGKILL)
    rest = sender.stdout.read()
    sender.wait(timeout=30)
    sender.stdout.close()
    return "done" in rest


def _resume(ledger_url: str, sandbox: RunningSandbox, login: str, run: str) -> dict[str, str]:
    """What an operator does after the crash: plan again (no-op for planned keys), reconcile, send."""
    planned, keys = messages(run, COUNT)
    with Ledger(ledger_url) as ledger, GatumRESTAPI(sandbox.base_url, username=login, password="pw") as api:
        outbox = Outbox(api, ledger, batch_size=BATCH)
        outbox.plan(planned, keys=keys)
        time.sleep(0.1)  # the settle time: a request the dead sender had sent is stored by now
        outbox.reconcile(settle=0.1, resend_missing=True, stale_after=0)
        outbox.send_planned()
        return {key: ledger.get(key).state for key in keys if key is not None}


def _one_run(url: str, sandbox: RunningSandbox, login: str, run: str, delay: float) -> tuple[bool, int, int]:
    """Kill a sender, resume; (it had finished, messages lost, messages duplicated)."""
    finished = _run_and_kill(url, sandbox, login, run, delay)
    states = _resume(url, sandbox, login, run)
    received = Counter(r["text_sms"] for r in sandbox.state.store.find_messages(login, []))
    expected = [f"{run} message {i}" for i in range(COUNT)]
    assert set(received) <= set(expected), f"{run}: the sandbox received other messages"
    assert set(states.values()) == {"sent"}, f"{run}: {Counter(states.values())}"
    lost = sum(1 for text in expected if received[text] == 0)
    return finished, lost, sum(count - 1 for count in received.values() if count > 1)


@pytest.mark.parametrize("database", DATABASES)
def test_a_killed_sender_resumes_with_every_message_sent_exactly_once(
    database: str, slow_sandbox: RunningSandbox, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    rng = random.Random(os.environ.get("GATUM_KILL_SEED", "21"))
    jobs = []
    for number in range(RUNS):
        if database == "sqlite":
            (tmp_path / f"run{number}").mkdir()
            url = sqlite_url(tmp_path / f"run{number}")
        else:
            from postgres_runner import fresh_schema_url

            url = fresh_schema_url(request.getfixturevalue("postgres_url"), f"kill{number}_{os.getpid()}")
        jobs.append((url, slow_sandbox, f"kill-{database}-{number}-{os.getpid()}", f"r{number}", rng.uniform(0, 0.75)))
    with ThreadPoolExecutor(PARALLEL) as pool:  # a few senders at once: as fast, and closer to real life
        results = list(pool.map(lambda job: _one_run(*job), jobs))
    finished, lost, duplicated = (sum(column) for column in zip(*results, strict=True))
    print(
        f"\n{database}: {RUNS} kills ({finished} after the sender had finished): {lost} lost, {duplicated} duplicated"
    )
    assert (lost, duplicated) == (0, 0)
    assert finished < RUNS / 2  # most kills landed while the sender was at work
