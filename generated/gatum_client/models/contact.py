# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.contact_male import ContactMale, check_contact_male
from ..types import UNSET, Unset

T = TypeVar("T", bound="Contact")


@_attrs_define
class Contact:
    """A contact of a group; only `number` is required."""

    number: int | str
    """ Phone number in international format, digits only, no `+` (the vendor READMEs). At most 15
    digits is inferred from the word MSISDN and ITU-T E.164; the READMEs state no length. Sent
    as a digit string (the vendor clients' send and sms-full-data examples) or an integer (their
    group and black-list examples); the PHP README's replacement example mixes both in one list.
     """
    name: str | Unset = UNSET
    """ First name (replaces `#first_name#`). """
    surname: str | Unset = UNSET
    """ Last name. """
    patronymic: str | Unset = UNSET
    """ Patronymic (middle name); may be empty. """
    date_birth: str | Unset = UNSET
    """ Calendar date, `YYYY-MM-DD` (the vendor clients' `beginDate`, `dateStart` and `date_birth`
    examples). Days that no month has (`2023-02-31`, `2023-04-31`) are refused; 29 February is
    accepted in every year.
     """
    male: ContactMale | Unset = UNSET
    """ `m` or `f` (vendor READMEs, group-number-add). """
    note_1: str | Unset = UNSET
    """ Free note 1. """
    note_2: str | Unset = UNSET
    """ Free note 2. """
    note_3: str | Unset = UNSET
    """ Free note 3. """
    note_4: str | Unset = UNSET
    """ Free note 4. """
    note_5: str | Unset = UNSET
    """ Free note 5. """
    note_6: str | Unset = UNSET
    """ Free note 6. """
    note_7: str | Unset = UNSET
    """ Free note 7. """
    note_8: str | Unset = UNSET
    """ Free note 8. """
    note_9: str | Unset = UNSET
    """ Free note 9. """
    note_10: str | Unset = UNSET
    """ Free note 10. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        number: int | str
        number = self.number

        name = self.name

        surname = self.surname

        patronymic = self.patronymic

        date_birth = self.date_birth

        male: str | Unset = UNSET
        if not isinstance(self.male, Unset):
            male = self.male

        note_1 = self.note_1

        note_2 = self.note_2

        note_3 = self.note_3

        note_4 = self.note_4

        note_5 = self.note_5

        note_6 = self.note_6

        note_7 = self.note_7

        note_8 = self.note_8

        note_9 = self.note_9

        note_10 = self.note_10

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "number": number,
            }
        )
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
        if note_1 is not UNSET:
            field_dict["note_1"] = note_1
        if note_2 is not UNSET:
            field_dict["note_2"] = note_2
        if note_3 is not UNSET:
            field_dict["note_3"] = note_3
        if note_4 is not UNSET:
            field_dict["note_4"] = note_4
        if note_5 is not UNSET:
            field_dict["note_5"] = note_5
        if note_6 is not UNSET:
            field_dict["note_6"] = note_6
        if note_7 is not UNSET:
            field_dict["note_7"] = note_7
        if note_8 is not UNSET:
            field_dict["note_8"] = note_8
        if note_9 is not UNSET:
            field_dict["note_9"] = note_9
        if note_10 is not UNSET:
            field_dict["note_10"] = note_10

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        number = d.pop("number")

        name = d.pop("name", UNSET)

        surname = d.pop("surname", UNSET)

        patronymic = d.pop("patronymic", UNSET)

        date_birth = d.pop("date_birth", UNSET)

        _male = d.pop("male", UNSET)
        male: ContactMale | Unset
        if isinstance(_male, Unset):
            male = UNSET
        else:
            male = check_contact_male(_male)

        note_1 = d.pop("note_1", UNSET)

        note_2 = d.pop("note_2", UNSET)

        note_3 = d.pop("note_3", UNSET)

        note_4 = d.pop("note_4", UNSET)

        note_5 = d.pop("note_5", UNSET)

        note_6 = d.pop("note_6", UNSET)

        note_7 = d.pop("note_7", UNSET)

        note_8 = d.pop("note_8", UNSET)

        note_9 = d.pop("note_9", UNSET)

        note_10 = d.pop("note_10", UNSET)

        contact = cls(
            number,
            name,
            surname,
            patronymic,
            date_birth,
            male,
            note_1,
            note_2,
            note_3,
            note_4,
            note_5,
            note_6,
            note_7,
            note_8,
            note_9,
            note_10,
        )

        contact.additional_properties = d
        return contact

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
