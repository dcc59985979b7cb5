# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, AdditionalProperties, Unset

T = TypeVar("T", bound="AccountInfoResponseData")


@_attrs_define(slots=False)
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
        return cls._from_owned_dict(dict(src_dict))

    @classmethod
    def _from_owned_dict(cls: type[T], src_dict: dict[str, Any]) -> T:
        """`from_dict` of a dict just decoded from JSON that nothing else holds: the object takes
        the dict over as its instance dict (no copy), unknown keys moved to additional_properties.
        A missing optional key reads as the class's UNSET; a missing required key raises KeyError
        before the dict is changed.
        """
        if type(src_dict) is not dict:
            return cls.from_dict(src_dict)
        if len(src_dict) != 17 or not _FIELDS.issuperset(src_dict):
            unknown = [key for key in src_dict if key not in _FIELDS]
            if unknown:
                src_dict["additional_properties"] = {key: src_dict.pop(key) for key in unknown}
        account_info_response_data = object.__new__(cls)
        account_info_response_data.__dict__ = src_dict
        return account_info_response_data

    @classmethod
    def _from_owned_dicts(cls: type[T], items: list[dict[str, Any]]) -> list[T]:
        """`_from_owned_dict` of each item of a list just decoded from JSON, in one loop: the
        common case, an object with exactly the known keys, is taken over without a call.
        """
        new = object.__new__
        known = _FIELDS.issuperset
        models: list[T] = []
        for item in items:
            if type(item) is dict and len(item) == 17 and known(item):
                account_info_response_data = new(cls)
                account_info_response_data.__dict__ = item
                models.append(account_info_response_data)
            else:
                models.append(cls._from_owned_dict(item))
        return models

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


_FIELDS = frozenset(
    {
        "login",
        "name",
        "email",
        "e_mail",
        "phone",
        "company_name",
        "currency",
        "balance",
        "balance_limit",
        "balance_units",
        "balance_daily_block",
        "block",
        "can_send_bulk",
        "can_send_restapi",
        "confirmed",
        "id_subparent",
        "finance",
    }
)
# What an adopted instance dict lacks is read from the class: UNSET for a missing optional field,
# an empty dict made on first read for additional_properties (attrs took the class attributes away).
setattr(AccountInfoResponseData, "login", UNSET)
setattr(AccountInfoResponseData, "name", UNSET)
setattr(AccountInfoResponseData, "email", UNSET)
setattr(AccountInfoResponseData, "e_mail", UNSET)
setattr(AccountInfoResponseData, "phone", UNSET)
setattr(AccountInfoResponseData, "company_name", UNSET)
setattr(AccountInfoResponseData, "currency", UNSET)
setattr(AccountInfoResponseData, "balance", UNSET)
setattr(AccountInfoResponseData, "balance_limit", UNSET)
setattr(AccountInfoResponseData, "balance_units", UNSET)
setattr(AccountInfoResponseData, "balance_daily_block", UNSET)
setattr(AccountInfoResponseData, "block", UNSET)
setattr(AccountInfoResponseData, "can_send_bulk", UNSET)
setattr(AccountInfoResponseData, "can_send_restapi", UNSET)
setattr(AccountInfoResponseData, "confirmed", UNSET)
setattr(AccountInfoResponseData, "id_subparent", UNSET)
setattr(AccountInfoResponseData, "finance", UNSET)
setattr(AccountInfoResponseData, "additional_properties", AdditionalProperties())
