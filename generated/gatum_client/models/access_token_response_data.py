# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AccessTokenResponseData")


@_attrs_define
class AccessTokenResponseData:
    """The token."""

    access_token: str = _attrs_field(repr=False)
    """ Token for the `X-Access-Token` header; a secret, hidden from reprs. """
    expires_at: float | int | None | str | Unset = UNSET
    """ When the code or token expires: Unix seconds in the vendor README (`2006432128`); kept as
    sent when it is a string or `null`. A wp-sms provider's fixture has no `expires_at` at all:
    with none (or one the client cannot read) the token is used until the server refuses it
    (401/403), then renewed.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        access_token = self.access_token

        expires_at: float | int | None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        else:
            expires_at = self.expires_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "access_token": access_token,
            }
        )
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        access_token = d.pop("access_token")

        expires_at = d.pop("expires_at", UNSET)

        access_token_response_data = cls(
            access_token,
            expires_at,
        )

        access_token_response_data.additional_properties = d
        return access_token_response_data

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
