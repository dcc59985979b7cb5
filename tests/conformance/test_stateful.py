"""Schemathesis' stateful phase over the spec's OpenAPI links, against the Prism mock and the
stateful sandbox (gatum_rest_py.sandbox).

The state machine is built from the links only (no inferred ones). Besides the response checks
on every step, the test proves the links work: every link of the spec is followed at least
once, the values it carries are read from the source step (extraction did not fail) and are
what the target request actually sent (header or body), the target answered 200, and every link
was answered 200 at least once with every value it defines applied.

The sandbox keeps state, so a followed link can meet state the run made (a code exchanged
twice, a generated list of made-up group ids around the linked one): the known gap
`sandbox-stateful-state-refusals` lets the sandbox's documented 400 through, and only when the
run's own history (`SandboxHistory`) explains it. The sandbox checks tokens: every operation
gets a real one, and the authorize -> accesstoken -> me chain runs on real codes and tokens.
"""

from __future__ import annotations

import copy
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import hypothesis
import pytest
import schemathesis
from hypothesis.stateful import RULE_MARKER, Bundle, Rule, initialize
from schemathesis.auths import AuthContext
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup
from schemathesis.core.parameters import ParameterLocation
from schemathesis.core.result import Ok
from schemathesis.core.transforms import UNRESOLVABLE
from schemathesis.generation.stateful.state_machine import StepInput, StepOutput, normalize_name

from conformance import spec_tools
from conformance.conftest import MOCK_TOKEN, sandbox_token
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
# Longer scenarios on the sandbox: a link's source must answer 200 with fresh state first (a new
# code, a new group), and each scenario spends a step on authorize. About 4 s.
SANDBOX_SETTINGS = hypothesis.settings(SETTINGS, max_examples=40, stateful_step_count=12)


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
    (accessToken -> accountInfo): configured auth would overwrite the token the link carries.
    On the sandbox the token is real, and logout (which ends the token it is given) gets its own."""

    base_url: str | None = None  # the sandbox's; None: Prism, where any token passes
    token = MOCK_TOKEN

    def get(self, case: schemathesis.Case, context: AuthContext) -> str:
        if self.base_url is None:
            return MOCK_TOKEN
        if case.operation.definition.raw["operationId"] == "logout":
            return sandbox_token(self.base_url, "stateful")
        return self.token

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


@dataclass
class SandboxHistory:
    """What the run did to the sandbox's state: enough to tell a refusal the run itself caused
    from a link that carried a wrong value."""

    exchanged: set[str] = field(default_factory=set)  # authorization codes exchanged (200)
    groups: set[int] = field(default_factory=set)  # groups the run created and did not delete

    def record(self, case: schemathesis.Case, status: int, content: bytes) -> None:
        op_id, body = case.operation.definition.raw["operationId"], case.body
        if status != 200 or not isinstance(body, dict):
            return
        code, deleted = body.get("authorization_code"), body.get("id_group")
        if op_id == "accessToken" and isinstance(code, str):
            self.exchanged.add(code)
        elif op_id == "createGroup":
            self.groups.add(json.loads(content)["data"]["id_group"])
        elif op_id == "deleteGroups" and isinstance(deleted, list):
            self.groups -= {_group_id(g) for g in deleted}

    def explains(self, body: Any, content: bytes) -> str:
        """Why the run's own history explains this refusal ("" when it does not)."""
        [name] = json.loads(content)["errors"]
        sent = body.get(name) if isinstance(body, dict) else None
        if name == "authorization_code" and sent in self.exchanged:
            return "the code was exchanged earlier in the run"
        if name == "id_group":
            named = sent if isinstance(sent, list) else [sent]
            unknown = [g for g in named if _group_id(g) not in self.groups]
            return f"the request names groups the run does not have: {unknown}" if unknown else ""
        return ""


def _group_id(value: Any) -> int | None:
    """A group id as the sandbox reads it (integral numbers and digit strings), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        return int(value)
    return None


@dataclass(frozen=True)
class Followed:
    """One step that followed a link."""

    answered_200: bool
    fully_applied: bool  # every value the link defines was put in the request
    problem: str  # "" when the link did its job


@pytest.mark.parametrize("target", ["mock", "sandbox"])
def test_links_are_followed_and_carry_their_values(target: str, request: pytest.FixtureRequest) -> None:
    base_url: str = request.getfixturevalue(f"{target}_url")
    load_all_checks()
    config = SchemathesisConfig.from_dict(
        {
            "seed": 7,
            "base-url": base_url,
            "cache": {"enabled": False},
            "generation": {"mode": "positive", "with-security-parameters": False},
            "phases": {"stateful": {"enabled": True, "inference": {"algorithms": []}}},
        }
    )
    if target == "sandbox":
        schema = schemathesis.openapi.from_dict(_links_replace_bodies(spec_tools.spec()), config=config)
    else:
        schema = schemathesis.openapi.from_path(spec_tools.SPEC_PATH, config=config)
    TokenUnlessLinked.base_url = base_url if target == "sandbox" else None
    TokenUnlessLinked.token = sandbox_token(base_url, "stateful") if target == "sandbox" else MOCK_TOKEN
    schema.auth()(TokenUnlessLinked)
    followed: dict[str, list[Followed]] = defaultdict(list)  # link -> each applied step
    history = SandboxHistory() if target == "sandbox" else None

    machine = schema.as_state_machine()
    authorize = _root_rule(machine, "POST /v1/authorize")

    class Links(machine):  # type: ignore[misc,valid-type]
        if target == "sandbox":
            # Every scenario starts with a generated authorize call (any credentials log in), so
            # each has a fresh, real code for authorize -> accesstoken -> me: codes work once, and
            # left to the random choice of roots the run hardly ever got a fresh one that far.
            @initialize(target=Bundle("catch_all"), input=authorize.arguments["input"])
            def start_with_authorize(self, input: StepInput) -> StepOutput | None:
                return authorize.function(self, input)  # type: ignore[no-any-return]

        def step(self, input: StepInput) -> StepOutput:
            output = super().step(input)
            transition, response = input.transition, output.response
            if transition is not None and input.is_applied:
                problem = _values_problem(input, output)
                if not problem and response.status_code != 200 and not _excused(input.case, response.content, history):
                    problem = f"target answered {response.status_code}: {response.content[:300]!r}"
                fully = _link_parameters(input) <= set(input.applied_parameters)
                followed[transition.id].append(Followed(response.status_code == 200, fully, problem))
            if history is not None:
                history.record(input.case, response.status_code, response.content)
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

    settings = SANDBOX_SETTINGS if target == "sandbox" else SETTINGS
    Links.run(settings=settings)

    missing = spec_links() - followed.keys()
    assert not missing, f"links never followed in {settings.max_examples} scenarios: {sorted(missing)}"
    assert followed.keys() <= spec_links(), f"links not in the spec: {sorted(followed.keys() - spec_links())}"
    for link, steps in sorted(followed.items()):
        bad = [step.problem for step in steps if step.problem]
        assert not bad, f"{link}: {len(bad)} of {len(steps)} steps went wrong, first: {bad[0]}"
        assert any(step.answered_200 and step.fully_applied for step in steps), (
            f"{link}: never answered 200 with all its values applied ({len(steps)} steps)"
        )


def _root_rule(machine: type, label: str) -> Rule:
    """The state machine's rule that calls operation `label` with a generated case (no link)."""
    rules = [getattr(fn, RULE_MARKER) for fn in vars(machine).values() if hasattr(fn, RULE_MARKER)]
    found = [r for r in rules if not r.bundles and r.function.__name__ == normalize_name(f"RANDOM -> {label}")]
    assert len(found) == 1, f"no root rule for {label} among {[r.function.__name__ for r in rules]}"
    rule: Rule = found[0]
    return rule


def _links_replace_bodies(spec: dict[str, Any]) -> dict[str, Any]:
    """A copy of the spec whose links send their request body as written when applied
    (`x-schemathesis: {merge_body: false}`) instead of merging it into a generated one.

    Against the sandbox a merged body mostly tests the generator: `SendBulkToNewGroup`'s
    `id_group: [<new group>]` merged item by item into a generated list of made-up group ids is
    refused for those ids, so that link would never be seen to work. Steps where schemathesis does
    not apply the link still send generated bodies (and get every response check)."""
    copied = copy.deepcopy(spec)
    for link in copied["components"]["links"].values():
        link["x-schemathesis"] = {"merge_body": False}
    return copied


def _excused(case: schemathesis.Case, content: bytes, history: SandboxHistory | None) -> bool:
    """A known gap lets this refusal of a link's target through and the run's own history on the
    sandbox explains it (the step still counts as followed, not as answered 200)."""
    op_id = case.operation.definition.raw["operationId"]
    gaps = checks_skipped_for_response(AREA, op_id, case.body, content)
    return history is not None and "link-target-answers-200" in gaps and bool(history.explains(case.body, content))


def _link_parameters(input: StepInput) -> set[tuple[ParameterLocation, str | None]]:
    """Every (location, name) the link defines."""
    assert input.transition is not None
    transition = input.transition
    wanted: set[tuple[ParameterLocation, str | None]] = {
        (ParameterLocation.HEADER, name) for name in transition.parameters.get("headers", {})
    }
    body = transition.request_body
    if body is not None and isinstance(body.value, Ok):
        value = body.value.ok()
        wanted |= (
            {(ParameterLocation.BODY, name) for name in value}
            if isinstance(value, dict)
            else {(ParameterLocation.BODY, None)}
        )
    return wanted


def _values_problem(input: StepInput, output: StepOutput) -> str:
    """Why this step did not carry its link's values into the request ("" when it did)."""
    assert input.transition is not None
    transition = input.transition
    request = output.response.request
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
