# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SendBulkRequest")


@_attrs_define
class SendBulkRequest:
    sender_id: str
    """ Sender ID (originator). Numeric: 3–16 digits (the vendor Python README says 3–15; the
    vendor's site, gatum.io "SMS sender: types of sender names", says not more than 16 digits
    and short codes of 3–5 digits: the wider bound is accepted). Alphanumeric (at least one
    non-digit): at most 11 characters, spaces included (both sources). The vendor's site lists
    only printable characters (Latin letters, digits, space and `| , . ; % # ! ^ [ ] ( ) / ~ < >`)
    "with no guarantee" that carriers pass them, so only control characters (line breaks,
    tabs) are refused here.
     """
    text: str
    """ Message text; `#first_name#` and `#number#` are replaced per contact. """
    id_group: list[int]
    """ One or more group ids (a list in the vendor clients, e.g. `[1,2,3]`). """
    id_group_excluded: list[int] | Unset = UNSET
    """ One or more group ids (a list in the vendor clients, e.g. `[1,2,3]`). """
    phone: list[int | str] | Unset = UNSET
    """ One or more phone numbers (the vendor clients send a list; an empty one would send nothing). """
    date_start: str | Unset = UNSET
    """ Calendar date, `YYYY-MM-DD` (the vendor clients' `beginDate`, `dateStart` and `date_birth`
    examples). Days that no month has (`2023-02-31`, `2023-04-31`) are refused; 29 February is
    accepted in every year.
     """
    time_start: str | Unset = UNSET
    """ Time of day in GMT+0, `HH:MM:SS` (vendor Python README) or `HH:MM` (vendor PHP README, send-bulk window).
    """
    time_stop: str | Unset = UNSET
    """ Time of day in GMT+0, `HH:MM:SS` (vendor Python README) or `HH:MM` (vendor PHP README, send-bulk window).
    """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sender_id: str
        sender_id = self.sender_id

        text = self.text

        id_group = self.id_group

        id_group_excluded: list[int] | Unset = UNSET
        if not isinstance(self.id_group_excluded, Unset):
            id_group_excluded = self.id_group_excluded

        phone: list[int | str] | Unset = UNSET
        if not isinstance(self.phone, Unset):
            phone = []
            for componentsschemas_msisdn_list_item_data in self.phone:
                componentsschemas_msisdn_list_item: int | str
                componentsschemas_msisdn_list_item = componentsschemas_msisdn_list_item_data
                phone.append(componentsschemas_msisdn_list_item)

        date_start = self.date_start

        time_start = self.time_start

        time_stop = self.time_stop

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "senderID": sender_id,
                "text": text,
                "id_group": id_group,
            }
        )
        if id_group_excluded is not UNSET:
            field_dict["id_group_excluded"] = id_group_excluded
        if phone is not UNSET:
            field_dict["phone"] = phone
        if date_start is not UNSET:
            field_dict["dateStart"] = date_start
        if time_start is not UNSET:
            field_dict["timeStart"] = time_start
        if time_stop is not UNSET:
            field_dict["timeStop"] = time_stop

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        sender_id = d.pop("senderID")

        text = d.pop("text")

        id_group = cast(list[int], d.pop("id_group"))

        id_group_excluded = cast(list[int], d.pop("id_group_excluded", UNSET))

        _phone = d.pop("phone", UNSET)
        phone: list[int | str] | Unset = UNSET
        if _phone is not UNSET:
            phone = []
            for componentsschemas_msisdn_list_item_data in _phone:
                componentsschemas_msisdn_list_item = componentsschemas_msisdn_list_item_data

                phone.append(componentsschemas_msisdn_list_item)

        date_start = d.pop("dateStart", UNSET)

        time_start = d.pop("timeStart", UNSET)

        time_stop = d.pop("timeStop", UNSET)

        send_bulk_request = cls(
            sender_id,
            text,
            id_group,
            id_group_excluded,
            phone,
            date_start,
            time_start,
            time_stop,
        )

        send_bulk_request.additional_properties = d
        return send_bulk_request

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
