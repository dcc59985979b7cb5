# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ErrorResponse")


@_attrs_define
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
        d = dict(src_dict)
        status = d.pop("status")

        error_code = d.pop("error_code", UNSET)

        errors = d.pop("errors", UNSET)

        error = d.pop("error", UNSET)

        error_response = cls(
            status,
            error_code,
            errors,
            error,
        )

        error_response.additional_properties = d
        return error_response

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
