# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SmsFullDataResponse")


@_attrs_define
class SmsFullDataResponse:
    """Records use the delivery report's field names (MindCloud connector docs, search-sent-sms; the vendor README's DLR
    example).

    """

    status: bool
    """ `true` on success. A body with `status: false` is an error answer, whatever the HTTP status. """
    data: list[DeliveryReport]
    """ One record per SMS part. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = d.pop("status")

        data = [DeliveryReport.from_dict(data_item_data) for data_item_data in d.pop("data")]

        sms_full_data_response = cls(
            status,
            data,
        )

        sms_full_data_response.additional_properties = d
        return sms_full_data_response

    @classmethod
    def _from_owned_dict(cls: type[T], src_dict: dict[str, Any]) -> T:
        """`from_dict` of a dict just decoded from JSON that nothing else holds: its nested
        models take their dicts over (see their `_from_owned_dict`) instead of copying them.
        """
        d = src_dict if type(src_dict) is dict else dict(src_dict)
        status = d.pop("status")

        data = DeliveryReport._from_owned_dicts(d.pop("data"))

        sms_full_data_response = cls(
            status,
            data,
        )

        sms_full_data_response.additional_properties = d
        return sms_full_data_response

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


from ..models.delivery_report import DeliveryReport  # noqa: E402
