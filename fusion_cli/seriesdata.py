"""A company's normalized time series as data: its periods, line items, values with their sources, and the
sections that add up over time. Built by `series.build_series`; read by metrics, bridges, claims and views."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .model import Basis, ItemKey

STATEMENTS = ("income", "balance", "cashflow", "reconciliation")


ADDITIVE = ("income", "cashflow", "reconciliation")


@dataclass(frozen=True, slots=True)
class SeriesPeriod:
    """A period of the series: fiscal label and length identify it; the end date is carried along."""

    label: str  # Q3 2009, 9M 2009, FY 2010
    months: int  # 0 for a balance-sheet date
    end: date = field(compare=False)
    fy: int = field(compare=False, default=0)
    quarter: int = field(compare=False, default=0)  # the fiscal quarter the period ends in


@dataclass(frozen=True, slots=True)
class Item:
    """A line item of the series: its identity, the company's wording and its unit."""

    key: ItemKey
    section: str
    label: str
    concept: str | None
    unit: str


@dataclass(frozen=True, slots=True)
class Entry:
    """One value of the series, with where it came from."""

    value: Decimal
    source: str  # file:line, or "derived"
    basis: Basis = Basis.REPORTED  # as printed, restated, derived, or printed before a stock split
    note: str = ""
    previous: tuple[tuple[Decimal, str], ...] = ()
    scale: str = "units"


@dataclass(frozen=True, slots=True)
class Series:
    """One company's normalized time series."""

    company: str
    files: tuple[str, ...]  # releases, oldest first
    items: tuple[Item, ...]  # in the company's order, section by section
    periods: tuple[SeriesPeriod, ...]  # oldest first
    values: dict[tuple[ItemKey, SeriesPeriod], Entry]
    fy_end: int
    scale: str  # the scale most of its numbers were printed in
    currency: str = "USD"  # the currency most of its money is in
    offset: int = 0  # how the company numbers fiscal years (see periods.fiscal_quarter)

    def get(self, key: ItemKey, period: SeriesPeriod) -> Entry | None:
        """The entry of an item in a period, if any."""
        return self.values.get((key, period))

    def item(self, key: ItemKey) -> Item | None:
        """The item with this key, if any."""
        return next((i for i in self.items if i.key == key), None)
