# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Price")


@_attrs_define
class Price:
    """One price (*assumed* fields)."""

    iso: str | Unset = UNSET
    """ ISO 3166-1 alpha-2 country code. """
    country: str | Unset = UNSET
    """ Country name. """
    mcc: int | Unset = UNSET
    """ Mobile Country Code. """
    mnc: int | Unset = UNSET
    """ Mobile Network Code. """
    operator: str | Unset = UNSET
    """ Mobile network name. """
    price: float | Unset = UNSET
    """ Price of one SMS part, in `currency`. """
    currency: str | Unset = UNSET
    """ ISO 4217 currency code. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        iso = self.iso

        country = self.country

        mcc = self.mcc

        mnc = self.mnc

        operator = self.operator

        price = self.price

        currency = self.currency

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if iso is not UNSET:
            field_dict["ISO"] = iso
        if country is not UNSET:
            field_dict["country"] = country
        if mcc is not UNSET:
            field_dict["MCC"] = mcc
        if mnc is not UNSET:
            field_dict["MNC"] = mnc
        if operator is not UNSET:
            field_dict["operator"] = operator
        if price is not UNSET:
            field_dict["price"] = price
        if currency is not UNSET:
            field_dict["currency"] = currency

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        iso = d.pop("ISO", UNSET)

        country = d.pop("country", UNSET)

        mcc = d.pop("MCC", UNSET)

        mnc = d.pop("MNC", UNSET)

        operator = d.pop("operator", UNSET)

        price = d.pop("price", UNSET)

        currency = d.pop("currency", UNSET)

        price = cls(
            iso=iso,
            country=country,
            mcc=mcc,
            mnc=mnc,
            operator=operator,
            price=price,
            currency=currency,
        )

        price.additional_properties = d
        return price

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
