"""The validation fast path never lets through what the full check refuses.

Every call's body is first offered to a compiled `accepts` (no exceptions, no messages); only a
body it does not accept goes through the full check that names the bad argument. A fast path
that accepted a bad body would send it: Hypothesis throws near-valid and random bodies at every
request schema of the spec and checks that whatever `accepts` takes, the full check takes too.
"""

from __future__ import annotations

from typing import Any

import pytest
from gatum_client.spec_facts import SCHEMAS
from hypothesis import given, settings
from hypothesis import strategies as st

from gatum_rest_py._spec import OPERATIONS_BY_ID
from gatum_rest_py._validation import _Compiler, _root, _Violation

REQUEST_SCHEMAS = sorted({op.request_schema for op in OPERATIONS_BY_ID.values() if op.request_schema})
FIELD_NAMES = sorted({name for schema in SCHEMAS.values() for name in schema.get("properties", {})})

# Values near the rules' edges: valid and invalid numbers, sender IDs, dates, types.
EDGE_TEXT = [
    "380957225759",
    "+380957225759",
    "38095722575912345",
    "12",
    "123",
    "1234567890123456",
    "12345678901234567",
    "Verify",
    "Verify\n",
    "",
    " ",
    "ABCDEFGHIJK",
    "ABCDEFGHIJKL",
    "Ver\x00ify",
    "Ver\x7f",
    "Vérify",
    "\ud800",
    "sms",
    "SMS",
    "viber",
    "flash",
    "2023-07-24",
    "2023-7-24",
    "12:00",
    "25:00",
    "10",
    "https://x.test/dlr",
    "x",
]
leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**16), max_value=10**16),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(EDGE_TEXT),
    st.text(max_size=12),
)
value = st.recursive(
    leaf,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(FIELD_NAMES), inner, max_size=6),
    max_leaves=16,
)


def near(schema: dict[str, Any], depth: int = 0) -> st.SearchStrategy[Any]:
    """Bodies shaped like `schema`, with edge values (valid and invalid) at every leaf, and now
    and then a value of the wrong kind: most are close to valid, so both paths get exercised."""
    while "$ref" in schema:
        schema = SCHEMAS[schema["$ref"].rsplit("/", 1)[1]]
    odd = leaf if depth < 4 else st.none()
    if "anyOf" in schema:
        return st.one_of([near(option, depth + 1) for option in schema["anyOf"]])
    kinds = schema.get("type")
    kinds = [kinds] if isinstance(kinds, str) else kinds or ["string"]
    options: list[st.SearchStrategy[Any]] = []
    if "enum" in schema:
        options.append(st.sampled_from(schema["enum"]))
    if "const" in schema:
        options.append(st.just(schema["const"]))
    for kind in kinds:
        if kind == "object" and depth < 4:
            props = {name: near(sub, depth + 1) for name, sub in schema.get("properties", {}).items()}
            required = [name for name in schema.get("required", []) if name in props]
            options.append(
                st.fixed_dictionaries(
                    {name: props[name] for name in required},
                    optional={name: sub for name, sub in props.items() if name not in required},
                )
            )
        elif kind == "array" and depth < 4:
            low = schema.get("minItems", 0)
            items = near(schema.get("items", {}), depth + 1)
            options.append(st.lists(items, min_size=low, max_size=low + 3))
            options.append(st.lists(items, max_size=low))  # too short, now and then
        elif kind == "integer" or kind == "number":
            edges = [schema.get(k) for k in ("minimum", "maximum") if k in schema]
            around = [e + d for e in edges for d in (-1, 0, 1)]
            options.append(st.sampled_from([0, 1, 86400, 380957225759, 1.5, 2.0, True, *around]))
        elif kind == "boolean":
            options.append(st.sampled_from([True, False, 0, 1, "true"]))
        elif kind == "null":
            options.append(st.none())
        else:
            options.append(st.sampled_from(EDGE_TEXT))
            if "pattern" in schema:  # texts the pattern takes (a final newline among them, for `$`)
                options.append(st.from_regex(schema["pattern"], fullmatch=True))
    if any(kind in ("object", "array") for kind in kinds):
        return st.one_of(*options)
    return st.one_of(*options * 4, odd)  # now and then a leaf of another kind


_reference = _Compiler(fast=False)


def check_passes(schema_name: str, body: Any) -> bool:
    """The full check alone, compiled without any shortcut."""
    try:
        _reference.compile({"$ref": f"#/components/schemas/{schema_name}"}).check(body, "rule")
    except _Violation:
        return False
    return True


def test_the_reference_has_no_shortcut() -> None:
    compiled = _reference.compile({"$ref": "#/components/schemas/SendRequest"})
    assert compiled.accepts is None
    assert not check_passes("SendRequest", [{"number": ["+380"], "senderID": "Verify", "text": "x"}])
    assert check_passes("SendRequest", [{"number": ["380957225759"], "senderID": "Verify", "text": "x"}])


@pytest.mark.parametrize("schema_name", REQUEST_SCHEMAS)
@settings(max_examples=150, deadline=None)
@given(body=value)
def test_what_the_fast_path_accepts_the_full_check_accepts(schema_name: str, body: Any) -> None:
    accepts = _root(schema_name).accepts
    if accepts is not None and accepts(body):
        assert check_passes(schema_name, body), body


@pytest.mark.parametrize("schema_name", REQUEST_SCHEMAS)
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_near_valid_bodies_are_judged_alike_by_both_paths(schema_name: str, data: st.DataObject) -> None:
    accepts = _root(schema_name).accepts
    assert accepts is not None  # every request body has a fast path: it is every call's hot path
    body = data.draw(near(SCHEMAS[schema_name]))
    if accepts(body):
        assert check_passes(schema_name, body), body
