# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GroupCreateResponseData")


@_attrs_define
class GroupCreateResponseData:
    """The new group."""

    id_group: int | str | Unset = UNSET
    """ An id as the platform sends it: an integer in the vendor README's examples, a string in
    third-party code (a C# gateway's captured send answer shows UUID strings such as
    `4c43afb8-4768-46dd-aa51-9e8bca3d3cd9`). Kept exactly as sent; never parse it as a number.
     """
    group_details: GroupDetails | Unset = UNSET
    """ Counters of a group operation, per the MindCloud connector docs: list-groups (`countAll`,
    `countResult`, `limit`, `offset`), create-group (`command`, `createCount`), delete-groups
    (`deleteCount`), number calls (`id_group`, `name_group`, `countPhoneBefore`,
    `countPhoneAfter`, `foundPhone`, `deletedPhone`). All optional, kept as sent.
     """
    list_: Group | Unset = UNSET
    """ A contact group. Fields per the MindCloud connector docs (list-groups: `id_group`,
    `name_group`, `numbers_count`, `on_birth`; create-group adds `originator_birth`,
    `text_birth`, `time_birth`) and the vendor client's group-create fields; birthday fields
    may be `false` (the vendor Python client sends `false` for them). Unknown fields are kept.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id_group: int | str | Unset
        if isinstance(self.id_group, Unset):
            id_group = UNSET
        else:
            id_group = self.id_group

        group_details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.group_details, Unset):
            group_details = self.group_details.to_dict()

        list_: dict[str, Any] | Unset = UNSET
        if not isinstance(self.list_, Unset):
            list_ = self.list_.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id_group is not UNSET:
            field_dict["id_group"] = id_group
        if group_details is not UNSET:
            field_dict["groupDetails"] = group_details
        if list_ is not UNSET:
            field_dict["list"] = list_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id_group = d.pop("id_group", UNSET)

        _group_details = d.pop("groupDetails", UNSET)
        group_details: GroupDetails | Unset
        if isinstance(_group_details, Unset):
            group_details = UNSET
        else:
            group_details = GroupDetails.from_dict(_group_details)

        _list_ = d.pop("list", UNSET)
        list_: Group | Unset
        if isinstance(_list_, Unset):
            list_ = UNSET
        else:
            list_ = Group.from_dict(_list_)

        group_create_response_data = cls(
            id_group,
            group_details,
            list_,
        )

        group_create_response_data.additional_properties = d
        return group_create_response_data

    @classmethod
    def _from_owned_dict(cls: type[T], src_dict: dict[str, Any]) -> T:
        """`from_dict` of a dict just decoded from JSON that nothing else holds: its nested
        models take their dicts over (see their `_from_owned_dict`) instead of copying them.
        """
        d = src_dict if type(src_dict) is dict else dict(src_dict)
        id_group = d.pop("id_group", UNSET)

        _group_details = d.pop("groupDetails", UNSET)
        group_details: GroupDetails | Unset
        if isinstance(_group_details, Unset):
            group_details = UNSET
        else:
            group_details = GroupDetails._from_owned_dict(_group_details)

        _list_ = d.pop("list", UNSET)
        list_: Group | Unset
        if isinstance(_list_, Unset):
            list_ = UNSET
        else:
            list_ = Group._from_owned_dict(_list_)

        group_create_response_data = cls(
            id_group,
            group_details,
            list_,
        )

        group_create_response_data.additional_properties = d
        return group_create_response_data

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
