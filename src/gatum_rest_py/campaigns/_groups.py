"""A campaign to contact groups, through the platform's own sending window (`POST /v1/send-bulk`).

    window = SendWindow.parse("09:00-20:00", "Europe/Kyiv")
    bulk_window(now, at=None, window=window).fields()
    # {'dateStart': '2026-12-05', 'timeStart': '07:00', 'timeStop': '18:00'}   (Kyiv is UTC+2 in winter)
    sent = send_to_groups(api, None, [12, 13], "Shop", "Hi #first_name#", window=window, ledger=ledger)

The platform holds the messages until the window opens and replaces `#first_name#` and `#number#`
per contact; its answer names no message, so the whole send is one ledger message,
`<campaign>:groups`, whose `numbers` are the extra `phone` numbers (often none) and whose options
hold the groups and the window. It is recorded and claimed before the request leaves, and the
answer recorded: `sent`, `refused`, or `in_doubt` when the outcome is unknown. A group send in
doubt stays in doubt: the platform's records (`sms_full_data`) do not say which send they came
from, so `Outbox.reconcile()` neither finds nor resends it (look it up in the platform's panel).
One left `planned` (a crash between its plan and its claim) is sent as recorded by
`resume_group_send` (`gatum campaign resume ID`).

The window is said in GMT+0 (`dateStart`, `timeStart`, `timeStop`): the window's local times on
the day it next opens (from `at`, or from now) are converted to UTC. A window that crosses
midnight in UTC cannot be said with one day and is refused (how the platform reads a `timeStart`
after its `timeStop` is not documented). `at` without a window: from `at` to 23:59 UTC that day
(our choice: the API has no start without an end of day).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from .._exceptions import APIError, InvalidRequestError
from .._numbers import msisdns
from .._validation import validate_body
from ._errors import CampaignInputError
from ._plan import check_sender
from ._schedule import SendWindow

if TYPE_CHECKING:
    from .._facade import GatumRESTAPI
    from ..ledger import Ledger

__all__ = [
    "BulkWindow",
    "GroupSendResult",
    "bulk_window",
    "check_group_send",
    "group_send_key",
    "plan_group_send",
    "resume_group_send",
    "send_to_groups",
]

END_OF_DAY = "23:59"
"""`timeStop` of a send with `at` and no window, and of a window that ends at midnight UTC."""

_NAMES = {"senderID": "--from", "text": "--text", "id_group": "GROUP_ID", "id_group_excluded": "--exclude-group"}
_NAMES |= {"phone": "--phone", "dateStart": "--at", "timeStart": "--at", "timeStop": "--between"}


@dataclass(frozen=True)
class BulkWindow:
    """The send-bulk window fields: the day (`date_start`) and the times of day in UTC; None: not sent."""

    date_start: str | None = None
    time_start: str | None = None
    time_stop: str | None = None

    def fields(self) -> dict[str, str]:
        """The fields as the request names them (`dateStart`, `timeStart`, `timeStop`), those given."""
        named = {"dateStart": self.date_start, "timeStart": self.time_start, "timeStop": self.time_stop}
        return {name: value for name, value in named.items() if value is not None}

    def arguments(self) -> dict[str, str | None]:
        """The fields as `GatumRESTAPI.send_bulk` takes them."""
        return {"date_start": self.date_start, "time_start": self.time_start, "time_stop": self.time_stop}


def _minute_up(moment: datetime) -> datetime:
    """`moment` in UTC, rounded up to the minute (the fields say HH:MM: never before `at`)."""
    utc = moment.astimezone(timezone.utc)
    whole = utc.replace(second=0, microsecond=0)
    return whole if whole == utc else whole + timedelta(minutes=1)


def _local_window(window: SendWindow, opening: datetime) -> tuple[datetime, datetime]:
    """The start and end (aware) of the window's stretch that is open at `opening`."""
    end = window.closes_at(opening)
    day: date = end.astimezone(window.zone).date()
    if not window.start < window.end:  # runs past local midnight: it opened the day before it closes
        day -= timedelta(days=1)
    return datetime.combine(day, window.start, tzinfo=window.zone), end


def bulk_window(now: datetime, at: datetime | None = None, window: SendWindow | None = None) -> BulkWindow:
    """The send-bulk fields for a send from `at` (None: now) inside `window` (see the module docstring).

    CampaignInputError: a window that never opens, or one that crosses midnight in UTC.
    """
    if window is None:
        if at is None:
            return BulkWindow()
        start = _minute_up(max(now, at))
        return BulkWindow(f"{start:%Y-%m-%d}", f"{start:%H:%M}", END_OF_DAY)
    if window.start == window.end:
        raise CampaignInputError(
            f"--between {window} never opens: its start and end are the same time",
            argument="--between",
            rule="a window whose start differs from its end",
        )
    opening = window.next_open(max(now, at) if at is not None else now)
    local_start, local_end = _local_window(window, opening)
    start = local_start.astimezone(timezone.utc)
    if at is not None and at > local_start:  # `at` falls inside the window: start then, not at its opening
        start = _minute_up(at)
    end = local_end.astimezone(timezone.utc)
    at_midnight = end.time() == datetime.min.time()  # ends at 24:00 UTC: said as 23:59 of its day
    last = end - timedelta(minutes=1) if at_midnight else end
    if last.date() != start.date():
        raise CampaignInputError(
            f"--between {window} is {start:%H:%M}-{end:%H:%M} UTC: it crosses midnight in UTC, which one "
            "send-bulk day cannot say; choose a window that ends by 00:00 UTC",
            argument="--between",
            rule="a window that does not cross midnight in UTC",
        )
    stop = END_OF_DAY if at_midnight else f"{end:%H:%M}"
    return BulkWindow(f"{start:%Y-%m-%d}", f"{start:%H:%M}", stop)


def check_group_send(
    groups: Sequence[int],
    sender_id: str,
    text: str,
    *,
    exclude: Sequence[int] = (),
    phones: Sequence[str] = (),
    fields: BulkWindow | None = None,
) -> dict[str, Any]:
    """The send-bulk request body (wire names), checked against the spec: CampaignInputError if not."""
    if not groups:
        raise CampaignInputError("no group to send to: give one or more group ids", argument="GROUP_ID", rule="ids")
    if not text.strip():
        raise CampaignInputError("--text is empty: nothing to send", argument="--text", rule="a non-empty text")
    check_sender(sender_id)
    body: dict[str, Any] = {"senderID": sender_id, "text": text, "id_group": list(groups)}
    if exclude:
        body["id_group_excluded"] = list(exclude)
    if phones:
        body["phone"] = msisdns(list(phones))
    body |= (fields or BulkWindow()).fields()
    try:
        validate_body("send_bulk", "SendBulkRequest", body, _NAMES)
    except InvalidRequestError as exc:
        raise CampaignInputError(str(exc), argument=exc.argument, rule=exc.rule) from None
    return body


@dataclass(frozen=True)
class GroupSendResult:
    """What came of a group send: `state` sent, refused or in_doubt (or the state a ledger holds already)."""

    state: str
    body: dict[str, Any]
    campaign: str | None = None
    key: str | None = None
    answer: Any = None
    detail: str | None = None
    error: Exception | None = field(default=None, repr=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "campaign": self.campaign,
            "key": self.key,
            "state": self.state,
            "request": self.body,
            "answer": self.answer,
            "detail": self.detail,
        }


IN_DOUBT = (
    "a group send (send-bulk) whose outcome is unknown: the platform's records do not name the send, so "
    "reconcile leaves it in doubt; check the platform's panel before sending again"
)


def _outcome_of(exc: Exception) -> tuple[str, str]:
    """(result, detail) of a failed send-bulk request: refused when it surely did not go out
    (`outcome_unknown` is the package's one rule for that: a 5xx or a request that may have left)."""
    line = " ".join(f"{type(exc).__name__}: {exc}".split())[:240]
    if isinstance(exc, APIError) and exc.outcome_unknown:
        return "in_doubt", f"{IN_DOUBT} ({line})"[:300]
    # not sent (refused, or no connection at all): `refused`, the ledger's word for "safe to send
    # again after a fix" (a planned group send is claimed only by its own key: nothing would send it)
    return "refused", line


def _post(
    api: GatumRESTAPI, access_token: str | None, body: dict[str, Any]
) -> tuple[str, Any, str | None, Exception | None]:
    """(result, answer, detail, error) of one send-bulk request; KeyboardInterrupt passes through."""
    try:
        response = api.send_bulk(
            access_token,
            body["senderID"],
            body["text"],
            body["id_group"],
            body.get("id_group_excluded"),
            body.get("dateStart"),
            body.get("timeStart"),
            body.get("timeStop"),
            body.get("phone"),
        )
        response.raise_for_status()
        answer = response.json()
    except Exception as exc:  # every failure is an outcome to record
        result, detail = _outcome_of(exc)
        return result, getattr(exc, "json_body", None), detail, exc
    return "sent", answer, None, None


def send_to_groups(
    api: GatumRESTAPI,
    access_token: str | None,
    groups: Sequence[int],
    sender_id: str,
    text: str,
    *,
    exclude: Sequence[int] = (),
    phones: Sequence[str] = (),
    at: datetime | None = None,
    window: SendWindow | None = None,
    ledger: Ledger | None = None,
    campaign: str | None = None,
    now: datetime | None = None,
) -> GroupSendResult:
    """Send `text` to the contacts of `groups` (not of `exclude`; and to `phones`) in the platform's window.

    Everything is checked before anything is sent (CampaignInputError). With a `ledger`, the
    send is recorded as the message `<campaign>:groups` first (a campaign id is made when none is
    given) and its outcome after; a campaign whose message is in the ledger already is not sent
    again (its recorded state comes back). Ctrl-C during the request: recorded in doubt, re-raised.
    """
    fields = bulk_window(now or datetime.now(timezone.utc), at, window)
    body = check_group_send(groups, sender_id, text, exclude=exclude, phones=phones, fields=fields)
    if ledger is None:
        result, answer, detail, error = _post(api, access_token, body)
        return GroupSendResult(result, body, answer=answer, detail=detail, error=error)
    from ._send import new_campaign_id

    campaign = campaign or new_campaign_id()
    state = plan_group_send(ledger, campaign, body, at, window)
    return _send_planned(api, access_token, ledger, campaign, body, state)


def plan_group_send(
    ledger: Ledger, campaign: str, body: dict[str, Any], at: datetime | None, window: SendWindow | None
) -> str:
    """Record a checked send-bulk `body` as the message `<campaign>:groups` (and the campaign's
    settings); its state (`planned`, or what the ledger holds already for that campaign)."""
    from ..ledger import NewMessage

    _record_settings(ledger, campaign, body["senderID"], at, window)
    options = {name: body[name] for name in _RECORDED if name in body}
    phones = tuple(body.get("phone", ()))
    message = NewMessage(group_send_key(campaign), phones, body["senderID"], body["text"], options, campaign)
    [(_, state)] = ledger.plan([message])
    return state


def resume_group_send(
    api: GatumRESTAPI, access_token: str | None, ledger: Ledger, campaign: str
) -> GroupSendResult | None:
    """The group send of `campaign`, if it has one (None if not): sent now, exactly as recorded,
    if it is still `planned` (a crash between its plan and its claim left it so); else its
    recorded state, and nothing is sent."""
    message = ledger.get(group_send_key(campaign))
    if message is None:
        return None
    body: dict[str, Any] = {"senderID": message.sender_id, "text": message.text}
    # in check_group_send's order: the groups, the phones, the window
    body |= {name: message.options[name] for name in _RECORDED[:2] if name in message.options}
    if message.numbers:
        body["phone"] = list(message.numbers)
    body |= {name: message.options[name] for name in _RECORDED[2:] if name in message.options}
    return _send_planned(api, access_token, ledger, campaign, body, message.state)


_RECORDED = ("id_group", "id_group_excluded", "dateStart", "timeStart", "timeStop")
"""The send-bulk fields a group send keeps in its options (the sender, text and phones have columns)."""


def group_send_key(campaign: str) -> str:
    """The ledger key of `campaign`'s group send."""
    return f"{campaign}:groups"


def _send_planned(
    api: GatumRESTAPI, access_token: str | None, ledger: Ledger, campaign: str, body: dict[str, Any], state: str
) -> GroupSendResult:
    """Claim the recorded group send (if still `planned`), send it once, record what came of it."""
    from ..ledger import Claimed, Outcome
    from ..ledger._sending import worker_name

    key = group_send_key(campaign)
    claimed: list[Claimed] = ledger.claim(1, worker=worker_name(), keys=[key]) if state == "planned" else []
    if not claimed:
        recorded = ledger.get(key)
        kept = "already in the ledger: not sent again"
        return GroupSendResult(recorded.state if recorded else state, body, campaign, key, detail=kept)
    try:
        result, answer, detail, error = _post(api, access_token, body)
    except BaseException:
        ledger.record_outcomes([Outcome(key, claimed[0].attempt, "in_doubt", {}, f"{IN_DOUBT} (interrupted)")])
        raise
    ledger.record_outcomes([Outcome(key, claimed[0].attempt, result, {}, detail)])
    return GroupSendResult(result, body, campaign, key, answer, detail, error)


def _record_settings(
    ledger: Ledger, campaign: str, sender: str, at: datetime | None, window: SendWindow | None
) -> None:
    from ..ledger import CampaignSettings, record_campaign_settings

    between = f"{window.start:%H:%M}-{window.end:%H:%M}" if window is not None else None
    record_campaign_settings(
        ledger,
        CampaignSettings(
            campaign,
            sender,
            rate=1.0,  # one request: the platform paces the messages itself
            batch_size=1,
            between=between,
            timezone=str(window.zone) if window is not None else None,
            at=at.timestamp() if at is not None else None,
        ),
    )
