"""Ctrl-C and cancellation during a send: never silent, and the client stays usable.

A real SIGINT is sent to this process (its main thread is blocked reading the answer of a
stalling loopback server); asyncio cancellation is the real `Task.cancel()`. The send may have
reached the platform, so a WARNING names the numbers whose outcome is unknown.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fault_server import OK_SEND, Action, Reply, ScriptedServer, Stall

from gatum_rest_py import AsyncGatumRESTAPI, GatumRESTAPI, SendInterrupted

TOKEN = "tok-0123456789abcdef"
# One pooled connection: a slot the interrupted call failed to give back would make the next call time out.
ONE_CONNECTION: dict[str, Any] = {"max_retries": 0, "limits": httpx.Limits(max_connections=1), "timeout": 5.0}
NUMBER = "380957225759"


def _wait_for_requests(server: ScriptedServer, count: int) -> None:
    deadline = time.monotonic() + 20
    while len(server.requests) < count:
        if time.monotonic() > deadline:
            raise AssertionError(f"the server got {len(server.requests)} requests, not {count}")
        time.sleep(0.01)


@pytest.fixture
def sigint_when() -> Iterator[object]:
    """`sigint_when(server, n)`: a real SIGINT to this process once `server` has received `n` requests."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    threads: list[threading.Thread] = []

    def arm(server: ScriptedServer, count: int) -> None:
        def fire() -> None:
            _wait_for_requests(server, count)
            time.sleep(0.05)  # the request is in, the client is blocked reading the answer
            os.kill(os.getpid(), signal.SIGINT)

        thread = threading.Thread(target=fire, daemon=True)
        thread.start()
        threads.append(thread)

    yield arm
    for thread in threads:
        thread.join(timeout=30)
    signal.signal(signal.SIGINT, previous)


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING and r.name == "gatum_rest_py"]


def test_ctrl_c_during_send_sms_warns_and_the_facade_stays_usable(
    sigint_when: object, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, "gatum_rest_py")
    with ScriptedServer([Stall(10), OK_SEND]) as server, GatumRESTAPI(server.url, **ONE_CONNECTION) as api:
        sigint_when(server, 1)  # type: ignore[operator]
        with pytest.raises(KeyboardInterrupt):
            api.send_sms(TOKEN, [NUMBER], "Verify", "hi")
        [warning] = _warnings(caplog)
        assert "outcome unknown" in warning and NUMBER in warning and f"gatum sms list --phone {NUMBER}" in warning
        again = api.send_sms(TOKEN, [NUMBER], "Verify", "hi")  # the same facade, the same pool
        assert again.status_code == 200 and len(server.requests) == 2


def test_ctrl_c_during_a_read_says_nothing_of_an_sms(sigint_when: object, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, "gatum_rest_py")
    with ScriptedServer([Stall(10)]) as server, GatumRESTAPI(server.url, max_retries=0) as api:
        sigint_when(server, 1)  # type: ignore[operator]
        with pytest.raises(KeyboardInterrupt):
            api.account_info(TOKEN)
    assert _warnings(caplog) == []


def _answer_for(*numbers: str) -> Reply:
    return Reply(200, {"status": True, "data": {n: [{"id_state": 1000 + i}] for i, n in enumerate(numbers)}})


MESSAGES = [{"numbers": [f"38095000000{i}"], "sender_id": "Verify", "text": f"hi {i}"} for i in range(6)]


def test_ctrl_c_during_send_messages_reports_the_batch_in_flight_as_in_doubt(
    sigint_when: object, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, "gatum_rest_py")
    script: list[Action] = [_answer_for("380950000000", "380950000001"), Stall(10), OK_SEND]
    with ScriptedServer(script) as server, GatumRESTAPI(server.url, max_retries=0) as api:
        sigint_when(server, 2)  # type: ignore[operator]
        with pytest.raises(SendInterrupted) as stopped:
            api.send_messages(TOKEN, MESSAGES, batch_size=2)
        assert isinstance(stopped.value, KeyboardInterrupt)
        result = stopped.value.result
        assert [o.status for o in result] == ["sent"] * 2 + ["outcome_unknown"] * 2 + ["not_sent"] * 2
        assert [o.index for o in result.in_doubt] == [2, 3] and result[0].ids == {"380950000000": [1000]}
        summary = _warnings(caplog)[-1]
        assert "2 sent, 2 not sent, 2 outcome unknown" in summary
        assert "380950000002, 380950000003" in summary and "380950000004" not in summary
        assert len(server.requests) == 2  # the third batch was never sent
        assert api.send_sms(TOKEN, [NUMBER], "Verify", "hi").status_code == 200


async def _cancel_when(task: asyncio.Task[object], server: ScriptedServer, count: int) -> None:
    while len(server.requests) < count:
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.05)
    task.cancel()


async def test_cancelling_an_async_send_warns_and_the_facade_stays_usable(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, "gatum_rest_py")
    with ScriptedServer([Stall(10), OK_SEND]) as server:
        async with AsyncGatumRESTAPI(server.url, **ONE_CONNECTION) as api:
            task: asyncio.Task[object] = asyncio.create_task(api.send_sms(TOKEN, [NUMBER], "Verify", "hi"))
            await _cancel_when(task, server, 1)
            with pytest.raises(asyncio.CancelledError):
                await task
            [warning] = _warnings(caplog)
            assert "cancelled" in warning and "outcome unknown" in warning and NUMBER in warning
            again = await api.send_sms(TOKEN, [NUMBER], "Verify", "hi")
            assert again.status_code == 200 and len(server.requests) == 2


async def test_cancelling_async_send_messages_logs_the_batches_in_doubt(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, "gatum_rest_py")
    with ScriptedServer([Stall(10), OK_SEND]) as server:
        async with AsyncGatumRESTAPI(server.url, max_retries=0) as api:
            send = api.send_messages(TOKEN, MESSAGES, batch_size=2, max_concurrency=1)
            task: asyncio.Task[object] = asyncio.create_task(send)
            await _cancel_when(task, server, 1)
            with pytest.raises(asyncio.CancelledError):
                await task
            summary = _warnings(caplog)[-1]
            assert "0 sent, 4 not sent, 2 outcome unknown" in summary
            assert "380950000000, 380950000001" in summary and "380950000002" not in summary
            assert (await api.send_sms(TOKEN, [NUMBER], "Verify", "hi")).status_code == 200
