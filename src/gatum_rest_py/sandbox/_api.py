"""The 22 operations of the spec, on the sandbox's state. Bodies arrive already checked
against the spec's request schemas; each handler answers `(HTTP status, JSON body)` in the
spec's envelopes.

Example:
    api = SandboxAPI(Store(), SandboxConfig())
    status, body = api.authorize(None, {"username": "alice", "password": "x"})
"""

from __future__ import annotations

import calendar
import hmac
import time
from collections.abc import Callable
from typing import Any

from ._config import SandboxConfig
from ._delivery import Deliveries, report_of
from ._requests import as_id, bounded, number_list
from ._sms import PRICES, outcome_for, part_price, price_for, split_parts
from ._store import Store

Reply = tuple[int, Any]
Handler = Callable[[str | None, Any], Reply]

DEFAULT_LIFETIME = 86400
MAX_LIFETIME = 7 * 86400  # a longer lifetime is cut to a week: nobody waits for it in a sandbox
DEFAULT_RECORDS = 100  # sms-full-data page size when `limit` is absent or null
RECENT_DAYS = 7  # sms-full-data without `time_period` shows this many days
BAD_CREDENTIALS = "Incorrect username or password."
GROUP_NOT_FOUND = "Group not found."
CODE_NOT_VALID = "The authorization code is unknown, used or expired."
LOGIN_TAKEN = "This login is already taken."
NOT_REGISTERED_SENDER = "not_registr_originator"
BLACK_LISTED = "black_listed_number"
# The platform's blocked-SMS codes (gatum.io "Blocking SMS sending: reasons"); how /v1/send
# answers them is not published (*assumed*: left out of `data`, a 400 when nothing was sent).
NO_MONEY = "no_money"
PHONE_IN_BLACK_LIST = "phone_in_black_list"


def ok(data: Any) -> Reply:
    return 200, {"status": True, "data": data}


def refused(field: str, message: str) -> Reply:
    return 400, {"status": False, "error_code": 400, "errors": {field: [message]}}


UNAUTHORIZED: Reply = (401, {"status": False, "error_code": 401, "errors": "unauthorized"})
# *assumed*: no 429 body is published; the envelope of the other errors.
TOO_MANY_REQUESTS: Reply = (429, {"status": False, "error_code": 429, "errors": "too_many_requests"})
SEND_FAILED: Reply = (500, {"status": False, "error_code": 500, "errors": "internal_error"})


class SandboxAPI:
    """Handlers named after the spec's operationIds (snake_case); `login` is None for the
    operations that need no token."""

    def __init__(self, store: Store, config: SandboxConfig, deliveries: Deliveries | None = None) -> None:
        self.store = store
        self.config = config
        self.deliveries = deliveries
        self.limited_once: set[tuple[str, str]] = set()  # (login, number) the magic 429-once number refused
        self.add_users()

    def add_users(self) -> None:
        """The accounts of `config.users` (again after a reset)."""
        for login, password in (self.config.users or {}).items():
            self.store.ensure_account(
                login, password, balance=self.config.starting_balance, currency=self.config.currency
            )

    def handler(self, operation_id: str) -> Handler:
        name = "".join(f"_{c.lower()}" if c.isupper() else c for c in operation_id)
        return getattr(self, name)  # type: ignore[no-any-return]

    # ---- auth and account ----------------------------------------------------------------
    def authorize(self, login: str | None, body: Any) -> Reply:
        username, password = body["username"], body["password"]
        if self.config.users is None:
            self.store.ensure_account(
                username, password, balance=self.config.starting_balance, currency=self.config.currency
            )
        else:
            account = self.store.account(username)
            if account is None or not hmac.compare_digest(account["password"].encode(), password.encode()):
                return refused("password", BAD_CREDENTIALS)
        return ok({"authorization_code": self.store.new_code(username, self.config.code_ttl)})

    def access_token(self, login: str | None, body: Any) -> Reply:
        owner = self.store.take_code(body["authorization_code"])
        if owner is None:
            return refused("authorization_code", CODE_NOT_VALID)
        token, expires_at = self.store.new_token(owner, self.config.token_ttl)
        return ok({"access_token": token, "expires_at": expires_at})

    def logout(self, login: str | None, body: Any, token: str = "") -> Reply:
        self.store.drop_token(token)
        return ok([])

    def account_info(self, login: str | None, body: Any) -> Reply:
        account = self.store.account(login or "") or {}
        fields = ("login", "name", "email", "phone", "company_name", "balance", "currency")
        return ok({name: account.get(name) or ("" if name != "balance" else 0.0) for name in fields})

    def register_customer(self, login: str | None, body: Any) -> Reply:
        extra = {
            k: body[k] for k in ("name", "email", "phone", "company_name", "skype") if isinstance(body.get(k), str)
        }
        created = self.store.ensure_account(
            body["login"],
            body["password"],
            balance=self.config.starting_balance,
            currency=self.config.currency,
            **extra,
        )
        return ok({"login": body["login"]}) if created else refused("login", LOGIN_TAKEN)

    # ---- sending -------------------------------------------------------------------------
    def send_sms(self, login: str | None, body: Any) -> Reply:
        assert login is not None
        for message in body:
            refusal = self._refusal(login, message["senderID"], number_list(message["number"]))
            if refusal:
                return refusal
        numbers = [n for message in body for n in number_list(message["number"])]
        first_tries = [n for n in numbers if outcome_for(n).rate_limited_once and (login, n) not in self.limited_once]
        if first_tries:  # the magic 429-once number: refused once per account, nothing stored
            self.limited_once.update((login, n) for n in first_tries)
            return TOO_MANY_REQUESTS
        data: dict[str, list[dict[str, int]]] = {}
        fails = blocked = False
        for message in body:
            url = message.get("callback_url") or self.config.webhook_url
            for number in number_list(message["number"]):
                outcome = outcome_for(number)
                ids = self._store_message(login, number, message, url=url if message.get("delivery", True) else None)
                if ids is None:
                    blocked = True
                    continue
                data.setdefault(number, []).extend({"id_state": i} for i in ids)
                fails = fails or outcome.send_fails
        if blocked and not data:
            return refused("number", NO_MONEY)
        return SEND_FAILED if fails else ok(data)

    def send_bulk(self, login: str | None, body: Any) -> Reply:
        assert login is not None
        groups = [as_id(g) for g in body["id_group"]]
        owned = self.store.own_groups(login, [g for g in groups if g is not None])
        if not all(g in owned for g in groups):
            return refused("id_group", GROUP_NOT_FOUND)
        groups_ = sorted(owned)
        if not self.config.sender_registered(body["senderID"]):
            return refused("senderID", NOT_REGISTERED_SENDER)
        excluded_ids = [i for g in body.get("id_group_excluded", []) if (i := as_id(g)) is not None]
        excluded = {c["number"] for c in self.store.contacts(self.store.own_groups(login, excluded_ids))}
        recipients = {c["number"]: c for c in self.store.contacts(groups_)}
        recipients.update({n: {"number": n} for n in number_list(body.get("phone", [])) if n not in recipients})
        listed = set(self.store.black_listed(login, recipients))
        for number, contact in recipients.items():
            if number in excluded or number in listed:  # black-listed group members are skipped, not refused
                continue
            text = body["text"].replace("#first_name#", str(contact.get("name", ""))).replace("#number#", number)
            message = {"senderID": body["senderID"], "text": text, **_bulk_start(body)}
            self._store_message(login, number, message, url=self.config.webhook_url, id_group=groups_[0])
        return ok([])

    def _refusal(self, login: str, sender: str, numbers: list[str]) -> Reply | None:
        if not self.config.sender_registered(sender):
            return refused("senderID", NOT_REGISTERED_SENDER)
        listed = self.store.black_listed(login, numbers)
        for number in listed:  # shown on the inbox as the panel's Blocked SMS shows them
            self.store.block(login, number, sender, "", PHONE_IN_BLACK_LIST)
        return refused("number", f"{BLACK_LISTED}: {', '.join(listed)}") if listed else None

    def _store_message(
        self, login: str, number: str, message: dict[str, Any], *, url: str | None, id_group: int | None = None
    ) -> list[int] | None:
        """Store the parts of a message to one number and start its scenario; None: blocked (no money)."""
        parts = split_parts(message["text"])
        price = part_price(number)
        if self.config.enforce_balance and price * len(parts) > (self.store.account(login) or {}).get("balance", 0.0):
            # gatum.io: a send the balance does not cover is blocked `no_money`, not charged; over the
            # REST API it is dropped (the "Waiting SMS" list holds only sends made in the web panel).
            self.store.block(login, number, message["senderID"], message["text"], NO_MONEY)
            return None
        now = self.store.clock.now()
        start = max(now, _send_time(message, now))
        ids = [
            self.store.add_message(
                login=login, phone=number, originator=message["senderID"], type_sms=message.get("type", "sms"),
                text_sms=message["text"], part_text=part, num_parts=len(parts), part_no=no, state="ACCEPTD",
                time=self.store.now_text(), created=now, callback_url=url, id_group=id_group, price=price,
                send_at=start if start > now else None,
            )
            for no, part in enumerate(parts, start=1)
        ]  # fmt: skip
        self.store.charge(login, price * len(parts))
        lifetime = min(int(message.get("lifetime", DEFAULT_LIFETIME)), MAX_LIFETIME)
        if self.deliveries is not None:
            self.deliveries.schedule(ids, outcome_for(number), lifetime=lifetime, url=url, start=start)
        return ids

    # ---- reading what was sent -----------------------------------------------------------
    def sms_full_data(self, login: str | None, body: Any) -> Reply:
        assert login is not None
        where: list[tuple[str, list[Any]]] = []
        for field, column in (("phone", "phone"), ("state", "state"), ("id_base", "id_group")):
            if field in body:
                values = number_list(body[field]) if field == "phone" else [str(v) for v in body[field]]
                if not values:
                    continue
                where.append((f"CAST({column} AS TEXT) IN ({', '.join('?' * len(values))})", values))
        for field, column in (("sender", "originator"), ("type_sms", "type_sms")):
            if field in body:
                where.append((f"{column} = ?", [body[field]]))
        period = _period(body.get("time_period"), self.store.clock.now())
        if period is None:
            return ok([])
        where.append(("created BETWEEN ? AND ?", list(period)))
        rows = [row for row in self.store.find_messages(login, where) if _network_matches(row["phone"], body)]
        limit = bounded(body.get("limit"), DEFAULT_RECORDS) or DEFAULT_RECORDS
        offset = bounded(body.get("offset", 0), 0) * limit
        return ok([report_of(row) for row in rows[offset : offset + limit]])

    def replacement(self, login: str | None, body: Any) -> Reply:
        return ok(
            {number: {"senderID": body["senderID"], "text": body["text"]} for number in number_list(body["number"])}
        )

    # ---- groups --------------------------------------------------------------------------
    def list_groups(self, login: str | None, body: Any) -> Reply:
        assert login is not None
        limit = bounded(body.get("limit", 10), 10)
        id_group = as_id(body["id_group"]) if "id_group" in body else None
        if "id_group" in body and id_group is None:
            return ok([])
        return ok(self.store.groups(login, id_group, limit, bounded(body.get("offset", 0), 0) * limit))

    def create_group(self, login: str | None, body: Any) -> Reply:
        assert login is not None
        settings = {k: body[k] for k in ("time_birth", "originator_birth", "text_birth", "on_birth") if k in body}
        return ok({"id_group": self.store.create_group(login, body["name_group"], settings)})

    def delete_groups(self, login: str | None, body: Any) -> Reply:
        assert login is not None
        self.store.delete_groups(login, [i for g in body["id_group"] if (i := as_id(g)) is not None])
        return ok([])

    def group_number_add(self, login: str | None, body: Any) -> Reply:
        id_group = self._own_group(login, body)
        if id_group is None:
            return refused("id_group", GROUP_NOT_FOUND)
        self.store.add_contacts(id_group, body["numbers"])
        return ok([])

    def group_number_search(self, login: str | None, body: Any) -> Reply:
        id_group = self._own_group(login, body)
        return ok([] if id_group is None else self.store.contacts([id_group], number_list(body["numbers"])))

    def group_number_delete(self, login: str | None, body: Any) -> Reply:
        id_group = self._own_group(login, body)
        if id_group is None:
            return refused("id_group", GROUP_NOT_FOUND)
        self.store.delete_contacts(id_group, number_list(body["numbers"]))
        return ok([])

    def _own_group(self, login: str | None, body: Any) -> int | None:
        id_group = as_id(body["id_group"])
        return id_group if id_group is not None and self.store.own_groups(login or "", [id_group]) else None

    # ---- black list ----------------------------------------------------------------------
    def black_list_add(self, login: str | None, body: Any) -> Reply:
        self.store.black_list_add(login or "", number_list(body["numbers"]))
        return ok([])

    def black_list_search(self, login: str | None, body: Any) -> Reply:
        return ok([int(n) for n in self.store.black_listed(login or "", number_list(body["numbers"]))])

    def black_list_delete(self, login: str | None, body: Any) -> Reply:
        self.store.black_list_delete(login or "", number_list(body["numbers"]))
        return ok([])

    # ---- prices --------------------------------------------------------------------------
    def product_price(self, login: str | None, body: Any) -> Reply:
        return ok(self._prices(body, per_operator=True))

    account_price = product_price  # every sandbox account pays list prices

    def country_price(self, login: str | None, body: Any) -> Reply:
        return ok(self._prices(body, per_operator=False))

    def country_by_continent(self, login: str | None, body: Any) -> Reply:
        continents: dict[str, list[dict[str, Any]]] = {}
        for row in PRICES:
            continents.setdefault(row.continent, []).append({"ISO": row.iso, "country": row.country, "MCC": row.mcc})
        return ok(continents)

    def _prices(self, body: Any, *, per_operator: bool) -> list[dict[str, Any]]:
        iso = str(body.get("ISO", "full")).upper()
        found = []
        for row in PRICES:
            if iso != "FULL" and row.iso != iso:
                continue
            if body.get("MCC", row.mcc) != row.mcc or (per_operator and body.get("MNC", row.mnc) != row.mnc):
                continue
            entry: dict[str, Any] = {"ISO": row.iso, "country": row.country, "MCC": row.mcc}
            if per_operator:
                entry.update(MNC=row.mnc, operator=row.operator)
            found.append({**entry, "price": row.price, "currency": self.config.currency})
        return found


def _bulk_start(body: dict[str, Any]) -> dict[str, str]:
    """send-bulk's window start as `/v1/send`'s `beginDate`/`beginTime` (a day without a time: its
    midnight), so a group's messages wait on the sandbox clock as a scheduled send does. `timeStop`
    is not modelled: messages that waited go out when the window opens."""
    if body.get("dateStart") is None and body.get("timeStart") is None:
        return {}
    start = {"beginTime": body.get("timeStart") or "00:00"}
    return {"beginDate": body["dateStart"], **start} if body.get("dateStart") else start


def _send_time(message: dict[str, Any], now: float) -> float:
    """When a message goes out: `beginDate` (default: today) at `beginTime` (default: now), GMT+0."""
    date, clock_time = message.get("beginDate"), message.get("beginTime")
    if date is None and clock_time is None:
        return now
    day = date or time.strftime("%Y-%m-%d", time.gmtime(now))
    at = clock_time or time.strftime("%H:%M:%S", time.gmtime(now))
    if len(at) == 5:  # HH:MM
        at += ":00"
    for text in (f"{day} {at}", f"{day[:4]}-03-01 {at}"):  # 29 February of a common year (the spec accepts it): 1 March
        try:
            return float(calendar.timegm(time.strptime(text, "%Y-%m-%d %H:%M:%S")))
        except ValueError:
            continue
    return now  # a year the calendar has not (0000): long past, so at once


def _period(text: str | None, now: float) -> tuple[float, float] | None:
    """`time_period` as epoch bounds; the last RECENT_DAYS days without one; None: a period that
    matches the pattern but names no real time (nothing was sent then)."""
    if text is None:
        return now - RECENT_DAYS * 86400, now + 1
    try:
        start, end = (calendar.timegm(time.strptime(part.strip(), "%Y-%m-%d %H:%M:%S")) for part in text.split(" - "))
    except ValueError:
        return None
    return float(start), float(end) + 1  # the end second itself is included


def _network_matches(phone: str, body: dict[str, Any]) -> bool:
    if "MCC" not in body and "MNC" not in body:
        return True
    row = price_for(phone)
    return row is not None and body.get("MCC", row.mcc) == row.mcc and body.get("MNC", row.mnc) == row.mnc
