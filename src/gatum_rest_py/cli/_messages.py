"""`gatum send`, `gatum me`, `gatum sms list` and `gatum prices`.

gatum send --to 380957225759 --from Verify "Your OTP is 42488"
gatum sms list --state DELIVRD --period "2023-07-01 00:00:00 - 2023-07-31 23:59:59" --json
gatum prices --kind country --iso UA
"""

from __future__ import annotations

import sys
from typing import Any

import click

from ._paging import all_pages
from ._session import SENDER_ID_HELP, Session, api_command, ledger_option

SMS_TYPES = click.Choice(["sms", "hlr", "mnp"])


def text_argument(text: str) -> str:
    """The message text: as given, or read from stdin for `-` (the final newline of `echo` left out)."""
    if text != "-":
        return text
    read = sys.stdin.read().removesuffix("\n").removesuffix("\r")
    if not read:
        raise click.UsageError("TEXT is `-` but stdin is empty: pipe the text in, e.g. echo 'Hi' | gatum send … -")
    return read


def _send_rows(body: Any) -> Any:
    # The answer maps each number to its messages' ids: one row per message reads better.
    data = body.get("data") if isinstance(body, dict) else None
    if not isinstance(data, dict):
        return body
    return [
        {"number": number, **(entry if isinstance(entry, dict) else {"id_state": entry})}
        for number, entries in data.items()
        for entry in (entries if isinstance(entries, list) else [entries])
    ]


@click.command()
@click.option("--to", "numbers", multiple=True, required=True, help="Recipient MSISDN, digits only; repeatable.")
@click.option("--from", "sender_id", required=True, help=SENDER_ID_HELP)
@click.option("--type", "sms_type", type=SMS_TYPES, help="Message type (the platform's default: sms).")
@click.option("--lifetime", type=click.IntRange(min=1), help="Seconds to keep trying to deliver (default 86400).")
@click.option("--callback-url", help="Where this message's delivery reports are POSTed.")
@click.option("--dry-run", is_flag=True, help="Send nothing: print the encoding and parts the text takes.")
@click.option("--key", help="With --ledger: the message's key (a key already in the ledger is not sent again).")
@ledger_option
@click.argument("text")
@api_command
def send(
    session: Session,
    numbers: tuple[str, ...],
    sender_id: str,
    sms_type: str | None,
    lifetime: int | None,
    callback_url: str | None,
    text: str,
    dry_run: bool = False,
    key: str | None = None,
    ledger_url: str | None = None,
) -> None:
    """Send one SMS (billed) to one or more numbers.

    Prints the id (`id_state`) of each message, the key of its delivery reports. With --dry-run,
    prints what the text takes instead (GSM-7 or UCS-2, parts), as `gatum_rest_py.segments` counts.
    TEXT `-` reads the text from stdin (`echo "Your OTP is 42488" | gatum send --to … --from … -`).
    """
    text = text_argument(text)
    if dry_run:
        session.out.emit(_dry_run(text, len(numbers)), title="Dry run: nothing sent")
        return
    if ledger_url:  # recorded before it leaves; prints the message's key with the answer
        from ._ledger import send_through_ledger  # the ledger is imported only when used

        arguments = {"numbers": list(numbers), "sender_id": sender_id, "text": text, "sms_type": sms_type}
        send_through_ledger(session, ledger_url, key, {**arguments, "lifetime": lifetime, "callback_url": callback_url})
        return
    body = session.call(
        session.api.send_sms,
        numbers=list(numbers),
        sender_id=sender_id,
        text=text,
        sms_type=sms_type,
        lifetime=lifetime,
        callback_url=callback_url,
    )
    if session.out.as_json:
        session.out.emit(body)
    else:
        session.out.emit(_send_rows(body), title="Sent")


def _dry_run(text: str, recipients: int) -> dict[str, Any]:
    from .. import segments  # the campaigns' calculator, loaded only for a dry run

    shape = segments(text)
    first = {"character": shape.first_ucs2, "index": shape.first_ucs2_index} if shape.first_ucs2 else None
    return {
        "recipients": recipients,
        "encoding": shape.encoding,
        "units": shape.units,
        "parts": shape.parts,
        "total_parts": shape.parts * recipients,
        "first_ucs2": first,
    }


@click.command()
@api_command
def me(session: Session) -> None:
    """The account: login, name, balance and currency."""
    body = session.call(session.api.account_info)
    session.out.emit(body if session.out.as_json else body.get("data", body), title="Account")


@click.group()
def sms() -> None:
    """Sent messages and their delivery states."""


@sms.command("list")
@click.option("--mcc", type=int, help="Mobile country code.")
@click.option("--mnc", type=int, help="Mobile network code.")
@click.option("--sender", help="Sender ID the messages were sent with.")
@click.option("--phone", multiple=True, help="Recipient number; repeatable.")
@click.option("--group", "id_base", type=int, multiple=True, help="Contact group id; repeatable.")
@click.option("--period", "time_period", help='"YYYY-MM-DD HH:MM:SS - YYYY-MM-DD HH:MM:SS".')
@click.option("--type", "type_sms", type=SMS_TYPES, help="Message type.")
@click.option("--state", multiple=True, help="Delivery state to keep (e.g. DELIVRD); repeatable.")
@click.option("--page-size", type=click.IntRange(min=1), default=100, show_default=True, help="Records per request.")
@click.option("--max-pages", type=click.IntRange(min=1), default=100, show_default=True, help="Give up after this.")
@api_command
def sms_list(
    session: Session,
    mcc: int | None,
    mnc: int | None,
    sender: str | None,
    phone: tuple[str, ...],
    id_base: tuple[int, ...],
    time_period: str | None,
    type_sms: str | None,
    state: tuple[str, ...],
    page_size: int,
    max_pages: int,
) -> None:
    """Records of sent SMS matching the filters, every page; `--json` prints them as one list."""

    def fetch(page: int) -> Any:
        return session.call(
            session.api.sms_full_data,
            mcc=mcc,
            mnc=mnc,
            sender_id=sender,
            phone=list(phone) or None,
            id_base=list(id_base) or None,
            time_period=time_period,
            type_sms=type_sms,
            state=list(state) or None,
            limit=page_size,
            offset=page,
        )

    records = all_pages(fetch, page_size=page_size, max_pages=max_pages, what="sms list")
    session.out.emit(records, title="Messages")


PRICE_KINDS = {"account": "account_price", "product": "product_price", "country": "country_price"}


@click.command()
@click.option(
    "--kind",
    type=click.Choice(list(PRICE_KINDS)),
    default="account",
    show_default=True,
    help="account: your prices; product: the platform's list; country: per country.",
)
@click.option("--iso", help="Country code (e.g. UA), or 'full' for every country.")
@click.option("--mcc", type=int, help="Mobile country code.")
@click.option("--mnc", type=int, help="Mobile network code (not with --kind country).")
@api_command
def prices(session: Session, kind: str, iso: str | None, mcc: int | None, mnc: int | None) -> None:
    """Prices per country and network."""
    filters: dict[str, Any] = {"iso": iso, "mcc": mcc}
    if mnc is not None:
        if kind == "country":
            raise click.UsageError("--mnc does not apply to --kind country")
        filters["mnc"] = mnc
    body = session.call(getattr(session.api, PRICE_KINDS[kind]), **filters)
    session.out.emit(body if session.out.as_json else body.get("data", body), title=f"Prices ({kind})")
