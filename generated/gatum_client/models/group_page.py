# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GroupPage")


@_attrs_define
class GroupPage:
    """One page of groups with its counters, per the MindCloud connector docs (list-groups:
    `{"groupDetails": {...}, "list": ...}`; `list` is documented as an array of groups, its
    example shows one group object, so both are accepted). Those docs wrap every answer in
    MindCloud's own envelope with placeholder values: the connector's rendering, not a platform
    answer seen on the wire.

    """

    list_: Group | list[Group]
    """ The groups of the page. """
    group_details: GroupDetails | Unset = UNSET
    """ Counters of a group operation, per the MindCloud connector docs: list-groups (`countAll`,
    `countResult`, `limit`, `offset`), create-group (`command`, `createCount`), delete-groups
    (`deleteCount`), number calls (`id_group`, `name_group`, `countPhoneBefore`,
    `countPhoneAfter`, `foundPhone`, `deletedPhone`). All optional, kept as sent.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        list_: dict[str, Any] | list[dict[str, Any]]
        if isinstance(self.list_, list):
            list_ = []
            for list_type_0_item_data in self.list_:
                list_type_0_item = list_type_0_item_data.to_dict()
                list_.append(list_type_0_item)

        else:
            list_ = self.list_.to_dict()

        group_details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.group_details, Unset):
            group_details = self.group_details.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "list": list_,
            }
        )
        if group_details is not UNSET:
            field_dict["groupDetails"] = group_details

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_list_(data: object) -> Group | list[Group]:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                list_type_0 = [Group.from_dict(list_type_0_item_data) for list_type_0_item_data in data]

                return list_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            list_type_1 = Group.from_dict(data)

            return list_type_1

        list_ = _parse_list_(d.pop("list"))

        _group_details = d.pop("groupDetails", UNSET)
        group_details: GroupDetails | Unset
        if isinstance(_group_details, Unset):
            group_details = UNSET
        else:
            group_details = GroupDetails.from_dict(_group_details)

        group_page = cls(
            list_,
            group_details,
        )

        group_page.additional_properties = d
        return group_page

    @classmethod
    def _from_owned_dict(cls: type[T], src_dict: dict[str, Any]) -> T:
        """`from_dict` of a dict just decoded from JSON that nothing else holds: its nested
        models take their dicts over (see their `_from_owned_dict`) instead of copying them.
        """
        d = src_dict if type(src_dict) is dict else dict(src_dict)

        def _parse_list_(data: object) -> Group | list[Group]:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                list_type_0 = [Group.from_dict(list_type_0_item_data) for list_type_0_item_data in data]

                return list_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            list_type_1 = Group.from_dict(data)

            return list_type_1

        list_ = _parse_list_(d.pop("list"))

        _group_details = d.pop("groupDetails", UNSET)
        group_details: GroupDetails | Unset
        if isinstance(_group_details, Unset):
            group_details = UNSET
        else:
            group_details = GroupDetails._from_owned_dict(_group_details)

        group_page = cls(
            list_,
            group_details,
        )

        group_page.additional_properties = d
        return group_page

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
from ..models.group_details import GroupDetails  # noqa: E402
