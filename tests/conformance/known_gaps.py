"""The one place listing what the conformance tests leave out, and why.

Every conformance test reads its exclusions from `KNOWN_GAPS` and nowhere else. Each entry
names the test area it applies to, what it leaves out (operations, checks, or responses
matching `when`) and the reason. An entry whose `when` is set is narrow: the check is skipped
only for the responses it matches. The Prism behaviours listed here are re-checked by
`test_known_gaps_are_still_real` (test_schemathesis.py), so a limitation Prism fixes cannot
linger here; `test_known_gaps_name_real_checks_and_operations` keeps the names honest.

Areas:
* "schemathesis": tests/conformance/test_schemathesis.py (examples, coverage, fuzzing phases)
* "stateful": tests/conformance/test_stateful.py (OpenAPI links)
* "parsing": tests/conformance/test_dynamic_parsing.py (typed models vs Prism's dynamic bodies)
* "contract": openapi/contract_check.py (`make contract`, live vendor endpoint)
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# The checks test_schemathesis.py runs on every operation, except where a gap below says otherwise.
SCHEMATHESIS_CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "positive_data_acceptance",
)
# Read-only response checks, the only ones `make contract` runs against a live endpoint.
CONTRACT_CHECKS = ("status_code_conformance", "content_type_conformance", "response_schema_conformance")
# The assertions of test_dynamic_parsing.py a gap may switch off (parse and round trip always run).
PARSING_ASSERTIONS = ("bodies-vary",)
# The assertions of test_stateful.py a gap may narrow (the response checks always run on every step).
STATEFUL_ASSERTIONS = ("link-target-answers-200",)
# The 200 bodies whose `data` the spec leaves untyped (GenericSuccessResponse).
GENERIC_SUCCESS_OPERATIONS = frozenset(
    {
        "registerCustomer",
        "replacement",
        "deleteGroups",
        "groupNumberAdd",
        "groupNumberDelete",
        "sendBulk",
        "blackListAdd",
        "blackListSearch",
        "blackListDelete",
        "logout",
    }
)


def prism_invalid_json_reply(case_body: Any, response_content: bytes) -> bool:
    """Prism's own answer to a request body that is not JSON at all."""
    if not isinstance(case_body, bytes):
        return False
    try:
        error = json.loads(response_content).get("error")
    except (ValueError, AttributeError):
        return False
    return isinstance(error, dict) and error.get("code") == "invalid_json"


# The sandbox's (gatum_rest_py.sandbox) refusals that depend on its state, not on the request's shape.
SANDBOX_STATE_REFUSALS = frozenset(
    {
        "The authorization code is unknown, used or expired.",
        "Group not found.",
        "This login is already taken.",
        "not_registr_originator",
    }
)


def sandbox_state_refusal(case_body: Any, response_content: bytes) -> bool:
    """The sandbox's 400 for a request that is valid but names something its state refuses."""
    try:
        body = json.loads(response_content)
    except ValueError:
        return False
    errors = body.get("errors") if isinstance(body, dict) and body.get("error_code") == 400 else None
    if not isinstance(errors, dict) or len(errors) != 1:
        return False
    [messages] = errors.values()
    return all(m in SANDBOX_STATE_REFUSALS or str(m).startswith("black_listed_number: ") for m in messages)


# The sandbox's fault numbers whose answer the spec does not document (README's magic-number table):
# a send to a number ending in one of these gets this error_code whatever the request's shape.
SANDBOX_FAULT_ANSWERS = {"0005": 500, "0007": 429}


def sandbox_fault_answer(case_body: Any, response_content: bytes) -> bool:
    """The sandbox's deliberate answer to a send naming one of its fault numbers (500 or 429)."""
    if not isinstance(case_body, list):
        return False
    numbers = [
        str(n) for m in case_body if isinstance(m, dict) and isinstance(m.get("number"), list) for n in m["number"]
    ]
    try:
        body = json.loads(response_content)
    except ValueError:
        return False
    code = body.get("error_code") if isinstance(body, dict) else None
    return code is not None and any(SANDBOX_FAULT_ANSWERS.get(number[-4:]) == code for number in numbers)


@dataclass(frozen=True)
class Gap:
    area: str
    reason: str
    operations: frozenset[str] = frozenset()  # operationIds; empty: every operation of the area
    # What is not checked: schemathesis check names, or in the "parsing" area the assertions in
    # PARSING_ASSERTIONS, in the "stateful" area those in STATEFUL_ASSERTIONS. Empty: the operations
    # are left out of the area entirely.
    checks: frozenset[str] = frozenset()
    when: Callable[[Any, bytes], bool] | None = None  # (request body, response content) -> the gap applies


KNOWN_GAPS: dict[str, Gap] = {
    # ---- Prism limitations: the check runs, except on the responses `when` matches -------------
    "prism-invalid-json-reply": Gap(
        area="schemathesis",
        checks=frozenset({"response_schema_conformance"}),
        when=prism_invalid_json_reply,
        reason=(
            "The fuzzing phase sends bodies of random bytes ('Invalid syntax: random bytes'). Prism rejects "
            'them before routing with its own 400 document {"error": {"code": "invalid_json", ...}}, not '
            "with the spec's ErrorResponse example, so the response schema check fails on Prism, not on the "
            "spec. Status code, content type, 5xx and negative-data checks still run on these responses."
        ),
    ),
    "prism-untyped-data-is-constant": Gap(
        area="parsing",
        operations=GENERIC_SUCCESS_OPERATIONS,
        checks=frozenset({"bodies-vary"}),
        reason=(
            "GenericSuccessResponse.data is deliberately untyped ({description: ...}: any JSON value, kept as "
            "sent). Prism's json-schema-faker answers a schema without `type` with that schema object itself, "
            '{"description": "Whatever the platform answered."}, whatever the seed, so the bodies of these '
            "operations do not vary. They are still parsed and round-tripped; the untyped `data` is covered by "
            "the spec examples and the client tests."
        ),
    ),
    "sandbox-state-refusals": Gap(
        area="schemathesis",
        checks=frozenset({"positive_data_acceptance"}),
        when=sandbox_state_refusal,
        reason=(
            "The sandbox keeps state, as the platform does: a schema-valid request naming an authorization "
            "code it never issued (or already exchanged), a group the account does not have, a login already "
            "registered, an unregistered sender or a black-listed number gets the platform's 400 with the "
            "field and the reason. Schemathesis generates such values at random. Only these exact answers "
            "are let through; status, content type and response schema are still checked on them."
        ),
    ),
    "sandbox-stateful-state-refusals": Gap(
        area="stateful",
        checks=frozenset({"link-target-answers-200"}),
        when=sandbox_state_refusal,
        reason=(
            "Against the sandbox a followed link can meet state the run itself made: schemathesis draws a "
            "link's source from every earlier response, so one authorization code is exchanged twice (codes "
            "work once), and it merges the link's id_group into generated lists of other, made-up group ids "
            "(or leaves the linked field out). The sandbox answers such a step with its documented 400. Only "
            "these exact answers are let through, and only when the run's own history explains them (the "
            "code was exchanged before; a group the request names was never created by the run, or deleted); "
            "every link must still be answered 200 at least once with every value it defines applied, and "
            "the response checks run on these answers as on every other."
        ),
    ),
    "sandbox-fault-numbers": Gap(
        area="schemathesis",
        operations=frozenset({"sendSms"}),
        checks=frozenset({"not_a_server_error", "status_code_conformance", "positive_data_acceptance"}),
        when=sandbox_fault_answer,
        reason=(
            "Deliberate faults of the sandbox, chosen by the destination number (README's magic-number table): "
            "...0005 is stored and delivered, then answered 500; ...0007 is answered 429 (with Retry-After, "
            "nothing stored) the first time per account. Neither status is in the spec (the platform "
            "publishes neither); the body is still checked against ErrorResponse. The stalling number "
            "...0006 answers a documented 200 late; the conformance sandbox runs with stall_seconds=0."
        ),
    ),
    # ---- schemathesis checks not run at all ------------------------------------------------------
    "check-ignored_auth": Gap(
        area="schemathesis",
        checks=frozenset({"ignored_auth"}),
        reason="Prism only checks that X-Access-Token is present, any value passes; the check fails on every "
        "token operation by design of the mock (the real API's behaviour is for `make contract` to show).",
    ),
    "check-unsupported_method": Gap(
        area="schemathesis",
        checks=frozenset({"unsupported_method"}),
        reason="Prism answers undeclared methods with 405 but without the `Allow` header RFC 9110 asks for.",
    ),
    "check-response_headers_conformance": Gap(
        area="schemathesis",
        checks=frozenset({"response_headers_conformance"}),
        reason="The spec declares no response headers: the check would have nothing to check.",
    ),
    "check-stateful-resource-checks": Gap(
        area="schemathesis",
        checks=frozenset(
            {
                "use_after_free",
                "ensure_resource_availability",
                "object_level_authorization",
                "missing_required_header",
                "allow_header_conformance",
            }
        ),
        reason="REST resource checks (resources under URLs, DELETE then GET, per-user objects, required "
        "header parameters, Allow on 405): the API has none of these, every call is a POST/GET on a fixed "
        "path with a JSON body, and Prism keeps no state.",
    ),
    # ---- operations and documents outside a test area --------------------------------------------
    "webhook-deliveryReport": Gap(
        area="schemathesis",
        operations=frozenset({"receiveDeliveryReports"}),
        reason="The DLR webhook (and the /v1/send callback) is served by the customer, not by the vendor or "
        "Prism. Its examples are validated by test_spec_examples.py; its receiver is tested elsewhere.",
    ),
    "contract-write-operations": Gap(
        area="contract",
        operations=frozenset(
            {
                "authorize",
                "accessToken",
                "registerCustomer",
                "sendSms",
                "createGroup",
                "deleteGroups",
                "groupNumberAdd",
                "groupNumberDelete",
                "sendBulk",
                "blackListAdd",
                "blackListDelete",
                "logout",
            }
        ),
        reason="`make contract` talks to a real vendor endpoint: only operations marked x-gatum-read-only run "
        "(nothing is sent, created, billed or deleted). authorize and accessToken are only used to get a token.",
    ),
}


def gaps(area: str) -> dict[str, Gap]:
    return {name: gap for name, gap in KNOWN_GAPS.items() if gap.area == area}


def skipped_operations(area: str) -> frozenset[str]:
    """Operations an area leaves out entirely."""
    return frozenset(op for gap in gaps(area).values() if not gap.checks for op in gap.operations)


def skipped_checks(area: str, operation_id: str) -> frozenset[str]:
    """Checks never run for this operation in this area (gaps without `when`)."""
    return frozenset(
        check
        for gap in gaps(area).values()
        if gap.when is None and (not gap.operations or operation_id in gap.operations)
        for check in gap.checks
    )


def checks_skipped_for_response(area: str, operation_id: str, case_body: Any, content: bytes) -> dict[str, str]:
    """Checks to skip for one response, each with the name of the gap that skips it."""
    skipped: dict[str, str] = {}
    for name, gap in gaps(area).items():
        if gap.when is None or (gap.operations and operation_id not in gap.operations):
            continue
        if gap.when(case_body, content):
            skipped.update(dict.fromkeys(gap.checks, name))
    return skipped
