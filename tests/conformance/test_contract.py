"""`make contract` (openapi/contract_check.py), exercised against the Prism mock and a lying stub only.

It must pass against the mock (which serves the spec), report every response of a server that
disagrees with the spec, call nothing but read-only operations (plus authorize/accesstoken for
the token), and refuse to run without an explicit base URL or without credentials.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest

from conformance import spec_tools
from conformance.known_gaps import CONTRACT_CHECKS, skipped_operations

sys.path.insert(0, str(spec_tools.ROOT / "openapi"))
import contract_check

SCRIPT = spec_tools.ROOT / "openapi" / "contract_check.py"
READ_ONLY = {op.operation_id: op for op in spec_tools.operations() if op.definition.get("x-gatum-read-only")}
STUB_TOKEN = "stub-token-0123456789"


def run_script(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The script as `make contract` runs it, with only the given Gatum variables in its environment."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GATUM_") and k != "BASE_URL"}
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_operations_it_calls_are_the_read_only_ones() -> None:
    every = {op.operation_id for op in spec_tools.operations()}
    assert set(READ_ONLY) == every - skipped_operations("contract"), "known_gaps 'contract-write-operations'"
    assert contract_check.CHECKS == CONTRACT_CHECKS
    chosen = contract_check.read_only_operations(spec_tools.spec())
    assert {op.operation_id for op in chosen} == set(READ_ONLY)
    for op in chosen:
        expected = READ_ONLY[op.operation_id].request_example() if op.method == "post" else None
        assert op.body == expected, op.operation_id


def test_passes_against_the_mock_with_username_and_password(mock_url: str) -> None:
    result = run_script("--base-url", mock_url + "/", GATUM_USERNAME="someone", GATUM_PASSWORD="s3cret-pw")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for op_id, op in READ_ONLY.items():
        assert any(line.split()[:4] == ["ok", *op.label.split(), op_id] and line.endswith(" 200") for line in lines), (
            f"{op_id} not reported ok:\n{result.stdout}"
        )
    assert f"All {len(READ_ONLY)} responses conform" in result.stdout
    assert "s3cret-pw" not in result.stdout + result.stderr


def test_passes_against_the_mock_with_a_token(mock_url: str) -> None:
    out = io.StringIO()
    assert contract_check.main(["--base-url", mock_url], env={"GATUM_TOKEN": "abc"}, out=out) == 0, out.getvalue()
    assert out.getvalue().count("\n  ok    ") == len(READ_ONLY)


@pytest.mark.parametrize("args", [[], ["--base-url", ""], ["--base-url", "   "]], ids=["no-flag", "empty", "blank"])
def test_refuses_without_an_explicit_base_url(args: list[str], mock_url: str) -> None:
    # Not even a BASE_URL in the environment is picked up: only the explicit argument counts.
    result = run_script(*args, GATUM_TOKEN="abc", BASE_URL=mock_url)
    assert result.returncode == 2
    assert "no endpoint given" in result.stderr
    assert "restapi.gatum.io" in result.stderr  # the message shows how to pass one
    assert result.stdout == ""


@pytest.mark.parametrize("url", ["ftp://example.org", "restapi.gatum.io", "https://", "https://x.test/?a=1"])
def test_refuses_a_base_url_that_is_not_http(url: str) -> None:
    result = run_script("--base-url", url, GATUM_TOKEN="abc")
    assert result.returncode == 2
    assert "must be an http(s) URL" in result.stderr


def test_refuses_without_credentials(mock_url: str) -> None:
    result = run_script("--base-url", mock_url, GATUM_USERNAME="only-a-name")
    assert result.returncode == 2
    assert "GATUM_TOKEN" in result.stderr


# ---- a server that disagrees with the spec ------------------------------------------------------


class LyingApi(BaseHTTPRequestHandler):
    """Gives a token, then answers each read-only operation in a way the spec does not allow."""

    calls: ClassVar[list[tuple[str, str, str | None]]] = []

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length)) if length else None
        self.calls.append((self.command, self.path, self.headers.get("X-Access-Token")))
        status, payload, content_type = 200, {"status": True, "data": "nonsense"}, "application/json"
        if self.path == "/v1/authorize" and body == {"username": "u", "password": "p"}:
            payload = {"status": True, "data": {"authorization_code": "c0de"}}
        elif self.path == "/v1/accesstoken" and body == {"authorization_code": "c0de"}:
            payload = {"status": True, "data": {"access_token": STUB_TOKEN, "expires_at": 2006432128}}
        elif self.path == "/v1/country-price":
            status = 418  # no such status in the spec
        elif self.path == "/v1/account-price":
            content_type = "text/html"
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def lying_api() -> Iterator[str]:
    LyingApi.calls = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), LyingApi)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def report_sections(report: str) -> dict[str, str]:
    """operationId -> its line of the report and the failure text under it."""
    sections: dict[str, str] = {}
    current = None
    for line in report.splitlines():
        if line.startswith(("  ok ", "  FAIL ")):
            current = line.split()[3]
            sections[current] = ""
        elif line and not line.startswith("        "):
            current = None
        if current is not None:
            sections[current] += line + "\n"
    return sections


def test_reports_each_response_that_disagrees_and_calls_nothing_else(lying_api: str) -> None:
    out = io.StringIO()
    code = contract_check.main(["--base-url", lying_api], env={"GATUM_USERNAME": "u", "GATUM_PASSWORD": "p"}, out=out)
    report = out.getvalue()
    assert code == 1, report
    sections = report_sections(report)
    assert set(sections) == set(READ_ONLY)
    # `data: "nonsense"` is fine only where the spec leaves data untyped (GenericSuccessResponse).
    untyped = {op for op in READ_ONLY if READ_ONLY[op].response_schema_name() == "GenericSuccessResponse"}
    assert untyped == {"replacement", "blackListSearch"}
    for op_id, section in sections.items():
        assert section.startswith("  ok" if op_id in untyped else "  FAIL"), report
    assert "Undocumented status code" in sections["countryPrice"]
    assert "Undocumented Content-Type" in sections["accountPrice"]
    assert '"nonsense" is not valid under any of the schemas listed' in sections["listGroups"]
    assert '"nonsense" is not of type "object"' in sections["accountInfo"]
    assert f"{len(READ_ONLY) - 2} of {len(READ_ONLY)} responses disagree" in report
    assert STUB_TOKEN not in report
    # Only the token exchange and each read-only operation once, all with the token it obtained.
    assert LyingApi.calls[:2] == [("POST", "/v1/authorize", None), ("POST", "/v1/accesstoken", None)]
    assert sorted(LyingApi.calls[2:]) == sorted((op.method.upper(), op.path, STUB_TOKEN) for op in READ_ONLY.values())
