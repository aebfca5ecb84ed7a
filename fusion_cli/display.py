"""Every number a person reads, formatted one way: table cells (`figure`) and numbers inside sentences (`prose`).

Machine formats (CSV, JSON, workbooks) carry the exact Decimal and never pass through here.

- Money: thousands separators; cents kept when the value has them (`1,234.50`); in a display scale, whole
  thousands, millions to one decimal (`10.2`), and a figure under one unit of the scale with its digits (`0.001`).
- Per share: two decimals. Percent: one decimal and `%`; points: one decimal and `pp`; multiples: two and `x`.
- Counts that are not money (shares, stores, kWh): as printed, without trailing zeros.
- Negatives in parentheses in table cells, or a leading sign where a change is shown signed; in prose a minus sign.
"""
from __future__ import annotations

from decimal import Decimal

from .units import is_money


def figure(value: Decimal | None, unit: str = "", factor: Decimal = Decimal(1), signed: bool = False,
           missing: str = "") -> str:
    """A table cell: `(1,234.50)`, `6.4%`, `+1.2 pp`, `0.37`, `1.25x`; `missing` when there is no value."""
    if value is None:
        return missing
    size = abs(value)
    if unit == "%":
        text = f"{size:,.1f}%"
    elif unit == "pp":
        text = f"{size:,.1f} pp"
    elif unit == "x":
        text = f"{size:,.2f}x"
    elif unit.endswith("/share"):
        text = f"{size:,.2f}"
    elif unit and not is_money(unit):  # shares, stores, kWh: counted as printed
        text = _trimmed(size)
    else:
        scaled = size / factor
        if scaled == scaled.to_integral_value():
            text = f"{scaled:,.0f}"
        elif factor == 1:
            text = f"{scaled:,.2f}"  # cents, as printed
        elif scaled < 1:
            text = _trimmed(scaled.quantize(Decimal("0.001")))  # a rounding difference, not `(0)`
        else:
            text = f"{scaled:,.1f}" if factor >= 1_000_000 else f"{scaled:,.0f}"
    if signed and (unit in ("%", "pp") or value > 0):
        return ("-" if value < 0 else "+" if value > 0 else "") + text
    return f"({text})" if value < 0 else text


def prose(value: Decimal | None) -> str:
    """A number inside a sentence: `-9,127,401`, `13.84`, `0.0412`; at most two decimals above 1, four below."""
    if value is None:
        return "n/m"
    if value == value.to_integral_value():
        return f"{value:,.0f}"
    places = 2 if abs(value) >= 1 else 4
    return _trimmed(value.quantize(Decimal(1).scaleb(-places)), sign=True)


def _trimmed(value: Decimal, sign: bool = False) -> str:
    text = f"{value:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text if sign or not text.startswith("-") else text[1:]
