"""The generated models against Prism's dynamic mode: many random, spec-valid 200 bodies per operation.

Every operation is called with its spec example as the request body and
`Prefer: dynamic=true, seed=<operationId>-<n>`, so Prism generates the 200 body from the schema
with json-schema-faker, deterministically per seed. Each body must be valid against the
operation's 200 schema (else Prism or the spec is at fault, not the client), parse with the
operation's model (`<Model>.from_dict`) and survive the round trip `to_dict()` unchanged, compared
type-strictly: `1.0` is not `1`, `false` is not `0`, and no field is dropped or added.
"""

from __future__ import annotations

import importlib
from typing import Any

import httpx
import pytest

from conformance import spec_tools
from conformance.conftest import MOCK_TOKEN
from conformance.known_gaps import GENERIC_SUCCESS_OPERATIONS, skipped_checks, skipped_operations

AREA = "parsing"
SEEDS_PER_OPERATION = 12
OPERATIONS = [op for op in spec_tools.operations() if op.operation_id not in skipped_operations(AREA)]


def strict_equal(left: Any, right: Any) -> bool:
    """Equality where the JSON types must match as well (Python's 1 == 1.0 == True does not count)."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return left.keys() == right.keys() and all(strict_equal(left[key], right[key]) for key in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(map(strict_equal, left, right))
    return bool(left == right)


def first_difference(left: Any, right: Any, path: str = "") -> str:
    """Where two JSON values first differ, for the failure message."""
    if type(left) is not type(right):
        return f"{path or '/'}: {left!r} ({type(left).__name__}) became {right!r} ({type(right).__name__})"
    if isinstance(left, dict):
        for key in sorted(left.keys() | right.keys()):
            if key not in right:
                return f"{path}/{key}: dropped"
            if key not in left:
                return f"{path}/{key}: added as {right[key]!r}"
            if not strict_equal(left[key], right[key]):
                return first_difference(left[key], right[key], f"{path}/{key}")
    if isinstance(left, list):
        if len(left) != len(right):
            return f"{path}: {len(left)} items became {len(right)}"
        for index, (a, b) in enumerate(zip(left, right, strict=True)):
            if not strict_equal(a, b):
                return first_difference(a, b, f"{path}/{index}")
    return f"{path or '/'}: {left!r} became {right!r}"


def model_class(op: spec_tools.Operation) -> Any:
    """The generated model of the operation's 200 body: the component schema's name, e.g. SendResponse."""
    return getattr(importlib.import_module("gatum_client.models"), op.response_schema_name())


def test_every_operation_has_a_model() -> None:
    assert len(OPERATIONS) == 22
    for op in OPERATIONS:
        model = model_class(op)
        assert callable(model.from_dict), op.operation_id
    generic = {op.operation_id for op in OPERATIONS if op.response_schema_name() == "GenericSuccessResponse"}
    assert generic == GENERIC_SUCCESS_OPERATIONS, "known_gaps.GENERIC_SUCCESS_OPERATIONS is out of date"


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.operation_id)
def test_models_parse_and_round_trip_dynamic_bodies(op: spec_tools.Operation, mock_http: httpx.Client) -> None:
    model = model_class(op)
    schema_location = f"#/components/schemas/{op.response_schema_name()}"
    request: dict[str, Any] = {"headers": {"X-Access-Token": MOCK_TOKEN}}
    if op.request_body() is not None:
        request["json"] = op.request_example()
    bodies = []
    for seed in range(1, SEEDS_PER_OPERATION + 1):
        headers = {**request["headers"], "Prefer": f"dynamic=true, seed={op.operation_id}-{seed}"}
        response = mock_http.request(op.method.upper(), op.path, json=request.get("json"), headers=headers)
        where = f"{op.operation_id} ({op.label}), seed {op.operation_id}-{seed}"
        assert response.status_code == 200, f"{where}: Prism answered {response.status_code}: {response.text[:500]}"
        body = response.json()
        bodies.append(response.text)
        errors = spec_tools.errors(schema_location, body)
        assert not errors, f"{where}: Prism generated a body the spec rejects: {errors[:3]}\n{response.text[:1000]}"
        try:
            parsed = model.from_dict(body)
        except Exception as exc:  # any exception is the finding
            pytest.fail(f"{where}: {model.__name__}.from_dict failed: {exc!r}\nbody: {response.text[:1000]}")
        back = parsed.to_dict()
        assert strict_equal(back, body), (
            f"{where}: {model.__name__}.from_dict(body).to_dict() != body at {first_difference(body, back)}\n"
            f"body: {response.text[:1000]}"
        )
    if "bodies-vary" not in skipped_checks(AREA, op.operation_id):
        # Seeds really vary the bodies (else this test would be one example repeated).
        assert len(set(bodies)) > SEEDS_PER_OPERATION // 2, f"{op.operation_id}: Prism repeated its bodies"
