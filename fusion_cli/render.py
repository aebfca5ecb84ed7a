"""Rich tables for the terminal; labels and file names are printed as text, never as markup."""
from __future__ import annotations

import re
from typing import Literal

from .display import figure
from .model import Fact
from .model import where as where_of

_CONTROL = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe(text: str) -> str:
    """Text with ANSI escapes and control characters removed."""
    return _CONTROL.sub("", text)


def format_value(fact: Fact) -> str:
    """Thousands separators, negatives in parentheses, percentages and per-share amounts as printed."""
    return figure(fact.value, fact.unit)


def facts_table(facts: list[Fact], title: str, width: int = 120, sources: bool = False):
    """One rich Table of facts. Wide (120 columns or more): statement, line item, concept, period with its end date
    and length, value and source line. Narrower: each table's statement and title as a heading row, and compact
    periods (`Q1 2011`), so the line item keeps the room; words wrap at spaces, never inside a word."""
    from rich.table import Table
    from rich.text import Text

    wide = width >= 120
    dated = wide or sources  # --sources: each period's end date and length, whatever the width
    table = Table(title=Text(safe(title)), title_justify="left", show_lines=False)
    if wide:
        table.add_column("statement", no_wrap=True)
    table.add_column("line item", min_width=18, ratio=3)
    conceptual = wide or not dated  # at a narrow width the dated periods take the concept's room
    if conceptual:
        table.add_column("concept", max_width=None if wide else 18, overflow="ellipsis", no_wrap=not wide, ratio=2)
    table.add_column("period", no_wrap=True)
    table.add_column("value", justify="right", no_wrap=True)
    table.add_column("line", justify="right", no_wrap=True)
    heading = None
    for f in facts:
        if not wide and (f.statement, f.table) != heading:
            heading = (f.statement, f.table)
            table.add_row(Text(safe(f"{f.statement}: {f.table or 'untitled table'}"), style="bold dim"), *[""] * (4 if conceptual else 3))
        period = f"{f.fiscal_period} ({f.period_end}, {f.period_months}m)" if dated and f.period_end else f.fiscal_period or "?"
        cells = (f.statement,) if wide else ()
        concept = (f.concept or "",) if conceptual else ()
        table.add_row(*(Text(safe(text)) for text in (*cells, f.label, *concept, period, format_value(f), str(f.line))))
    return table


_STYLES = {"neg": "red", "pos": "green", "derived": "italic", "restated": "yellow", "warn": "bold red", "dim": "dim", "bold": "bold"}


def grid_tables(grid, sources: bool = False, width: int = 80) -> list:
    """A views.Grid as rich Tables that fit the width: periods are split over several tables, numbers never cut."""
    label_width = min(max([len(r[0]) for r in grid.rows] + [len(grid.columns[0]), 12]), max(20, min(40, width // 3)))
    widths = []
    for j, head in enumerate(grid.columns[1:]):
        texts = [head] + [line for _l, cells, _s in grid.rows for line in _cell_lines(cells[j], sources)]
        widths.append(max(len(t) for t in texts) + 3)
    chunks: list[list[int]] = []
    current: list[int] = []
    used = label_width + 4
    for j, w in enumerate(widths):
        if current and used + w > width:
            chunks.append(current)
            current, used = [], label_width + 4
        current.append(j)
        used += w
    chunks.append(current)
    trend = max((len(t) for t in getattr(grid, "trends", [])), default=0)
    if trend and used + trend + 3 > width and len(current) > 1:  # the trend column goes with the last periods
        chunks[-1:] = [current[:-1], current[-1:]]
    return [_table(grid, chunk, sources, label_width, part > 0) for part, chunk in enumerate(chunks)]


def _cell_lines(cell, sources: bool) -> list[str]:
    return [cell.text] + ([cell.source] if sources and cell.source else [])


def _table(grid, columns: list[int], sources: bool, label_width: int, continued: bool):
    from rich.table import Table
    from rich.text import Text

    title = safe(grid.title) + (" (continued)" if continued else "")
    caption = Text(safe(grid.caption)) if grid.caption and columns[-1] == len(grid.columns) - 2 else None
    table = Table(title=Text(title), title_justify="left", caption=caption, caption_justify="left")
    table.add_column(Text(safe(grid.columns[0])), overflow="fold", max_width=label_width)
    for j in columns:
        table.add_column(Text(safe(grid.columns[j + 1])), justify="right", no_wrap=True)
    trends = getattr(grid, "trends", []) if columns[-1] == len(grid.columns) - 2 and any(getattr(grid, "trends", [])) else []
    if trends:
        table.add_column(Text("trend"), no_wrap=True, style="cyan")
    for i, (label, cells, style) in enumerate(grid.rows):
        row = [Text(safe(label), style=_STYLES.get(style, ""))]
        for j in columns:
            cell = cells[j]
            text = Text(safe(cell.text), style=_STYLES.get(cell.style, ""))
            if sources and cell.source:
                text.append("\n" + safe(cell.source), style="dim")
            row.append(text)
        if trends:
            row.append(Text(trends[i] if i < len(trends) else ""))
        table.add_row(*row)
    return table


_STATUS_STYLE = {"ok": "green", "rounding": "yellow", "mismatch": "bold red", "unverifiable": "dim"}
KIND_TITLES = {"footing": "Footing: totals and subtotals", "bridge": "Bridges: non-GAAP subtotals",
               "tie": "Ties between statements", "twice": "Line items printed twice", "claim": "Claims in the text"}
_CHECK_COLUMNS: tuple[tuple[str, Literal["left", "right"]], ...] = (  # a check table's columns and their alignment
    ("status", "left"), ("check", "left"), ("period", "left"), ("printed", "right"),
    ("expected", "right"), ("diff", "right"), ("source", "left"), ("note", "left"))


def checks_tables(title: str, checks: list, problems_only: bool = False, width: int = 160) -> list:
    """One rich Table per kind of check, statuses coloured, amounts whole. Under 120 columns the source and the note
    go under the check's subject, so no column is squeezed to nothing; words wrap at spaces."""
    from rich.table import Table
    from rich.text import Text

    narrow = width < 120
    columns = [(n, j) for n, j in _CHECK_COLUMNS if not (narrow and n in ("source", "note"))]
    tables = []
    for kind, heading in KIND_TITLES.items():
        rows = [c for c in checks if c.kind == kind and not (problems_only and c.status == "ok")]
        if not rows:
            continue
        table = Table(title=Text(safe(f"{title} — {heading}")), title_justify="left", show_lines=narrow)
        for name, justify in columns:
            numeric = justify == "right" or name in ("status", "period")
            # the check and its note share what the numbers leave, the check first
            table.add_column(name, justify=justify, no_wrap=numeric, min_width=14 if name == "check" else None,
                             ratio=2 if name == "note" else 1 if name in ("check", "source") else None)
        for c in rows:
            subject = Text(safe(c.subject))
            if narrow:  # the file is in the title: the line is enough
                where = f"line {where_of(c.source.line)}" + (f"-{where_of(c.source.last)}" if c.source.last > c.source.line else "") if c.source.line else ""
                subject.append(f"\n{where}: {safe(c.note)}" if c.note else f"\n{where}", style="dim")
            rest = () if narrow else (str(c.source), c.note)
            table.add_row(Text(c.status, style=_STATUS_STYLE.get(c.status, "")), subject,
                          *(Text(safe(text)) for text in (c.period, _amount(c.found), _amount(c.expected), _amount(c.difference),
                                                          *rest)))
        tables.append(table)
    return tables


def _amount(value) -> str:
    return figure(value)
