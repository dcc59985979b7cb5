# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SendSendingSending")


@_attrs_define
class SendSendingSending:
    """What was sent."""

    details: SendSendingSendingDetails | Unset = UNSET
    """ The numbers, sender ID and the id of the sending. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.details, Unset):
            details = self.details.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if details is not UNSET:
            field_dict["details"] = details

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _details = d.pop("details", UNSET)
        details: SendSendingSendingDetails | Unset
        if isinstance(_details, Unset):
            details = UNSET
        else:
            details = SendSendingSendingDetails.from_dict(_details)

        send_sending_sending = cls(
            details,
        )

        send_sending_sending.additional_properties = d
        return send_sending_sending

    @classmethod
    def _from_owned_dict(cls: type[T], src_dict: dict[str, Any]) -> T:
        """`from_dict` of a dict just decoded from JSON that nothing else holds: its nested
        models take their dicts over (see their `_from_owned_dict`) instead of copying them.
        """
        d = src_dict if type(src_dict) is dict else dict(src_dict)
        _details = d.pop("details", UNSET)
        details: SendSendingSendingDetails | Unset
        if isinstance(_details, Unset):
            details = UNSET
        else:
            details = SendSendingSendingDetails._from_owned_dict(_details)

        send_sending_sending = cls(
            details,
        )

        send_sending_sending.additional_properties = d
        return send_sending_sending

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


from ..models.send_sending_sending_details import SendSendingSendingDetails  # noqa: E402
