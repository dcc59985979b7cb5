"""Real traffic, kept: every 2xx body the spec shows (each named example stands for a shape a
source documents) parses into a typed model that round-trips, through the facade and the typed
path; and the request bodies of the vendor's PHP client pass the mock.
"""

from __future__ import annotations

import importlib
import re
import typing
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from conformance import spec_tools
from conformance.test_dynamic_parsing import first_difference, strict_equal

from gatum_rest_py import Client, GatumRESTAPI, UnparsedBody

TOKEN = "gbBX8dB7kDvBeo0H-VN2CX0bAXXbyJ"


def success_examples() -> Iterator[tuple[spec_tools.Operation, str | None, Any]]:
    """(operation, example name or None for a lone `example`, body) of every 200 example."""
    for op in spec_tools.operations():
        if op.kind != "path" or "200" not in op.definition["responses"]:
            continue
        response, _ = op.response("200")
        media = response.get("content", {}).get(spec_tools.JSON, {})
        if "example" in media:
            yield op, None, media["example"]
        for name, example in media.get("examples", {}).items():
            yield op, name, example["value"]


EXAMPLES = list(success_examples())
NAMED = [(op, name, body) for op, name, body in EXAMPLES if name is not None]


def endpoint(op: spec_tools.Operation) -> Any:
    """The generated module of the operation: gatum_client.api.<tag>.<operation_id in snake case>."""
    tag = op.definition["tags"][0].replace("-", "_")
    return importlib.import_module(f"gatum_client.api.{tag}.{re.sub('(?<!^)(?=[A-Z])', '_', op.operation_id).lower()}")


def parse(client: Client, op: spec_tools.Operation, body: Any) -> Any:
    """What the generated endpoint does with this answer: its parser, through the client's hook."""
    request = httpx.Request(op.method.upper(), f"https://gatum.test{op.path}")
    response = httpx.Response(200, json=body, request=request)
    module = endpoint(op)
    return client.parse_body(response, lambda: module._parse_response(client=client, response=response))


def check_round_trip(parsed: Any, body: Any) -> None:
    assert not isinstance(parsed, UnparsedBody), f"fits no model: {body!r}"
    assert parsed is not None
    assert strict_equal(parsed.to_dict(), body), first_difference(body, parsed.to_dict())


@pytest.mark.parametrize(
    ("op", "name", "body"), EXAMPLES, ids=[f"{op.operation_id}-{name}" for op, name, _ in EXAMPLES]
)
def test_every_documented_shape_parses_and_round_trips(op: spec_tools.Operation, name: str | None, body: Any) -> None:
    typed = Client("https://gatum.test", access_token=TOKEN)
    check_round_trip(parse(typed, op, body), body)
    facade = GatumRESTAPI("https://gatum.test")
    check_round_trip(parse(facade.client, op, body), body)


def test_alternative_shapes_are_named_examples() -> None:
    names = {(op.operation_id, name) for op, name, _ in NAMED}
    for expected in [
        ("sendSms", "byNumber"),
        ("sendSms", "byNumberStringIds"),
        ("sendSms", "sending"),
        ("listGroups", "groups"),
        ("listGroups", "page"),
        ("accessToken", "withoutExpiry"),
        ("accountInfo", "connectorFields"),
        ("smsFullData", "isoTimes"),
        ("groupNumberSearch", "page"),
        ("createGroup", "groupDetails"),
    ]:
        assert expected in names


def request_body(op: spec_tools.Operation) -> Any:
    """The generated body model(s) built from the operation's request example."""
    hint = typing.get_type_hints(endpoint(op).sync_detailed)["body"]
    example = op.request_example()
    if typing.get_origin(hint) is list:
        (item,) = typing.get_args(hint)
        return [item.from_dict(message) for message in example]
    options = [t for t in typing.get_args(hint) if hasattr(t, "from_dict")] or [hint]
    return options[0].from_dict(example)


@pytest.mark.parametrize(("op", "name", "body"), NAMED, ids=[f"{op.operation_id}-{name}" for op, name, _ in NAMED])
def test_prism_serves_each_named_shape_to_the_typed_path(
    mock_url: str, op: spec_tools.Operation, name: str, body: Any
) -> None:
    """`Prefer: example=<name>` makes Prism answer with that shape; the typed path parses it."""
    with Client(mock_url, access_token=TOKEN, headers={"Prefer": f"example={name}"}) as client:
        module = endpoint(op)
        kwargs = {"body": request_body(op)} if op.request_body() is not None else {}
        parsed = module.sync(client=client, **kwargs)
    check_round_trip(parsed, body)


def serve(body: Any) -> httpx.MockTransport:
    return httpx.MockTransport(lambda request: httpx.Response(200, json=body))


@pytest.mark.parametrize("name", ["byNumber", "byNumberStringIds", "sending"])
def test_the_facade_keeps_each_send_answer(name: str) -> None:
    body = next(b for op, n, b in NAMED if op.operation_id == "sendSms" and n == name)
    with GatumRESTAPI("https://gatum.test", transport=serve(body)) as api:
        response = api.send_sms(TOKEN, ["380957225759"], "Verify", "Your OTP is 42488")
    assert response.json() == body
    check_round_trip(response.parsed, body)


# ---- what the vendor's PHP client sends ----------------------------------------------------------

PHP_BODIES = [
    ("/v1/country-by-continent", []),  # Additional::countryByContinent(): curlRequest($route, 'POST', [])
    ("/v1/product-price", []),
    ("/v1/account-price", []),
    ("/v1/country-price", []),
    ("/v1/sms-full-data", []),
    *[
        (
            "/v1/send",
            [{"number": ["380957225759"], "senderID": "Verify", "text": "Hi", "type": kind, "lifetime": 86400}],
        )
        for kind in ("sms", "SMS", "HLR", "WAPPUSH", "FLASHSMS")
    ],
    ("/v1/send", [{"number": ["380957225759"], "senderID": "Ver!fy", "text": "Hi", "beginTime": "11:00"}]),
    ("/v1/replacement", {"number": ["821032015777", 12345678901], "senderID": "Verify", "text": "Hi"}),
]


@pytest.mark.parametrize(("path", "body"), PHP_BODIES, ids=[f"{p}-{b!r:.40}" for p, b in PHP_BODIES])
def test_the_php_clients_bodies_pass_the_mock(mock_url: str, path: str, body: Any) -> None:
    headers = {"x-access-token": TOKEN, "Content-Type": "application/json"}
    response = httpx.post(f"{mock_url}{path}", json=body, headers=headers, timeout=10)
    assert response.status_code == 200, response.text
    assert response.json()["status"] is True


@pytest.mark.parametrize("body", [[{"id": 1}], {"ISO": "Ukraine"}])
def test_what_is_documented_as_wrong_is_still_refused(mock_url: str, body: Any) -> None:
    headers = {"X-Access-Token": TOKEN}
    assert httpx.post(f"{mock_url}/v1/product-price", json=body, headers=headers, timeout=10).status_code != 200


def test_the_facade_sends_an_empty_filter_the_mock_accepts(mock_url: str) -> None:
    with GatumRESTAPI(mock_url) as api:
        for response in (api.country_by_continent(TOKEN), api.product_price(TOKEN), api.sms_full_data(TOKEN)):
            assert response.status_code == 200
            assert response.parsed is not None and not isinstance(response.parsed, UnparsedBody)
