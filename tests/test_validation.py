"""Input checks: the spec's own rules, applied before anything is sent."""

from __future__ import annotations

import httpx
import pytest
from gatum_client.spec_facts import SCHEMAS

from gatum_rest_py import APIConnectionError, GatumRESTAPI, InvalidRequestError


def refuse_to_send(request: httpx.Request) -> httpx.Response:
    # Raised inside the transport, so the client reports it as APIConnectionError naming it.
    raise AssertionError(f"nothing should be sent, got {request.method} {request.url}")


@pytest.fixture
def api() -> GatumRESTAPI:
    return GatumRESTAPI("https://gatum.test", transport=httpx.MockTransport(refuse_to_send))


@pytest.mark.parametrize(
    ("sender_id", "valid"),
    [
        ("Verify", True),
        ("VShop", True),
        ("A", True),
        ("Verify12345", True),  # 11 characters
        ("Verify123456", False),  # 12
        ("123", True),
        ("123456789012345", True),  # 15 digits (the vendor Python README)
        ("1234567890123456", True),  # 16 digits (the vendor's site)
        ("12345678901234567", False),  # 17 digits
        ("12", False),  # numeric IDs have at least 3 digits
        ("", False),
        ("Ver!fy", True),  # the vendor's site lists `!` among the characters
        ("Verify\n", False),  # control characters never
        ("Ver\tfy", False),
    ],
)
def test_sender_id_rule(api: GatumRESTAPI, sender_id: str, valid: bool) -> None:
    if valid:
        with pytest.raises(APIConnectionError, match="nothing should be sent"):
            api.send_sms("tok", ["380957225759"], sender_id, "hi")
    else:
        with pytest.raises(InvalidRequestError) as caught:
            api.send_sms("tok", ["380957225759"], sender_id, "hi")
        assert caught.value.argument == "sender_id"
        assert "11 characters" in caught.value.rule


@pytest.mark.parametrize(
    ("call", "argument", "fragment"),
    [
        (lambda a: a.send_sms("t", [], "Verify", "hi"), "numbers", "one or more"),
        (lambda a: a.send_sms("t", ["+38095ABC12"], "Verify", "hi"), "numbers[0]", "digits only"),
        (lambda a: a.send_sms("t", ["3809572257591234"], "Verify", "hi"), "numbers[0]", "1–15 digits"),
        (lambda a: a.send_sms("t", ["380957225759\n"], "Verify", "hi"), "numbers[0]", "digits only"),
        (lambda a: a.send_sms("t", [380957225759.0], "Verify", "hi"), "numbers[0]", "digits only"),
        (lambda a: a.send_sms("t", ["380957225759"], "Verify", "hi \ud800"), "text", "lone surrogate"),
        (lambda a: a.send_sms("t", ["380957225759"], "Verify", "hi", begin_date="2023-02-31"), "begin_date", "YYYY"),
        (lambda a: a.send_sms("t", ["380957225759"], "Verify", ""), "text", "must not be empty"),
        (lambda a: a.send_sms("t", ["380957225759"], "Verify", "hi", sms_type="fax"), "sms_type", "one of sms, hlr"),
        (lambda a: a.send_sms("t", ["380957225759"], "Verify", "hi", begin_date="2023-3-19"), "begin_date", "YYYY"),
        (lambda a: a.send_sms("t", ["380957225759"], "Verify", "hi", begin_time="25:00"), "begin_time", "HH:MM"),
        (lambda a: a.send_sms("t", ["380957225759"], "Verify", "hi", lifetime="1d"), "lifetime", "seconds"),
        (lambda a: a.delete_group("t", [True]), "id_group[0]", "expected integer"),
        (lambda a: a.sms_full_data("t", mcc=1000), "mcc", "maximum 999"),
        (lambda a: a.sms_full_data("t", time_period="yesterday"), "time_period", "YYYY-MM-DD HH:MM:SS"),
        (lambda a: a.send_bulk("t", "VShop", "x", [956], time_start="10"), "time_start", "HH:MM"),
        (lambda a: a.group_number_add("t", 956, [{"name": "No number"}]), "numbers[0].number", "required"),
        (lambda a: a.group_number_add("t", 956, [{"number": 12345678901, "male": "x"}]), "numbers[0].male", "m"),
        (lambda a: a.create_group("t", "G", time_birth="1pm"), "time_birth", "HH:MM"),
        (lambda a: a.create_group("t", "G", text_birth=True), "text_birth", "false"),
        (lambda a: a.product_price("t", iso="Ukraine"), "iso", "two-letter country code"),
    ],
)
def test_rule_violations_name_the_argument(api: GatumRESTAPI, call, argument: str, fragment: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidRequestError) as caught:
        call(api)
    assert caught.value.argument == argument
    assert fragment in str(caught.value)


def test_the_quirks_pass(api: GatumRESTAPI) -> None:
    """What the seed sends must pass: false birthday fields, lifetime as string, int numbers, null limit."""
    calls = [
        lambda: api.create_group("t", "Clients for Promo"),
        lambda: api.send_sms("t", ["380957225759"], "Verify", "hi", lifetime="86400"),
        lambda: api.send_sms("t", [380957225759], "Verify", "hi", lifetime=86400),
        lambda: api.group_number_search("t", 956, [12345678900, "12345678901"]),
        lambda: api.sms_full_data("t", phone=["380957225759"], id_base=[2, 4, 6, 22], limit=None),
    ]
    for call in calls:
        with pytest.raises(APIConnectionError, match="nothing should be sent"):
            call()


def test_validate_false_sends_anyway() -> None:
    sent: list[bytes] = []

    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request.content)
        return httpx.Response(400, json={"status": False, "error_code": 400, "errors": {"senderID": ["bad"]}})

    with GatumRESTAPI("https://gatum.test", validate=False, transport=httpx.MockTransport(record)) as api:
        response = api.send_sms("t", ["380957225759"], "Verify123456", "hi")
    assert response.status_code == 400
    assert len(sent) == 1


def test_rules_come_from_the_spec(api: GatumRESTAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    """Changing the spec's schema (here: the generated copy of it) changes the check: one definition."""
    with pytest.raises(InvalidRequestError):
        api.send_sms("t", ["380957225759"], "Verify123456", "hi")
    alphanumeric = {**SCHEMAS["SenderId"]["anyOf"][1], "maxLength": 12}
    monkeypatch.setitem(
        SCHEMAS, "SenderId", {**SCHEMAS["SenderId"], "anyOf": [SCHEMAS["SenderId"]["anyOf"][0], alphanumeric]}
    )
    with pytest.raises(APIConnectionError, match="nothing should be sent"):
        api.send_sms("t", ["380957225759"], "Verify123456", "hi")


def test_a_value_the_generated_model_refuses_is_an_invalid_request_even_unvalidated() -> None:
    with GatumRESTAPI("https://gatum.test", validate=False, transport=httpx.MockTransport(refuse_to_send)) as api:
        with pytest.raises(InvalidRequestError, match="fax"):
            api.send_sms("t", ["380957225759"], "Verify", "hi", sms_type="fax")  # type: ignore[arg-type]
