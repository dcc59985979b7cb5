"""Spec quality: every example in openapi/gatum.yaml is valid against its schema, and present.

Prism only warns about an invalid example (and then serves it), and the generator never looks
at examples, so this is the test that keeps them honest. Validation is JSON Schema Draft
2020-12 (the dialect of OpenAPI 3.1) with format checks, `$ref`s resolved inside the spec.
Each example is its own test item named after its operation (operationId) and which example it
is, e.g. `test_example_is_valid[authorize: response 200 example]`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from conformance import spec_tools
from conformance.spec_tools import JSON, Operation, resolve

KINDS = ("path", "callback", "webhook")


@dataclass(frozen=True)
class Example:
    owner: str  # operationId, or the component / schema the example belongs to
    what: str  # which example, e.g. "response 200 example 'one'"
    schema_location: str  # JSON Pointer of the schema it must satisfy
    value: Any

    @property
    def id(self) -> str:
        return f"{self.owner}: {self.what}"


def child(location: str, *parts: str) -> str:
    return location + spec_tools.pointer(*parts)[1:]


def media_examples(owner: str, what: str, content: dict[str, Any], location: str) -> Iterator[Example]:
    """The `example` and the `examples` of each media type of a request body or response."""
    for media_type, media in content.items():
        schema_location = child(location, "content", media_type, "schema")
        label = f"{what} example" + ("" if media_type == JSON else f" ({media_type})")
        if "example" in media:
            yield Example(owner, label, schema_location, media["example"])
        for name, example in media.get("examples", {}).items():
            example, _ = resolve(example, "")
            if "value" in example:
                yield Example(owner, f"{label} {name!r}", schema_location, example["value"])


def operation_examples(op: Operation) -> Iterator[Example]:
    for index, parameter in enumerate(op.definition.get("parameters", [])):
        parameter, where = resolve(parameter, child(op.location, "parameters", str(index)))
        label = f"parameter {parameter.get('in')}.{parameter.get('name')} example"
        if "example" in parameter:
            yield Example(op.operation_id, label, child(where, "schema"), parameter["example"])
        for name, example in parameter.get("examples", {}).items():
            example, _ = resolve(example, "")
            yield Example(op.operation_id, f"{label} {name!r}", child(where, "schema"), example.get("value"))
    body = op.request_body()
    if body is not None:
        yield from media_examples(op.operation_id, "request body", body[0].get("content", {}), body[1])
    for status in op.definition.get("responses", {}):
        response, where = op.response(status)
        yield from media_examples(op.operation_id, f"response {status}", response.get("content", {}), where)


def schema_nodes(node: Any, location: str) -> Iterator[tuple[dict[str, Any], str]]:
    """Every schema object inside a schema (itself included), with its JSON Pointer."""
    if not isinstance(node, dict):
        return
    yield node, location
    for keyword in ("properties", "patternProperties", "$defs", "dependentSchemas"):
        for name, sub in node.get(keyword, {}).items():
            yield from schema_nodes(sub, child(location, keyword, name))
    for keyword in SCHEMA_VALUED:
        yield from schema_nodes(node.get(keyword), child(location, keyword))
    for keyword in ("allOf", "anyOf", "oneOf", "prefixItems"):
        for index, sub in enumerate(node.get(keyword, [])):
            yield from schema_nodes(sub, child(location, keyword, str(index)))


SCHEMA_VALUED = (
    "items",
    "additionalProperties",
    "unevaluatedProperties",
    "unevaluatedItems",
    "contains",
    "propertyNames",
    "not",
    "if",
    "then",
    "else",
    "contentSchema",
)


def media_schema_locations() -> Iterator[str]:
    """Where the schemas of all request bodies and responses are (operations' and components')."""
    containers = [
        spec_tools.pointer("components", section, name)
        for section in ("requestBodies", "responses")
        for name in spec_tools.spec()["components"].get(section, {})
    ]
    for op in OPERATIONS:
        body = op.request_body()
        if body is not None:
            containers.append(body[1])
        containers.extend(op.response(status)[1] for status in op.definition.get("responses", {}))
    for container in dict.fromkeys(containers):
        for media_type, media in spec_tools.lookup(container).get("content", {}).items():
            if "schema" in media:
                yield child(container, "content", media_type, "schema")


def all_schemas() -> Iterator[tuple[dict[str, Any], str]]:
    """Every schema of the spec: the components' and the inline ones of request bodies and responses."""
    for name, schema in spec_tools.spec()["components"].get("schemas", {}).items():
        yield from schema_nodes(schema, spec_tools.pointer("components", "schemas", name))
    for location in media_schema_locations():
        yield from schema_nodes(spec_tools.lookup(location), location)


def schema_examples() -> Iterator[Example]:
    """The `examples` (and OpenAPI's `example`) keywords of the schemas themselves."""
    seen = set()
    for schema, location in all_schemas():
        if location in seen:
            continue
        seen.add(location)
        owner = location.removeprefix("#/components/schemas/").replace("~1", "/")
        for index, value in enumerate(schema.get("examples", [])):
            yield Example(owner, f"schema examples[{index}]", location, value)
        if "example" in schema:
            yield Example(owner, "schema example", location, schema["example"])


def component_examples() -> Iterator[Example]:
    """Examples of request bodies and responses under `components`, referenced or not."""
    components = spec_tools.spec()["components"]
    for section, what in (("requestBodies", "request body"), ("responses", "response")):
        for name, item in components.get(section, {}).items():
            where = spec_tools.pointer("components", section, name)
            yield from media_examples(f"components/{section}/{name}", what, item.get("content", {}), where)


OPERATIONS = spec_tools.operations(kinds=KINDS)
EXAMPLES = [
    *(example for op in OPERATIONS for example in operation_examples(op)),
    *component_examples(),
    *schema_examples(),
]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.id)
def test_example_is_valid(example: Example) -> None:
    errors = spec_tools.errors(example.schema_location, example.value)
    assert not errors, (
        f"{example.owner}: {example.what} does not match its schema {example.schema_location}:\n  "
        + "\n  ".join(errors)
    )


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.operation_id)
def test_operation_has_request_and_200_examples(op: Operation) -> None:
    found = {example.what for example in operation_examples(op)}
    if op.request_body() is not None:
        assert any(what.startswith("request body example") for what in found), (
            f"{op.operation_id} ({op.label}): the request body has no example"
        )
    assert "200" in op.definition.get("responses", {}), f"{op.operation_id} ({op.label}): no 200 response"
    assert any(what.startswith("response 200 example") for what in found), (
        f"{op.operation_id} ({op.label}): the 200 response has no example"
    )


def test_examples_were_collected_from_everywhere() -> None:
    """The collection above is not vacuous: operations, callbacks, webhooks and schemas all contribute."""
    owners = {example.owner for example in EXAMPLES}
    assert {op.operation_id for op in OPERATIONS} <= owners
    assert {"receiveDeliveryReports", "sendSms callback deliveryReport", "Msisdn", "SenderId"} <= owners
    assert len(OPERATIONS) == 24  # 22 operations, the /v1/send callback and the webhook


KNOWN_KEYWORDS = frozenset(
    (
        *("$ref", "$defs", "$schema", "$id", "$anchor", "$dynamicRef", "$dynamicAnchor", "$comment", "$vocabulary"),
        *("type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum"),
        *("maxLength", "minLength", "pattern", "format", "maxItems", "minItems", "uniqueItems", "maxContains"),
        *("minContains", "maxProperties", "minProperties", "required", "dependentRequired", "properties"),
        *("patternProperties", "additionalProperties", "unevaluatedProperties", "items", "prefixItems", "contains"),
        *("propertyNames", "unevaluatedItems", "allOf", "anyOf", "oneOf", "not", "if", "then", "else"),
        *("dependentSchemas", "contentMediaType", "contentEncoding", "contentSchema", "title", "description"),
        *("default", "deprecated", "readOnly", "writeOnly", "examples"),
        *("example", "discriminator", "xml", "externalDocs"),  # OpenAPI's additions
    )
)


def test_schemas_use_only_known_keywords() -> None:
    """Catches YAML's flow-mapping trap: `{description: A, b}` is {description: A, 'b': null}."""
    problems = [
        f"{location}: {keyword!r}" + (" (null: an unquoted comma in a flow mapping?)" if value is None else "")
        for schema, location in all_schemas()
        for keyword, value in schema.items()
        if (keyword not in KNOWN_KEYWORDS and not keyword.startswith("x-")) or value is None
    ]
    assert not problems, "unknown schema keywords:\n  " + "\n  ".join(sorted(set(problems)))
