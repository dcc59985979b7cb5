"""A sender process for the kill tests: plans its messages in the ledger, then sends them.

    python tests/ledger/kill_sender.py LEDGER_URL BASE_URL LOGIN RUN COUNT BATCH

Prints "started" once imported and connected (the test kills it with SIGKILL at a random moment
after that), then "done" when everything was sent. Even runs plan, then `send_planned`; odd runs
`send_many` (plan and send in one call) with claims that take several batches at once. Message i
has key RUN-i and text "RUN message i".
"""

from __future__ import annotations

import sys

from gatum_rest_py import GatumRESTAPI
from gatum_rest_py.ledger import Ledger, Outbox


def messages(run: str, count: int) -> tuple[list[dict[str, object]], list[str | None]]:
    texts = [f"{run} message {i}" for i in range(count)]
    return (
        [{"numbers": ["380957225759"], "sender_id": "Verify", "text": text} for text in texts],
        [f"{run}-{i}" for i in range(count)],
    )


def main(ledger_url: str, base_url: str, login: str, run: str, count: int, batch: int) -> None:
    ledger = Ledger(ledger_url)
    api = GatumRESTAPI(base_url, username=login, password="pw", max_retries=0)
    print("started", flush=True)
    planned, keys = messages(run, count)
    if int(run.lstrip("r")) % 2:  # every other run: send_many, claims of several batches (held answers: 30 ms each)
        Outbox(api, ledger, batch_size=batch, claim_ahead=0.1).send_many(planned, keys=keys)
    else:
        outbox = Outbox(api, ledger, batch_size=batch)
        outbox.plan(planned, keys=keys)
        outbox.send_planned()
    print("done", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6]))
