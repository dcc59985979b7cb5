"""`Outbox`: send through the ledger. Every message is recorded before its request leaves, claimed
so that no two workers send it, and its outcome recorded when the answer comes.

::

    ledger = Ledger("sqlite:///gatum.db")
    outbox = Outbox(GatumRESTAPI(base_url, username=..., password=...), ledger)
    sent = outbox.send(["380957225759"], "Verify", "Your code is 4242", key="otp-user42-1")
    print(sent.key, sent.state, sent.id_states)           # otp-user42-1 sent ['598933232']

    outbox.plan(messages, campaign="black-friday")         # record many, send none
    outbox.send_planned(campaign="black-friday")           # send them, batch by batch
    outbox.reconcile(settle=600, resend_missing=True)      # after a crash: settle what is in doubt

A message in `sending` or `in_doubt` is never sent again by the outbox: `reconcile()` looks it
up on the platform; only `resend_missing=True`, after `settle` seconds, plans it again.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from .._batch import DEFAULT_BATCH_SIZE, CheckedMessage, SendMessagesResult
from .._facade import GatumRESTAPI
from ._lookup import is_group_send, lookups, match_in_doubt, match_stranded
from ._records import LedgerMessage, NewMessage
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
from ._store import Claimed, Ledger, Outcome

__all__ = ["Outbox", "requeue_due"]

DEFAULT_SWEEP_AFTER = 86400.0 + 3600.0
"""A sent message with no final state after a day and an hour (the platform's default lifetime) is stranded."""


ClaimNext = Callable[[Sequence[Outcome], int], list[Claimed]]
"""Records the outcomes given (of the batches sent last) and claims up to that many messages, in
one transaction; [] when none are left."""

CLAIM_AHEAD = 0.01
"""Seconds of sending one claim covers: on a fast link a claim takes several batches at once (up
to MAX_AHEAD), so that the ledger waits for the disk once for all of them, not once per request."""

MAX_AHEAD = 10
"""At most this many batches per claim."""


def requeue_due(doubtful: Sequence[LedgerMessage], found: Mapping[str, Any], settle: float) -> list[str]:
    """The messages in doubt that the platform does not show, whose last attempt is `settle` seconds old
    (never a group send: not finding one says nothing)."""
    now = time.time()
    due = []
    for message in doubtful:
        if is_group_send(message):
            continue
        last = max((a.started for a in message.attempts), default=message.updated)
        if message.key not in found and now - last >= settle:
            due.append(message.key)
    return due


class Outbox:
    """Sending with a `GatumRESTAPI` through a `Ledger` (see the module docstring).

    `access_token`: passed to every call (None: the facade logs in with its username and
    password). `batch_size`: messages per `/v1/send` request. `claim_ahead`: seconds of sending
    one claim may cover (several batches per claim when requests are quick: fewer waits for the
    disk; after a crash, at most that much more is in doubt). `worker`: the name recorded in each
    attempt (default host:pid:random).
    """

    def __init__(
        self,
        api: GatumRESTAPI,
        ledger: Ledger,
        *,
        access_token: str | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        claim_ahead: float = CLAIM_AHEAD,
        worker: str | None = None,
    ) -> None:
        self.api = api
        self.ledger = ledger
        self.access_token = access_token
        self.batch_size = batch_size
        self.claim_ahead = claim_ahead
        self.worker = worker or worker_name()

    def __repr__(self) -> str:
        return f"Outbox({self.api!r}, {self.ledger!r}, worker={self.worker!r})"

    # ---- sending ----------------------------------------------------------------------------

    def send(
        self,
        numbers: Sequence[str | int] | str | int,
        sender_id: str,
        text: str,
        *,
        key: str | None = None,
        campaign: str | None = None,
        **options: Any,
    ) -> OutboxResult:
        """Record, claim and send one message (`send_sms`'s arguments); its result.

        With a `key` already in the ledger nothing is sent: the result is its recorded state.
        """
        message = {"numbers": numbers, "sender_id": sender_id, "text": text, **options}
        return self.send_many([message], keys=[key], campaign=campaign)[0]

    def send_many(
        self,
        messages: Sequence[Mapping[str, Any]],
        *,
        keys: Sequence[str | None] | None = None,
        campaign: str | None = None,
    ) -> list[OutboxResult]:
        """Record all `messages` (one transaction), then send them `batch_size` to a request; one
        result per message, in order. Keys already in the ledger are not sent again."""
        made, checked = checked_messages(messages, keys, campaign, self.access_token)
        return self._send_keys(made, self.ledger.plan(made), checked)

    def plan(
        self,
        messages: Sequence[Mapping[str, Any]],
        *,
        keys: Sequence[str | None] | None = None,
        campaign: str | None = None,
    ) -> list[str]:
        """Record messages as `planned` without sending them (one transaction); their keys."""
        return [key for key, _ in self._plan(messages, keys, campaign)]

    def _plan(
        self, messages: Sequence[Mapping[str, Any]], keys: Sequence[str | None] | None, campaign: str | None
    ) -> list[tuple[str, str]]:
        return self.ledger.plan(new_messages(messages, keys, campaign))

    def send_planned(self, *, campaign: str | None = None, limit: int | None = None) -> list[OutboxResult]:
        """Claim planned messages (of `campaign`; at most `limit`) batch by batch and send them.

        Several workers may run this on one ledger at once: each message goes to one of them.
        """
        claimed_so_far = 0

        def claim_next(done: Sequence[Outcome], count: int) -> list[Claimed]:
            nonlocal claimed_so_far
            size = count if limit is None else min(count, limit - claimed_so_far)
            claimed = self.ledger.claim(max(size, 0), worker=self.worker, campaign=campaign, outcomes=done)
            claimed_so_far += len(claimed)
            return claimed

        return self._pipeline(claim_next)

    def claim(self, limit: int, *, campaign: str | None = None) -> list[Claimed]:
        """Claim up to `limit` planned messages for this worker (they are `sending` now); send
        them with `send_claimed`. For a worker that fetches its own share of a campaign."""
        return self.ledger.claim(limit, worker=self.worker, campaign=campaign)

    def send_claimed(self, claimed: Sequence[Claimed]) -> list[OutboxResult]:
        """Send claimed messages, `batch_size` to a request, and record what came of each."""
        taken = 0

        def claim_next(done: Sequence[Outcome], count: int) -> list[Claimed]:
            nonlocal taken
            if done:
                self.ledger.record_outcomes(done)
            taken += count
            return list(claimed[taken - count : taken])

        try:
            return self._pipeline(claim_next)
        except BaseException:  # the windows never handed out did not leave: planned again, not left `sending`
            if claimed[taken:]:
                with contextlib.suppress(Exception):
                    self.ledger.record_outcomes(not_sent_outcomes(claimed[taken:]))
            raise

    def _send_keys(
        self,
        messages: Sequence[NewMessage],
        planned: Sequence[tuple[str, str]],
        checked: Mapping[str, CheckedMessage],
    ) -> list[OutboxResult]:
        fresh = [message for message, (_, state) in zip(messages, planned, strict=True) if state == "planned"]
        taken = 0

        def claim_next(done: Sequence[Outcome], count: int) -> list[Claimed]:
            nonlocal taken
            while taken < len(fresh):  # a message another worker claimed first is simply not sent here
                taken += count
                claimed = self.ledger.claim_messages(fresh[taken - count : taken], worker=self.worker, outcomes=done)
                if claimed:
                    return claimed
                done = ()  # recorded with that (empty) claim
            if done:
                self.ledger.record_outcomes(done)
            return []

        done = {result.key: result for result in self._pipeline(claim_next, checked)}
        return [done.get(key) or self._recorded(key) for key, _ in planned]

    def _pipeline(
        self, claim_next: ClaimNext, checked: Mapping[str, CheckedMessage] | None = None
    ) -> list[OutboxResult]:
        """Claim, send, record. A helper thread runs, beside the requests of one window of claimed
        batches, one transaction that records the answers of the window before and claims the next
        window (on disk before its first request leaves); how many batches a window holds follows
        the time a request takes (`claim_ahead`). A failed transaction stops the run; what it did
        not record stays `sending`, which reconcile settles."""
        results: list[OutboxResult] = []
        size = self.batch_size
        with ThreadPoolExecutor(1, thread_name_prefix="gatum-ledger") as helper:
            window = claim_next((), size)
            unrecorded: list[Outcome] = []
            count = size
            while window:
                ahead = helper.submit(claim_next, unrecorded, count)
                done: list[Outcome] = []
                started = time.monotonic()
                for start in range(0, len(window), size):
                    batch = window[start : start + size]
                    try:
                        told = self._send(batch, checked)
                    except BaseException:  # this batch: recorded by _send
                        self._stopped(done, window[start + size :], ahead)
                        raise
                    outcomes = outcomes_of(batch, told)
                    results += results_of(outcomes, told)
                    done += outcomes
                per_request = (time.monotonic() - started) / -(-len(window) // size)
                count = size * max(1, min(MAX_AHEAD, int(self.claim_ahead / max(per_request, 1e-6))))
                window, unrecorded = ahead.result(), done
            if unrecorded:
                self.ledger.record_outcomes(unrecorded)
        return results

    def _send(self, batch: Sequence[Claimed], checked: Mapping[str, CheckedMessage] | None) -> SendMessagesResult:
        wires = wires_of(batch, checked)
        try:
            return self.api.send_messages(self.access_token, wires, batch_size=len(wires))
        except BaseException as exc:  # Ctrl-C mid-request included: may have left, so in doubt
            self.ledger.record_outcomes(failed_outcomes(batch, exc))
            raise

    def _stopped(self, done: Sequence[Outcome], unsent: Sequence[Claimed], ahead: Future[list[Claimed]]) -> None:
        """A request failed (or Ctrl-C): record the answers of this window's earlier batches, and put
        the claimed messages that never left back to `planned` (best effort; if this fails too, they
        stay `sending` and reconcile settles them)."""
        try:
            claimed_ahead = ahead.result()
        except Exception:  # the claim ahead failed: nothing more of it to undo
            claimed_ahead = []
        with contextlib.suppress(Exception):  # the error being raised already says what went wrong
            self.ledger.record_outcomes([*done, *not_sent_outcomes([*unsent, *claimed_ahead])])

    def _recorded(self, key: str) -> OutboxResult:
        message = self.ledger.get(key)
        if message is None:  # cannot happen: it was planned in this ledger
            return OutboxResult(key, "unknown", detail="not in the ledger")
        ids = {number: list(ids) for number, ids in message.ids.items()}
        return OutboxResult(key, message.state, ids, detail="already in the ledger: not sent again")

    # ---- after a crash, and later -------------------------------------------------------------

    def resume(self, *, stale_after: float = DEFAULT_STALE_AFTER) -> list[str]:
        """Messages left `sending` for `stale_after` seconds (their sender died) → `in_doubt`; their keys.
        Pass 0 when you know no other sender is running (a restarted single process)."""
        return self.ledger.mark_stale(stale_after)

    def reconcile(
        self,
        *,
        settle: float = DEFAULT_SETTLE,
        resend_missing: bool = False,
        stale_after: float | None = DEFAULT_STALE_AFTER,
    ) -> ReconcileResult:
        """Settle the messages in doubt against the platform (`sms_full_data`).

        First `resume(stale_after)` (unless None). A message the platform shows → `sent`, with its
        ids (and its state as a report). One it does not show stays `in_doubt`, unless
        `resend_missing` and its last attempt is `settle` seconds old: then `planned` again (and
        `send_planned()` sends it). Choose `settle` longer than the platform takes to list a send.
        """
        marked = self.resume(stale_after=stale_after) if stale_after is not None else []
        doubtful = self.ledger.messages(state="in_doubt")
        if not doubtful:
            return ReconcileResult(marked_in_doubt=marked)
        records = [record for lookup in lookups(doubtful) for record in self._records(lookup.filters())]
        known = self.ledger.known_ids([str(r.get("id_state")) for r in records])
        found, taken = match_in_doubt(doubtful, records, known)
        requeue = requeue_due(doubtful, found, settle) if resend_missing else []
        self.ledger.resolve(found, requeue, source="reconcile")
        if taken:
            self.ledger.record_reports(taken, source="reconcile")
        still = [m.key for m in doubtful if m.key not in found and m.key not in requeue]
        return ReconcileResult(list(found), requeue, still, marked)

    def sweep(self, *, older_than: float = DEFAULT_SWEEP_AFTER) -> SweepResult:
        """Look up sent messages with no final state after `older_than` seconds and record what the
        platform says of them (reports lost after the platform's 5 attempts come back this way)."""
        stranded = self.ledger.stranded(older_than)
        if not stranded:
            return SweepResult(0, 0)
        records = [record for lookup in lookups(stranded) for record in self._records(lookup.filters())]
        return SweepResult(len(stranded), self.ledger.record_reports(match_stranded(stranded, records), source="sweep"))

    def _records(self, filters: dict[str, Any]) -> list[dict[str, Any]]:
        return [record.to_dict() for record in self.api.iter_sms_full_data(self.access_token, **filters)]
