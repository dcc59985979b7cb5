"""Models that take a decoded JSON object over as their instance dict behave like any attrs model.

A generated model whose fields are all plain JSON values under their JSON names (DeliveryReport,
ErrorResponse, ...) is built from a freshly decoded object by making that object its instance
dict (`_from_owned_dict`, see openapi/templates/adoptable.jinja): no copy, no field-by-field
construction, which is what keeps a 100,000-record answer cheap. These tests hold it to what the
ordinary construction gives: the same model, the same round trip, nothing lost, and no change to
a dict the caller still holds; and the answer's `json()` stays the body as sent.
"""

from __future__ import annotations

import copy
import gc
import inspect
import json
import pickle
from typing import Any

import attrs
import httpx
import pytest
from conformance.test_dynamic_parsing import first_difference, strict_equal
from gatum_client import AuthenticatedClient as GeneratedClient
from gatum_client import models
from gatum_client.api.sms import sms_full_data
from gatum_client.models import DeliveryReport, ErrorResponse, SmsFullDataRequest, SmsFullDataResponse
from gatum_client.types import UNSET
from hypothesis import given, settings
from hypothesis import strategies as st
from seed_values import DLR_RECORD

from gatum_rest_py import Client, GatumRESTAPI

ADOPTABLE = sorted(
    (cls for _, cls in inspect.getmembers(models, inspect.isclass) if attrs.has(cls) and "__slots__" not in vars(cls)),
    key=lambda cls: cls.__name__,
)
RECORD = dict(DLR_RECORD)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
# Keys that are not fields, among them names a careless adoption would let shadow the model's own.
odd_keys = st.sampled_from(["additional_properties", "to_dict", "__class__", "__dict__", "id-state", ""]) | st.text(
    max_size=12
)


def field_names(cls: type) -> tuple[list[str], list[str]]:
    """(required, optional) JSON names of a model's fields."""
    fields = [f for f in attrs.fields(cls) if f.name != "additional_properties"]
    required = [f.name for f in fields if f.default is attrs.NOTHING]
    return required, [f.name for f in fields if f.name not in required]


@st.composite
def objects(draw: st.DrawFn, cls: type) -> dict[str, Any]:
    """A JSON object for `cls`: any subset of its fields (required ones usually there) plus unknown keys."""
    required, optional = field_names(cls)
    keep_required = draw(st.booleans()) or draw(st.booleans())
    names = (required if keep_required else draw(st.lists(st.sampled_from(required), unique=True))) if required else []
    names += draw(st.lists(st.sampled_from(optional), unique=True)) if optional else []
    extra = draw(st.dictionaries(odd_keys.filter(lambda key: key not in required + optional), json_values, max_size=3))
    return {**{name: draw(json_values) for name in names}, **extra}


def reference(cls: type, src: dict[str, Any]) -> Any:
    """The model built the ordinary way: attrs' __init__ with the known fields, the rest kept aside."""
    required, optional = field_names(cls)
    known = set(required + optional)
    model = cls(**{key: value for key, value in src.items() if key in known})
    model.additional_properties = {key: value for key, value in src.items() if key not in known}
    return model


def test_the_template_finds_the_plain_models() -> None:
    names = {cls.__name__ for cls in ADOPTABLE}
    assert {"DeliveryReport", "ErrorResponse", "GenericSuccessResponse"} <= names
    # A model with a nested model keeps its slots and builds the nested ones by adoption.
    assert "SmsFullDataResponse" not in names and "__slots__" in vars(SmsFullDataResponse)


@pytest.mark.parametrize("cls", ADOPTABLE, ids=lambda cls: cls.__name__)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_adoption_builds_the_ordinary_model_and_round_trips(cls: type, data: st.DataObject) -> None:
    src = data.draw(objects(cls))
    before = copy.deepcopy(src)
    required, _ = field_names(cls)
    if not set(required) <= src.keys():
        with pytest.raises(KeyError):
            cls.from_dict(src)
        owned = copy.deepcopy(src)
        with pytest.raises(KeyError):
            cls._from_owned_dict(owned)
        assert strict_equal(owned, before), "a refused object was changed"
        return
    public = cls.from_dict(src)
    assert strict_equal(src, before), "from_dict changed the caller's dict"
    adopted = cls._from_owned_dict(copy.deepcopy(src))
    expected = reference(cls, src)
    assert public == adopted == expected
    assert repr(public) == repr(adopted) == repr(expected)
    for model in (public, adopted):
        assert strict_equal(model.to_dict(), src), first_difference(src, model.to_dict())
    listed = cls._from_owned_dicts([copy.deepcopy(src), copy.deepcopy(src)])
    assert listed == [expected, expected]


@pytest.mark.parametrize("cls", [cls for cls in ADOPTABLE if field_names(cls)[1]], ids=lambda cls: cls.__name__)
def test_an_unknown_key_in_place_of_a_field_is_kept_apart(cls: type) -> None:
    """As many keys as the model has fields, one of them unknown: not an object to take over as it is."""
    required, optional = field_names(cls)
    src = {**{name: "x" for name in required + optional[:-1]}, "vendor": {"kept": True}}
    assert cls._from_owned_dicts([copy.deepcopy(src)]) == [reference(cls, src)]
    assert cls._from_owned_dict(copy.deepcopy(src)) == reference(cls, src)


def test_a_missing_optional_field_reads_unset_and_can_be_set() -> None:
    report = DeliveryReport._from_owned_dict({"id_state": 7})
    assert report.state is UNSET and report.additional_properties == {}
    assert report.to_dict() == {"id_state": 7}
    report.state = "DELIVRD"
    assert report.to_dict() == {"id_state": 7, "state": "DELIVRD"}
    assert DeliveryReport._from_owned_dict({"id_state": 8}).state is UNSET  # set on the object, not the class


def test_unknown_keys_are_kept_apart_per_object() -> None:
    first, second = DeliveryReport._from_owned_dicts([dict(RECORD), {**RECORD, "vendor": {"x": 1}}])
    assert first.additional_properties == {} and second.additional_properties == {"vendor": {"x": 1}}
    first["note"] = "mine"
    assert first.additional_properties is first.additional_properties
    assert first.to_dict() == {**RECORD, "note": "mine"}
    assert "note" not in second and DeliveryReport._from_owned_dict(dict(RECORD)).additional_properties == {}


def test_an_item_that_is_not_an_object_is_refused_as_before() -> None:
    with pytest.raises((TypeError, ValueError)):
        DeliveryReport._from_owned_dicts([dict(RECORD), "not an object"])  # type: ignore[list-item]
    assert DeliveryReport._from_owned_dicts([[("id_state", 1)]]) == [DeliveryReport.from_dict([("id_state", 1)])]  # type: ignore[list-item, arg-type]


def test_adopted_models_copy_pickle_and_evolve_like_ordinary_ones() -> None:
    adopted = DeliveryReport._from_owned_dict({**RECORD, "vendor": [1, 2]})
    ordinary = reference(DeliveryReport, {**RECORD, "vendor": [1, 2]})
    assert pickle.loads(pickle.dumps(adopted)) == ordinary  # noqa: S301  # our own bytes
    assert copy.deepcopy(adopted) == ordinary and copy.copy(adopted) == ordinary
    assert attrs.evolve(adopted, state="UNDELIV").state == "UNDELIV"
    assert attrs.asdict(adopted) == attrs.asdict(ordinary)


def test_a_record_of_plain_values_is_not_tracked_by_the_collector() -> None:
    """Why additional_properties is made on first read: a dict holding only plain JSON values is
    not tracked by the garbage collector; an empty dict in it would make every record's tracked,
    and the collection after a 100,000-record parse walk them all."""
    report = DeliveryReport._from_owned_dicts([json.loads(json.dumps(RECORD))])[0]
    assert not gc.is_tracked(report.__dict__)
    assert report.additional_properties == {}  # still there when read


def answering(body: bytes) -> httpx.MockTransport:
    return httpx.MockTransport(lambda request: httpx.Response(200, content=body))


BODY = json.dumps({"status": True, "data": [RECORD, {**RECORD, "id_state": 2, "vendor": 1}]}).encode()


def test_the_answers_json_stays_the_body_as_sent() -> None:
    with GatumRESTAPI("https://gatum.test", transport=answering(BODY)) as api:
        response = api.sms_full_data("tok")
    parsed = response.parsed
    assert isinstance(parsed, SmsFullDataResponse)
    parsed.data[0].state = "CHANGED"
    parsed.data[0]["note"] = 1
    assert response.json() == json.loads(BODY)  # no model attribute leaks into it, no change shows
    assert response.json() is not response.json()  # each call a fresh decode: changing one changes nothing
    assert parsed.to_dict()["data"][1] == {**RECORD, "id_state": 2, "vendor": 1}


@pytest.mark.parametrize("client_class", ["gatum_rest_py.Client", "gatum_client.AuthenticatedClient"])
def test_the_typed_path_adopts_too(client_class: str) -> None:
    """The plain generated client's `response.json()` decodes afresh: the parser owns what it gets."""
    if client_class == "gatum_rest_py.Client":
        client: Any = Client("https://gatum.test", access_token="tok", transport=answering(BODY))
    else:
        client = GeneratedClient("https://gatum.test", token="tok", httpx_args={"transport": answering(BODY)})
    with client:
        parsed = sms_full_data.sync(client=client, body=SmsFullDataRequest.from_dict({}))
    assert isinstance(parsed, SmsFullDataResponse)
    assert strict_equal(parsed.to_dict(), json.loads(BODY))


def test_an_error_answer_is_adopted_and_its_json_kept() -> None:
    body = json.dumps({"status": False, "error": "Access denied", "error_code": 403}).encode()
    transport = httpx.MockTransport(lambda request: httpx.Response(403, content=body))
    with GatumRESTAPI("https://gatum.test", transport=transport) as api:
        response = api.sms_full_data("tok")
    assert isinstance(response.parsed, ErrorResponse) and response.parsed.error == "Access denied"
    assert response.json() == json.loads(body)
