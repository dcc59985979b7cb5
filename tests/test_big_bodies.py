"""A big answer (over 1 MiB) becomes models with the garbage collector paused, then restored.

See gatum_rest_py._body: building 100,000 models otherwise sets off collections that walk the
whole growing heap. The pause must never outlive the parse, nor undo a caller's own gc.disable().
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from gatum_client.models import DeliveryReport, SmsFullDataResponse
from gatum_client.models import sms_full_data_response as module
from seed_values import DLR_RECORD

from gatum_rest_py import GatumRESTAPI
from gatum_rest_py._body import BIG_BODY

RECORD = {**DLR_RECORD, "vendor_field": {"kept": True}}


def answer_of(records: int) -> bytes:
    return json.dumps({"status": True, "data": [{**RECORD, "id_state": i} for i in range(records)]}).encode()


@pytest.fixture
def collector_seen(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """Whether the collector was enabled each time the records' models were built (one call per list)."""
    seen: list[bool] = []

    class Recording(DeliveryReport):
        @classmethod
        def _from_owned_dicts(cls, items: Any) -> Any:
            seen.append(gc.isenabled())
            return DeliveryReport._from_owned_dicts(items)

    monkeypatch.setattr(module, "DeliveryReport", Recording)
    was = gc.isenabled()
    yield seen
    gc.enable() if was else gc.disable()


def api_answering(body: bytes) -> GatumRESTAPI:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=body))
    return GatumRESTAPI("https://gatum.test", transport=transport)


def test_a_big_answer_is_parsed_whole_with_the_collector_paused_then_restored(collector_seen: list[bool]) -> None:
    body = answer_of(8000)
    assert len(body) > BIG_BODY
    gc.enable()
    with api_answering(body) as api:
        parsed = api.sms_full_data("tok").parsed
    assert isinstance(parsed, SmsFullDataResponse) and len(parsed.data) == 8000
    assert parsed.to_dict() == json.loads(body)  # nothing lost, vendor fields included
    assert collector_seen == [False]
    assert gc.isenabled()


def test_a_small_answer_leaves_the_collector_alone(collector_seen: list[bool]) -> None:
    gc.enable()
    with api_answering(answer_of(3)) as api:
        response = api.sms_full_data("tok")
    assert collector_seen == []  # the facade parses when .parsed is first read
    assert len(response.parsed.data) == 3
    assert collector_seen == [True]


def test_a_collector_the_caller_disabled_stays_disabled(collector_seen: list[bool]) -> None:
    gc.disable()
    with api_answering(answer_of(8000)) as api:
        assert len(api.sms_full_data("tok").parsed.data) == 8000
    assert collector_seen == [False]
    assert not gc.isenabled()


def test_the_collector_is_restored_when_a_big_answer_fits_no_model(collector_seen: list[bool]) -> None:
    bad = answer_of(8000).replace(b'"id_state": 7999,', b"", 1)  # a record without its id: no model
    gc.enable()
    with api_answering(bad) as api:
        parsed = api.sms_full_data("tok").parsed
        response = api.sms_full_data("tok")
    assert type(parsed).__name__ == "UnparsedBody"
    assert gc.isenabled()
    # The records before the bad one were taken over by models before the parse failed: what is
    # kept, and what json() gives, is the body as sent all the same.
    assert parsed.data == json.loads(bad) == response.json()
