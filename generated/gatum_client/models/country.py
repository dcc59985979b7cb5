# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Country")


@_attrs_define
class Country:
    """A country (*assumed* fields)."""

    iso: str | Unset = UNSET
    """ ISO 3166-1 alpha-2 country code. """
    country: str | Unset = UNSET
    """ Country name. """
    mcc: int | Unset = UNSET
    """ Mobile Country Code. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        iso = self.iso

        country = self.country

        mcc = self.mcc

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if iso is not UNSET:
            field_dict["ISO"] = iso
        if country is not UNSET:
            field_dict["country"] = country
        if mcc is not UNSET:
            field_dict["MCC"] = mcc

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        iso = d.pop("ISO", UNSET)

        country = d.pop("country", UNSET)

        mcc = d.pop("MCC", UNSET)

        country = cls(
            iso=iso,
            country=country,
            mcc=mcc,
        )

        country.additional_properties = d
        return country

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
