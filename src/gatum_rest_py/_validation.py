"""Input checks before anything is sent, by the rules the spec itself states.

The request body, in wire names, is checked against the operation's request schema from the
spec (`gatum_client.spec_facts.SCHEMAS`, generated from openapi/gatum.yaml), so the client and
the spec cannot drift apart. Only the keywords the spec uses are interpreted: `$ref`, `type`,
`const`, `enum`, `pattern`, `minLength`, `maxLength`, `minimum`, `maximum`, `minItems`,
`maxItems`, `items`, `required`, `properties`, `anyOf`. Unknown properties are let through, as the spec
allows them.

A failure raises InvalidRequestError naming the method's argument (not the wire name) and the
rule, taken from the schema's `description`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from gatum_client.spec_facts import SCHEMAS

from ._exceptions import InvalidRequestError

Path = tuple[str | int, ...]

_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "array": (list, tuple),
    "object": (dict,),
    "null": (type(None),),
}


class _Violation(Exception):
    def __init__(self, path: Path, rule: str) -> None:
        super().__init__(rule)
        self.path = path
        self.rule = rule


@lru_cache(maxsize=128)
def _regex(pattern: str) -> re.Pattern[str]:
    # JSON Schema's `$` is the end of the text; Python's also matches before a final newline,
    # which would let "Verify\n" through.
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def _resolve(schema: Mapping[str, Any]) -> tuple[Mapping[str, Any], str | None]:
    """Follow `$ref`s; return the target and the descriptions met on the way, outermost first."""
    descriptions = [schema.get("description")]
    while "$ref" in schema:
        schema = SCHEMAS[schema["$ref"].rsplit("/", 1)[1]]
        descriptions.append(schema.get("description"))
    said = [d.strip() for d in descriptions if d]
    return schema, " ".join(dict.fromkeys(said)) or None


def _is_type(value: Any, name: str) -> bool:
    if isinstance(value, bool) and name in ("integer", "number"):
        return False  # JSON booleans are not numbers, though Python's are ints
    if isinstance(value, float) and not math.isfinite(value):
        return False  # no JSON text can carry NaN or infinity
    # Stricter than JSON Schema, on purpose: 380957225759.0 would go on the wire as a float,
    # where the platform expects an integer.
    return isinstance(value, _JSON_TYPES[name])


def _check(value: Any, schema: Mapping[str, Any], path: Path, rule: str) -> None:
    schema, description = _resolve(schema)
    rule = description or rule
    if "anyOf" in schema:
        violations = []
        for option in schema["anyOf"]:
            try:
                _check(value, option, path, rule)
                return
            except _Violation as violation:
                violations.append(violation)
        # The option that got furthest into the value names the real problem (a filter object's
        # field, not "or an empty array").
        deepest = max(violations, key=lambda v: len(v.path), default=None)
        if deepest is not None and len(deepest.path) > len(path):
            raise deepest
        raise _Violation(path, rule)
    types = schema.get("type")
    if types is not None:
        names = [types] if isinstance(types, str) else list(types)
        matching = [name for name in names if _is_type(value, name)]
        if not matching:
            raise _Violation(path, f"{rule} (expected {' or '.join(names)})")
    if "const" in schema and (value != schema["const"] or type(value) is not type(schema["const"])):
        raise _Violation(path, rule)
    if "enum" in schema and value not in schema["enum"]:
        raise _Violation(path, f"{rule} (one of {', '.join(map(str, schema['enum']))})")
    if isinstance(value, str):
        _check_string(value, schema, path, rule)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        _check_number(value, schema, path, rule)
    elif isinstance(value, (list, tuple)):
        if len(value) < schema.get("minItems", 0):
            raise _Violation(path, f"{rule} (at least {schema['minItems']} item(s))")
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            raise _Violation(path, f"{rule} (at most {schema['maxItems']} item(s))")
        if "items" in schema:
            for index, item in enumerate(value):
                _check(item, schema["items"], (*path, index), rule)
    elif isinstance(value, dict):
        for name in schema.get("required", ()):
            if value.get(name) is None:
                raise _Violation((*path, name), "required")
        for name, subschema in schema.get("properties", {}).items():
            if name in value:
                _check(value[name], subschema, (*path, name), rule)


def _check_string(value: str, schema: Mapping[str, Any], path: Path, rule: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _Violation(path, f"{rule} (not valid Unicode text: it holds a lone surrogate)") from None
    if "pattern" in schema and not _regex(schema["pattern"]).search(value):
        raise _Violation(path, rule)
    if len(value) < schema.get("minLength", 0):
        raise _Violation(path, f"{rule} (must not be empty)" if schema["minLength"] == 1 else rule)
    if "maxLength" in schema and len(value) > schema["maxLength"]:
        raise _Violation(path, rule)


def _check_number(value: float, schema: Mapping[str, Any], path: Path, rule: str) -> None:
    if "minimum" in schema and value < schema["minimum"]:
        raise _Violation(path, f"{rule} (minimum {schema['minimum']})")
    if "maximum" in schema and value > schema["maximum"]:
        raise _Violation(path, f"{rule} (maximum {schema['maximum']})")


def _argument(path: Path, arg_names: Mapping[str, str]) -> str:
    keys = [part for part in path if isinstance(part, str)]
    if not keys:
        return "body"
    # The send body is a list of messages; its index is not part of the argument's name.
    start = next(i for i, part in enumerate(path) if isinstance(part, str))
    name = arg_names.get(keys[0], keys[0])
    for part in path[start + 1 :]:
        name += f"[{part}]" if isinstance(part, int) else f".{part}"
    return name


def _value_at(body: Any, path: Path) -> Any:
    for part in path:
        try:
            body = body[part]
        except (KeyError, IndexError, TypeError):
            return None
    return body


def validate_body(method: str, schema_name: str, body: Any, arg_names: Mapping[str, str]) -> None:
    """Raise InvalidRequestError when `body` (wire names) breaks the spec's `schema_name`."""
    try:
        _check(body, {"$ref": f"#/components/schemas/{schema_name}"}, (), "invalid value")
    except _Violation as violation:
        rule = " ".join(violation.rule.split())
        argument = _argument(violation.path, arg_names)
        if violation.rule == "required":
            message = f"{method}: {argument} is required"
        else:
            secret = "password" in violation.path
            value = "'***'" if secret else repr(_value_at(body, violation.path))
            message = f"{method}: {argument}={value} is invalid: {rule}"
        raise InvalidRequestError(message, argument=argument, rule=rule) from None


# Visible ASCII without spaces at the ends: what an HTTP header can carry unchanged.
TOKEN_PATTERN = re.compile(r"[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?")


def check_token(value: Any, argument: str = "access_token") -> str:
    """`value` if it can be sent as the `X-Access-Token` header; else InvalidRequestError (never showing it)."""
    rule = "a non-empty string of visible ASCII characters, as returned by access_token()"
    if not isinstance(value, str) or not TOKEN_PATTERN.fullmatch(value):
        kind = type(value).__name__ if not isinstance(value, str) else "string that cannot be a header value"
        raise InvalidRequestError(f"{argument} is invalid ({kind}): {rule}", argument=argument, rule=rule)
    return value
