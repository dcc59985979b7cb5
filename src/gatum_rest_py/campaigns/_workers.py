"""What a campaign worker does, without Celery: `CampaignWorker.send_share(campaign, batches)`
sends up to `batches` batches of a campaign recorded in the ledger, with nothing but its id.

Everything else comes from the worker's environment (`WorkerEnvironment.from_env`), never from
a task's arguments: the ledger (`GATUM_LEDGER`, PostgreSQL), the login (`GATUM_BASE_URL` and
`GATUM_USERNAME`/`GATUM_PASSWORD` or `GATUM_TOKEN`, as `gatum` reads them) and the Redis that
holds the campaign's shared rate (`GATUM_REDIS_URL`, else the broker's). `gatum_rest_py.campaigns.celery`
wraps these in Celery tasks; the guarantees are the ledger's: a message is sent by whoever
claims it, once, however many times a task is delivered.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .._exceptions import GatumError
from .._process_local import ProcessLocal
from .._retry import RetryConfig
from ._schedule import recorded_schedule
from ._send import CampaignSummary, run_campaign
from ._throttle import SharedRateLimiter

__all__ = [
    "CampaignNotRecordedError",
    "CampaignWorker",
    "SQLiteWithWorkersError",
    "WorkerEnvironment",
    "WorkerSetupError",
    "check_shared_ledger",
    "shares",
]

DEFAULT_BATCHES_PER_TASK = 10
"""Batches one task sends before it ends: short tasks spread over the workers and are redelivered cheaply."""


class WorkerSetupError(GatumError):
    """A campaign worker is missing a setting (named, never its value)."""


class SQLiteWithWorkersError(WorkerSetupError):
    """A SQLite ledger given to Celery workers: each machine would have a file of its own."""

    def __init__(self, shown_url: str) -> None:
        super().__init__(
            f"ledger {shown_url}: Celery workers need a ledger they all reach, "
            "and a SQLite file is one machine's: use a postgresql:// ledger"
        )


class CampaignNotRecordedError(GatumError):
    """The campaign id has no settings in the ledger (not recorded by `gatum campaign send`, or another ledger)."""

    def __init__(self, campaign: str, shown_url: str) -> None:
        super().__init__(f"campaign {campaign!r} has no recorded settings in the ledger {shown_url}")


def check_shared_ledger(url: str) -> str:
    """`url` if it is a ledger every worker can reach (PostgreSQL); SQLiteWithWorkersError otherwise."""
    from ..ledger._url import parse_url

    parsed = parse_url(url)
    if parsed.kind == "sqlite":
        raise SQLiteWithWorkersError(parsed.shown)
    return url


@dataclass(frozen=True)
class WorkerEnvironment(ProcessLocal):
    """A worker's settings, read from its environment; neither `repr` nor a pickle holds a secret
    (it is not pickled: each worker reads its own)."""

    _holds = "a worker's password, token and database URLs"
    _make_instead = "each worker reads its own (WorkerEnvironment.from_env)"

    ledger: str = field(repr=False)
    base_url: str
    redis: str = field(repr=False)
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)
    proxy: str | None = field(default=None, repr=False)

    @classmethod
    def from_env(cls, environ: Mapping[str, str], *, broker: str | None = None) -> WorkerEnvironment:
        """GATUM_LEDGER, GATUM_BASE_URL, GATUM_USERNAME + GATUM_PASSWORD or GATUM_TOKEN, GATUM_PROXY,
        and GATUM_REDIS_URL (else `broker`) for the shared rate (the name `gatum campaign --redis` reads)."""
        missing = [name for name in ("GATUM_LEDGER", "GATUM_BASE_URL") if not environ.get(name)]
        token = environ.get("GATUM_TOKEN") or None
        if token is None and not (environ.get("GATUM_USERNAME") and environ.get("GATUM_PASSWORD")):
            missing.append("GATUM_USERNAME and GATUM_PASSWORD (or GATUM_TOKEN)")
        redis = environ.get("GATUM_REDIS_URL") or broker
        if not redis:
            missing.append("GATUM_REDIS_URL (or a redis:// broker)")
        if missing:
            raise WorkerSetupError(f"a campaign worker needs {', '.join(missing)} in its environment")
        assert redis is not None
        return cls(
            ledger=check_shared_ledger(environ["GATUM_LEDGER"]),
            base_url=environ["GATUM_BASE_URL"],
            redis=redis,
            username=None if token else environ.get("GATUM_USERNAME"),
            password=None if token else environ.get("GATUM_PASSWORD"),
            token=token,
            proxy=environ.get("GATUM_PROXY") or None,
        )


class CampaignWorker:
    """One process's ledger connection, facade and Redis client, opened once and used by every task.

    The facade returns a 429 at once (`max_retry_wait=0`) so that the shared limiter slows
    every worker down, instead of one process waiting it out.
    """

    def __init__(self, env: WorkerEnvironment) -> None:
        import redis as redis_py

        from .._facade import GatumRESTAPI
        from ..ledger import Ledger

        self.env = env
        self.ledger = Ledger(env.ledger)
        self.api = GatumRESTAPI(
            env.base_url,
            username=env.username,
            password=env.password,
            proxy=env.proxy,
            retry=RetryConfig(max_retry_wait=0),
        )
        self.redis = redis_py.Redis.from_url(env.redis)

    def __repr__(self) -> str:
        return f"CampaignWorker({self.env!r}, ledger={self.ledger.url!r})"

    def close(self) -> None:
        self.api.close()
        self.ledger.close()
        self.redis.close()

    def send_share(self, campaign: str, batches: int | None) -> CampaignSummary:
        """Send up to `batches` batches of `campaign` (None: until nothing is planned) at its shared rate."""
        from ..ledger import Outbox, campaign_settings

        settings = campaign_settings(self.ledger, campaign)
        if settings is None:
            raise CampaignNotRecordedError(campaign, self.ledger.url)
        window, at = recorded_schedule(settings)
        limiter = SharedRateLimiter(self.redis, campaign, settings.rate)
        outbox = Outbox(self.api, self.ledger, access_token=self.env.token, batch_size=settings.batch_size)
        return run_campaign(outbox, campaign, limiter, window=window, at=at, max_batches=batches)

    def settle(self, campaign: str, *, stale_after: float, settle: float) -> dict[str, Any]:
        """After a worker died: its `sending` messages (claimed `stale_after` s ago) → in doubt, then
        looked up on the platform; those it does not show after `settle` s are planned again."""
        from ..ledger import Outbox

        marked = self.ledger.mark_stale(stale_after, campaign=campaign)
        outbox = Outbox(self.api, self.ledger, access_token=self.env.token)
        result = outbox.reconcile(settle=settle, resend_missing=True, stale_after=None)
        return {"marked_in_doubt": len(marked), "found": len(result.found), "planned_again": len(result.requeued)}


def shares(planned: int, batch_size: int, batches_per_task: int = DEFAULT_BATCHES_PER_TASK) -> list[int]:
    """The batch counts of the tasks that send `planned` messages, `batches_per_task` batches each."""
    batches = math.ceil(planned / max(1, batch_size))
    tasks = math.ceil(batches / max(1, batches_per_task))
    return [min(batches_per_task, batches - i * batches_per_task) for i in range(tasks)]
