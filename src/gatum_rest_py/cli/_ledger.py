"""`gatum messages …` (the message ledger) and `gatum send --ledger`.

The ledger comes from `--ledger URL` or GATUM_LEDGER (`sqlite:///gatum.db`, `postgresql://…`)::

    export GATUM_LEDGER=sqlite:///gatum.db
    gatum send --to 380957225759 --from Verify --key otp-42 "Your code is 4242" --json   # {"key": …}
    gatum messages show otp-42 --json            # state, ids, history
    gatum messages list --state in_doubt --json  # a JSON array
    gatum messages reconcile                     # settle what is in doubt against the platform
    gatum messages sweep                         # look up sent messages that never got a final state
"""

from __future__ import annotations

import re
import time
from datetime import datetime, timezone
from typing import Any

import click

from ..ledger import (
    DEFAULT_SETTLE,
    DEFAULT_STALE_AFTER,
    DEFAULT_SWEEP_AFTER,
    STATES,
    Ledger,
    LedgerMessage,
    Outbox,
    OutboxResult,
)
from ..ledger._records import new_keys
from ._output import Output, json_text
from ._session import CLIError, Interrupted, Session, api_command, ledger_option

__all__ = ["ledger_option", "messages", "send_through_ledger"]

_RELATIVE = re.compile(r"^(\d+(?:\.\d+)?)([smhd])$")
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _ledger(url: str | None) -> Ledger:
    if not url:
        raise click.UsageError("no ledger: pass --ledger URL or set GATUM_LEDGER (e.g. sqlite:///gatum.db)")
    return Ledger(url)


def _since(text: str | None) -> float | None:
    """`--since`: 30m, 2h, 7d (ago), or a UTC date / date and time (2026-12-01, 2026-12-01T10:00:00)."""
    if text is None:
        return None
    relative = _RELATIVE.match(text.strip())
    if relative:
        return time.time() - float(relative.group(1)) * _UNIT[relative.group(2)]
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter("use 30m, 2h, 7d, or a date (2026-12-01) or time (2026-12-01T10:00:00, UTC)") from None
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).timestamp()


def _row(message: LedgerMessage) -> dict[str, Any]:
    data = message.to_json()
    return {k: data[k] for k in ("key", "state", "campaign", "numbers", "id_states", "updated")}


def send_through_ledger(session: Session, ledger_url: str, key: str | None, arguments: dict[str, Any]) -> None:
    """`gatum send --ledger`: record, send, record the outcome; print the key with the answer."""
    key = key or new_keys(1)[0]  # known here, so that a Ctrl-C can name the message
    with _ledger(ledger_url) as ledger:
        outbox = Outbox(session.api, ledger, access_token=session.token)
        try:
            result = outbox.send(key=key, **{k: v for k, v in arguments.items() if v is not None})
        except KeyboardInterrupt:
            raise _interrupted(ledger, key) from None
    _print_sent(session.out, result)
    if result.state == "refused":
        raise CLIError(f"message {result.key} refused: {result.detail}")
    if result.state == "in_doubt":
        raise CLIError(f"message {result.key} is in doubt ({result.detail}): run `gatum messages reconcile`")
    if result.state == "planned":
        raise CLIError(f"message {result.key} was not sent ({result.detail}); it stays planned")


def _interrupted(ledger: Ledger, key: str) -> Interrupted:
    """Ctrl-C during `gatum send --ledger`: what the ledger recorded, and what to do about it."""
    recorded = ledger.get(key)
    state = recorded.state if recorded is not None else None
    if state in (None, "planned"):
        kept = "not recorded" if state is None else "it stays planned (`gatum messages send-planned` sends it)"
        return Interrupted(f"message {key} was not sent: {kept}")
    if state in ("sending", "in_doubt"):
        return Interrupted(
            f"message {key} may have been sent (and billed): it is recorded as {state}; "
            "`gatum messages reconcile` settles it, never send it again by hand"
        )
    return Interrupted(f"message {key} is {state} in the ledger")


def _print_sent(out: Output, result: OutboxResult) -> None:
    if out.as_json:
        click.echo(json_text(result.to_json()))
        return
    rows = [{"key": result.key, "state": result.state, "number": n, "id_states": ids} for n, ids in result.ids.items()]
    out.emit(rows or [{"key": result.key, "state": result.state, "detail": result.detail}], title="Ledger")
    if rows and result.detail:  # e.g. a key already in the ledger: the table alone would not say nothing was sent
        out.note(f"message {result.key}: {result.detail}")


@click.group()
def messages() -> None:
    """The message ledger: every message sent with --ledger, its state, ids and history."""


@messages.command("show")
@click.argument("key_or_id_state")
@ledger_option
@click.option("--json", "as_json", is_flag=True, help="Print the message as JSON.")
def show(key_or_id_state: str, ledger_url: str | None, as_json: bool) -> None:
    """One message by its key or by an `id_state` the platform gave it: state, ids, history."""
    with _ledger(ledger_url) as ledger:
        message = ledger.get(key_or_id_state)
    if message is None:
        raise CLIError(f"no message with key or id_state {key_or_id_state!r} in the ledger")
    data = message.to_json()
    out = Output(as_json=as_json)
    if as_json:
        click.echo(json_text(data))
        return
    out.emit({k: v for k, v in data.items() if k not in ("events", "attempts")}, title=f"Message {message.key}")
    out.emit(data["attempts"], title="Attempts")
    out.emit(data["events"], title="History")


@messages.command("list")
@click.option("--state", "states", multiple=True, type=click.Choice(STATES), help="Keep this state; repeatable.")
@click.option("--since", help="Created since: 30m, 2h, 7d, or a UTC date/time (2026-12-01T10:00:00).")
@click.option("--campaign", help="Messages of this campaign.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many (oldest first).")
@ledger_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of messages (with their events).")
def list_messages(
    states: tuple[str, ...],
    since: str | None,
    campaign: str | None,
    limit: int | None,
    ledger_url: str | None,
    as_json: bool,
) -> None:
    """Messages in the ledger, oldest first."""
    when = _since(since)
    with _ledger(ledger_url) as ledger:
        found = ledger.messages(state=list(states) or None, since=when, campaign=campaign, limit=limit)
    if as_json:
        click.echo(json_text([m.to_json() for m in found]))
    else:
        Output(as_json=False).emit([_row(m) for m in found], title="Messages")


@messages.command("reconcile")
@click.option(
    "--settle",
    type=click.FloatRange(min=0),
    default=DEFAULT_SETTLE,
    show_default=True,
    help="Seconds after its last attempt before a message the platform does not show counts as not sent.",
)
@click.option("--resend-missing", is_flag=True, help="Plan such messages again (then `gatum messages send-planned`).")
@click.option(
    "--stale-after",
    type=click.FloatRange(min=0),
    default=DEFAULT_STALE_AFTER,
    show_default=True,
    help="Seconds after which a message still `sending` has lost its sender (it becomes in_doubt first).",
)
@ledger_option
@api_command
def reconcile(
    session: Session, settle: float, resend_missing: bool, stale_after: float, ledger_url: str | None
) -> None:
    """Settle the messages in doubt against the platform (sms_full_data); never sends anything."""
    with _ledger(ledger_url) as ledger:
        outbox = Outbox(session.api, ledger, access_token=session.token)
        result = outbox.reconcile(settle=settle, resend_missing=resend_missing, stale_after=stale_after)
    data = result.to_json()
    session.out.message(
        f"in doubt from a stopped sender: {len(result.marked_in_doubt)}; found on the platform (sent): "
        f"{len(result.found)}; planned again: {len(result.requeued)}; still in doubt: {len(result.still_in_doubt)}",
        data,
    )


@messages.command("send-planned")
@click.option("--campaign", help="Only messages of this campaign.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many.")
@ledger_option
@api_command
def send_planned(session: Session, campaign: str | None, limit: int | None, ledger_url: str | None) -> None:
    """Send the planned messages (those reconcile planned again, or planned by a campaign)."""
    with _ledger(ledger_url) as ledger:
        results = Outbox(session.api, ledger, access_token=session.token).send_planned(campaign=campaign, limit=limit)
    rows = [{"key": r.key, "state": r.state, "id_states": r.id_states, "detail": r.detail} for r in results]
    session.out.emit(rows, title="Sent")


@messages.command("sweep")
@click.option(
    "--older-than",
    type=click.FloatRange(min=0),
    default=DEFAULT_SWEEP_AFTER,
    show_default=True,
    help="Seconds without a final state after which a sent message is looked up.",
)
@ledger_option
@api_command
def sweep(session: Session, older_than: float, ledger_url: str | None) -> None:
    """Look up sent messages that never got a final state and record what the platform says."""
    with _ledger(ledger_url) as ledger:
        result = Outbox(session.api, ledger, access_token=session.token).sweep(older_than=older_than)
    session.out.message(f"looked up: {result.looked_up}; new states recorded: {result.new_reports}", result.to_json())
