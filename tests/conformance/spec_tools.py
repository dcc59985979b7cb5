"""Reading openapi/gatum.yaml for the conformance tests: operations, their examples, their models."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jsonschema
import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "openapi" / "gatum.yaml"
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
JSON = "application/json"
SPEC_URI = "urn:gatum-spec"


@cache
def spec() -> dict[str, Any]:
    """The spec as parsed YAML (cached: do not mutate)."""
    return yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def pointer(*parts: str) -> str:
    """A JSON Pointer (RFC 6901) into the spec from its unescaped parts."""
    return "#/" + "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


def lookup(location: str) -> Any:
    """The node at a JSON Pointer of the spec, `$ref`s not followed."""
    node: Any = spec()
    for part in location.removeprefix("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def resolve(node: dict[str, Any], where: str) -> tuple[dict[str, Any], str]:
    """Follow local `$ref`s; return the target and its JSON Pointer (`where` when there was no `$ref`)."""
    while "$ref" in node:
        where = node["$ref"]
        node = lookup(where)
    return node, where


@cache
def registry() -> Registry[Any]:
    """The whole spec as one JSON Schema 2020-12 resource, so `#/components/...` refs resolve."""
    return Registry().with_resource(SPEC_URI, Resource.from_contents(spec(), default_specification=DRAFT202012))


def validator(location: str) -> jsonschema.Draft202012Validator:
    """A validator for the schema at a JSON Pointer of the spec (`#/components/schemas/Send...`)."""
    fragment = quote(location.removeprefix("#"), safe="/~")
    return jsonschema.Draft202012Validator(
        {"$ref": f"{SPEC_URI}#{fragment}"},
        registry=registry(),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )


def errors(location: str, instance: Any) -> list[str]:
    """Every way `instance` breaks the schema at `location`, as `path: message` lines."""
    found = validator(location).iter_errors(instance)
    return [f"/{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in found]


@dataclass(frozen=True)
class Operation:
    """One operation of the spec: a path operation, a callback operation or a webhook."""

    operation_id: str
    method: str
    path: str
    definition: dict[str, Any]
    location: str  # JSON Pointer of the operation object
    kind: str  # "path", "callback" or "webhook"

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.path}"

    def request_body(self) -> tuple[dict[str, Any], str] | None:
        if "requestBody" not in self.definition:
            return None
        return resolve(self.definition["requestBody"], f"{self.location}/requestBody")

    def response(self, status: str) -> tuple[dict[str, Any], str]:
        return resolve(self.definition["responses"][status], f"{self.location}/responses/{status}")

    def request_example(self) -> Any:
        """The JSON example of the request body (KeyError when there is none)."""
        body, _ = self.request_body() or ({}, "")
        return first_example(body["content"][JSON])

    def response_schema_name(self, status: str = "200") -> str:
        """Name of the component schema of a JSON response (the generated model class has this name)."""
        response, _ = self.response(status)
        return str(response["content"][JSON]["schema"]["$ref"]).rsplit("/", 1)[1]


def _operations_of(item: dict[str, Any], path: str, location: str, kind: str, name: str) -> Iterator[Operation]:
    """The operations of a path item; `name` stands in for a missing operationId (callbacks have none)."""
    for method in HTTP_METHODS:
        if method in item:
            op = item[method]
            yield Operation(op.get("operationId", name), method, path, op, f"{location}/{method}", kind)


def operations(*, kinds: tuple[str, ...] = ("path",)) -> list[Operation]:
    """The spec's operations in document order: path operations, and on request callbacks and webhooks."""
    found: list[Operation] = []
    for path, item in spec()["paths"].items():
        for op in _operations_of(item, path, pointer("paths", path), "path", path):
            if "path" in kinds:
                found.append(op)
            if "callback" not in kinds:
                continue
            for name, callback in op.definition.get("callbacks", {}).items():
                for expression, cb_item in callback.items():
                    where = f"{op.location}/callbacks/{pointer(name, expression)[2:]}"
                    label = f"{op.operation_id} callback {name}"
                    found.extend(_operations_of(cb_item, expression, where, "callback", label))
    if "webhook" in kinds:
        for name, item in spec().get("webhooks", {}).items():
            found.extend(_operations_of(item, f"webhook {name}", pointer("webhooks", name), "webhook", name))
    return found


def operation(operation_id: str) -> Operation:
    return next(op for op in operations() if op.operation_id == operation_id)


def first_example(media: dict[str, Any]) -> Any:
    """The example Prism serves when none is asked for: `example`, else the first of `examples`."""
    if "example" not in media and media.get("examples"):
        return next(iter(media["examples"].values()))["value"]
    return media["example"]
