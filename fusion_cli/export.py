"""Facts -> JSON / CSV text, with the spreadsheet formula guard; atomic writes."""
from __future__ import annotations

import contextlib
import csv
import datetime
import io
import json
import numbers
import os
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from .model import Fact, page_of

if TYPE_CHECKING:
    import pandas

FACT_FIELDS = ("file", "company", "statement", "table", "label", "concept", "period_end", "period_months",
               "fiscal_period", "value", "scale", "as_printed", "line", "page", "unit", "member")
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
    record["page"], record["line"] = page_of(fact.line)  # a PDF's figure: its page, and its line on the page
    return record


def guard_cell(value: object) -> object:
    """Neutralise text that a spreadsheet would run as a formula; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        try:
            float(value)
            return value
        except ValueError:
            return "'" + value
    return value


def to_csv(rows: list[dict[str, object]], fields: tuple[str, ...], header: bool = True) -> str:
    """CSV text (with a header row unless told not to); text cells pass through the formula guard."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if header:
        writer.writerow(fields)
    for row in rows:
        writer.writerow(["" if row.get(f) is None else guard_cell(row.get(f)) for f in fields])
    return out.getvalue()


_FACT_INDEX = tuple(Fact._fields.index(name if name != "page" else "line") for name in FACT_FIELDS)
_VALUE_AT = FACT_FIELDS.index("value")
_LINE_AT = FACT_FIELDS.index("line")
_PAGE_AT = FACT_FIELDS.index("page")


def facts_csv_rows(facts: list[Fact]) -> str:
    """Facts as CSV rows without the header, for output streamed file by file: built from the tuples themselves."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for fact in facts:
        row = ["" if (v := fact[i]) is None else guard_cell(v) for i in _FACT_INDEX]
        row[_VALUE_AT] = number(fact.value)
        page, row[_LINE_AT] = page_of(fact.line)
        row[_PAGE_AT] = "" if page is None else page
        writer.writerow(row)
    return out.getvalue()


def csv_header(fields: tuple[str, ...] = FACT_FIELDS) -> str:
    """The header row of a CSV stream."""
    return to_csv([], fields)


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[str]:
    """A temporary file beside path, renamed over it when the block succeeds and removed when it fails."""
    import tempfile  # only when writing a file: it costs start-up time on every run otherwise

    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    try:
        yield tmp
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _mode_for(path: Path) -> int:
    """The permissions a new file gets (the umask applied), or those of the file being replaced."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


POINT_FIELDS = ("company", "section", "item", "concept", "period", "period_end", "period_months", "basis", "value", "unit", "source")


def decimal_text(value: Decimal | None) -> str:
    """A Decimal as plain text without exponent: whole numbers without a fraction."""
    if value is None:
        return ""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def point_record(point, extra: bool = True) -> dict[str, object]:
    """A point as a dict in the documented column order; with extra, its note and earlier values too."""
    record: dict[str, object] = {name: getattr(point, name) for name in POINT_FIELDS}
    record["value"] = None if point.value is None else number(point.value) if point.unit not in ("%", "pp", "x") else float(point.value)
    if extra:
        if point.note:
            record["note"] = point.note
        if point.previous:
            record["previous"] = [{"value": number(v), "source": s} for v, s in point.previous]
    return record


def points_json(points: list) -> str:
    """A top-level JSON array of analysis rows (with notes and restated values)."""
    return json.dumps([point_record(p) for p in points], indent=1, ensure_ascii=False) + "\n"


def points_json_items(points: list) -> str:
    """The same rows as the items of that array, for an array written company by company (`[\n`, items joined by
    `,\n`, `\n]\n`): byte for byte what points_json writes for all of them at once."""
    return ",\n".join(" " + json.dumps(point_record(p), indent=1, ensure_ascii=False).replace("\n", "\n ") for p in points)


def points_csv(points: list, header: bool = True) -> str:
    """Tidy CSV: one row per value, the documented columns."""
    rows = []
    for p in points:
        record = {name: getattr(p, name) for name in POINT_FIELDS}
        record["value"] = f"{p.value:.2f}" if p.value is not None and p.unit in ("%", "pp", "x") else decimal_text(p.value)
        rows.append(record)
    return to_csv(rows, POINT_FIELDS, header)


def frame_csv(frame) -> str:
    """A DataFrame (the wide pivot) as CSV, text cells through the formula guard, numbers as printed."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([guard_cell(str(c)) for c in frame.columns])
    for row in frame.itertuples(index=False):
        writer.writerow(["" if _missing(v) else guard_cell(_plain(v)) for v in row])
    return out.getvalue()


def frame_json(frame) -> str:
    """A DataFrame (the wide pivot) as a JSON array of records."""
    records = [{str(k): (None if _missing(v) else _plain(v)) for k, v in zip(frame.columns, row)} for row in frame.itertuples(index=False)]
    return json.dumps(records, indent=1, ensure_ascii=False) + "\n"


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value) or type(value).__name__ == "NAType"


def _plain(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, Decimal):
        return number(value)
    return value


def frames_xlsx(path: Path, sheets: Sequence[tuple[str, pandas.DataFrame]], charts: Sequence[tuple] = ()) -> None:
    """Write DataFrames as the sheets of one workbook, atomically.

    Numbers are stored as numbers; text is written as text (never as a formula or a link) and passes
    through the formula guard too, so it stays inert if the sheet is later saved as CSV.
    """
    import xlsxwriter

    with atomic_path(path) as tmp:
        options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False, "nan_inf_to_errors": True}
        book = xlsxwriter.Workbook(tmp, options)
        bold = book.add_format({"bold": True, "bottom": 1})
        whole = book.add_format({"num_format": "#,##0;(#,##0)"})
        fraction = book.add_format({"num_format": "#,##0.00;(#,##0.00)"})
        formats = {"%": book.add_format({"num_format": '0.0"%";(0.0"%")'}), "pp": book.add_format({"num_format": '0.0" pp";(0.0" pp")'}),
                   "x": book.add_format({"num_format": '0.00"x"'}), "share": fraction}
        day = book.add_format({"num_format": "yyyy-mm-dd"})
        for name, frame in sheets:
            sheet = book.add_worksheet(name[:31])
            columns = [str(c) for c in frame.columns]
            unit_at = columns.index("unit") if "unit" in columns else None
            widths = [len(c) for c in columns]
            for j, column in enumerate(columns):
                sheet.write_string(0, j, str(guard_cell(column)), bold)
            for i, row in enumerate(frame.itertuples(index=False), start=1):
                unit = str(row[unit_at]) if unit_at is not None else ""
                by_unit = formats.get("share" if unit.endswith("/share") else unit)
                for j, value in enumerate(row):
                    value = None if _missing(value) else _plain(value)
                    if value is None:
                        continue
                    if isinstance(value, (datetime.date, datetime.datetime)):
                        sheet.write_datetime(i, j, value, day)  # a date a spreadsheet can sort and filter
                        widths[j] = max(widths[j], 10)
                    elif isinstance(value, bool) or not isinstance(value, numbers.Real):
                        text = str(guard_cell(str(value)))
                        sheet.write_string(i, j, text)
                        widths[j] = max(widths[j], len(text))
                    else:
                        sheet.write_number(i, j, float(value), by_unit or (whole if float(value).is_integer() else fraction))
                        widths[j] = max(widths[j], len(f"{float(value):,.2f}"))
            for j, width in enumerate(widths):
                sheet.set_column(j, j, min(max(width + 2, 8), 60))
            label = columns.index("item") + 1 if "item" in columns else 1
            sheet.freeze_panes(1, label)  # the header row and the label column stay in view
            sheet.set_landscape()
            sheet.fit_to_pages(1, 0)  # one page wide, as many long as it takes
            sheet.repeat_rows(0)
            sheet.set_paper(9)  # A4; Letter-size printers scale it
        if charts:
            _charts(book, {name: frame for name, frame in sheets}, charts)
        book.close()


def _charts(book, frames: dict, charts: Sequence[tuple]) -> None:
    """A `charts` sheet: line charts of lines across periods (revenue, margins), read from the wide sheets' own
    cells, and each bridge as a waterfall (stacked columns over an invisible base), its steps written beside it.

    `charts` holds ("line", title, sheet, [row labels]) and ("waterfall", title, [(step, value, kind)]) entries."""
    sheet = book.add_worksheet("charts")
    at = 0  # the next free row for a chart or a waterfall's table
    for spec in charts:
        if spec[0] == "line":
            _kind, title, name, labels = spec
            frame = frames.get(name)
            if frame is None:
                continue
            first = list(frame.columns).index("unit") + 1  # the period columns follow the unit
            rows = [i for i, item in enumerate(frame["item"]) if item in labels]
            if not rows or first >= len(frame.columns):
                continue
            chart = book.add_chart({"type": "line"})
            for i in rows:
                chart.add_series({"name": [name, i + 1, 2], "categories": [name, 0, first, 0, len(frame.columns) - 1],
                                  "values": [name, i + 1, first, i + 1, len(frame.columns) - 1], "marker": {"type": "circle"}})
            chart.set_title({"name": title})
            chart.set_legend({"position": "bottom"})
            sheet.insert_chart(at, 0, chart, {"x_scale": 1.6, "y_scale": 1.2})
            at += 20
        else:
            _kind, title, steps = spec
            sheet.write_row(at, 10, ["step", "base", "up", "down", "total"])
            running = 0.0
            for k, (step, value, kind) in enumerate(steps, start=1):
                value = float(value)
                if kind in ("start", "subtotal"):
                    base, up, down, total = 0.0, 0.0, 0.0, value
                    running = value
                else:
                    new = running + value
                    base = min(running, new) if new >= 0 and running >= 0 else max(running, new) if new <= 0 and running <= 0 else 0.0
                    up, down, total = (abs(value) if value >= 0 else 0.0), (abs(value) if value < 0 else 0.0), 0.0
                    if base < 0:
                        up, down = -up, -down
                    running = new
                sheet.write_row(at + k, 10, [step, base, up, down, total])
            last = at + len(steps)
            chart = book.add_chart({"type": "column", "subtype": "stacked"})
            for col, name, colour in ((11, "base", None), (12, "up", "#2e7d32"), (13, "down", "#c62828"), (14, "total", "#1f4e79")):
                series: dict[str, object] = {"name": name, "categories": ["charts", at + 1, 10, last, 10],
                                             "values": ["charts", at + 1, col, last, col]}
                series.update({"fill": {"none": True}, "border": {"none": True}} if colour is None else {"fill": {"color": colour}})
                chart.add_series(series)
            chart.set_title({"name": title})
            chart.set_legend({"none": True})
            sheet.insert_chart(at, 0, chart, {"x_scale": 1.6, "y_scale": 1.2})
            at = max(at + 20, last + 2)


def grid_markdown(grid, sources: bool = False) -> str:
    """A views.Grid as a GitHub markdown table under a heading; pipes in labels are escaped."""
    def esc(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = [f"### {esc(grid.title)}", "", "| " + " | ".join(esc(c) for c in grid.columns) + " |",
             "|" + "|".join(["---"] + ["---:"] * (len(grid.columns) - 1)) + "|"]
    for label, cells, _style in grid.rows:
        texts = [esc(c.text) + (f" ({esc(c.source)})" if sources and c.source and c.text else "") for c in cells]
        lines.append("| " + " | ".join([esc(label)] + texts) + " |")
    if grid.caption:
        lines += ["", esc(grid.caption)]
    return "\n".join(lines) + "\n"


CHECK_FIELDS = ("file", "kind", "status", "subject", "period", "found", "expected", "difference", "source", "other", "note")


def check_record(file: str, check) -> dict[str, object]:
    """A check as a dict in CHECK_FIELDS order; amounts as numbers."""
    record: dict[str, object] = {"file": file}
    for name in CHECK_FIELDS[1:]:
        value = getattr(check, name)
        record[name] = number(value) if isinstance(value, Decimal) else str(value) if name in ("source", "other") else value
    return record


def checks_json(results: list[tuple[str, list]]) -> str:
    """Checks of every release as one JSON array."""
    return json.dumps([check_record(f, c) for f, checks in results for c in checks], indent=1, ensure_ascii=False) + "\n"


def checks_csv(results: list[tuple[str, list]]) -> str:
    """Checks of every release as CSV, text through the formula guard."""
    rows = []
    for file, checks in results:
        for c in checks:
            record = check_record(file, c)
            for name in ("found", "expected", "difference"):
                value = getattr(c, name)
                record[name] = decimal_text(value) if value is not None else None
            rows.append(record)
    return to_csv(rows, CHECK_FIELDS)
