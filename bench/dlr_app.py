"""The WSGI app `make dlr-load` serves with gunicorn: a receiver on a shared RedisDedupeStore.

Configured by the environment the load generator sets (DLR_REDIS_URL, DLR_PREFIX, DLR_SECRET,
DLR_PENDING_TTL). The callback commits its effect — appending the report's dedupe key to the
Redis list `<prefix>processed` — in the same MULTI/EXEC as the acceptance (`accept_in`): every
entry in that list is a callback that completed, and a worker killed before the EXEC left no
entry and no acceptance. So the list holds each (id_state, state) exactly once, or the receiver
(claim / accept / release across workers) is broken.
"""

from __future__ import annotations

import logging
import os
import time

import redis
from gatum_client.models import DeliveryReport

from gatum_rest_py.webhooks import DeliveryReportReceiver, RedisDedupeStore, dedupe_key

# The load generator sends forged batches on purpose: their 403 warnings would drown the figures.
logging.getLogger("gatum_rest_py.webhooks").setLevel(logging.ERROR)

PREFIX = os.environ["DLR_PREFIX"]
client = redis.Redis.from_url(os.environ["DLR_REDIS_URL"])
store = RedisDedupeStore(client, prefix=PREFIX + "dedupe:", pending_ttl=float(os.environ["DLR_PENDING_TTL"]))


def record(report: DeliveryReport) -> None:
    if report.additional_properties.get("bench_stall"):
        # The load generator's kill switch: this worker says it is inside a batch (claims taken, some
        # reports committed, the rest pending) and waits there to be SIGKILLed.
        client.set(PREFIX + "stalled", os.getpid())
        time.sleep(60)
    key = dedupe_key(report)
    pipe = client.pipeline(transaction=True)
    pipe.rpush(PREFIX + "processed", key)
    store.accept_in(pipe, key)
    pipe.execute()


receiver = DeliveryReportReceiver(record, secret=os.environ["DLR_SECRET"], dedupe_store=store)
app = receiver.wsgi_app
