# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SendSending")


@_attrs_define
class SendSending:
    """Shape per the MindCloud "Sempico Solutions SMS" connector docs (send-sms):
    `{"sending": {"details": {"number": [...], "senderID": …, "sentID": 1}}}`. Those docs wrap
    every answer in MindCloud's own envelope and fill it with placeholder values, so this shape
    is the connector's rendering, not a platform answer seen on the wire.

    """

    sending: SendSendingSending
    """ What was sent. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sending = self.sending.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sending": sending,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        sending = SendSendingSending.from_dict(d.pop("sending"))

        send_sending = cls(
            sending,
        )

        send_sending.additional_properties = d
        return send_sending

    @classmethod
    def _from_owned_dict(cls: type[T], src_dict: dict[str, Any]) -> T:
        """`from_dict` of a dict just decoded from JSON that nothing else holds: its nested
        models take their dicts over (see their `_from_owned_dict`) instead of copying them.
        """
        d = src_dict if type(src_dict) is dict else dict(src_dict)
        sending = SendSendingSending._from_owned_dict(d.pop("sending"))

        send_sending = cls(
            sending,
        )

        send_sending.additional_properties = d
        return send_sending

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


from ..models.send_sending_sending import SendSendingSending  # noqa: E402
