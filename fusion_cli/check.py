"""Audit a release: its tables foot, its statements tie, its bridges add up, its text matches its tables.

Each check is a `Check` with a status: ok, rounding (off by no more than the printed precision or the
user's tolerance), mismatch, or unverifiable. Pure functions over an extraction and its analysis.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .bridges import Bridge, precision
from .concepts import normalize_label
from .model import Check, Extraction, Fact
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
_DEFINED_APART = re.compile(r"\brelated\b|\bpayroll\b|\bincluding\b|\(\d\)|\*", re.I)


@dataclass(frozen=True, slots=True)
class Tolerance:
    """What a difference may be and still count as rounding: absolute (in units) and relative (a fraction)."""

    absolute: Decimal = Decimal(0)
    relative: Decimal = Decimal(0)

    def allows(self, difference: Decimal, expected: Decimal, rounding: Decimal) -> bool:
        return abs(difference) <= max(rounding, self.absolute, abs(expected) * self.relative)


def status_of(difference: Decimal, expected: Decimal, rounding: Decimal, tolerance: Tolerance) -> str:
    """ok when equal, rounding when within the printed precision or the tolerance, else mismatch."""
    if difference == 0:
        return "ok"
    return "rounding" if tolerance.allows(difference, expected, rounding) else "mismatch"


def _where(f: Fact) -> str:
    return f"{f.file}:{f.line}"


def _span(facts: list[Fact]) -> str:
    lines = sorted({f.line for f in facts})
    if not lines:
        return ""
    return f"{facts[0].file}:{lines[0]}" + (f"-{lines[-1]}" if len(lines) > 1 else "")


def _half(facts: list[Fact]) -> Decimal:
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
    checks = []
    columns = _columns(ext, ("income", "balance", "cashflow", "other", "segment"))
    split = {(table, key) for table, key, n in columns if n}  # several columns read under one period
    rows: dict[tuple[int, str], set[tuple[int, str]]] = {}  # the rows each table and member has a value on, in any column
    for facts in columns.values():
        rows.setdefault((facts[0].table_line, facts[0].member), set()).update((f.line, f.label) for f in facts)
    for facts in columns.values():
        if facts[0].statement in ("other", "segment") and _SUMMARY.search(facts[0].table):
            continue  # highlights and key figures: selected lines of several statements, not one that adds up
        where = _table_of(facts[0])
        found = _foot_column(facts, tolerance) + _balance_identity(facts, tolerance)
        if facts[0].period_months is None and facts[0].statement != "balance" or (facts[0].table_line, _key(facts[0])) in split:
            found = [_doubt(c, "two columns may be read under one period (its length not known, or "
                           "several values on a row), so which is which is a guess")
                     if c.status == "mismatch" else c for c in found]
        missing = rows[(facts[0].table_line, facts[0].member)] - {(f.line, f.label) for f in facts}
        found = [_doubt(c, "a line above it has a value in another column but none in this one as read")
                 if c.status == "mismatch" and any(line < _line(c.source) for line, _label in missing) else c for c in found]
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
        quarters = {f.period_end: f for f in facts if f.period_months == 3}
        found = []
        for year in (f for f in facts if f.period_months == 12):
            end = date.fromisoformat(year.period_end)
            parts = [q for e, q in quarters.items() if 0 <= (end - date.fromisoformat(e)).days < 357]
            if len(parts) != 4 or year.period_end not in quarters:
                continue
            expected = sum((q.value for q in parts), Decimal(0))
            difference = year.value - expected
            found.append(Check("footing", status_of(difference, expected, _half(parts + [year]), tolerance), year.label,
                               year.fiscal_period, expected, year.value, difference, _where(year), _span(parts),
                               "sum of the four quarters", f"{_table_of(year)}|year"))
        if any(c.status != "mismatch" for c in found):
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
                status = status_of(f.value - expected, expected, _half(terms + [f]), tolerance)
                note = " + ".join(t.label for t in terms)
                if status == "mismatch":
                    status, note = "unverifiable", f"{note}; a dividend or other ratio not printed here may be in it"
                checks.append(Check("footing", status, f.label, f.fiscal_period, expected, f.value, f.value - expected,
                                    _where(f), _span(terms), note, _table_of(f)))
            above = []
    return checks


def _qualifier(label: str) -> str:
    m = _RATIO_QUALIFIER.search(label)
    return m.group(1).lower() if m else ""


def _doubt(c: Check, why: str) -> Check:
    return c._replace(status="unverifiable", note=f"{c.note}; {why}")


def _table_of(f: Fact) -> str:
    return f"{f.table_line}|{f.table}|{f.member}"


def _is_total(f: Fact) -> bool:
    label = normalize_label(f.label)
    return f.concept in TOTALS or label == "total" or label.startswith("total ")


def _foot_column(facts: list[Fact], tolerance: Tolerance) -> list[Check]:
    checks, items, seen = [], [], {}
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
            checks.append(Check("footing", "ok", f.label, f.fiscal_period, f.value, f.value, Decimal(0), _where(f),
                                _span(items), "sum of the lines above"))
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
        if difference == 0 or tolerance.allows(difference, expected, _half(run + [f])):
            best = (k, run, expected, difference)
            if difference == 0:
                break
    if best is None:
        group = list(itertools.takewhile(lambda i: f.group and i.group == f.group, reversed(items)))[::-1]
        if 2 <= len(group) <= MAX_COMPONENTS:
            expected = sum((i.value for i in group), Decimal(0))
            return Check("footing", "mismatch", f.label, f.fiscal_period, expected, f.value, f.value - expected, _where(f),
                         _span(group), f"sum of the {len(group)} lines under '{f.group.rstrip(':')}'"), len(group)
        if not items:
            return None, 0
        note = "no run of the lines above adds up to it and no heading names its components (a selection of lines, or a line not read)"
        return Check("footing", "unverifiable", f.label, f.fiscal_period, None, f.value, None, _where(f), _span(items), note), 0
    k, run, expected, difference = best
    status = status_of(difference, expected, _half(run + [f]), tolerance)
    return Check("footing", status, f.label, f.fiscal_period, expected, f.value, difference, _where(f), _span(run),
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
    rounding = _half(items + [f])
    for expected, how in candidates:
        if tolerance.allows(f.value - expected, expected, rounding):
            return Check("footing", status_of(f.value - expected, expected, rounding, tolerance), f.label, f.fiscal_period,
                         expected, f.value, f.value - expected, _where(f), _span(items), how)
    expected, how = min(candidates, key=lambda c: abs(f.value - c[0]))
    return Check("footing", "mismatch", f.label, f.fiscal_period, expected, f.value, f.value - expected, _where(f), _span(items), how)


def _balance_identity(facts: list[Fact], tolerance: Tolerance) -> list[Check]:
    by = {}
    for f in facts:
        by.setdefault(f.concept, f)
    assets, total = by.get("total_assets"), by.get("total_liabilities_and_equity")
    if assets is None:
        return []
    parts = [total] if total else [by[c] for c in ("total_liabilities", "total_equity") if c in by]
    if not total and len(parts) < 2:
        return []
    expected = sum((p.value for p in parts), Decimal(0))
    rounding = _half(parts + [assets])
    how = "total liabilities and equity" if total else "total liabilities + total equity"
    return [Check("footing", status_of(assets.value - expected, expected, rounding, tolerance), "Total assets = liabilities and equity",
                  assets.fiscal_period, expected, assets.value, assets.value - expected, _where(assets), _span(parts), how)]


def bridge_checks(found: list[Bridge], tolerance: Tolerance = Tolerance()) -> list[Check]:
    """Each bridge subtotal against its start plus its adjustments."""
    checks = []
    for bridge in found:
        lines: list[Fact] = []
        for step in bridge.steps:
            if step.difference is None:
                lines.append(step.fact)
                continue
            f = step.fact
            status = status_of(step.difference, step.computed, step.tolerance, tolerance)
            what = "sum of the adjustments above" if step.kind == "adjustments" else "start plus adjustments"
            checks.append(Check("bridge", status, f.label or "(unlabeled total of the adjustments)", bridge.period.label, step.computed, f.value, step.difference,
                                _where(f), _span(lines), what, _table_of(f)))
            lines = [f]
    return checks


def ties(ext: Extraction, found: list[Bridge], tolerance: Tolerance = Tolerance()) -> list[Check]:
    """Reconciliation lines against the statements: the starting line, D&A, interest, taxes, stock compensation."""
    index: dict[tuple[str, str, str], Fact] = {}
    for f in ext.facts:
        if is_money(f.unit) and f.concept and f.period_end and not f.member:
            index.setdefault((f.statement, f.concept, f"{f.period_end}/{f.period_months}"), f)
    checks = []
    for bridge in found:
        if not is_money(bridge.unit):
            continue
        for step in bridge.steps:
            if step.kind not in ("start", "adjustment"):
                continue
            check = _tie(step.fact, index, tolerance, start=step.kind == "start")
            if check:
                checks.append(check)
    return checks


def _tie(f: Fact, index, tolerance: Tolerance, start: bool) -> Check | None:
    column = f"{f.period_end}/{f.period_months}"

    def get(statement: str, concept: str) -> Fact | None:
        return index.get((statement, concept, column))

    if f.concept == "interest_expense":
        return _interest_tie(f, get, tolerance)
    if f.concept in ("depreciation_amortization", "stock_compensation", "income_tax") or (start and f.concept in SUBTOTALS):
        other = get("income", f.concept) or get("cashflow", f.concept)
        if other is None:
            return None
        found, expected = (f.value, other.value) if start else (abs(f.value), abs(other.value))
        diff = found - expected
        status = status_of(diff, expected, _half([f, other]), tolerance)
        note = f"equals '{other.label}' in the {_statement_name(other.statement)}"
        if status == "mismatch" and not start and _DEFINED_APART.search(f.label):
            status = "unverifiable"
            note = f"'{f.label}' is defined apart from '{other.label}' in the {_statement_name(other.statement)} (a qualifier or footnote)"
        return Check("tie", status, f.label, f.fiscal_period, expected, found, diff, _where(f), _where(other), note,
                     "start" if start else "adjustment")
    return None


_NET_INTEREST = re.compile(r"(?i)\bnet\b|\bincome\b|\(income\)")


def _interest_tie(f: Fact, get, tolerance: Tolerance) -> Check | None:
    expense, income, other = get("income", "interest_expense"), get("income", "interest_income"), get("income", "other_income_total")
    if expense is None:
        return None
    if income is not None and not _NET_INTEREST.search(f.label):
        income = None  # `Interest expense` alone, its interest income added back on a line of its own
    parts = [expense] + ([income] if income else [])
    expected = abs(expense.value) - (abs(income.value) if income else 0)
    how = f"'{expense.label}'" + (f" less '{income.label}'" if income else "") + " in the income statement"
    found = abs(f.value)
    diff = found - expected
    rounding = _half(parts + [f])
    status = status_of(diff, expected, rounding, tolerance)
    note = f"equals {how}"
    if status == "mismatch" and other is not None and abs(other.value) == found:
        note = f"equals '{other.label}' in the income statement, not {how.replace(' in the income statement', '')} ({expected:,})"
    return Check("tie", status, f.label, f.fiscal_period, expected, found, diff, _where(f), _span(parts), note)


def _statement_name(statement: str) -> str:
    from .metrics import SECTION_NAMES

    return SECTION_NAMES.get(statement, statement)


def explain(checks: list[Check]) -> list[Check]:
    """A bridge that does not foot is explained by a tie that does not hold when the gap is the same amount."""
    tie_gaps = [(c, c.expected - c.found) for c in checks if c.kind == "tie" and c.status == "mismatch" and c.expected is not None]
    out = []
    for c in checks:
        if c.kind == "bridge" and c.status == "mismatch" and c.difference is not None:
            for tie, gap in tie_gaps:
                if tie.period == c.period and abs(gap) == abs(c.difference) and _line(tie.source) < _line(c.source):
                    c = Check(c.kind, c.status, c.subject, c.period, c.expected, c.found, c.difference, c.source, c.other,
                              f"{c.note}; it adds back {tie.found:,} for '{tie.subject}', which {tie.note}; "
                              f"with {tie.expected:,} the bridge foots")
                    break
        out.append(c)
    return out


def confirm(checks: list[Check]) -> list[Check]:
    """A total or a bridge that adds up in none of its columns was misread, not misprinted: its mismatches become
    unverifiable. A mismatch stands when the same rows add up in another column (the reading is confirmed there),
    or when a tie accounts for the gap."""
    confirmed: set[tuple[str, str, str, str]] = set()
    settled: set[tuple[str, str, str, Decimal | None]] = set()  # a total that one reading adds up
    for c in checks:
        if c.kind in ("footing", "bridge") and c.status in ("ok", "rounding"):
            confirmed.add((c.kind, c.subject, c.source, c.where))
            settled.add((c.kind, c.subject, c.period, c.found))
    gaps = {(c.period, abs(c.difference)) for c in checks if c.kind == "bridge" and c.status == "mismatch" and c.difference}
    out = []
    for c in checks:
        if (c.kind == "tie" and c.status == "mismatch" and c.where == "adjustment" and c.difference is not None
                and (c.period, abs(c.difference)) not in gaps):
            out.append(Check(c.kind, "unverifiable", c.subject, c.period, c.expected, c.found, c.difference, c.source, c.other,
                             f"{c.note}; the reconciliation adds up with its own figure, so it defines this line apart from "
                             f"the statement (a footnote usually says how)", c.where))
            continue
        if c.kind in ("footing", "bridge") and c.status == "mismatch" and (c.kind, c.subject, c.period, c.found) in settled:
            out.append(Check(c.kind, "unverifiable", c.subject, c.period, c.expected, c.found, c.difference, c.source, c.other,
                             f"{c.note}; another reading of the same total adds up, so this one is a misreading", c.where))
            continue
        if (c.kind in ("footing", "bridge") and c.status == "mismatch" and (c.kind, c.subject, c.source, c.where) not in confirmed
                and "foots" not in c.note):
            c = Check(c.kind, "unverifiable", c.subject, c.period, c.expected, c.found, c.difference, c.source, c.other,
                      f"{c.note}; adds up in none of the table's columns as read, so the reading, not the release, is in "
                      f"doubt", c.where)
        out.append(c)
    return out


def _line(source: str) -> int:
    try:
        return int(source.rsplit(":", 1)[1].split("-")[0])
    except (IndexError, ValueError):
        return 0


def printed_twice(ext: Extraction, footed: list[Check] = ()) -> list[Check]:
    """Line items printed with two different values in two tables: the value the analysis uses is the expected one.
    A figure worked out from its table's own rounded lines carries their rounding (`rounding`); a row that prints the
    other table's figures under other periods is a misread column (`unverifiable`)."""
    from .precedence import choose, confirmed, describe, step

    out = []
    for t in choose(ext.facts)[1]:
        status, note = "rounding" if t.rounding else "mismatch", describe(t)
        if status == "mismatch":
            for rounded, exact in ((t.other, t.chosen), (t.chosen, t.other)):
                # only a figure printed coarser than the other is a rounded restatement of it
                carried = _carried(rounded, ext.facts) if precision(rounded) > precision(exact) else None
                if carried is not None and abs(t.other.value - t.chosen.value) <= carried + step(exact) / 2:
                    status, note = "rounding", f"{note}; '{rounded.label}' adds up from its own rounded lines there"
                    break
        if status == "mismatch" and _named_apart(t.chosen, t.other):
            status, note = "unverifiable", f"{note}; printed under different names ('{t.other.label}', '{t.chosen.label}'), " \
                                           f"which a release may measure apart (EBIT beside operating income)"
        if status == "mismatch" and _shifted(t.chosen, t.other, ext.facts):
            status, note = "unverifiable", f"{note}; each table prints the other's figure in another column of the row, so " \
                                           f"one of them is read under the wrong period"
        if status == "mismatch" and not confirmed(t, ext.facts):
            status, note = "unverifiable", f"{note}; the two tables agree on no other period, so they may measure different " \
                                           f"things (a segment, another definition)"
        out.append(Check("twice", status, t.other.label, t.other.fiscal_period, t.chosen.value, t.other.value,
                         t.other.value - t.chosen.value, _where(t.other), _where(t.chosen), note))
    return out


_NAME_NOISE = re.compile(r"\b(?:total|gaap|reported|as reported|consolidated|the|of|for)\b|[^a-z0-9 ]")


def _named_apart(a: Fact, b: Fact) -> bool:
    """Whether two labels of one concept are different names, not the same words (`Total revenues`, `Revenues`)."""
    from .series import label_text

    def words(f: Fact) -> str:
        return " ".join(_NAME_NOISE.sub(" ", label_text(f.label)).split())
    return words(a) != words(b)


def _row(of: Fact, facts) -> list[Fact]:
    return [f for f in facts if f.table_line == of.table_line and f.line == of.line and f.label == of.label]


def _shifted(a: Fact, b: Fact, facts) -> bool:
    """Whether each figure is printed in the other's row, under another period: one row read with its columns shifted."""
    return a.value in {f.value for f in _row(b, facts)} and b.value in {f.value for f in _row(a, facts)}


def _carried(total: Fact, facts, depth: int = 3) -> Decimal | None:
    """How far a figure worked out from rounded lines may be off its exact value: the rounding its terms carry (half a
    unit of each printed term, or what a worked-out term carries itself). None when it is not worked out: no run of two
    to six lines just above it adds up to it (their sum, or the first less the rest) in every column of its row."""
    from .precedence import step

    facts = list(facts)
    columns: dict[tuple, list[Fact]] = {}
    for f in facts:
        if f.table_line == total.table_line and f.member == total.member:
            columns.setdefault((f.period_end, f.period_months), []).append(f)
    runs = []
    for column in columns.values():
        column.sort(key=lambda f: f.line)
        at = next((i for i, f in enumerate(column) if f.line == total.line and f.label == total.label), None)
        if at is not None:
            runs.append((column[at], _open_lines(column[:at])))
    for k in range(2, 7):
        for form in ("sum", "first less the rest"):
            if runs and all(len(above) >= k and _works_out(figure.value, [f.value for f in above[-k:]], form) for figure, above in runs):
                terms = next(above[-k:] for figure, above in runs if figure is total or figure == total)
                if depth == 0:
                    return sum((step(f) / 2 for f in terms), Decimal(0))
                return sum(((c if (c := _carried(f, facts, depth - 1)) is not None else step(f) / 2) for f in terms), Decimal(0))
    return None


def _open_lines(column: list[Fact]) -> list[Fact]:
    """The lines still open above a point: a line that is the sum of the two to six open lines just above it takes
    their place (`Total other income` stands for its components)."""
    stack: list[Fact] = []
    for f in column:
        k = next((k for k in range(2, min(6, len(stack)) + 1) if sum((g.value for g in stack[-k:]), Decimal(0)) == f.value), 0)
        stack = stack[:len(stack) - k] + [f]
    return stack


def _works_out(value: Decimal, run: list[Decimal], form: str) -> bool:
    rest = sum(run[1:], Decimal(0))
    return value == (run[0] + rest if form == "sum" else run[0] - rest)


def summary(checks: list[Check]) -> str:
    """`34 ok, 3 rounding, 2 mismatch, 4 unverifiable`."""
    counts = {s: sum(1 for c in checks if c.status == s) for s in ("ok", "rounding", "mismatch", "unverifiable")}
    return ", ".join(f"{n} {s}" for s, n in counts.items())


def audit(ext: Extraction, tolerance: Tolerance = Tolerance(), release=None) -> list[Check]:
    """Every check of one release, in report order: footing, bridges, ties, claims. `release` is what the pipeline
    already built for it (`pipeline.Release`: its series, bridges and margins); alone, it is built here."""
    if release is None:
        from .pipeline import release_view

        release = release_view(ext)
    footed = footing(ext, tolerance)
    checks = footed + year_sums(ext, tolerance) + combined_ratios(ext, tolerance) + bridge_checks(release.bridges, tolerance) \
        + ties(ext, release.bridges, tolerance) + printed_twice(ext, footed)
    if release.series is not None:
        from .claims import claims

        checks += claims(release.series, ext.prose, ext.file, release.margins, ext.headings)
    return confirm(explain(checks))
