# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AuthorizeResponseData")


@_attrs_define
class AuthorizeResponseData:
    """The code."""

    authorization_code: int | str = _attrs_field(repr=False)
    """ One-time code for `/v1/accesstoken`; a secret, hidden from reprs. """
    expires_at: float | int | None | str | Unset = UNSET
    """ When the code or token expires: Unix seconds in the vendor README (`2006432128`); kept as
    sent when it is a string or `null`. A wp-sms provider's fixture has no `expires_at` at all:
    with none (or one the client cannot read) the token is used until the server refuses it
    (401/403), then renewed.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        authorization_code: int | str
        authorization_code = self.authorization_code

        expires_at: float | int | None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        else:
            expires_at = self.expires_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "authorization_code": authorization_code,
            }
        )
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        authorization_code = d.pop("authorization_code")

        expires_at = d.pop("expires_at", UNSET)

        authorize_response_data = cls(
            authorization_code,
            expires_at,
        )

        authorize_response_data.additional_properties = d
        return authorize_response_data

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
