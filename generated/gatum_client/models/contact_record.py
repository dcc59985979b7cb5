# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ContactRecord")


@_attrs_define
class ContactRecord:
    """A contact as the platform lists it. Fields per the vendor client's group-number-add fields
    and the MindCloud connector docs (search-group-numbers: `date_birth`, `mcc`, `mnc`, `name`,
    `phone`, `surname`). All optional, kept as sent.

    """

    number: float | int | None | str | Unset = UNSET
    """ Text, but kept as sent when the platform sends a number or `null` (e.g. a phone number sent as a number).
    """
    phone: float | int | None | str | Unset = UNSET
    """ Text, but kept as sent when the platform sends a number or `null` (e.g. a phone number sent as a number).
    """
    name: float | int | None | str | Unset = UNSET
    """ Text, but kept as sent when the platform sends a number or `null` (e.g. a phone number sent as a number).
    """
    surname: float | int | None | str | Unset = UNSET
    """ Text, but kept as sent when the platform sends a number or `null` (e.g. a phone number sent as a number).
    """
    patronymic: float | int | None | str | Unset = UNSET
    """ Text, but kept as sent when the platform sends a number or `null` (e.g. a phone number sent as a number).
    """
    date_birth: float | int | None | str | Unset = UNSET
    """ Text, but kept as sent when the platform sends a number or `null` (e.g. a phone number sent as a number).
    """
    male: float | int | None | str | Unset = UNSET
    """ Text, but kept as sent when the platform sends a number or `null` (e.g. a phone number sent as a number).
    """
    mcc: int | None | str | Unset = UNSET
    """ A count or code: an integer, but kept as sent when the platform sends a string or `null`. """
    mnc: int | None | str | Unset = UNSET
    """ A count or code: an integer, but kept as sent when the platform sends a string or `null`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        number: float | int | None | str | Unset
        if isinstance(self.number, Unset):
            number = UNSET
        else:
            number = self.number

        phone: float | int | None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        name: float | int | None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        surname: float | int | None | str | Unset
        if isinstance(self.surname, Unset):
            surname = UNSET
        else:
            surname = self.surname

        patronymic: float | int | None | str | Unset
        if isinstance(self.patronymic, Unset):
            patronymic = UNSET
        else:
            patronymic = self.patronymic

        date_birth: float | int | None | str | Unset
        if isinstance(self.date_birth, Unset):
            date_birth = UNSET
        else:
            date_birth = self.date_birth

        male: float | int | None | str | Unset
        if isinstance(self.male, Unset):
            male = UNSET
        else:
            male = self.male

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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if number is not UNSET:
            field_dict["number"] = number
        if phone is not UNSET:
            field_dict["phone"] = phone
        if name is not UNSET:
            field_dict["name"] = name
        if surname is not UNSET:
            field_dict["surname"] = surname
        if patronymic is not UNSET:
            field_dict["patronymic"] = patronymic
        if date_birth is not UNSET:
            field_dict["date_birth"] = date_birth
        if male is not UNSET:
            field_dict["male"] = male
        if mcc is not UNSET:
            field_dict["mcc"] = mcc
        if mnc is not UNSET:
            field_dict["mnc"] = mnc

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        number = d.pop("number", UNSET)

        phone = d.pop("phone", UNSET)

        name = d.pop("name", UNSET)

        surname = d.pop("surname", UNSET)

        patronymic = d.pop("patronymic", UNSET)

        date_birth = d.pop("date_birth", UNSET)

        male = d.pop("male", UNSET)

        mcc = d.pop("mcc", UNSET)

        mnc = d.pop("mnc", UNSET)

        contact_record = cls(
            number,
            phone,
            name,
            surname,
            patronymic,
            date_birth,
            male,
            mcc,
            mnc,
        )

        contact_record.additional_properties = d
        return contact_record

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
