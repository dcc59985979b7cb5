# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AccountInfoResponseData")


@_attrs_define
class AccountInfoResponseData:
    """Account details; every field sent is kept."""

    login: float | int | None | str | Unset = UNSET
    """ Text, but kept as sent when the platform sends a number or `null` (e.g. a phone number sent as a number).
    """
    name: float | int | None | str | Unset = UNSET
    """ Text, but kept as sent when the platform sends a number or `null` (e.g. a phone number sent as a number).
    """
    email: float | int | None | str | Unset = UNSET
    """ Text, but kept as sent when the platform sends a number or `null` (e.g. a phone number sent as a number).
    """
    e_mail: float | int | None | str | Unset = UNSET
    """ Text, but kept as sent when the platform sends a number or `null` (e.g. a phone number sent as a number).
    """
    phone: float | int | None | str | Unset = UNSET
    """ Text, but kept as sent when the platform sends a number or `null` (e.g. a phone number sent as a number).
    """
    company_name: float | int | None | str | Unset = UNSET
    """ Text, but kept as sent when the platform sends a number or `null` (e.g. a phone number sent as a number).
    """
    currency: float | int | None | str | Unset = UNSET
    """ Text, but kept as sent when the platform sends a number or `null` (e.g. a phone number sent as a number).
    """
    balance: float | None | str | Unset = UNSET
    """ An amount: a number, but kept as sent when the platform sends a string or `null`. """
    balance_limit: float | None | str | Unset = UNSET
    """ An amount: a number, but kept as sent when the platform sends a string or `null`. """
    balance_units: float | None | str | Unset = UNSET
    """ An amount: a number, but kept as sent when the platform sends a string or `null`. """
    balance_daily_block: bool | int | None | str | Unset = UNSET
    """ A yes/no flag: a boolean, but kept as sent when the platform sends `0`/`1`, a string or `null`. """
    block: bool | int | None | str | Unset = UNSET
    """ A yes/no flag: a boolean, but kept as sent when the platform sends `0`/`1`, a string or `null`. """
    can_send_bulk: bool | int | None | str | Unset = UNSET
    """ A yes/no flag: a boolean, but kept as sent when the platform sends `0`/`1`, a string or `null`. """
    can_send_restapi: bool | int | None | str | Unset = UNSET
    """ A yes/no flag: a boolean, but kept as sent when the platform sends `0`/`1`, a string or `null`. """
    confirmed: bool | int | None | str | Unset = UNSET
    """ A yes/no flag: a boolean, but kept as sent when the platform sends `0`/`1`, a string or `null`. """
    id_subparent: int | None | str | Unset = UNSET
    """ A count or code: an integer, but kept as sent when the platform sends a string or `null`. """
    finance: Any | Unset = UNSET
    """ Finance settings (an object in the connector docs), kept as sent. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        login: float | int | None | str | Unset
        if isinstance(self.login, Unset):
            login = UNSET
        else:
            login = self.login

        name: float | int | None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        email: float | int | None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        e_mail: float | int | None | str | Unset
        if isinstance(self.e_mail, Unset):
            e_mail = UNSET
        else:
            e_mail = self.e_mail

        phone: float | int | None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        company_name: float | int | None | str | Unset
        if isinstance(self.company_name, Unset):
            company_name = UNSET
        else:
            company_name = self.company_name

        currency: float | int | None | str | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        else:
            currency = self.currency

        balance: float | None | str | Unset
        if isinstance(self.balance, Unset):
            balance = UNSET
        else:
            balance = self.balance

        balance_limit: float | None | str | Unset
        if isinstance(self.balance_limit, Unset):
            balance_limit = UNSET
        else:
            balance_limit = self.balance_limit

        balance_units: float | None | str | Unset
        if isinstance(self.balance_units, Unset):
            balance_units = UNSET
        else:
            balance_units = self.balance_units

        balance_daily_block: bool | int | None | str | Unset
        if isinstance(self.balance_daily_block, Unset):
            balance_daily_block = UNSET
        else:
            balance_daily_block = self.balance_daily_block

        block: bool | int | None | str | Unset
        if isinstance(self.block, Unset):
            block = UNSET
        else:
            block = self.block

        can_send_bulk: bool | int | None | str | Unset
        if isinstance(self.can_send_bulk, Unset):
            can_send_bulk = UNSET
        else:
            can_send_bulk = self.can_send_bulk

        can_send_restapi: bool | int | None | str | Unset
        if isinstance(self.can_send_restapi, Unset):
            can_send_restapi = UNSET
        else:
            can_send_restapi = self.can_send_restapi

        confirmed: bool | int | None | str | Unset
        if isinstance(self.confirmed, Unset):
            confirmed = UNSET
        else:
            confirmed = self.confirmed

        id_subparent: int | None | str | Unset
        if isinstance(self.id_subparent, Unset):
            id_subparent = UNSET
        else:
            id_subparent = self.id_subparent

        finance = self.finance

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if login is not UNSET:
            field_dict["login"] = login
        if name is not UNSET:
            field_dict["name"] = name
        if email is not UNSET:
            field_dict["email"] = email
        if e_mail is not UNSET:
            field_dict["e_mail"] = e_mail
        if phone is not UNSET:
            field_dict["phone"] = phone
        if company_name is not UNSET:
            field_dict["company_name"] = company_name
        if currency is not UNSET:
            field_dict["currency"] = currency
        if balance is not UNSET:
            field_dict["balance"] = balance
        if balance_limit is not UNSET:
            field_dict["balance_limit"] = balance_limit
        if balance_units is not UNSET:
            field_dict["balance_units"] = balance_units
        if balance_daily_block is not UNSET:
            field_dict["balance_daily_block"] = balance_daily_block
        if block is not UNSET:
            field_dict["block"] = block
        if can_send_bulk is not UNSET:
            field_dict["can_send_bulk"] = can_send_bulk
        if can_send_restapi is not UNSET:
            field_dict["can_send_restapi"] = can_send_restapi
        if confirmed is not UNSET:
            field_dict["confirmed"] = confirmed
        if id_subparent is not UNSET:
            field_dict["id_subparent"] = id_subparent
        if finance is not UNSET:
            field_dict["finance"] = finance

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        login = d.pop("login", UNSET)

        name = d.pop("name", UNSET)

        email = d.pop("email", UNSET)

        e_mail = d.pop("e_mail", UNSET)

        phone = d.pop("phone", UNSET)

        company_name = d.pop("company_name", UNSET)

        currency = d.pop("currency", UNSET)

        balance = d.pop("balance", UNSET)

        balance_limit = d.pop("balance_limit", UNSET)

        balance_units = d.pop("balance_units", UNSET)

        balance_daily_block = d.pop("balance_daily_block", UNSET)

        block = d.pop("block", UNSET)

        can_send_bulk = d.pop("can_send_bulk", UNSET)

        can_send_restapi = d.pop("can_send_restapi", UNSET)

        confirmed = d.pop("confirmed", UNSET)

        id_subparent = d.pop("id_subparent", UNSET)

        finance = d.pop("finance", UNSET)

        account_info_response_data = cls(
            login,
            name,
            email,
            e_mail,
            phone,
            company_name,
            currency,
            balance,
            balance_limit,
            balance_units,
            balance_daily_block,
            block,
            can_send_bulk,
            can_send_restapi,
            confirmed,
            id_subparent,
            finance,
        )

        account_info_response_data.additional_properties = d
        return account_info_response_data

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
