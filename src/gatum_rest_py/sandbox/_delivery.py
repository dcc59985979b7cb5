"""Delivery scenarios: state changes after a send, and delivery reports POSTed to the webhook.

Each (message, number) gets one asyncio task. It waits for the send time (`beginDate`/`beginTime`,
else at once), then: ENROUTE after half of `dlr_delay`, the final state (by the number's magic
outcome) after `dlr_delay`, or `EXPIRED` when the message's `lifetime` is over first (the magic
EXPIRED number always waits for its lifetime). Every wait is on the sandbox clock (`_clock.py`).
Each state change is POSTed, as one JSON array of the reports of all the parts, to the message's
`callback_url` (or the sandbox's default webhook): ENROUTE (unless `intermediate_reports` is off),
then the final state. Reports the receiver does not acknowledge (a 200 whose JSON array holds
their `id_state` as strings) are delivered again, up to `max_attempts` per state, waiting
`retry_delay` doubling between attempts; after the last attempt they wait in the report queue
until `resend_all` (the panel's "Resend all", which gives them `max_attempts` more). Every
attempt and its answer is stored for the inbox.

Order: the first ENROUTE POST is answered (or fails) before the first final POST is made, so a
receiver that acknowledges sees ENROUTE, then the final state. Redeliveries of an unacknowledged
ENROUTE run beside the final state's delivery (they never hold the final state back), so, as on
the platform, a late ENROUTE may come after the final report: dedupe on (`id_state`, `state`, part).

Example (inside the app's event loop):
    deliveries = Deliveries(store, config)
    await deliveries.start()
    deliveries.schedule([598933232], outcome_for("380957225759"), lifetime=86400,
                        url="http://127.0.0.1:5000/restdlr", start=store.clock.now())
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Coroutine, Sequence
from typing import Any
from urllib.parse import urlsplit

import httpx

from ._config import SandboxConfig
from ._sms import Outcome
from ._store import Store

REPORT_FIELDS = ("id_state", "originator", "phone", "type_sms", "text_sms", "num_parts", "part_no", "state", "time")
LATE_DUPLICATE = 3600.0  # sandbox seconds after which the magic "final first" number's final report comes again


def report_of(message: dict[str, Any]) -> dict[str, Any]:
    """A stored message part as the platform reports it (DeliveryReport in the spec)."""
    return {name: message[name] for name in REPORT_FIELDS}


class Deliveries:
    """Runs the state changes and report deliveries of a sandbox (one per app)."""

    def __init__(self, store: Store, config: SandboxConfig) -> None:
        self._store = store
        self._clock = store.clock
        self.config = config  # replaced by a reset: every scenario reads it when it starts
        self._tasks: set[asyncio.Task[None]] = set()
        self._client: httpx.AsyncClient | None = None

    async def start(self) -> None:
        # trust_env=False: a proxy set for the developer's shell must not see loopback webhooks.
        self._client = httpx.AsyncClient(timeout=httpx.Timeout(10.0, connect=5.0), trust_env=False)

    async def stop(self) -> None:
        await self.cancel_all()
        if self._client is not None:
            await self._client.aclose()

    async def cancel_all(self) -> None:
        """Stop every scenario and delivery (a reset, or the sandbox stopping)."""
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    @property
    def pending(self) -> int:
        """Scenarios still running (state changes or deliveries to come)."""
        return len(self._tasks)

    def schedule(
        self, id_states: Sequence[int], outcome: Outcome, *, lifetime: int, url: str | None, start: float
    ) -> None:
        """Start the scenario of the parts of one message to one number, sent at sandbox time
        `start`; `url` None: no reports."""
        self._spawn(self._scenario(list(id_states), outcome, lifetime, url, start))

    def resend_all(self) -> int:
        """Deliver every queued report again, with `max_attempts` new attempts; how many there were."""
        entries = self._store.take_queue()
        batches: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for entry in entries:
            batches.setdefault((entry["url"], entry["state"]), []).append(entry["report"])
        for (url, _), reports in batches.items():
            self._spawn(self._deliver(reports, url))
        return len(entries)

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _scenario(
        self, id_states: list[int], outcome: Outcome, lifetime: int, url: str | None, start: float
    ) -> None:
        delay, clock = self.config.dlr_delay, self._clock
        await clock.sleep_until(start)
        expires = not outcome.after_lifetime and lifetime < delay  # the platform stops trying after it
        final_at = start + (lifetime if outcome.after_lifetime else min(delay, lifetime))
        await clock.sleep_until(min(start + delay / 2, final_at))
        self._set_states(id_states, ["ENROUTE"] * len(id_states))
        enroute = self._reports(id_states)
        url = None if outcome.no_reports else url
        intermediate = bool(url) and self.config.intermediate_reports
        enroute_sent: asyncio.Event | None = None
        if url and intermediate and not outcome.final_first:
            enroute_sent = asyncio.Event()
            self._spawn(self._deliver(enroute, url, first_sent=enroute_sent))
        await clock.sleep_until(final_at)
        finals = ["EXPIRED"] * len(id_states) if expires else outcome.final_states(len(id_states))
        self._set_states(id_states, finals)
        if not url:
            return
        final = self._reports(id_states)
        if enroute_sent is not None:
            await enroute_sent.wait()
        if not outcome.final_first:
            await self._deliver(final, url, duplicate=outcome.duplicate_report)
            return
        final_sent = asyncio.Event()
        self._spawn(self._deliver(final, url, first_sent=final_sent))
        await final_sent.wait()
        if intermediate:
            self._spawn(self._deliver(enroute, url))
        await clock.sleep_until(final_at + LATE_DUPLICATE)
        await self._deliver(final, url)  # the same final report again, an hour later

    def _set_states(self, id_states: list[int], states: list[str]) -> None:
        at = self._store.now_text()
        for id_state, state in zip(id_states, states, strict=True):
            self._store.set_state(id_state, state, at)

    def _reports(self, id_states: list[int]) -> list[dict[str, Any]]:
        # Taken when the state changes: redeliveries carry the state they were made for.
        return [report_of(m) for i in id_states if (m := self._store.message(i)) is not None]

    async def _deliver(
        self,
        reports: list[dict[str, Any]],
        url: str,
        *,
        duplicate: bool = False,
        first_sent: asyncio.Event | None = None,
    ) -> None:
        """POST `reports` until acknowledged or `max_attempts`, then queue what is left;
        `first_sent` is set after the first attempt. Attempt n is due `retry_delay * (2**(n-1) - 1)`
        sandbox seconds after the first, so advancing the clock past them all releases them all."""
        try:
            refusal = self._refusal(url)
            if refusal:
                for report in reports:
                    self._store.add_attempt(report["id_state"], report["state"], 1, url, None, refusal)
                return
            first, attempt = self._clock.now(), 0
            while reports and attempt < self.config.max_attempts:
                if attempt:
                    await self._clock.sleep_until(first + self.config.retry_delay * (2**attempt - 1))
                attempt += 1
                acknowledged = await self._post(url, reports, attempt)
                if duplicate and attempt == 1:
                    attempt += 1  # the platform's occasional double delivery: same body, again
                    acknowledged |= await self._post(url, reports, attempt)
                if first_sent is not None:
                    first_sent.set()
                reports = [r for r in reports if r["id_state"] not in acknowledged]
            if reports:
                self._store.queue_reports(reports, url)
        finally:
            if first_sent is not None:
                first_sent.set()  # a cancelled or failed delivery must not hold the final state back

    def _refusal(self, url: str) -> str:
        """Why reports are not sent to `url` ("" when they are)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return "not sent: only http(s) URLs with a host receive reports"
        allowed = self.config.callback_hosts
        if allowed is not None and parts.hostname not in allowed:
            return f"not sent: host {parts.hostname} is not among the allowed callback hosts"
        return ""

    async def _post(self, url: str, reports: list[dict[str, Any]], attempt: int) -> set[int]:
        assert self._client is not None, "Deliveries.start() was not awaited"
        status: int | None = None
        acknowledged: set[int] = set()
        try:
            response = await self._client.post(url, json=reports)
            status, answer = response.status_code, response.text
            if status == 200:
                acknowledged = _acknowledged(answer)
        except httpx.HTTPError as exc:
            answer = f"{type(exc).__name__}: {exc}"
        for report in reports:
            self._store.add_attempt(report["id_state"], report["state"], attempt, url, status, answer)
        return acknowledged


def _acknowledged(answer: str) -> set[int]:
    """The id_states a receiver's answer acknowledges (a JSON array of digit strings)."""
    try:
        body = json.loads(answer)
    except ValueError:
        return set()
    if not isinstance(body, list):
        return set()
    return {int(item) for item in body if isinstance(item, (str, int)) and str(item).isdigit()}
