"""Campaigns across Celery workers, for real: a redis-server (broker and shared rate), a PostgreSQL
ledger, the sandbox, and `celery -A gatum_rest_py.campaigns.celery worker` processes started here.

One worker is killed with SIGKILL while it holds a claimed batch, another is started; after the
campaign, reconcile and a resume, the sandbox's own record shows every recipient's message
exactly once, and the messages never came faster than the rate plus one batch. A task run twice
sends nothing twice; a SQLite ledger is refused by the command and by a worker.
"""

from __future__ import annotations

import base64
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from redis_fixture import redis_server_url  # noqa: F401 - the `redis_url` fixture

pytest.importorskip("celery", reason="the [celery] extra")
pytest.importorskip("phonenumbers", reason="the [campaigns] extra (phonenumbers)")
pytest.importorskip("starlette", reason="the sandbox needs the [sandbox] extra")

import ledger.conftest as ledger_fixtures
from postgres_runner import fresh_schema_url

from gatum_rest_py.campaigns.celery import QUEUE, SEND_SHARE, enqueue_settle, make_app
from gatum_rest_py.cli._app import cli
from gatum_rest_py.ledger import Ledger
from gatum_rest_py.sandbox import RunningSandbox, SandboxConfig, running_sandbox

postgres_url = ledger_fixtures.postgres_url  # the session's PostgreSQL server (a fixture)
RECIPIENTS = 240
RATE = 40  # messages per second: batches of 40 (gatum campaign send's batch is a second's worth)
SKEW = 0.5  # seconds: how much later than its turn a batch may reach the sandbox (one slow request)
WORKER = [sys.executable, "-m", "celery", "-A", "gatum_rest_py.campaigns.celery", "worker", "--pool=solo",
          "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=WARNING"]  # fmt: skip


@pytest.fixture(scope="module")
def sandbox() -> Iterator[RunningSandbox]:
    with running_sandbox(SandboxConfig(dlr_delay=60, intermediate_reports=False)) as running:
        yield running


def numbers(count: int, start: int) -> list[str]:
    return [f"38095{start + i:07d}" for i in range(count)]  # none ends in the sandbox's magic 0001-0009


def contacts(tmp_path: Path, recipients: Sequence[str]) -> Path:
    path = tmp_path / "contacts.csv"
    path.write_text("number,name\n" + "".join(f"+{n},N{i}\n" for i, n in enumerate(recipients)), encoding="utf-8")
    return path


def broker_db(redis_url: str, db: int) -> str:
    return redis_url.rsplit("/", 1)[0] + f"/{db}"  # a database of its own: no task of another test


def environment(sandbox: RunningSandbox, ledger: str, broker: str) -> dict[str, str]:
    return {
        "GATUM_BASE_URL": sandbox.base_url,
        "GATUM_USERNAME": f"shop-{uuid.uuid4().hex[:8]}",  # an account of its own: its messages alone
        "GATUM_PASSWORD": "pw-not-in-any-task",
        "GATUM_LEDGER": ledger,
        "GATUM_CELERY_BROKER": broker,
        "GATUM_CELERY_VISIBILITY_TIMEOUT": "30",
    }


def run(args: Sequence[str], env: dict[str, str]) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def start_worker(env: dict[str, str], log: Path, name: str) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen([*WORKER, "-n", f"{name}@%h"], env={**os.environ, **env}, stdout=out, stderr=out)


def stop(workers: Sequence[subprocess.Popen[bytes]]) -> None:
    for worker in workers:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)  # warm shutdown: the task in hand finishes
    for worker in workers:
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def received(sandbox: RunningSandbox, login: str) -> Counter[str]:
    """Messages per number, from the sandbox's own store."""
    return Counter(row["phone"] for row in sandbox.state.store.find_messages(login, []) if row["part_no"] == 1)


def until(check: Any, timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"waited {timeout} s for {what}")


def most_in_any_window(times: Sequence[float], span: float) -> int:
    ordered, most, first = sorted(times), 0, 0
    for last, moment in enumerate(ordered):
        while moment - ordered[first] >= span:
            first += 1
        most = max(most, last - first + 1)
    return most


def test_a_killed_worker_loses_nothing_and_sends_nothing_twice(
    sandbox: RunningSandbox,
    redis_url: str,
    postgres_url: str,
    tmp_path: Path,
) -> None:
    ledger_url = fresh_schema_url(postgres_url, f"celery_kill_{os.getpid()}")
    env = environment(sandbox, ledger_url, broker_db(redis_url, 2))
    recipients = numbers(RECIPIENTS, start=3_000_100)
    log = tmp_path / "workers.log"
    workers = [start_worker(env, log, f"w{i}") for i in range(3)]
    try:
        csv = str(contacts(tmp_path, recipients))
        sent = run(["campaign", "send", csv, "--from", "Shop", "--template", "Hi {name}", "--rate", f"{RATE}/s",
                    "--workers", "celery", "--batches-per-task", "1"], env)  # fmt: skip
        assert sent.exit_code == 0, sent.stderr
        campaign = sent.stdout.splitlines()[0].split()[-1]
        assert sent.stdout.startswith(f"campaign {campaign}\n")
        with Ledger(ledger_url) as ledger:

            def in_flight() -> str | None:  # a worker holding a claimed batch, while others wait
                counts = ledger.counts(campaign=campaign)
                if not (counts.get("sent") and counts.get("planned")):
                    return None
                claimed = ledger.messages(campaign=campaign, state="sending", limit=1)
                return claimed[0].attempts[-1].worker if claimed else None

            holder = until(in_flight, 30, "a batch in flight with some sent and some planned")
            victim = next(w for w in workers if f":{w.pid}:" in holder)
            victim.send_signal(signal.SIGKILL)
            victim.wait(timeout=10)
            workers.append(start_worker(env, log, "restarted"))

            def settled() -> bool:  # nothing planned and nothing moving for a second
                before = ledger.counts(campaign=campaign)
                time.sleep(1.0)
                return before.get("planned", 0) == 0 and ledger.counts(campaign=campaign) == before

            until(settled, 30, "the campaign to finish")
            left = ledger.counts(campaign=campaign)
            assert left.get("sending", 0) > 0, left  # the killed worker's batch: neither lost nor resent yet
            # the settle task, on a worker: the dead worker's batch in doubt, looked up, the missing planned again
            enqueue_settle(make_app(env["GATUM_CELERY_BROKER"]), campaign, stale_after=0, settle=0.2)
            until(lambda: not {"sending", "in_doubt"} & set(ledger.counts(campaign=campaign)), 30, "the settle task")
        resumed = run(["campaign", "resume", campaign, "--workers", "celery", "--wait", "--json"], env)
        assert resumed.exit_code == 0, resumed.stderr
        assert json.loads(resumed.stdout.split("\n", 1)[1]).get("sent") == RECIPIENTS
    finally:
        stop(workers)
    assert received(sandbox, env["GATUM_USERNAME"]) == Counter(dict.fromkeys(recipients, 1))  # 0 lost, 0 twice
    rows = sandbox.state.store.find_messages(env["GATUM_USERNAME"], [])
    times = [row["created"] for row in rows]
    batch = RATE
    # Never faster than the shared rate plus one batch. The times are the sandbox's, taken when each
    # batch arrived: a batch whose request took longer (the first, which logs in and connects) lands
    # later than its turn, so a window may hold its turn's worth plus a request's delay (SKEW), and
    # at the rate's own pace the whole run sits exactly on rate x span + batch. Workers without the
    # shared limiter would send 3x faster, far beyond this bound.
    for span in (2.0, 5.0, max(times) - min(times) + 0.001):
        most = most_in_any_window(times, span)
        assert most <= RATE * (span + SKEW) + batch, (span, most)


def test_a_task_run_twice_sends_nothing_twice_and_carries_no_secret(
    sandbox: RunningSandbox,
    redis_url: str,
    postgres_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import redis

    ledger_url = fresh_schema_url(postgres_url, f"celery_twice_{os.getpid()}")
    broker = broker_db(redis_url, 3)
    env = environment(sandbox, ledger_url, broker)
    recipients = numbers(12, start=3_000_500)
    sent = run(["campaign", "send", str(contacts(tmp_path, recipients)), "--from", "Shop", "--template", "Hi",
                "--rate", "100/s", "--workers", "celery"], env)  # fmt: skip  # no worker: the task waits in Redis
    assert sent.exit_code == 0, sent.stderr
    campaign = sent.stdout.splitlines()[0].split()[-1]
    queued = redis.Redis.from_url(broker).lrange(QUEUE, 0, -1)
    assert len(queued) == 1
    message = json.loads(queued[0])
    body = base64.b64decode(message["body"]) if message["properties"].get("body_encoding") == "base64" else b""
    assert json.loads(body)[0] == [campaign, 1]  # the campaign id and a batch count: nothing else
    for secret in ("pw-not-in-any-task", env["GATUM_USERNAME"], "postgres@"):
        assert secret not in queued[0].decode() + body.decode()

    for name, value in env.items():  # the worker's environment, as `celery worker` would have it
        monkeypatch.setenv(name, value)
    task = make_app(broker).tasks[SEND_SHARE]
    try:
        first = task.apply(args=[campaign, 1]).get()
        again = task.apply(args=[campaign, 1]).get()  # the same task delivered a second time
        shown = repr(task.campaign_worker)  # the worker's own description names no secret either
        assert "pw-not-in-any-task" not in shown and "CampaignWorker(" in shown
    finally:
        task.campaign_worker.close()
    assert (first["sent"], again["sent"]) == (12, 0)
    assert received(sandbox, env["GATUM_USERNAME"]) == Counter(dict.fromkeys(recipients, 1))


def test_sqlite_with_celery_is_refused_by_the_command_and_by_a_worker(
    sandbox: RunningSandbox, redis_url: str, tmp_path: Path
) -> None:
    env = environment(sandbox, f"sqlite:///{tmp_path / 'ledger.db'}", broker_db(redis_url, 4))
    result = run(["campaign", "send", str(contacts(tmp_path, numbers(3, 3_000_700))), "--from", "Shop",
                  "--template", "Hi", "--workers", "celery"], env)  # fmt: skip
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "SQLiteWithWorkersError" in result.stderr
    assert "sqlite:///" in result.stderr and "postgresql://" in result.stderr
    assert not (tmp_path / "ledger.db").exists()  # refused before anything was recorded
    worker = subprocess.run([*WORKER, "-n", "refused@%h"], env={**os.environ, **env}, capture_output=True,
                            text=True, timeout=60, check=False)  # fmt: skip
    assert worker.returncode == 1
    assert "SQLiteWithWorkersError: ledger sqlite:///" in worker.stderr


def test_a_broker_url_kombu_cannot_read_is_said_without_its_password(
    sandbox: RunningSandbox, postgres_url: str, tmp_path: Path
) -> None:
    ledger_url = fresh_schema_url(postgres_url, f"celery_badbroker_{os.getpid()}")
    env = environment(sandbox, ledger_url, "redis://:REDIS-pw#777@127.0.0.1:1/0")  # typed as it is
    result = run(["campaign", "send", str(contacts(tmp_path, numbers(2, 3_000_900))), "--from", "Shop",
                  "--template", "Hi", "--workers", "celery"], env)  # fmt: skip
    assert result.exit_code == 1 and "REDIS-pw" not in result.stdout + result.stderr
    assert "--broker redis://:***@127.0.0.1:1/0: not a broker URL" in result.stderr
