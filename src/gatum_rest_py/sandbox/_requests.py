"""Request bodies checked against the spec's own request schemas (`gatum_client.spec_facts`).

The sandbox refuses what the platform refuses and accepts what the spec accepts, with the
spec's 400 envelope `{"status": false, "error_code": 400, "errors": {field: [messages]}}`.
The vendor's PHP client sends an empty filter object as `[]` (PHP's empty array); for the
filter-only operations that `[]` is read as `{}`.

Example:
    >>> problems("AuthorizeRequest", {"username": "a"})
    {'password': ["'password' is a required property"]}
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any, Final

import jsonschema  # type: ignore[import-untyped]  # no stubs in the test environment
from gatum_client.spec_facts import OPERATIONS, SCHEMAS
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

# Operations whose body is only a filter: the PHP client sends `[]` when there is no filter.
FILTER_OPERATIONS: Final = frozenset(
    {"countryByContinent", "productPrice", "accountPrice", "countryPrice", "smsFullData"}
)
_SPEC_URI = "urn:gatum-sandbox-spec"
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$")  # RFC 3986: a scheme, then no whitespace
_FORMATS = jsonschema.FormatChecker(formats=())


def _is_uri(value: object) -> bool:
    return not isinstance(value, str) or bool(_URI.match(value))


def _is_email(value: object) -> bool:
    if not isinstance(value, str):
        return True
    local, at, domain = value.rpartition("@")
    return bool(at and local and domain and not any(ch.isspace() for ch in value))


_FORMATS.checks("uri")(_is_uri)
_FORMATS.checks("email")(_is_email)


@cache
def _validator(schema_name: str) -> Any:
    document = {"components": {"schemas": SCHEMAS}}
    registry: Registry[Any] = Registry().with_resource(
        _SPEC_URI, Resource.from_contents(document, default_specification=DRAFT202012)
    )
    return jsonschema.Draft202012Validator(
        {"$ref": f"{_SPEC_URI}#/components/schemas/{schema_name}"}, registry=registry, format_checker=_FORMATS
    )


def problems(schema_name: str, body: Any) -> dict[str, list[str]]:
    """Field -> messages for every way `body` breaks the named request schema ({} when valid)."""
    found: dict[str, list[str]] = {}
    for error in _validator(schema_name).iter_errors(body):
        names = [str(part) for part in error.absolute_path if isinstance(part, str)]
        field = names[-1] if names else _missing_property(error) or "body"
        message = error.message if len(error.message) <= 200 else error.message[:197] + "..."
        found.setdefault(field, []).append(message)
    return found


def _missing_property(error: Any) -> str | None:
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = [name for name in error.validator_value if name not in error.instance]
        return str(missing[0]) if missing else None
    return None


def request_schema(operation_id: str) -> str | None:
    schema = OPERATIONS[operation_id]["request_schema"]
    return str(schema) if schema else None


def normalized(operation_id: str, body: Any) -> Any:
    """The body as the schema expects it: the PHP client's `[]` filter becomes `{}`."""
    if operation_id in FILTER_OPERATIONS and body == []:
        return {}
    return body


def digits(value: Any) -> str:
    """A phone number (digit string or integer, as the spec allows) as a digit string."""
    return str(value)


MAX_ID = 2**63 - 1  # SQLite's INTEGER


def as_id(value: Any) -> int | None:
    """A group id (integer or digit string, as the spec allows) as an int; None for one that cannot exist."""
    text = str(value)
    return int(text) if text.isdigit() and 0 < int(text) <= MAX_ID else None


def bounded(value: Any, default: int, ceiling: int = 1_000_000) -> int:
    """A paging number (limit, offset) as an int in [0, ceiling]."""
    try:
        return max(0, min(int(value), ceiling))
    except (TypeError, ValueError):
        return default


def number_list(values: Any) -> list[str]:
    return list(dict.fromkeys(digits(v) for v in values))
