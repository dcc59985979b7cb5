"""The facades parse an answer when `.parsed` is first read, once; the typed path parses on receipt.

Counted at the generated model's own constructor from an owned dict (what the endpoint's parser
calls), so a parse that happens too early, twice, or not at all shows.
"""

from __future__ import annotations

import threading
from typing import Any

import httpx
import pytest
from gatum_client.api.sms import send_sms
from gatum_client.models import SendMessage, SendResponse
from gatum_client.types import PARSE_LATER, RequestOptions

from gatum_rest_py import APIResponseValidationError, Client, GatumRESTAPI, UnparsedBody

BASE = "https://gatum.test"
ANSWER = {"status": True, "data": {"380957225759": [{"id_state": 598933232}]}}


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry per SendResponse built by a parser (a short sleep widens any race between readers)."""
    made: list[int] = []
    original = SendResponse._from_owned_dict.__func__  # type: ignore[attr-defined]

    def counting(cls: type[SendResponse], data: dict[str, Any]) -> SendResponse:
        made.append(threading.get_ident())
        threading.Event().wait(0.01)
        return original(cls, data)  # type: ignore[no-any-return]

    monkeypatch.setattr(SendResponse, "_from_owned_dict", classmethod(counting))
    return made


def answering(body: Any, status: int = 200) -> httpx.MockTransport:
    return httpx.MockTransport(lambda request: httpx.Response(status, json=body))


def test_the_facade_parses_when_parsed_is_first_read_and_only_once(parses: list[int]) -> None:
    with GatumRESTAPI(BASE, transport=answering(ANSWER)) as api:
        response = api.send_sms("tok", ["380957225759"], "Verify", "code 1234")
    assert response.json() == ANSWER and response.status_code == 200
    assert parses == []  # nothing parsed for a caller that reads .json()
    first = response.parsed
    assert isinstance(first, SendResponse) and first.to_dict() == ANSWER
    assert response.parsed is first and len(parses) == 1
    assert PARSE_LATER not in response.http_response.extensions  # the parse lives on the response only


def test_threads_reading_parsed_at_once_share_one_parse(parses: list[int]) -> None:
    with GatumRESTAPI(BASE, transport=answering(ANSWER)) as api:
        response = api.send_sms("tok", ["380957225759"], "Verify", "code 1234")
    seen: list[Any] = []
    readers = [threading.Thread(target=lambda: seen.append(response.parsed)) for _ in range(8)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    assert len(parses) == 1
    assert len(seen) == 8 and all(parsed is seen[0] for parsed in seen)


def test_raise_for_status_parses_a_body_that_fits_no_model() -> None:
    odd = {"status": True, "data": "not a map of numbers"}
    with GatumRESTAPI(BASE, transport=answering(odd)) as api:
        response = api.send_sms("tok", ["380957225759"], "Verify", "code 1234")
    with pytest.raises(APIResponseValidationError):
        response.raise_for_status()
    assert isinstance(response.parsed, UnparsedBody) and response.parsed.data == odd


def test_the_typed_path_parses_on_receipt_unless_asked(parses: list[int]) -> None:
    body = [SendMessage(number=["380957225759"], sender_id="Verify", text="code 1234")]
    with Client(BASE, access_token="tok", transport=answering(ANSWER)) as client:
        parsed = send_sms.sync_detailed(client=client, body=body).parsed
        assert isinstance(parsed, SendResponse) and len(parses) == 1
        later = send_sms.sync_detailed(client=client, body=body, options=RequestOptions(parse_later=True))
    assert later.parsed is None and len(parses) == 1
    assert later.raw is not None
    parse = later.raw.extensions[PARSE_LATER]
    assert parse().to_dict() == ANSWER and len(parses) == 2


def test_a_response_not_parsed_yet_pickles_parsed_and_without_the_token() -> None:
    import copy
    import pickle

    with GatumRESTAPI(BASE, transport=answering(ANSWER)) as api:
        response = api.send_sms("tok-SECRET-1", ["380957225759"], "Verify", "code 1234")
    data = pickle.dumps(response)
    assert b"tok-SECRET-1" not in data
    back = pickle.loads(data)  # noqa: S301  # our own bytes
    assert isinstance(back.parsed, SendResponse) and back.parsed.to_dict() == ANSWER
    assert back.json() == ANSWER and back.status_code == 200 and back.operation_id == "sendSms"
    assert copy.deepcopy(response).parsed.to_dict() == ANSWER
