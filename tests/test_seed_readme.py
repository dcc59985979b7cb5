"""Every Python snippet of the vendor's old README runs unchanged against the Prism mock.

The project carries the 16 snippets itself, verbatim, in `tests/seed_snippets.txt`, so the suite
needs nothing beside the clone. The only change made to a snippet is its base URL, which points
at the mock instead of `https://restapi.gatum.io/` (the trailing slash is kept: it must not
produce `//v1/...`). Every call a snippet makes must answer 2xx, must reach Prism as a request that
passes its validation, and must be what the snippet prints.

When the seed README itself is checked out beside the clone (`../shared/seed-README.md`, as in
the project's own CI), one more test checks that the carried copy still matches it; elsewhere
that test is skipped.
"""

from __future__ import annotations

import ast
import functools
import inspect
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import gatum_rest_py
from gatum_rest_py import GatumResponse, GatumRESTAPI

ROOT = Path(__file__).resolve().parent.parent
CARRIED = Path(__file__).with_name("seed_snippets.txt")
SEED = ROOT.parent / "shared" / "seed-README.md"  # optional: only adds the comparison test
SEED_BASE_URL = "'https://restapi.gatum.io/'"
EXPECTED_SNIPPETS = 16
LOG_WAIT_SECONDS = 10.0


@dataclass(frozen=True)
class Snippet:
    heading: str
    code: str


def read_snippets(markdown: str) -> list[Snippet]:
    """The ```py blocks of a Markdown text, each with the heading above it, without the Flask listener.

    Trailing spaces are dropped from every line (the seed has some; the carried copy does not).
    """
    snippets: list[Snippet] = []
    heading = "(no heading)"
    fence: str | None = None  # language of the open fenced block, "" for a bare fence
    lines: list[str] = []
    for line in markdown.splitlines():
        stripped = line.strip()
        if fence is None:
            if stripped.startswith("```"):
                fence, lines = stripped[3:].strip().lower(), []
            elif stripped.startswith("#"):
                heading = stripped.lstrip("#").strip().rstrip(":").strip()
            continue
        if stripped == "```":
            if fence in ("py", "python"):
                snippets.append(Snippet(heading, "\n".join(lines) + "\n"))
            fence = None
        else:
            lines.append(line.rstrip())
    return [snippet for snippet in snippets if "from flask" not in snippet.code]


SNIPPETS = read_snippets(CARRIED.read_text(encoding="utf-8"))


def test_the_carried_copy_has_sixteen_client_snippets() -> None:
    headings = [snippet.heading for snippet in SNIPPETS]
    assert len(SNIPPETS) == EXPECTED_SNIPPETS, headings
    assert len(set(headings)) == len(headings), f"snippet headings must be unique test ids: {headings}"
    for snippet in SNIPPETS:
        assert snippet.code.count(SEED_BASE_URL) == 1, f"{snippet.heading}: base_url is not {SEED_BASE_URL} once"
        assert "from gatum_rest_py import GatumRESTAPI" in snippet.code, snippet.heading


@pytest.mark.skipif(not SEED.is_file(), reason=f"{SEED} is not checked out beside the clone")
def test_the_carried_copy_matches_the_seed_readme() -> None:
    assert read_snippets(SEED.read_text(encoding="utf-8")) == SNIPPETS, (
        f"{CARRIED.name} no longer matches {SEED}: copy the seed's snippets again"
    )


def _client_calls(code: str) -> list[str]:
    """Names of the `client.<method>(...)` calls a snippet makes (none of them is in a loop)."""
    return [
        node.func.attr
        for node in ast.walk(ast.parse(code))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "client"
    ]


def _public_methods() -> list[str]:
    return [
        name
        for name, member in inspect.getmembers(GatumRESTAPI, inspect.isfunction)
        if not name.startswith("_") and name != "close"
    ]


@dataclass
class Recorded:
    calls: list[tuple[str, Any]]  # (method, what it returned to the snippet)
    exchanges: list[GatumResponse[Any]]  # every HTTP answer the facade received


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> Recorded:
    """Record what every GatumRESTAPI method returns, and every HTTP exchange behind it (`_run`)."""
    record = Recorded([], [])

    def recording(name: str, original: Any) -> Any:
        @functools.wraps(original)
        def method(self: GatumRESTAPI, *args: Any, **kwargs: Any) -> Any:
            result = original(self, *args, **kwargs)
            record.calls.append((name, result))
            return result

        return method

    for name in _public_methods():
        monkeypatch.setattr(GatumRESTAPI, name, recording(name, getattr(GatumRESTAPI, name)))

    original_run = GatumRESTAPI._run

    def run(self: GatumRESTAPI, *args: Any, **kwargs: Any) -> Any:
        response = original_run(self, *args, **kwargs)
        record.exchanges.append(response)
        return response

    monkeypatch.setattr(GatumRESTAPI, "_run", run)
    return record


_VERDICT = re.compile(r"\[VALIDATOR\].*(The request passed the validation rules|Request did not pass)")


def _prism_lines_since(mock_server: Any, offset: int, requests: int) -> list[str]:
    """Prism's log lines after `offset`, once it has logged a validation verdict for `requests` requests."""
    deadline = time.monotonic() + LOG_WAIT_SECONDS
    while True:
        lines = mock_server.log()[offset:].splitlines()
        verdicts = [line for line in lines if _VERDICT.search(line)]
        if len(verdicts) >= requests or time.monotonic() > deadline:
            return lines
        time.sleep(0.02)


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[snippet.heading for snippet in SNIPPETS])
def test_seed_snippet_runs_unchanged(
    snippet: Snippet, mock_server: Any, mock_url: str, recorded: Recorded, capsys: pytest.CaptureFixture[str]
) -> None:
    assert GatumRESTAPI is gatum_rest_py.GatumRESTAPI
    code = snippet.code.replace(SEED_BASE_URL, repr(mock_url + "/"))
    assert "gatum.io" not in code, "the snippet would still reach the real API"
    expected_calls = _client_calls(snippet.code)
    assert expected_calls, f"{snippet.heading}: the snippet calls no client method"

    log_offset = len(mock_server.log())
    namespace: dict[str, Any] = {"__name__": "__seed_snippet__"}
    try:
        exec(compile(code, f"<seed-README: {snippet.heading}>", "exec"), namespace)  # noqa: S102 - the seed's own code
    finally:
        client = namespace.get("client")
        if isinstance(client, GatumRESTAPI):
            client.close()
    printed = capsys.readouterr().out

    # Every client call in the snippet happened once and answered 2xx.
    assert [name for name, _ in recorded.calls] == expected_calls
    for name, response in recorded.calls:
        assert isinstance(response, GatumResponse), name
        assert 200 <= response.status_code < 300, f"{name}: HTTP {response.status_code} {response.text}"
        # The snippet printed the JSON it got back.
        assert str(response.json()) in printed, f"{name}: {response.json()!r} not in the output:\n{printed}"

    # One HTTP exchange per call, two for access_token (authorize, then accesstoken).
    expected_paths = [
        path
        for name in expected_calls
        for path in (["/v1/authorize", "/v1/accesstoken"] if name == "access_token" else [None])
    ]
    assert len(recorded.exchanges) == len(expected_paths)
    for exchange, path in zip(recorded.exchanges, expected_paths, strict=True):
        url = exchange.http_response.request.url
        assert 200 <= exchange.status_code < 300, f"{url}: HTTP {exchange.status_code} {exchange.text}"
        assert url.path.startswith("/v1/"), url
        assert "//" not in url.path, url
        assert path is None or url.path == path

    # Prism saw exactly those requests, and each passed its request validation.
    lines = _prism_lines_since(mock_server, log_offset, len(recorded.exchanges))
    received = [line for line in lines if "[HTTP SERVER]" in line and "Request received" in line]
    assert len(received) == len(recorded.exchanges), "\n".join(received)
    for exchange, line in zip(recorded.exchanges, received, strict=True):
        request = exchange.http_response.request
        assert f"{request.method.lower()} {request.url.path} " in line, line
    verdicts = [line for line in lines if _VERDICT.search(line)]
    assert len(verdicts) == len(recorded.exchanges), "\n".join(lines)
    rejected = [
        line for line in lines if "[VALIDATOR]" in line and ("error" in line or "✖" in line or "did not pass" in line)
    ]
    assert not rejected, "Prism rejected a request of the snippet:\n" + "\n".join(rejected)
