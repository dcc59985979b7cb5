"""Sending through the ledger against the sandbox: every message recorded before it leaves, sent
once, its outcome and its delivery reports recorded; doubt settled by `reconcile`, stranded
messages by `sweep`."""

from __future__ import annotations

import os
import threading

import pytest

from gatum_rest_py import AsyncGatumRESTAPI, GatumRESTAPI
from gatum_rest_py.ledger import AsyncOutbox, Ledger, LedgerFullError, Outbox
from gatum_rest_py.sandbox import RunningSandbox
from gatum_rest_py.webhooks import DeliveryReportReceiver
from ledger._support import sent_texts, sqlite_url, wait_until, webhook


@pytest.fixture
def api(sandbox: RunningSandbox, login: str) -> GatumRESTAPI:
    return GatumRESTAPI(sandbox.base_url, username=login, password="pw")


def test_a_message_is_sent_once_and_its_reports_reach_the_ledger(
    api: GatumRESTAPI, sandbox: RunningSandbox, login: str, ledger_url: str
) -> None:
    with Ledger(ledger_url) as ledger, webhook(DeliveryReportReceiver(None, ledger=ledger).wsgi_app) as url:
        outbox = Outbox(api, ledger)
        text = "Your code is 4242 " + "long " * 40  # two parts: two ids for one number
        first = outbox.send("380957225759", "Verify", text, key="otp-1", callback_url=url)
        assert first.state == "sent" and len(first.id_states) == 2
        assert first.answer()["status"] is True
        again = outbox.send("380957225759", "Verify", text, key="otp-1", callback_url=url)
        assert again.state in ("sent", "enroute", "delivered") and again.id_states == first.id_states
        assert sent_texts(sandbox, login) == [text]  # the sandbox received it once
        wait_until(lambda: ledger.get("otp-1").state == "delivered")
        message = ledger.get("otp-1")
        states = [e.state for e in message.events]
        assert states[:3] == ["planned", "sending", "sent"] and "enroute" in states
        assert message.options == {"callback_url": url}


def test_refused_and_failed_messages_are_recorded(api: GatumRESTAPI, login: str, ledger_url: str) -> None:
    with Ledger(ledger_url) as ledger:
        outbox = Outbox(api, ledger, batch_size=1)
        results = outbox.send_many(
            [
                {"numbers": ["380957225759"], "sender_id": "Unverified", "text": "refused"},
                {"numbers": ["380957220005"], "sender_id": "Verify", "text": "stored, then 500"},
                {"numbers": ["380957225759"], "sender_id": "Verify", "text": "fine"},
            ]
        )
        assert [r.state for r in results] == ["refused", "in_doubt", "sent"]
        assert "not_registr_originator" in (results[0].detail or "")
        assert ledger.counts() == {"refused": 1, "in_doubt": 1, "sent": 1}


def test_reconcile_finds_a_message_that_went_out(
    api: GatumRESTAPI, sandbox: RunningSandbox, login: str, ledger_url: str
) -> None:
    with Ledger(ledger_url) as ledger:
        outbox = Outbox(api, ledger)
        doubtful = outbox.send(["380957220005"], "Verify", "did it go?", key="doubt")
        assert doubtful.state == "in_doubt" and doubtful.id_states == []
        assert outbox.send_planned() == []  # never sent again by itself
        result = outbox.reconcile(settle=0, resend_missing=True)
        assert result.found == ["doubt"] and result.requeued == []
        message = ledger.get("doubt")
        assert message.state in ("sent", "enroute", "delivered") and len(message.id_states) == 1
        assert sent_texts(sandbox, login) == ["did it go?"]
        assert ledger.get(message.id_states[0]).key == "doubt"


def test_reconcile_plans_again_only_what_did_not_go_out_and_only_when_asked(
    api: GatumRESTAPI, sandbox: RunningSandbox, login: str, ledger_url: str
) -> None:
    with Ledger(ledger_url) as ledger:
        outbox = Outbox(api, ledger)
        outbox.plan([{"numbers": ["380957225759"], "sender_id": "Verify", "text": "lost in a crash"}], keys=["lost"])
        ledger.claim(1, worker="died-before-sending")
        assert outbox.reconcile(settle=0, stale_after=0).still_in_doubt == ["lost"]  # not asked: stays in doubt
        assert ledger.get("lost").state == "in_doubt"
        assert outbox.reconcile(settle=3600, resend_missing=True).still_in_doubt == ["lost"]  # too early
        assert outbox.reconcile(settle=0, resend_missing=True).requeued == ["lost"]
        [sent] = outbox.send_planned()
        assert sent.key == "lost" and sent.state == "sent"
        assert sent_texts(sandbox, login) == ["lost in a crash"]
        assert [a.result for a in ledger.get("lost").attempts] == ["in_doubt", "sent"]


def test_two_identical_messages_in_doubt_take_one_record_each(
    api: GatumRESTAPI, sandbox: RunningSandbox, login: str, sqlite_ledger_url: str
) -> None:
    with Ledger(sqlite_ledger_url) as ledger:
        outbox = Outbox(api, ledger, batch_size=1)
        same = {"numbers": ["380957220005"], "sender_id": "Verify", "text": "same"}
        assert [r.state for r in outbox.send_many([same, same, same])] == ["in_doubt"] * 3
        ledger.replan(outbox.ledger.messages()[2].key, checked_not_sent=True)  # say the third one did not
        result = outbox.reconcile(settle=0)
        assert len(result.found) == 2
        ids = [m.id_states[0] for m in ledger.messages(state=["sent", "enroute", "delivered"])]
        assert len(set(ids)) == 2


def test_workers_share_a_campaign_and_each_message_goes_once(
    sandbox: RunningSandbox, login: str, ledger_url: str
) -> None:
    with Ledger(ledger_url) as ledger:
        planner = Outbox(GatumRESTAPI(sandbox.base_url, username=login, password="pw"), ledger)
        messages = [{"numbers": ["380957225759"], "sender_id": "Shop", "text": f"offer {i}"} for i in range(40)]
        keys = planner.plan(messages, campaign="spring")
        assert ledger.counts() == {"planned": 40}

        def work() -> None:
            with Ledger(ledger_url) as own:  # a worker of its own (a process or machine would do the same)
                Outbox(GatumRESTAPI(sandbox.base_url, username=login, password="pw"), own, batch_size=3).send_planned(
                    campaign="spring"
                )

        workers = [threading.Thread(target=work) for _ in range(3)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=60)
        assert sorted(sent_texts(sandbox, login)) == sorted(m["text"] for m in messages)
        assert {ledger.get(k).campaign for k in keys} == {"spring"}
        assert len({m.attempts[0].worker for m in ledger.messages(campaign="spring")}) >= 1


def test_sweep_recovers_states_whose_reports_were_lost(
    api: GatumRESTAPI, sandbox: RunningSandbox, login: str, ledger_url: str
) -> None:
    with Ledger(ledger_url) as ledger:
        outbox = Outbox(api, ledger)
        sent = outbox.send(["380957220001"], "Verify", "nobody listens")  # no webhook: reports go nowhere
        wait_until(lambda: sandbox.state.store.message(int(sent.id_states[0]))["state"] == "UNDELIV")
        assert outbox.sweep(older_than=3600).looked_up == 0
        result = outbox.sweep(older_than=0)
        assert (result.looked_up, result.new_reports) == (1, 1)
        assert ledger.get(sent.key).state == "undelivered"
        assert ledger.get(sent.key).events[-2].source == "sweep"


async def test_the_async_outbox_sends_reconciles_and_never_twice(
    sandbox: RunningSandbox, login: str, ledger_url: str
) -> None:
    with Ledger(ledger_url) as ledger:
        async with AsyncGatumRESTAPI(sandbox.base_url, username=login, password="pw") as api:
            outbox = AsyncOutbox(api, ledger, batch_size=4, max_concurrency=3)
            messages = [{"numbers": ["380957225759"], "sender_id": "Verify", "text": f"async {i}"} for i in range(10)]
            messages.append({"numbers": ["380957220005"], "sender_id": "Verify", "text": "async doubt"})
            results = await outbox.send_many(messages, keys=[f"a{i}" for i in range(11)])
            assert sorted(r.state for r in results).count("sent") >= 8
            assert {r.state for r in results} <= {"sent", "in_doubt"}
            again = await outbox.send_many(messages, keys=[f"a{i}" for i in range(11)])
            assert [r.key for r in again] == [f"a{i}" for i in range(11)]
            found = await outbox.reconcile(settle=0, resend_missing=True)
            assert found.requeued == [] and sorted(found.found) == sorted(
                r.key for r in results if r.state == "in_doubt"
            )
            assert await outbox.send_planned() == []
        assert sorted(sent_texts(sandbox, login)) == sorted(m["text"] for m in messages)


def test_a_database_gone_mid_send_leaves_the_message_sending_then_reconcile_settles_it(
    sandbox: RunningSandbox, login: str, postgres_url: str
) -> None:
    import psycopg
    from postgres_runner import fresh_schema_url

    from gatum_rest_py.ledger import LedgerUnavailableError

    class CutsTheDatabase(GatumRESTAPI):
        """The request goes out; meanwhile the ledger's connection is cut (a restarted server)."""

        def send_messages(self, *args: object, **kwargs: object) -> object:  # type: ignore[override]
            with psycopg.connect(postgres_url, autocommit=True) as admin:
                admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
                    "AND backend_type = 'client backend'"
                )
            return super().send_messages(*args, **kwargs)  # type: ignore[arg-type]

    with Ledger(fresh_schema_url(postgres_url, "gone_mid_send")) as ledger:
        outbox = Outbox(CutsTheDatabase(sandbox.base_url, username=login, password="pw"), ledger)
        with pytest.raises(LedgerUnavailableError, match="went away") as caught:
            outbox.send(["380957225759"], "Verify", "sent while the ledger was down", key="k")
        assert "***" not in caught.value.ledger and len(str(caught.value)) <= 160
        assert ledger.get("k").state == "sending"  # claimed before it left; the answer could not be recorded
        assert sent_texts(sandbox, login) == ["sent while the ledger was down"]
        plain = Outbox(GatumRESTAPI(sandbox.base_url, username=login, password="pw"), ledger)
        assert plain.reconcile(settle=0, stale_after=0, resend_missing=True).found == ["k"]
        assert plain.send_planned() == []
        assert sent_texts(sandbox, login) == ["sent while the ledger was down"]  # once


def test_nothing_is_sent_when_it_cannot_be_recorded(
    api: GatumRESTAPI, sandbox: RunningSandbox, login: str, tmp_path: object
) -> None:
    with Ledger(sqlite_url(tmp_path)) as ledger:
        pages = ledger._db.execute("PRAGMA page_count")[0][0]
        ledger._db.execute(f"PRAGMA max_page_count = {pages}")  # a full disk, as SQLite sees it
        outbox = Outbox(api, ledger)
        with pytest.raises(LedgerFullError):
            outbox.send_many([{"numbers": ["380957225759"], "sender_id": "Verify", "text": "x" * 150}] * 50)
        assert sent_texts(sandbox, login) == []


async def test_the_async_outbox_claims_sends_claimed_and_sweeps(
    sandbox: RunningSandbox, login: str, sqlite_ledger_url: str
) -> None:
    with Ledger(sqlite_ledger_url) as ledger:
        async with AsyncGatumRESTAPI(sandbox.base_url, username=login, password="pw") as api:
            outbox = AsyncOutbox(api, ledger, batch_size=2)
            messages = [{"numbers": ["380957220003"], "sender_id": "Verify", "text": f"c{i}"} for i in range(5)]
            await outbox.plan(messages, campaign="autumn")
            claimed = await outbox.claim(3, campaign="autumn")
            assert len(claimed) == 3 and ledger.counts(campaign="autumn") == {"sending": 3, "planned": 2}
            assert {r.state for r in await outbox.send_claimed(claimed)} == {"sent"}
            assert len(await outbox.send_planned(campaign="autumn")) == 2
            wait_until(lambda: all(m["state"] == "REJECTD" for m in sandbox.state.store.find_messages(login, [])))
            result = await outbox.sweep(older_than=0)
            assert (result.looked_up, result.new_reports) == (5, 5)
        assert ledger.counts(campaign="autumn") == {"rejected": 5}
        assert sorted(sent_texts(sandbox, login)) == [f"c{i}" for i in range(5)]


def test_claimed_messages_that_never_left_go_back_to_planned_on_ctrl_c(
    sandbox: RunningSandbox, login: str, sqlite_ledger_url: str
) -> None:
    import signal

    from gatum_rest_py import SendInterrupted

    class CtrlCOnTheSecondRequest(GatumRESTAPI):
        calls = 0

        def send_messages(self, *args: object, **kwargs: object) -> object:  # type: ignore[override]
            type(self).calls += 1
            if type(self).calls == 2:
                os.kill(os.getpid(), signal.SIGINT)  # a real Ctrl-C, while this request is being sent
            return super().send_messages(*args, **kwargs)  # type: ignore[arg-type]

    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with Ledger(sqlite_ledger_url) as ledger:
            api = CtrlCOnTheSecondRequest(sandbox.base_url, username=login, password="pw")
            outbox = Outbox(api, ledger, batch_size=2, claim_ahead=0)  # one batch per claim
            outbox.plan([{"numbers": ["380957225759"], "sender_id": "Verify", "text": f"m{i}"} for i in range(10)])
            claimed = outbox.claim(10)
            with pytest.raises((KeyboardInterrupt, SendInterrupted)):
                outbox.send_claimed(claimed)
            # the first batch is sent, the interrupted one may have left, the rest did not and is planned again
            assert ledger.counts() == {"sent": 2, "in_doubt": 2, "planned": 6}
            assert {"m0", "m1"} <= set(sent_texts(sandbox, login)) <= {"m0", "m1", "m2", "m3"}
    finally:
        signal.signal(signal.SIGINT, previous)


async def test_after_the_ledger_fails_the_async_outbox_sends_nothing_more(
    sandbox: RunningSandbox, login: str, postgres_url: str
) -> None:
    import asyncio

    import psycopg
    from postgres_runner import fresh_schema_url

    from gatum_rest_py.ledger import LedgerUnavailableError

    class CutsTheDatabaseOnce(AsyncGatumRESTAPI):
        """The first request goes out while the ledger's connection is cut: its answer cannot be recorded."""

        cut = False

        async def send_messages(self, *args: object, **kwargs: object) -> object:  # type: ignore[override]
            if not type(self).cut:
                type(self).cut = True
                with psycopg.connect(postgres_url, autocommit=True) as admin:
                    admin.execute(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
                        "AND backend_type = 'client backend'"
                    )
            return await super().send_messages(*args, **kwargs)  # type: ignore[arg-type]

    messages = [{"numbers": ["380957225759"], "sender_id": "Verify", "text": f"a{i}"} for i in range(8)]
    with Ledger(fresh_schema_url(postgres_url, f"async_stop_{os.getpid()}")) as ledger:
        async with CutsTheDatabaseOnce(sandbox.base_url, username=login, password="pw") as api:
            outbox = AsyncOutbox(api, ledger, batch_size=2, max_concurrency=1)
            with pytest.raises(LedgerUnavailableError, match="went away"):
                await outbox.send_many(messages, keys=[f"k{i}" for i in range(8)])
            await asyncio.sleep(0.3)  # a batch still running after the call failed would send by now
        assert sent_texts(sandbox, login) == ["a0", "a1"]
        assert ledger.counts() == {"sending": 2, "planned": 6}  # the answer lost with the connection; the rest kept


async def test_a_claim_cancelled_while_it_waits_for_the_database_puts_its_messages_back(
    sandbox: RunningSandbox, login: str, tmp_path: object
) -> None:
    import asyncio
    import contextlib
    import sqlite3
    from pathlib import Path

    url = sqlite_url(Path(str(tmp_path)))
    with Ledger(url) as ledger:
        async with AsyncGatumRESTAPI(sandbox.base_url, username=login, password="pw") as api:
            outbox = AsyncOutbox(api, ledger, batch_size=2)
            await outbox.plan([{"numbers": ["380957225759"], "sender_id": "Verify", "text": f"c{i}"} for i in range(4)])
            other = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
            other.execute("BEGIN IMMEDIATE")  # another process holds the write lock: the claim waits for it
            sending = asyncio.create_task(outbox.send_planned())
            await asyncio.sleep(0.3)
            sending.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sending
            other.execute("ROLLBACK")  # the claim, still running in its thread, now commits
            other.close()
            for _ in range(100):
                if ledger.counts() == {"planned": 4}:
                    break
                await asyncio.sleep(0.05)
        assert ledger.counts() == {"planned": 4}  # put back, not left `sending` to become `in_doubt`
        assert sent_texts(sandbox, login) == []
