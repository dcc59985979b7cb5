# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GroupDetails")


@_attrs_define
class GroupDetails:
    """Counters of a group operation, per the MindCloud connector docs: list-groups (`countAll`,
    `countResult`, `limit`, `offset`), create-group (`command`, `createCount`), delete-groups
    (`deleteCount`), number calls (`id_group`, `name_group`, `countPhoneBefore`,
    `countPhoneAfter`, `foundPhone`, `deletedPhone`). All optional, kept as sent.

    """

    count_all: int | None | str | Unset = UNSET
    """ A count or code: an integer, but kept as sent when the platform sends a string or `null`. """
    count_result: int | None | str | Unset = UNSET
    """ A count or code: an integer, but kept as sent when the platform sends a string or `null`. """
    limit: int | None | str | Unset = UNSET
    """ A count or code: an integer, but kept as sent when the platform sends a string or `null`. """
    offset: int | None | str | Unset = UNSET
    """ A count or code: an integer, but kept as sent when the platform sends a string or `null`. """
    command: float | int | None | str | Unset = UNSET
    """ Text, but kept as sent when the platform sends a number or `null` (e.g. a phone number sent as a number).
    """
    create_count: int | None | str | Unset = UNSET
    """ A count or code: an integer, but kept as sent when the platform sends a string or `null`. """
    delete_count: int | None | str | Unset = UNSET
    """ A count or code: an integer, but kept as sent when the platform sends a string or `null`. """
    id_group: int | None | str | Unset = UNSET
    """ Id of the group. """
    name_group: float | int | None | str | Unset = UNSET
    """ Text, but kept as sent when the platform sends a number or `null` (e.g. a phone number sent as a number).
    """
    count_phone_before: int | None | str | Unset = UNSET
    """ A count or code: an integer, but kept as sent when the platform sends a string or `null`. """
    count_phone_after: int | None | str | Unset = UNSET
    """ A count or code: an integer, but kept as sent when the platform sends a string or `null`. """
    found_phone: int | None | str | Unset = UNSET
    """ A count or code: an integer, but kept as sent when the platform sends a string or `null`. """
    deleted_phone: int | None | str | Unset = UNSET
    """ A count or code: an integer, but kept as sent when the platform sends a string or `null`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count_all: int | None | str | Unset
        if isinstance(self.count_all, Unset):
            count_all = UNSET
        else:
            count_all = self.count_all

        count_result: int | None | str | Unset
        if isinstance(self.count_result, Unset):
            count_result = UNSET
        else:
            count_result = self.count_result

        limit: int | None | str | Unset
        if isinstance(self.limit, Unset):
            limit = UNSET
        else:
            limit = self.limit

        offset: int | None | str | Unset
        if isinstance(self.offset, Unset):
            offset = UNSET
        else:
            offset = self.offset

        command: float | int | None | str | Unset
        if isinstance(self.command, Unset):
            command = UNSET
        else:
            command = self.command

        create_count: int | None | str | Unset
        if isinstance(self.create_count, Unset):
            create_count = UNSET
        else:
            create_count = self.create_count

        delete_count: int | None | str | Unset
        if isinstance(self.delete_count, Unset):
            delete_count = UNSET
        else:
            delete_count = self.delete_count

        id_group: int | None | str | Unset
        if isinstance(self.id_group, Unset):
            id_group = UNSET
        else:
            id_group = self.id_group

        name_group: float | int | None | str | Unset
        if isinstance(self.name_group, Unset):
            name_group = UNSET
        else:
            name_group = self.name_group

        count_phone_before: int | None | str | Unset
        if isinstance(self.count_phone_before, Unset):
            count_phone_before = UNSET
        else:
            count_phone_before = self.count_phone_before

        count_phone_after: int | None | str | Unset
        if isinstance(self.count_phone_after, Unset):
            count_phone_after = UNSET
        else:
            count_phone_after = self.count_phone_after

        found_phone: int | None | str | Unset
        if isinstance(self.found_phone, Unset):
            found_phone = UNSET
        else:
            found_phone = self.found_phone

        deleted_phone: int | None | str | Unset
        if isinstance(self.deleted_phone, Unset):
            deleted_phone = UNSET
        else:
            deleted_phone = self.deleted_phone

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if count_all is not UNSET:
            field_dict["countAll"] = count_all
        if count_result is not UNSET:
            field_dict["countResult"] = count_result
        if limit is not UNSET:
            field_dict["limit"] = limit
        if offset is not UNSET:
            field_dict["offset"] = offset
        if command is not UNSET:
            field_dict["command"] = command
        if create_count is not UNSET:
            field_dict["createCount"] = create_count
        if delete_count is not UNSET:
            field_dict["deleteCount"] = delete_count
        if id_group is not UNSET:
            field_dict["id_group"] = id_group
        if name_group is not UNSET:
            field_dict["name_group"] = name_group
        if count_phone_before is not UNSET:
            field_dict["countPhoneBefore"] = count_phone_before
        if count_phone_after is not UNSET:
            field_dict["countPhoneAfter"] = count_phone_after
        if found_phone is not UNSET:
            field_dict["foundPhone"] = found_phone
        if deleted_phone is not UNSET:
            field_dict["deletedPhone"] = deleted_phone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        count_all = d.pop("countAll", UNSET)

        count_result = d.pop("countResult", UNSET)

        limit = d.pop("limit", UNSET)

        offset = d.pop("offset", UNSET)

        command = d.pop("command", UNSET)

        create_count = d.pop("createCount", UNSET)

        delete_count = d.pop("deleteCount", UNSET)

        id_group = d.pop("id_group", UNSET)

        name_group = d.pop("name_group", UNSET)

        count_phone_before = d.pop("countPhoneBefore", UNSET)

        count_phone_after = d.pop("countPhoneAfter", UNSET)

        found_phone = d.pop("foundPhone", UNSET)

        deleted_phone = d.pop("deletedPhone", UNSET)

        group_details = cls(
            count_all,
            count_result,
            limit,
            offset,
            command,
            create_count,
            delete_count,
            id_group,
            name_group,
            count_phone_before,
            count_phone_after,
            found_phone,
            deleted_phone,
        )

        group_details.additional_properties = d
        return group_details

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
