# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ReplacementRequest")


@_attrs_define
class ReplacementRequest:
    number: list[int | str]
    """ One or more phone numbers (the vendor clients send a list; an empty one would send nothing). """
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
    """ Message text. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        number = []
        for componentsschemas_msisdn_list_item_data in self.number:
            componentsschemas_msisdn_list_item: int | str
            componentsschemas_msisdn_list_item = componentsschemas_msisdn_list_item_data
            number.append(componentsschemas_msisdn_list_item)

        sender_id: str
        sender_id = self.sender_id

        text = self.text

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "number": number,
                "senderID": sender_id,
                "text": text,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        number = []
        _number = d.pop("number")
        for componentsschemas_msisdn_list_item_data in _number:
            componentsschemas_msisdn_list_item = componentsschemas_msisdn_list_item_data

            number.append(componentsschemas_msisdn_list_item)

        sender_id = d.pop("senderID")

        text = d.pop("text")

        replacement_request = cls(
            number,
            sender_id,
            text,
        )

        replacement_request.additional_properties = d
        return replacement_request

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
