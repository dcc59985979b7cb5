# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="GroupListResponse")


@_attrs_define
class GroupListResponse:
    """`data` is an array of groups, or a page object (MindCloud connector docs); both are accepted."""

    status: bool
    """ `true` on success. A body with `status: false` is an error answer, whatever the HTTP status. """
    data: GroupPage | list[Group]
    """ The groups of the page. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        data: dict[str, Any] | list[dict[str, Any]]
        if isinstance(self.data, list):
            data = []
            for data_type_0_item_data in self.data:
                data_type_0_item = data_type_0_item_data.to_dict()
                data.append(data_type_0_item)

        else:
            data = self.data.to_dict()

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

        def _parse_data(data: object) -> GroupPage | list[Group]:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                data_type_0 = [Group.from_dict(data_type_0_item_data) for data_type_0_item_data in data]

                return data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            data_type_1 = GroupPage.from_dict(data)

            return data_type_1

        data = _parse_data(d.pop("data"))

        group_list_response = cls(
            status,
            data,
        )

        group_list_response.additional_properties = d
        return group_list_response

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


from ..models.group import Group  # noqa: E402
from ..models.group_page import GroupPage  # noqa: E402
