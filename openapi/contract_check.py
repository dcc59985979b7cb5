"""Check a live Gatum-platform endpoint against openapi/gatum.yaml, read-only (`make contract`).

    make contract BASE_URL=https://restapi.gatum.io GATUM_TOKEN=...
    make contract BASE_URL=https://restapi.gatum.io GATUM_USERNAME=... GATUM_PASSWORD=...

Calls only the operations marked `x-gatum-read-only: true` in the spec (nothing is sent, created,
billed or deleted), once each, with the spec's request example as the body, and runs
schemathesis' response checks on each answer: status_code_conformance, content_type_conformance
and response_schema_conformance. Prints every response that disagrees with the spec. With
GATUM_USERNAME and GATUM_PASSWORD it first gets a token through /v1/authorize and
/v1/accesstoken (which change nothing either); GATUM_TOKEN is used as it is.

There is no default endpoint: without an explicit --base-url it refuses to run.
Exit status: 0 every response conforms, 1 some response disagrees, 2 it could not run.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import httpx
import yaml

SPEC = Path(__file__).resolve().parent / "gatum.yaml"
CHECKS = ("status_code_conformance", "content_type_conformance", "response_schema_conformance")
AUTH_HEADER = "X-Access-Token"
USAGE_ERROR = 2


class ContractError(Exception):
    """The check cannot run; the message says why (and never contains a secret)."""


@dataclass(frozen=True)
class ReadOnlyOperation:
    operation_id: str
    method: str
    path: str
    body: Any  # the spec's request example, or None when the operation takes no body

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.path}"


def _resolve(spec: Mapping[str, Any], node: Mapping[str, Any]) -> Mapping[str, Any]:
    while "$ref" in node:
        target: Any = spec
        for part in str(node["$ref"]).removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def read_only_operations(spec: Mapping[str, Any]) -> list[ReadOnlyOperation]:
    """The spec's operations marked `x-gatum-read-only: true`, with their request examples."""
    found = []
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if not isinstance(op, dict) or op.get("x-gatum-read-only") is not True:
                continue
            body = None
            if "requestBody" in op:
                media = _resolve(spec, op["requestBody"])["content"]["application/json"]
                named = [example["value"] for example in media.get("examples", {}).values() if "value" in example]
                if "example" not in media and not named:
                    raise ContractError(f"{op['operationId']} has no request example in {SPEC.name}")
                body = media["example"] if "example" in media else named[0]
            found.append(ReadOnlyOperation(op["operationId"], method, path, body))
    return found


def base_url_from(value: str | None) -> str:
    url = (value or "").strip().rstrip("/")
    if not url:
        raise ContractError(
            "no endpoint given: pass the vendor's base URL explicitly, e.g.\n"
            "  make contract BASE_URL=https://restapi.gatum.io GATUM_TOKEN=...\n"
            "(there is no default: this check never picks a real endpoint by itself)"
        )
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        parsed = httpx.URL("invalid:")
    if parsed.scheme not in ("https", "http") or not parsed.host or parsed.query or parsed.fragment:
        raise ContractError(f"BASE_URL must be an http(s) URL like https://restapi.gatum.io, got {url!r}")
    return url


def obtain_token(base_url: str, env: Mapping[str, str], client: httpx.Client) -> str:
    """GATUM_TOKEN, or a fresh token from GATUM_USERNAME + GATUM_PASSWORD (authorize -> accesstoken)."""
    if env.get("GATUM_TOKEN"):
        return env["GATUM_TOKEN"]
    username, password = env.get("GATUM_USERNAME"), env.get("GATUM_PASSWORD")
    if not (username and password):
        raise ContractError("credentials needed: set GATUM_TOKEN, or GATUM_USERNAME and GATUM_PASSWORD")
    answer = _data(client.post(f"{base_url}/v1/authorize", json={"username": username, "password": password}))
    code = answer.get("authorization_code")
    if not isinstance(code, str):
        raise ContractError("/v1/authorize answered without data.authorization_code")
    token = _data(client.post(f"{base_url}/v1/accesstoken", json={"authorization_code": code})).get("access_token")
    if not isinstance(token, str):
        raise ContractError("/v1/accesstoken answered without data.access_token")
    return token


def _data(response: httpx.Response) -> dict[str, Any]:
    where = response.request.url.path
    try:
        body = response.json()
    except ValueError:
        raise ContractError(f"{where} answered {response.status_code} with a body that is not JSON") from None
    if response.status_code != 200 or not isinstance(body, dict) or not isinstance(body.get("data"), dict):
        errors = body.get("errors") if isinstance(body, dict) else None
        raise ContractError(f"{where} answered {response.status_code}; errors: {errors!r}")
    data: dict[str, Any] = body["data"]
    return data


def run_checks(base_url: str, token: str, operations: Sequence[ReadOnlyOperation], out: TextIO) -> int:
    """Call each operation once and check its answer; return how many disagree with the spec."""
    import schemathesis
    from schemathesis.checks import CHECKS as REGISTRY
    from schemathesis.checks import load_all_checks
    from schemathesis.config import SchemathesisConfig
    from schemathesis.core.failures import FailureGroup

    load_all_checks()
    checks: list[Any] = [REGISTRY.get_one(name) for name in CHECKS]
    config = SchemathesisConfig.from_dict({"base-url": base_url, "cache": {"enabled": False}})
    schema = schemathesis.openapi.from_path(SPEC, config=config)
    headers = {AUTH_HEADER: token}
    disagreements = 0
    for op in operations:
        operation = schema.find_operation_by_id(op.operation_id)
        case = operation.Case() if op.body is None else operation.Case(body=op.body, media_type="application/json")
        transport: dict[str, Any] = {"base_url": base_url, "headers": headers, "timeout": 30}
        try:
            response = case.call(**transport)
        except Exception as exc:  # network trouble is reported per operation, and counts as a failure
            disagreements += 1
            print(f"  FAIL  {op.label:<34} {op.operation_id:<20} no answer: {type(exc).__name__}: {exc}", file=out)
            continue
        status = response.status_code
        try:
            case.validate_response(response, checks=checks, headers=headers, transport_kwargs=transport)
        except FailureGroup as exc:
            disagreements += 1
            print(f"  FAIL  {op.label:<34} {op.operation_id:<20} {status}", file=out)
            print(textwrap.indent(str(exc.message).strip(), "        "), file=out)
            continue
        note = "" if status == 200 else f"  (not 200: only the error envelope was checked: {response.text[:200]})"
        print(f"  ok    {op.label:<34} {op.operation_id:<20} {status}{note}", file=out)
    return disagreements


def main(argv: Sequence[str] | None = None, env: Mapping[str, str] | None = None, out: TextIO = sys.stdout) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--base-url", help="the vendor's API base URL, e.g. https://restapi.gatum.io (required)")
    args = parser.parse_args(argv)
    env = os.environ if env is None else env
    try:
        base_url = base_url_from(args.base_url)
        operations = read_only_operations(yaml.safe_load(SPEC.read_text(encoding="utf-8")))
        with httpx.Client(timeout=30.0) as client:
            token = obtain_token(base_url, env, client)
    except (ContractError, httpx.HTTPError) as exc:
        print(f"contract check: {exc}", file=sys.stderr)
        return USAGE_ERROR
    print(f"Contract check of {base_url} against {SPEC.name}: {len(operations)} read-only operations", file=out)
    disagreements = run_checks(base_url, token, operations, out)
    if disagreements:
        print(f"{disagreements} of {len(operations)} responses disagree with the spec.", file=out)
        return 1
    print(f"All {len(operations)} responses conform to the spec.", file=out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
