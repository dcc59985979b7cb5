"""The delivery-report page's Flask and FastAPI examples, extracted from docs/delivery-reports.md and run
as they are: Flask through its test client, FastAPI through httpx's ASGI transport against a real redis-server."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import pytest
import redis
from conftest import ROOT
from flask.testing import FlaskClient
from redis_fixture import redis_server_url  # noqa: F401 - the `redis_url` fixture

SECRET = "readme-secret_0123456789"
BATCH = [
    {"id_state": 598933232, "originator": "SMS", "phone": "380957225759", "type_sms": "sms", "text_sms": "Your OTP",
     "num_parts": 1, "part_no": 1, "state": "DELIVRD", "time": "2023-07-24 12:03:48"},
    {"id_state": "4c43afb8-7a2e", "phone": "+380957225759", "state": "ENROUTE", "text_sms": None},
    {"state": "DELIVRD"},  # no id_state: logged, skipped, not acknowledged
]  # fmt: skip


def readme_example(marker: str) -> str:
    """The one ```py block of docs/delivery-reports.md that contains `marker`."""
    page = (ROOT / "docs" / "delivery-reports.md").read_text(encoding="utf-8")
    (block,) = [b for b in re.findall(r"```py\n(.*?)```", page, re.S) if marker in b]
    return block


def run_example(marker: str, monkeypatch: pytest.MonkeyPatch, **env: str) -> dict[str, Any]:
    monkeypatch.setenv("DLR_SECRET", SECRET)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    namespace: dict[str, Any] = {"__name__": "readme_example"}
    exec(compile(readme_example(marker), f"docs/delivery-reports.md ({marker})", "exec"), namespace)  # noqa: S102 - our docs
    return namespace


def test_the_examples_are_found() -> None:
    assert "Flask(__name__)" in readme_example("Flask(") and "query_string=request.query_string" in readme_example(
        "Flask("
    )
    assert "AsyncRedisDedupeStore" in readme_example("FastAPI(")


def test_readme_flask_example(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    namespace = run_example("Flask(", monkeypatch)
    client: FlaskClient = namespace["app"].test_client()
    forged = client.post("/restdlr", data=json.dumps(BATCH), content_type="application/json")
    wrong = client.post("/restdlr?secret=guess", data=json.dumps(BATCH))
    assert (forged.status_code, wrong.status_code) == (403, 403)
    assert forged.get_json() == wrong.get_json() == {"error": "forbidden"}  # as the page says a refusal reads
    assert capsys.readouterr().out == ""  # nothing reached the callback
    ok = client.post(f"/restdlr?secret={SECRET}", data=json.dumps(BATCH), content_type="application/json")
    assert (ok.status_code, ok.get_json()) == (200, ["598933232", "4c43afb8-7a2e"])
    again = client.post(f"/restdlr?secret={SECRET}", data=json.dumps(BATCH))
    assert (again.status_code, again.get_json()) == (200, ["598933232", "4c43afb8-7a2e"])
    assert capsys.readouterr().out.splitlines() == [
        "598933232 DELIVRD 380957225759",
        "4c43afb8-7a2e ENROUTE +380957225759",
    ]  # once each, though delivered twice


async def test_readme_fastapi_example_on_redis(
    redis_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    redis.Redis.from_url(redis_url).flushdb()
    body = json.dumps(BATCH)
    worker_one = run_example("FastAPI(", monkeypatch, REDIS_URL=redis_url)
    worker_two = run_example("FastAPI(", monkeypatch, REDIS_URL=redis_url)  # another process, same Redis
    one = httpx.AsyncClient(transport=httpx.ASGITransport(app=worker_one["app"]), base_url="http://dlr")
    two = httpx.AsyncClient(transport=httpx.ASGITransport(app=worker_two["app"]), base_url="http://dlr")
    async with one, two:
        refused = await one.post("/restdlr", content=body)
        assert (refused.status_code, refused.json()) == (403, {"error": "forbidden"})
        assert (await one.post("/restdlr?secret=x" + SECRET, content=body)).status_code == 403
        assert redis.Redis.from_url(redis_url).keys("*") == []  # a refused delivery reaches no store
        ok = await one.post(f"/restdlr?secret={SECRET}", content=body)
        assert (ok.status_code, ok.json()) == (200, ["598933232", "4c43afb8-7a2e"])
        again = await two.post(f"/restdlr?secret={SECRET}", content=body)  # acknowledged, not processed again
        assert (again.status_code, again.json()) == (200, ["598933232", "4c43afb8-7a2e"])
    assert capsys.readouterr().out.splitlines() == ["598933232 DELIVRD", "4c43afb8-7a2e ENROUTE"]
    keys = sorted(redis.Redis.from_url(redis_url).keys("*"))
    assert keys == [b'gatum:dlr:["4c43afb8-7a2e","ENROUTE"]', b'gatum:dlr:["598933232","DELIVRD"]']
    for worker in (worker_one, worker_two):
        await worker["store"].redis.aclose()
