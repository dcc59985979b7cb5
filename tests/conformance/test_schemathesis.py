"""Schemathesis against the Prism mock: every operation, phases examples + coverage + fuzzing.

Each operation is its own test item, `test_conformance[POST /v1/send][mock]`; a failure shows
schemathesis' report (the failed checks, the response, a curl command reproducing the case)
under that name, with the operationId added as a note. Runs are deterministic: a fixed seed,
derandomized Hypothesis, no example database, a bounded number of fuzzing examples.

What is left out, and why, is in known_gaps.py and nowhere else.
"""

from __future__ import annotations

from collections import Counter

import httpx
import pytest
import schemathesis
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup

from conformance import spec_tools
from conformance.conftest import MOCK_TOKEN
from conformance.known_gaps import (
    KNOWN_GAPS,
    PARSING_ASSERTIONS,
    SCHEMATHESIS_CHECKS,
    checks_skipped_for_response,
    prism_invalid_json_reply,
    skipped_checks,
    skipped_operations,
)

AREA = "schemathesis"
SEED = 20_240_601
FUZZING_EXAMPLES = 50

load_all_checks()
CHECK_FUNCTIONS = {name: CHECKS.get_one(name) for name in CHECKS.get_all_names()}

CONFIG = SchemathesisConfig.from_dict(
    {
        "seed": SEED,
        "cache": {"enabled": False},
        "generation": {"deterministic": True, "database": "none", "max-examples": FUZZING_EXAMPLES},
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
schema = schemathesis.openapi.from_path(spec_tools.SPEC_PATH, config=CONFIG)
if skipped_operations(AREA):
    schema = schema.exclude(operation_id=sorted(skipped_operations(AREA)))

# operationId -> Counter of (phase, generation mode) of the cases sent; read by test_every_phase_ran.
SENT: dict[str, Counter[tuple[str, str]]] = {}
FAILED: set[str] = set()  # operations whose run stopped at a failure (their phases are not all there)


@schema.parametrize()
# pytest 9.2 builds node ids from `originalname`, which schemathesis 4.32.5 sets to the bare test
# name; with one parametrization the id carries the operation: test_conformance[POST /v1/send][mock].
@pytest.mark.parametrize("target", ["mock"])
def test_conformance(case: schemathesis.Case, mock_url: str, target: str) -> None:
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
        known_checks = set(PARSING_ASSERTIONS) if gap.area == "parsing" else CHECK_FUNCTIONS.keys()
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
