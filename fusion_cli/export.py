"""Facts -> JSON / CSV text, with the spreadsheet formula guard; atomic writes."""
from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from decimal import Decimal
from pathlib import Path

from .model import Fact

FACT_FIELDS = ("file", "company", "statement", "table", "label", "concept", "period_end", "period_months",
               "fiscal_period", "value", "scale", "as_printed", "line", "unit")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def number(value: Decimal) -> int | float:
    """A Decimal as a JSON number: an int when whole, else a float."""
    if value == value.to_integral_value() and value.as_tuple().exponent >= 0:  # type: ignore[operator]
        return int(value)
    return float(value)


def fact_record(fact: Fact) -> dict[str, object]:
    """One fact as a plain dict in the output contract's key order."""
    record: dict[str, object] = {name: getattr(fact, name) for name in FACT_FIELDS}
    record["value"] = number(fact.value)
    return record


def to_json(facts: list[Fact]) -> str:
    """A top-level JSON array of fact records."""
    return json.dumps([fact_record(f) for f in facts], indent=1, ensure_ascii=False) + "\n"


def guard_cell(value: object) -> object:
    """Neutralise text that a spreadsheet would run as a formula; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        try:
            float(value)
            return value
        except ValueError:
            return "'" + value
    return value


def to_csv(rows: list[dict[str, object]], fields: tuple[str, ...]) -> str:
    """CSV text with a header row; text cells pass through the formula guard."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow(["" if row.get(f) is None else guard_cell(row.get(f)) for f in fields])
    return out.getvalue()


def facts_csv(facts: list[Fact]) -> str:
    """Facts as CSV in the contract's columns."""
    return to_csv([fact_record(f) for f in facts], FACT_FIELDS)


def write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder and rename; nothing half-written is left."""
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
