"""`gatum send --ledger`, `gatum messages …` and `gatum dlr listen --ledger`, against the sandbox.

The CLI contract other checks rely on: with GATUM_LEDGER set, `gatum send … --json` prints one
JSON object holding `key` (and the answer); `gatum messages show KEY --json` and `gatum messages
list --state in_doubt --json` (an array) use the lowercase state names; `gatum messages
reconcile` exits 0 when it ran.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner, Result

from gatum_rest_py.cli._app import cli
from gatum_rest_py.ledger import SCHEMA_VERSION, Ledger
from gatum_rest_py.sandbox import RunningSandbox
from ledger._support import report, sent_texts, sqlite_url

PASSWORD = "pw-SECRET-31337"


@pytest.fixture
def gatum(sandbox: RunningSandbox, login: str, tmp_path: Path) -> Any:
    """Run `gatum ARGS` in-process against the sandbox, with GATUM_LEDGER set to a fresh SQLite ledger."""
    env = {
        "GATUM_BASE_URL": sandbox.base_url,
        "GATUM_USERNAME": login,
        "GATUM_PASSWORD": PASSWORD,
        "GATUM_TOKEN": None,
        "GATUM_LEDGER": sqlite_url(tmp_path),
    }

    def run(*args: str, **more: str | None) -> Result:
        result = CliRunner().invoke(cli, list(args), env={**env, **more}, catch_exceptions=False)
        assert PASSWORD not in result.stdout + result.stderr
        return result

    return run


def _json(result: Result, code: int = 0) -> Any:
    assert result.exit_code == code, result.stderr
    return json.loads(result.stdout)


def test_send_prints_the_key_and_show_tells_the_message(gatum: Any, sandbox: RunningSandbox, login: str) -> None:
    sent = _json(gatum("send", "--to", "380957225759", "--from", "Verify", "Your code is 4242", "--json"))
    assert sent["state"] == "sent" and sent["key"] and sent["answer"]["status"] is True
    [id_state] = sent["id_states"]
    shown = _json(gatum("messages", "show", sent["key"], "--json"))
    assert shown["key"] == sent["key"] and shown["id_states"] == [id_state]
    assert [e["state"] for e in shown["events"]][:3] == ["planned", "sending", "sent"]
    assert all(set(e) >= {"state", "time"} for e in shown["events"])
    assert _json(gatum("messages", "show", id_state, "--json"))["key"] == sent["key"]  # by the platform's id
    assert sent_texts(sandbox, login) == ["Your code is 4242"]


def test_a_key_is_sent_once(gatum: Any, sandbox: RunningSandbox, login: str) -> None:
    for _ in range(2):
        sent = _json(gatum("send", "--to", "380957225759", "--from", "Verify", "--key", "otp-7", "once", "--json"))
        assert sent["key"] == "otp-7"
    table = gatum("send", "--to", "380957225759", "--from", "Verify", "--key", "otp-7", "once")
    assert table.exit_code == 0 and "otp-7: already in the ledger: not sent again" in table.stderr  # not just a table
    assert sent_texts(sandbox, login) == ["once"]


def test_ctrl_c_during_a_send_names_the_message_in_doubt(sandbox: RunningSandbox, login: str, tmp_path: Path) -> None:
    """A real SIGINT while the request is in flight (number …0006: stored, its answer stalls)."""
    import signal
    import time

    url = sqlite_url(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GATUM_")}
    env |= {"GATUM_BASE_URL": sandbox.base_url, "GATUM_USERNAME": login, "GATUM_PASSWORD": PASSWORD}
    command = [sys.executable, "-m", "gatum_rest_py.cli", "send", "--to", "380957220006", "--from", "Verify"]
    sender = subprocess.Popen(
        [*command, "--key", "otp-8", "--ledger", url, "stalled"], stderr=subprocess.PIPE, text=True, env=env
    )
    give_up = time.monotonic() + 20
    while not sent_texts(sandbox, login) and time.monotonic() < give_up:
        time.sleep(0.05)
    sender.send_signal(signal.SIGINT)
    _, stderr = sender.communicate(timeout=20)
    assert sender.returncode == 130, stderr
    assert "message otp-8 may have been sent (and billed)" in stderr and "gatum messages reconcile" in stderr
    assert "sms list" not in stderr and "Traceback" not in stderr
    with Ledger(url) as ledger:
        assert ledger.get("otp-8").state == "in_doubt"
    assert sent_texts(sandbox, login) == ["stalled"]


def test_doubt_is_listed_then_reconciled(gatum: Any) -> None:
    doubtful = gatum("send", "--to", "380957220005", "--from", "Verify", "in doubt", "--json")
    assert doubtful.exit_code == 1 and "messages reconcile" in doubtful.stderr
    key = json.loads(doubtful.stdout)["key"]
    listed = _json(gatum("messages", "list", "--state", "in_doubt", "--json"))
    assert [m["key"] for m in listed] == [key] and listed[0]["state"] == "in_doubt"
    reconciled = gatum("messages", "reconcile", "--settle", "0", "--json")
    assert _json(reconciled)["found"] == [key]
    assert _json(gatum("messages", "list", "--state", "in_doubt", "--json")) == []
    assert _json(gatum("messages", "show", key, "--json"))["state"] in ("sent", "enroute", "delivered")
    assert gatum("messages", "sweep", "--older-than", "0").exit_code == 0
    table = gatum("messages", "list")
    assert table.exit_code == 0 and key[:8] in table.stdout


def test_a_refused_send_is_recorded_and_exits_1(gatum: Any) -> None:
    refused = gatum("send", "--to", "380957225759", "--from", "Unverified", "no", "--json")
    assert refused.exit_code == 1 and "not_registr_originator" in refused.stderr
    assert json.loads(refused.stdout)["state"] == "refused"
    assert [m["state"] for m in _json(gatum("messages", "list", "--json"))] == ["refused"]


def _error(result: Result) -> str:
    assert result.exit_code == 1 and result.stdout == "", (result.stdout, result.stderr)
    [line] = result.stderr.strip().splitlines()
    return line


def test_ledger_errors_are_one_line_naming_the_ledger(gatum: Any, tmp_path: Path) -> None:
    missing = _error(gatum("messages", "list", "--ledger", "sqlite:////no/such/folder/x.db"))
    assert missing.startswith("Error: LedgerUnavailableError: ledger sqlite:////no/such/folder/x.db")
    refused = _error(gatum("messages", "list", "--ledger", "postgresql://me:hunter22@127.0.0.1:1/db"))
    assert "me:***@127.0.0.1:1" in refused and "hunter22" not in refused
    Ledger(sqlite_url(tmp_path)).close()
    with sqlite3.connect(tmp_path / "ledger.db") as db:
        db.execute("UPDATE ledger_schema_version SET version = ?", (SCHEMA_VERSION + 5,))
    assert "LedgerSchemaError" in _error(gatum("messages", "show", "x"))
    (tmp_path / "other").mkdir()
    assert "no message" in _error(gatum("messages", "show", "x", "--ledger", sqlite_url(tmp_path / "other")))


def test_without_a_ledger_the_messages_commands_say_how_to_give_one(gatum: Any) -> None:
    result = gatum("messages", "list", GATUM_LEDGER=None)
    assert result.exit_code == 2 and "GATUM_LEDGER" in result.stderr


def test_dlr_listen_writes_reports_into_the_ledger(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GATUM_")}
    command: Sequence[str] = [sys.executable, "-m", "gatum_rest_py.cli", "dlr", "listen", "--port", "0", "--json"]
    listener = subprocess.Popen(
        [*command, "--ledger", url], stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert listener.stderr is not None and listener.stdout is not None
        where = re.search(r"on (http://127\.0\.0\.1:\d+/)", listener.stderr.readline())
        assert where is not None
        answer = httpx.post(where.group(1) + "restdlr", json=[report(4242, "DELIVRD")], timeout=10)
        assert answer.json() == ["4242"]
        assert json.loads(listener.stdout.readline())["id_state"] == 4242
    finally:
        listener.terminate()
        listener.wait(timeout=15)
    with Ledger(url) as ledger:
        assert [r["id_state"] for r in ledger.unmatched_reports()] == [4242]  # kept, though no message has it
