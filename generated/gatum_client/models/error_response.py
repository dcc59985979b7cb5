# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_response_errors_type_0 import ErrorResponseErrorsType0


T = TypeVar("T", bound="ErrorResponse")


@_attrs_define
class ErrorResponse:
    """The failure envelope."""

    status: bool
    """ `false` on failure. """
    error_code: int | Unset = UNSET
    """ Error code, usually the HTTP status. """
    errors: ErrorResponseErrorsType0 | str | Unset = UNSET
    """ Field name → messages, or one message (*assumed* shape, both seen). """
    error: str | Unset = UNSET
    """ One error message (*assumed*, seen in third-party code). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.error_response_errors_type_0 import ErrorResponseErrorsType0  # noqa: PLC0415

        status = self.status

        error_code = self.error_code

        errors: dict[str, Any] | str | Unset
        if isinstance(self.errors, Unset):
            errors = UNSET
        elif isinstance(self.errors, ErrorResponseErrorsType0):
            errors = self.errors.to_dict()
        else:
            errors = self.errors

        error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        if error_code is not UNSET:
            field_dict["error_code"] = error_code
        if errors is not UNSET:
            field_dict["errors"] = errors
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.error_response_errors_type_0 import ErrorResponseErrorsType0  # noqa: PLC0415

        d = dict(src_dict)
        status = d.pop("status")

        error_code = d.pop("error_code", UNSET)

        def _parse_errors(data: object) -> ErrorResponseErrorsType0 | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                errors_type_0 = ErrorResponseErrorsType0.from_dict(data)

                return errors_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ErrorResponseErrorsType0 | str | Unset, data)

        errors = _parse_errors(d.pop("errors", UNSET))

        error = d.pop("error", UNSET)

        error_response = cls(
            status=status,
            error_code=error_code,
            errors=errors,
            error=error,
        )

        error_response.additional_properties = d
        return error_response

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
