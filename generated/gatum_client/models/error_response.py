# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, AdditionalProperties, Unset

T = TypeVar("T", bound="ErrorResponse")


@_attrs_define(slots=False)
class ErrorResponse:
    """The failure envelope, per the vendor Python client 1.0.0 README
    (`{"status": false, "error_code": 400, "errors": {"password": ["Incorrect username or password."]}}`).
    Third-party code (wp-sms Uwazii gateway and provider, uwazii-php) also reads `errors` as a
    plain string (`"unauthorized"`, `"invalid_credentials"`) and an `error` string; every shape is
    kept. Integrations (a C# gateway, wp-sms) treat a 200 whose body has `status: false` as an
    error answer, and so does this client.

    """

    status: bool
    """ `false` on failure. """
    error_code: int | None | str | Unset = UNSET
    """ A count or code: an integer, but kept as sent when the platform sends a string or `null`. """
    errors: Any | Unset = UNSET
    """ Field name → messages, or one message (both seen); kept as sent. """
    error: float | int | None | str | Unset = UNSET
    """ Text, but kept as sent when the platform sends a number or `null` (e.g. a phone number sent as a number).
    """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        error_code: int | None | str | Unset
        if isinstance(self.error_code, Unset):
            error_code = UNSET
        else:
            error_code = self.error_code

        errors = self.errors

        error: float | int | None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        if error_code is not UNSET:
            field_dict["error_code"] = error_code
        if errors is not UNSET:
            field_dict["errors"] = errors
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        return cls._from_owned_dict(dict(src_dict))

    @classmethod
    def _from_owned_dict(cls: type[T], src_dict: dict[str, Any]) -> T:
        """`from_dict` of a dict just decoded from JSON that nothing else holds: the object takes
        the dict over as its instance dict (no copy), unknown keys moved to additional_properties.
        A missing optional key reads as the class's UNSET; a missing required key raises KeyError
        before the dict is changed.
        """
        if type(src_dict) is not dict:
            return cls.from_dict(src_dict)
        if len(src_dict) != 4 or not _FIELDS.issuperset(src_dict):
            if "status" not in src_dict:
                raise KeyError("status")
            unknown = [key for key in src_dict if key not in _FIELDS]
            if unknown:
                src_dict["additional_properties"] = {key: src_dict.pop(key) for key in unknown}
        error_response = object.__new__(cls)
        error_response.__dict__ = src_dict
        return error_response

    @classmethod
    def _from_owned_dicts(cls: type[T], items: list[dict[str, Any]]) -> list[T]:
        """`_from_owned_dict` of each item of a list just decoded from JSON, in one loop: the
        common case, an object with exactly the known keys, is taken over without a call.
        """
        new = object.__new__
        known = _FIELDS.issuperset
        models: list[T] = []
        for item in items:
            if type(item) is dict and len(item) == 4 and known(item):
                error_response = new(cls)
                error_response.__dict__ = item
                models.append(error_response)
            else:
                models.append(cls._from_owned_dict(item))
        return models

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


_FIELDS = frozenset(
    {
        "status",
        "error_code",
        "errors",
        "error",
    }
)
# What an adopted instance dict lacks is read from the class: UNSET for a missing optional field,
# an empty dict made on first read for additional_properties (attrs took the class attributes away).
setattr(ErrorResponse, "error_code", UNSET)
setattr(ErrorResponse, "errors", UNSET)
setattr(ErrorResponse, "error", UNSET)
setattr(ErrorResponse, "additional_properties", AdditionalProperties())
