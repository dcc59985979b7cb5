"""One rule for phone numbers: written as people write them, a lone one or a list, CLI and Python alike.

Every number argument of the facade (send, sms-full-data filters, groups, black list, contacts)
goes through `gatum_rest_py._numbers.msisdn`: formatting (`+`, `00`, spaces, dashes, dots,
brackets) is removed before the request check, and a lone number is sent as a list of one.
What is not a number without its formatting is refused with a one-line message.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from gatum_rest_py import GatumRESTAPI, InvalidRequestError
from gatum_rest_py._numbers import msisdn

TOKEN = "tok-123"
DIGITS = "380957225759"


@pytest.mark.parametrize(
    "written",
    [
        "+380957225759",
        "+380 95 722-57-59",
        "00380957225759",
        "00 380 95 722 57 59",
        "380.95.722.57.59",
        "+380 (95) 722 57 59",
        "+380\u00a095\u00a0722\u201157\u201159",  # no-break spaces and non-breaking hyphens, as copied from a page
        "380/95/7225759",
    ],
)
def test_numbers_written_as_people_write_them_become_the_platforms_digits(written: str) -> None:
    assert msisdn(written) == DIGITS


@pytest.mark.parametrize(
    "kept", ["38095ABC12", "+", "", "0957225759", "call me", 380957225759, "+380 95 722 57 59 ext 2"]
)
def test_what_is_not_a_formatted_number_is_left_for_the_check(kept: Any) -> None:
    assert msisdn(kept) == kept


class Recorder:
    def __init__(self) -> None:
        self.bodies: list[Any] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.bodies.append(json.loads(request.content) if request.content else None)
        return httpx.Response(200, json={"status": True, "data": []})


@pytest.fixture
def api_and_wire() -> tuple[GatumRESTAPI, Recorder]:
    wire = Recorder()
    return GatumRESTAPI("https://api.example.test", transport=httpx.MockTransport(wire)), wire


@pytest.mark.parametrize(
    ("method", "kwargs", "sent"),
    [
        ("send_sms", {"numbers": "+380 95 722-57-59", "sender_id": "Verify", "text": "hi"}, lambda b: b[0]["number"]),
        ("send_sms", {"numbers": ["00380957225759"], "sender_id": "Verify", "text": "hi"}, lambda b: b[0]["number"]),
        ("replacement", {"numbers": "+380957225759", "sender_id": "Verify", "text": "hi"}, lambda b: b["number"]),
        ("send_bulk", {"sender_id": "V1", "text": "hi", "id_group": 7, "phone": "+380957225759"}, lambda b: b["phone"]),
        ("sms_full_data", {"phone": "+380 95 7225759"}, lambda b: b["phone"]),
        ("black_list_add", {"numbers": "+380957225759"}, lambda b: b["numbers"]),
        ("black_list_search", {"numbers": ["+380-95-722-57-59"]}, lambda b: b["numbers"]),
        ("black_list_delete", {"numbers": "00380957225759"}, lambda b: b["numbers"]),
        ("group_number_search", {"id_group": 7, "numbers": "+380957225759"}, lambda b: b["numbers"]),
        ("group_number_delete", {"id_group": 7, "numbers": "+380957225759"}, lambda b: b["numbers"]),
        (
            "group_number_add",
            {"id_group": 7, "numbers": {"number": "+380 95 722 57 59"}},
            lambda b: [c["number"] for c in b["numbers"]],
        ),
    ],
)
def test_every_number_argument_takes_one_number_or_many_as_people_write_them(
    api_and_wire: tuple[GatumRESTAPI, Recorder], method: str, kwargs: dict[str, Any], sent: Any
) -> None:
    api, wire = api_and_wire
    getattr(api, method)(TOKEN, **kwargs)
    assert sent(wire.bodies[-1]) == [DIGITS]


def test_other_list_arguments_take_a_lone_value_too(api_and_wire: tuple[GatumRESTAPI, Recorder]) -> None:
    api, wire = api_and_wire
    api.sms_full_data(TOKEN, id_base=12, state="DELIVRD")
    assert wire.bodies[-1] == {"id_base": [12], "state": ["DELIVRD"]}
    api.delete_group(TOKEN, 957)
    assert wire.bodies[-1] == {"id_group": [957]}


def test_iter_sms_full_data_with_a_lone_phone(api_and_wire: tuple[GatumRESTAPI, Recorder]) -> None:
    """The issue's example: `iter_sms_full_data(None, phone="…")` used to fail at run time."""
    api, wire = api_and_wire
    assert list(api.iter_sms_full_data(TOKEN, phone="+380957225759")) == []
    assert wire.bodies[-1]["phone"] == [DIGITS]


def test_send_messages_normalises_each_message(api_and_wire: tuple[GatumRESTAPI, Recorder]) -> None:
    api, wire = api_and_wire
    api.send_messages(TOKEN, [{"numbers": "+380 95 722 57 59", "sender_id": "Verify", "text": "a"}])
    assert wire.bodies[-1][0]["number"] == [DIGITS]


@pytest.mark.parametrize("bad", ["38095ABC12", "+", "1234567890123456"])
def test_what_cannot_be_a_number_is_refused_in_one_short_line(
    api_and_wire: tuple[GatumRESTAPI, Recorder], bad: str
) -> None:
    api, wire = api_and_wire
    with pytest.raises(InvalidRequestError) as caught:
        api.send_sms(TOKEN, ["380957225759", bad], "Verify", "hi")
    message = str(caught.value)
    assert f"numbers[1]={bad!r}" in message
    assert "digits" in message and len(message) <= 160 and "\n" not in message
    assert "README" not in message and "gatum.io" not in message  # citations stay in the spec
    assert wire.bodies == []
