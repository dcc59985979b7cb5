"""`send_messages`: personalised messages in few `/v1/send` requests, each message accounted for.

Against an in-process MockTransport that records every request (so the tests see what was sent,
how often, and can answer each batch differently), and once against the Prism mock.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from gatum_client.models import SendMessage

from gatum_rest_py import AsyncGatumRESTAPI, AuthenticationError, GatumRESTAPI, InvalidRequestError
from gatum_rest_py._batch import (
    DEFAULT_BATCH_SIZE,
    async_send_messages,
    check_messages,
    send_batches,
    send_messages,
)

Handler = Callable[[httpx.Request], httpx.Response]


def message(i: int, **extra: Any) -> dict[str, Any]:
    return {"numbers": [f"38095{i:07d}"], "sender_id": "Verify", "text": f"Hi {i}, your code is {1000 + i}", **extra}


def by_number(request: httpx.Request) -> httpx.Response:
    """The platform's answer keyed by number: each (message, number) gets its own id, in order."""
    data: dict[str, list[dict[str, Any]]] = {}
    for m, wire in enumerate(json.loads(request.content)):
        for number in wire["number"]:
            data.setdefault(str(number), []).append({"id_state": 1000 * m + len(data)})
    return httpx.Response(200, json={"status": True, "data": data})


class Recorder:
    def __init__(self, *answers: Handler) -> None:
        self.answers = list(answers)
        self.bodies: list[list[dict[str, Any]]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/v1/send"
        self.bodies.append(json.loads(request.content))
        answer = self.answers[min(len(self.bodies), len(self.answers)) - 1]
        return answer(request)


def api_with(recorder: Recorder, **kwargs: Any) -> GatumRESTAPI:
    return GatumRESTAPI("https://gatum.test", transport=httpx.MockTransport(recorder), **kwargs)


def test_messages_go_in_batches_built_by_send_sms_mapping() -> None:
    recorder = Recorder(by_number)
    messages = [message(i) for i in range(250)]
    messages[3] = message(3, sms_type="sms", begin_date="2026-12-01", begin_time="10:00", lifetime=3600)
    messages[4] = message(4, delivery=False, callback_url="https://example.test/dlr")
    with api_with(recorder) as api:
        result = send_messages(api, "tok", messages)
    assert [len(body) for body in recorder.bodies] == [100, 100, 50]
    assert result.batches == 3 and len(result) == 250
    first = recorder.bodies[0]
    assert first[0] == {"number": ["380950000000"], "senderID": "Verify", "text": "Hi 0, your code is 1000"}
    assert first[3] == {
        "number": ["380950000003"],
        "senderID": "Verify",
        "text": "Hi 3, your code is 1003",
        "type": "sms",
        "lifetime": 3600,
        "beginDate": "2026-12-01",
        "beginTime": "10:00",
    }
    assert first[4]["delivery"] is False and first[4]["callback_url"] == "https://example.test/dlr"
    assert [o.index for o in result] == list(range(250))
    assert [o.batch for o in result][98:102] == [0, 0, 1, 1]
    assert all(o.status == "sent" for o in result) and result.sent == list(result)


def test_each_message_gets_its_own_ids_even_when_two_share_a_number() -> None:
    shared = "380957225759"
    messages = [
        {"numbers": [shared, "380661093766"], "sender_id": "Verify", "text": "first"},
        {"numbers": ["380500000001"], "sender_id": "Verify", "text": "second"},
        {"numbers": [shared], "sender_id": "Verify", "text": "third"},
    ]
    answer = {
        "status": True,
        "data": {shared: [{"id_state": 11}, {"id_state": 33}], "380661093766": [{"id_state": 12}]},
    }
    recorder = Recorder(lambda request: httpx.Response(200, json=answer))
    with api_with(recorder) as api:
        result = send_messages(api, "tok", messages)
    assert result[0].ids == {shared: [11], "380661093766": [12]}
    assert result[1].status == "sent" and result[1].ids == {"380500000001": []}  # no entry came back for it
    assert result[2].ids == {shared: [33]}


def test_the_sending_summary_answer_marks_messages_sent_without_ids() -> None:
    summary = {"status": True, "data": {"sending": {"details": {"number": ["380957225759"], "sentID": 1}}}}
    recorder = Recorder(lambda request: httpx.Response(200, json=summary))
    with api_with(recorder) as api:
        result = send_messages(api, "tok", [message(0), message(1)])
    assert [(o.status, o.ids) for o in result] == [("sent", {}), ("sent", {})]


def test_a_bad_message_is_named_by_index_and_nothing_is_sent() -> None:
    recorder = Recorder(by_number)
    cases: list[tuple[dict[str, Any], str]] = [
        (message(7, numbers=["+38095722575O"]), "messages[7].numbers[0]"),
        (message(7, numbers=[]), "messages[7].numbers"),
        (message(7, text=""), "messages[7].text"),
        ({"numbers": ["380957225759"], "sender_id": "Verify"}, "messages[7]"),
        (message(7, senderID="Verify"), "messages[7]"),
        ("not a mapping", "messages[7]"),  # type: ignore[list-item]
    ]
    with api_with(recorder) as api:
        for bad, argument in cases:
            messages: list[Any] = [message(i) for i in range(10)]
            messages[7] = bad
            with pytest.raises(InvalidRequestError) as caught:
                send_messages(api, "tok", messages)
            assert caught.value.argument == argument
            assert "messages[7]" in str(caught.value)
        for bad_size in (0, -1, True, 2.5):
            with pytest.raises(InvalidRequestError, match="batch_size"):
                send_messages(api, "tok", [message(0)], batch_size=bad_size)  # type: ignore[arg-type]
        with pytest.raises(InvalidRequestError, match="messages"):
            send_messages(api, "tok", [])
    assert recorder.bodies == []


def answer_with(status: int, body: Any) -> Handler:
    return lambda request: httpx.Response(status, json=body)


def test_a_failed_batch_is_never_resent_and_says_whether_it_is_in_doubt() -> None:
    def cut_off(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadError("connection reset after the request was written", request=request)

    recorder = Recorder(
        by_number,
        answer_with(503, {"status": False, "error_code": 503}),
        answer_with(400, {"status": False, "error_code": 400, "errors": {"senderID": ["bad"]}}),
        answer_with(200, {"status": False, "error_code": 401, "errors": "token"}),
        cut_off,
        by_number,
    )
    with api_with(recorder) as api:
        result = send_messages(api, "tok", [message(i) for i in range(12)], batch_size=2)
    assert len(recorder.bodies) == 6  # one request per batch: nothing repeated, by the retry policy or here
    statuses = [o.status for o in result]
    assert statuses == ["sent"] * 2 + ["outcome_unknown"] * 2 + ["refused"] * 4 + ["outcome_unknown"] * 2 + ["sent"] * 2
    assert [o.index for o in result.in_doubt] == [2, 3, 8, 9]
    assert [o.index for o in result.not_sent] == [4, 5, 6, 7]
    assert result[2].error is not None and result[2].response is not None and result[2].response.status_code == 503
    assert isinstance(result[6].error, AuthenticationError)  # status false with error_code 401
    assert result[8].error is not None and result[8].response is None


def test_a_connection_never_made_is_not_sent() -> None:
    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    recorder = Recorder(refused)
    with api_with(recorder, max_retries=0) as api:
        result = send_messages(api, "tok", [message(0), message(1)])
    assert [o.status for o in result] == ["not_sent", "not_sent"]


def test_send_batches_gives_typed_bodies_for_the_typed_path() -> None:
    bodies = send_batches([message(i) for i in range(5)], batch_size=2)
    assert [len(body) for body in bodies] == [2, 2, 1]
    assert all(isinstance(m, SendMessage) for body in bodies for m in body)
    assert bodies[2][0].to_dict() == {
        "number": ["380950000004"],
        "senderID": "Verify",
        "text": "Hi 4, your code is 1004",
    }
    with pytest.raises(InvalidRequestError) as caught:
        send_batches([message(0), message(1, sender_id="Verify123456")])
    assert caught.value.argument == "messages[1].sender_id"
    assert DEFAULT_BATCH_SIZE == 100


async def test_async_batches_run_with_bounded_concurrency() -> None:
    in_flight = peak = 0
    bodies: list[list[Any]] = []

    async def slow(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, peak
        bodies.append(json.loads(request.content))
        position = len(bodies)
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.02)
        in_flight -= 1
        if position == 3:
            return httpx.Response(500, json={"status": False, "error_code": 500})
        return by_number(request)

    async with AsyncGatumRESTAPI("https://gatum.test", async_transport=httpx.MockTransport(slow)) as api:
        result = await async_send_messages(api, "tok", [message(i) for i in range(20)], batch_size=2, max_concurrency=3)
        with pytest.raises(InvalidRequestError, match="max_concurrency"):
            await async_send_messages(api, "tok", [message(0)], max_concurrency=0)
    assert len(bodies) == 10 and peak == 3
    assert [o.index for o in result] == list(range(20))
    assert len(result.in_doubt) == 2 and len(result.sent) == 18
    for outcome in result.sent:
        assert list(outcome.ids) == [f"38095{outcome.index:07d}"] and len(outcome.ids[f"38095{outcome.index:07d}"]) == 1


def test_against_the_mock(mock_url: str) -> None:
    with GatumRESTAPI(mock_url + "/") as api:
        result = send_messages(api, "tok", [message(i) for i in range(5)], batch_size=2)
    assert result.batches == 3
    assert [o.status for o in result] == ["sent"] * 5, [o.error for o in result]


def test_the_facades_offer_send_messages_as_a_method() -> None:
    recorder = Recorder(by_number)
    with api_with(recorder) as api:
        result = api.send_messages("tok", [message(i) for i in range(3)], batch_size=2)
    assert result.batches == 2 and [o.status for o in result] == ["sent"] * 3
    assert [len(body) for body in recorder.bodies] == [2, 1]


async def test_the_async_facade_offers_send_messages_as_a_method() -> None:
    recorder = Recorder(by_number)
    async with AsyncGatumRESTAPI("https://gatum.test", async_transport=httpx.MockTransport(recorder)) as api:
        result = await api.send_messages("tok", [message(i) for i in range(3)], batch_size=2, max_concurrency=2)
    assert [o.status for o in result] == ["sent"] * 3


def test_messages_checked_once_are_sent_as_they_were_checked_and_only_with_their_token() -> None:
    messages = [message(i) for i in range(5)]
    with pytest.raises(InvalidRequestError) as caught:  # checked as send_messages checks: the index is named
        check_messages("tok", [*messages, message(5, sender_id="Verify123456")])
    assert caught.value.argument == "messages[5].sender_id"
    checked = check_messages("tok", messages)
    plain, reused = Recorder(by_number), Recorder(by_number)
    with api_with(plain) as api:
        expected = send_messages(api, "tok", messages, batch_size=2)
    with api_with(reused) as api:
        with pytest.raises(
            InvalidRequestError, match="another token"
        ):  # nothing sent with a token it was not checked for
            send_messages(api, "other", checked)
        assert reused.bodies == []
        result = send_messages(api, "tok", [checked[0], messages[1], *checked[2:]], batch_size=2)
    assert reused.bodies == plain.bodies and len(reused.bodies) == 3
    assert [(o.index, o.status, o.ids) for o in result] == [(o.index, o.status, o.ids) for o in expected]
    assert "tok" not in repr(checked[0])
