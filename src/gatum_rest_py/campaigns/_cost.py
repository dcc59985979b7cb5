"""What a campaign will cost, from the platform's own price look-ups (`account_price` per country).

A price list gives a price per part for each country and network; which network a number is on
is not known before sending (numbers move between networks), so each country is priced at its
*highest* price: the estimate is an upper bound. A country the look-up has no price for is
listed in `unpriced` and left out of the total. The platform's answer shape for prices is not
published (*assumed*: `{"data": [{"ISO": "UA", "price": 0.025, "currency": "EUR"}, …]}`,
as the spec models it); an answer of another shape leaves the country unpriced.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["CostEstimate", "RegionCost", "estimate_cost"]

PriceLookup = Callable[[str], Any]
"""Takes an ISO country code, returns the JSON body of the platform's price answer for it."""


@dataclass(frozen=True)
class RegionCost:
    recipients: int
    parts: int
    price: float | None  # per part, the country's highest

    @property
    def cost(self) -> float:
        return 0.0 if self.price is None else self.parts * self.price


@dataclass(frozen=True)
class CostEstimate:
    """The upper-bound cost (`total`, in `currency`) and its breakdown per country."""

    total: float
    currency: str | None
    by_region: dict[str, RegionCost] = field(default_factory=dict)
    unpriced: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": round(self.total, 6),
            "currency": self.currency,
            "upper_bound": True,
            "by_country": {
                region: {
                    "recipients": c.recipients,
                    "parts": c.parts,
                    "price_per_part": c.price,
                    "cost": round(c.cost, 6),
                }
                for region, c in sorted(self.by_region.items())
            },
            "unpriced": self.unpriced,
        }


def _highest_price(body: Any, region: str) -> tuple[float, str | None] | None:
    rows = body.get("data") if isinstance(body, Mapping) else None
    best: tuple[float, str | None] | None = None
    for row in rows if isinstance(rows, list) else []:
        if not isinstance(row, Mapping) or str(row.get("ISO", region)).upper() != region:
            continue
        try:
            price = float(row["price"])
        except (KeyError, TypeError, ValueError):
            continue
        currency = row.get("currency") or (best[1] if best else None)  # a row without one: the country's
        if best is None or price > best[0]:
            best = (price, str(currency) if currency is not None else None)
        elif best[1] is None and currency is not None:
            best = (best[0], str(currency))
    return best


def estimate_cost(parts_by_region: Mapping[str, tuple[int, int]], look_up: PriceLookup) -> CostEstimate:
    """The cost of sending `parts_by_region` ({ISO: (recipients, parts)}), one price look-up per country."""
    by_region: dict[str, RegionCost] = {}
    unpriced: list[str] = []
    currencies: set[str] = set()
    for region, (recipients, parts) in sorted(parts_by_region.items()):
        found = _highest_price(look_up(region), region)
        if found is None:
            unpriced.append(region)
            by_region[region] = RegionCost(recipients, parts, None)
            continue
        price, currency = found
        if currency:
            currencies.add(currency)
        by_region[region] = RegionCost(recipients, parts, price)
    total = sum(c.cost for c in by_region.values())
    # Prices in more than one currency cannot be added up into one figure.
    currency = next(iter(currencies)) if len(currencies) == 1 else ("mixed" if currencies else None)
    return CostEstimate(total, currency, by_region, unpriced)
