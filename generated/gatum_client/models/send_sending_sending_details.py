# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SendSendingSendingDetails")


@_attrs_define
class SendSendingSendingDetails:
    """The numbers, sender ID and the id of the sending."""

    number: list[float | int | None | str] | Unset = UNSET
    """ The destination numbers. """
    sender_id: float | int | None | str | Unset = UNSET
    """ Text, but kept as sent when the platform sends a number or `null` (e.g. a phone number sent as a number).
    """
    sent_id: int | str | Unset = UNSET
    """ An id as the platform sends it: an integer in the vendor README's examples, a string in
    third-party code (a C# gateway's captured send answer shows UUID strings such as
    `4c43afb8-4768-46dd-aa51-9e8bca3d3cd9`). Kept exactly as sent; never parse it as a number.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        number: list[float | int | None | str] | Unset = UNSET
        if not isinstance(self.number, Unset):
            number = []
            for number_item_data in self.number:
                number_item: float | int | None | str
                number_item = number_item_data
                number.append(number_item)

        sender_id: float | int | None | str | Unset
        if isinstance(self.sender_id, Unset):
            sender_id = UNSET
        else:
            sender_id = self.sender_id

        sent_id: int | str | Unset
        if isinstance(self.sent_id, Unset):
            sent_id = UNSET
        else:
            sent_id = self.sent_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if number is not UNSET:
            field_dict["number"] = number
        if sender_id is not UNSET:
            field_dict["senderID"] = sender_id
        if sent_id is not UNSET:
            field_dict["sentID"] = sent_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _number = d.pop("number", UNSET)
        number: list[float | int | None | str] | Unset = UNSET
        if _number is not UNSET:
            number = []
            for number_item_data in _number:
                number_item = number_item_data

                number.append(number_item)

        sender_id = d.pop("senderID", UNSET)

        sent_id = d.pop("sentID", UNSET)

        send_sending_sending_details = cls(
            number,
            sender_id,
            sent_id,
        )

        send_sending_sending_details.additional_properties = d
        return send_sending_sending_details

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
