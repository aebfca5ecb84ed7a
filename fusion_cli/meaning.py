"""What a table's figures mean once read: the unit each is counted in (money, per share, a count of people or
stores), the sign a loss is printed with, rows counted in their total's unit, point-in-time rows in flow tables,
per-share blocks, and totals that close a block of unlabeled rows. Pure functions over facts and rows."""
from __future__ import annotations

import itertools
import re
from datetime import date
from decimal import Decimal

from .amounts import SCALES, detect_scale, parse_amount
from .calendar_rules import fiscal_label, opening_date
from .concepts import map_concept
from .model import Amount, Fact, Finding, Period, Row, Table, at
from .tables import RawTable
from .units import (
    HEADCOUNT,
    POPULATIONS,
    currency_of,
    is_money,
    is_per_share,
    money,
    row_measure,
)


def block_totals(facts: list[Fact]) -> list[Fact]:
    """A row with no label (or only its heading's words) that closes the rows under a heading and adds them up
    in every column is the heading's total: `Operating expenses:`, two lines, then `| | 450 |`."""
    rows = [list(g) for _k, g in itertools.groupby(facts, key=lambda f: f.line)]
    out: list[Fact] = []
    for i, row in enumerate(rows):
        head = row[0]
        heading = head.group.strip().rstrip(":")
        if head.concept is None and heading and head.label.strip().rstrip(":").lower() in ("", heading.lower(), "total"):
            parts = _rows_above(rows, i, head.group)
            if len(parts) >= 2 and _adds_up(row, parts):
                concept = next((c for words in (heading, f"Total {heading}") if (c := map_concept(words, "", head.statement,
                                parse_amount(head.as_printed) or Amount(head.value, head.as_printed)))), None)
                row = [f._replace(concept=concept) for f in row] if concept else row
        out.extend(row)
    return out


def counted_parts(facts: list[Fact]) -> list[Fact]:
    """Rows under a total counted in a unit that is not money (`Copper production (tonnes)`, then one row per mine)
    are counted in it too, when they add up to it in every column; rows that do not are left as they are."""
    rows = [list(g) for _k, g in itertools.groupby(facts, key=lambda f: f.line)]
    out: list[Fact] = []
    i = 0
    while i < len(rows):
        out.extend(rows[i])
        head = rows[i][0]
        if is_money(head.unit) or head.unit in _NOT_COUNTED:
            i += 1
            continue
        parts = list(itertools.takewhile(lambda r: r[0].concept is None and is_money(r[0].unit) and "$" not in r[0].as_printed,
                                         rows[i + 1:i + 41]))
        for k in range(len(parts), 1, -1):
            if _adds_up(rows[i], parts[:k]):
                factor = Decimal(SCALES[head.scale])
                for part in parts[:k]:
                    out.extend(f._replace(unit=head.unit, value=f.value / Decimal(SCALES[f.scale]) * factor, scale=head.scale)
                               for f in part)
                i += k
                break
        i += 1
    return out


_NOT_COUNTED = frozenset(("%", "pp", "x", "shares", "count", "bps", "days"))


def _rows_above(rows: list[list[Fact]], i: int, group: str) -> list[list[Fact]]:
    """The labelled rows right above row `i` under the same heading, nearest first."""
    return list(itertools.takewhile(lambda r: r[0].group == group and r[0].label.strip(), reversed(rows[:i])))


def _adds_up(total: list[Fact], parts: list[list[Fact]]) -> bool:
    sums: dict[tuple, Decimal] = {}
    for part in parts:
        for f in part:
            key = (f.period_end, f.period_months, f.member)
            sums[key] = sums.get(key, Decimal(0)) + f.value / Decimal(SCALES[f.scale])
    columns = {(f.period_end, f.period_months, f.member): f.value / Decimal(SCALES[f.scale]) for f in total}
    return bool(columns) and all(sums.get(key, Decimal(0)) == value for key, value in columns.items()) and set(sums) <= set(columns)


# Results that are a profit or a loss: a row naming only the loss holds the loss as a negative amount.
RESULTS = frozenset(("net_income", "net_income_to_common", "operating_income", "income_before_tax", "income_continuing_ops",
                     "income_discontinued_ops", "gross_profit", "ebitda", "adjusted_ebitda", "adjusted_net_income",
                     "eps_basic", "eps_diluted", "eps_continuing_ops", "eps_continuing_ops_basic", "adjusted_eps"))


_LOSS = re.compile(r"(?i)\bloss(?:es)?\b|\bdeficit\b")


_GAIN = re.compile(r"(?i)\b(?:income|earnings|profit|gains?|surplus)\b")


_TAX_WORDS = re.compile(r"(?i)\bincome tax(?:es)?\b|\btax(?:es)? on income\b")


def loss_sign(row: Row, name: str, findings: list[Finding] | None) -> int:
    """-1 for a row that names only a loss (`Net loss`, `Loss before income taxes`) and prints every value without
    a sign: its values are losses. A loss row printing both signs is kept as printed, and reported."""
    if not _LOSS.search(row.label) or _GAIN.search(_TAX_WORDS.sub(" ", row.label)):
        return 1
    signs = {amount.value > 0 for _j, amount, _line in row.values if amount.value}
    if signs == {True}:
        return -1
    if len(signs) == 2 and findings is not None:
        findings.append(Finding("warning", at(name, row.line), f"row '{row.label[:60]}' names a loss but prints values of "
                                                                f"both signs; they are kept as printed"))
    return 1


def measured(concept: str | None, unit: str, label: str, table: Table, scale: Decimal, shares_scale: Decimal,
              currency: str) -> tuple[str | None, str, Decimal, str]:
    """A value's concept, unit and scale factor: money in the currency its row or table names, counted rows
    (stores, kWh, headcount) in their own unit and never money, and a row's own scale note for that row only."""
    if unit in ("USD", "count"):
        measure = row_measure(label) if concept is None or unit == "count" else ""
        if not measure and not is_money(table.unit) and unit == "USD" and not currency_of(label):
            measure = table.unit  # a row of a `(millions of kWh)` table
        if measure:
            concept, unit = None, measure
    if unit.startswith("USD"):
        unit = money(unit, currency_of(label) or (table.unit if is_money(table.unit) else currency))
    own = detect_scale(label) if unit != "%" and not unit.endswith("/share") else None
    if own is not None:
        return concept, unit, Decimal(SCALES[own.scale]), own.scale
    # customers and subscribers are printed in the table's thousands or millions (`Active customers | 21` under
    # `in millions, except ...`); stores, staff and tonnes are counted as printed unless their own row says otherwise
    scaled_too = is_money(unit) or unit == table.unit or unit in POPULATIONS
    factor = scale if scaled_too else shares_scale if unit == "shares" else ONE
    return concept, unit, factor, table.scale if factor != 1 else "units"


def member_concept(member: str, label: str, section: str, statement: str, amount) -> str | None:
    """A line item's concept in a member column: `NET INCOME` under `Non-GAAP` is adjusted net income, and
    under `Adj.` the adjustment itself, no line item."""
    if member and _ADJUSTMENT.fullmatch(member.strip()):
        return None
    if member and ADJUSTED.search(member) and not ADJUSTED.search(label):
        return map_concept(f"Adjusted {label}", section, statement, amount)
    return map_concept(label, section, statement, amount)


_OPENING = re.compile(r"(?i)\bbeginning of (?:the )?(?:period|year|quarter|fiscal year|month)s?\b|\bbeginning balances?\b|\bopening balances?\b")


_CLOSING = re.compile(r"(?i)\bend of (?:the )?(?:period|year|quarter|fiscal year|month)s?\b|\bperiod[- ]end\b|\bending balances?\b"
                      r"|\bclosing balances?\b|" + HEADCOUNT + r"|\bnumber of (?:employees|stores|branches|locations)\b")


def moment_of(label: str, section: str) -> str | None:
    """`opening` or `closing` for a row that is a balance at one end of its column's period."""
    if _OPENING.search(label):
        return "opening"
    if _CLOSING.search(label) or _CLOSING.search(section):
        return "closing"
    return None


def at_moment(period: Period, moment: str, fy_end: int, anchors: frozenset[date], findings: list[Finding] | None,
               where: str, label: str, offset: int = 0) -> Period:
    end = period.end
    assert end is not None and period.months
    if moment == "opening":
        end, printed = opening_date(end, period.months, anchors)
        if not printed and findings is not None:
            findings.append(Finding("warning", where, f"row '{label[:60]}' is a balance at the start of the period; the "
                                                      f"release prints no date for it, so {end} is inferred"))
    return period._replace(end=end, months=0, fiscal=fiscal_label(end, 0, fy_end, offset), header=f"{moment} {period.header}")


_STOCK = re.compile(r"(?i)\b(?:assets?|liabilit(?:y|ies)|equity|book value|deposits?|loans?|borrowings?|debt|capital|"
                    r"outstanding|ratios?|goodwill|intangibles?|allowance|reserves?|employees|leverage)\b|" + HEADCOUNT)


_FLOW = re.compile(r"(?i)\b(?:revenues?|sales|income|expenses?|earnings|profit|costs?|provided|used|margin|charge-?offs?|"
                   r"recoveries|provision|dividends?|purchases?|proceeds|payments?|average|annualized|return|yield)\b")


def holds_balances(statement: str, labels: list[str]) -> bool:
    """A table of balances at dates (loans, deposits, capital ratios, tangible equity), not of flows over periods."""
    if statement == "balance":
        return True
    if statement in ("income", "cashflow", "segment"):
        return False
    stocks = sum(1 for label in labels if _STOCK.search(label) and not _FLOW.search(label))
    flows = sum(1 for label in labels if _FLOW.search(label))
    return stocks > flows


def all_stocks(raw: RawTable) -> bool:
    labels = [r.label for r in raw.rows if r.label]
    return len(labels) >= 3 and all(_STOCK.search(label) and not _FLOW.search(label) for label in labels)


RATIO = re.compile(r"(?i)\b(?:ratio|yield|rate|margin)s?\b|%")  # a member column of ratios is never scaled


ONE = Decimal(1)


MAX_SHARES = Decimal(50_000_000_000)  # more shares than any company has issued: the scale note is not the row's


_EPS = ("eps_basic", "eps_diluted", "eps_continuing_ops", "eps_continuing_ops_basic")


_CENTS = re.compile(r"\d\.\d\d")


def per_share_blocks(facts: list[Fact]) -> list[Fact]:
    """Lines between an EPS line and the adjusted EPS it reconciles to are per-share amounts, whatever their label."""
    inside: dict[tuple[str | None, int | None], bool] = {}
    out = []
    for fact in facts:
        column = (fact.period_end, fact.period_months)
        if is_per_share(fact.unit) and fact.concept in _EPS:
            inside[column] = True
        elif fact.concept == "adjusted_eps":
            inside[column] = False
        elif inside.get(column) and is_money(fact.unit):
            printed = fact.value / Decimal(SCALES[fact.scale])
            if printed == 0 or (_CENTS.search(fact.as_printed) and abs(printed) < 100):
                fact = fact._replace(value=printed, scale="units", unit=f"{fact.unit}/share")
            else:
                inside[column] = False
        out.append(fact)
    return out


def shares_scale_of(note: str, scale: str) -> str:
    found = detect_scale(note) if note else None
    return found.shares_scale if found else scale


ADJUSTED = re.compile(r"(?i)(?<!retrospectively )adjusted|non-?gaap")


_ADJUSTMENT = re.compile(r"(?i)adj\.?|adjustments?|reconciling items?")
