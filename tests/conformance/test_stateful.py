"""Schemathesis' stateful phase over the spec's OpenAPI links, against the Prism mock.

The state machine is built from the links only (no inferred ones). Besides the response checks
on every step, the test proves the links work: every link of the spec is followed at least
once, the values it carries are read from the source step (extraction did not fail) and are
what the target request actually sent (header or body), and the target answered 200.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

import hypothesis
import schemathesis
from schemathesis.auths import AuthContext
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup
from schemathesis.core.parameters import ParameterLocation
from schemathesis.core.result import Ok
from schemathesis.core.transforms import UNRESOLVABLE
from schemathesis.generation.stateful.state_machine import StepInput, StepOutput

from conformance import spec_tools
from conformance.conftest import MOCK_TOKEN
from conformance.known_gaps import checks_skipped_for_response, skipped_checks

AREA = "stateful"
RESPONSE_CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
)
SETTINGS = hypothesis.settings(
    max_examples=30,
    stateful_step_count=8,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(hypothesis.HealthCheck),  # every step is an HTTP call: timing checks would be noise
)


def spec_links() -> set[str]:
    """`source -> [status] name -> target` for every link the spec puts on a response."""
    labels = {op.operation_id: op.label for op in spec_tools.operations()}
    found = set()
    for op in spec_tools.operations():
        for status in op.definition["responses"]:
            response, _ = op.response(status)
            for name, link in response.get("links", {}).items():
                link, _ = spec_tools.resolve(link, "")
                found.add(f"{op.label} -> [{status}] {name} -> {labels[link['operationId']]}")
    return found


class TokenUnlessLinked:
    """The static token for operations that need one, unless a link already put one in the case
    (accessToken -> accountInfo): configured auth would overwrite the token the link carries."""

    def get(self, case: schemathesis.Case, context: AuthContext) -> str:
        return MOCK_TOKEN

    def set(self, case: schemathesis.Case, data: str, context: AuthContext) -> None:
        if case.operation.definition.raw.get("security") != []:
            case.headers.setdefault("X-Access-Token", data)


def _contains(sent: Any, linked: Any) -> bool:
    """`linked` is part of `sent` (link bodies are merged into generated ones, arrays item by item)."""
    if isinstance(linked, dict):
        return isinstance(sent, dict) and all(k in sent and _contains(sent[k], v) for k, v in linked.items())
    if isinstance(linked, list):
        return isinstance(sent, list) and len(sent) >= len(linked) and all(map(_contains, sent, linked))
    return type(sent) is type(linked) and sent == linked


def test_links_are_followed_and_carry_their_values(mock_url: str) -> None:
    load_all_checks()
    config = SchemathesisConfig.from_dict(
        {
            "seed": 7,
            "base-url": mock_url,
            "cache": {"enabled": False},
            "generation": {"mode": "positive", "with-security-parameters": False},
            "phases": {"stateful": {"enabled": True, "inference": {"algorithms": []}}},
        }
    )
    schema = schemathesis.openapi.from_path(spec_tools.SPEC_PATH, config=config)
    schema.auth()(TokenUnlessLinked)
    followed: dict[str, list[str]] = defaultdict(list)  # link -> problems seen on each applied step

    class Links(schema.as_state_machine()):  # type: ignore[misc]
        def step(self, input: StepInput) -> StepOutput:
            output = super().step(input)
            transition = input.transition
            if transition is not None and input.is_applied:
                followed[transition.id].append(_link_problem(input, output))
            return output

        def validate_response(self, response: Any, case: schemathesis.Case, **kwargs: Any) -> None:
            op_id = case.operation.definition.raw["operationId"]
            gaps = checks_skipped_for_response(AREA, op_id, case.body, response.content)
            skipped = skipped_checks(AREA, op_id) | gaps.keys()
            checks = [CHECKS.get_one(name) for name in RESPONSE_CHECKS if name not in skipped]
            try:
                case.validate_response(response, checks=checks, transport_kwargs=kwargs or None, recorder=self.recorder)
            except FailureGroup as exc:
                exc.add_note(f"operation {op_id} ({case.operation.label}), a step of the stateful run")
                raise

    Links.run(settings=SETTINGS)

    missing = spec_links() - followed.keys()
    assert not missing, f"links never followed in {SETTINGS.max_examples} scenarios: {sorted(missing)}"
    assert followed.keys() <= spec_links(), f"links not in the spec: {sorted(followed.keys() - spec_links())}"
    for link, problems in sorted(followed.items()):
        bad = [problem for problem in problems if problem]
        assert not bad, f"{link}: {len(bad)} of {len(problems)} steps went wrong, first: {bad[0]}"


def _link_problem(input: StepInput, output: StepOutput) -> str:
    """Why this step did not carry its link's values to a 200 answer ("" when it did)."""
    assert input.transition is not None
    transition = input.transition
    request = output.response.request
    if output.response.status_code != 200:
        return f"target answered {output.response.status_code}: {output.response.content[:300]!r}"
    sent_body = json.loads(request.body) if request.body else None
    for location, name in input.applied_parameters:
        if location is ParameterLocation.HEADER:
            extracted = transition.parameters["headers"][name].value
            sent: Any = request.headers.get(name)
        elif location is ParameterLocation.BODY and transition.request_body is not None:
            extracted = transition.request_body.value
            sent = sent_body
            if name is not None and isinstance(extracted, Ok):
                extracted, sent = Ok(extracted.ok()[name]), (sent or {}).get(name)
        else:
            return f"unexpected link target {location} {name}"
        if not isinstance(extracted, Ok) or extracted.ok() in (None, UNRESOLVABLE):
            return f"{location.value} {name}: the link's expression resolved to nothing ({extracted!r})"
        if not _contains(sent, extracted.ok()):
            return f"{location.value} {name}: sent {sent!r}, the link gave {extracted.ok()!r}"
    return ""
