"""Campaigns across machines: a campaign's batches as Celery tasks (the `[celery]` extra).

    gatum campaign send contacts.csv --from Shop --template "Hi {name}" --rate 200/s \\
        --ledger postgresql://gatum@db/gatum --workers celery --broker redis://queue:6379/0
    celery -A gatum_rest_py.campaigns.celery worker          # on every machine, as many as you like

The app reads its broker from GATUM_CELERY_BROKER (or Celery's own CELERY_BROKER_URL). A task's
arguments are the campaign id and a number of batches, nothing else: each worker takes the
ledger (GATUM_LEDGER, PostgreSQL), the login (GATUM_BASE_URL, GATUM_USERNAME/GATUM_PASSWORD or
GATUM_TOKEN) and the Redis of the shared rate (GATUM_REDIS_URL, else the broker) from its own
environment, and the campaign's settings from the ledger's campaigns table.

Delivery: tasks are acknowledged after they run (`acks_late`) and given back when their worker
dies (`task_reject_on_worker_lost`), one at a time (prefetch 1). A task delivered twice sends
nothing twice: a message goes to whoever claims it in the ledger (PostgreSQL `FOR UPDATE SKIP
LOCKED`). A message a killed worker had claimed stays `sending`: the settle task (or
`gatum campaign resume`) makes it `in_doubt` and looks it up on the platform; it is planned
again only when the platform does not show it after the settle time, never resent blindly.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from celery import Celery, Task
from celery.signals import worker_init

from .._exceptions import GatumError
from ._workers import DEFAULT_BATCHES_PER_TASK, CampaignWorker, WorkerEnvironment, shares

__all__ = [
    "QUEUE",
    "SEND_SHARE",
    "SETTLE",
    "CampaignTask",
    "app",
    "broker_from_env",
    "enqueue_campaign",
    "enqueue_settle",
    "make_app",
]

SEND_SHARE = "gatum.campaign.send_share"
SETTLE = "gatum.campaign.settle"
QUEUE = "gatum-campaigns"  # its own queue: an app's other tasks never wait behind a campaign
DEFAULT_VISIBILITY_TIMEOUT = 3600.0
"""Seconds before a task taken by a worker that vanished (no ack) is given to another (Redis broker)."""


def broker_from_env(environ: Mapping[str, str]) -> str | None:
    """GATUM_CELERY_BROKER, else CELERY_BROKER_URL; None lets Celery apply its own default."""
    return environ.get("GATUM_CELERY_BROKER") or environ.get("CELERY_BROKER_URL") or None


class CampaignTask(Task):  # type: ignore[type-arg]  # celery-types' Task is generic over the call
    """A campaign task: the process's `CampaignWorker`, opened from its environment on first use
    (Celery makes one instance of a task per worker process: its documented place for connections)."""

    acks_late = True
    reject_on_worker_lost = True
    _campaign_worker: CampaignWorker | None = None

    @property
    def campaign_worker(self) -> CampaignWorker:
        if self._campaign_worker is None:
            env = WorkerEnvironment.from_env(os.environ, broker=self.app.conf.broker_url)
            self._campaign_worker = CampaignWorker(env)
        return self._campaign_worker


def _send_share(task: CampaignTask, campaign: str, batches: int) -> dict[str, Any]:
    return task.campaign_worker.send_share(campaign, batches).to_json()


def _settle(task: CampaignTask, campaign: str, stale_after: float, settle: float) -> dict[str, Any]:
    return task.campaign_worker.settle(campaign, stale_after=stale_after, settle=settle)


def make_app(broker: str | None, *, visibility_timeout: float = DEFAULT_VISIBILITY_TIMEOUT) -> Celery:
    """A Celery app for campaign tasks on `broker` (the workers' and the sender's)."""
    made = Celery("gatum_rest_py.campaigns", broker=broker, set_as_current=False)
    made.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_default_queue=QUEUE,
        task_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,  # the ledger is the record: `gatum campaign status`
        broker_connection_retry_on_startup=True,
        broker_transport_options={"visibility_timeout": visibility_timeout},
    )
    made.task(name=SEND_SHARE, base=CampaignTask, bind=True)(_send_share)
    made.task(name=SETTLE, base=CampaignTask, bind=True)(_settle)
    return made


def enqueue_campaign(
    celery_app: Celery,
    campaign: str,
    *,
    planned: int,
    batch_size: int,
    batches_per_task: int = DEFAULT_BATCHES_PER_TASK,
    at: datetime | None = None,
) -> list[int]:
    """Publish the tasks that send `planned` messages of `campaign` (held until `at`); their batch counts."""
    counts = shares(planned, batch_size, batches_per_task)
    for batches in counts:
        celery_app.send_task(SEND_SHARE, args=[campaign, batches], eta=at)
    return counts


def enqueue_settle(celery_app: Celery, campaign: str, *, stale_after: float, settle: float) -> None:
    """Publish a settle task: `sending` messages of dead workers looked up, the missing planned again."""
    celery_app.send_task(SETTLE, args=[campaign, stale_after, settle])


def _visibility(environ: Mapping[str, str]) -> float:
    return float(environ.get("GATUM_CELERY_VISIBILITY_TIMEOUT") or DEFAULT_VISIBILITY_TIMEOUT)


def _check_environment(sender: Any = None, **_: Any) -> None:
    """At a worker's start, not at its first task: a missing setting or a SQLite ledger stops it
    with one line (WorkerSetupError, SQLiteWithWorkersError: URL shown with its password masked)."""
    if getattr(sender, "app", None) is not app:
        return
    try:
        WorkerEnvironment.from_env(os.environ, broker=app.conf.broker_url)
    except GatumError as exc:  # Celery logs and ignores a signal handler's Exception: stop the worker
        raise SystemExit(f"gatum campaign worker: {type(exc).__name__}: {exc}") from None


app = make_app(broker_from_env(os.environ), visibility_timeout=_visibility(os.environ))
"""The app `celery -A gatum_rest_py.campaigns.celery worker` runs (configured from the environment)."""
worker_init.connect(_check_environment, weak=False)
