"""`gatum campaign group` and `campaigns.send_to_groups`: a campaign to contact groups through the
platform's own send-bulk window. The window's conversion to UTC, the checks made before anything
is sent, a real send to the sandbox (which holds the messages until the window opens on its clock)
recorded in a SQLite ledger, and a send whose outcome is unknown (a loopback server that drops the
connection), left in doubt by reconcile and sweep.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner, Result
from fault_server import Drop, Reply, ScriptedServer

pytest.importorskip("starlette", reason="the sandbox needs the [sandbox] extra")

from gatum_rest_py import GatumRESTAPI
from gatum_rest_py.campaigns import CampaignInputError, SendWindow, bulk_window, parse_at, send_to_groups
from gatum_rest_py.cli._app import cli
from gatum_rest_py.ledger import Ledger, Outbox, campaign_settings
from gatum_rest_py.sandbox import running_sandbox

KYIV = "Europe/Kyiv"
WINTER = datetime(2026, 12, 4, 6, 0, tzinfo=timezone.utc)  # Kyiv is UTC+2
SUMMER = datetime(2026, 7, 4, 6, 0, tzinfo=timezone.utc)  # Kyiv is UTC+3


def run(args: list[str], env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, args, env=env or {}, catch_exceptions=False)


# ---- the window in UTC ------------------------------------------------------------------------


def test_a_kyiv_window_is_said_in_utc_in_winter_and_in_summer() -> None:
    window = SendWindow.parse("09:00-20:00", KYIV)
    assert bulk_window(WINTER, None, window).fields() == {
        "dateStart": "2026-12-04",
        "timeStart": "07:00",
        "timeStop": "18:00",
    }
    assert bulk_window(SUMMER, None, window).fields() == {
        "dateStart": "2026-07-04",
        "timeStart": "06:00",
        "timeStop": "17:00",
    }
    # after the window has closed (21:00 in Kyiv): the next day's
    late = datetime(2026, 12, 4, 19, 0, tzinfo=timezone.utc)
    assert bulk_window(late, None, window).fields()["dateStart"] == "2026-12-05"
    # `at` inside the window starts then, not at the window's opening
    at = parse_at("2026-12-05 12:30", KYIV, WINTER)
    assert bulk_window(WINTER, at, window).fields() == {
        "dateStart": "2026-12-05",
        "timeStart": "10:30",
        "timeStop": "18:00",
    }
    # a window past local midnight that stays inside one UTC day (Tokyo is UTC+9): 13:00-21:00 UTC
    tokyo = SendWindow.parse("22:00-06:00", "Asia/Tokyo")
    assert bulk_window(WINTER, None, tokyo).fields() == {
        "dateStart": "2026-12-04",
        "timeStart": "13:00",
        "timeStop": "21:00",
    }
    # ending at midnight UTC: said as 23:59 of its day
    assert bulk_window(WINTER, None, SendWindow.parse("09:00-24:00", "UTC")).time_stop == "23:59"


def test_a_window_that_crosses_midnight_in_utc_is_refused() -> None:
    window = SendWindow.parse("01:00-03:00", KYIV)  # 23:00-01:00 UTC
    with pytest.raises(CampaignInputError, match=r"--between .*23:00-01:00 UTC.*ends by 00:00 UTC") as caught:
        bulk_window(WINTER, None, window)
    assert caught.value.argument == "--between"
    never = SendWindow(time(9, 0), time(9, 0), timezone.utc)  # made directly, not parsed: never opens
    with pytest.raises(CampaignInputError, match="never opens"):
        bulk_window(WINTER, None, never)


def test_at_alone_runs_to_the_end_of_its_utc_day() -> None:
    at = parse_at("2026-12-05 09:00", KYIV, WINTER)
    assert bulk_window(WINTER, at).fields() == {"dateStart": "2026-12-05", "timeStart": "07:00", "timeStop": "23:59"}
    odd = datetime(2026, 12, 5, 7, 0, 20, tzinfo=timezone.utc)  # HH:MM: rounded up, never before `at`
    assert bulk_window(WINTER, odd).time_start == "07:01"
    assert bulk_window(WINTER).fields() == {}  # neither: the platform sends at once


# ---- checks before anything is sent -----------------------------------------------------------


@pytest.mark.parametrize(
    ("groups", "sender", "text", "error"),
    [
        ([], "Shop", "Hi", "no group"),
        ([5], "Shop", "  ", "--text is empty"),
        ([5], "FarTooLongSender", "Hi", "--from 'FarTooLongSender' breaks the sender ID rules"),
    ],
)
def test_bad_input_is_refused_before_anything_is_sent(
    tmp_path: Path, groups: list[int], sender: str, text: str, error: str
) -> None:
    with (
        ScriptedServer([]) as server,
        GatumRESTAPI(server.url) as api,
        Ledger(f"sqlite:///{tmp_path / 'l.db'}") as ledger,
    ):
        with pytest.raises(CampaignInputError, match=error):
            send_to_groups(api, "tok", groups, sender, text, ledger=ledger)
        assert server.requests == []
        assert ledger.messages() == []


def test_the_dry_run_prints_the_request_fields_with_the_window_in_utc() -> None:
    result = run(["campaign", "group", "12", "13", "--from", "Shop", "--text", "Hi #first_name#", "--exclude-group",
                  "14", "--phone", "+380 95 722-57-59", "--at", "2030-07-15 10:00", "--between", "09:00-20:00",
                  "--timezone", KYIV, "--dry-run", "--json"])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {
        "senderID": "Shop",
        "text": "Hi #first_name#",
        "id_group": [12, 13],
        "id_group_excluded": [14],
        "phone": ["380957225759"],
        "dateStart": "2030-07-15",
        "timeStart": "07:00",
        "timeStop": "17:00",
    }
    table = run(["campaign", "group", "12", "--from", "Shop", "--text", "Hi", "--between", "01:00-03:00",
                 "--timezone", KYIV, "--dry-run"])  # fmt: skip
    assert table.exit_code == 1
    assert table.stderr.count("\n") == 1 and "crosses midnight in UTC" in table.stderr


# ---- a real send to the sandbox -----------------------------------------------------------------


@pytest.fixture(scope="module")
def sandbox() -> Iterator[str]:
    with running_sandbox() as running:
        yield running.base_url


def test_a_group_send_is_recorded_held_until_its_window_and_sent_to_each_contact(sandbox: str, tmp_path: Path) -> None:
    login = f"groups-{uuid.uuid4().hex[:8]}"
    contacts = {"380952100001": "Olena", "380952100002": "Taras", "380952100003": "Iryna"}
    with GatumRESTAPI(sandbox, username=login, password="pw") as api:
        created = api.create_group(None, "customers")
        created.raise_for_status()
        group = int(created.json()["data"]["id_group"])
        added = api.group_number_add(None, group, [{"number": n, "name": name} for n, name in contacts.items()])
        added.raise_for_status()
    with httpx.Client(base_url=sandbox) as http:
        now = datetime.fromtimestamp(http.get("/_sandbox/clock").json()["now"], timezone.utc)
    at = now + timedelta(hours=2)
    env = {"GATUM_BASE_URL": sandbox, "GATUM_USERNAME": login, "GATUM_PASSWORD": "pw",
           "GATUM_LEDGER": f"sqlite:///{tmp_path / 'ledger.db'}"}  # fmt: skip
    result = run(["campaign", "group", str(group), "--from", "Shop", "--text", "Hi #first_name# (#number#)",
                  "--phone", "380952100009", "--at", f"{at:%Y-%m-%d %H:%M}", "--name", "winter"], env)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith("campaign winter-")
    campaign = first.split()[-1]

    with Ledger(env["GATUM_LEDGER"]) as ledger:
        message = ledger.get(f"{campaign}:groups")
        assert message is not None
        assert (message.state, message.numbers, message.campaign) == ("sent", ("380952100009",), campaign)
        assert message.options == {"id_group": [group], "dateStart": f"{at:%Y-%m-%d}", "timeStart": f"{at:%H:%M}",
                                   "timeStop": "23:59"}  # fmt: skip
        assert [a.result for a in message.attempts] == ["sent"]
        settings = campaign_settings(ledger, campaign)
        assert settings is not None and settings.at is not None and settings.sender == "Shop"

    def held(http: httpx.Client) -> dict[str, dict[str, Any]]:
        found = http.get("/_sandbox/messages").json()["messages"]
        return {m["to"]: m for m in found if m["to"] in {*contacts, "380952100009"}}

    with httpx.Client(base_url=sandbox) as http:
        waiting = held(http)
        assert set(waiting) == {*contacts, "380952100009"}  # every contact and the extra number, once each
        assert all(m["waiting"] for m in waiting.values())
        http.post("/_sandbox/clock/advance", params={"seconds": 2 * 3600 + 60})
        sent = held(http)
    assert not any(m["waiting"] for m in sent.values())
    assert {n: m["text"] for n, m in sent.items() if n in contacts} == {
        n: f"Hi {name} ({n})" for n, name in contacts.items()
    }
    # sweep copes with a sent group send: it has no ids to look up, so nothing is recorded for it
    with Ledger(env["GATUM_LEDGER"]) as ledger, GatumRESTAPI(sandbox, username=login, password="pw") as api:
        swept = Outbox(api, ledger).sweep(older_than=0)
        assert (swept.looked_up, swept.new_reports) == (1, 0)
        again = ledger.get(f"{campaign}:groups")
        assert again is not None and again.state == "sent"


def test_a_group_send_left_planned_by_a_crash_is_sent_once_by_resume(sandbox: str, tmp_path: Path) -> None:
    from gatum_rest_py.campaigns import check_group_send, resume_group_send
    from gatum_rest_py.campaigns._groups import plan_group_send
    from gatum_rest_py.cli._campaign import _resume_group_send
    from gatum_rest_py.cli._output import Output
    from gatum_rest_py.cli._session import CLIError

    login = f"groups-{uuid.uuid4().hex[:8]}"
    contacts = ["380952100021", "380952100022"]
    with GatumRESTAPI(sandbox, username=login, password="pw") as api:
        created = api.create_group(None, "resumed")
        created.raise_for_status()
        group = int(created.json()["data"]["id_group"])
        api.group_number_add(None, group, [{"number": n, "name": "Ann"} for n in contacts]).raise_for_status()
    env = {"GATUM_BASE_URL": sandbox, "GATUM_USERNAME": login, "GATUM_PASSWORD": "pw",
           "GATUM_LEDGER": f"sqlite:///{tmp_path / 'ledger.db'}"}  # fmt: skip
    body = check_group_send([group], "Shop", "Hi #first_name#", phones=["380952100029"])
    with Ledger(env["GATUM_LEDGER"]) as ledger:  # recorded, then the process died before its claim
        assert plan_group_send(ledger, "crashed-1", body, None, None) == "planned"
        planned = ledger.get("crashed-1:groups")
        assert planned is not None
        with pytest.raises(CLIError, match="still planned: resume it with --workers local"):  # workers send batches
            _resume_group_send(Output(as_json=False), None, ledger, planned)
        with GatumRESTAPI(sandbox) as api:
            assert resume_group_send(api, None, ledger, "no-such-campaign") is None

    def to_contacts() -> list[dict[str, Any]]:
        with httpx.Client(base_url=sandbox) as http:
            found = http.get("/_sandbox/messages").json()["messages"]
        return [m for m in found if m["to"] in {*contacts, "380952100029"}]

    assert to_contacts() == []
    resumed = run(["campaign", "resume", "crashed-1", "--json"], env)
    assert resumed.exit_code == 0, resumed.stderr
    first, rest = resumed.stdout.split("\n", 1)
    assert first == "campaign crashed-1" and json.loads(rest)["state"] == "sent"
    assert json.loads(rest)["request"] == body  # sent exactly as it was recorded
    assert sorted(m["to"] for m in to_contacts()) == [*contacts, "380952100029"]
    again = run(["campaign", "resume", "crashed-1", "--json"], env)
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout.split("\n", 1)[1])["detail"] == "already in the ledger: not sent again"
    assert len(to_contacts()) == 3  # nothing sent twice
    with Ledger(env["GATUM_LEDGER"]) as ledger:
        message = ledger.get("crashed-1:groups")
        assert message is not None and message.state == "sent" and [a.result for a in message.attempts] == ["sent"]
        _resume_group_send(Output(as_json=False), None, ledger, message)  # with workers: sent already, said
    assert len(to_contacts()) == 3


# ---- outcome unknown ----------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "state"), [(503, "in_doubt"), (400, "refused")])
def test_an_error_answer_is_in_doubt_from_500_and_refused_below(tmp_path: Path, status: int, state: str) -> None:
    body = {"status": False, "error": "busy" if status == 503 else "bad group"}
    with Ledger(f"sqlite:///{tmp_path / 'ledger.db'}") as ledger, ScriptedServer([Reply(status, body)]) as server:
        with GatumRESTAPI(server.url, max_retries=0) as api:
            result = send_to_groups(api, "tok", [7], "Shop", "Sale", ledger=ledger)
        assert result.state == state and len(server.requests) == 1  # once, never repeated
        message = ledger.get(f"{result.campaign}:groups")
        assert message is not None and message.state == state


def test_a_group_send_in_doubt_stays_in_doubt_and_is_never_resent(tmp_path: Path) -> None:
    ledger_url = f"sqlite:///{tmp_path / 'ledger.db'}"
    with ScriptedServer([Drop()]) as server:  # reads the request, then closes without an answer
        result = run(["campaign", "group", "7", "--from", "Shop", "--text", "Sale", "--phone", "380952100011",
                      "--ledger", ledger_url, "--base-url", server.url, "--token", "tok"])  # fmt: skip
        assert result.exit_code == 1
        campaign = result.stdout.splitlines()[0].split()[-1]
        assert result.stderr.count("\n") == 1
        assert "may have gone out" in result.stderr and "gatum sms list --group 7 --sender Shop" in result.stderr
        assert [r.path for r in server.requests] == ["/v1/send-bulk"]  # once, never repeated

        with Ledger(ledger_url) as ledger, GatumRESTAPI(server.url) as api:
            key = f"{campaign}:groups"
            outbox = Outbox(api, ledger, access_token="tok")
            settled = outbox.reconcile(settle=0, resend_missing=True, stale_after=0)
            assert (settled.found, settled.requeued, settled.still_in_doubt) == ([], [], [key])
            assert outbox.sweep(older_than=0).looked_up == 0  # only sent messages are swept
            message = ledger.get(key)
            assert message is not None and message.state == "in_doubt"
            assert "group send" in (message.detail or "")
        assert len(server.requests) == 1  # no look-up, no second send

    shown = run(["messages", "show", key, "--ledger", ledger_url, "--json"])
    assert shown.exit_code == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert (data["state"], data["numbers"], data["options"]["id_group"]) == ("in_doubt", ["380952100011"], [7])
    listed = run(["messages", "list", "--state", "in_doubt", "--ledger", ledger_url, "--json"])
    assert [m["key"] for m in json.loads(listed.stdout)] == [key]


def test_a_group_the_account_does_not_have_is_refused_and_recorded_so(sandbox: str, tmp_path: Path) -> None:
    ledger_url = f"sqlite:///{tmp_path / 'ledger.db'}"
    env = {"GATUM_BASE_URL": sandbox, "GATUM_USERNAME": f"groups-{uuid.uuid4().hex[:8]}", "GATUM_PASSWORD": "pw"}
    result = run(
        ["campaign", "group", "999999", "--from", "Shop", "--text", "Hi", "--ledger", ledger_url, "--json"], env
    )
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "was not sent" in result.stderr
    first, rest = result.stdout.split("\n", 1)  # the campaign first, as `campaign send` prints it
    answer = json.loads(rest)
    assert first.split()[-1] == answer["campaign"]
    assert answer["state"] == "refused" and answer["key"] == f"{answer['campaign']}:groups"
    with Ledger(ledger_url) as ledger:
        message = ledger.get(answer["key"])
        assert message is not None and message.state == "refused"
        assert [a.result for a in message.attempts] == ["refused"]


def test_without_a_ledger_an_unknown_outcome_is_one_line_too() -> None:
    with ScriptedServer([Drop()]) as server:
        result = run(["campaign", "group", "7", "--from", "Shop", "--text", "Sale", "--base-url", server.url,
                      "--token", "tok"])  # fmt: skip
        assert [r.path for r in server.requests] == ["/v1/send-bulk"]
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "may have gone out" in result.stderr
    assert "recorded" not in result.stderr
