# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GenericSuccessResponse")


@_attrs_define
class GenericSuccessResponse:
    """Success envelope whose `data` is kept exactly as sent. The MindCloud connector docs show,
    per action: send-bulk `{"details": {"id_group": [1], "senderID": …, "sentID": 1}}`,
    delete-groups `{"groupDetails": {"command": …, "deleteCount": 1}, "list": [1]}`,
    group-number-add/-delete `{"groupDetails": {…}}`, black-list add/delete
    `{"blacklistDetails": {"countAfter": 1, "countBefore": 1}}`.

    """

    status: bool
    """ `true` on success. A body with `status: false` is an error answer, whatever the HTTP status. """
    data: Any | Unset = UNSET
    """ Whatever the platform answered. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        data = self.data

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = d.pop("status")

        data = d.pop("data", UNSET)

        generic_success_response = cls(
            status,
            data,
        )

        generic_success_response.additional_properties = d
        return generic_success_response

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
