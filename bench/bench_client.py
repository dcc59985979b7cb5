"""`make bench`: the client's speed against its baselines, on loopback, with one table of ratios.

Measured in one run (servers: bench/loopback_server.py in a separate process, so the client's
CPU time is the client's alone):

* per call, sync, over HTTP and HTTPS (a throw-away CA made with trustme): client CPU per
  `send_sms` of the facade, the facade without validation and the typed path, against a raw
  pooled `httpx.Client`; the vendor's old pattern (`requests.post` per call, a new connection,
  TLS handshake and CA-bundle load each time) for comparison;
* async scaling with 20 ms server latency: throughput of `AsyncGatumRESTAPI` at concurrency 10,
  50 and 200, as a default install makes it (no options: the aiohttp backend, default limits) and
  with httpx's own pool (`http_backend="httpx"`, 256 connections), against sync calls one after
  another;
* 10,000 personalised messages: single sends (estimated from a timed subset, said so) against
  `send_messages` in batches;
* parsing a 100,000-record `sms-full-data` answer (in-process transport) against `json.loads`;
* checking a send to 10,000 numbers against the JSON encoding of the same body.

Prints the table (median and min-max of the rounds) and writes it to bench/RESULTS.md with the
machine's description. Numbers only: nothing here passes or fails a build.

`--only SECTION` (per-call, scaling, messages, parsing, validation, import) runs one section and
prints its table and targets without touching RESULTS.md::

    .venv/bin/python bench/bench_client.py --only scaling
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import certifi
import httpx
import requests
import trustme
from gatum_client.api.sms import send_sms, sms_full_data
from gatum_client.models import SendMessage, SmsFullDataRequest

import gatum_rest_py
from gatum_rest_py import AsyncGatumRESTAPI, Client, GatumRESTAPI
from gatum_rest_py import _batch as batch
from gatum_rest_py._transports import DEFAULT_HTTP_BACKEND
from gatum_rest_py._validation import validate_body

HERE = Path(__file__).resolve().parent
TOKEN = "bench-token"
MESSAGE = {"number": ["380957225759", "380661093766"], "senderID": "Verify", "text": "Your OTP is 42488"}
LATENCY = 0.02
QUICK = os.environ.get("BENCH_QUICK") == "1"  # fewer calls, for trying the script out
ROUNDS = 3
ASYNC_ROUNDS = 5  # throughput with hundreds in flight moves more from round to round: more rounds
rows: list[dict[str, Any]] = []


def row(section: str, name: str, values: list[float], unit: str, baseline: list[float] | None = None) -> float:
    """Record a measurement (its rounds); returns the median ratio to `baseline` (or the median)."""
    med = statistics.median(values)
    ratio = med / statistics.median(baseline) if baseline else None
    rows.append(
        {
            "section": section,
            "name": name,
            "median": med,
            "lo": min(values),
            "hi": max(values),
            "unit": unit,
            "ratio": ratio,
        }
    )
    return ratio if ratio is not None else med


@contextmanager
def server(latency: float = 0.0, cert: tuple[str, str] | None = None) -> Iterator[int]:
    args = [sys.executable, str(HERE / "loopback_server.py"), "--latency", str(latency)]
    if cert:
        args += ["--certfile", cert[0], "--keyfile", cert[1]]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        yield int(proc.stdout.readline())
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def cpu_per_call(fn: Callable[[], object], calls: int) -> list[float]:
    """Client CPU microseconds per call, one value per round."""
    fn()  # warm up: connection made, caches filled
    rounds = []
    for _ in range(ROUNDS):
        start = time.process_time()
        for _ in range(calls):
            fn()
        rounds.append((time.process_time() - start) / calls * 1e6)
    return rounds


def per_call(scheme: str, port: int, verify: Any, bundle: str | None) -> None:
    url = f"{scheme}://127.0.0.1:{port}"
    section = f"per call, sync, {scheme.upper()} (client CPU)"
    calls = 200 if QUICK else 1000
    body = [MESSAGE]
    raw = httpx.Client(base_url=url, verify=verify)
    headers = {"X-Access-Token": TOKEN}

    def raw_call() -> object:
        return raw.post("/v1/send", content=json.dumps(body).encode(), headers=headers).json()

    api = GatumRESTAPI(url, verify=verify)
    unchecked = GatumRESTAPI(url, verify=verify, validate=False)
    typed = Client(url, access_token=TOKEN, verify=verify)
    numbers, sender, text = MESSAGE["number"], "Verify", MESSAGE["text"]
    base = cpu_per_call(raw_call, calls)
    row(section, "raw pooled httpx.Client (baseline)", base, "µs/call", base)
    row(
        section,
        "GatumRESTAPI.send_sms",
        cpu_per_call(lambda: api.send_sms(TOKEN, numbers, sender, text), calls),
        "µs/call",
        base,
    )
    row(
        section,
        "GatumRESTAPI.send_sms, validate=False",
        cpu_per_call(lambda: unchecked.send_sms(TOKEN, numbers, sender, text), calls),
        "µs/call",
        base,
    )
    row(
        section,
        "typed path send_sms.sync_detailed",
        cpu_per_call(lambda: send_sms.sync_detailed(client=typed, body=[SendMessage.from_dict(MESSAGE)]), calls),
        "µs/call",
        base,
    )
    old_verify: Any = bundle if bundle else True

    def old_pattern() -> object:  # the vendor's old client: requests.post per call
        return requests.post(url + "/v1/send", json=body, headers=headers, verify=old_verify, timeout=30).json()

    row(section, "old library pattern (requests.post per call)", cpu_per_call(old_pattern, calls // 5), "µs/call", base)
    for closable in (raw, api, unchecked, typed):
        closable.close()


DEFAULT = "default"  # AsyncGatumRESTAPI(url): what `pip install gatum-rest-py` gives, no options


def facade(url: str, backend: str) -> AsyncGatumRESTAPI:
    if backend == DEFAULT:
        return AsyncGatumRESTAPI(url)
    limits = httpx.Limits(max_connections=256, max_keepalive_connections=256)
    return AsyncGatumRESTAPI(url, http_backend=backend, limits=limits)  # type: ignore[arg-type]


BACKEND_LINES = {
    DEFAULT: f"AsyncGatumRESTAPI default install ({DEFAULT_HTTP_BACKEND}, default limits)",
    "httpx": "AsyncGatumRESTAPI http_backend='httpx' (httpx's pool, 256 connections)",
}


def scaling(port: int) -> dict[str, float]:
    url = f"http://127.0.0.1:{port}"
    section = "async scaling, 20 ms latency (throughput vs sync)"
    numbers, sender, text = MESSAGE["number"], "Verify", MESSAGE["text"]
    with GatumRESTAPI(url) as api:
        api.send_sms(TOKEN, numbers, sender, text)
        sync_rounds = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            for _ in range(30):
                api.send_sms(TOKEN, numbers, sender, text)
            sync_rounds.append(30 / (time.perf_counter() - start))
    row(section, "sync GatumRESTAPI, one call after another (baseline)", sync_rounds, "req/s", sync_rounds)
    best: dict[str, float] = {}

    async def run(backend: str, concurrency: int) -> list[float]:
        total = max(300, concurrency * (4 if QUICK else 10))
        async with facade(url, backend) as api:
            await asyncio.gather(*(api.send_sms(TOKEN, numbers, sender, text) for _ in range(concurrency)))
            rounds = []
            for _ in range(ASYNC_ROUNDS):

                async def worker() -> None:
                    for _ in range(total // concurrency):
                        await api.send_sms(TOKEN, numbers, sender, text)

                start = time.perf_counter()
                await asyncio.gather(*(worker() for _ in range(concurrency)))
                rounds.append(total / (time.perf_counter() - start))
        return rounds

    for backend, line in BACKEND_LINES.items():
        for concurrency in (10, 50, 200):
            rounds = asyncio.run(run(backend, concurrency))
            ratio = row(section, f"{line}, concurrency {concurrency}", rounds, "req/s", sync_rounds)
            best[f"{backend} {concurrency}"] = ratio
    return best


def messages_10k(port: int) -> tuple[float, int]:
    url = f"http://127.0.0.1:{port}"
    section = "10,000 messages, 20 ms latency (time vs sync single sends)"
    count = 10_000
    messages = [
        {"numbers": [f"38095{i:07d}"], "sender_id": "Verify", "text": f"Hi {i}, code {i % 9000 + 1000}"}
        for i in range(count)
    ]
    subset = 50 if QUICK else 100
    with GatumRESTAPI(url) as api:
        singles = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            for m in messages[:subset]:
                api.send_sms(TOKEN, m["numbers"], m["sender_id"], m["text"])
            singles.append((time.perf_counter() - start) * count / subset)
        row(section, f"sync send_sms x 10,000 (estimated from {subset})", singles, "s", singles)
        sync_batched = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            result = batch.send_messages(api, TOKEN, messages, batch_size=100)
            sync_batched.append(time.perf_counter() - start)
        assert len(result.sent) == count, result.outcomes[0]
        row(section, "sync send_messages, 100 per request (100 requests)", sync_batched, "s", singles)

    async def async_runs() -> tuple[list[float], list[float], int]:
        async with facade(url, DEFAULT) as api:
            single_rounds, batched_rounds = [], []
            part = 500 if QUICK else 1000
            gate = asyncio.Semaphore(50)
            for _ in range(ROUNDS):

                async def one(m: dict[str, Any]) -> None:
                    async with gate:
                        await api.send_sms(TOKEN, m["numbers"], m["sender_id"], m["text"])

                start = time.perf_counter()
                await asyncio.gather(*(one(m) for m in messages[:part]))
                single_rounds.append((time.perf_counter() - start) * count / part)
                start = time.perf_counter()
                result = await batch.async_send_messages(api, TOKEN, messages, batch_size=100, max_concurrency=10)
                batched_rounds.append(time.perf_counter() - start)
            return single_rounds, batched_rounds, result.batches

    single_rounds, batched_rounds, batches = asyncio.run(async_runs())
    row(
        section, "async send_sms at concurrency 50, default install (estimated from 1,000)", single_rounds, "s", singles
    )
    ratio = row(section, "async send_messages, 100 per request, 10 in flight", batched_rounds, "s", singles)
    return ratio, batches


def parsing() -> tuple[float, float]:
    section = "100,000-record sms-full-data answer (in-process transport, time vs json.loads)"
    record = {
        "id_state": 598933232,
        "originator": "Verify",
        "phone": "380957225759",
        "type_sms": "sms",
        "text_sms": "Your OTP is 42488",
        "num_parts": 1,
        "part_no": 1,
        "state": "DELIVRD",
        "time": "2023-07-24 12:03:48",
    }
    body = json.dumps({"status": True, "data": [{**record, "id_state": i} for i in range(100_000)]}).encode()

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers={"Content-Type": "application/json"})

    transport = httpx.MockTransport(answer)
    api = GatumRESTAPI("https://gatum.test", transport=transport)
    typed = Client("https://gatum.test", access_token=TOKEN, transport=transport)

    def timed(fn: Callable[[], object]) -> list[float]:
        rounds = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            fn()
            rounds.append((time.perf_counter() - start) * 1e3)
        return rounds

    base = timed(lambda: json.loads(body))
    row(section, "json.loads of the body (baseline)", base, "ms", base)
    facade_ratio = row(
        section, "GatumRESTAPI.sms_full_data(...).parsed", timed(lambda: api.sms_full_data(TOKEN).parsed), "ms", base
    )
    typed_call = lambda: sms_full_data.sync(client=typed, body=SmsFullDataRequest.from_dict({}))  # noqa: E731
    typed_ratio = row(section, "typed path sms_full_data.sync", timed(typed_call), "ms", base)
    return facade_ratio, typed_ratio


def validation() -> float:
    section = "checking a send to 10,000 numbers (time vs JSON encoding)"
    body = [{"number": [f"38095{i:07d}" for i in range(10_000)], "senderID": "Verify", "text": "Your OTP is 42488"}]
    names = {"number": "numbers", "senderID": "sender_id"}

    def timed(fn: Callable[[], object]) -> list[float]:
        rounds = []
        for _ in range(ROUNDS * 3):
            start = time.perf_counter()
            for _ in range(10):
                fn()
            rounds.append((time.perf_counter() - start) / 10 * 1e3)
        return rounds

    base = timed(lambda: json.dumps(body).encode())
    row(section, "json.dumps(body).encode() (baseline)", base, "ms", base)
    return row(
        section,
        "spec check (validate_body)",
        timed(lambda: validate_body("send_sms", "SendRequest", body, names)),
        "ms",
        base,
    )


def import_time() -> None:
    section = "import (wall time of a fresh interpreter, minus `python -c pass`)"

    def timed(code: str) -> list[float]:
        rounds = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            rounds.append((time.perf_counter() - start) * 1e3)
        return rounds

    empty = statistics.median(timed("pass"))
    row(section, "import gatum_rest_py", [t - empty for t in timed("import gatum_rest_py")], "ms")
    row(
        section,
        "from gatum_rest_py import GatumRESTAPI",
        [t - empty for t in timed("from gatum_rest_py import GatumRESTAPI")],
        "ms",
    )


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}, Python "
        f"{platform.python_version()}, httpx {httpx.__version__}, gatum-rest-py {gatum_rest_py.__version__}"
    )


def table() -> str:
    lines = ["| case | median | spread (min–max) | ratio |", "| --- | ---: | ---: | ---: |"]
    section = None
    for r in rows:
        if r["section"] != section:
            section = r["section"]
            lines.append(f"| **{section}** | | | |")
        ratio = f"{r['ratio']:.2f}x" if r["ratio"] is not None else ""
        lines.append(f"| {r['name']} | {r['median']:.4g} {r['unit']} | {r['lo']:.4g}–{r['hi']:.4g} | {ratio} |")
    return "\n".join(lines)


SECTIONS = ("per-call", "scaling", "messages", "parsing", "validation", "import")


def per_call_sections() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ca = trustme.CA()
        cert = ca.issue_cert("127.0.0.1")
        certfile, keyfile, ca_file, bundle = (f"{tmp}/{n}" for n in ("cert.pem", "key.pem", "ca.pem", "bundle.pem"))
        cert.cert_chain_pems[0].write_to_path(certfile)
        cert.private_key_pem.write_to_path(keyfile)
        ca.cert_pem.write_to_path(ca_file)
        # The old pattern loads a full CA bundle per call: the system's (certifi) plus the test CA.
        Path(bundle).write_bytes(Path(certifi.where()).read_bytes() + ca.cert_pem.bytes())
        with server() as port:
            per_call("http", port, True, None)
        with server(cert=(certfile, keyfile)) as port:
            per_call("https", port, ca_file, bundle)


def targets_of(results: dict[str, Any]) -> list[tuple[str, bool, str]]:
    """The issue's targets for the sections that ran: (what, met, the measured value)."""
    targets: list[tuple[str, bool, str]] = []
    best = results.get("scaling")
    if best is not None:
        for level, goal in ((50, 25), (200, 60)):
            default, plain = best[f"{DEFAULT} {level}"], best[f"httpx {level}"]
            value = f"{default:.1f}x; httpx's pool: {plain:.1f}x"
            targets.append((f"default async {level} in flight ≥ {goal}x sync", default >= goal, value))
    if "messages" in results:
        batched_ratio, batches = results["messages"]
        targets.append(
            (
                "10,000 messages in 100 requests of 100 (send_messages)",
                batches == 100,
                f"{batches} requests, {1 / batched_ratio:.0f}x faster than sync singles",
            )
        )
    if "parsing" in results:
        facade_ratio, typed_ratio = results["parsing"]
        targets += [
            ("facade .parsed of 100k records ≤ 1.5x json.loads", facade_ratio <= 1.5, f"{facade_ratio:.2f}x"),
            ("typed path parse of 100k records ≤ 1.5x json.loads", typed_ratio <= 1.5, f"{typed_ratio:.2f}x"),
        ]
    if "validation" in results:
        ratio = results["validation"]
        targets.append(("checking 10,000 numbers ≤ 3x their JSON encoding", ratio <= 3, f"{ratio:.2f}x"))
    if "per-call" in results:
        http = {r["name"]: r["ratio"] for r in rows if r["section"].startswith("per call, sync, HTTP ")}
        ratio = http["GatumRESTAPI.send_sms"]
        targets.append(("facade send_sms client CPU ≤ 1.1x raw pooled httpx (HTTP)", ratio <= 1.1, f"{ratio:.2f}x"))
    return targets


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--only", choices=SECTIONS, help="run this section only (RESULTS.md is left alone)")
    only = parser.parse_args(argv).only
    wanted = [only] if only else list(SECTIONS)
    started = time.perf_counter()
    results: dict[str, Any] = {}
    if "per-call" in wanted:
        per_call_sections()
        results["per-call"] = True
    if "scaling" in wanted or "messages" in wanted:
        with server(latency=LATENCY) as port:
            if "scaling" in wanted:
                results["scaling"] = scaling(port)
            if "messages" in wanted:
                results["messages"] = messages_10k(port)
    if "parsing" in wanted:
        results["parsing"] = parsing()
    if "validation" in wanted:
        results["validation"] = validation()
    if "import" in wanted:
        import_time()
    targets = targets_of(results)
    report = [
        "# `make bench` results" + (f" (--only {only})" if only else ""),
        "",
        f"Machine: {machine()}. Loopback only; {ROUNDS} rounds per case ({ASYNC_ROUNDS} for async scaling); run took "
        f"{time.perf_counter() - started:.0f} s. Ratio: against the first line of its section.",
        "",
        table(),
        "",
        "## Targets (issue 12)",
        "",
        *[f"- {'met' if ok else 'NOT MET'}: {name} ({value})" for name, ok, value in targets],
        "",
    ]
    text = "\n".join(report)
    print(text)
    if not QUICK and not only:
        (HERE / "RESULTS.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
