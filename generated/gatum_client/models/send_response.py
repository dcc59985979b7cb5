# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SendResponse")


@_attrs_define
class SendResponse:
    """Either documented shape of `data` is accepted (see its alternatives)."""

    status: bool
    """ `true` on success. A body with `status: false` is an error answer, whatever the HTTP status. """
    data: SendResultsByNumber | SendSending
    """ The accepted messages, keyed by number, or a `sending` summary. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        data: dict[str, Any]
        if isinstance(self.data, SendSending):
            data = self.data.to_dict()
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

        def _parse_data(data: object) -> SendResultsByNumber | SendSending:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                data_type_0 = SendSending.from_dict(data)

                return data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            data_type_1 = SendResultsByNumber.from_dict(data)

            return data_type_1

        data = _parse_data(d.pop("data"))

        send_response = cls(
            status,
            data,
        )

        send_response.additional_properties = d
        return send_response

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


from ..models.send_results_by_number import SendResultsByNumber  # noqa: E402
from ..models.send_sending import SendSending  # noqa: E402
