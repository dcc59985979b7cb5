"""`AsyncOutbox`: the asyncio `Outbox`, over `AsyncGatumRESTAPI`.

The same rules and the same ledger; the ledger's calls (short transactions) run in worker
threads so that the event loop never waits on the database. Up to `max_concurrency` batches
are in flight at once, each claimed before it leaves and recorded when its answer comes.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from .._batch import DEFAULT_BATCH_SIZE, DEFAULT_MAX_CONCURRENCY, CheckedMessage
from .._facade import AsyncGatumRESTAPI
from ._lookup import lookups, match_in_doubt, match_stranded
from ._outbox import DEFAULT_SWEEP_AFTER, requeue_due
from ._records import NewMessage
from ._sending import (
    DEFAULT_SETTLE,
    DEFAULT_STALE_AFTER,
    OutboxResult,
    ReconcileResult,
    SweepResult,
    checked_messages,
    failed_outcomes,
    new_messages,
    not_sent_outcomes,
    outcomes_of,
    results_of,
    wires_of,
    worker_name,
)
from ._store import Claimed, Ledger

__all__ = ["AsyncOutbox"]


class AsyncOutbox:
    """Sending with an `AsyncGatumRESTAPI` through a `Ledger`; the methods of `Outbox`, as coroutines."""

    def __init__(
        self,
        api: AsyncGatumRESTAPI,
        ledger: Ledger,
        *,
        access_token: str | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        max_concurrency: int = DEFAULT_MAX_CONCURRENCY,
        worker: str | None = None,
    ) -> None:
        self.api = api
        self.ledger = ledger
        self.access_token = access_token
        self.batch_size = batch_size
        self.max_concurrency = max_concurrency
        self.worker = worker or worker_name()

    def __repr__(self) -> str:
        return f"AsyncOutbox({self.api!r}, {self.ledger!r}, worker={self.worker!r})"

    async def send(
        self,
        numbers: Sequence[str | int] | str | int,
        sender_id: str,
        text: str,
        *,
        key: str | None = None,
        campaign: str | None = None,
        **options: Any,
    ) -> OutboxResult:
        """See `Outbox.send`."""
        message = {"numbers": numbers, "sender_id": sender_id, "text": text, **options}
        return (await self.send_many([message], keys=[key], campaign=campaign))[0]

    async def send_many(
        self,
        messages: Sequence[Mapping[str, Any]],
        *,
        keys: Sequence[str | None] | None = None,
        campaign: str | None = None,
    ) -> list[OutboxResult]:
        """See `Outbox.send_many`; up to `max_concurrency` batches in flight."""
        made, wires = checked_messages(messages, keys, campaign, self.access_token)
        planned = await asyncio.to_thread(self.ledger.plan, made)
        fresh = [message for message, (_, state) in zip(made, planned, strict=True) if state == "planned"]
        chunks = [fresh[i : i + self.batch_size] for i in range(0, len(fresh), self.batch_size)]

        async def claim(chunk: Sequence[NewMessage]) -> list[Claimed]:
            return await self._claiming(functools.partial(self.ledger.claim_messages, chunk, worker=self.worker))

        done = {r.key: r for r in await self._in_flight(chunks, claim, wires)}
        results = []
        for key, _ in planned:
            if key not in done:
                message = await asyncio.to_thread(self.ledger.get, key)
                state = message.state if message is not None else "unknown"
                ids = {n: list(i) for n, i in message.ids.items()} if message is not None else {}
                done[key] = OutboxResult(key, state, ids, detail="already in the ledger: not sent again")
            results.append(done[key])
        return results

    async def plan(
        self,
        messages: Sequence[Mapping[str, Any]],
        *,
        keys: Sequence[str | None] | None = None,
        campaign: str | None = None,
    ) -> list[str]:
        """See `Outbox.plan`."""
        planned = await asyncio.to_thread(self.ledger.plan, new_messages(messages, keys, campaign))
        return [key for key, _ in planned]

    async def claim(self, limit: int, *, campaign: str | None = None) -> list[Claimed]:
        """See `Outbox.claim`."""
        return await self._claiming(functools.partial(self.ledger.claim, limit, worker=self.worker, campaign=campaign))

    async def _claiming(self, claim: Callable[[], list[Claimed]]) -> list[Claimed]:
        """`claim()` in a worker thread. Cancelled while it runs, the thread still commits the claim:
        what it claimed then goes back to `planned` when it is done (nothing of it was sent), instead
        of staying `sending` until reconcile takes it for a message in doubt."""
        claiming = asyncio.get_running_loop().run_in_executor(None, claim)
        try:
            return await asyncio.shield(claiming)
        except asyncio.CancelledError:
            claiming.add_done_callback(self._put_back)
            raise

    def _put_back(self, claiming: asyncio.Future[list[Claimed]]) -> None:
        claimed = [] if claiming.cancelled() or claiming.exception() is not None else claiming.result()
        if claimed:
            with contextlib.suppress(Exception):  # best effort: if this fails too, reconcile settles them
                self.ledger.record_outcomes(not_sent_outcomes(claimed, "not sent: cancelled"))

    async def _unsent(self, claimed: Sequence[Claimed]) -> list[OutboxResult]:
        """Claimed messages that will not leave (the run stopped): planned again; no results."""
        if claimed:
            await asyncio.to_thread(self.ledger.record_outcomes, not_sent_outcomes(claimed))
        return []

    async def send_claimed(self, claimed: Sequence[Claimed]) -> list[OutboxResult]:
        """See `Outbox.send_claimed`; batches concurrently."""
        batches = [claimed[i : i + self.batch_size] for i in range(0, len(claimed), self.batch_size)]
        return await self._in_flight(batches, None, None)

    async def send_planned(self, *, campaign: str | None = None, limit: int | None = None) -> list[OutboxResult]:
        """See `Outbox.send_planned`: claims `batch_size * max_concurrency` at a time."""
        results: list[OutboxResult] = []
        while limit is None or len(results) < limit:
            size = self.batch_size * self.max_concurrency
            claimed = await self.claim(size if limit is None else min(size, limit - len(results)), campaign=campaign)
            if not claimed:
                break
            results += await self.send_claimed(claimed)
        return results

    async def _in_flight(
        self,
        chunks: Sequence[Sequence[Any]],
        claim: Callable[[Sequence[NewMessage]], Awaitable[list[Claimed]]] | None,
        checked: Mapping[str, CheckedMessage] | None,
    ) -> list[OutboxResult]:
        """Each chunk claimed (by `claim`; None: claimed already) and sent, up to `max_concurrency`
        at once; the results in chunk order. After the first failure nothing more is claimed or
        sent: the batches in flight finish and are recorded, the claimed ones that did not leave
        are planned again, and then the failure is raised (no request leaves after the call failed)."""
        gate = asyncio.Semaphore(self.max_concurrency)
        failed: list[BaseException] = []

        async def one(chunk: Sequence[Any]) -> list[OutboxResult]:
            async with gate:
                try:
                    if failed:  # stopped before this chunk's turn: nothing of it is claimed or sent
                        return await self._unsent(chunk if claim is None else ())
                    claimed = chunk if claim is None else await claim(chunk)
                    if failed:  # stopped while this chunk was being claimed
                        return await self._unsent(claimed)
                    return await self._send_batch(claimed, checked)
                except BaseException as exc:
                    failed.append(exc)
                    raise

        batches = await asyncio.gather(*(one(chunk) for chunk in chunks), return_exceptions=True)
        if failed:
            raise failed[0]
        return [result for batch in batches if isinstance(batch, list) for result in batch]

    async def _send_batch(
        self, batch: Sequence[Claimed], checked: Mapping[str, CheckedMessage] | None = None
    ) -> list[OutboxResult]:
        if not batch:
            return []
        wires = wires_of(batch, checked)
        try:
            told = await self.api.send_messages(self.access_token, wires, batch_size=len(wires))
        except BaseException as exc:  # cancelled mid-request included: may have left, so in doubt
            self.ledger.record_outcomes(failed_outcomes(batch, exc))  # not in a thread: we may be cancelled
            raise
        outcomes = outcomes_of(batch, told)
        await asyncio.to_thread(self.ledger.record_outcomes, outcomes)
        return results_of(outcomes, told)

    async def resume(self, *, stale_after: float = DEFAULT_STALE_AFTER) -> list[str]:
        """See `Outbox.resume`."""
        return await asyncio.to_thread(self.ledger.mark_stale, stale_after)

    async def reconcile(
        self,
        *,
        settle: float = DEFAULT_SETTLE,
        resend_missing: bool = False,
        stale_after: float | None = DEFAULT_STALE_AFTER,
    ) -> ReconcileResult:
        """See `Outbox.reconcile`."""
        marked = await self.resume(stale_after=stale_after) if stale_after is not None else []
        doubtful = await asyncio.to_thread(self.ledger.messages, state="in_doubt")
        if not doubtful:
            return ReconcileResult(marked_in_doubt=marked)
        records = [record for lookup in lookups(doubtful) for record in await self._records(lookup.filters())]
        known = await asyncio.to_thread(self.ledger.known_ids, [str(r.get("id_state")) for r in records])
        found, taken = match_in_doubt(doubtful, records, known)
        requeue = requeue_due(doubtful, found, settle) if resend_missing else []
        await asyncio.to_thread(self.ledger.resolve, found, requeue, source="reconcile")
        if taken:
            await asyncio.to_thread(self.ledger.record_reports, taken, source="reconcile")
        still = [m.key for m in doubtful if m.key not in found and m.key not in requeue]
        return ReconcileResult(list(found), requeue, still, marked)

    async def sweep(self, *, older_than: float = DEFAULT_SWEEP_AFTER) -> SweepResult:
        """See `Outbox.sweep`."""
        stranded = await asyncio.to_thread(self.ledger.stranded, older_than)
        if not stranded:
            return SweepResult(0, 0)
        records = [record for lookup in lookups(stranded) for record in await self._records(lookup.filters())]
        matched = match_stranded(stranded, records)
        return SweepResult(len(stranded), await asyncio.to_thread(self.ledger.record_reports, matched, source="sweep"))

    async def _records(self, filters: dict[str, Any]) -> list[dict[str, Any]]:
        return [record.to_dict() async for record in self.api.iter_sms_full_data(self.access_token, **filters)]
