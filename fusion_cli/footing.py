"""Footing: each table's totals against their lines, by statement form (industrial, bank, insurer), years
against their quarters, and the shared terms of every check (Tolerance, status, where a figure was printed).

Each check is a `Check` with a status: ok, rounding (off by no more than the printed precision of its terms or
the user's tolerance), mismatch, or unverifiable. Pure functions over an extraction."""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .bridges import precision
from .concepts import normalize_label
from .model import Check, CheckKind, Extraction, Fact, Source, Status
from .precedence import SUMMARY as _SUMMARY
from .units import HEADCOUNT, is_money

TOTALS = frozenset({"operating_expenses", "other_income_total", "total_current_assets", "total_assets",
                    "total_current_liabilities", "total_long_term_liabilities", "total_liabilities", "total_equity",
                    "total_liabilities_and_equity"})


SUBTOTALS = ("gross_profit", "operating_income", "income_before_tax", "income_continuing_ops", "net_income", "net_income_to_common",
             # a bank's: interest income less interest expense, less the provision; revenue less expenses before it
             "net_interest_income", "net_interest_income_after_provision", "pre_provision_income")


MAX_COMPONENTS = 15  # a longer open run means the components are not known, not that the total is wrong


FIRST_MINUS_REST = frozenset({"gross_profit", "operating_income", "net_interest_income", "net_interest_income_after_provision",
                              "pre_provision_income"})


FLIPPABLE = frozenset({"income_tax", "preferred_dividends", "interest_expense"})


_SUBTRACTED = re.compile(r"\b(?:tax|taxes|provision|dividends?|noncontrolling|non-controlling|minority|expenses?)\b|"
                         r"\blosse?s?\s*\((?:earnings|income|gains?)\)", re.I)  # `Equity in losses (earnings)`: positive is a loss


@dataclass(frozen=True, slots=True)
class Tolerance:
    """What a difference may be and still count as rounding: absolute (in units) and relative (a fraction)."""

    absolute: Decimal = Decimal(0)
    relative: Decimal = Decimal(0)

    def allows(self, difference: Decimal, expected: Decimal, rounding: Decimal) -> bool:
        return abs(difference) <= max(rounding, self.absolute, abs(expected) * self.relative)


def status_of(difference: Decimal, expected: Decimal, rounding: Decimal, tolerance: Tolerance) -> Status:
    """ok when equal, rounding when within the printed precision or the tolerance, else mismatch."""
    if difference == 0:
        return Status.OK
    return Status.ROUNDING if tolerance.allows(difference, expected, rounding) else Status.MISMATCH


def printed_at(f: Fact) -> Source:
    return Source(f.file, f.line)


def span_of(facts: list[Fact]) -> Source:
    lines = sorted({f.line for f in facts})
    if not lines:
        return Source("")
    return Source(facts[0].file, lines[0], lines[-1])


def half_units(facts: list[Fact]) -> Decimal:
    return sum((precision(f) / 2 for f in facts), Decimal(0))


def _columns(ext: Extraction, statements: tuple[str, ...]) -> dict[tuple[int, str, int], list[Fact]]:
    """USD facts grouped by table, period and member (each of `GAAP | Adj. | Non-GAAP` foots on its own), in line order.
    A row with two values for one key is two columns read under one period: its n-th value goes to the n-th column."""
    columns: dict[tuple[int, str, int], list[Fact]] = {}
    seen: dict[tuple, int] = {}
    for f in ext.facts:
        if f.statement in statements and is_money(f.unit) and f.period_end:
            key = _key(f)
            row = (f.table_line, key, f.line, f.label)
            n = seen[row] = seen.get(row, -1) + 1
            columns.setdefault((f.table_line, key, n), []).append(f)
    return columns


def _key(f: Fact) -> str:
    return f"{f.period_end}/{f.period_months}/{f.member}"


def footing(ext: Extraction, tolerance: Tolerance = Tolerance()) -> list[Check]:
    """Totals against their components, subtotals against the lines above them, assets against liabilities and equity."""
    checks: list[Check] = []
    columns = _columns(ext, ("income", "balance", "cashflow", "other", "segment"))
    split = {(table, key) for table, key, n in columns if n}  # several columns read under one period
    rows: dict[tuple[int, str], set[tuple[int, str]]] = {}  # the rows each table and member has a value on, in any column
    for facts in columns.values():
        rows.setdefault((facts[0].table_line, facts[0].member), set()).update((f.line, f.label) for f in facts)
    for facts in columns.values():
        if facts[0].statement in ("other", "segment") and _SUMMARY.search(facts[0].table):
            continue  # highlights and key figures: selected lines of several statements, not one that adds up
        where = table_of(facts[0])
        found = _foot_column(facts, tolerance) + _balance_identity(facts, tolerance)
        if facts[0].period_months is None and facts[0].statement != "balance" or (facts[0].table_line, _key(facts[0])) in split:
            found = [_doubt(c, "two columns may be read under one period (its length not known, or "
                           "several values on a row), so which is which is a guess")
                     if c.status == Status.MISMATCH else c for c in found]
        missing = rows[(facts[0].table_line, facts[0].member)] - {(f.line, f.label) for f in facts}
        found = [_doubt(c, "a line above it has a value in another column but none in this one as read")
                 if c.status == Status.MISMATCH and any(line < c.source.line for line, _label in missing) else c for c in found]
        checks.extend(c._replace(where=where) for c in found)
    return checks


_NOT_ADDED = re.compile(r"(?i)\baverage\b|\bratio\b|\bmargin\b|\brate\b|\byield\b|\bper\b|\bbalance\b|\bend of\b|"
                        r"\bbeginning of\b|\boutstanding\b|\bemployees\b|" + HEADCOUNT)


def year_sums(ext: Extraction, tolerance: Tolerance = Tolerance()) -> list[Check]:
    """A year printed beside its four quarters in one row (`Q1 | Q2 | Q3 | Q4 | Total`) is their sum, for an amount of
    money that flows. Rows where no year adds up are not flows (averages, balances) and give no check; a year that does
    not add up is a mismatch only when another year of the same row does (the reading is confirmed there)."""
    rows: dict[tuple, list[Fact]] = {}
    for f in ext.facts:
        if is_money(f.unit) and f.period_end and f.period_months in (3, 12) and f.statement != "balance" \
                and not _NOT_ADDED.search(f.label):
            rows.setdefault((f.table_line, f.line, f.label, f.member, f.unit), []).append(f)
    checks = []
    for facts in rows.values():
        quarters = {f.period_end: f for f in facts if f.period_months == 3 and f.period_end is not None}
        found = []
        for year in (f for f in facts if f.period_months == 12):
            assert year.period_end is not None  # `rows` holds only facts with an end
            end = date.fromisoformat(year.period_end)
            parts = [q for e, q in quarters.items() if 0 <= (end - date.fromisoformat(e)).days < 357]
            if len(parts) != 4 or year.period_end not in quarters:
                continue
            expected = sum((q.value for q in parts), Decimal(0))
            difference = year.value - expected
            found.append(Check(CheckKind.FOOTING, status_of(difference, expected, half_units(parts + [year]), tolerance), year.label,
                               year.fiscal_period, expected, year.value, difference, printed_at(year), span_of(parts),
                               "sum of the four quarters", f"{table_of(year)}|year"))
        if any(c.status != Status.MISMATCH for c in found):
            checks.extend(found)
    return checks


_COMBINED = re.compile(r"(?i)\bcombined ratio\b")


_RATIO_KIND = re.compile(r"(?i)\b(loss|losses|lae|expense|underwriting expense|dividend|policyholder dividend)s?\b.*\bratio\b")


_RATIO_QUALIFIER = re.compile(r"(?i)\b(underlying|core|accident[- ]year|adjusted|ex[- ]?cat\w*|excluding \w+|normalized)\b")


def combined_ratios(ext: Extraction, tolerance: Tolerance = Tolerance()) -> list[Check]:
    """An insurer's combined ratio is its loss ratio plus its expense ratio (plus a dividend ratio where printed): the
    last ratio of each kind above it in its own column, with the same qualifier (`Underlying combined ratio` adds the
    underlying loss ratio) or none. Components that do not add up are `unverifiable`: a dividend or other ratio the
    release does not print may be in the combined figure."""
    columns: dict[tuple, list[Fact]] = {}
    for f in ext.facts:
        if f.unit == "%" and f.period_end:
            columns.setdefault((f.table_line, f.period_end, f.period_months, f.member), []).append(f)
    checks = []
    for facts in columns.values():
        facts.sort(key=lambda f: f.line)
        above: list[Fact] = []
        for f in facts:
            if not _COMBINED.search(f.label):
                above.append(f)
                continue
            qualifier = _qualifier(f.label)
            parts: dict[str, Fact] = {}
            for g in above:
                kind = _RATIO_KIND.search(g.label)
                if kind and _qualifier(g.label) in (qualifier, ""):
                    name = {"losses": "loss", "lae": "loss", "underwriting expense": "expense", "policyholder dividend": "dividend"}
                    key = name.get(kind.group(1).lower(), kind.group(1).lower())
                    if key not in parts or _qualifier(g.label) == qualifier:
                        parts[key] = g
            if "loss" in parts and "expense" in parts:
                terms = list(parts.values())
                expected = sum((t.value for t in terms), Decimal(0))
                status = status_of(f.value - expected, expected, half_units(terms + [f]), tolerance)
                note = " + ".join(t.label for t in terms)
                if status == Status.MISMATCH:
                    status, note = Status.UNVERIFIABLE, f"{note}; a dividend or other ratio not printed here may be in it"
                checks.append(Check(CheckKind.FOOTING, status, f.label, f.fiscal_period, expected, f.value, f.value - expected,
                                    printed_at(f), span_of(terms), note, table_of(f)))
            above = []
    return checks


def _qualifier(label: str) -> str:
    m = _RATIO_QUALIFIER.search(label)
    return m.group(1).lower() if m else ""


def _doubt(c: Check, why: str) -> Check:
    return c._replace(status=Status.UNVERIFIABLE, note=f"{c.note}; {why}")


def table_of(f: Fact) -> str:
    return f"{f.table_line}|{f.table}|{f.member}"


def _is_total(f: Fact) -> bool:
    label = normalize_label(f.label)
    return f.concept in TOTALS or label == "total" or label.startswith("total ")


def _foot_column(facts: list[Fact], tolerance: Tolerance) -> list[Check]:
    checks: list[Check] = []
    items: list[Fact] = []  # the lines since the last total or subtotal
    seen: dict[str, Decimal] = {}  # the first value of each concept in the column
    for f in facts:
        repeated = f.concept is not None and seen.get(f.concept) == f.value
        if f.concept:
            seen.setdefault(f.concept, f.value)
        if _is_total(f):
            check, used = _total(f, items, tolerance)
            if check:
                checks.append(check)
            items = items[:len(items) - used] + [f]
        elif repeated and f.concept in SUBTOTALS:
            items = [f]  # a line printed again (the block above EPS restates net loss): a new block starts here
        elif f.concept in SUBTOTALS and f.statement == "income" and len(items) >= 2:
            checks.append(_subtotal(f, items, tolerance))
            items = [f]
        elif f.concept in SUBTOTALS and f.statement == "income":
            items = [f]  # nothing between it and the line above: a summary table, not an arithmetic step
        elif len(items) >= 2 and f.value != 0 and f.value == sum((i.value for i in items), Decimal(0)):
            checks.append(Check(CheckKind.FOOTING, Status.OK, f.label, f.fiscal_period, f.value, f.value, Decimal(0), printed_at(f),
                                span_of(items), "sum of the lines above"))
            items = [f]  # an unlabelled subtotal: equal to the lines above it
        else:
            items.append(f)
    return checks


def _total(f: Fact, items: list[Fact], tolerance: Tolerance) -> tuple[Check | None, int]:
    """A total is the sum of the open lines just above it: the shortest run that adds up wins."""
    best = None
    for k in range(1, len(items) + 1):
        run = items[-k:]
        expected = sum((i.value for i in run), Decimal(0))
        difference = f.value - expected
        if difference == 0 or tolerance.allows(difference, expected, half_units(run + [f])):
            best = (k, run, expected, difference)
            if difference == 0:
                break
    if best is None:
        group = list(itertools.takewhile(lambda i: f.group and i.group == f.group, reversed(items)))[::-1]
        if 2 <= len(group) <= MAX_COMPONENTS:
            expected = sum((i.value for i in group), Decimal(0))
            return Check(CheckKind.FOOTING, Status.MISMATCH, f.label, f.fiscal_period, expected, f.value, f.value - expected, printed_at(f),
                         span_of(group), f"sum of the {len(group)} lines under '{f.group.rstrip(':')}'"), len(group)
        if not items:
            return None, 0
        note = "no run of the lines above adds up to it and no heading names its components (a selection of lines, or a line not read)"
        return Check(CheckKind.FOOTING, Status.UNVERIFIABLE, f.label, f.fiscal_period, None, f.value, None, printed_at(f), span_of(items), note), 0
    k, run, expected, difference = best
    status = status_of(difference, expected, half_units(run + [f]), tolerance)
    return Check(CheckKind.FOOTING, status, f.label, f.fiscal_period, expected, f.value, difference, printed_at(f), span_of(run),
                 f"sum of the {k} line{'s' if k > 1 else ''} above"), k


def _subtotal(f: Fact, items: list[Fact], tolerance: Tolerance) -> Check:
    """A subtotal (gross profit, operating income, net income...) against the lines since the previous one."""
    candidates = []
    if f.concept in FIRST_MINUS_REST and len(items) > 1:
        candidates.append((items[0].value - sum((i.value for i in items[1:]), Decimal(0)), "first line less the lines below it"))
    plain = sum((i.value for i in items), Decimal(0))
    candidates.append((plain, "sum of the lines above"))
    flippable = [i for i in items[1:] if i.concept in FLIPPABLE or _SUBTRACTED.search(i.label)][:4]
    for n in range(1, len(flippable) + 1):
        for combo in itertools.combinations(flippable, n):
            value = plain - 2 * sum((i.value for i in combo), Decimal(0))
            candidates.append((value, "sum of the lines above, " + ", ".join(i.label for i in combo) + " subtracted"))
    rounding = half_units(items + [f])
    for expected, how in candidates:
        if tolerance.allows(f.value - expected, expected, rounding):
            return Check(CheckKind.FOOTING, status_of(f.value - expected, expected, rounding, tolerance), f.label, f.fiscal_period,
                         expected, f.value, f.value - expected, printed_at(f), span_of(items), how)
    expected, how = min(candidates, key=lambda c: abs(f.value - c[0]))
    return Check(CheckKind.FOOTING, Status.MISMATCH, f.label, f.fiscal_period, expected, f.value, f.value - expected, printed_at(f), span_of(items), how)


def _balance_identity(facts: list[Fact], tolerance: Tolerance) -> list[Check]:
    by: dict[str | None, Fact] = {}  # the first fact of each concept
    for f in facts:
        by.setdefault(f.concept, f)
    assets, total = by.get("total_assets"), by.get("total_liabilities_and_equity")
    if assets is None:
        return []
    parts = [total] if total else [by[c] for c in ("total_liabilities", "total_equity") if c in by]
    if not total and len(parts) < 2:
        return []
    expected = sum((p.value for p in parts), Decimal(0))
    rounding = half_units(parts + [assets])
    how = "total liabilities and equity" if total else "total liabilities + total equity"
    return [Check(CheckKind.FOOTING, status_of(assets.value - expected, expected, rounding, tolerance), "Total assets = liabilities and equity",
                  assets.fiscal_period, expected, assets.value, assets.value - expected, printed_at(assets), span_of(parts), how)]
