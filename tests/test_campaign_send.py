"""`gatum campaign send` for real, `resume`, `status` and `report`: through a SQLite ledger (in a
temp dir) to the sandbox (on a free loopback port), and with real signals to a `gatum` process.

What is checked is what the sandbox received: every recipient's message exactly once.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from redis_fixture import redis_server_url  # noqa: F401 - the `redis_url` fixture

pytest.importorskip("phonenumbers", reason="the [campaigns] extra (phonenumbers)")
pytest.importorskip("starlette", reason="the sandbox needs the [sandbox] extra")

from gatum_rest_py import GatumRESTAPI
from gatum_rest_py.cli._app import cli
from gatum_rest_py.ledger import CampaignSettings, Ledger, campaign_settings
from gatum_rest_py.sandbox import SandboxConfig, running_sandbox


@pytest.fixture(scope="module")
def sandbox() -> Iterator[str]:
    # the magic number ending in 0006 is stored, then its answer is held back for 5 s
    with running_sandbox(SandboxConfig(dlr_delay=0.2, stall_seconds=5)) as running:
        yield running.base_url


def numbers(count: int, start: int = 2_000_100) -> list[str]:
    # 38095…: valid Ukrainian mobile numbers; none ends in one of the sandbox's magic 0001-0009
    return [f"38095{start + i:07d}" for i in range(count)]


def contacts(tmp_path: Path, recipients: Sequence[str]) -> Path:
    path = tmp_path / "contacts.csv"
    path.write_text("number,name\n" + "".join(f"+{n},N{i}\n" for i, n in enumerate(recipients)), encoding="utf-8")
    return path


def environment(sandbox: str, tmp_path: Path) -> dict[str, str]:
    login = f"shop-{uuid.uuid4().hex[:8]}"  # an account of its own: sms_full_data shows this test's sends alone
    return {
        "GATUM_BASE_URL": sandbox,
        "GATUM_USERNAME": login,
        "GATUM_PASSWORD": "pw",
        "GATUM_LEDGER": f"sqlite:///{tmp_path / 'ledger.db'}",
    }


def received(env: dict[str, str]) -> Counter[str]:
    """How many messages the sandbox holds for each number, for this test's account."""
    with GatumRESTAPI(env["GATUM_BASE_URL"], username=env["GATUM_USERNAME"], password="pw") as api:
        return Counter(str(record.to_dict()["phone"]) for record in api.iter_sms_full_data(None, limit=500))


def run(args: Sequence[str], env: dict[str, str]) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def campaign_of(stdout: str) -> str:
    return stdout.splitlines()[0].split()[-1]


def test_send_status_report_and_resume(sandbox: str, tmp_path: Path) -> None:
    env = environment(sandbox, tmp_path)
    recipients = numbers(30)
    result = run(["campaign", "send", str(contacts(tmp_path, recipients)), "--from", "Shop", "--template",
                  "Hi {name}", "--rate", "10/s", "--json"], env)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    campaign = campaign_of(result.stdout)
    assert result.stdout.splitlines()[0] == f"campaign {campaign}"
    summary = json.loads(result.stdout.split("\n", 1)[1])
    assert (summary["sent"], summary["in_doubt"], summary["refused"], summary["left"]) == (30, 0, 0, 0)
    assert received(env) == Counter(dict.fromkeys(recipients, 1))

    with Ledger(env["GATUM_LEDGER"]) as ledger:  # kept for `resume ID` and for workers: the id is enough
        assert campaign_settings(ledger, campaign) == CampaignSettings(campaign, "Shop", 10.0, 10)
    status = run(["campaign", "status", campaign, "--json"], env)
    assert json.loads(status.stdout) == {"campaign": campaign, "total": 30, "sent": 30}
    report = run(["campaign", "report", campaign, "--csv"], env)
    rows = list(csv.DictReader(io.StringIO(report.stdout)))
    assert sorted(row["number"] for row in rows) == sorted(recipients)
    assert all(row["state"] == "sent" and row["id_states"] for row in rows)

    again = run(["campaign", "resume", campaign, "--json"], env)  # nothing left: nothing sent
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout.split("\n", 1)[1])["sent"] == 0
    assert received(env) == Counter(dict.fromkeys(recipients, 1))


def test_a_429_slows_the_campaign_and_the_batch_goes_again(sandbox: str, tmp_path: Path) -> None:
    env = environment(sandbox, tmp_path)
    # the sandbox answers 429 (Retry-After: 1) to the first send to a number ending in 0007
    recipients = [*numbers(30, start=2_000_300), "380952000007", *numbers(9, start=2_000_400)]  # 2 batches
    result = run(["campaign", "send", str(contacts(tmp_path, recipients)), "--from", "Shop", "--template", "Hi",
                  "--rate", "20/s"], env)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert received(env) == Counter(dict.fromkeys(recipients, 1))
    rows = list(
        csv.DictReader(io.StringIO(run(["campaign", "report", campaign_of(result.stdout), "--csv"], env).stdout))
    )
    assert all(row["state"] == "sent" for row in rows)
    twice = {row["number"] for row in rows if row["attempts"] == "2"}
    assert "380952000007" in twice and len(twice) == 20  # its whole batch (of 20 at 20/s) went again
    assert {row["attempts"] for row in rows} == {"1", "2"}
    with Ledger(env["GATUM_LEDGER"]) as ledger:  # the history says what happened: not sent, then sent
        message = ledger.get(f"{campaign_of(result.stdout)}:380952000007")
    assert message is not None
    assert [a.result for a in message.attempts] == ["not_sent", "sent"]
    assert "RateLimitError" in (message.attempts[0].detail or "")
    assert "refused" not in {event.state for event in message.events}


def gatum_process(args: Sequence[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "gatum_rest_py.cli", *args],
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def first_line(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line.startswith("campaign "), (line, process.stderr.read() if process.stderr else "")
    return line.split()[-1]


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + 60
    while not condition():
        assert time.monotonic() < deadline, f"waited a minute for {what}"
        time.sleep(0.1)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_a_stopped_campaign_resumes_and_each_message_goes_once(sandbox: str, tmp_path: Path, sig: int) -> None:
    env = environment(sandbox, tmp_path)
    recipients = numbers(40, start=2_000_500)
    if sig == signal.SIGKILL:  # killed while the second batch (10 a second) waits for its answer
        recipients[15] = "380952000006"
    path = contacts(tmp_path, recipients)
    process = gatum_process(
        ["campaign", "send", str(path), "--from", "Shop", "--template", "Hi", "--rate", "10/s"], env
    )
    campaign = first_line(process)
    if sig == signal.SIGKILL:
        wait_for(lambda: "380952000006" in received(env), "the stalled batch to reach the sandbox")
    else:
        wait_for(lambda: sum(received(env).values()) >= 10, "the first batch")
    process.send_signal(sig)
    _, err = process.communicate(timeout=60)
    if sig == signal.SIGINT:
        assert process.returncode == 1 and "Ctrl-C: stopping after the batch" in err, err
        assert "stopped when asked to: the rest stays planned" in err
    else:
        assert process.returncode == -signal.SIGKILL
    before = received(env)
    assert max(before.values(), default=0) <= 1 and 0 < sum(before.values()) < 40, before

    if sig == signal.SIGKILL:  # its batch is left `sending`, its claim fresh: the rest is sent, and that is said
        rest = run(["campaign", "resume", campaign, "--rate", "100/s"], env)
        assert rest.exit_code == 1 and "10 messages still `sending`" in rest.stderr, rest.stderr
        assert "--stale-after 0" in rest.stderr and sum(received(env).values()) == 40

    # A killed sender leaves its batch `sending`: --stale-after 0 turns it in doubt, never resent blindly
    resumed = run(["campaign", "resume", campaign, "--rate", "100/s", "--stale-after", "0", "--json"], env)
    counts = json.loads(run(["campaign", "status", campaign, "--json"], env).stdout)
    if sig == signal.SIGKILL:  # the batch in flight is in doubt: looked up on the platform, not resent
        assert counts["in_doubt"] == 10 and resumed.exit_code == 1, (counts, resumed.stderr)
        assert "10 messages left `sending` by a stopped sender are in doubt now" in resumed.stderr
        settled = run(["messages", "reconcile", "--settle", "0", "--resend-missing", "--json"], env)
        assert settled.exit_code == 0, settled.stderr
        finished = run(["campaign", "resume", campaign, "--rate", "100/s", "--json"], env)
        assert finished.exit_code == 0, finished.stderr
    else:
        assert resumed.exit_code == 0, resumed.stderr
    assert received(env) == Counter(dict.fromkeys(recipients, 1))
    counts = json.loads(run(["campaign", "status", campaign, "--json"], env).stdout)
    # reconcile records what sms_full_data showed of the messages in doubt: a delivery state
    assert counts.pop("total") == 40 and counts.pop("campaign") == campaign
    assert set(counts) <= {"sent", "delivered", "enroute"} and sum(counts.values()) == 40, counts


def test_two_processes_share_the_campaign_and_its_rate(sandbox: str, tmp_path: Path, redis_url: str) -> None:
    env = {**environment(sandbox, tmp_path), "GATUM_REDIS_URL": redis_url}
    recipients = numbers(160, start=2_000_700)  # 8 batches of 20 at 20/s: 7 s for the second process to join
    path = contacts(tmp_path, recipients)
    first = gatum_process(["campaign", "send", str(path), "--from", "Shop", "--template", "Hi", "--rate", "20/s"], env)
    campaign = first_line(first)
    second = gatum_process(["campaign", "resume", campaign], env)  # joins, with the campaign's recorded 20/s
    assert first_line(second) == campaign
    for process in (first, second):
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    assert received(env) == Counter(dict.fromkeys(recipients, 1))

    from gatum_rest_py.ledger import Ledger

    with Ledger(env["GATUM_LEDGER"]) as ledger:
        attempts = [m.attempts[0] for m in ledger.messages(campaign=campaign)]
    assert len({a.worker for a in attempts}) == 2  # both processes sent a share
    starts = sorted(a.started for a in attempts)
    # one schedule of 20/s for both (batches of 20): 160 messages span at least 7 s; two
    # processes at 20/s each would have been done sooner
    assert starts[-1] - starts[0] >= (160 - 20) / 20 - 0.1


@pytest.mark.parametrize("hold", ["window", "at"])
def test_a_closed_window_or_a_later_start_holds_every_message(tmp_path: Path, hold: str) -> None:
    from fault_server import closed_port

    from gatum_rest_py.campaigns import LocalRateLimiter, SendWindow, plan_campaign, record_campaign, run_campaign
    from gatum_rest_py.ledger import Ledger, Outbox

    now = datetime.now(timezone.utc)
    closed = SendWindow((now + timedelta(hours=2)).time(), (now + timedelta(hours=3)).time(), timezone.utc)
    sleeps: list[float] = []
    with (
        Ledger(f"sqlite:///{tmp_path / 'ledger.db'}") as ledger,
        GatumRESTAPI(f"http://127.0.0.1:{closed_port()}") as api,  # nothing may be sent: nothing listens
    ):
        outbox = Outbox(api, ledger, access_token="t")
        campaign = record_campaign(outbox, plan_campaign([{"number": "+380952000100"}], "Hi"), "Shop")
        summary = run_campaign(
            outbox,
            campaign,
            LocalRateLimiter(100),
            window=closed if hold == "window" else None,
            at=now + timedelta(hours=1) if hold == "at" else None,
            should_stop=lambda: len(sleeps) >= 3,
            sleep=sleeps.append,
        )
    assert sleeps == [1.0, 1.0, 1.0]  # waiting in steps of a second, so that Ctrl-C is heard
    assert summary.stopped and summary.sent == 0 and summary.counts == {"planned": 1}


def test_a_run_can_take_a_share_of_the_batches(sandbox: str, tmp_path: Path) -> None:
    from gatum_rest_py.campaigns import LocalRateLimiter, plan_campaign, record_campaign, run_campaign
    from gatum_rest_py.ledger import Ledger, Outbox

    env = environment(sandbox, tmp_path)
    recipients = numbers(25, start=2_001_000)
    with (
        Ledger(env["GATUM_LEDGER"]) as ledger,
        GatumRESTAPI(sandbox, username=env["GATUM_USERNAME"], password="pw") as api,
    ):
        outbox = Outbox(api, ledger, batch_size=10)
        campaign = record_campaign(outbox, plan_campaign([{"number": n} for n in recipients], "Hi"), "Shop")
        share = run_campaign(outbox, campaign, LocalRateLimiter(1000), max_batches=2)
        assert (share.sent, share.stopped, share.counts) == (20, None, {"sent": 20, "planned": 5})
        rest = run_campaign(outbox, campaign, LocalRateLimiter(1000), max_batches=2)
        assert (rest.sent, rest.counts) == (5, {"sent": 25})
    assert received(env) == Counter(dict.fromkeys(recipients, 1))
