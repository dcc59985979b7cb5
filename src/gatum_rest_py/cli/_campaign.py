"""`gatum campaign send`: one personalised message per row of a CSV file (and `resume`, `status`,
`report`: see _campaign_run).

gatum campaign send contacts.csv --from Shop --template "Hi {name}, -20% today" --default-region UA --dry-run
gatum campaign send contacts.csv --from Shop --template "Hi {name}" --dry-run --json | jq .parts

Every check runs before anything is sent: the options (`--rate`, `--from`, `--at`, `--between`,
`--timezone`), the file, the template against its columns, each number and each text. A dry
run needs no login; given one (GATUM_*), it also prices the campaign (`account_price`) and,
with `--skip-blacklisted`, drops black-listed numbers (`black_list_search`), both read-only.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import click

from .._exceptions import APIError
from ..campaigns import (
    CampaignPlan,
    SendWindow,
    Template,
    check_sender,
    estimate_cost,
    parse_at,
    parse_rate,
    parse_timezone,
    plan_campaign,
    rows_from_csv,
    start_time,
)
from ..campaigns._groups import group_send_key
from ..campaigns._schedule import recorded_schedule
from ..campaigns._send import new_campaign_id, record_campaign
from ..ledger import CampaignSettings, Ledger, LedgerMessage, campaign_settings, record_campaign_settings
from ._campaign_run import _open as _open_campaign
from ._campaign_run import announce, batch_size_for, limiter_for, report, resume_options, send_campaign, status
from ._campaign_workers import enqueue, shared_ledger, workers_options
from ._ledger import _ledger, ledger_option
from ._output import Output
from ._session import _OPTIONS, SENDER_ID_HELP, CLIError, Session, _resolve

DEFAULT_RATE = "50/s"


def _connection_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The API options of every command (`--base-url`, `--token`, …, `--json`), resolved only when needed.

    A dry run works offline; the API is used when it is configured or an option needs it.
    """

    @functools.wraps(command)
    def run(**kwargs: Any) -> Any:
        settings = {name: kwargs.pop(name) for name in ("base_url", "token", "username", "password", "proxy")}
        return command(settings=settings, **kwargs)

    wrapped: Callable[..., Any] = run
    for option in reversed(_OPTIONS):
        wrapped = option(wrapped)
    return wrapped


def _session(settings: dict[str, Any], out: Output, *, needed_for: str | None) -> Session | None:
    """A Session when the API is configured; None when it is not and nothing needs it."""
    if not settings["base_url"] and needed_for is None:
        return None
    try:
        url = _resolve(settings["base_url"], settings["token"], settings["username"], settings["password"])
    except click.UsageError as exc:
        raise CLIError(f"{needed_for} needs the API: {exc.message}" if needed_for else exc.message) from None
    token = settings["token"] or None
    return Session(url, token, settings["username"], settings["password"], out, settings["proxy"] or None)


def _blacklist_lookup(session: Session) -> Callable[[Sequence[str]], list[Any]]:
    def look_up(numbers: Sequence[str]) -> list[Any]:
        body = session.call(session.api.black_list_search, numbers=list(numbers))
        data = body.get("data") if isinstance(body, dict) else None
        if not isinstance(data, list):
            raise CLIError(f"black_list_search: an answer without a list of numbers: {str(body)[:80]}")
        return data

    return look_up


def _plan_for_people(summary: dict[str, Any]) -> dict[str, Any]:
    rows: dict[str, Any] = {
        "file": summary["source"],
        "recipients": summary["recipients"],
        "dropped: duplicates": summary["duplicates"],
        "dropped: invalid numbers": summary["invalid"],
        "dropped: black-listed": summary["blacklisted"],
        "encoding": ", ".join(f"{name}: {count}" for name, count in summary["encoding"].items()) or "-",
        "parts (total)": summary["parts"],
        "parts (longest message)": summary["max_parts"],
    }
    if "first_ucs2" in summary:
        first = summary["first_ucs2"]
        rows["first UCS-2 character"] = f"{first['character']!r} on line {first['line']}"
    cost = summary.get("cost")
    if cost is not None:
        unpriced = f"; no price for {', '.join(cost['unpriced'])}" if cost["unpriced"] else ""
        rows["estimated cost"] = f"{cost['total']:.4f} {cost['currency'] or ''} (upper bound{unpriced})".strip()
    elif "cost_unavailable" in summary:
        rows["estimated cost"] = f"unavailable: {summary['cost_unavailable']}"
    if "starts_at" in summary:
        rows["first send"] = summary["starts_at"]
    return rows


@click.group()
def campaign() -> None:
    """Campaigns: one personalised message per row of a CSV file."""


@campaign.command("send")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--from", "sender_id", required=True, help=SENDER_ID_HELP)
@click.option("--template", required=True, help="Message text; {column} takes the row's value of that column.")
@click.option("--default-region", help="Country of numbers written without a country code (e.g. UA).")
@click.option("--number-column", default="number", show_default=True, help="The column holding the numbers.")
@click.option("--dry-run", is_flag=True, help="Plan only: count recipients, parts and cost; send nothing.")
@click.option("--max-parts", type=click.IntRange(min=1), help="Refuse a text that takes more parts than this.")
@click.option("--replace-lookalikes", is_flag=True, help="Curly quotes, dashes, odd spaces → GSM-7 forms.")
@click.option("--skip-blacklisted", is_flag=True, help="Drop numbers on the account's black list (needs the API).")
@click.option("--rate", default=DEFAULT_RATE, show_default=True, help="Messages per second, e.g. 50/s or 3000/min.")
@click.option("--at", "at_text", help='Start at this time, e.g. "2026-12-05 09:00" (in --timezone).')
@click.option("--between", help="Send only inside this daily window, e.g. 09:00-20:00 (in --timezone).")
@click.option("--timezone", "zone_name", help="Time zone of --at and --between, e.g. Europe/Kyiv (default UTC).")
@click.option("--name", help="A name for the campaign: its id starts with it.")
@click.option("--callback-url", help="Where every message's delivery reports are POSTed.")
@click.option("--redis", "redis_url", envvar="GATUM_REDIS_URL", help="Share --rate across processes on this Redis.")
@workers_options
@ledger_option
@_connection_options
def campaign_send(
    settings: dict[str, Any],
    as_json: bool,
    file: Path,
    sender_id: str,
    template: str,
    default_region: str | None,
    number_column: str,
    dry_run: bool,
    max_parts: int | None,
    replace_lookalikes: bool,
    skip_blacklisted: bool,
    rate: str,
    at_text: str | None,
    between: str | None,
    zone_name: str | None,
    name: str | None,
    callback_url: str | None,
    redis_url: str | None,
    workers: str,
    broker: str | None,
    wait: bool,
    batches_per_task: int,
    ledger_url: str | None,
) -> None:
    """Send TEMPLATE to every row of FILE (CSV with a header and a `number` column).

    With --dry-run, print what would be sent: recipients, dropped numbers (invalid, duplicate,
    black-listed), encodings, parts and the estimated cost; --json prints it as one object.
    Otherwise every message is recorded in the ledger (--ledger / GATUM_LEDGER), the first line
    printed is `campaign <id>`, and the messages go at --rate, inside --between, from --at.
    With --workers celery the batches are published to --broker for Celery workers instead
    (the ledger must be PostgreSQL); the campaign's settings are kept in the ledger.
    """
    out = Output(as_json=as_json)
    now = datetime.now(timezone.utc)
    parse_rate(rate)
    check_sender(sender_id)
    zone = parse_timezone(zone_name)
    window = SendWindow.parse(between, zone) if between is not None else None
    at = parse_at(at_text, zone, now) if at_text is not None else None
    parsed = Template(template)
    if not dry_run and not ledger_url:
        raise CLIError("sending a campaign needs a ledger: pass --ledger URL or set GATUM_LEDGER (sqlite:///gatum.db)")
    if not dry_run:
        shared_ledger(workers, broker, ledger_url)
    local = not dry_run and workers == "local"
    needed = "--skip-blacklisted" if skip_blacklisted else ("sending" if local else None)
    session = _session(settings, out, needed_for=needed)
    try:
        plan = plan_campaign(
            rows_from_csv(file),
            parsed,
            default_region=default_region,
            number_column=number_column,
            lookalikes=replace_lookalikes,
            max_parts=max_parts,
            blacklist=_blacklist_lookup(session) if session is not None and skip_blacklisted else None,
        )
        if not dry_run and ledger_url:
            campaign_id = new_campaign_id(name)
            chosen = CampaignSettings(
                campaign_id,
                sender_id,
                parse_rate(rate),
                batch_size_for(parse_rate(rate)),
                name=name,
                between=between,
                timezone=zone_name,
                at=at.timestamp() if at is not None else None,
                callback_url=callback_url,
            )
            # a Redis that cannot be reached: before anything
            limiter = limiter_for(rate, redis_url, campaign_id) if session is not None and local else None
            with _ledger(ledger_url) as ledger:
                record_campaign_settings(ledger, chosen)
                record_campaign(ledger, plan, sender_id, campaign=campaign_id, callback_url=callback_url)
                announce(campaign_id)
                out.note(
                    f"{len(plan.messages)} recipients, {plan.parts} parts; left out: {len(plan.invalid)} invalid "
                    f"(`--dry-run` lists them), {plan.duplicates} duplicates, {plan.blacklisted} black-listed"
                )
                if session is not None and limiter is not None:
                    send_campaign(session, ledger, campaign_id, limiter, window=window, at=at)
                else:
                    assert broker is not None
                    enqueue(out, ledger, chosen, broker, wait=wait, at=at, batches_per_task=batches_per_task)
            return
        summary = plan.summary()
        _price(plan, summary, session)
        if at is not None or window is not None:
            summary["starts_at"] = start_time(now, at, window).isoformat(timespec="minutes")
        out.emit(summary if as_json else _plan_for_people(summary), title="Campaign plan (dry run: nothing sent)")
        if not as_json and plan.invalid:
            out.emit(summary["invalid_list"], title="Invalid numbers (left out)")
    finally:
        if session is not None:
            session.close()


def _price(plan: CampaignPlan, summary: dict[str, Any], session: Session | None) -> None:
    """The cost estimate into `summary`, from the account's prices; why not, when it cannot be had."""
    if session is None:
        summary["cost_unavailable"] = "no API configured (GATUM_BASE_URL and a login) to look prices up"
        return
    if not plan.messages:
        return
    try:
        estimate = estimate_cost(plan.parts_by_region(), lambda iso: session.call(session.api.account_price, iso=iso))
    except (APIError, CLIError) as exc:
        summary["cost_unavailable"] = f"price look-up failed: {type(exc).__name__}: {exc}"[:160]
        return
    plan.cost = estimate
    summary["cost"] = estimate.to_dict()


@campaign.command("resume")
@resume_options
@workers_options
@_connection_options
def campaign_resume(
    settings: dict[str, Any],
    as_json: bool,
    campaign: str,
    rate: str | None,
    between: str | None,
    zone_name: str | None,
    redis_url: str | None,
    stale_after: float,
    workers: str,
    broker: str | None,
    wait: bool,
    batches_per_task: int,
    ledger_url: str | None,
) -> None:
    """Send what is still planned of CAMPAIGN (after a crash, Ctrl-C or a closed window).

    The campaign's settings (rate, window, start, batch size) come from the ledger; an option
    given here overrides its setting. Messages left `sending` more than --stale-after seconds
    ago (their sender died) become `in_doubt` and are not sent again: `gatum messages reconcile`
    looks them up on the platform.
    """
    out = Output(as_json=as_json)
    if rate is not None:
        parse_rate(rate)
    shared_ledger(workers, broker, ledger_url)
    session = _session(settings, out, needed_for="sending") if workers == "local" else None
    try:
        with _open_campaign(ledger_url, campaign) as ledger:
            kept = campaign_settings(ledger, campaign)
            chosen = _resumed_settings(campaign, kept, rate, between, zone_name)
            window, at = recorded_schedule(chosen)
            stale = ledger.mark_stale(stale_after, campaign=campaign)
            if stale:  # said before anything is sent: these are never sent again by this run
                out.note(
                    f"{len(stale)} messages left `sending` by a stopped sender are in doubt now and not sent "
                    "again: `gatum messages reconcile` looks them up on the platform"
                )
            group_send = ledger.get(group_send_key(campaign))
            if group_send is not None:  # a send to contact groups: one request, no batches to share
                _resume_group_send(out, session, ledger, group_send)
                return
            if session is None:
                assert broker is not None
                announce(campaign)
                enqueue(out, ledger, chosen, broker, wait=wait, at=at, batches_per_task=batches_per_task)
                return
            limiter = limiter_for(str(chosen.rate), redis_url, campaign)
            announce(campaign)
            send_campaign(session, ledger, campaign, limiter, window=window, at=at)
    finally:
        if session is not None:
            session.close()


def _resume_group_send(out: Output, session: Session | None, ledger: Ledger, group_send: LedgerMessage) -> None:
    """Send the campaign's group send if it is still planned (as recorded), else say its state."""
    from ..campaigns import resume_group_send
    from ._campaign_groups import report_group_send

    campaign = str(group_send.campaign)
    if session is None:  # Celery workers send batches of messages; this is one request, sent from here
        if group_send.state == "planned":
            raise CLIError(
                f"campaign {campaign} is a send to contact groups, still planned: resume it with --workers local"
            )
        out.note(f"campaign {campaign} is a send to contact groups, {group_send.state} already: nothing to resume")
        return
    announce(campaign)
    result = resume_group_send(session.api, session.token, ledger, campaign)
    assert result is not None
    report_group_send(out, result, tuple(result.body["id_group"]), result.body["senderID"])


def _resumed_settings(
    campaign: str, kept: CampaignSettings | None, rate: str | None, between: str | None, zone_name: str | None
) -> CampaignSettings:
    """The recorded settings, with the options given on the command line instead of theirs."""
    base = kept or CampaignSettings(campaign, "", parse_rate(DEFAULT_RATE), batch_size_for(parse_rate(DEFAULT_RATE)))
    changes: dict[str, Any] = {}
    if rate is not None:
        changes["rate"] = parse_rate(rate)
        changes["batch_size"] = batch_size_for(changes["rate"])
    if between is not None:
        changes["between"] = between
    if zone_name is not None:
        changes["timezone"] = zone_name
    return replace(base, **changes)


campaign.add_command(status)
campaign.add_command(report)

from ._campaign_groups import campaign_group  # noqa: E402 - it uses this module's connection options

campaign.add_command(campaign_group)
