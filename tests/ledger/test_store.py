"""The ledger's store on both databases: planning, claiming, outcomes, the schema, and its errors."""

from __future__ import annotations

import json
import pickle
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from postgres_runner import fresh_schema_url

from gatum_rest_py import GatumError
from gatum_rest_py.ledger import (
    SCHEMA_VERSION,
    Ledger,
    LedgerConflictError,
    LedgerFullError,
    LedgerSchemaError,
    LedgerStateError,
    LedgerUnavailableError,
    LedgerURLError,
    NewMessage,
    Outcome,
)
from ledger._support import new, sqlite_url


def test_a_message_moves_through_plan_claim_and_answer(ledger_url: str) -> None:
    with Ledger(ledger_url) as ledger:
        assert ledger.plan([new("a"), new("b")]) == [("a", "planned"), ("b", "planned")]
        [claimed] = ledger.claim(1, worker="w1")
        assert claimed.message.key == "a" and claimed.attempt == 1
        assert ledger.get("a").state == "sending"  # committed before anything is sent
        ledger.record_outcomes([Outcome("a", 1, "sent", {"380957225759": ["598933232"]})])
        message = ledger.get("598933232")  # found by the id the platform gave
        assert message is not None and message.key == "a" and message.state == "sent"
        assert message.id_states == ["598933232"]
        assert [e.state for e in message.events] == ["planned", "sending", "sent"]
        [attempt] = message.attempts
        assert (attempt.no, attempt.worker, attempt.result) == (1, "w1", "sent")
        assert ledger.get("b").state == "planned"
        assert ledger.get("nothing") is None


def test_planning_a_key_again_changes_nothing_and_a_reused_key_is_refused(ledger_url: str) -> None:
    with Ledger(ledger_url) as ledger:
        ledger.plan([new("otp-1")])
        ledger.claim(5, worker="w")
        assert ledger.plan([new("otp-1")]) == [("otp-1", "sending")]  # a retried job: not planned again
        with pytest.raises(LedgerConflictError, match="otp-1"):
            ledger.plan([new("fresh"), new("otp-1", text="another text")])
        assert ledger.get("fresh") is None  # one transaction: nothing of the refused plan was written
        assert ledger.counts() == {"sending": 1}


def test_refused_messages_are_replanned_on_request_and_doubtful_ones_only_when_checked(ledger_url: str) -> None:
    with Ledger(ledger_url) as ledger:
        ledger.plan([new("r"), new("d")])
        ledger.claim(2, worker="w")
        ledger.record_outcomes([Outcome("r", 1, "refused", {}, "bad sender"), Outcome("d", 1, "in_doubt", {})])
        with pytest.raises(LedgerStateError, match="in_doubt"):
            ledger.replan("d")
        ledger.replan("r")
        ledger.replan("d", checked_not_sent=True)
        assert ledger.counts() == {"planned": 2}
        [again, _] = ledger.claim(2, worker="w")
        assert again.attempt == 2


def test_stale_sending_messages_become_in_doubt_never_planned(ledger_url: str) -> None:
    with Ledger(ledger_url) as ledger:
        ledger.plan([new("k")])
        ledger.claim(1, worker="dead")
        assert ledger.mark_stale(3600) == []  # claimed just now: its sender may be mid-request
        assert ledger.mark_stale(0) == ["k"]
        message = ledger.get("k")
        assert message.state == "in_doubt" and message.attempts[0].result == "in_doubt"
        assert ledger.claim(10, worker="w") == []  # in doubt is never claimed again


def test_claims_are_split_by_campaign_and_keys(ledger_url: str) -> None:
    with Ledger(ledger_url) as ledger:
        ledger.plan([new(f"c{i}", campaign="spring") for i in range(3)] + [new("other")])
        assert [c.message.campaign for c in ledger.claim(10, worker="w", campaign="spring")] == ["spring"] * 3
        assert [c.message.key for c in ledger.claim(10, worker="w", keys=["other", "c0"])] == ["other"]
        assert ledger.counts(campaign="spring") == {"sending": 3}
        assert ledger.counts() == {"sending": 4}


def test_a_planned_group_send_is_claimed_only_by_its_own_key(ledger_url: str) -> None:
    # A group send (send-bulk) left planned, e.g. by a crash between its plan and its claim, never
    # lands in a /v1/send batch: a batch holding it would be refused whole.
    group = NewMessage("spring:groups", (), "Shop", "Hi #first_name#", {"id_group": [956]}, "spring")
    lookalike = NewMessage(
        "n1", ("380957225759",), "Shop", 'say "id_group"', {"callback_url": 'https://x/"id_group"'}, "spring"
    )
    with Ledger(ledger_url) as ledger:
        ledger.plan([group, lookalike, new("n2", campaign="spring")])
        assert sorted(c.message.key for c in ledger.claim(10, worker="w")) == ["n1", "n2"]
        assert ledger.claim(10, worker="w", campaign="spring") == []
        assert [c.message.key for c in ledger.claim(10, worker="w", keys=["spring:groups"])] == ["spring:groups"]


def test_a_claim_records_the_last_answers_in_its_own_transaction(ledger_url: str) -> None:
    with Ledger(ledger_url) as ledger:
        ledger.plan([new("a"), new("b"), new("c")])
        [a] = ledger.claim_messages([new("a")], worker="w")
        answer = Outcome("a", a.attempt, "sent", {"380957225759": ["700000001"]})
        assert [c.message.key for c in ledger.claim_messages([new("b"), new("c")], worker="w", outcomes=[answer])] == [
            "b",
            "c",
        ]
        assert ledger.get("700000001").key == "a"
        assert ledger.counts() == {"sent": 1, "sending": 2}
        late = Outcome("b", 1, "sent", {"380957225759": ["700000002"]})
        assert ledger.claim(5, worker="w", outcomes=[late]) == []  # nothing left to claim: the answer is kept
        assert ledger.counts() == {"sent": 2, "sending": 1}
        assert ledger.claim_messages([], worker="w", outcomes=[Outcome("c", 1, "refused", {}, "bad")]) == []
        assert ledger.counts() == {"sent": 2, "refused": 1}


CLAIM_ALL = """
import json, sys, time
from gatum_rest_py.ledger import Ledger
ledger, mine = Ledger(sys.argv[1]), []
print("ready", flush=True)
sys.stdin.readline()  # all start at once
while claimed := ledger.claim(7, worker=sys.argv[2]):
    mine += [c.message.key for c in claimed]
    time.sleep(0.002)  # sending them: another worker's turn to claim
print(json.dumps(mine))
"""


def test_several_processes_never_claim_the_same_message(ledger_url: str) -> None:
    with Ledger(ledger_url) as ledger:
        ledger.plan([new(f"m{i:03}") for i in range(300)])
    command = [sys.executable, "-c", CLAIM_ALL, ledger_url]
    pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE, "text": True}
    workers = [subprocess.Popen([*command, f"w{i}"], **pipes) for i in range(3)]  # type: ignore[call-overload]
    for worker in workers:
        assert worker.stdout.readline() == "ready\n"
    for worker in workers:
        worker.stdin.write("go\n")
        worker.stdin.flush()
    claimed = [json.loads(worker.communicate(timeout=60)[0]) for worker in workers]
    every = [key for keys in claimed for key in keys]
    assert sorted(every) == [f"m{i:03}" for i in range(300)]  # each exactly once
    assert sum(1 for keys in claimed if keys) >= 2  # and they did compete for them


def test_a_ledger_from_a_newer_release_is_refused(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path)
    Ledger(url).close()
    with sqlite3.connect(tmp_path / "ledger.db") as db:
        db.execute("UPDATE ledger_schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    with pytest.raises(LedgerSchemaError, match=rf"newer gatum-rest-py \(schema {SCHEMA_VERSION + 1}") as caught:
        Ledger(url)
    assert "ledger.db" in str(caught.value) and isinstance(caught.value, GatumError)


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    (tmp_path / "ledger.db").write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(LedgerSchemaError, match="not a SQLite database"):
        Ledger(sqlite_url(tmp_path))


def test_a_ledger_made_today_opens_again_with_its_data(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path)
    with Ledger(url) as ledger:
        ledger.plan([new("kept")])
    with Ledger(url) as again:
        assert again.get("kept").state == "planned"


def test_unopenable_urls_raise_errors_naming_the_ledger(tmp_path: Path) -> None:
    with pytest.raises(LedgerUnavailableError, match="does not exist") as missing:
        Ledger(f"sqlite:///{tmp_path}/no/such/folder/l.db")
    assert "no/such/folder" in str(missing.value)
    with pytest.raises(LedgerURLError, match="unknown kind of ledger"):
        Ledger("mysql://root:hunter22@db/x")
    with pytest.raises(LedgerURLError):
        Ledger("sqlite://relative.db")
    with pytest.raises(LedgerURLError, match=r"takes no parameters: 'mode=ro'"):
        Ledger(f"sqlite:///{tmp_path / 'read-only.db'}?mode=ro")
    assert not (tmp_path / "read-only.db").exists()


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://gatum:S3cret#pw/x?y@127.0.0.1:1/nothing",  # typed as it is, not percent-encoded
        "postgresql://gatum:S3cret@pw@127.0.0.1:1/nothing",
        "host=127.0.0.1 port=1 password=S3cret-pw dbname=nothing",  # libpq's key=value form
        "host=127.0.0.1 password='S3cret pw' dbname=nothing",
        "sqlite:///gatum.db?password=S3cret",
    ],
)
def test_a_password_never_shows_however_the_url_is_written(url: str) -> None:
    from gatum_rest_py.ledger import LedgerError

    with pytest.raises(LedgerError) as caught:
        Ledger(url)
    for text in (str(caught.value), repr(caught.value), pickle.dumps(caught.value).decode("latin-1")):
        assert "S3cret" not in text, text


@pytest.mark.parametrize(
    ("where", "shown"),
    [
        ("gatum:S3cret-pw@127.0.0.1:{port}/nothing", "gatum:***@127.0.0.1"),
        ("127.0.0.1:{port}/nothing?user=gatum&password=S3cret-pw", "user=gatum&password=***"),  # libpq's form
    ],
)
def test_a_postgresql_password_never_shows(postgres_url: str, where: str, shown: str) -> None:
    port = postgres_url.rsplit(":", 1)[1].split("/")[0]
    closed = int(port) + 1 if int(port) < 65535 else int(port) - 1
    url = "postgresql://" + where.format(port=closed)
    with pytest.raises(LedgerUnavailableError) as caught:
        Ledger(url)
    error = caught.value
    for text in (str(error), repr(error), pickle.dumps(error).decode("latin-1")):
        assert "S3cret-pw" not in text
    assert shown in str(error)
    assert len(str(error).splitlines()) == 1 and len(str(error)) <= 160
    again = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own pickle
    assert type(again) is LedgerUnavailableError and again.ledger == error.ledger


def test_a_full_disk_writes_nothing(tmp_path: Path) -> None:
    with Ledger(sqlite_url(tmp_path)) as ledger:
        ledger.plan([new("before")])
        pages = ledger._db.execute("PRAGMA page_count")[0][0]  # the real SQLite limit of this connection
        ledger._db.execute(f"PRAGMA max_page_count = {pages}")
        many = [new(f"big{i}", text="x" * 500) for i in range(200)]
        with pytest.raises(LedgerFullError, match="disk is full") as caught:
            ledger.plan(many)
        assert "ledger.db" in caught.value.ledger
        ledger._db.execute("PRAGMA max_page_count = 1073741823")
        assert ledger.counts() == {"planned": 1}  # nothing of the failed plan was written
        assert ledger.get("big0") is None


def test_a_database_that_goes_away_mid_run_is_reported_then_reconnected(postgres_url: str) -> None:
    import psycopg

    with Ledger(fresh_schema_url(postgres_url, "gone_mid_run")) as ledger:
        ledger.plan([new("a"), new("b")])
        with psycopg.connect(postgres_url, autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
                "AND datname = 'postgres' AND backend_type = 'client backend'"
            )
        with pytest.raises(LedgerUnavailableError, match="went away"):
            ledger.claim(1, worker="w")
        assert ledger.counts() == {"planned": 2}  # nothing half-written; and the next call reconnects
        assert len(ledger.claim(1, worker="w")) == 1


def test_a_sent_answer_is_kept_on_the_message_row_and_reads_as_an_attempt(ledger_url: str) -> None:
    with Ledger(ledger_url) as ledger:
        ledger.plan([new("ok"), new("late"), new("no")])
        ledger.claim(3, worker="w1")
        sent, refused = Outcome("ok", 1, "sent", {"380957225759": ["1"]}), Outcome("no", 1, "refused", {}, "x")
        ledger.record_outcomes([sent, refused])
        assert ledger.mark_stale(0) == ["late"]  # its sender looked dead: an attempt row, in doubt
        ledger.record_outcomes([Outcome("late", 1, "sent", {"380957225759": ["2"]})])  # then the answer came
        ok, late, no = ledger.get("ok"), ledger.get("late"), ledger.get("no")
        with ledger.transaction() as db:
            rows = db.execute("SELECT key, result FROM ledger_attempts ORDER BY key")
    assert [tuple(row) for row in rows] == [("late", "sent"), ("no", "refused")]  # none for the plain sent one
    [attempt] = ok.attempts
    assert (attempt.no, attempt.worker, attempt.result, attempt.source) == (1, "w1", "sent", "answer")
    assert attempt.finished is not None and attempt.finished >= attempt.started
    assert [e.state for e in ok.events] == ["planned", "sending", "sent"]
    [attempt] = late.attempts  # one attempt, its row updated: not a second one from the message row
    assert (late.state, attempt.result, attempt.source) == ("sent", "sent", "answer")
    assert [(a.result, a.detail) for a in no.attempts] == [("refused", "x")]


def test_a_version_2_ledger_keeps_its_attempts_when_migrated(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path)
    with Ledger(url) as ledger:
        ledger.plan([new("old"), new("new")])
    with sqlite3.connect(tmp_path / "ledger.db") as db:  # what a release with schema 2 recorded for a send
        db.execute("ALTER TABLE ledger_messages DROP COLUMN answered")
        db.execute(
            "UPDATE ledger_messages SET state = 'sent', claimed_by = 'w0', claimed_at = 10, attempts = 1 "
            "WHERE key = 'old'"
        )
        db.execute("INSERT INTO ledger_attempts VALUES ('old', 1, 'w0', 10, 11, 'sent', NULL, 'answer')")
        db.execute("UPDATE ledger_schema_version SET version = 2")
    with Ledger(url) as ledger:
        [old] = ledger.get("old").attempts
        assert (old.worker, old.started, old.finished, old.result) == ("w0", 10.0, 11.0, "sent")
        [claimed] = ledger.claim(1, worker="w1")
        ledger.record_outcomes([Outcome(claimed.message.key, 1, "sent", {})])
        assert [a.result for a in ledger.get("new").attempts] == ["sent"]
    with sqlite3.connect(tmp_path / "ledger.db") as db:
        assert db.execute("SELECT version FROM ledger_schema_version").fetchall() == [(SCHEMA_VERSION,)]


def test_an_older_ledger_is_migrated_when_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gatum_rest_py.ledger import _schema

    url = sqlite_url(tmp_path)
    with Ledger(url) as today:
        today.plan([new("made-today")])
    step = ["ALTER TABLE ledger_messages ADD COLUMN priority INTEGER NOT NULL DEFAULT 0"]
    monkeypatch.setattr(_schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)  # the next release, with one step
    monkeypatch.setitem(_schema.MIGRATIONS, SCHEMA_VERSION, step)
    with Ledger(url) as next_release:
        assert next_release.get("made-today").state == "planned"
    with sqlite3.connect(tmp_path / "ledger.db") as db:
        assert db.execute("SELECT version FROM ledger_schema_version").fetchall() == [(SCHEMA_VERSION + 1,)]
        assert db.execute("SELECT priority FROM ledger_messages").fetchall() == [(0,)]


def test_a_ledger_is_not_pickled_and_says_to_open_it_in_each_process(ledger_url: str) -> None:
    import copy

    with Ledger(ledger_url) as ledger:
        with pytest.raises(TypeError, match=r"^a Ledger holds its database connection .*open it in each process"):
            pickle.dumps(ledger)
        with pytest.raises(TypeError, match="open it in each process"):
            copy.deepcopy(ledger)
        assert copy.copy(ledger).counts() == {}  # a shallow copy shares the connection, as before


def test_a_webhook_secret_in_a_callback_url_stays_out_of_the_reprs(tmp_path: Path) -> None:
    from gatum_rest_py.ledger import CampaignSettings, NewMessage

    url = "https://hooks.example/restdlr?secret=HOOK-secret-222"
    with Ledger(sqlite_url(tmp_path)) as ledger:
        ledger.plan([NewMessage("k", ("380957225759",), "Verify", "hi", {"callback_url": url}, None)])
        message = ledger.get("k")
    assert message is not None and message.options["callback_url"] == url  # kept: needed to send it
    assert "HOOK-secret" not in repr(message)
    assert "HOOK-secret" not in repr(CampaignSettings("c", "Shop", 10.0, 10, callback_url=url))
