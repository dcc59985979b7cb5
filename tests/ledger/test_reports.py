"""Delivery reports into the ledger, on both databases: out of order, repeated, multipart, before
the send's answer, for ids nobody knows; and through `DeliveryReportReceiver(ledger=…)`."""

from __future__ import annotations

import json
import secrets
from typing import Any

from gatum_rest_py.ledger import Ledger, Outcome, delivery_state
from gatum_rest_py.ledger._states import Unit
from gatum_rest_py.webhooks import DeliveryReportReceiver, MemoryDedupeStore
from ledger._support import new, report


def _sent(ledger: Ledger, key: str, ids: dict[str, list[str]]) -> None:
    ledger.plan([new(key)])
    [claimed] = ledger.claim(1, worker="w", keys=[key])
    ledger.record_outcomes([Outcome(key, claimed.attempt, "sent", ids)])


def _history(ledger: Ledger, key: str) -> list[tuple[str, str, str | None]]:
    message = ledger.get(key)
    assert message is not None
    return [(e.state, e.source, e.id_state) for e in message.events if e.source in ("report", "reports")]


def test_a_late_enroute_stays_in_the_history_not_the_state(ledger_url: str) -> None:
    with Ledger(ledger_url) as ledger:
        _sent(ledger, "m", {"380957225759": ["101"]})
        assert ledger.record_reports([report(101, "DELIVRD", time="2026-12-04 10:00:05")]) == 1
        assert ledger.record_reports([report(101, "ENROUTE", time="2026-12-04 10:00:01")]) == 1
        message = ledger.get("m")
        assert message.state == "delivered"
        assert _history(ledger, "m") == [
            ("delivered", "report", "101"),
            ("delivered", "reports", None),
            ("enroute", "report", "101"),
        ]
        assert message.to_json()["events"][-1]["time"] == "2026-12-04T10:00:01.000Z"  # the report's own time


def test_a_repeated_report_is_kept_once(ledger_url: str) -> None:
    with Ledger(ledger_url) as ledger:
        _sent(ledger, "m", {"380957225759": ["7"]})
        assert ledger.record_reports([report("7", "ENROUTE"), report(7, "ENROUTE")]) == 1
        assert ledger.record_reports([report(7, "ENROUTE")]) == 0
        assert _history(ledger, "m") == [("enroute", "report", "7"), ("enroute", "reports", None)]


def test_a_multipart_message_is_delivered_only_when_every_part_is(ledger_url: str) -> None:
    with Ledger(ledger_url) as ledger:
        # one id per part (what the sandbox does): two ids for one number
        _sent(ledger, "two-ids", {"380957225759": ["201", "202"]})
        ledger.record_reports([report(201, "DELIVRD", part_no=1, num_parts=2)])
        assert ledger.get("two-ids").state == "enroute"
        ledger.record_reports([report(202, "DELIVRD", part_no=2, num_parts=2)])
        assert ledger.get("two-ids").state == "delivered"
        # one id for the whole message, its parts told by part_no
        _sent(ledger, "one-id", {"380957225759": ["300"]})
        ledger.record_reports(
            [report(300, "DELIVRD", part_no=1, num_parts=3), report(300, "DELIVRD", part_no=3, num_parts=3)]
        )
        assert ledger.get("one-id").state == "enroute"
        ledger.record_reports([report(300, "DELIVRD", part_no=2, num_parts=3)])
        assert ledger.get("one-id").state == "delivered"


def test_a_multipart_message_with_a_failed_part_is_undelivered(ledger_url: str) -> None:
    with Ledger(ledger_url) as ledger:
        _sent(ledger, "m", {"380957225759": ["401", "402", "403"]})
        ledger.record_reports(
            [report(401, "DELIVRD", part_no=1, num_parts=3), report(402, "EXPIRED", part_no=2, num_parts=3)]
        )
        assert ledger.get("m").state == "undelivered"  # final at once: it can never be delivered whole
        ledger.record_reports([report(403, "DELIVRD", part_no=3, num_parts=3)])
        assert ledger.get("m").state == "undelivered"


def test_a_report_before_the_answer_is_kept_and_joined(ledger_url: str) -> None:
    with Ledger(ledger_url) as ledger:
        ledger.plan([new("early")])
        [claimed] = ledger.claim(1, worker="w")
        assert ledger.record_reports([report(555, "DELIVRD")]) == 1  # the platform was quicker than our answer
        assert ledger.unmatched_reports()[0]["id_state"] == 555
        ledger.record_outcomes([Outcome("early", claimed.attempt, "sent", {"380957225759": ["555"]})])
        message = ledger.get("early")
        assert message.state == "delivered"
        assert ("delivered", "report", "555") in _history(ledger, "early")
        assert ledger.unmatched_reports() == []


def test_reports_of_unknown_ids_are_kept(ledger_url: str) -> None:
    with Ledger(ledger_url) as ledger:
        ledger.record_reports([report(999, "DELIVRD"), report("abc-1", "UNDELIV")])
        assert sorted(str(r["id_state"]) for r in ledger.unmatched_reports()) == ["999", "abc-1"]
        assert ledger.get("999") is None


def test_an_unknown_platform_state_yields_to_a_definite_one_never_the_reverse(ledger_url: str) -> None:
    with Ledger(ledger_url) as ledger:
        _sent(ledger, "m", {"380957225759": ["61"]})
        ledger.record_reports([report(61, "SOMETHINGNEW")])
        assert ledger.get("m").state == "unknown"
        ledger.record_reports([report(61, "REJECTD")])
        assert ledger.get("m").state == "rejected"
        ledger.record_reports([report(61, "DELIVRD")])
        assert ledger.get("m").state == "rejected"  # a final state is never overwritten


_ODD_VALUES: list[tuple[str, Any]] = [
    # part numbers and counts no message has: beyond SQLite's and PostgreSQL's INTEGER, not numbers (1e999 is inf)
    *[("part_no", value) for value in (2**70, 2**31, 256, 1e999, -1e999, float("nan"))],
    *[("num_parts", value) for value in (2**70, 2**31, 1e999, float("nan"))],
    # times that are no timestamp: too large for a float, inf, NaN (NULL in SQLite), beyond any date; NUL
    *[("time", value) for value in (10**400, 1e999, float("nan"), 1e20, "2026-12-04\x0010:00:00")],
    # text PostgreSQL refuses (NUL; longer than an index entry) or no database encodes (a lone surrogate)
    *[("state", value) for value in ("DELIV\x00RD", "\ud800", secrets.token_hex(3000))],
    *[("id_state", value) for value in ("a\x00b", "\udfff", secrets.token_hex(3000))],
    ("text_sms", "\ud83d"),
]


def test_an_odd_value_in_a_report_neither_breaks_its_batch_nor_gets_it_dropped(ledger_url: str) -> None:
    def same(report: dict[str, Any]) -> str:  # NaN != NaN: compare the JSON
        return json.dumps(report, sort_keys=True)

    with Ledger(ledger_url) as ledger:
        for n, (field, value) in enumerate(_ODD_VALUES):
            good, odd, stray = f"{n}01", f"{n}02", f"{n}03"
            _sent(ledger, f"m{n}", {"380957225759": [good, odd]})  # one id per part
            odd_report = {**report(odd, "DELIVRD"), field: value}
            # of an id nobody knows; an odd id differs from odd_report's at its end (a long one: past the cut)
            odd_stray = {**report(f"{n}04", "DELIVRD"), field: f"{value}!" if field == "id_state" else value}
            batch = [report(good, "DELIVRD"), odd_report, report(stray, "DELIVRD"), odd_stray]
            assert ledger.record_reports(batch) == 4, (field, value)
            assert ledger.record_reports(batch) == 0, (field, value)  # known again, however odd
            message = ledger.get(f"m{n}")
            assert message is not None
            history = _history(ledger, f"m{n}")
            assert ("delivered", "report", good) in history
            unmatched = [same(r) for r in ledger.unmatched_reports()]
            assert same(report(stray, "DELIVRD")) in unmatched
            assert same(odd_stray) in unmatched, (field, value)  # kept exactly as sent
            if field == "id_state":  # not the id the message has: waits among the unmatched
                assert same(odd_report) in unmatched and message.state == "enroute"
            else:  # taken as if the odd field were missing
                state = "unknown" if field == "state" else "delivered"
                assert (state, "report", odd) in history and message.state == state, (field, value)
            assert message.to_json()["events"]  # every time in its history is one that can be shown


def test_delivery_state_rules() -> None:
    ids = {"1": ["a"], "2": ["b"]}
    assert delivery_state(ids, []) is None
    assert delivery_state(ids, [Unit("a", 0, 1, "delivered")]) == "enroute"
    assert delivery_state(ids, [Unit("a", 0, 1, "delivered"), Unit("b", 0, 1, "delivered")]) == "delivered"
    assert delivery_state(ids, [Unit("a", 0, 1, "expired"), Unit("b", 0, 1, "expired")]) == "expired"
    assert delivery_state(ids, [Unit("a", 0, 1, "delivered"), Unit("b", 0, 1, "expired")]) == "undelivered"
    assert delivery_state(ids, [Unit("a", 0, 1, "delivered"), Unit("b", 0, 1, "unknown")]) == "unknown"


def test_the_receiver_writes_reports_into_the_ledger_and_keeps_its_dedupe(ledger_url: str) -> None:
    seen: list[str] = []
    with Ledger(ledger_url) as ledger:
        _sent(ledger, "m", {"380957225759": ["801"]})
        receiver = DeliveryReportReceiver(
            lambda r: seen.append(str(r.state)) is None, ledger=ledger, dedupe_store=MemoryDedupeStore(), secret="s3"
        )
        body = json.dumps([report(801, "ENROUTE"), report(801, "DELIVRD"), report(802, "DELIVRD")])
        assert receiver.handle(body, query_string="secret=wrong") == (403, [])
        assert ledger.get("m").state == "sent"  # refused deliveries write nothing
        assert receiver.handle(body, query_string="secret=s3") == (200, ["801", "802"])
        assert receiver.handle(body, query_string="secret=s3") == (200, ["801", "802"])  # redelivered
        assert seen == ["ENROUTE", "DELIVRD", "DELIVRD"]  # the callback once per (id_state, state)
        assert ledger.get("m").state == "delivered"
        assert [r["id_state"] for r in ledger.unmatched_reports()] == [802]


async def test_the_async_receiver_writes_into_the_ledger_too(sqlite_ledger_url: str) -> None:
    calls: list[str] = []

    async def callback(r: object) -> bool:
        calls.append("called")
        return True

    with Ledger(sqlite_ledger_url) as ledger:
        _sent(ledger, "m", {"380957225759": ["901"]})
        receiver = DeliveryReportReceiver(callback, ledger=ledger)
        assert await receiver.handle_async(json.dumps([report(901, "UNDELIV")])) == (200, ["901"])
        assert calls == ["called"] and ledger.get("m").state == "undelivered"


def test_a_ledger_that_fails_leaves_the_reports_unacknowledged_and_delivered_again(sqlite_ledger_url: str) -> None:
    class Broken:
        def record_reports(self, reports: object) -> int:
            raise OSError("disk gone")

    calls: list[object] = []
    receiver = DeliveryReportReceiver(calls.append, ledger=Broken())
    body = json.dumps([report(1, "DELIVRD"), report(2, "DELIVRD")])
    assert receiver.handle(body) == (200, [])  # nothing acknowledged: the platform delivers again
    assert calls == []
    with Ledger(sqlite_ledger_url) as ledger:
        receiver.ledger = ledger
        assert receiver.handle(body) == (200, ["1", "2"])  # the claims were released: taken now
        assert len(calls) == 2 and len(ledger.unmatched_reports()) == 2


def test_reconcile_matching_takes_the_newest_records_and_keeps_parts_together() -> None:
    from gatum_rest_py.ledger import LedgerMessage
    from gatum_rest_py.ledger._lookup import match_in_doubt

    def doubtful(key: str, text: str) -> LedgerMessage:
        return LedgerMessage(key, "in_doubt", ("380957225759",), "Verify", text, {}, None, 0.0, 0.0)

    def record(id_state: int, text: str, part: int = 1, parts: int = 1) -> dict[str, object]:
        return {"id_state": id_state, "phone": "380957225759", "originator": "Verify", "text_sms": text,
                "part_no": part, "num_parts": parts}  # fmt: skip

    records = [
        record(10, "hi"),  # an identical message sent earlier, outside the ledger
        record(20, "hi"),  # the one in doubt
        record(30, "long", 1, 2),
        record(31, "long", 2, 2),
        record(40, "hi"),  # known to the ledger already: never taken
    ]
    found, taken = match_in_doubt([doubtful("a", "hi"), doubtful("b", "long")], records, known={"40"})
    assert found == {"b": {"380957225759": ["30", "31"]}, "a": {"380957225759": ["20"]}}
    assert sorted(r["id_state"] for r in taken) == [20, 30, 31]
