"""Changes and margins: pure functions over a company's series, returned as analysis points."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from .model import Basis, ItemKey, Point
from .series import Entry, Item, Series, SeriesPeriod

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
SECTION_NAMES = {"income": "income statement", "balance": "balance sheet", "cashflow": "cash flow", "reconciliation": "reconciliation"}


def rounded(value: Decimal) -> Decimal:
    """Two decimals, half up: how percentages, points and ratios are reported."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def point(series: Series, section: str, item: str, concept: str | None, period: SeriesPeriod, basis: str | Basis,
          value: Decimal | None, unit: str, source: str, note: str = "", key: ItemKey | tuple[str, str] | None = None) -> Point:
    """A Point for a period of a company's series; its basis one of the closed vocabulary (a ValueError otherwise)."""
    return Point(series.company, section, item, concept, period.label, period.end.isoformat(), period.months,
                 Basis(basis), value, unit, source, note, key=key)


def statement_points(series: Series) -> list[Point]:
    """Every value of the series as a point, in the company's line order and period order."""
    points = []
    for item in series.items:
        for period in series.periods:
            entry = series.get(item.key, period)
            if entry is None:
                continue
            p = point(series, item.section, item.label, item.concept, period, entry.basis, entry.value, item.unit,
                      entry.source, entry.note, item.key)
            points.append(_with_previous(p, entry))
    return points


def _with_previous(p: Point, entry: Entry) -> Point:
    if not entry.previous:
        return p
    return Point(p.company, p.section, p.item, p.concept, p.period, p.period_end, p.period_months, p.basis, p.value,
                 p.unit, p.source, p.note, entry.previous, p.key)


def prior(series: Series, period: SeriesPeriod, basis: str) -> SeriesPeriod | None:
    """The period a change compares with: the same period a year earlier (yoy) or the quarter before (qoq)."""
    if basis == "yoy":
        fy, quarter = period.fy - 1, period.quarter
    elif period.months in (0, 3):
        fy, quarter = (period.fy, period.quarter - 1) if period.quarter > 1 else (period.fy - 1, 4)
    else:
        return None
    return next((p for p in series.periods if p.fy == fy and p.quarter == quarter and p.months == period.months), None)


def change_items(series: Series) -> list[Item]:
    """Items whose changes are reported: statements, and reconciliation lines the statements do not already carry."""
    statement_keys = {i.key._replace(section="") for i in series.items if i.section != "reconciliation"}
    return [i for i in series.items if i.section != "reconciliation" or i.key._replace(section="") not in statement_keys]


def display_name(series: Series, item: Item) -> str:
    """The item's label, with its statement named when another statement has a line worded the same."""
    same = [i for i in series.items if i.label.lower() == item.label.lower() and i.unit == item.unit]
    return f"{item.label} ({SECTION_NAMES[item.section]})" if len(same) > 1 and item.section != "income" else item.label


def changes(series: Series) -> list[Point]:
    """YoY and QoQ changes of every reported line: absolute (same unit, pp for percentages) and percent."""
    points = []
    for item in change_items(series):
        name = display_name(series, item)
        for period in series.periods:
            entry = series.get(item.key, period)
            if entry is None:
                continue
            for basis in ("yoy", "qoq"):
                before_period = prior(series, period, basis)
                before = series.get(item.key, before_period) if before_period else None
                if before is not None:
                    old, new = _one_basis(before, entry)
                    if old is not None and new is not None:
                        points.extend(_change(series, item, name, period, basis, old, new))
    return points


def _one_basis(before, entry) -> tuple[Decimal | None, Decimal | None]:
    """The two values of a change on one basis: across a stock split, the later period's own print from before the
    split (5.98 against 0.82, not 0.60 against 0.82); none when no such print exists."""
    if (before.basis == "pre-split") == (entry.basis == "pre-split"):
        return before.value, entry.value
    post = entry if before.basis == "pre-split" else before
    printed = post.previous[0][0] if post.basis == "restated" and post.previous else None
    if printed is None:
        return None, None
    return (before.value, printed) if post is entry else (printed, entry.value)


def _change(series: Series, item: Item, name: str, period: SeriesPeriod, basis: str, old: Decimal, new: Decimal) -> list[Point]:
    note = direction(old, new)
    if item.unit == "%":
        return [point(series, "change", name, item.concept, period, basis, rounded(new - old), "pp", "derived", note, item.key)]
    absolute = point(series, "change", name, item.concept, period, basis, new - old, item.unit, "derived", note, item.key)
    pct, why = percent_change(old, new)
    percent = point(series, "change", name, item.concept, period, basis, pct, "%", "derived", why or note, item.key)
    return [absolute, percent]


def percent_change(old: Decimal, new: Decimal) -> tuple[Decimal | None, str]:
    """(new - old) / |old| in percent; n/m when the base is zero or the sign flips."""
    if old == 0:
        return None, "n/m: zero base"
    if (old < 0 < new) or (new < 0 < old):
        return None, "n/m: sign change"
    return rounded((new - old) / abs(old) * HUNDRED), ""


def direction(old: Decimal, new: Decimal) -> str:
    """For negative values (losses, expenses printed negative): whether they narrowed or widened."""
    if old < 0 and new < 0:
        return "narrowed" if abs(new) < abs(old) else "widened" if abs(new) > abs(old) else ""
    if old < 0 <= new:
        return "turned positive"
    if new < 0 <= old:
        return "turned negative"
    return ""


def lookup(series: Series, concept: str, period: SeriesPeriod, sections: tuple[str, ...] = ("income", "reconciliation")) -> tuple[Decimal, str] | None:
    """A concept's value in the company's currency in a period: (value, source), from the first section that has it."""
    for section in sections:
        entry = series.get(ItemKey.of_concept(section, series.currency, concept), period)
        if entry is not None:
            return entry.value, entry.source
    return None


def margins(series: Series, ebitda: dict[SeriesPeriod, tuple[Decimal, str]] | None = None) -> list[Point]:
    """Margins (percent of revenue), balance-sheet ratios, and their YoY / QoQ changes in points."""
    levels: list[tuple[str, str, SeriesPeriod, Decimal, str, str]] = []  # name, concept, period, value, unit, note
    for period in series.periods:
        if period.months:
            levels.extend(_income_margins(series, period, ebitda or {}))
        else:
            levels.extend(_balance_ratios(series, period))
    points = [point(series, "margin", name, concept, period, "", value, unit, "derived", note)
              for name, concept, period, value, unit, note in levels]
    by_key = {(concept, period): value for _n, concept, period, value, _u, _note in levels}
    for name, concept, period, value, unit, _note in levels:
        for basis in ("yoy", "qoq"):
            before_period = prior(series, period, basis)
            old = by_key.get((concept, before_period)) if before_period else None
            if old is not None:
                change_unit = "pp" if unit == "%" else unit
                points.append(point(series, "margin", name, concept, period, basis, value - old, change_unit, "derived"))
    return points


def _income_margins(series: Series, period: SeriesPeriod, ebitda: dict[SeriesPeriod, tuple[Decimal, str]]):
    revenue = lookup(series, "revenue", period)
    if revenue is None or revenue[0] <= 0:
        return []
    rev = revenue[0]
    out = []
    gross = lookup(series, "gross_profit", period)
    cost = lookup(series, "cost_of_revenue", period)
    if gross is not None:
        out.append(("Gross margin", "gross_margin", gross[0], "gross profit / revenue"))
    elif cost is not None:
        out.append(("Gross margin", "gross_margin", rev - cost[0], "(revenue - cost of revenue) / revenue"))
    for name, concept, source in (("Operating margin", "operating_margin", "operating_income"), ("Net margin", "net_margin", "net_income")):
        found = lookup(series, source, period)
        if found is not None:
            out.append((name, concept, found[0], f"{source.replace('_', ' ')} / revenue"))
    printed = lookup(series, "ebitda", period, ("reconciliation", "income"))
    if printed is not None:
        out.append(("EBITDA margin", "ebitda_margin", printed[0], "EBITDA / revenue"))
    elif period in ebitda:
        out.append(("EBITDA margin", "ebitda_margin", ebitda[period][0], "derived EBITDA (operating income + D&A) / revenue"))
    adjusted = lookup(series, "adjusted_ebitda", period, ("reconciliation", "income"))
    if adjusted is not None:
        out.append(("Adjusted EBITDA margin", "adjusted_ebitda_margin", adjusted[0], "adjusted EBITDA / revenue"))
    out.extend(_overhead(series, period))
    found = lookup(series, "cost_of_revenue", period)
    if found is not None:
        out.append(("Cost of revenue % of revenue", "cost_of_revenue_ratio", found[0], "cost of revenue / revenue"))
    return [(name, concept, period, rounded(value / rev * HUNDRED), "%", note) for name, concept, value, note in out]


def _overhead(series: Series, period: SeriesPeriod) -> list[tuple[str, str, Decimal, str]]:
    """SG&A as a share of revenue, like with like: the SG&A line; or, where selling and marketing and G&A are
    printed apart, their sum; or G&A alone, named for what it is."""
    sga = lookup(series, "sga", period)
    if sga is not None:
        return [("SG&A % of revenue", "sga_ratio", sga[0], "SG&A / revenue")]
    admin = lookup(series, "general_administrative", period)
    if admin is None:
        return []
    selling = lookup(series, "marketing", period)
    if selling is not None:
        return [("SG&A % of revenue", "sga_ratio", selling[0] + admin[0], "(sales and marketing + general and administrative) / revenue")]
    return [("G&A % of revenue", "ga_ratio", admin[0], "general and administrative / revenue")]


def _balance_ratios(series: Series, period: SeriesPeriod):
    def get(concept: str) -> Decimal | None:
        entry = series.get(ItemKey.of_concept("balance", series.currency, concept), period)
        return entry.value if entry else None

    out = []
    assets, liabilities = get("total_current_assets"), get("total_current_liabilities")
    if assets is not None and liabilities is not None:
        out.append(("Working capital", "working_capital", period, assets - liabilities, series.currency, "current assets - current liabilities"))
        if liabilities > 0:
            out.append(("Current ratio", "current_ratio", period, rounded(assets / liabilities), "x", "current assets / current liabilities"))
    total_assets, total_liabilities = get("total_assets"), get("total_liabilities")
    note = "total liabilities / total assets"
    if total_liabilities is None and liabilities is not None and (long_term := get("total_long_term_liabilities")) is not None:
        total_liabilities = liabilities + long_term
        note = "(current + long-term liabilities) / total assets"
    if total_assets and total_liabilities is not None and total_assets > 0:
        out.append(("Liabilities to assets", "liabilities_to_assets", period, rounded(total_liabilities / total_assets), "x", note))
    return out
