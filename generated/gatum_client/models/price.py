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
    """One price (*assumed* fields; no public source shows a price answer). Kept as sent."""

    iso: float | int | None | str | Unset = UNSET
    """ Text, but kept as sent when the platform sends a number or `null` (e.g. a phone number sent as a number).
    """
    country: float | int | None | str | Unset = UNSET
    """ Text, but kept as sent when the platform sends a number or `null` (e.g. a phone number sent as a number).
    """
    mcc: int | None | str | Unset = UNSET
    """ A count or code: an integer, but kept as sent when the platform sends a string or `null`. """
    mnc: int | None | str | Unset = UNSET
    """ A count or code: an integer, but kept as sent when the platform sends a string or `null`. """
    operator: float | int | None | str | Unset = UNSET
    """ Text, but kept as sent when the platform sends a number or `null` (e.g. a phone number sent as a number).
    """
    price: float | None | str | Unset = UNSET
    """ An amount: a number, but kept as sent when the platform sends a string or `null`. """
    currency: float | int | None | str | Unset = UNSET
    """ Text, but kept as sent when the platform sends a number or `null` (e.g. a phone number sent as a number).
    """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        iso: float | int | None | str | Unset
        if isinstance(self.iso, Unset):
            iso = UNSET
        else:
            iso = self.iso

        country: float | int | None | str | Unset
        if isinstance(self.country, Unset):
            country = UNSET
        else:
            country = self.country

        mcc: int | None | str | Unset
        if isinstance(self.mcc, Unset):
            mcc = UNSET
        else:
            mcc = self.mcc

        mnc: int | None | str | Unset
        if isinstance(self.mnc, Unset):
            mnc = UNSET
        else:
            mnc = self.mnc

        operator: float | int | None | str | Unset
        if isinstance(self.operator, Unset):
            operator = UNSET
        else:
            operator = self.operator

        price: float | None | str | Unset
        if isinstance(self.price, Unset):
            price = UNSET
        else:
            price = self.price

        currency: float | int | None | str | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        else:
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
            iso,
            country,
            mcc,
            mnc,
            operator,
            price,
            currency,
        )

        price.additional_properties = d
        return price

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
