# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PriceFilter")


@_attrs_define
class PriceFilter:
    """Filters; all optional."""

    iso: str | Unset = UNSET
    """ `full` for every country, or an ISO 3166-1 alpha-2 country code (vendor PHP README: `full` or e.g. `US`).
    """
    mcc: int | Unset = UNSET
    """ Mobile Country Code, three digits (ITU-T E.212); an integer in the vendor PHP README (`'MCC' => 224`). """
    mnc: int | Unset = UNSET
    """ Mobile Network Code, two or three digits (ITU-T E.212); an integer in the vendor PHP README (`'MNC' => 2`).
    """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        iso = self.iso

        mcc = self.mcc

        mnc = self.mnc

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if iso is not UNSET:
            field_dict["ISO"] = iso
        if mcc is not UNSET:
            field_dict["MCC"] = mcc
        if mnc is not UNSET:
            field_dict["MNC"] = mnc

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        iso = d.pop("ISO", UNSET)

        mcc = d.pop("MCC", UNSET)

        mnc = d.pop("MNC", UNSET)

        price_filter = cls(
            iso,
            mcc,
            mnc,
        )

        price_filter.additional_properties = d
        return price_filter

    _from_owned_dict = from_dict

    @classmethod
    def _from_owned_dicts(cls: type[T], items: list[dict[str, Any]]) -> list[T]:
        """`_from_owned_dict` of each item of a list just decoded from JSON."""
        return [cls._from_owned_dict(item) for item in items]

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
