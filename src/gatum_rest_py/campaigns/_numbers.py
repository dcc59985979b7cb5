"""Phone numbers as people write them, turned into the platform's digits-only international form.

`+380 95 722-57-59`, `00380957225759`, `380957225759` and, with the default region `UA`,
`0957225759` all become `380957225759`. Parsing and validation are Google's libphonenumber
rules (the `phonenumbers` package, the `[campaigns]` extra), imported on first use.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from typing import Any

from ._errors import CampaignInputError

__all__ = ["NormalisedNumber", "NumberNormaliser"]

# What people put between digits (any Unicode space, hyphens and dashes, dots, slashes, brackets).
_FORMATTING = re.compile(r"[\s\u2010-\u2015\u2212\-./()\[\]]+")

INSTALL_HINT = "phone-number checks need the `phonenumbers` package: pip install 'gatum-rest-py[campaigns]'"


@dataclass(frozen=True)
class NormalisedNumber:
    """A valid number: `digits` (what the API takes) and its country (`region`, e.g. UA)."""

    digits: str
    region: str


def _phonenumbers() -> Any:
    try:
        return importlib.import_module("phonenumbers")
    except ImportError:
        raise CampaignInputError(INSTALL_HINT, argument="phonenumbers", rule="installed") from None


class NumberNormaliser:
    """Normalises numbers, with `default_region` (ISO 3166 code) for those written without a country code.

    `normalise(raw)` returns a NormalisedNumber, or a str saying why the number is not valid.
    """

    def __init__(self, default_region: str | None = None) -> None:
        self._pn = _phonenumbers()
        region = default_region.upper() if default_region else None
        if region is not None and region not in self._pn.SUPPORTED_REGIONS:
            raise CampaignInputError(
                f"--default-region {default_region!r} is not a country code libphonenumber knows (e.g. UA, PL, DE)",
                argument="--default-region",
                rule="an ISO 3166-1 alpha-2 country code",
            )
        self.default_region = region
        self._e164 = self._pn.PhoneNumberFormat.E164
        self._country_codes = frozenset(self._pn.COUNTRY_CODE_TO_REGION_CODE)

    def normalise(self, raw: str) -> NormalisedNumber | str:
        text = raw.strip()
        if not text:
            return "no number"
        compact = _FORMATTING.sub("", text)
        if compact.startswith("+"):
            fast = self._international(compact[1:])
        elif compact.startswith("00") or (self.default_region is None and compact[:1] != "0"):
            fast = self._international(compact[2:] if compact.startswith("00") else compact)
        else:
            fast = None  # a national number: the region's rules decide, in the library's parse
        if fast is not None:
            return fast
        candidates = [text]
        if not text.startswith("+"):
            digits = "".join(ch for ch in text if ch.isdigit())
            if self.default_region is None:
                if digits.startswith("0") and not digits.startswith("00"):
                    return "no country code (give --default-region)"
                # Without a region, a number can only be international: 00… or the platform's own form.
                candidates = ["+" + (digits[2:] if digits.startswith("00") else digits)]
            elif not digits.startswith("0"):
                candidates.append("+" + digits)  # 380957225759 with region PL: still the platform's form
        reason = "not a valid phone number"
        for candidate in candidates:
            try:
                number = self._pn.parse(candidate, self.default_region)
            except self._pn.NumberParseException as exc:
                reason = _parse_reason(exc, self.default_region)
                continue
            if self._pn.is_valid_number(number):
                return NormalisedNumber(
                    self._pn.format_number(number, self._e164)[1:], self._pn.region_code_for_number(number) or "001"
                )
        return reason

    def _international(self, digits: str) -> NormalisedNumber | None:
        """A number in international form, valid by libphonenumber's rules, without its parser.

        parse() costs ~25 µs a number, most of a 100,000-row plan. Country calling codes are
        prefix-free (ITU-T E.164), so the longest of 1-3 digits found in the library's own table
        splits the digits as parse() does. Whatever this does not take (no country code, a
        national part beginning with 0 or that is not valid as written: parse() may strip a
        national prefix) goes to the full parse.
        """
        if not (8 <= len(digits) <= 17 and digits.isascii() and digits.isdigit()):
            return None
        for size in (1, 2, 3):
            if int(digits[:size]) in self._country_codes:
                break
        else:
            return None
        national = digits[size:]
        if national[:1] in ("", "0"):
            return None
        number = self._pn.PhoneNumber(country_code=int(digits[:size]), national_number=int(national))
        if not self._pn.is_valid_number(number):
            return None
        return NormalisedNumber(digits, self._pn.region_code_for_number(number) or "001")


def _parse_reason(exc: Any, region: str | None) -> str:
    if region is None and "country" in str(exc).lower():
        return "no country code (give --default-region)"
    return "not a phone number"
