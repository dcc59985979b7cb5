"""Delivery-report bodies: decode, judge each report on its own, build the acknowledgement.

A body that is not a JSON array cannot be understood at all (400). Inside the array each report
is judged alone: one with a usable `id_state` becomes a `DeliveryReport` with every other field
kept as sent; any other item is logged and skipped, so it is not acknowledged and the platform
delivers it again (after its 5 attempts it is dropped by the platform, not silently by us).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from typing import Any

from gatum_client.models import DeliveryReport
from gatum_client.types import Unset

from .._exceptions import WebhookPayloadError

__all__ = ["ack_id", "acknowledgement", "dedupe_key", "parse_delivery_reports", "part_of", "split_delivery_reports"]

logger = logging.getLogger("gatum_rest_py.webhooks")


def ack_id(value: object) -> str | None:
    """The acknowledgement text of an `id_state`, or None when it is not a usable one.

    An integer becomes its decimal text (598933232 → "598933232"); a non-empty string is kept
    exactly as sent ("4c43afb8-…" stays "4c43afb8-…", "007" stays "007"). A float that is a whole
    number (598933232.0, as some JSON encoders write integers) counts as that integer: JSON Schema
    calls it an integer, and acknowledging "598933232.0" would never match the platform's id.
    Booleans, other floats, empty strings, null, arrays and objects are not ids.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str) and value:
        return value
    return None


def dedupe_key(report: DeliveryReport) -> str:
    """The deduplication key of a report: its (`id_state`, `state`) pair, and its part when it is
    one part of several, as compact JSON.

    Each state of a message is its own report (`ENROUTE`, then `DELIVRD`), so each reaches the
    callback once; the same state delivered again does not. The id part is the acknowledgement
    text (598933232 and "598933232" are the same message); a missing `state` and a `null` one
    are the same. Example: `dedupe_key(report) == '["598933232","DELIVRD"]'`.

    The platform may report a multipart message under one `id_state`, one report per part
    (`part_no` of `num_parts`): such a report (a `part_no` with `num_parts` > 1, or a `part_no`
    above 1) has its part number in the key, `'["598933232","DELIVRD",2]'`, so that part 2 is
    not taken for a repeat of part 1. A single-part report keeps the pair, the key of earlier
    releases, so that keys already in a shared store still match.
    """
    state = None if isinstance(report.state, Unset) else report.state
    part = part_of(report)
    key = [ack_id(report.id_state), state] if part is None else [ack_id(report.id_state), state, part]
    return json.dumps(key, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def part_of(report: DeliveryReport) -> int | None:
    """The report's `part_no` when it is one part of several (`num_parts` > 1, or `part_no` > 1);
    None for a single-part report, or a part number that is not a positive whole number."""
    part, parts = _count(report.part_no), _count(report.num_parts)
    return part if part is not None and (part > 1 or (parts is not None and parts > 1)) else None


def _count(value: object) -> int | None:
    """A positive whole number as sent (2, "2", 2.0), else None: an odd value is tolerated, not judged."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, str) and value.strip().isdecimal():
        try:
            value = int(value)
        except ValueError:  # more digits than int() takes: no part number anyone sends
            return None
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    return None


def _decode(body: bytes | bytearray | str | list[Any]) -> list[Any]:
    data: Any = body
    if isinstance(body, (bytes, bytearray, str)):
        try:
            data = json.loads(body)
        except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
            raise WebhookPayloadError(f"delivery-report body is not JSON: {exc}") from None
    if not isinstance(data, list):
        raise WebhookPayloadError(f"delivery-report body must be a JSON array of reports; got {_json_type(data)}")
    return data


def split_delivery_reports(body: bytes | bytearray | str | list[Any]) -> tuple[list[DeliveryReport], list[str]]:
    """(the usable reports, why each other item was skipped) of a webhook body.

    Raises WebhookPayloadError only when the body is not JSON or not an array. Skipped items are
    described by their index and what was wrong, never by their content.
    """
    reports: list[DeliveryReport] = []
    skipped: list[str] = []
    for index, item in enumerate(_decode(body)):
        if not isinstance(item, dict):
            skipped.append(f"[{index}]: a report must be a JSON object; got {_json_type(item)}")
            continue
        if "id_state" not in item or item["id_state"] is None:
            skipped.append(f"[{index}]: no id_state")
            continue
        value = item["id_state"]
        if ack_id(value) is None:
            skipped.append(f"[{index}]: id_state is not an integer or a non-empty string; got {_json_type(value)}")
            continue
        if isinstance(value, float):  # a whole number, see ack_id
            item = {**item, "id_state": int(value)}
        reports.append(DeliveryReport.from_dict(item))
    return reports, skipped


def parse_delivery_reports(body: bytes | bytearray | str | list[Any]) -> list[DeliveryReport]:
    """The usable reports of a webhook body (raw JSON, or the already decoded list).

    Every JSON object with an `id_state` (integer or non-empty string) becomes a `DeliveryReport`;
    all other fields are kept exactly as sent, unknown ones in `additional_properties`. Other items
    are logged (index and reason) and left out. A body that is not JSON or not an array raises
    WebhookPayloadError; `[]` gives `[]`::

        reports = parse_delivery_reports(b'[{"id_state": 598933232, "state": "DELIVRD"}, {"state": "x"}]')
        assert [r.id_state for r in reports] == [598933232]   # the second one is logged and skipped
    """
    reports, skipped = split_delivery_reports(body)
    for reason in skipped:
        logger.warning("delivery report %s; skipped, not acknowledged", reason)
    return reports


def acknowledgement(reports_or_ids: Iterable[DeliveryReport | int | str]) -> list[str]:
    """The acknowledgement body for these reports (or `id_state` values): ["598933232", …].

    Integers become decimal text, strings are kept as sent; order is kept and repeats dropped.
    Raises ValueError for anything that is not an id (see `ack_id`).
    """
    ack: dict[str, None] = {}
    for item in reports_or_ids:
        value = item.id_state if isinstance(item, DeliveryReport) else item
        text = ack_id(value)
        if text is None:
            raise ValueError(f"not an id_state: {value!r}")
        ack[text] = None
    return list(ack)


def _json_type(value: Any) -> str:
    names = {bool: "boolean", int: "integer", float: "number", str: "string", list: "array", dict: "object"}
    return "null" if value is None else names.get(type(value), type(value).__name__)
