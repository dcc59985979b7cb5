"""The `gatum` command line, through click's CliRunner, against the Prism mock and a scripted server.

Prism validates every request against the spec, so a command that passes here put a valid
body on the wire; the scripted server (tests/fault_server.py) counts requests and plays errors.
`dlr listen` and `mock`, which run servers, are in test_cli_servers.py.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from fault_server import Action, Reply, ScriptedServer, closed_port

from gatum_rest_py.cli._app import cli

TOKEN = "tok-SECRET-0123456789"
PASSWORD = "pw-SECRET-9876543210"
NO_ENV: dict[str, str | None] = {
    "GATUM_BASE_URL": None,
    "GATUM_TOKEN": None,
    "GATUM_USERNAME": None,
    "GATUM_PASSWORD": None,
    "GATUM_WEBHOOK_SECRET": None,
}
OK_EMPTY = Reply(200, {"status": True, "data": []})


def run(args: Sequence[str], *, base_url: str | None = None, token: str | None = TOKEN, **env: str) -> Result:
    """Invoke `gatum` in-process with a clean GATUM_* environment; secrets must never be printed."""
    environment = {**NO_ENV, **env}
    if base_url is not None:
        environment["GATUM_BASE_URL"] = base_url
    if token is not None:
        environment["GATUM_TOKEN"] = token
    result = CliRunner().invoke(cli, list(args), env=environment, catch_exceptions=False)
    for secret in (TOKEN, PASSWORD):
        assert secret not in result.stdout and secret not in result.stderr
    return result


def json_of(result: Result) -> Any:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def error_line(result: Result, exit_code: int = 1) -> str:
    """The failure message: exit status as given, nothing on stdout, exactly one line on stderr."""
    assert result.exit_code == exit_code, (result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


# -- every command against the mock, --json parses ------------------------------------------------

MOCK_COMMANDS: list[tuple[list[str], str]] = [
    (["me"], "dict"),
    (["send", "--to", "380957225759", "--to", "380661093766", "--from", "Verify", "Your OTP is 42488"], "dict"),
    (["send", "--to", "380957225759", "--from", "Verify", "--type", "sms", "--lifetime", "3600", "hi"], "dict"),
    (["groups", "list"], "list"),
    (["groups", "list", "--id", "957"], "list"),
    (["groups", "create", "All clients"], "dict"),
    (
        ["groups", "create", "VIP", "--birthday-time", "13:00", "--birthday-sender", "Shop", "--birthday-text", "Hi"],
        "dict",
    ),
    (["groups", "delete", "957", "958"], "dict"),
    (["numbers", "search", "--group", "957", "380957225759", "380661093766"], "dict"),
    (["numbers", "delete", "--group", "957", "380957225759"], "dict"),
    (["blacklist", "add", "380957225759"], "dict"),
    (["blacklist", "search", "380957225759", "12345665777"], "dict"),
    (["blacklist", "delete", "380957225759"], "dict"),
    (["prices"], "dict"),
    (["prices", "--kind", "product", "--iso", "full"], "dict"),
    (["prices", "--kind", "account", "--mcc", "255", "--mnc", "1"], "dict"),
    (["prices", "--kind", "country", "--iso", "UA"], "dict"),
]


@pytest.mark.parametrize(("args", "shape"), MOCK_COMMANDS, ids=[" ".join(a[:2]) for a, _ in MOCK_COMMANDS])
def test_every_command_answers_parseable_json_against_the_mock(mock_url: str, args: list[str], shape: str) -> None:
    body = json_of(run([*args, "--json"], base_url=mock_url))
    if shape == "dict":
        assert body["status"] is True  # Prism's 200 example, so the request passed its validation
    else:
        assert isinstance(body, list) and body and all(isinstance(row, dict) for row in body)


def test_sms_list_sends_every_filter_and_prints_the_records(mock_url: str) -> None:
    args = ["sms", "list", "--mcc", "255", "--mnc", "1", "--sender", "Verify", "--phone", "380957225759"]
    args += ["--group", "957", "--period", "2023-07-01 00:00:00 - 2023-07-31 23:59:59", "--type", "sms"]
    args += ["--state", "DELIVRD", "--state", "UNDELIV", "--json"]
    records = json_of(run(args, base_url=mock_url))
    assert [r["id_state"] for r in records] == [598933232]


def test_tables_by_default(mock_url: str) -> None:
    me = run(["me"], base_url=mock_url)
    assert me.exit_code == 0 and "your_login" in me.stdout and "125.5" in me.stdout
    sent = run(["send", "--to", "380957225759", "--from", "Verify", "hi"], base_url=mock_url)
    assert "380957225759" in sent.stdout and "598932232" not in sent.stdout and "598933232" in sent.stdout
    assert run(["groups", "create", "X"], base_url=mock_url).stdout.strip() == "Created group 957: X"


def test_login_with_username_and_password_from_the_environment(mock_url: str) -> None:
    result = run(["me", "--json"], base_url=mock_url, token=None, GATUM_USERNAME="me", GATUM_PASSWORD=PASSWORD)
    assert json_of(result)["data"]["login"] == "your_login"


def test_options_win_over_the_environment(mock_url: str) -> None:
    result = run(["me", "--json", "--base-url", mock_url], base_url=f"http://127.0.0.1:{closed_port()}")
    assert json_of(result)["status"] is True


# -- errors: one line on stderr, non-zero exit ----------------------------------------------------


def test_bad_sender_id_is_refused_before_anything_is_sent() -> None:
    with ScriptedServer([]) as server:
        result = run(["send", "--to", "380957225759", "--from", "X" * 20, "hi"], base_url=server.url)
        assert server.requests == []
    assert error_line(result).startswith("Error: InvalidRequestError: send_sms: sender_id='XXXXXXXXXXXXXXXXXXXX'")


def test_401_is_an_authentication_error() -> None:
    unauthorized = Reply(401, {"status": False, "error_code": 401, "errors": "unauthorized"})
    with ScriptedServer([unauthorized]) as server:
        result = run(["me", "--json"], base_url=server.url)
    assert server.requests[0].headers["x-access-token"] == TOKEN
    assert error_line(result) == "Error: AuthenticationError: HTTP 401 for GET /v1/me: unauthorized"


def test_400_from_the_platform_is_a_bad_request_error() -> None:
    refused = Reply(400, {"status": False, "error_code": 400, "errors": {"senderID": ["Sender ID not allowed."]}})
    with ScriptedServer([refused]) as server:
        result = run(["send", "--to", "380957225759", "--from", "Verify", "hi"], base_url=server.url)
    assert error_line(result).endswith("BadRequestError: HTTP 400 for POST /v1/send: senderID: Sender ID not allowed.")


def test_connection_refused() -> None:
    result = run(["me"], base_url=f"http://127.0.0.1:{closed_port()}")
    assert error_line(result).startswith("Error: APIConnectionError: GET /v1/me failed")


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"GATUM_TOKEN": TOKEN}, "no API address"),
        ({"GATUM_BASE_URL": "http://127.0.0.1:9"}, "no credentials"),
        ({"GATUM_BASE_URL": "http://127.0.0.1:9", "GATUM_USERNAME": "me"}, "--password (GATUM_PASSWORD) is missing"),
        ({"GATUM_BASE_URL": "restapi.gatum.io", "GATUM_TOKEN": TOKEN}, "must start with http"),
    ],
)
def test_missing_configuration_is_a_usage_error(env: dict[str, str], message: str) -> None:
    result = CliRunner().invoke(cli, ["me"], env={**NO_ENV, **env})
    assert result.exit_code == 2 and message in result.stderr and result.stdout == ""


# -- paging ---------------------------------------------------------------------------------------


def _records(first: int, count: int) -> Reply:
    return Reply(200, {"status": True, "data": [{"id_state": first + i} for i in range(count)]})


def test_sms_list_walks_pages_until_a_short_one() -> None:
    with ScriptedServer([_records(0, 2), _records(2, 2), _records(4, 1)]) as server:
        records = json_of(run(["sms", "list", "--page-size", "2", "--json"], base_url=server.url))
    assert [r["id_state"] for r in records] == [0, 1, 2, 3, 4]
    assert [(r.json()["limit"], r.json()["offset"]) for r in server.requests] == [(2, 0), (2, 1), (2, 2)]


def test_sms_list_stops_on_an_empty_page() -> None:
    with ScriptedServer([_records(0, 2), OK_EMPTY]) as server:
        records = json_of(run(["sms", "list", "--page-size", "2", "--json"], base_url=server.url))
    assert len(records) == 2 and len(server.requests) == 2


def test_sms_list_gives_up_at_the_page_cap() -> None:
    with ScriptedServer([_records(0, 2), _records(2, 2), _records(4, 2)]) as server:
        result = run(["sms", "list", "--page-size", "2", "--max-pages", "2"], base_url=server.url)
    assert "stopped after --max-pages 2 pages" in error_line(result)
    assert len(server.requests) == 2


def test_sms_list_stops_when_the_server_repeats_a_page(mock_url: str) -> None:
    # Prism answers every page with the same example record.
    result = run(["sms", "list", "--page-size", "1"], base_url=mock_url)
    assert "page 1 is the same as page 0" in error_line(result)


def test_groups_list_walks_pages() -> None:
    groups: list[Action] = [Reply(200, {"status": True, "data": [{"id_group": i}]}) for i in (1, 2)]
    groups.append(OK_EMPTY)
    with ScriptedServer(groups) as server:
        rows = json_of(run(["groups", "list", "--page-size", "1", "--json"], base_url=server.url))
    assert [g["id_group"] for g in rows] == [1, 2]
    assert [r.json()["offset"] for r in server.requests] == [0, 1, 2]


# -- numbers add: CSV in chunks ---------------------------------------------------------------------


def _contacts_csv(path: Path, count: int, delimiter: str = ",") -> Path:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, delimiter=delimiter)
        writer.writerow(["number", "name", "surname", "date_birth", "male", "note_1"])
        for i in range(count):
            writer.writerow([f"+38095{i:07d}", f"Name {i}", "", "1990-01-02", "mf"[i % 2], "ü" if i == 0 else ""])
    return path


def test_numbers_add_sends_1200_contacts_in_chunks(tmp_path: Path) -> None:
    path = _contacts_csv(tmp_path / "contacts.csv", 1200)
    with ScriptedServer([OK_EMPTY] * 3) as server:
        result = run(["numbers", "add", "--group", "957", str(path)], base_url=server.url)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "Added 1200 contacts to group 957 in 3 request(s)"
    bodies = [r.json() for r in server.requests]
    assert [len(b["numbers"]) for b in bodies] == [500, 500, 200]
    assert {b["id_group"] for b in bodies} == {957}
    assert bodies[0]["numbers"][0] == {
        "number": "380950000000",
        "name": "Name 0",
        "date_birth": "1990-01-02",
        "male": "m",
        "note_1": "ü",
    }
    assert bodies[2]["numbers"][-1]["number"] == "380950001199"


def test_numbers_add_against_the_mock_with_semicolons_and_chunk_size(mock_url: str, tmp_path: Path) -> None:
    path = _contacts_csv(tmp_path / "contacts.csv", 250, delimiter=";")
    args = ["numbers", "add", "--group", "957", "--chunk-size", "100", str(path), "--json"]
    answers = json_of(run(args, base_url=mock_url))
    assert len(answers) == 3 and all(a["status"] is True for a in answers)


def _with_bad_rows(path: Path) -> Path:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = "380950000002,Bad,,1990-13-02,m,"
    lines[601] = "38095abc,Bad,,1990-01-02,m,"
    lines[650] = "380950000649,Bad,,1990-01-02,x,"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_numbers_add_checks_the_whole_file_and_lists_every_bad_row(tmp_path: Path) -> None:
    path = _with_bad_rows(_contacts_csv(tmp_path / "contacts.csv", 700))
    with ScriptedServer([]) as server:
        result = run(["numbers", "add", "--group", "957", str(path)], base_url=server.url)
    assert server.requests == [] and result.exit_code == 1 and result.stdout == ""
    *listed, error = result.stderr.strip().splitlines()
    assert listed[0].startswith("contacts.csv line 4, column date_birth: '1990-13-02': a date")
    assert listed[1].startswith("contacts.csv line 602, column number: '38095abc': digits only")
    assert listed[2].startswith("contacts.csv line 651, column male: 'x': ")
    assert len(listed) == 3
    assert error == (
        "Error: 3 invalid row(s) in contacts.csv (listed above); nothing was sent: fix them, "
        "or pass --skip-invalid to add the 697 valid one(s)"
    )


def test_numbers_add_skip_invalid_adds_the_good_rows_and_reports_the_rest(tmp_path: Path) -> None:
    path = _with_bad_rows(_contacts_csv(tmp_path / "contacts.csv", 700))
    with ScriptedServer([OK_EMPTY, OK_EMPTY]) as server:
        result = run(["numbers", "add", "--group", "957", "--skip-invalid", str(path)], base_url=server.url)
    assert result.exit_code == 0, result.stderr
    sent = [c["number"] for r in server.requests for c in r.json()["numbers"]]
    assert len(sent) == 697 and "38095abc" not in sent and "380950000002" not in sent and "380950000649" not in sent
    assert len(result.stderr.strip().splitlines()) == 3
    assert "Added 697 contacts to group 957 in 2 request(s); left out 3 invalid row(s)" in result.stdout


def test_numbers_add_takes_numbers_as_people_write_them(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("number,name\n+380 95 722-57-59,A\n00380661093766,B\n", encoding="utf-8")
    with ScriptedServer([OK_EMPTY]) as server:
        result = run(["numbers", "add", "--group", "957", str(path)], base_url=server.url)
    assert result.exit_code == 0, result.stderr
    assert [c["number"] for c in server.requests[0].json()["numbers"]] == ["380957225759", "380661093766"]


def test_numbers_add_failing_halfway_says_how_to_resume(tmp_path: Path) -> None:
    path = _contacts_csv(tmp_path / "contacts.csv", 1200)
    refused = Reply(400, {"status": False, "error_code": 400, "errors": {"numbers": ["limit reached"]}})
    with ScriptedServer([OK_EMPTY, refused]) as server:
        failed = run(["numbers", "add", "--group", "957", str(path)], base_url=server.url)
    message = error_line(failed)
    assert "BadRequestError" in message and "limit reached" in message
    assert "500 contacts were added first, through line 501 of contacts.csv" in message
    assert message.endswith("run again with --skip 500)")
    with ScriptedServer([OK_EMPTY, OK_EMPTY]) as server:
        resumed = run(["numbers", "add", "--group", "957", "--skip", "500", str(path)], base_url=server.url)
    assert resumed.exit_code == 0
    assert [r.json()["numbers"][0]["number"] for r in server.requests] == ["380950000500", "380950001000"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("phone,name\n380957225759,A\n", "the first row must be a header with a `number` column"),
        ("number,nickname\n380957225759,A\n", "unknown column(s) nickname"),
        ("number\n", "no contacts below the header"),
    ],
)
def test_numbers_add_rejects_bad_files(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "c.csv"
    path.write_text(content, encoding="utf-8")
    assert message in error_line(run(["numbers", "add", "--group", "1", str(path)], base_url="http://127.0.0.1:9"))


# -- packaging ------------------------------------------------------------------------------------


def test_the_core_package_imports_without_click_and_rich() -> None:
    code = (
        "import sys; sys.modules['click'] = None; sys.modules['rich'] = None\n"
        "import gatum_rest_py, gatum_rest_py.webhooks\n"
        "from gatum_rest_py.cli import main\n"
        "main(['--help'])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip() == "gatum: the command line needs click and rich: pip install 'gatum-rest-py[cli]'"


def test_the_console_script_is_installed() -> None:
    gatum = Path(sys.executable).with_name("gatum")
    result = subprocess.run([str(gatum), "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.strip().startswith("gatum, version ")


def test_every_from_option_states_the_specs_sender_id_rule() -> None:
    import click
    import yaml
    from conftest import SPEC

    from gatum_rest_py import GatumRESTAPI

    rule = yaml.safe_load(SPEC.read_text(encoding="utf-8"))["components"]["schemas"]["SenderId"]["x-gatum-rule"]

    context = click.Context(cli)

    def commands(group: click.Command) -> list[click.Command]:  # the groups load their commands lazily
        if not isinstance(group, click.Group):
            return [group]
        nested = [group.get_command(context, name) for name in group.list_commands(context)]
        return [group, *(c for sub in nested if sub is not None for c in commands(sub))]

    helps = [p.help for c in commands(cli) for p in c.params if isinstance(p, click.Option) and "--from" in p.opts]
    assert len(helps) >= 3 and set(helps) == {f"Sender ID: {rule}."}
    assert f"Sender ID: {rule};" in " ".join((GatumRESTAPI.send_sms.__doc__ or "").split())
