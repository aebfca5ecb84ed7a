"""One value per line item and period: which of a release's tables speaks for a line item, and where two disagree.

A release prints its net income in the highlights, the income statement, the cash-flow statement and a
reconciliation. The statement that owns a line item is the source of it: the income statement for GAAP
lines, the reconciliation for a non-GAAP subtotal, before any highlights or summary table. Two different
values printed for one line item and period in different tables are never a silent pick: `choose` keeps
the owner's and returns the pair, which `check` reports and `analyze` warns of. Both call this module, so
they make the same choice.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from .amounts import SCALES
from .display import prose
from .model import Fact
from .model import where as line_where
from .statements import names_statement
from .units import is_money, is_per_share

# The line items a release summarizes and restates in several tables; components (a cost line, stock-based
# compensation, taxes) are printed again in breakdowns that mean something else (`Cost of revenue` in a table of
# stock-based compensation by line) and are not compared.
HEADLINE = frozenset(("revenue", "gross_profit", "operating_income", "income_before_tax", "income_continuing_ops", "net_income",
                      "net_income_to_common", "eps_basic", "eps_diluted", "eps_continuing_ops", "eps_continuing_ops_basic", "adjusted_eps",
                      "adjusted_net_income", "adjusted_operating_income", "adjusted_ebitda", "ebitda", "operating_cash_flow",
                      "total_assets", "total_liabilities", "total_equity", "total_liabilities_and_equity",
                      # a bank's and an insurer's headline lines
                      "net_interest_income", "net_interest_income_after_provision", "pre_provision_income", "noninterest_income",
                      "noninterest_expense", "net_investment_income", "premiums_earned"))
_BALANCES = frozenset(("total_assets", "total_liabilities", "total_equity", "total_liabilities_and_equity"))
NON_GAAP = frozenset(("adjusted_ebitda", "adjusted_eps", "adjusted_net_income", "adjusted_operating_income", "ebitda"))
SUMMARY = re.compile(r"(?i)highlights?|summary|at a glance|key (?:financial |operating )?(?:metrics|figures|data)|selected|overview")
_FAMILY = {"income": "flow", "reconciliation": "flow", "segment": "flow", "other": "flow", "balance": "balance",
           "cashflow": "cashflow"}


class Twice(NamedTuple):
    """One line item and period printed with two different values in two tables of a release."""

    chosen: Fact  # the value the analysis uses: from the table that owns the line item
    other: Fact  # the value printed elsewhere
    rounding: bool  # the two agree at the coarser of their printed precisions


def rank(fact: Fact) -> int:
    """0 for the table that owns the line item (a titled statement for GAAP lines, a reconciliation for non-GAAP
    subtotals), 1 for other statement tables, 2 for highlights, summaries and untitled tables."""
    title = fact.table
    summary = bool(SUMMARY.search(title)) or not title
    if fact.concept in NON_GAAP:
        return 0 if fact.statement == "reconciliation" and not summary else 2 if summary else 1
    if fact.statement in ("income", "balance", "cashflow") and names_statement(title) and not summary:
        return 0
    return 2 if summary else 1


def choose(facts: Iterable[Fact]) -> tuple[list[Fact], list[Twice]]:
    """The facts the analysis uses, in their order, and the line items printed twice with different values.

    A line item is a concept in a period (and unit), within the flows, the balance sheet or the cash flows; only
    values in different tables compete (one table's repeated lines are its own business)."""
    facts = list(facts)
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, f in enumerate(facts):
        if f.concept and not f.member and f.period_end and (is_money(f.unit) or is_per_share(f.unit)) \
                and (f.concept not in _BALANCES or f.period_months == 0):  # an average balance is not the balance
            groups[(_FAMILY.get(f.statement, f.statement), f.concept, f.period_end, f.period_months, f.unit)].append(i)
    dropped: set[int] = set()
    twice: list[Twice] = []
    for members in groups.values():
        if len({facts[i].table_line for i in members}) < 2:
            continue
        ordered = sorted(members, key=lambda i: (rank(facts[i]), step(facts[i]), i))  # then the most precise
        chosen = facts[ordered[0]]
        reported: set[Decimal] = set()
        for i in ordered[1:]:
            other = facts[i]
            if other.table_line == chosen.table_line or abs(other.value) == abs(chosen.value):
                continue  # one table's own repeats, or the same amount with the sign the table's layout gives it
            if chosen.concept not in HEADLINE and not _agree(chosen, other):
                continue  # `Cost of revenue` in a table of stock-based compensation by line: another thing
            dropped.add(i)
            if other.value not in reported:
                reported.add(other.value)
                twice.append(Twice(chosen, other, _agree(chosen, other)))
    return [f for i, f in enumerate(facts) if i not in dropped], twice


def confirmed(t: Twice, facts: Iterable[Fact]) -> bool:
    """Whether the two tables speak of the same line: they print it for another period too, and agree there. Tables that
    agree on no other period may measure different things (a segment's table, another definition)."""
    def row(of: Fact) -> dict[tuple, Fact]:  # the same printed row in its table's other columns
        return {(f.period_end, f.period_months): f for f in facts if f.table_line == of.table_line and f.line == of.line
                and f.label == of.label and f.unit == of.unit and not f.member}

    facts = list(facts)
    mine, theirs = row(t.chosen), row(t.other)
    here = (t.chosen.period_end, t.chosen.period_months)
    return any(key != here and key in theirs and (a.value == theirs[key].value or _agree(a, theirs[key]))
               for key, a in mine.items())


def step(fact: Fact) -> Decimal:
    """One unit of the last significant printed digit, in the fact's value: decimals printed are significant (`172.0`
    is to the 0.1), trailing zeros of a whole number are a rounded figure's (`$172,000` thousand is to the million)."""
    digits = "".join(ch for ch in fact.as_printed if ch.isdigit() or ch == ".")
    whole, _dot, fraction = digits.partition(".")
    places = -len(fraction) if fraction else len(whole) - len(whole.rstrip("0")) if whole.strip("0") else 0
    return Decimal(1).scaleb(places) * Decimal(SCALES.get(fact.scale, 1))


def _agree(a: Fact, b: Fact) -> bool:
    return abs(a.value - b.value) <= max(step(a), step(b)) / 2


def describe(t: Twice) -> str:
    """`printed twice: 597,000,000 in 'Highlights' (line 126), 632,000,000 in 'Statement of Income' (line 210); ...`."""
    def where(f: Fact) -> str:
        return f"'{f.table or 'an untitled table'}' (line {line_where(f.line)})"

    how = "equal at the coarser printed precision" if t.rounding else "different values"
    return (f"printed twice: {prose(t.other.value)} in {where(t.other)}, {prose(t.chosen.value)} in {where(t.chosen)} ({how}); "
            f"the analysis uses the {where(t.chosen).split(' (')[0]} figure, from the table that owns the line")
