"""A small, fast HTTP/1.1 server on loopback for `make bench`, run in its own process.

`python bench/loopback_server.py [--latency SECONDS] [--certfile F --keyfile F]` prints its port,
then answers until killed: `POST /v1/send` with the platform's by-number answer (one `id_state`
per message and number, built from the request), anything else with `{"status": true, "data": {}}`.
Keep-alive, any number of connections; `--latency` delays every answer (as a remote platform
would) without blocking the others. Only the standard library, so it costs the client nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import ssl
import sys

_ids = itertools.count(598933232)


def _answer(method: str, path: str, body: bytes) -> bytes:
    if method == "POST" and path.endswith("/v1/send"):
        data: dict[str, list[dict[str, int]]] = {}
        for message in json.loads(body):
            for number in message.get("number", []):
                data.setdefault(str(number), []).append({"id_state": next(_ids)})
        return json.dumps({"status": True, "data": data}).encode()
    return b'{"status": true, "data": {}}'


async def _serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, latency: float) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, path, _ = lines[0].split(" ", 2)
            headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            payload = _answer(method, path, body)
            if latency:
                await asyncio.sleep(latency)
            writer.write(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + str(len(payload)).encode()
                + b"\r\n\r\n"
                + payload
            )
            if headers.get("connection", "").lower() == "close":
                break
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError, ssl.SSLError):
        pass
    finally:
        writer.close()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--latency", type=float, default=0.0)
    parser.add_argument("--certfile")
    parser.add_argument("--keyfile")
    args = parser.parse_args()
    context = None
    if args.certfile:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.certfile, args.keyfile)
    server = await asyncio.start_server(
        lambda r, w: _serve(r, w, args.latency), "127.0.0.1", 0, ssl=context, backlog=1024, limit=2**24
    )
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
