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
