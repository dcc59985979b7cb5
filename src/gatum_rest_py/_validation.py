"""Input checks before anything is sent, by the rules the spec itself states.

The request body, in wire names, is checked against the operation's request schema from the
spec (`gatum_client.spec_facts.SCHEMAS`, generated from openapi/gatum.yaml), so the client and
the spec cannot drift apart. Only the keywords the spec uses are interpreted: `$ref`, `type`,
`const`, `enum`, `pattern`, `minLength`, `maxLength`, `minimum`, `maximum`, `minItems`,
`maxItems`, `items`, `required`, `properties`, `anyOf`. Unknown properties are let through, as the spec
allows them.

Each schema is compiled once into a checking function (its `$ref`s followed, its messages and
regular expressions built) and, where it can be, into a shortcut (`_accepts`) that takes a valid
value without building any message; only a value the shortcut does not take is walked to name
the bad part. Replacing an entry of `SCHEMAS` (as a test does) recompiles what used it.

A failure raises InvalidRequestError naming the method's argument (not the wire name) and the
rule in a few words (the schema's `x-gatum-rule`, else its description's first sentence)::

    validate_body("send_sms", "SendRequest", [{"number": ["+380"], "senderID": "Verify", "text": "hi"}],
                  {"number": "numbers"})  # InvalidRequestError: send_sms: numbers[0]='+380': digits only, ...
"""

from __future__ import annotations

import math
import operator
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from gatum_client.spec_facts import SCHEMAS

from ._accepts import Accepts, AllValid, fast_checks, regex_of
from ._exceptions import InvalidRequestError
from ._redact import SECRET_FIELDS

Path = tuple[str | int, ...]

MAX_RULE = 90
"""Characters of a rule taken from a description's first sentence: an error message fits one line."""
MAX_VALUE = 40
"""Characters of the offending value's repr shown in a message."""

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
    """A broken rule; `path` is relative to the value being checked until the top is reached."""

    def __init__(self, path: Path, rule: str) -> None:
        super().__init__(rule)
        self.path = path
        self.rule = rule


def _first_sentence(description: str) -> str:
    text = " ".join(description.split())
    end = text.find(". ")
    text = text if end < 0 else text[:end]
    text = text.rstrip(".")
    return text if len(text) <= MAX_RULE else text[: MAX_RULE - 1].rstrip() + "…"


def _is_type(value: Any, name: str) -> bool:
    if isinstance(value, bool) and name in ("integer", "number"):
        return False  # JSON booleans are not numbers, though Python's are ints
    if isinstance(value, float) and not math.isfinite(value):
        return False  # no JSON text can carry NaN or infinity
    # Stricter than JSON Schema, on purpose: 380957225759.0 would go on the wire as a float,
    # where the platform expects an integer.
    return isinstance(value, _JSON_TYPES[name])


Check = Callable[[Any, str], None]
"""Checks a value (second argument: the rule inherited from the enclosing schema); raises _Violation."""


@dataclass
class _Compiled:
    check: Check
    accepts: Accepts | None = None
    all_valid: AllValid | None = None


class _Compiler:
    """Compiles schemas of one version of SCHEMAS, remembering which entries it read.

    `fast=False` compiles the full checks only, without the `accepts` shortcuts: the reference
    the shortcuts are tested against (tests/test_validation_soundness.py).
    """

    def __init__(self, *, fast: bool = True) -> None:
        self.by_node: dict[int, tuple[Mapping[str, Any], _Compiled]] = {}
        self.used: dict[str, Mapping[str, Any]] = {}
        self.fast = fast

    def resolve(self, schema: Mapping[str, Any]) -> tuple[Mapping[str, Any], str | None]:
        """Follow `$ref`s; return the target and its rule in a few words (None when none is said).

        The rule is the outermost `x-gatum-rule` met on the way, else the first sentence of the
        outermost description: the description's sources and reasons stay in the spec.
        """
        met = [schema]
        while "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[1]
            schema = self.used[name] = SCHEMAS[name]
            met.append(schema)
        rule = next((node["x-gatum-rule"] for node in met if "x-gatum-rule" in node), None)
        if rule is None:
            rule = next((_first_sentence(node["description"]) for node in met if node.get("description")), None)
        return schema, rule

    def compile(self, schema: Mapping[str, Any]) -> _Compiled:
        hit = self.by_node.get(id(schema))
        if hit is not None:
            return hit[1]
        # A placeholder first, so a schema that refers to itself compiles (and checks) lazily.
        cell: list[_Compiled] = []
        self.by_node[id(schema)] = (schema, _Compiled(lambda value, rule: cell[0].check(value, rule)))
        target, description = self.resolve(schema)
        compiled = self._any_of(target, description) if "anyOf" in target else self._plain(target, description)
        cell.append(compiled)
        self.by_node[id(schema)] = (schema, compiled)
        return compiled

    def _any_of(self, schema: Mapping[str, Any], description: str | None) -> _Compiled:
        compiled = [self.compile(option) for option in schema["anyOf"]]
        options = [option.check for option in compiled]
        quick = [option.accepts for option in compiled if option.accepts is not None]

        def check(value: Any, rule: str) -> None:
            # An option that accepts the value outright settles it, with no exception raised.
            if any(accepts(value) for accepts in quick):
                return
            rule = description or rule
            violations = []
            for option in options:
                try:
                    option(value, rule)
                    return
                except _Violation as violation:
                    violations.append(violation)
            # The option that got furthest into the value names the real problem (a filter object's
            # field, not "or an empty array").
            deepest = max(violations, key=lambda v: len(v.path), default=None)
            if deepest is not None and deepest.path:
                raise deepest
            raise _Violation((), rule)

        if not quick or not self.fast:
            return _Compiled(check)

        def accepts(value: Any) -> bool:
            for option in quick:  # noqa: SIM110 - a loop: no generator on every call's path
                if option(value):
                    return True
            return False

        def check_fast(value: Any, rule: str) -> None:
            if not accepts(value):
                check(value, rule)

        return _Compiled(check_fast, accepts)

    def _plain(self, schema: Mapping[str, Any], description: str | None) -> _Compiled:
        types = schema.get("type")
        names = None if types is None else [types] if isinstance(types, str) else list(types)
        expected = f" (expected {' or '.join(names)})" if names else ""
        has_const, const = "const" in schema, schema.get("const")
        enum = schema.get("enum")
        enum_text = f" (one of {', '.join(map(str, enum))})" if enum is not None else ""
        string = _string_check(schema)
        number = _number_check(schema)
        array = self._array_check(schema)
        obj = self._object_check(schema)

        def check(value: Any, rule: str) -> None:
            rule = description or rule
            if names is not None and not any(_is_type(value, name) for name in names):
                raise _Violation((), rule + expected)
            if has_const and (value != const or type(value) is not type(const)):
                raise _Violation((), rule)
            if enum is not None and value not in enum:
                raise _Violation((), rule + enum_text)
            if isinstance(value, str):
                if string is not None:
                    string(value, rule)
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                if number is not None:
                    number(value, rule)
            elif isinstance(value, (list, tuple)):
                if array is not None:
                    array(value, rule)
            elif isinstance(value, dict) and obj is not None:
                obj(value, rule)

        if not self.fast:
            return _Compiled(check)
        fast = fast_checks(schema, names)
        if fast is None:
            container = self._container_accepts(schema, names, has_const or enum is not None)
            if container is None:
                return _Compiled(check)
            fast = (container, None)
        accepts = fast[0]

        def check_fast(value: Any, rule: str) -> None:
            if not accepts(value):
                check(value, rule)

        return _Compiled(check_fast, *fast)

    def _container_accepts(self, schema: Mapping[str, Any], names: list[str] | None, fixed: bool) -> Accepts | None:
        """A check that raises nothing of a whole array or object, for the common case that it is
        valid: every call's body goes through here, so the happy path skips the closures that
        name a failure. None when some part has no such check (the full check runs)."""
        if fixed or names not in (["array"], ["object"]):
            return None
        if names == ["array"]:
            min_items, max_items = schema.get("minItems", 0), schema.get("maxItems", math.inf)
            item = self.compile(schema["items"]) if "items" in schema else None
            if item is not None and item.accepts is None:
                return None

            def accepts_array(value: Any) -> bool:
                if not isinstance(value, (list, tuple)) or not min_items <= len(value) <= max_items:
                    return False
                return item is None or _items_accepted(item, value)

            return accepts_array
        required = tuple(schema.get("required", ()))
        properties: dict[str, Accepts] = {}
        for name, sub in schema.get("properties", {}).items():
            sub_accepts = self.compile(sub).accepts
            if sub_accepts is None:
                return None
            properties[name] = sub_accepts

        def accepts_object(value: Any) -> bool:
            if not isinstance(value, dict) or None in map(value.get, required):
                return False
            # The fields present, not all the schema knows: a message has 3 or 4 of its 9.
            for name, field_value in value.items():
                sub_accepts = properties.get(name)
                if sub_accepts is not None and not sub_accepts(field_value):
                    return False
            return True

        return accepts_object

    def _array_check(self, schema: Mapping[str, Any]) -> Check | None:
        min_items, max_items = schema.get("minItems", 0), schema.get("maxItems")
        item = self.compile(schema["items"]) if "items" in schema else None

        def check(value: Any, rule: str) -> None:
            if len(value) < min_items:
                raise _Violation((), f"{rule} (at least {schema['minItems']} item(s))")
            if max_items is not None and len(value) > max_items:
                raise _Violation((), f"{rule} (at most {max_items} item(s))")
            if item is None or _items_accepted(item, value):
                return
            for index, element in enumerate(value):
                try:
                    item.check(element, rule)
                except _Violation as violation:
                    violation.path = (index, *violation.path)
                    raise

        return check

    def _object_check(self, schema: Mapping[str, Any]) -> Check | None:
        required = tuple(schema.get("required", ()))
        properties = [(name, self.compile(sub).check) for name, sub in schema.get("properties", {}).items()]
        if not required and not properties:
            return None

        def check(value: Any, rule: str) -> None:
            for name in required:
                if value.get(name) is None:
                    raise _Violation((name,), "required")
            for name, sub in properties:
                if name in value:
                    try:
                        sub(value[name], rule)
                    except _Violation as violation:
                        violation.path = (name, *violation.path)
                        raise

        return check


def _items_accepted(item: _Compiled, values: list[Any] | tuple[Any, ...]) -> bool:
    """Whether `item`'s shortcut takes every element (False when it has none): a short list item
    by item, a long one in a few passes over the whole list where the item has such a pass."""
    if item.accepts is None:
        return False
    if len(values) > 8 and item.all_valid is not None:
        return item.all_valid(values)
    return all(map(item.accepts, values))


def _string_check(schema: Mapping[str, Any]) -> Check | None:
    regex = regex_of(schema["pattern"]) if "pattern" in schema else None
    min_length, max_length = schema.get("minLength", 0), schema.get("maxLength")

    def check(value: str, rule: str) -> None:
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise _Violation((), f"{rule} (not valid Unicode text: it holds a lone surrogate)") from None
        if regex is not None and not regex.search(value):
            raise _Violation((), rule)
        if len(value) < min_length:
            raise _Violation((), f"{rule} (must not be empty)" if min_length == 1 else rule)
        if max_length is not None and len(value) > max_length:
            raise _Violation((), rule)

    return check


def _number_check(schema: Mapping[str, Any]) -> Check | None:
    minimum, maximum = schema.get("minimum"), schema.get("maximum")
    if minimum is None and maximum is None:
        return None

    def check(value: float, rule: str) -> None:
        if minimum is not None and value < minimum:
            raise _Violation((), f"{rule} (minimum {minimum})")
        if maximum is not None and value > maximum:
            raise _Violation((), f"{rule} (maximum {maximum})")

    return check


_lock = threading.Lock()
_compiler = _Compiler()
_roots: dict[str, tuple[_Compiled, tuple[str, ...], tuple[Mapping[str, Any], ...]]] = {}
"""Schema name -> its compiled check, and the names and SCHEMAS entries it was compiled from."""


def _root(schema_name: str) -> _Compiled:
    global _compiler
    hit = _roots.get(schema_name)
    # Every call comes here: the entries are compared by identity, at C speed.
    if hit is not None and all(map(operator.is_, map(SCHEMAS.get, hit[1]), hit[2])):
        return hit[0]
    with _lock:
        if any(SCHEMAS.get(name) is not seen for name, seen in _compiler.used.items()):
            _compiler = _Compiler()  # an entry was replaced: compile everything afresh
            _roots.clear()
        compiled = _compiler.compile({"$ref": f"#/components/schemas/{schema_name}"})
        _roots[schema_name] = (compiled, tuple(_compiler.used), tuple(_compiler.used.values()))
    return compiled


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


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 4] + "…" + text[-3:]


def validate_body(method: str, schema_name: str, body: Any, arg_names: Mapping[str, str]) -> None:
    """Raise InvalidRequestError when `body` (wire names) breaks the spec's `schema_name`."""
    try:
        _root(schema_name).check(body, "invalid value")
    except _Violation as violation:
        rule = " ".join(violation.rule.split())
        argument = _argument(violation.path, arg_names)
        if violation.rule == "required":
            message = f"{method}: {argument} is required"
        else:
            secret = bool(SECRET_FIELDS.intersection(map(str, violation.path)))  # a password, a code, a token
            value = "'***'" if secret else _shown(_value_at(body, violation.path))
            message = f"{method}: {argument}={value}: {rule}"
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
