"""Analysis -> grids: the tables a reader sees (summary, statements, changes, margins, bridge).

A grid is plain data (title, column heads, labelled rows of cells); render.py draws it with rich and
export.py writes it as markdown, so both show the same numbers.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from .amounts import SCALES
from .analysis import Analysis
from .display import figure
from .model import ItemKey, Point
from .series import Series
from .series import merge_orders as _merge_orders
from .units import is_money

SECTION_TITLES = {"income": "income statement", "balance": "balance sheet", "cashflow": "cash flow", "reconciliation": "non-GAAP reconciliation"}
SUMMARY_FLOWS = ("revenue", "gross_profit", "operating_income", "net_income", "eps_diluted", "eps_basic", "ebitda", "adjusted_ebitda")
SUMMARY_MARGINS = ("gross_margin", "operating_margin", "net_margin", "ebitda_margin", "adjusted_ebitda_margin")
SUMMARY_BALANCE = ("cash", "total_current_assets", "total_current_liabilities", "total_assets", "total_liabilities", "total_equity")
LEGEND = "* derived   † restated (JSON lists the earlier value)   ‡ printed before a stock split   ! total that does not foot   n/m not meaningful   ≈ rounding   ✗ does not foot"
VERDICT_MARK = {"ok": "ok", "rounding": "≈", "does not foot": "✗"}


@dataclass(frozen=True, slots=True)
class Cell:
    """A formatted value: its text, a style name (neg, pos, derived, restated, warn) and its source."""

    text: str
    style: str = ""
    source: str = ""
    value: Decimal | None = None  # the number shown, for a row's trend (None for a mark such as `ok`)


@dataclass
class Grid:
    """A titled table: column heads, then rows of (label, cells, row style)."""

    title: str
    columns: list[str]
    rows: list[tuple[str, list[Cell], str]] = field(default_factory=list)
    caption: str = ""
    trends: list[str] = field(default_factory=list)  # a sparkline per row across all its periods (the summary's)


class Formatter:
    """Numbers as a reader wants them: scaled for display, thousands separators, negatives in parentheses."""

    def __init__(self, scale: str, currency: str = "USD") -> None:
        self.scale = scale
        self.currency = currency
        self.factor = Decimal(SCALES.get(scale, 1))

    def value(self, value: Decimal | None, unit: str, signed: bool = False) -> str:
        """The one formatter (display.figure), in this grid's scale; `n/m` where there is no value."""
        return figure(value, unit, self.factor if is_money(unit) else Decimal(1), signed, missing="n/m")

    def cell(self, p: Point) -> Cell:
        mark = "*" if p.basis == "derived" or (p.source == "derived" and p.section not in ("margin", "change", "bridge")) else "†" if p.basis == "restated" else "‡" if p.basis == "pre-split" else ""
        style = "derived" if mark == "*" else "restated" if mark else ""
        if "does not foot" in p.note and p.section in ("income", "balance", "cashflow"):
            mark, style = mark + "!", "warn"
        return Cell(self.value(p.value, p.unit) + mark, style, p.source, p.value)

    @property
    def note(self) -> str:
        return "" if self.scale == "units" else f"{self.currency} in {self.scale}"


def build(analysis: Analysis, view: str, scale: str = "auto") -> list[Grid]:
    """The grids of a view for every company."""
    grids: list[Grid] = []
    for series in analysis.series:
        points = [p for p in analysis.points if p.company == series.company]
        fmt = Formatter(series.scale if scale == "auto" else scale, series.currency)
        makers = {
            "summary": (_summary,), "statements": (_statements,), "changes": (_changes,),
            "margins": (_margins,), "bridge": (_bridges,), "all": (_statements, _changes, _margins, _bridges),
        }[view]
        for make in makers:
            grids.extend(make(series, points, fmt))
    return grids


def _columns(series: Series, points: list[Point], balance: bool) -> list[tuple[str, str]]:
    """(period label, column head) of the periods the points use: flows by fiscal label, balance sheets by date."""
    used = {p.period for p in points if (p.period_months == 0) == balance}
    return [(sp.label, sp.end.isoformat() if balance else sp.label) for sp in series.periods
            if sp.label in used and (sp.months == 0) == balance]


def _title(series: Series, what: str, fmt: Formatter) -> str:
    return f"{series.company} — {what}" + (f" ({fmt.note})" if fmt.note else "")


def _summary(series: Series, points: list[Point], fmt: Formatter) -> list[Grid]:
    grids = []
    flows = [p for p in points if p.period_months]
    cols = _columns(series, flows, balance=False)
    index = _index(points)
    grid = Grid(_title(series, "summary", fmt), ["", *[head for _l, head in cols]], caption=LEGEND)
    used = set()
    for concept in SUMMARY_FLOWS:
        if concept == "eps_basic" and "eps_diluted" in used:
            continue
        for section in ("income", "reconciliation", "bridge"):
            row = _concept_row(index, section, concept, cols, fmt, "computed" if section == "bridge" else None)
            if row:
                grid.rows.append(row)
                used.add(concept)
                if concept == "revenue":
                    grid.rows.append(_change_row(index, "Revenue YoY", concept, "yoy", cols, fmt))
                break
    for concept in SUMMARY_MARGINS:
        row = _concept_row(index, "margin", concept, cols, fmt, "")
        if row:
            grid.rows.append((row[0], row[1], "dim"))
    grid.rows.extend(_bridge_check_rows(points, cols, fmt))
    grid.trends = [sparkline([c.value for c in cells]) for _label, cells, _style in grid.rows]
    if grid.rows:
        grids.append(grid)
    cols = _columns(series, [p for p in points if p.period_months == 0], balance=True)
    grid = Grid(_title(series, "balance sheet", fmt), ["", *[head for _l, head in cols]])
    for concept in SUMMARY_BALANCE:
        row = _concept_row(index, "balance", concept, cols, fmt, None)
        if row:
            grid.rows.append(row)
    for concept in ("working_capital", "current_ratio"):
        row = _concept_row(index, "margin", concept, cols, fmt, "")
        if row:
            grid.rows.append((row[0], row[1], "dim"))
    if grid.rows:
        grids.append(grid)
    return [_without_empty_columns(g) for g in grids]


def _without_empty_columns(grid: Grid) -> Grid:
    """A summary has no column in which no line has a value (a period only a bridge or a change mentions)."""
    keep = [j for j in range(len(grid.columns) - 1) if any(j < len(cells) and cells[j].text for _l, cells, _s in grid.rows)]
    if len(keep) == len(grid.columns) - 1:
        return grid
    return Grid(grid.title, [grid.columns[0], *(grid.columns[j + 1] for j in keep)],
                [(label, [cells[j] for j in keep if j < len(cells)], style) for label, cells, style in grid.rows], grid.caption,
                grid.trends)


def latest(grid: Grid, n: int) -> Grid:
    """The grid's last n period columns, its caption saying how many were left out and how to see them all."""
    shown = len(grid.columns) - 1
    if shown <= n:
        return grid
    note = f"the latest {n} of {shown} periods; a wider terminal, --format csv or --view statements shows them all"
    return Grid(grid.title, [grid.columns[0], *grid.columns[-n:]], [(label, cells[-n:], style) for label, cells, style in grid.rows],
                f"{grid.caption}\n{note}" if grid.caption else note, grid.trends)  # the trend keeps every period


def _index(points: list[Point]) -> dict[tuple[str, str | None, str, str], Point]:
    index: dict[tuple[str, str | None, str, str], Point] = {}
    for p in points:
        if p.section == "change" and p.unit != "%":
            continue
        index.setdefault((p.section, p.concept, p.period, p.basis), p)
    return index


def _concept_row(index, section: str, concept: str, cols, fmt: Formatter, basis: str | None):
    cells, label = [], None
    for period, _head in cols:
        p = None
        for b in ([basis] if basis is not None else ["", "restated", "derived"]):
            p = index.get((section, concept, period, b))
            if p:
                break
        if p and label is None:
            label = p.item + (" (derived)" if section == "bridge" else "")
        cell = fmt.cell(p) if p else Cell("")
        if p and section == "bridge" and p.source == "derived":
            cell = Cell(cell.text + "*", "derived", p.note, p.value)
        cells.append(cell)
    return (label, cells, "") if label else None


def _change_row(index, label: str, concept: str, basis: str, cols, fmt: Formatter):
    cells = []
    for period, _head in cols:
        p = index.get(("change", concept, period, basis))
        cells.append(Cell(fmt.value(p.value, "%", signed=True), _tone(p.value, concept, p.note), value=p.value) if p else Cell(""))
    return (label, cells, "dim")


# Line items for which a rise is worse: costs, expenses, taxes, provisions, debt, and a loss that widened.
WORSE_WHEN_UP = frozenset(("cost_of_revenue", "sga", "general_administrative", "research_development", "marketing",
                           "operating_expenses", "interest_expense", "income_tax", "impairment", "depreciation_amortization",
                           "provision_credit_losses", "losses_lae", "noninterest_expense", "stock_compensation",
                           "long_term_debt", "total_liabilities", "total_current_liabilities", "accounts_payable", "capex",
                           "sga_ratio", "ga_ratio", "cost_of_revenue_ratio", "liabilities_to_assets"))


def _tone(value: Decimal | None, concept: str | None = None, note: str = "") -> str:
    """Green for better and red for worse for the line item (revenue up, costs down, a loss narrowed); none for no
    change. A terminal without colour (NO_COLOR) shows neither."""
    if value is None or value == 0:
        return ""
    if "narrowed" in note or "widened" in note:
        return "pos" if "narrowed" in note else "neg"
    better = value < 0 if concept in WORSE_WHEN_UP else value > 0
    return "pos" if better else "neg"


def _bridge_check_rows(points: list[Point], cols, fmt: Formatter):
    checks: dict[str, dict[str, Point]] = defaultdict(dict)
    for p in points:
        if p.section == "bridge" and p.basis == "difference" and not p.item.lower().startswith("total"):
            checks[p.item].setdefault(p.period, p)
    rows = []
    for item, by_period in checks.items():
        cells = []
        for period, _head in cols:
            point = by_period.get(period)
            if point is None:
                cells.append(Cell(""))
            else:
                cells.append(Cell(f"{fmt.value(point.value, point.unit)} {VERDICT_MARK.get(point.note, point.note)}" if point.value else "ok",
                                  "warn" if point.note == "does not foot" else ""))
        rows.append((f"{item} check", cells, "dim"))
    return rows


def _statements(series: Series, points: list[Point], fmt: Formatter) -> list[Grid]:
    grids = []
    for section in ("income", "balance", "cashflow", "reconciliation"):
        rows = [p for p in points if p.section == section]
        if not rows:
            continue
        cols = _columns(series, rows, balance=section == "balance")
        by_item: dict[object, dict[str, Point]] = defaultdict(dict)
        order: list[tuple[object, str]] = []
        for p in rows:
            if p.key not in by_item:
                order.append((p.key, p.item))
            by_item[p.key][p.period] = p
        grid = Grid(_title(series, SECTION_TITLES[section], fmt), ["", *[h for _l, h in cols]], caption=LEGEND)
        for key, label in order:
            cells = [fmt.cell(by_item[key][period]) if period in by_item[key] else Cell("") for period, _h in cols]
            grid.rows.append((label, cells, "bold" if label.lower().startswith("total") else ""))
        grids.append(grid)
    return grids


def _changes(series: Series, points: list[Point], fmt: Formatter) -> list[Grid]:
    grids = []
    changes = [p for p in points if p.section == "change"]
    sections: dict[object, str] = {p.key: p.key.section for p in changes if isinstance(p.key, ItemKey)}
    for section in ("income", "balance", "cashflow", "reconciliation"):
        for basis, name in (("yoy", "year over year"), ("qoq", "quarter over quarter")):
            rows = [p for p in changes if sections.get(p.key) == section and p.basis == basis]
            if not rows:
                continue
            cols = _columns(series, rows, balance=section == "balance")
            pairs: dict[object, dict[str, list[Point]]] = defaultdict(lambda: defaultdict(list))
            labels: dict[object, str] = {}
            for p in rows:
                pairs[p.key][p.period].append(p)
                labels.setdefault(p.key, p.item)
            grid = Grid(_title(series, f"{SECTION_TITLES[section]}, change {name}", fmt), ["", *[h for _l, h in cols]])
            for key, label in labels.items():
                grid.rows.append((label, [_change_cell(pairs[key].get(period, []), fmt) for period, _h in cols], ""))
            grids.append(grid)
    return grids


def _change_cell(points: list[Point], fmt: Formatter) -> Cell:
    if not points:
        return Cell("")
    absolute = next((p for p in points if p.unit != "%" or len(points) == 1), points[0])
    percent = next((p for p in points if p.unit == "%" and p is not absolute), None)
    text = fmt.value(absolute.value, absolute.unit, signed=True)
    if percent is not None:
        text += f" ({fmt.value(percent.value, '%', signed=True) if percent.value is not None else 'n/m'})"
    if absolute.note in ("narrowed", "widened"):
        text += f" {absolute.note}"
    return Cell(text, _tone(absolute.value, absolute.concept, absolute.note))


def _margins(series: Series, points: list[Point], fmt: Formatter) -> list[Grid]:
    grids = []
    rows = [p for p in points if p.section == "margin"]
    for balance, what in ((False, "margins (% of revenue)"), (True, "balance-sheet ratios")):
        subset = [p for p in rows if (p.period_months == 0) == balance]
        if not subset:
            continue
        cols = _columns(series, subset, balance)
        levels: dict[str, dict[str, Point]] = defaultdict(dict)
        moves: dict[tuple[str, str], dict[str, Point]] = defaultdict(dict)
        for p in subset:
            (levels[p.item] if not p.basis else moves[(p.item, p.basis)])[p.period] = p
        grid = Grid(_title(series, what, fmt), ["", *[h for _l, h in cols]])
        for item, by_period in levels.items():
            grid.rows.append((item, [fmt.cell(by_period[c]) if c in by_period else Cell("") for c, _h in cols], ""))
            for basis in ("yoy", "qoq"):
                move = moves.get((item, basis))
                if move:
                    cells = [Cell(fmt.value(move[c].value, move[c].unit, signed=True), _tone(move[c].value, move[c].concept)) if c in move else Cell("") for c, _h in cols]
                    grid.rows.append((f"  {basis.upper()}", cells, "dim"))
        grids.append(grid)
    return grids


def _bridges(series: Series, points: list[Point], fmt: Formatter) -> list[Grid]:
    grids = []
    groups: dict[str, list[Point]] = defaultdict(list)
    for p in points:
        if p.section == "bridge":
            groups[p.key[0] if isinstance(p.key, tuple) and not isinstance(p.key, ItemKey) else ""].append(p)  # (bridge, step)
    for signature, rows in groups.items():
        cols = _columns(series, rows, balance=False)
        cells: dict[tuple[object, str], dict[str, Point]] = defaultdict(dict)
        labels: dict[tuple[object, str], str] = {}
        orders: dict[str, list[tuple[object, str]]] = defaultdict(list)
        for p in rows:
            row_key: tuple[object, str] = (p.key, p.basis)
            cells[row_key][p.period] = p
            labels[row_key] = p.item if p.basis in ("start", "adjustment", "subtotal") else f"  {p.basis}"  # latest wording
            orders[p.period].append(row_key)
        ordered = _merge_orders([orders[c] for c, _h in reversed(cols)])
        labels = {k: labels[k] for k in ordered}
        name = next((p.item for p in reversed(rows) if p.basis in ("subtotal", "computed")), signature)
        grid = Grid(_title(series, f"bridge to {name}", fmt), ["", *[h for _l, h in cols]])
        for key_basis, label in labels.items():
            basis = key_basis[1]
            line = []
            for period, _h in cols:
                point = cells[key_basis].get(period)
                if point is None:
                    line.append(Cell(""))
                elif basis == "difference":
                    line.append(Cell(f"{fmt.value(point.value, point.unit)} {point.note}", "warn" if point.note == "does not foot" else "dim",
                                     point.source))
                else:
                    line.append(Cell(fmt.value(point.value, point.unit) + ("*" if point.source == "derived" and basis != "computed" else ""),
                                     "dim" if basis == "computed" else "", point.source))
            grid.rows.append((label, line, "bold" if basis == "subtotal" else "dim" if basis in ("computed", "difference") else ""))
        grids.append(grid)
    return grids


_BARS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[Decimal | None]) -> str:
    """`▁▃▅▇` across a row's periods, lowest to highest; a blank for a period without a value; '' under two values."""
    known = [v for v in values if v is not None]
    if len(known) < 2:
        return ""
    low, high = min(known), max(known)
    span = high - low
    return "".join(" " if v is None else _BARS[3] if not span else _BARS[min(7, int((v - low) / span * 8))] for v in values)


def _moved(p: Point) -> str:
    """`+6.4%`, or for a loss `narrowed 20.5%` / `widened 3.1%`: what the change means, not only its sign."""
    for word in ("narrowed", "widened"):
        if word in p.note and p.value is not None:
            return f"{word} {figure(abs(p.value), '%')}"
    return figure(p.value, "%", signed=True)


def what_moved(analysis: Analysis, limit: int = 3) -> list[str]:
    """The digest above a summary: the largest year-over-year changes of its lines in the latest period, margins
    moved in points, and bridges that do not foot (each pointing to `fusion check`)."""
    out = []
    for series in analysis.series:
        points = [p for p in analysis.points if p.company == series.company]
        latest = max((p.period_end or "" for p in points if p.section in ("income", "reconciliation") and p.period_months == 3),
                     default="")
        moves = [p for p in points if p.section == "change" and p.basis == "yoy" and p.unit == "%" and p.value is not None
                 and p.period_end == latest and p.concept in SUMMARY_FLOWS]
        moves.sort(key=lambda p: -abs(p.value) if p.value is not None else Decimal(0))
        lines = ["; ".join(f"{p.item} {_moved(p)}" for p in moves[:limit])] if moves else []
        margins = [p for p in points if p.section == "margin" and p.unit == "pp" and p.basis == "yoy" and p.value
                   and p.period_end == latest and p.concept in SUMMARY_MARGINS]
        margins.sort(key=lambda p: -abs(p.value) if p.value is not None else Decimal(0))
        if margins:
            lines.append("; ".join(f"{p.item.replace(' change', '')} {figure(p.value, 'pp', signed=True)}" for p in margins[:limit]))
        unfooted = sorted({p.period for p in points if p.section == "bridge" and p.basis == "difference" and p.note == "does not foot"})
        if unfooted:
            lines.append(f"bridges that do not foot in {', '.join(unfooted)}: see fusion check")
        period = next((p.period for p in moves + margins), "")
        if lines:
            out.append(f"{series.company} — what moved" + (f", {period} against a year before" if period else ""))
            out.extend(f"  {line}" for line in lines)
    return out
