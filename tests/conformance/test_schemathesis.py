"""Schemathesis against the Prism mock: every operation, phases examples + coverage + fuzzing.

Each operation is its own test item, `test_conformance[POST /v1/send][mock]`; a failure shows
schemathesis' report (the failed checks, the response, a curl command reproducing the case)
under that name, with the operationId added as a note. Runs are deterministic: a fixed seed,
derandomized Hypothesis, no example database, a bounded number of fuzzing examples.

What is left out, and why, is in known_gaps.py and nowhere else.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import httpx
import pytest
import schemathesis
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup

from conformance import spec_tools
from conformance.conftest import MOCK_TOKEN, sandbox_token
from conformance.known_gaps import (
    KNOWN_GAPS,
    PARSING_ASSERTIONS,
    SCHEMATHESIS_CHECKS,
    STATEFUL_ASSERTIONS,
    checks_skipped_for_response,
    prism_invalid_json_reply,
    sandbox_fault_answer,
    sandbox_state_refusal,
    skipped_checks,
    skipped_operations,
)

AREA = "schemathesis"
SEED = 20_240_601
FUZZING_EXAMPLES = 50

load_all_checks()
CHECK_FUNCTIONS = {name: CHECKS.get_one(name) for name in CHECKS.get_all_names()}

SANDBOX_FUZZING_EXAMPLES = 5  # the sandbox keeps state and runs in this process: a shorter run


def _config(max_examples: int) -> SchemathesisConfig:
    return SchemathesisConfig.from_dict(
        {
            "seed": SEED,
            "cache": {"enabled": False},
            "generation": {"deterministic": True, "database": "none", "max-examples": max_examples},
            "phases": {
                "examples": {"enabled": True},
                "coverage": {"enabled": True},
                "fuzzing": {"enabled": True},
                "stateful": {"enabled": False},
            },
            # Sent only to the operations whose `security` asks for the token.
            "auth": {"openapi": {"AccessToken": {"api_key": MOCK_TOKEN}}},
        }
    )


def _schema(max_examples: int) -> Any:
    loaded = schemathesis.openapi.from_path(spec_tools.SPEC_PATH, config=_config(max_examples))
    if skipped_operations(AREA):
        loaded = loaded.exclude(operation_id=sorted(skipped_operations(AREA)))
    return loaded


schema = _schema(FUZZING_EXAMPLES)
sandbox_schema = _schema(SANDBOX_FUZZING_EXAMPLES)

# operationId -> Counter of (phase, generation mode) of the cases sent; read by test_every_phase_ran.
SENT: dict[str, Counter[tuple[str, str]]] = {}
FAILED: set[str] = set()  # operations whose run stopped at a failure (their phases are not all there)


@schema.parametrize()
# pytest 9.2 builds node ids from `originalname`, which schemathesis 4.32.5 sets to the bare test
# name; with one parametrization the id carries the operation: test_conformance[POST /v1/send][mock].
@pytest.mark.parametrize("target", ["mock"])
def test_conformance(case: schemathesis.Case, mock_url: str, target: str) -> None:
    _check_case(case, mock_url, target)


@sandbox_schema.parametrize()
@pytest.mark.parametrize("target", ["sandbox"])
def test_sandbox_conformance(case: schemathesis.Case, sandbox_url: str, target: str) -> None:
    """The same run against the stateful sandbox (gatum_rest_py.sandbox), with real tokens."""
    _use_sandbox_token(case, sandbox_url, case.operation.definition.raw["operationId"])
    _check_case(case, sandbox_url, target)


def _check_case(case: schemathesis.Case, mock_url: str, target: str) -> None:
    op_id = case.operation.definition.raw["operationId"]
    assert case.meta is not None
    SENT.setdefault(op_id, Counter())[(case.meta.phase.name.value, case.meta.generation.mode.value)] += 1
    response = case.call(base_url=mock_url)
    skipped = skipped_checks(AREA, op_id) | checks_skipped_for_response(AREA, op_id, case.body, response.content).keys()
    checks = [CHECK_FUNCTIONS[name] for name in SCHEMATHESIS_CHECKS if name not in skipped]
    try:
        case.validate_response(response, checks=checks, transport_kwargs={"base_url": mock_url})
    except FailureGroup as exc:
        FAILED.add(op_id)
        exc.add_note(f"operation {op_id} ({case.operation.label}) on the {target}, {case.meta.phase.name.value} phase")
        raise


SANDBOX_TOKENS: dict[str, str] = {}


def _use_sandbox_token(case: schemathesis.Case, base_url: str, op_id: str) -> None:
    """The sandbox checks tokens: a case that carries one gets a real token of an account of its
    operation alone (so a black list or group made by one operation never meets another's cases);
    logout gets a fresh one each time, as it ends the token it is given."""
    name = next((key for key in case.headers or {} if key.lower() == "x-access-token"), None)
    if name is None or case.headers[name] != MOCK_TOKEN:
        return  # no token, or one the case made up on purpose: sent as it is
    if op_id == "logout" or op_id not in SANDBOX_TOKENS:
        SANDBOX_TOKENS[op_id] = sandbox_token(base_url, f"schemathesis-{op_id}")
    case.headers[name] = SANDBOX_TOKENS[op_id]


def test_every_phase_ran_on_every_operation() -> None:
    """The run above is not vacuous: every operation got coverage and fuzzing cases in both modes, and
    the ones with a request body (all of which have an example) got their example sent too."""
    if not SENT:
        pytest.skip("test_conformance did not run in this session")
    expected = {
        op.operation_id: op for op in spec_tools.operations() if op.operation_id not in skipped_operations(AREA)
    }
    assert set(SENT) == set(expected)
    for op_id, sent in SENT.items():
        if op_id in FAILED:
            continue  # reported by its own test item
        phases = {phase for phase, _ in sent}
        modes = {mode for _, mode in sent}
        wanted = {"coverage", "fuzzing"} | ({"examples"} if expected[op_id].request_body() else set())
        assert wanted <= phases, f"{op_id}: phases {sorted(phases)}, expected {sorted(wanted)}"
        assert modes == {"positive", "negative"}, f"{op_id}: modes {sorted(modes)}"


def test_known_gaps_name_real_checks_and_operations() -> None:
    operation_ids = {op.operation_id for op in spec_tools.operations(kinds=("path", "callback", "webhook"))}
    for name, gap in KNOWN_GAPS.items():
        known_checks = set(PARSING_ASSERTIONS) if gap.area == "parsing" else set(CHECK_FUNCTIONS)
        if gap.area == "stateful":
            known_checks |= set(STATEFUL_ASSERTIONS)
        assert gap.area in {"schemathesis", "stateful", "parsing", "contract"}, f"{name}: area {gap.area}"
        assert gap.reason, name
        assert gap.operations <= operation_ids, f"{name}: unknown operations {sorted(gap.operations - operation_ids)}"
        assert gap.checks <= known_checks, f"{name}: unknown checks {sorted(gap.checks - known_checks)}"
    # None of the checks of this suite is switched off wholesale, only for the responses a gap matches.
    assert not set(SCHEMATHESIS_CHECKS) & {check for gap in KNOWN_GAPS.values() if not gap.when for check in gap.checks}


def test_known_gaps_are_still_real(mock_http: httpx.Client) -> None:
    """The Prism behaviours the gaps describe are still there (else the gap must go)."""
    garbage = b"\x00\xff not json"
    response = mock_http.post("/v1/authorize", content=garbage, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert prism_invalid_json_reply(garbage, response.content), response.text

    untyped = spec_tools.spec()["components"]["schemas"]["GenericSuccessResponse"]["properties"]["data"]
    op = spec_tools.operation("registerCustomer")
    for seed in ("a", "b", "c"):
        headers = {"Prefer": f"dynamic=true, seed={seed}"}
        response = mock_http.post(op.path, json=op.request_example(), headers=headers)
        assert response.json() == {"status": True, "data": untyped}, response.text


def test_sandbox_state_refusal_gap_is_still_real(sandbox_url: str) -> None:
    """The sandbox's state refusals the gap lets through are what it answers (else the gap must go),
    and a refusal of the request's shape is not one of them."""
    with httpx.Client(base_url=sandbox_url, timeout=10.0) as client:
        unknown = client.post("/v1/accesstoken", json={"authorization_code": "never-issued"})
        assert unknown.status_code == 400 and sandbox_state_refusal(None, unknown.content), unknown.text
        headers = {"X-Access-Token": sandbox_token(sandbox_url, "gap-check")}
        body = {"id_group": 1, "numbers": [{"number": 1}]}
        no_group = client.post("/v1/group-number-add", json=body, headers=headers)
        assert no_group.status_code == 400 and sandbox_state_refusal(None, no_group.content), no_group.text
        malformed = client.post("/v1/accesstoken", json={"authorization_code": ""})
        assert malformed.status_code == 400 and not sandbox_state_refusal(None, malformed.content), malformed.text


def test_sandbox_fault_number_gap_is_still_real(sandbox_url: str) -> None:
    """The fault answers the gap lets through are what the sandbox answers, and only to those numbers."""
    headers = {"X-Access-Token": sandbox_token(sandbox_url, "fault-gap-check")}
    with httpx.Client(base_url=sandbox_url, timeout=10.0, headers=headers) as client:
        for number, status in (("380957220005", 500), ("380957220007", 429), ("380957225759", 200)):
            body = [{"number": [number], "senderID": "Verify", "text": "gap check"}]
            response = client.post("/v1/send", json=body)
            assert response.status_code == status, response.text
            assert sandbox_fault_answer(body, response.content) is (status != 200)
        body = [{"number": ["380957225759"], "senderID": "Verify", "text": "gap check"}]
        assert not sandbox_fault_answer(body, b'{"status": false, "error_code": 429}')
