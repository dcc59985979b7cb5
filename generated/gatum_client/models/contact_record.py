# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, AdditionalProperties, Unset

T = TypeVar("T", bound="ContactRecord")


@_attrs_define(slots=False)
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
        if len(src_dict) != 9 or not _FIELDS.issuperset(src_dict):
            unknown = [key for key in src_dict if key not in _FIELDS]
            if unknown:
                src_dict["additional_properties"] = {key: src_dict.pop(key) for key in unknown}
        contact_record = object.__new__(cls)
        contact_record.__dict__ = src_dict
        return contact_record

    @classmethod
    def _from_owned_dicts(cls: type[T], items: list[dict[str, Any]]) -> list[T]:
        """`_from_owned_dict` of each item of a list just decoded from JSON, in one loop: the
        common case, an object with exactly the known keys, is taken over without a call.
        """
        new = object.__new__
        known = _FIELDS.issuperset
        models: list[T] = []
        for item in items:
            if type(item) is dict and len(item) == 9 and known(item):
                contact_record = new(cls)
                contact_record.__dict__ = item
                models.append(contact_record)
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
        "number",
        "phone",
        "name",
        "surname",
        "patronymic",
        "date_birth",
        "male",
        "mcc",
        "mnc",
    }
)
# What an adopted instance dict lacks is read from the class: UNSET for a missing optional field,
# an empty dict made on first read for additional_properties (attrs took the class attributes away).
setattr(ContactRecord, "number", UNSET)
setattr(ContactRecord, "phone", UNSET)
setattr(ContactRecord, "name", UNSET)
setattr(ContactRecord, "surname", UNSET)
setattr(ContactRecord, "patronymic", UNSET)
setattr(ContactRecord, "date_birth", UNSET)
setattr(ContactRecord, "male", UNSET)
setattr(ContactRecord, "mcc", UNSET)
setattr(ContactRecord, "mnc", UNSET)
setattr(ContactRecord, "additional_properties", AdditionalProperties())
