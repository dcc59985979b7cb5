"""Retries against a scripted loopback server: reads are retried, a send is never sent twice."""

from __future__ import annotations

import httpx
import pytest
from fault_server import HTML_502, OK_ME, OK_SEND, Drop, Reply, ScriptedServer, Stall, Truncate, closed_port
from gatum_client.api.account import account_info
from gatum_client.api.sms import send_sms
from gatum_client.models import SendMessage

import gatum_rest_py._retry as retry_module
from gatum_rest_py import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    AsyncGatumRESTAPI,
    BadRequestError,
    Client,
    GatumRESTAPI,
    InternalServerError,
    RateLimitError,
    RetryConfig,
)
from gatum_rest_py._retry import RETRYABLE_STATUSES_READ_ONLY

MESSAGE = {"number": ["380957225759"], "senderID": "Verify", "text": "Your OTP is 42488"}


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record the delays instead of sleeping them."""
    delays: list[float] = []

    async def record_async(seconds: float) -> None:
        delays.append(seconds)

    monkeypatch.setattr(retry_module, "sleep", delays.append)
    monkeypatch.setattr(retry_module, "async_sleep", record_async)
    return delays


def typed_send(client: Client) -> object:
    return send_sms.sync(client=client, body=[SendMessage.from_dict(MESSAGE)])


def facade_send(api: GatumRESTAPI) -> object:
    return api.send_sms("tok", ["380957225759"], "Verify", "Your OTP is 42488")


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_send_after_5xx_is_sent_once_and_says_outcome_unknown(status: int) -> None:
    with ScriptedServer([Reply(status, {"status": False}), OK_SEND]) as server:
        with Client(server.url, access_token="tok") as client, pytest.raises(InternalServerError) as caught:
            typed_send(client)
        assert len(server.requests) == 1
    assert caught.value.status_code == status
    assert caught.value.outcome_unknown
    assert "sms_full_data" in str(caught.value)


def test_facade_returns_the_5xx_of_a_send_marked_outcome_unknown() -> None:
    with ScriptedServer([HTML_502, OK_SEND]) as server, GatumRESTAPI(server.url) as api:
        response = api.send_sms("tok", ["380957225759"], "Verify", "hi")
        assert len(server.requests) == 1
    assert response.status_code == 502
    assert response.outcome_unknown
    assert response.parsed is None
    assert "Bad Gateway" in response.text


@pytest.mark.parametrize("status", sorted(RETRYABLE_STATUSES_READ_ONLY))
def test_read_only_call_is_retried_on_retryable_status(status: int, no_waiting: list[float]) -> None:
    with ScriptedServer([Reply(status), Reply(status), OK_ME]) as server:
        with Client(server.url, access_token="tok") as client:
            info = account_info.sync(client=client)
        assert len(server.requests) == 3
    assert info is not None and info.data.login == "your_login"
    assert len(no_waiting) == 2


def test_read_only_call_gives_up_after_max_retries() -> None:
    with ScriptedServer([HTML_502] * 5) as server:
        with Client(server.url, access_token="tok", max_retries=2) as client, pytest.raises(InternalServerError) as e:
            account_info.sync(client=client)
        assert len(server.requests) == 3
    assert not e.value.outcome_unknown
    assert e.value.json_body is None
    assert "502 Bad Gateway" in e.value.body


def test_max_retries_zero_switches_retries_off() -> None:
    with ScriptedServer([Reply(503), OK_ME]) as server:
        with Client(server.url, access_token="tok", max_retries=0) as client, pytest.raises(InternalServerError):
            account_info.sync(client=client)
        assert len(server.requests) == 1


def test_send_is_retried_after_429_honouring_retry_after(no_waiting: list[float]) -> None:
    with ScriptedServer([Reply(429, headers={"Retry-After": "3"}), OK_SEND]) as server:
        with Client(server.url, access_token="tok") as client:
            result = typed_send(client)
        assert len(server.requests) == 2
    assert result is not None
    assert no_waiting == [3.0]


@pytest.mark.parametrize("operation", ["send", "read"])
def test_a_retry_after_beyond_the_bound_is_raised_at_once(no_waiting: list[float], operation: str) -> None:
    # Blocking a worker for an hour is worse than telling its caller: RateLimitError now, with
    # the wait in seconds, and no retry (for a send the 429 says it was not accepted).
    with ScriptedServer([Reply(429, headers={"Retry-After": "3600"}), OK_SEND]) as server:
        with Client(server.url, access_token="tok") as client, pytest.raises(RateLimitError) as caught:
            typed_send(client) if operation == "send" else account_info.sync(client=client)
        assert len(server.requests) == 1
    assert no_waiting == []
    assert caught.value.retry_after == 3600
    assert not caught.value.outcome_unknown


def test_max_retry_wait_sets_the_bound(no_waiting: list[float]) -> None:
    config = RetryConfig(max_retries=1, max_retry_wait=5.0)
    with ScriptedServer([Reply(429, headers={"Retry-After": "5"}), OK_SEND]) as server:
        with Client(server.url, access_token="tok", retry=config) as client:
            assert typed_send(client) is not None
        assert len(server.requests) == 2
    assert no_waiting == [5.0]
    with ScriptedServer([Reply(429, headers={"Retry-After": "6"}), OK_SEND]) as server:
        with Client(server.url, access_token="tok", retry=config) as client, pytest.raises(RateLimitError):
            typed_send(client)
        assert len(server.requests) == 1


def test_backoff_grows_and_is_capped_with_jitter() -> None:
    config = RetryConfig(initial_delay=1.0, max_delay=3.0)
    delays = [config.delay(n, None) for n in range(5)]
    assert 0.75 <= delays[0] <= 1.0
    assert 1.5 <= delays[1] <= 2.0
    assert all(2.25 <= d <= 3.0 for d in delays[2:])


@pytest.mark.parametrize("fault", [Drop(), Truncate(200, b'{"status": tr', declared=500)], ids=["dropped", "truncated"])
def test_send_is_not_retried_after_the_connection_broke(fault: Drop | Truncate) -> None:
    with ScriptedServer([fault, OK_SEND]) as server:
        with Client(server.url, access_token="tok") as client, pytest.raises(APIConnectionError) as caught:
            typed_send(client)
        assert len(server.requests) == 1
    assert caught.value.outcome_unknown
    assert "outcome unknown" in str(caught.value)


@pytest.mark.parametrize("fault", [Drop(), Truncate(200, b'{"status": tr', declared=500)], ids=["dropped", "truncated"])
def test_read_only_call_is_retried_after_the_connection_broke(fault: Drop | Truncate) -> None:
    with ScriptedServer([fault, fault, OK_ME]) as server:
        with Client(server.url, access_token="tok") as client:
            assert account_info.sync(client=client) is not None
        assert len(server.requests) == 3


def test_send_read_timeout_is_not_retried() -> None:
    with ScriptedServer([Stall(1.0), OK_SEND]) as server:
        with Client(server.url, access_token="tok", timeout=0.2) as client, pytest.raises(APITimeoutError) as caught:
            typed_send(client)
        assert len(server.requests) == 1
    assert caught.value.outcome_unknown


def test_read_only_read_timeout_is_retried() -> None:
    with ScriptedServer([Stall(1.0), OK_ME]) as server:
        with Client(server.url, access_token="tok", timeout=0.2) as client:
            assert account_info.sync(client=client) is not None
        assert len(server.requests) == 2


def test_send_is_retried_when_the_connection_is_refused(no_waiting: list[float]) -> None:
    with Client(f"http://127.0.0.1:{closed_port()}", access_token="tok") as client:
        with pytest.raises(APIConnectionError) as caught:
            typed_send(client)
    assert len(no_waiting) == 2  # nothing was sent, so both retries were allowed
    assert not caught.value.outcome_unknown
    assert not isinstance(caught.value, APITimeoutError)


def test_facade_raises_connection_errors() -> None:
    with GatumRESTAPI(f"http://127.0.0.1:{closed_port()}", max_retries=0) as api, pytest.raises(APIConnectionError):
        facade_send(api)


def test_non_json_200_is_a_clear_error_on_the_typed_path_and_kept_raw_by_the_facade() -> None:
    with ScriptedServer([Reply(200, b""), Reply(200, b"<html>oops</html>", content_type="text/html")]) as server:
        with Client(server.url, access_token="tok") as client, pytest.raises(APIResponseValidationError) as caught:
            account_info.sync(client=client)
        assert caught.value.body == ""
        with GatumRESTAPI(server.url) as api:
            response = api.account_info("tok")
    assert response.status_code == 200
    assert response.parsed is None
    assert response.text == "<html>oops</html>"


def test_non_json_400_is_a_bad_request_error_with_the_raw_text() -> None:
    with ScriptedServer([Reply(400, b"Bad things", content_type="text/plain")]) as server:
        with Client(server.url, access_token="tok") as client, pytest.raises(BadRequestError) as caught:
            typed_send(client)
    assert caught.value.body == "Bad things"
    assert caught.value.errors == {}
    assert caught.value.json_body is None


def test_bad_request_error_carries_the_envelope_and_request_id() -> None:
    envelope = {"status": False, "error_code": 400, "errors": {"senderID": ["Too long."]}}
    with ScriptedServer([Reply(400, envelope, headers={"X-Request-Id": "req-42"})]) as server:
        with Client(server.url, access_token="tok") as client, pytest.raises(BadRequestError) as caught:
            typed_send(client)
    err = caught.value
    assert (err.status_code, err.error_code, err.errors, err.request_id) == (
        400,
        400,
        {"senderID": ["Too long."]},
        "req-42",
    )
    assert "senderID: Too long." in str(err)


async def test_async_send_after_502_is_sent_once() -> None:
    with ScriptedServer([HTML_502, OK_SEND]) as server:
        async with AsyncGatumRESTAPI(server.url) as api:
            response = await api.send_sms("tok", ["380957225759"], "Verify", "hi")
        assert len(server.requests) == 1
    assert response.outcome_unknown


async def test_async_read_only_call_is_retried() -> None:
    with ScriptedServer([Reply(503), Drop(), OK_ME]) as server:
        async with AsyncGatumRESTAPI(server.url) as api:
            response = await api.account_info("tok")
        assert len(server.requests) == 3
    assert response.status_code == 200


async def test_async_send_read_timeout_is_not_retried() -> None:
    with ScriptedServer([Stall(1.0), OK_SEND]) as server:
        async with AsyncGatumRESTAPI(server.url, timeout=0.2) as api:
            with pytest.raises(APITimeoutError) as caught:
                await api.send_sms("tok", ["380957225759"], "Verify", "hi")
        assert len(server.requests) == 1
    assert caught.value.outcome_unknown


def test_every_spec_operation_has_a_retry_class() -> None:
    """The policy follows `x-gatum-read-only` of the spec; check it agrees with the issue's list."""
    from gatum_rest_py._spec import OPERATIONS_BY_ID

    read_only = {op_id for op_id, op in OPERATIONS_BY_ID.items() if op.read_only}
    assert read_only == {
        "accountInfo",
        "smsFullData",
        "replacement",
        "listGroups",
        "groupNumberSearch",
        "blackListSearch",
        "productPrice",
        "accountPrice",
        "countryPrice",
        "countryByContinent",
    }
    for op_id in ("sendSms", "sendBulk", "registerCustomer", "createGroup", "deleteGroups", "logout"):
        assert not OPERATIONS_BY_ID[op_id].read_only


def test_policy_reads_the_spec_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    """Flip the spec fact for /v1/send: the transport then retries it after a 5xx."""
    from gatum_rest_py import _spec

    send = _spec.OPERATIONS_BY_ID["sendSms"]
    flipped = type(send)(**{**send.__dict__, "read_only": True})
    monkeypatch.setitem(_spec.OPERATIONS_BY_ID, "sendSms", flipped)
    monkeypatch.setitem(_spec._BY_FUNCTION, send.function, flipped)  # how an endpoint's request finds it
    _spec._lookup.cache_clear()
    try:
        with ScriptedServer([Reply(502), OK_SEND]) as server:
            with Client(server.url, access_token="tok") as client:
                assert typed_send(client) is not None
            assert len(server.requests) == 2
    finally:
        monkeypatch.undo()
        _spec._lookup.cache_clear()


def test_transport_errors_from_a_custom_transport_are_mapped() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadError("boom", request=request)

    with Client("http://gatum.test", access_token="tok", transport=httpx.MockTransport(refuse)) as client:
        with pytest.raises(APIConnectionError) as caught:
            typed_send(client)
    assert caught.value.outcome_unknown
