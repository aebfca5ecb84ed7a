"""Rich tables for the terminal; labels and file names are printed as text, never as markup."""
from __future__ import annotations

import re

from .export import number
from .model import Fact

_CONTROL = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe(text: str) -> str:
    """Text with ANSI escapes and control characters removed."""
    return _CONTROL.sub("", text)


def format_value(fact: Fact) -> str:
    """Thousands separators, negatives in parentheses, percentages and per-share amounts as printed."""
    v = number(fact.value)
    if fact.unit == "%":
        text = f"{abs(v):,.1f}%" if isinstance(v, float) else f"{abs(v):,}%"
    elif isinstance(v, float):
        text = f"{abs(v):,.2f}"
    else:
        text = f"{abs(v):,}"
    return f"({text})" if v < 0 else text


def facts_table(facts: list[Fact], title: str):
    """One rich Table of facts: statement, line item, concept, period and value with its source line."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(safe(title)), title_justify="left", show_lines=False)
    table.add_column("statement")
    table.add_column("line item", overflow="fold")
    table.add_column("concept")
    table.add_column("period", no_wrap=True)
    table.add_column("value", justify="right", no_wrap=True)
    table.add_column("line", justify="right", no_wrap=True)
    for f in facts:
        period = f"{f.fiscal_period} ({f.period_end}, {f.period_months}m)" if f.period_end else f.fiscal_period or "?"
        table.add_row(f.statement, Text(safe(f.label)), f.concept or "", period, format_value(f), str(f.line))
    return table


_STYLES = {"neg": "red", "pos": "green", "derived": "italic", "restated": "yellow", "warn": "bold red", "dim": "dim", "bold": "bold"}


def grid_table(grid, sources: bool = False):
    """A views.Grid as a rich Table: numbers right-aligned and never wrapped, labels as plain text."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(safe(grid.title)), title_justify="left", caption=Text(grid.caption) if grid.caption else None,
                  caption_justify="left")
    table.add_column(Text(safe(grid.columns[0])), overflow="fold", min_width=12)
    for head in grid.columns[1:]:
        table.add_column(Text(safe(head)), justify="right", no_wrap=True)
    for label, cells, style in grid.rows:
        row = [Text(safe(label), style=_STYLES.get(style, ""))]
        for cell in cells:
            text = Text(cell.text, style=_STYLES.get(cell.style, ""))
            if sources and cell.source:
                text.append("\n" + safe(cell.source), style="dim")
            row.append(text)
        table.add_row(*row)
    return table
