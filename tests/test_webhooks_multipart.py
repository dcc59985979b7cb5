"""A multipart message under one `id_state`: each part's report reaches the callback and the ledger.

The platform may report a message of several parts under one id, the parts told by `part_no` /
`num_parts`. Deduplicating on (id_state, state) alone took part 2 for a repeat of part 1: it was
acknowledged without a call, and the ledger never saw it (the message stayed `enroute`). Elsewhere:
the same through the Redis stores (test_webhook_stores.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from gatum_client.models import DeliveryReport

from gatum_rest_py.ledger import Ledger, NewMessage, Outcome
from gatum_rest_py.webhooks import DeliveryReportReceiver, MemoryDedupeStore, dedupe_key, parse_delivery_reports


def part(id_state: Any, part_no: Any, num_parts: Any = 2, state: str = "DELIVRD", **fields: Any) -> dict[str, Any]:
    return {"id_state": id_state, "state": state, "part_no": part_no, "num_parts": num_parts, **fields}


def body_of(*reports: dict[str, Any]) -> bytes:
    return json.dumps(list(reports)).encode()


class Seen:
    def __init__(self) -> None:
        self.calls: list[tuple[Any, Any, Any]] = []

    def __call__(self, report: DeliveryReport) -> None:
        self.calls.append((report.id_state, report.state, report.part_no))


def key_of(item: dict[str, Any]) -> str:
    (only,) = parse_delivery_reports([item])
    return dedupe_key(only)


def test_both_parts_in_one_batch_reach_the_callback() -> None:
    seen = Seen()
    receiver = DeliveryReportReceiver(seen)
    assert receiver.handle(body_of(part(5, 1), part(5, 2))) == (200, ["5"])
    assert seen.calls == [(5, "DELIVRD", 1), (5, "DELIVRD", 2)]
    assert receiver.handle(body_of(part(5, 1), part(5, 2))) == (200, ["5"])  # redelivered: no second call
    assert len(seen.calls) == 2


def test_a_part_in_a_later_batch_reaches_the_callback() -> None:
    seen = Seen()
    receiver = DeliveryReportReceiver(seen)
    assert receiver.handle(body_of(part(6, 1, 3))) == (200, ["6"])
    assert receiver.handle(body_of(part(6, 3, 3), part(6, 1, 3))) == (200, ["6"])
    assert receiver.handle(body_of(part(6, 2, 3))) == (200, ["6"])
    assert seen.calls == [(6, "DELIVRD", 1), (6, "DELIVRD", 3), (6, "DELIVRD", 2)]


def test_an_id_is_acknowledged_only_when_every_part_was_accepted() -> None:
    def save(report: DeliveryReport) -> bool:
        return report.part_no != 2  # part 2 cannot be stored yet

    receiver = DeliveryReportReceiver(save)
    assert receiver.handle(body_of(part(7, 1), part(7, 2))) == (200, [])  # part 2 must come again
    receiver.callback = seen = Seen()
    assert receiver.handle(body_of(part(7, 1), part(7, 2))) == (200, ["7"])
    assert seen.calls == [(7, "DELIVRD", 2)]  # part 1 was accepted the first time


async def test_async_receiver_takes_every_part_too() -> None:
    seen = Seen()
    receiver = DeliveryReportReceiver(seen)
    assert await receiver.handle_async(body_of(part("a-1", 1), part("a-1", 2))) == (200, ["a-1"])
    assert seen.calls == [("a-1", "DELIVRD", 1), ("a-1", "DELIVRD", 2)]


def test_single_part_keys_are_those_of_earlier_releases() -> None:
    # Keys already stored in a shared store by an earlier release must still match after an upgrade.
    for single in (part(1, 1, 1), {"id_state": 1, "state": "DELIVRD"}, part("1", "1", "1"), part(1, 1, None)):
        assert key_of(single) == '["1","DELIVRD"]', single
    assert key_of({"id_state": 1, "part_no": 1, "num_parts": 1}) == '["1",null]'


def test_a_part_of_several_has_its_part_in_the_key() -> None:
    assert key_of(part(5, 1)) == '["5","DELIVRD",1]'
    assert key_of(part(5, 2)) == '["5","DELIVRD",2]' == key_of(part("5", "2", "2")) == key_of(part(5, 2.0, 2.0))
    assert key_of(part(5, 2, None)) == '["5","DELIVRD",2]'  # a part above 1 is a part, num_parts or not
    assert key_of(part(5, 2, 1)) == '["5","DELIVRD",2]'
    assert key_of(part(5, 1, "3")) == '["5","DELIVRD",1]'


@pytest.mark.parametrize("odd", ["x", 0, -1, True, None, 1.5, "", [2], {"n": 2}])
def test_an_odd_part_number_is_tolerated_and_keyed_as_a_single_part(odd: Any) -> None:
    assert key_of(part(5, odd)) == '["5","DELIVRD"]'
    receiver = DeliveryReportReceiver(Seen())
    assert receiver.handle(body_of(part(5, odd))) == (200, ["5"])


# ---- into the ledger --------------------------------------------------------------------------------------


def test_a_message_sent_with_one_id_is_delivered_when_both_parts_come_through_the_receiver(tmp_path: Path) -> None:
    with Ledger(f"sqlite:///{tmp_path / 'ledger.db'}") as ledger:
        ledger.plan([NewMessage("otp", ("380957225759",), "Verify", "a text of two parts", {}, None)])
        [claimed] = ledger.claim(1, worker="w", keys=["otp"])
        ledger.record_outcomes([Outcome("otp", claimed.attempt, "sent", {"380957225759": ["900"]})])
        seen = Seen()
        receiver = DeliveryReportReceiver(seen, ledger=ledger, dedupe_store=MemoryDedupeStore())

        assert receiver.handle(body_of(part(900, 1, state="ENROUTE"))) == (200, ["900"])
        assert receiver.handle(body_of(part(900, 1))) == (200, ["900"])
        message = ledger.get("otp")
        assert message is not None and message.state == "enroute"  # one part of two delivered
        assert receiver.handle(body_of(part(900, 2), part(900, 1))) == (200, ["900"])  # part 2, a later batch
        message = ledger.get("otp")
        assert message is not None and message.state == "delivered"
        assert seen.calls == [(900, "ENROUTE", 1), (900, "DELIVRD", 1), (900, "DELIVRD", 2)]
