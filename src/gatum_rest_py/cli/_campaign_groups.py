"""`gatum campaign group`: one text to the contacts of groups, in the platform's own window (send-bulk).

gatum campaign group 12 13 --from Shop --text "Hi #first_name#" --between 09:00-20:00 --timezone Europe/Kyiv --dry-run
gatum campaign group 12 --from Shop --text "Sale today" --at "2026-12-05 09:00" --timezone Europe/Kyiv --ledger sqlite:///g.db

Every check runs before anything is sent; `--dry-run` prints the exact request fields (the window
in UTC) and needs no login. The send is one billed request, never repeated: with a ledger it is
recorded first (`campaign <id>` is the first line) and its outcome after.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import click

from ..campaigns import GroupSendResult, SendWindow, bulk_window, check_group_send, parse_at, parse_timezone
from ..campaigns._send import new_campaign_id
from ._campaign import _connection_options, _session
from ._campaign_run import announce
from ._ledger import _ledger, ledger_option
from ._output import Output, json_text
from ._session import SENDER_ID_HELP, CLIError

__all__ = ["campaign_group", "group_command", "report_group_send"]


@click.command("group")
@click.argument("groups", nargs=-1, required=True, type=click.IntRange(min=1), metavar="GROUP_ID...")
@click.option("--from", "sender_id", required=True, help=SENDER_ID_HELP)
@click.option("--text", required=True, help="Message text; the platform replaces #first_name# and #number#.")
@click.option("--exclude-group", "exclude", multiple=True, type=click.IntRange(min=1), help="Leave this group out.")
@click.option("--phone", "phones", multiple=True, help="An extra number outside the groups; repeatable.")
@click.option("--at", "at_text", help='Start at this time, e.g. "2026-12-05 09:00" (in --timezone).')
@click.option("--between", help="Send only inside this window, e.g. 09:00-20:00 (in --timezone; not across 00:00 UTC).")
@click.option("--timezone", "zone_name", help="Time zone of --at and --between, e.g. Europe/Kyiv (default UTC).")
@click.option("--name", help="A name for the campaign: its id starts with it.")
@click.option("--dry-run", is_flag=True, help="Print the send-bulk fields it would send (window in UTC); send nothing.")
@ledger_option
@_connection_options
def group_command(
    settings: dict[str, Any],
    as_json: bool,
    groups: tuple[int, ...],
    sender_id: str,
    text: str,
    exclude: tuple[int, ...],
    phones: tuple[str, ...],
    at_text: str | None,
    between: str | None,
    zone_name: str | None,
    name: str | None,
    dry_run: bool,
    ledger_url: str | None,
) -> None:
    """Send TEXT to the contacts of GROUP_ID... (send-bulk), in the platform's window.

    --at and --between become the request's dateStart/timeStart/timeStop (GMT+0); the platform
    holds the messages until then. With --ledger / GATUM_LEDGER the send is recorded as the
    message `<campaign>:groups` and the first line printed is `campaign <id>`, before anything is
    sent, as `gatum campaign send` prints it (with --json the object follows on the next line).
    """
    out = Output(as_json=as_json)
    now = datetime.now(timezone.utc)
    zone = parse_timezone(zone_name)
    window = SendWindow.parse(between, zone) if between is not None else None
    at = parse_at(at_text, zone, now) if at_text is not None else None
    fields = bulk_window(now, at, window)
    body = check_group_send(groups, sender_id, text, exclude=exclude, phones=phones, fields=fields)
    if dry_run:
        out.emit(body if as_json else _for_people(body), title="send-bulk request (dry run: nothing sent)")
        return
    from ..campaigns import send_to_groups

    session = _session(settings, out, needed_for="sending")
    assert session is not None
    try:
        if not ledger_url:
            result = send_to_groups(session.api, session.token, groups, sender_id, text, exclude=exclude,
                                    phones=phones, at=at, window=window, now=now)  # fmt: skip
        else:
            campaign_id = new_campaign_id(name)
            with _ledger(ledger_url) as ledger:
                announce(campaign_id)  # as `campaign send` does, --json or not: before anything is sent
                result = send_to_groups(session.api, session.token, groups, sender_id, text, exclude=exclude,
                                        phones=phones, at=at, window=window, ledger=ledger, campaign=campaign_id,
                                        now=now)  # fmt: skip
    finally:
        session.close()
    report_group_send(out, result, groups, sender_id)


campaign_group: click.Command = group_command  # typed here: `_campaign` imports this module as it loads


def _for_people(body: dict[str, Any]) -> dict[str, Any]:
    shown = dict(body)
    for name in ("dateStart", "timeStart", "timeStop"):
        if name in shown and name != "dateStart":
            shown[name] = f"{shown[name]} UTC"
    if "dateStart" not in shown:
        shown["window"] = "none: the platform sends at once"
    return shown


def report_group_send(out: Output, result: GroupSendResult, groups: tuple[int, ...], sender_id: str) -> None:
    """The platform's answer; one error line (exit 1) when it was refused or its outcome is unknown."""
    recorded = f" (recorded as {result.key})" if result.key else ""
    if result.state == "in_doubt":
        if out.as_json:
            click.echo(json_text(result.to_json()))
        look_up = f"gatum sms list --group {groups[0]} --sender {sender_id}"
        raise CLIError(
            f"the outcome is unknown: the group send may have gone out (and been billed){recorded}; "
            f"check with `{look_up}` or the platform's panel before sending again"
        )
    if result.state == "refused":
        if out.as_json:
            click.echo(json_text(result.to_json()))
        raise CLIError(f"the group send was not sent{recorded}: {result.detail}")
    if out.as_json:
        click.echo(json_text(result.to_json()))
        return
    answer = result.answer if isinstance(result.answer, dict) else {}
    summary = {
        "state": result.state,
        "platform status": answer.get("status", "-"),
        "groups": ", ".join(str(g) for g in groups),
        "window (UTC)": " ".join(
            str(result.body[k]) for k in ("dateStart", "timeStart", "timeStop") if k in result.body
        )
        or "none: at once",
    }
    if result.detail:
        summary["detail"] = result.detail
    out.emit(summary, title="send-bulk answer")
