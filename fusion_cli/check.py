"""Audit a release: its tables foot, its statements tie, its bridges add up, its text matches its tables.

Each check is a `Check` with a status: ok, rounding (off by no more than the printed precision or the
user's tolerance), mismatch, or unverifiable. Pure functions over an extraction and its analysis.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from .bridges import Bridge, bridges, derived_ebitda, precision
from .display import prose
from .footing import (
    SUBTOTALS,
    Tolerance,
    combined_ratios,
    footing,
    half_units,
    printed_at,
    span_of,
    status_of,
    table_of,
    year_sums,
)
from .metrics import margins
from .model import Check, CheckKind, Extraction, Fact, Point, Source, Status
from .series import Series, build_series
from .units import is_money

_DEFINED_APART = re.compile(r"\brelated\b|\bpayroll\b|\bincluding\b|\(\d\)|\*", re.I)


def bridge_checks(found: list[Bridge], tolerance: Tolerance = Tolerance()) -> list[Check]:
    """Each bridge subtotal against its start plus its adjustments."""
    checks = []
    for bridge in found:
        lines: list[Fact] = []
        for step in bridge.steps:
            if step.difference is None:
                lines.append(step.fact)
                continue
            assert step.computed is not None  # a step with a difference has its computed value (bridges._compute)
            f = step.fact
            status = status_of(step.difference, step.computed, step.tolerance, tolerance)
            what = "sum of the adjustments above" if step.kind == "adjustments" else "start plus adjustments"
            checks.append(Check(CheckKind.BRIDGE, status, f.label or "(unlabeled total of the adjustments)", bridge.period.label, step.computed, f.value, step.difference,
                                printed_at(f), span_of(lines), what, table_of(f)))
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
        status = status_of(diff, expected, half_units([f, other]), tolerance)
        note = f"equals '{other.label}' in the {_statement_name(other.statement)}"
        if status == Status.MISMATCH and not start and _DEFINED_APART.search(f.label):
            status = Status.UNVERIFIABLE
            note = f"'{f.label}' is defined apart from '{other.label}' in the {_statement_name(other.statement)} (a qualifier or footnote)"
        return Check(CheckKind.TIE, status, f.label, f.fiscal_period, expected, found, diff, printed_at(f), printed_at(other), note,
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
    rounding = half_units(parts + [f])
    status = status_of(diff, expected, rounding, tolerance)
    note = f"equals {how}"
    if status == Status.MISMATCH and other is not None and abs(other.value) == found:
        note = f"equals '{other.label}' in the income statement, not {how.replace(' in the income statement', '')} ({prose(expected)})"
    return Check(CheckKind.TIE, status, f.label, f.fiscal_period, expected, found, diff, printed_at(f), span_of(parts), note)


def _statement_name(statement: str) -> str:
    from .metrics import SECTION_NAMES

    return SECTION_NAMES.get(statement, statement)


def explain(checks: list[Check]) -> list[Check]:
    """A bridge that does not foot is explained by a tie that does not hold when the gap is the same amount."""
    tie_gaps = [(c, c.expected - c.found) for c in checks
                if c.kind == "tie" and c.status == Status.MISMATCH and c.expected is not None and c.found is not None]
    out = []
    for c in checks:
        if c.kind == "bridge" and c.status == Status.MISMATCH and c.difference is not None:
            for tie, gap in tie_gaps:
                if tie.period == c.period and abs(gap) == abs(c.difference) and tie.source.line < c.source.line:
                    c = Check(c.kind, c.status, c.subject, c.period, c.expected, c.found, c.difference, c.source, c.other,
                              f"{c.note}; it adds back {prose(tie.found)} for '{tie.subject}', which {tie.note}; "
                              f"with {prose(tie.expected)} the bridge foots")
                    break
        out.append(c)
    return out


def confirm(checks: list[Check]) -> list[Check]:
    """A total or a bridge that adds up in none of its columns was misread, not misprinted: its mismatches become
    unverifiable. A mismatch stands when the same rows add up in another column (the reading is confirmed there),
    or when a tie accounts for the gap."""
    confirmed: set[tuple[str, str, Source, str]] = set()
    settled: set[tuple[str, str, str, Decimal | None]] = set()  # a total that one reading adds up
    for c in checks:
        if c.kind in ("footing", "bridge") and c.status in (Status.OK, Status.ROUNDING):
            confirmed.add((c.kind, c.subject, c.source, c.where))
            settled.add((c.kind, c.subject, c.period, c.found))
    gaps = {(c.period, abs(c.difference)) for c in checks if c.kind == "bridge" and c.status == Status.MISMATCH and c.difference}
    out = []
    for c in checks:
        if (c.kind == "tie" and c.status == Status.MISMATCH and c.where == "adjustment" and c.difference is not None
                and (c.period, abs(c.difference)) not in gaps):
            out.append(Check(c.kind, Status.UNVERIFIABLE, c.subject, c.period, c.expected, c.found, c.difference, c.source, c.other,
                             f"{c.note}; the reconciliation adds up with its own figure, so it defines this line apart from "
                             f"the statement (a footnote usually says how)", c.where))
            continue
        if c.kind in ("footing", "bridge") and c.status == Status.MISMATCH and (c.kind, c.subject, c.period, c.found) in settled:
            out.append(Check(c.kind, Status.UNVERIFIABLE, c.subject, c.period, c.expected, c.found, c.difference, c.source, c.other,
                             f"{c.note}; another reading of the same total adds up, so this one is a misreading", c.where))
            continue
        if (c.kind in ("footing", "bridge") and c.status == Status.MISMATCH and (c.kind, c.subject, c.source, c.where) not in confirmed
                and "foots" not in c.note):
            c = Check(c.kind, Status.UNVERIFIABLE, c.subject, c.period, c.expected, c.found, c.difference, c.source, c.other,
                      f"{c.note}; adds up in none of the table's columns as read, so the reading, not the release, is in "
                      f"doubt", c.where)
        out.append(c)
    return out


def printed_twice(ext: Extraction, footed: Sequence[Check] = ()) -> list[Check]:
    """Line items printed with two different values in two tables: the value the analysis uses is the expected one.
    A figure worked out from its table's own rounded lines carries their rounding (`rounding`); a row that prints the
    other table's figures under other periods is a misread column (`unverifiable`)."""
    from .precedence import choose, confirmed, describe, step

    out = []
    for t in choose(ext.facts)[1]:
        status, note = Status.ROUNDING if t.rounding else Status.MISMATCH, describe(t)
        if status == Status.MISMATCH:
            for rounded, exact in ((t.other, t.chosen), (t.chosen, t.other)):
                # only a figure printed coarser than the other is a rounded restatement of it
                carried = _carried(rounded, ext.facts) if precision(rounded) > precision(exact) else None
                if carried is not None and abs(t.other.value - t.chosen.value) <= carried + step(exact) / 2:
                    status, note = Status.ROUNDING, f"{note}; '{rounded.label}' adds up from its own rounded lines there"
                    break
        if status == Status.MISMATCH and _named_apart(t.chosen, t.other):
            status, note = Status.UNVERIFIABLE, f"{note}; printed under different names ('{t.other.label}', '{t.chosen.label}'), " \
                                           f"which a release may measure apart (EBIT beside operating income)"
        if status == Status.MISMATCH and _shifted(t.chosen, t.other, ext.facts):
            status, note = Status.UNVERIFIABLE, f"{note}; each table prints the other's figure in another column of the row, so " \
                                           f"one of them is read under the wrong period"
        if status == Status.MISMATCH and not confirmed(t, ext.facts):
            status, note = Status.UNVERIFIABLE, f"{note}; the two tables agree on no other period, so they may measure different " \
                                           f"things (a segment, another definition)"
        out.append(Check(CheckKind.TWICE, status, t.other.label, t.other.fiscal_period, t.chosen.value, t.other.value,
                         t.other.value - t.chosen.value, printed_at(t.other), printed_at(t.chosen), note))
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
    counts = {s: sum(1 for c in checks if c.status == s) for s in (Status.OK, Status.ROUNDING, Status.MISMATCH, Status.UNVERIFIABLE)}
    return ", ".join(f"{n} {s}" for s, n in counts.items())


def audit(ext: Extraction, tolerance: Tolerance = Tolerance(), release: Release | None = None) -> list[Check]:
    """Every check of one release, in report order: footing, bridges, ties, claims. `release` is what the pipeline
    already built for it (`Release`: its series, bridges and margins); alone, it is built here."""
    if release is None:
        release = release_view(ext)
    footed = footing(ext, tolerance)
    checks = footed + year_sums(ext, tolerance) + combined_ratios(ext, tolerance) + bridge_checks(release.bridges, tolerance) \
        + ties(ext, release.bridges, tolerance) + printed_twice(ext, footed)
    if release.series is not None:
        from .caveats import fold_name
        from .claims import claims

        # what the tables name besides the company's own lines: segments, properties, regions (rows with no
        # concept outside the primary statements), and columns' members
        segments = frozenset(fold_name(name) for f in ext.facts
                             for name in ((f.label,) if f.concept is None and f.statement in ("segment", "other", "reconciliation")
                                          else ()) + ((f.member,) if f.member else ()))
        checks += claims(release.series, ext.prose, ext.file, release.margins, ext.headings, segments)
    return confirm(explain(checks))


class Release(NamedTuple):
    """What a release's own checks need from the stages below: its series, its bridges and its margins."""

    series: Series | None
    bridges: list[Bridge]
    margins: dict


def release_view(extraction: Extraction) -> Release:
    """One release's own series, bridges and margins, for checking it against its own tables when the analysis
    joined it with other releases (a later release's restated figures are not what this one printed)."""
    built, _findings = build_series([extraction])
    if not built:
        return Release(None, [], {})
    series = built[0]
    own_bridges = bridges(series, [extraction])
    return Release(series, own_bridges, margin_values(margins(series, derived_ebitda(series)[1])))


def margin_values(points: list[Point]) -> dict:
    return {(p.concept, p.period): p.value for p in points if p.section == "margin" and not p.basis}



