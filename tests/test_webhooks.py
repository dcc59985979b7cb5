"""gatum_rest_py.webhooks: per-report parsing, acknowledgement, deduplication by (id_state, state[, part]), and
the WSGI/ASGI apps. Elsewhere: the secret and the allow-list (test_webhooks_access.py), the Redis
stores and the load test (test_webhook_stores.py), the README's examples (test_webhooks_readme.py)."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import AsyncIterator
from http import HTTPStatus
from typing import Any

import httpx
import pytest
from gatum_client.models import DeliveryReport
from gatum_client.types import UNSET

from gatum_rest_py import WebhookPayloadError
from gatum_rest_py.webhooks import (
    DEFAULT_MAX_BODY_SIZE,
    DeliveryReportReceiver,
    MemoryDedupeStore,
    acknowledgement,
    dedupe_key,
    parse_delivery_reports,
)

# The "Receive DLR" example of the seed README, as the platform sends it.
SEED_BATCH: list[dict[str, Any]] = [
    {
        "id_state": 598933232,
        "originator": "SMS",
        "phone": "380957225759",
        "type_sms": "sms",
        "text_sms": "Your OTP is 42432",
        "num_parts": 1,
        "part_no": 1,
        "state": "DELIVRD",
        "time": "2023-07-24 12:03:48",
    },
    {
        "id_state": 598933233,
        "originator": "SMS",
        "phone": "380957225759",
        "type_sms": "sms",
        "text_sms": "Your OTP is 42432",
        "num_parts": 1,
        "part_no": 1,
        "state": "DELIVRD",
        "time": "2023-07-24 12:03:48",
    },
]
SEED_BODY = json.dumps(SEED_BATCH).encode()
SEED_ACK = ["598933232", "598933233"]


def report(id_state: Any = 1, **fields: Any) -> dict[str, Any]:
    return {"id_state": id_state, "phone": "380957225759", "state": "DELIVRD", **fields}


def body_of(*reports: dict[str, Any]) -> bytes:
    return json.dumps(list(reports)).encode()


class Recorder:
    """A callback that records the id_states it saw; rejects those in `reject`, raises for `fail`."""

    def __init__(self, reject: set[int] | None = None, fail: set[int] | None = None) -> None:
        self.reject, self.fail = reject or set(), fail or set()
        self.seen: list[int | str] = []
        self.lock = threading.Lock()

    def __call__(self, report: DeliveryReport) -> bool | None:
        with self.lock:
            self.seen.append(report.id_state)
        if report.id_state in self.fail:
            raise RuntimeError(f"database down for {report.id_state}")
        return False if report.id_state in self.reject else None


# ---- parse_delivery_reports ------------------------------------------------------------------------


def test_parse_seed_batch_into_typed_reports() -> None:
    reports = parse_delivery_reports(SEED_BODY)
    assert [type(r) for r in reports] == [DeliveryReport, DeliveryReport]
    first = reports[0]
    assert (first.id_state, first.phone, first.state, first.type_sms) == (598933232, "380957225759", "DELIVRD", "sms")
    assert (first.num_parts, first.part_no, first.time) == (1, 1, "2023-07-24 12:03:48")
    assert [r.to_dict() for r in reports] == SEED_BATCH


@pytest.mark.parametrize("body", [SEED_BODY.decode(), bytearray(SEED_BODY), SEED_BATCH])
def test_parse_accepts_text_and_decoded_json(body: Any) -> None:
    assert [r.id_state for r in parse_delivery_reports(body)] == [598933232, 598933233]


def test_parse_minimal_report_leaves_optional_fields_unset() -> None:
    (only,) = parse_delivery_reports(body_of(report(7)))
    assert only.originator is UNSET and only.time is UNSET and only.additional_properties == {}


def test_parse_keeps_unknown_fields() -> None:
    (only,) = parse_delivery_reports(body_of(report(7, mccmnc="25501", price=0.02, extra={"a": [1]})))
    assert only.additional_properties == {"mccmnc": "25501", "price": 0.02, "extra": {"a": [1]}}
    assert only["mccmnc"] == "25501"
    assert only.to_dict()["price"] == 0.02


def test_parse_integral_float_id_state_becomes_int() -> None:
    (only,) = parse_delivery_reports(b'[{"id_state": 598933232.0, "phone": "380957225759", "state": "DELIVRD"}]')
    assert only.id_state == 598933232 and type(only.id_state) is int
    assert acknowledgement([only]) == ["598933232"]


def test_parse_string_id_state_is_kept_as_sent() -> None:
    uuid_id = "4c43afb8-7a2e-4bbf-9d3a-2f1c0e6b8a11"
    reports = parse_delivery_reports(body_of(report(uuid_id), report("598933232"), report("007")))
    assert [r.id_state for r in reports] == [uuid_id, "598933232", "007"]
    assert acknowledgement(reports) == [uuid_id, "598933232", "007"]


def test_parse_keeps_odd_values_as_sent() -> None:
    """Issue 8: ISO times, null text, a + in the phone, unknown states and types, numbers as strings: kept."""
    odd = {
        "id_state": 5,
        "phone": "+380957225759",
        "state": "SOMETHING_NEW",
        "type_sms": "viber",
        "text_sms": None,
        "time": "2023-07-24T12:03:48+03:00",
        "num_parts": "1",
        "part_no": 0,
        "originator": None,
        "mccmnc": "25501",
    }
    (only,) = parse_delivery_reports(json.dumps([odd]))
    assert only.to_dict() == odd
    assert (only.phone, only.state, only.text_sms, only["mccmnc"]) == ("+380957225759", "SOMETHING_NEW", None, "25501")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"not json", ["not JSON"]),
        (b"", ["not JSON"]),
        (b"\xff\xfe\x00", ["not JSON"]),
        (b"[" * 100_000, ["not JSON"]),
        (b'{"id_state": 1, "phone": "380957225759", "state": "DELIVRD"}', ["JSON array", "got object"]),
        (b'"598933232"', ["JSON array", "got string"]),
        (b"null", ["JSON array", "got null"]),
    ],
)
def test_parse_rejects_a_body_that_is_not_an_array(body: bytes, expected: list[str]) -> None:
    with pytest.raises(WebhookPayloadError) as caught:
        parse_delivery_reports(body)
    for fragment in expected:
        assert fragment in str(caught.value)


def test_parse_empty_batch() -> None:
    assert parse_delivery_reports(b"[]") == []


@pytest.mark.parametrize(
    ("item", "reason"),
    [
        (5, "must be a JSON object; got integer"),
        ("598933232", "must be a JSON object; got string"),
        ({"phone": "380957225759", "state": "DELIVRD"}, "no id_state"),
        ({"id_state": None, "state": "DELIVRD"}, "no id_state"),
        ({"id_state": True}, "got boolean"),
        ({"id_state": 1.5}, "got number"),
        ({"id_state": ""}, "got string"),
        ({"id_state": [1]}, "got array"),
        ({"id_state": {"id": 1}}, "got object"),
    ],
)
def test_parse_skips_an_unusable_report_and_keeps_the_others(
    item: Any, reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="gatum_rest_py.webhooks"):
        reports = parse_delivery_reports(json.dumps([report(1), item, report(3)]))
    assert [r.id_state for r in reports] == [1, 3]
    (record,) = caplog.records
    message = record.getMessage()
    assert message.startswith("delivery report [1]: ") and reason in message and "not acknowledged" in message
    assert "380957225759" not in caplog.text  # the log names the index and the reason, not the content


def test_payload_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="not JSON"):
        parse_delivery_reports("{")


def test_dedupe_key_is_id_and_state() -> None:
    one, same, enroute, text_id, no_state, null_state = parse_delivery_reports(
        body_of(
            report(1),
            report(1, phone="x"),
            report(1, state="ENROUTE"),
            report("1"),
            {"id_state": 1},
            {"id_state": 1, "state": None},
        )
    )
    assert dedupe_key(one) == '["1","DELIVRD"]' == dedupe_key(same) == dedupe_key(text_id)
    assert dedupe_key(enroute) == '["1","ENROUTE"]'
    assert dedupe_key(no_state) == dedupe_key(null_state) == '["1",null]'


# ---- acknowledgement ---------------------------------------------------------------------------------


def test_acknowledgement_of_reports_ids_and_strings() -> None:
    reports = parse_delivery_reports(SEED_BODY)
    assert acknowledgement(reports) == SEED_ACK
    assert acknowledgement([598933232, "598933233", reports[0]]) == SEED_ACK  # repeats dropped, order kept
    assert acknowledgement([]) == []


def test_acknowledgement_keeps_strings_and_writes_integers_in_decimal() -> None:
    assert acknowledgement([7, "4c43afb8-x", "007", 7.0, -1]) == ["7", "4c43afb8-x", "007", "-1"]


@pytest.mark.parametrize("bad", [True, False, "", 1.5, None, [1], {"id": 1}])
def test_acknowledgement_rejects_non_ids(bad: Any) -> None:
    with pytest.raises(ValueError, match="not an id_state"):
        acknowledgement([bad])


# ---- DeliveryReportReceiver.handle -----------------------------------------------------------------


def test_seed_flask_listener_expectation() -> None:
    """The seed's Flask listener answers [str(item['id_state']) for item in body], 200: so does handle."""
    received: list[DeliveryReport] = []
    status, ack = DeliveryReportReceiver(received.append).handle(SEED_BODY)
    assert (status, ack) == (200, [str(item["id_state"]) for item in SEED_BATCH])
    assert [r.to_dict() for r in received] == SEED_BATCH


def test_partial_acceptance_and_redelivery_of_the_rejected_report() -> None:
    callback = Recorder(reject={2})
    receiver = DeliveryReportReceiver(callback)
    assert receiver.handle(body_of(report(1), report(2), report(3))) == (200, ["1", "3"])
    callback.reject = set()
    assert receiver.handle(body_of(report(1), report(2), report(3))) == (200, ["1", "2", "3"])
    assert callback.seen == [1, 2, 3, 2]  # only the rejected one reached the callback again


def test_only_false_rejects() -> None:
    results: dict[int, Any] = {1: None, 2: True, 3: 0, 4: "", 5: False}
    receiver = DeliveryReportReceiver(lambda r: results[r.id_state])
    assert receiver.handle(body_of(*(report(i) for i in results))) == (200, ["1", "2", "3", "4"])


def test_callback_raising_is_logged_and_not_acknowledged(caplog: pytest.LogCaptureFixture) -> None:
    callback = Recorder(fail={2})
    receiver = DeliveryReportReceiver(callback)
    with caplog.at_level(logging.ERROR, logger="gatum_rest_py.webhooks"):
        assert receiver.handle(body_of(report(1), report(2), report(3))) == (200, ["1", "3"])
    (record,) = caplog.records
    assert "id_state=2" in record.getMessage() and record.exc_info is not None
    assert "database down for 2" in caplog.text
    callback.fail = set()
    assert receiver.handle(body_of(report(2))) == (200, ["2"])  # the claim was released
    assert callback.seen == [1, 2, 3, 2]


def test_duplicate_delivery_reaches_callback_once_and_is_acknowledged_again() -> None:
    callback = Recorder()
    receiver = DeliveryReportReceiver(callback)
    assert receiver.handle(SEED_BODY) == (200, SEED_ACK)
    assert receiver.handle(SEED_BODY) == (200, SEED_ACK)
    assert callback.seen == [598933232, 598933233]


def test_duplicate_inside_one_batch() -> None:
    callback = Recorder()
    assert DeliveryReportReceiver(callback).handle(body_of(report(1), report(1), report(2))) == (200, ["1", "2"])
    assert callback.seen == [1, 2]


def test_each_state_of_a_message_reaches_the_callback_once() -> None:
    """ENROUTE then DELIVRD: two reports, two calls; a redelivery of either: none."""
    states: list[tuple[int, str]] = []
    receiver = DeliveryReportReceiver(lambda r: states.append((r.id_state, r.state)))
    assert receiver.handle(body_of(report(1, state="ENROUTE"))) == (200, ["1"])
    assert receiver.handle(body_of(report(1, state="DELIVRD"))) == (200, ["1"])
    assert receiver.handle(body_of(report(1, state="ENROUTE"), report(1, state="DELIVRD"))) == (200, ["1"])
    assert states == [(1, "ENROUTE"), (1, "DELIVRD")]


def test_both_states_in_one_batch_and_one_rejected_leaves_the_id_unacknowledged() -> None:
    """The platform acknowledges by id: acknowledging 1 would drop its rejected DELIVRD for good."""
    states: list[str] = []

    def save(r: DeliveryReport) -> bool:
        states.append(str(r.state))
        return r.state != "DELIVRD" or len(states) > 2

    receiver = DeliveryReportReceiver(save)
    batch = body_of(report(1, state="ENROUTE"), report(1, state="DELIVRD"), report(2, state="UNDELIV"))
    assert receiver.handle(batch) == (200, ["2"])
    assert receiver.handle(batch) == (200, ["1", "2"])  # ENROUTE not called again, DELIVRD accepted now
    assert states == ["ENROUTE", "DELIVRD", "UNDELIV", "DELIVRD"]


def test_integer_and_string_id_are_one_message() -> None:
    callback = Recorder()
    receiver = DeliveryReportReceiver(callback)
    assert receiver.handle(body_of(report(1))) == (200, ["1"])
    assert receiver.handle(body_of(report("1"))) == (200, ["1"])
    assert callback.seen == [1]


def test_mixed_batch_acknowledges_exactly_the_good_reports(caplog: pytest.LogCaptureFixture) -> None:
    """Issue 8: one bad report never blocks the others; bad ones are logged, skipped, not acknowledged."""
    callback = Recorder()
    body = json.dumps(
        [report(1), {"state": "DELIVRD"}, report(None), 7, report("4c43afb8-…"), report(True), report(2.0), report(1.5)]
    )
    with caplog.at_level(logging.WARNING, logger="gatum_rest_py.webhooks"):
        assert DeliveryReportReceiver(callback).handle(body) == (200, ["1", "4c43afb8-…", "2"])
    assert callback.seen == [1, "4c43afb8-…", 2]
    assert [r.getMessage().split(":")[0] for r in caplog.records] == [f"delivery report [{i}]" for i in (1, 2, 3, 5, 7)]


def test_empty_batch_is_answered_with_an_empty_acknowledgement() -> None:
    callback = Recorder()
    assert DeliveryReportReceiver(callback).handle(b"[]") == (200, [])
    assert callback.seen == []


def test_a_body_that_is_not_an_array_is_400_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    callback = Recorder()
    with caplog.at_level(logging.WARNING, logger="gatum_rest_py.webhooks"):
        assert DeliveryReportReceiver(callback).handle(b'{"id_state": 1}') == (400, [])
    assert callback.seen == []
    assert "refused (400)" in caplog.text and "JSON array" in caplog.text


def test_body_over_the_limit_is_413() -> None:
    callback = Recorder()
    receiver = DeliveryReportReceiver(callback, max_body_size=len(SEED_BODY) - 1)
    assert receiver.handle(SEED_BODY) == (413, [])
    assert DeliveryReportReceiver(callback, max_body_size=len(SEED_BODY)).handle(SEED_BODY) == (200, SEED_ACK)
    assert DEFAULT_MAX_BODY_SIZE == 1024 * 1024
    assert DeliveryReportReceiver(callback).max_body_size == DEFAULT_MAX_BODY_SIZE


def test_async_callback_in_sync_handle() -> None:
    seen: list[int] = []

    async def save(report: DeliveryReport) -> bool:
        await asyncio.sleep(0)
        seen.append(report.id_state)
        return report.id_state != 598933233

    assert DeliveryReportReceiver(save).handle(SEED_BODY) == (200, ["598933232"])
    assert seen == [598933232, 598933233]


async def test_sync_handle_with_async_callback_inside_a_loop_says_what_to_do(caplog: pytest.LogCaptureFixture) -> None:
    async def save(report: DeliveryReport) -> None:
        raise AssertionError("must not run")

    receiver = DeliveryReportReceiver(save)
    with caplog.at_level(logging.ERROR, logger="gatum_rest_py.webhooks"):
        assert receiver.handle(SEED_BODY) == (200, [])
    assert "use handle_async" in caplog.text
    assert await receiver.handle_async(body_of(report(5))) == (200, [])  # AssertionError raised: not acknowledged


# ---- concurrency -----------------------------------------------------------------------------------


def test_concurrent_duplicate_is_not_processed_twice() -> None:
    entered, release = threading.Event(), threading.Event()
    calls: list[int] = []

    def slow(report: DeliveryReport) -> None:
        calls.append(report.id_state)
        entered.set()
        assert release.wait(5)

    receiver = DeliveryReportReceiver(slow)
    results: list[tuple[int, list[str]]] = []
    first = threading.Thread(target=lambda: results.append(receiver.handle(body_of(report(1)))))
    first.start()
    try:
        assert entered.wait(5)
        # The first delivery is inside the callback: the duplicate neither calls it nor acknowledges.
        assert receiver.handle(body_of(report(1))) == (200, [])
    finally:
        release.set()
        first.join(5)
    assert results == [(200, ["1"])]
    assert receiver.handle(body_of(report(1))) == (200, ["1"])
    assert calls == [1]


def test_concurrent_duplicate_after_a_rejection_is_processed() -> None:
    entered, release = threading.Event(), threading.Event()
    calls: list[int] = []

    def flaky(report: DeliveryReport) -> bool:
        calls.append(report.id_state)
        entered.set()
        assert release.wait(5)
        return len(calls) > 1  # the first attempt rejects

    receiver = DeliveryReportReceiver(flaky)
    first = threading.Thread(target=receiver.handle, args=(body_of(report(1)),))
    first.start()
    try:
        assert entered.wait(5)
        assert receiver.handle(body_of(report(1))) == (200, [])
    finally:
        release.set()
        first.join(5)
    assert receiver.handle(body_of(report(1))) == (200, ["1"])
    assert calls == [1, 1]


def test_many_threads_delivering_the_same_batch() -> None:
    callback = Recorder()
    receiver = DeliveryReportReceiver(callback)
    barrier = threading.Barrier(16)
    results: list[tuple[int, list[str]]] = []

    def deliver() -> None:
        barrier.wait(5)
        results.append(receiver.handle(SEED_BODY))

    threads = [threading.Thread(target=deliver) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    assert sorted(callback.seen) == [598933232, 598933233]
    assert len(results) == 16 and all(status == 200 and set(ack) <= set(SEED_ACK) for status, ack in results)
    assert set().union(*(ack for _, ack in results)) == set(SEED_ACK)


async def test_concurrent_async_duplicates() -> None:
    entered, release = asyncio.Event(), asyncio.Event()
    calls: list[int] = []

    async def slow(report: DeliveryReport) -> None:
        calls.append(report.id_state)
        if report.id_state == 1:
            entered.set()
            await asyncio.wait_for(release.wait(), 5)

    receiver = DeliveryReportReceiver(slow)
    first = asyncio.create_task(receiver.handle_async(body_of(report(1))))
    try:
        await asyncio.wait_for(entered.wait(), 5)
        # 1 is still being processed by the first delivery: skipped, not acknowledged; 2 is new.
        assert await asyncio.wait_for(receiver.handle_async(body_of(report(1), report(2))), 5) == (200, ["2"])
    finally:
        release.set()
    assert await asyncio.wait_for(first, 5) == (200, ["1"])
    assert await receiver.handle_async(body_of(report(1), report(2))) == (200, ["1", "2"])
    assert calls == [1, 2]


# ---- dedupe stores -----------------------------------------------------------------------------------


def test_memory_store_states_and_lru_bound() -> None:
    store = MemoryDedupeStore(max_size=2)
    assert store.claim("a") == "claimed"
    assert store.claim("a") == "pending"
    store.release("a")
    assert store.claim("a") == "claimed"
    store.accept("a")
    assert store.claim("b") == "claimed"
    store.accept("b")
    assert store.claim("a") == "accepted"  # a is now the most recently delivered
    assert store.claim("c") == "claimed"
    store.accept("c")
    assert len(store) == 2
    assert store.claim("b") == "claimed"  # least recently delivered, dropped
    assert store.claim("a") == "accepted"
    assert store.claim("c") == "accepted"
    with pytest.raises(ValueError, match="max_size"):
        MemoryDedupeStore(max_size=0)


def test_memory_store_ttl_counts_from_last_delivery() -> None:
    now = [0.0]
    store = MemoryDedupeStore(ttl=10, clock=lambda: now[0])
    store.claim("a")
    store.accept("a")
    now[0] = 9
    assert store.claim("a") == "accepted"  # refreshed at 9
    now[0] = 18
    assert store.claim("a") == "accepted"
    now[0] = 28.5
    assert store.claim("a") == "claimed"
    assert len(store) == 0


def test_pending_claims_are_not_evicted() -> None:
    store = MemoryDedupeStore(max_size=1)
    assert store.claim("busy") == "claimed"
    for key in ("x", "y"):
        store.claim(key)
        store.accept(key)
    assert store.claim("busy") == "pending"


def test_a_shared_store_deduplicates_across_receivers() -> None:
    store = MemoryDedupeStore()
    one, two = Recorder(), Recorder()
    assert DeliveryReportReceiver(one, dedupe_store=store).handle(SEED_BODY) == (200, SEED_ACK)
    assert DeliveryReportReceiver(two, dedupe_store=store).handle(SEED_BODY) == (200, SEED_ACK)
    assert (len(one.seen), two.seen) == (2, [])


def test_a_custom_store_is_used() -> None:
    class DictStore:
        def __init__(self) -> None:
            self.states: dict[str, str] = {}
            self.log: list[tuple[str, str]] = []

        def claim(self, key: str) -> Any:
            self.log.append(("claim", key))
            return self.states.setdefault(key, "claimed") if key not in self.states else self.states[key]

        def accept(self, key: str) -> None:
            self.log.append(("accept", key))
            self.states[key] = "accepted"

        def release(self, key: str) -> None:
            self.log.append(("release", key))
            del self.states[key]

    store = DictStore()
    store.states['["1","DELIVRD"]'] = "accepted"
    callback = Recorder(reject={3})
    receiver = DeliveryReportReceiver(callback, dedupe_store=store)
    assert receiver.handle(body_of(report(1), report(2), report(3))) == (200, ["1", "2"])
    assert callback.seen == [2, 3]
    k1, k2, k3 = ('["1","DELIVRD"]', '["2","DELIVRD"]', '["3","DELIVRD"]')
    assert store.log == [("claim", k1), ("claim", k2), ("claim", k3), ("accept", k2), ("release", k3)]


# ---- the ASGI app through httpx.ASGITransport ---------------------------------------------------------


async def test_asgi_app_acknowledges_and_rejects() -> None:
    loop_thread = threading.get_ident()
    threads: list[int] = []

    def save(report: DeliveryReport) -> bool:
        threads.append(threading.get_ident())
        return report.id_state != 598933233

    receiver = DeliveryReportReceiver(save)
    transport = httpx.ASGITransport(app=receiver.asgi_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://dlr.test") as client:
        ok = await client.post("/restdlr", content=SEED_BODY, headers={"Content-Type": "application/json"})
        assert ok.status_code == 200
        assert ok.headers["content-type"] == "application/json"
        assert ok.json() == ["598933232"]
        bad = await client.post("/restdlr", content=b'{"id_state": 1}')
        assert bad.status_code == 400
        assert "JSON array" in bad.json()["error"]
        mixed = await client.post("/restdlr", json=[{"state": "DELIVRD"}, report("77")])
        assert (mixed.status_code, mixed.json()) == (200, ["77"])
        for method in ("GET", "PUT", "DELETE"):
            refused = await client.request(method, "/restdlr")
            assert refused.status_code == 405 and refused.headers["allow"] == "POST"
            assert "POST" in refused.json()["error"]
    assert len(threads) == 3 and loop_thread not in threads  # sync callbacks ran off the event loop


def test_asgi_app_is_served_by_uvicorn_as_an_asgi3_app() -> None:
    """The documented `uvicorn app:receiver.asgi_app`: served for real, the server tells the interface itself."""
    import socket
    import time

    uvicorn = pytest.importorskip("uvicorn")
    got: list[Any] = []
    receiver = DeliveryReportReceiver(lambda r: got.append(r.id_state) is None)
    config = uvicorn.Config(receiver.asgi_app, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        try:
            give_up = time.monotonic() + 10
            while not server.started and time.monotonic() < give_up:
                time.sleep(0.02)
            url = f"http://127.0.0.1:{sock.getsockname()[1]}/restdlr"
            answer = httpx.post(url, json=[report("77")], timeout=5)
        finally:
            server.should_exit = True
            thread.join(10)
    assert config.interface == "asgi3"
    assert (answer.status_code, answer.json(), got) == (200, ["77"], ["77"])


async def test_asgi_app_with_async_callback_and_duplicates() -> None:
    seen: list[int] = []

    async def save(report: DeliveryReport) -> None:
        seen.append(report.id_state)

    receiver = DeliveryReportReceiver(save)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=receiver.asgi_app), base_url="http://t") as client:
        for _ in range(2):
            response = await client.post("/", content=SEED_BODY)
            assert (response.status_code, response.json()) == (200, SEED_ACK)
    assert seen == [598933232, 598933233]


async def test_asgi_app_413_with_and_without_content_length() -> None:
    callback = Recorder()
    receiver = DeliveryReportReceiver(callback, max_body_size=100)

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(10):
            yield b" " * 20

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=receiver.asgi_app), base_url="http://t") as client:
        declared = await client.post("/", content=SEED_BODY)
        assert declared.status_code == 413 and "larger than 100 bytes" in declared.json()["error"]
        streamed = await client.post("/", content=chunks())
        assert streamed.status_code == 413
        small = await client.post("/", content=body_of(report(1)))
        assert (small.status_code, small.json()) == (200, ["1"])
    assert callback.seen == [1]


async def test_asgi_app_stops_reading_an_endless_body() -> None:
    chunks_read = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal chunks_read
        chunks_read += 1
        if chunks_read > 10:
            raise AssertionError("read on past the limit")
        return {"type": "http.request", "body": b" " * 65536, "more_body": True}

    async def send(message: Any) -> None:
        sent.append(message)

    receiver = DeliveryReportReceiver(Recorder(), max_body_size=200_000)
    await asyncio.wait_for(receiver.asgi_app({"type": "http", "method": "POST", "headers": []}, receive, send), 5)
    assert sent[0]["status"] == 413 and chunks_read == 4


async def test_asgi_lifespan() -> None:
    messages = iter([{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}])
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return next(messages)

    async def send(message: Any) -> None:
        sent.append(message)

    await DeliveryReportReceiver(Recorder()).asgi_app({"type": "lifespan"}, receive, send)
    assert sent == [{"type": "lifespan.startup.complete"}, {"type": "lifespan.shutdown.complete"}]


# ---- the WSGI app through httpx.WSGITransport ---------------------------------------------------------


def test_wsgi_app_same_behaviour() -> None:
    callback = Recorder(reject={598933233})
    receiver = DeliveryReportReceiver(callback, max_body_size=1000)
    with httpx.Client(transport=httpx.WSGITransport(app=receiver.wsgi_app), base_url="http://dlr.test") as client:
        ok = client.post("/restdlr", content=SEED_BODY, headers={"Content-Type": "application/json"})
        assert (ok.status_code, ok.headers["content-type"], ok.json()) == (200, "application/json", ["598933232"])
        again = client.post("/restdlr", content=SEED_BODY)
        assert again.json() == ["598933232"]  # 598933233 rejected again, 598933232 acknowledged without a call
        assert callback.seen == [598933232, 598933233, 598933233]
        empty = client.post("/restdlr", content=b"[]")
        assert (empty.status_code, empty.json()) == (200, [])
        bad = client.post("/restdlr", content=b'{"id_state": 1}')
        assert bad.status_code == 400 and "JSON array" in bad.json()["error"]
        not_json = client.post("/restdlr", content=b"id_state=1")
        assert not_json.status_code == 400 and "not JSON" in not_json.json()["error"]
        too_big = client.post("/restdlr", content=b"[" + b" " * 1000 + b"]")
        assert too_big.status_code == 413 and "larger than 1000 bytes" in too_big.json()["error"]
        for method in ("GET", "HEAD", "PATCH"):
            refused = client.request(method, "/restdlr")
            assert refused.status_code == 405 and refused.headers["allow"] == "POST"
    assert len(callback.seen) == 3


def test_wsgi_app_with_async_callback() -> None:
    seen: list[int] = []

    async def save(report: DeliveryReport) -> None:
        seen.append(report.id_state)

    receiver = DeliveryReportReceiver(save)
    with httpx.Client(transport=httpx.WSGITransport(app=receiver.wsgi_app), base_url="http://t") as client:
        assert client.post("/", content=SEED_BODY).json() == SEED_ACK
    assert seen == [598933232, 598933233]


class EndlessInput:
    """A wsgi.input with no end: only reads of a bounded size may be asked for."""

    def __init__(self) -> None:
        self.sizes: list[int] = []

    def read(self, size: int = -1) -> bytes:
        assert size >= 0, "unbounded read"
        self.sizes.append(size)
        return b" " * size


# The reason phrase of 413 is "Content Too Large" from Python 3.13 (RFC 9110), "Request Entity Too Large" before.
TOO_LARGE = f"413 {HTTPStatus(413).phrase}"


def test_wsgi_app_reads_a_body_without_length_only_when_terminated_and_bounded() -> None:
    statuses: list[str] = []
    receiver = DeliveryReportReceiver(Recorder(), max_body_size=1000)
    stream = EndlessInput()
    environ = {"REQUEST_METHOD": "POST", "wsgi.input": stream, "wsgi.input_terminated": True}
    receiver.wsgi_app(environ, lambda status, headers: statuses.append(status))
    assert stream.sizes == [1001]
    no_length = EndlessInput()
    body = receiver.wsgi_app({"REQUEST_METHOD": "POST", "wsgi.input": no_length}, lambda s, h: statuses.append(s))
    assert no_length.sizes == []  # PEP 3333: without Content-Length the body must not be read
    assert statuses == [TOO_LARGE, "400 Bad Request"]
    assert "not JSON" in json.loads(b"".join(body))["error"]
    huge = EndlessInput()
    body = receiver.wsgi_app(
        {"REQUEST_METHOD": "POST", "CONTENT_LENGTH": str(10**9), "wsgi.input": huge}, lambda s, h: statuses.append(s)
    )
    assert huge.sizes == []  # refused on the declared length, nothing read
    assert statuses[-1] == TOO_LARGE


def test_wsgi_app_invalid_content_length() -> None:
    statuses: list[str] = []
    environ = {"REQUEST_METHOD": "POST", "CONTENT_LENGTH": "12x", "wsgi.input": None}
    body = DeliveryReportReceiver(Recorder()).wsgi_app(environ, lambda status, headers: statuses.append(status))
    assert statuses == ["400 Bad Request"]
    assert "Content-Length" in json.loads(b"".join(body))["error"]
