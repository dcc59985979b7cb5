"""`gatum campaign send` (the dry run and its checks) and `gatum send --dry-run`, in-process with
click's runner; against the sandbox (black list, prices) and a scripted server that counts what
reaches it (nothing must, for bad input).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from fault_server import ScriptedServer

pytest.importorskip("phonenumbers", reason="the [campaigns] extra (phonenumbers)")

from gatum_rest_py import GatumRESTAPI
from gatum_rest_py.cli._app import cli

CLEAN_ENV: dict[str, str | None] = {
    "GATUM_BASE_URL": None,
    "GATUM_TOKEN": None,
    "GATUM_USERNAME": None,
    "GATUM_PASSWORD": None,
    "GATUM_LEDGER": None,
}
CONTACTS = (
    "number;name;code\n"
    "+380 95 722-57-59;Ann;4242\n"
    "0957225759;Ann again;1\n"
    "12;Bad;2\n"
    "0661093766;Олег;3\n"
    "00380501234567;Bob;5\n"
    "+48 512 345 678;Ewa;6\n"
)


def run(args: Sequence[str], **env: str) -> Result:
    return CliRunner().invoke(cli, list(args), env={**CLEAN_ENV, **env}, catch_exceptions=False)


def one_error_line(result: Result) -> str:
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert len(lines[0]) <= 200
    return lines[0]


@pytest.fixture
def contacts(tmp_path: Path) -> Path:
    path = tmp_path / "contacts.csv"
    path.write_text(CONTACTS, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def sandbox() -> Iterator[str]:
    pytest.importorskip("starlette", reason="the sandbox needs the [sandbox] extra")
    from gatum_rest_py.sandbox import running_sandbox

    with running_sandbox() as running:
        yield running.base_url


def dry_run_json(contacts: Path, *extra: str, **env: str) -> Any:
    result = run(
        ["campaign", "send", str(contacts), "--from", "Shop", "--template", "Hi {name}, code {code}", "--dry-run",
         "--json", *extra],
        **env,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_dry_run_json_offline(contacts: Path) -> None:
    plan = dry_run_json(contacts, "--default-region", "UA")
    assert (plan["recipients"], plan["duplicates"], plan["invalid"], plan["blacklisted"]) == (4, 1, 1, 0)
    assert plan["encoding"] == {"GSM-7": 3, "UCS-2": 1} and plan["parts"] == 4
    assert plan["invalid_list"] == [{"line": 4, "number": "12", "reason": "not a phone number"}]
    assert plan["first_ucs2"] == {"line": 5, "character": "О"}
    assert plan["cost"] is None and "no API configured" in plan["cost_unavailable"]


def test_dry_run_without_a_region_reports_national_numbers(contacts: Path) -> None:
    plan = dry_run_json(contacts)
    reasons = {row["line"]: row["reason"] for row in plan["invalid_list"]}
    national = "no country code (give --default-region)"
    assert reasons == {3: national, 4: "not a phone number", 5: national}
    assert plan["recipients"] == 3


def test_dry_run_with_the_api_prices_and_skips_black_listed(sandbox: str, contacts: Path) -> None:
    with GatumRESTAPI(sandbox, username="shop", password="pw") as api:
        api.black_list_add(None, ["380661093766"]).raise_for_status()
        plan = dry_run_json(
            contacts, "--default-region", "UA", "--skip-blacklisted",
            GATUM_BASE_URL=sandbox, GATUM_USERNAME="shop", GATUM_PASSWORD="pw",
        )  # fmt: skip
        assert (plan["recipients"], plan["blacklisted"]) == (3, 1)
        cost = plan["cost"]
        # the sandbox's list prices per part: UA 0.025, PL 0.035 (one part each here)
        assert cost["by_country"]["UA"]["price_per_part"] == 0.025 and cost["by_country"]["UA"]["parts"] == 2
        assert cost["total"] == pytest.approx(2 * 0.025 + 0.035) and cost["currency"] == "EUR"
        assert api.sms_full_data(None).json()["data"] == []  # a dry run sends nothing


def test_dry_run_for_people(contacts: Path) -> None:
    result = run(["campaign", "send", str(contacts), "--from", "Shop", "--template", "Hi {name}", "--default-region",
                  "UA", "--dry-run", "--between", "09:00-20:00", "--timezone", "Europe/Kyiv"])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    for expected in ("recipients", "dropped: duplicates", "first UCS-2 character", "'О' on line 5", "first send"):
        assert expected in result.stdout
    assert "Invalid numbers" in result.stdout and "not a phone number" in result.stdout


@pytest.mark.parametrize(
    ("content", "options", "message"),
    [
        ("", [], "contacts.csv: the file is empty"),
        (b"\xff\xfe\x00n\x00u", [], "contacts.csv: not UTF-8 text"),
        (CONTACTS, ["--template", "{missing}"], "no column 'missing' for placeholder {missing}"),
        ("number,name\n+380957225759,\n", ["--template", "{name}"], "contacts.csv line 2: the template gives an empty"),
        (CONTACTS, ["--rate", "0"], "--rate '0' must be more than 0"),
        (CONTACTS, ["--from", "FarTooLongSender"], "--from 'FarTooLongSender' breaks the sender ID rules"),
        (CONTACTS, ["--between", "10:00-10:00"], "--between '10:00-10:00' never opens"),
        (CONTACTS, ["--timezone", "Nowhere/City", "--between", "09:00-10:00"], "--timezone 'Nowhere/City'"),
        (CONTACTS, ["--at", "2001-01-01 09:00"], "--at '2001-01-01 09:00' (UTC) is in the past"),
        (CONTACTS, ["--max-parts", "1", "--template", "{name} " + "x" * 160], "contacts.csv line 2: the text takes 2"),
        (CONTACTS, ["--default-region", "QQ"], "--default-region 'QQ'"),
    ],
)
@pytest.mark.parametrize("dry_run", [True, False])
def test_bad_input_is_one_line_and_nothing_is_sent(
    tmp_path: Path, content: str | bytes, options: list[str], message: str, dry_run: bool
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    base = {"--from": "Shop", "--template": "Hi {name}"}
    for option, value in zip(options[::2], options[1::2], strict=True):
        base[option] = value
    args = ["campaign", "send", str(path), *[part for pair in base.items() for part in pair]]
    ledger = tmp_path / "ledger.db"
    with ScriptedServer([]) as server:
        result = run(
            [*args, *(["--dry-run"] if dry_run else [])],
            GATUM_BASE_URL=server.url,
            GATUM_TOKEN="t",
            GATUM_LEDGER=f"sqlite:///{ledger}",
        )
        assert message in one_error_line(result)
        assert server.requests == []
    if ledger.exists():  # nothing recorded either
        from gatum_rest_py.ledger import Ledger

        with Ledger(f"sqlite:///{ledger}") as opened:
            assert opened.counts() == {}


def test_sending_needs_a_ledger(contacts: Path) -> None:
    with ScriptedServer([]) as server:
        result = run(["campaign", "send", str(contacts), "--from", "Shop", "--template", "Hi"],
                     GATUM_BASE_URL=server.url, GATUM_TOKEN="t")  # fmt: skip
        assert "sending a campaign needs a ledger: pass --ledger URL or set GATUM_LEDGER" in one_error_line(result)
        assert server.requests == []


def test_skip_blacklisted_needs_the_api(contacts: Path) -> None:
    line = one_error_line(
        run(["campaign", "send", str(contacts), "--from", "S1", "--template", "x", "--dry-run", "--skip-blacklisted"])
    )
    assert "--skip-blacklisted needs the API: no API address" in line


def test_send_dry_run_counts_parts_and_sends_nothing() -> None:
    with ScriptedServer([]) as server:
        result = run(
            ["send", "--to", "380957225759", "--to", "380661093766", "--from", "Verify", "--dry-run", "--json",
             "Код: " + "x" * 70],
            GATUM_BASE_URL=server.url, GATUM_TOKEN="t",
        )  # fmt: skip
        assert server.requests == []
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {
        "recipients": 2,
        "encoding": "UCS-2",
        "units": 75,
        "parts": 2,
        "total_parts": 4,
        "first_ucs2": {"character": "К", "index": 0},
    }


def test_send_dry_run_needs_no_address_and_no_login() -> None:
    result = run(["send", "--to", "380957225759", "--from", "Verify", "--dry-run", "--json", "Hi"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["parts"] == 1
    without = run(["send", "--to", "380957225759", "--from", "Verify", "Hi"])  # a real send still needs them
    assert without.exit_code == 2 and "no API address" in without.stderr


def test_an_unreachable_redis_is_one_line_before_anything(contacts: Path, tmp_path: Path) -> None:
    from fault_server import closed_port

    ledger = tmp_path / "ledger.db"
    with ScriptedServer([]) as server:
        result = run(
            ["campaign", "send", str(contacts), "--from", "Shop", "--template", "Hi", "--default-region", "UA",
             "--redis", f"redis://127.0.0.1:{closed_port()}/0"],
            GATUM_BASE_URL=server.url, GATUM_TOKEN="t", GATUM_LEDGER=f"sqlite:///{ledger}",
        )  # fmt: skip
        line = one_error_line(result)
        assert line.startswith("Error: --redis redis://127.0.0.1:") and ": ConnectionError" in line
        assert server.requests == []
    assert not ledger.exists()  # nothing recorded


def test_a_redis_url_it_cannot_read_is_said_without_its_password(contacts: Path, tmp_path: Path) -> None:
    result = run(
        ["campaign", "send", str(contacts), "--from", "Shop", "--template", "Hi", "--default-region", "UA",
         "--redis", "redis://:REDIS-pw#777@127.0.0.1:1/0"],
        GATUM_BASE_URL="http://127.0.0.1:9", GATUM_TOKEN="t", GATUM_LEDGER=f"sqlite:///{tmp_path / 'ledger.db'}",
    )  # fmt: skip
    line = one_error_line(result)
    assert "REDIS-pw" not in result.stdout + result.stderr and "not a Redis URL" in line and "***" in line


def test_dry_run_with_lookalikes_replaced_and_a_start_time(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("number,name\n+380957225759,Ann\n+380661093766,Bob\n", encoding="utf-8")
    template = "“Hi {name}” — your order ships today…"
    common = ["campaign", "send", str(path), "--from", "Shop", "--template", template, "--dry-run", "--json"]
    plain = json.loads(run(common).stdout)
    assert plain["encoding"] == {"UCS-2": 2} and plain["first_ucs2"] == {"line": 2, "character": "“"}
    replaced = json.loads(run([*common, "--replace-lookalikes", "--at", "2099-01-02 09:30",
                               "--timezone", "Europe/Kyiv"]).stdout)  # fmt: skip
    assert replaced["encoding"] == {"GSM-7": 2} and "first_ucs2" not in replaced
    assert replaced["starts_at"] == "2099-01-02T09:30+02:00"


@pytest.mark.parametrize("sig", ["SIGINT", "SIGTERM"])
def test_ctrl_c_while_waiting_for_workers_says_the_workers_go_on(tmp_path: Path, sig: str) -> None:
    """A real SIGINT during `--wait`: the line says what the ledger holds, never "nothing was sent"."""
    import os
    import signal
    import threading

    from gatum_rest_py.cli._campaign_workers import wait_for_workers
    from gatum_rest_py.cli._output import Output
    from gatum_rest_py.cli._session import Interrupted
    from gatum_rest_py.ledger import Ledger, NewMessage

    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with Ledger(f"sqlite:///{tmp_path / 'ledger.db'}") as ledger:
            ledger.plan(
                [NewMessage(f"c:{n}", (str(n),), "Shop", "Hi", {}, "c") for n in range(380957225750, 380957225753)]
            )
            threading.Timer(0.5, os.kill, (os.getpid(), getattr(signal, sig))).start()
            with pytest.raises(Interrupted) as caught:
                wait_for_workers(Output(as_json=False), ledger, "c", poll=0.05)
    finally:
        signal.signal(signal.SIGINT, previous)
    assert "stopped waiting; the workers go on with campaign c (3 planned)" in caught.value.format_message()
    assert caught.value.exit_code == 128 + getattr(signal, sig)  # 130, or 143 for SIGTERM
