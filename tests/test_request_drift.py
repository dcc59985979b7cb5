"""The hand-written request side cannot drift from the spec.

(a) The input checks (`_validation`) agree with `jsonschema` on the spec for every operation's
    request schema, over the same valid and mutated bodies; every keyword the request schemas
    use is implemented by the checks or listed here as an annotation, else the test names it.
(b) Every request property of the spec has a facade argument, or is listed as deliberately absent;
    no argument sends a field the spec does not know. `sms_type`'s values come from the spec.
"""

from __future__ import annotations

import inspect
import json
import re
import typing
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from gatum_client.models.sms_type import SmsType
from gatum_client.spec_facts import SCHEMAS

from gatum_rest_py import InvalidRequestError
from gatum_rest_py import _operations as ops
from gatum_rest_py._spec import OPERATIONS_BY_ID
from gatum_rest_py._validation import validate_body

IMPLEMENTED = {
    "$ref", "type", "const", "enum", "pattern", "minLength", "maxLength", "minimum", "maximum",
    "minItems", "maxItems", "items", "required", "properties", "anyOf",
}  # fmt: skip
# format: annotation only, as in jsonschema; x-gatum-rule: the words of an error message.
ANNOTATIONS = {"description", "examples", "default", "format", "title", "x-gatum-rule"}

FACADE_BUILDERS = {
    "accountInfo": ops.account_info,
    "registerCustomer": ops.register_customer,
    "logout": ops.logout,
    "sendSms": ops.send_sms,
    "smsFullData": ops.sms_full_data,
    "replacement": ops.replacement,
    "sendBulk": ops.send_bulk,
    "listGroups": ops.list_group,
    "createGroup": ops.create_group,
    "deleteGroups": ops.delete_group,
    "groupNumberAdd": ops.group_number_add,
    "groupNumberSearch": ops.group_number_search,
    "groupNumberDelete": ops.group_number_delete,
    "blackListAdd": ops.black_list_add,
    "blackListSearch": ops.black_list_search,
    "blackListDelete": ops.black_list_delete,
    "productPrice": ops.product_price,
    "accountPrice": ops.account_price,
    "countryPrice": ops.country_price,
    "countryByContinent": ops.country_by_continent,
}
# authorize and accesstoken are the two halves of the facade's access_token(username, password).
LOGIN_OPERATIONS = {"authorize", "accessToken"}
DELIBERATELY_ABSENT: dict[str, set[str]] = {}


def request_schema(operation_id: str) -> str:
    schema = OPERATIONS_BY_ID[operation_id].request_schema
    assert schema is not None
    return schema


def object_schema(name: str) -> dict[str, Any]:
    """The object branch of a request schema (a filter body is `object or []`)."""
    schema = SCHEMAS[name]
    if schema.get("type") == "array" and "$ref" in schema.get("items", {}):  # the send body: its message
        return object_schema(schema["items"]["$ref"].rsplit("/", 1)[1])
    for option in schema.get("anyOf", []):
        target = SCHEMAS[option["$ref"].rsplit("/", 1)[1]] if "$ref" in option else option
        if target.get("type") == "object":
            return target
    return schema


# ---- (a) the checks agree with jsonschema ------------------------------------------------------


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[jsonschema.ValidationError]:
    # JSON Schema patterns are ECMA 262 regexes, where `$` ends the text; Python's `re` (which
    # jsonschema uses) also lets it match before a final newline.
    if isinstance(instance, str) and not re.search(re.sub(r"\$$", r"\\Z", pattern), instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


ECMA_VALIDATOR = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _ecma_pattern})


def jsonschema_accepts(schema_name: str, body: Any) -> bool:
    try:  # the wire's own rule, before any schema: a lone surrogate is no JSON text
        json.dumps(body, ensure_ascii=False).encode()
    except UnicodeEncodeError:
        return False
    root = {"$ref": f"#/components/schemas/{schema_name}", "components": {"schemas": SCHEMAS}}
    return bool(ECMA_VALIDATOR(root).is_valid(body))


def checks_accept(schema_name: str, body: Any) -> bool:
    try:
        validate_body("test", schema_name, body, {})
    except InvalidRequestError:
        return False
    return True


def valid_bodies(schema_name: str) -> list[Any]:
    from conformance import spec_tools

    found = []
    for op in spec_tools.operations():
        if OPERATIONS_BY_ID.get(op.operation_id) and OPERATIONS_BY_ID[op.operation_id].request_schema == schema_name:
            body, _ = op.request_body() or ({}, "")
            media = body.get("content", {}).get("application/json", {})
            if "example" in media:
                found.append(media["example"])
            found += [example["value"] for example in media.get("examples", {}).values()]
    return found


ODD_VALUES: list[Any] = [None, True, 1.5, 0, -1, 10**16, "", "x", "x" * 20, "12", "Verify\n", "\ud800", [], {}, [1]]


def mutants(value: Any) -> Iterator[Any]:
    """`value` with one place changed at a time: every odd value in every place, keys dropped."""
    yield from ODD_VALUES
    if isinstance(value, str):
        yield value + "\n"
    if isinstance(value, dict):
        for key in value:
            yield {k: v for k, v in value.items() if k != key}
            for changed in mutants(value[key]):
                yield {**value, key: changed}
    if isinstance(value, list) and value:
        for changed in mutants(value[0]):
            yield [changed, *value[1:]]


SCHEMA_NAMES = sorted({op.request_schema for op in OPERATIONS_BY_ID.values() if op.request_schema})


@pytest.mark.parametrize("schema_name", SCHEMA_NAMES)
def test_checks_agree_with_jsonschema(schema_name: str) -> None:
    bodies = valid_bodies(schema_name)
    assert bodies, f"{schema_name} has no request example"
    disagreements = []
    for base in bodies:
        assert jsonschema_accepts(schema_name, base), base
        for body in [base, *mutants(base)]:
            if jsonschema_accepts(schema_name, body) != checks_accept(schema_name, body):
                disagreements.append(body)
    assert not disagreements, f"{len(disagreements)} bodies judged differently, e.g. {disagreements[:3]!r}"


def keywords(schema: Any) -> Iterator[str]:
    if isinstance(schema, dict):
        for key, value in schema.items():
            yield key
            if key == "properties":
                for sub in value.values():
                    yield from keywords(sub)
            elif key in ("items", "anyOf"):
                yield from keywords(value)
    elif isinstance(schema, list):
        for item in schema:
            yield from keywords(item)


def request_reachable() -> set[str]:
    seen: set[str] = set()
    todo = list(SCHEMA_NAMES)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += re.findall(r"#/components/schemas/(\w+)", repr(SCHEMAS[name]))
    return seen


def test_every_keyword_of_the_request_schemas_is_implemented() -> None:
    used = {keyword for name in request_reachable() for keyword in keywords(SCHEMAS[name])}
    unknown = used - IMPLEMENTED - ANNOTATIONS
    assert not unknown, f"the input checks do not implement {sorted(unknown)}: implement them in _validation"


# ---- (b) every request property has an argument ---------------------------------------------------

SENTINEL = "sentinel"


def sample_arguments(builder: Any) -> dict[str, Any]:
    arguments: dict[str, Any] = {}
    for name, parameter in inspect.signature(builder).parameters.items():
        if parameter.kind is inspect.Parameter.VAR_KEYWORD:  # the per-call options
            continue
        annotation = str(parameter.annotation)
        if builder is ops.group_number_add and name == "numbers":
            arguments[name] = [{"number": 1}]
        elif "Sequence" in annotation:
            arguments[name] = [SENTINEL]
        else:
            arguments[name] = SENTINEL
    return arguments


@pytest.mark.parametrize("operation_id", sorted(op for op in FACADE_BUILDERS if OPERATIONS_BY_ID[op].request_schema))
def test_every_request_property_has_an_argument(operation_id: str) -> None:
    call = FACADE_BUILDERS[operation_id](**sample_arguments(FACADE_BUILDERS[operation_id]))
    wire = call.wire[0] if isinstance(call.wire, list) else call.wire
    sent = set(wire or {})
    known = set(object_schema(request_schema(operation_id)).get("properties", {}))
    assert known - DELIBERATELY_ABSENT.get(operation_id, set()) <= sent, f"no argument for {known - sent}"
    assert sent <= known, f"arguments send fields the spec does not know: {sent - known}"


def test_every_operation_with_a_body_is_on_the_facade() -> None:
    with_body = {op_id for op_id, op in OPERATIONS_BY_ID.items() if op.request_schema}
    assert with_body - set(FACADE_BUILDERS) - LOGIN_OPERATIONS == set()


def test_sms_type_values_come_from_the_spec() -> None:
    hint = typing.get_type_hints(ops.send_sms)["sms_type"]
    assert hint == SmsType | None
    assert set(typing.get_args(SmsType)) == set(SCHEMAS["SmsType"]["enum"])
