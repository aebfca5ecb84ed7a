"""Financial statements with known numbers, rendered in the layouts releases come in.

A Statement is rendered as newswire tab text, a markdown pipe table, a fixed-width EDGAR submission
(`<TABLE>`, `<CAPTION>`, `<S>`/`<C>`, `- -` escaped rules, `$` in a column of its own) or Workiva-style
HTML (`$`, `(` and `)` in separate cells, `&#160;` spacers, `<br>` in date headers). `expected()` gives
every number a parser must return, with its label and period. Used by the property tests and the
benchmark's generated corpus.
"""
from __future__ import annotations

import html
import random
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
MONTH_DAYS = {3: 31, 6: 30, 9: 30, 12: 31}
SCALES = {"units": 1, "thousands": 1_000, "millions": 1_000_000}
SCALE_NOTES = {"thousands": "(in thousands, except per share data)", "millions": "(in millions, except per share data)"}
INCOME_LABELS = ("Revenue", "Cost of revenue", "Gross profit", "Selling, general and administrative", "Research and development",
                 "Marketing", "Technology and development", "Restructuring charges", "Depreciation and amortization",
                 "Total operating expenses", "Operating income", "Interest expense", "Interest income", "Other income, net",
                 "Income before income taxes", "Provision for income taxes", "Net income")
BALANCE_LABELS = ("Cash and cash equivalents", "Accounts receivable, net", "Inventories", "Prepaid expenses", "Total current assets",
                  "Property and equipment, net", "Goodwill", "Total assets", "Accounts payable", "Accrued liabilities",
                  "Deferred revenue", "Long-term debt", "Total liabilities", "Total stockholders' equity")
EPS_LABEL = "Net income per share - diluted"
LAYOUTS = ("tab", "pipe", "pipe-split", "edgar", "html")


@dataclass(frozen=True)
class Column:
    end: date
    months: int  # 0 for a balance-sheet date


@dataclass
class Statement:
    """One table: the header groups over its columns, and rows of whole numbers in the printed scale."""

    kind: str  # income or balance
    columns: list[Column]
    groups: list[tuple[str, list[int]]]  # "Three Months Ended" over column indices; empty for balance sheets
    rows: list[tuple[str, list[int | None]]]
    scale: str = "units"
    eps: list[Decimal] | None = None  # a per-share row, never scaled
    company: str = "Acme Widget Corp."
    notes: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return "Condensed Consolidated Statements of Operations" if self.kind == "income" else "Condensed Consolidated Balance Sheets"


def income(month: int, year: int, ytd: bool, rows: list[tuple[str, list[int | None]]], scale: str = "units",
           eps: list[Decimal] | None = None) -> Statement:
    """A quarter (and its year to date) against the year before: 2 or 4 columns."""
    end, before = date(year, month, MONTH_DAYS[month]), date(year - 1, month, MONTH_DAYS[month])
    columns = [Column(end, 3), Column(before, 3)]
    groups = [("Three Months Ended", [0, 1])]
    if ytd and month != 3:
        columns += [Column(end, month), Column(before, month)]
        groups.append((f"{_words(month)} Months Ended", [2, 3]))
    if month == 12 and ytd:
        groups[-1] = ("Year Ended", [2, 3])
    return Statement("income", columns, groups, [(label, values[: len(columns)]) for label, values in rows], scale,
                     eps[: len(columns)] if eps else None)


def annual(year: int, years: int, rows: list[tuple[str, list[int | None]]], scale: str = "units") -> Statement:
    """Fiscal years ended December 31: 2 or 3 columns."""
    columns = [Column(date(year - k, 12, 31), 12) for k in range(years)]
    return Statement("income", columns, [("Year Ended", list(range(years)))], [(label, values[:years]) for label, values in rows], scale)


def balance(month: int, year: int, rows: list[tuple[str, list[int | None]]], scale: str = "units") -> Statement:
    """A quarter-end against the previous fiscal year-end."""
    columns = [Column(date(year, month, MONTH_DAYS[month]), 0), Column(date(year - 1, 12, 31), 0)]
    return Statement("balance", columns, [], [(label, values[:2]) for label, values in rows], scale)


def random_statement(rng: random.Random) -> Statement:
    """A random statement: kind, period, scale, 1 to 12 rows of whole numbers with gaps and zeros."""
    scale = rng.choice(["units", "thousands", "millions"])
    kind = rng.choice(["quarter", "annual", "balance"])
    labels = BALANCE_LABELS if kind == "balance" else INCOME_LABELS

    def value() -> int | None:
        roll = rng.random()
        return None if roll < 0.1 else 0 if roll < 0.2 else rng.randint(-10 ** rng.randint(1, 9), 10 ** rng.randint(1, 9))

    rows = []
    for label in rng.sample(labels, rng.randint(1, 12)):
        values = [value() for _ in range(4)]
        if any(v is not None for v in values):
            rows.append((label, values))
    rows = rows or [("Revenue" if kind != "balance" else "Total assets", [1, 2, 3, 4])]
    year = rng.randint(1995, 2030)
    if kind == "balance":
        return balance(rng.choice([3, 6, 9]), year, rows, scale)
    if kind == "annual":
        return annual(year, rng.randint(2, 3), rows, scale)
    eps = [Decimal(rng.randint(-999, 999)) / 100 for _ in range(4)] if rng.random() < 0.5 else None
    return income(rng.choice([3, 6, 9, 12]), year, rng.random() < 0.5, rows, scale, eps)


def _words(month: int) -> str:
    return {6: "Six", 9: "Nine", 12: "Twelve"}[month]


def expected(statement: Statement) -> dict[tuple[str, str, int], Decimal]:
    """(label, period end, months) -> value in units, for every number printed."""
    factor = SCALES[statement.scale]
    out: dict[tuple[str, str, int], Decimal] = {}
    for label, values in statement.rows:
        for column, value in zip(statement.columns, values):
            if value is not None:
                out[(label, column.end.isoformat(), column.months)] = Decimal(value) * factor
    if statement.eps:
        for column, value in zip(statement.columns, statement.eps):
            out[(EPS_LABEL, column.end.isoformat(), column.months)] = value
    return out


def render(statement: Statement, layout: str) -> str:
    """The statement as a whole release document in one layout."""
    return document([statement], layout)


CLOSING = "About the company: it makes widgets for the world's factories and ships them."


def document(statements: list[Statement], layout: str, prose: list[str] | None = None) -> str:
    """A release in one layout: headline, prose paragraphs, then each statement under its own title."""
    company = statements[0].company
    head = [f"{company} Reports Results", f"{company} today announced its financial results. The tables below present them.",
            *(prose or [])]
    blocks = [_BLOCKS[layout](st) for st in statements]
    if layout == "html":
        esc = html.escape
        paragraphs = "".join(f"<p>{esc(text)}</p>\n" for text in head)
        return ("<html><head><title>Exhibit 99.1</title><style>td {font-size:9pt}</style></head><body>\n" + paragraphs
                + "".join(blocks) + f"<p>{esc(CLOSING)}</p>\n</body></html>\n")
    body = "\n\n".join(head) + "\n\n" + "\n\n".join("\n".join(block) for block in blocks) + "\n\n" + CLOSING + "\n"
    if layout != "edgar":
        return body
    return "\n".join([
        "<SEC-DOCUMENT>0000950123-24-000001.txt : 20240501", "<SEC-HEADER>0000950123-24-000001.hdr.sgml : 20240501",
        "CONFORMED SUBMISSION TYPE:\t8-K", f"COMPANY CONFORMED NAME:\t\t\t{company.upper()}", "</SEC-HEADER>",
        "<DOCUMENT>", "<TYPE>8-K", "<SEQUENCE>1", "<TEXT>", "", "    ITEM 2.02  RESULTS OF OPERATIONS AND FINANCIAL CONDITION", "",
        "</TEXT>", "</DOCUMENT>", "<DOCUMENT>", "<TYPE>EX-99.1", "<SEQUENCE>2", "<DESCRIPTION>PRESS RELEASE", "<TEXT>",
        "<PAGE>   1", body, "</TEXT>", "</DOCUMENT>", "</SEC-DOCUMENT>", ""])


# ---- cells ------------------------------------------------------------------------------------------

def _amount(value: int | Decimal | None) -> tuple[str, str, str]:
    """A value as (prefix, digits, suffix): `(1,234` and `)` for negatives, an em dash for zero, blank for none."""
    if value is None:
        return "", "", ""
    if value == 0:
        return "", "\u2014", ""
    text = f"{abs(value):,.2f}" if isinstance(value, Decimal) else f"{abs(value):,}"
    return ("(", text, ")") if value < 0 else ("", text, "")


def _dollar(label: str, row: int) -> bool:
    """Dollar signs on the first row and on totals, as statements print them."""
    return row == 0 or label.startswith("Total")


def _all_rows(statement: Statement) -> list[tuple[str, list]]:
    rows: list[tuple[str, list]] = list(statement.rows)
    if statement.eps:
        rows.append((EPS_LABEL, list(statement.eps)))
    return rows


def _header_dates(statement: Statement) -> tuple[list[tuple[str, str, list[int]]], list[str]]:
    """Spanning groups as (period words, month and day) and the leaf labels under them."""
    if statement.kind == "balance":
        return [], [f"{MONTH_NAMES[c.end.month]} {c.end.day}, {c.end.year}" for c in statement.columns]
    groups = [(words, f"{MONTH_NAMES[statement.columns[cols[0]].end.month]} {statement.columns[cols[0]].end.day},", cols)
              for words, cols in statement.groups]
    return groups, [str(c.end.year) for c in statement.columns]


def _preamble(statement: Statement) -> list[str]:
    """The lines above a table: company, title, scale note."""
    return [statement.company, statement.title] + ([SCALE_NOTES[statement.scale]] if statement.scale in SCALE_NOTES else []) + [""]


def _text(value: int | Decimal | None, dollar: bool) -> str:
    prefix, digits, suffix = _amount(value)
    return ("$ " if dollar and digits else "") + prefix + digits + suffix


# ---- layouts ----------------------------------------------------------------------------------------

def _tab(statement: Statement) -> list[str]:
    groups, leaves = _header_dates(statement)
    lines = _preamble(statement)
    if groups:
        line1, line2 = [""], [""]
        for words, monthday, cols in groups:
            line1 += [words] + [""] * (len(cols) - 1)
            line2 += [monthday] + [""] * (len(cols) - 1)
        lines += ["\t".join(line1), "\t".join(line2)]
    lines.append("\t".join([""] + leaves))
    for r, (label, values) in enumerate(_all_rows(statement)):
        dollar = _dollar(label, r) and None not in values
        lines.append("\t".join([label] + [_text(v, dollar) for v in values]))
    return lines


def _pipe(statement: Statement) -> list[str]:
    groups, leaves = _header_dates(statement)
    lines = _preamble(statement)
    if groups:
        cells = [""]
        for words, monthday, cols in groups:
            cells += [f"{words} {monthday}"] + [""] * (len(cols) - 1)
        lines.append("| " + " | ".join(cells) + " |")
    else:
        lines.append("| " + " | ".join([""] * (len(leaves) + 1)) + " |")
    lines.append("|" + "---|" * (len(leaves) + 1))
    lines.append("| " + " | ".join([""] + leaves) + " |")
    for r, (label, values) in enumerate(_all_rows(statement)):
        lines.append("| " + " | ".join([label] + [_text(v, _dollar(label, r)) for v in values]) + " |")
    return lines


def _pipe_split(statement: Statement) -> list[str]:
    """Markdown with `$`, the number and `)` in cells of their own, as PDF-to-markdown tools write them."""
    groups, leaves = _header_dates(statement)
    lines = _preamble(statement)
    width = 1 + 3 * len(leaves)
    if groups:
        cells = [""]
        for words, monthday, cols in groups:
            cells += [f"{words} {monthday}"] + [""] * (3 * len(cols) - 1)
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("|" + "---|" * width)
    lines.append("| " + " | ".join([""] + [cell for leaf in leaves for cell in ("", leaf, "")]) + " |")
    for r, (label, values) in enumerate(_all_rows(statement)):
        cells = [label]
        for v in values:
            prefix, digits, suffix = _amount(v)
            cells += ["$" if _dollar(label, r) and digits else "", prefix + digits, suffix]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


_LABEL_WIDTH, _COL_WIDTH = 44, 16


def _edgar(statement: Statement) -> list[str]:
    """The statement as a fixed-width EDGAR <TABLE> (the submission around it is added by document())."""
    groups, leaves = _header_dates(statement)
    n = len(leaves)

    def spread(texts: list[tuple[str, list[int]]]) -> str:
        line = " " * (_LABEL_WIDTH + _COL_WIDTH * n)
        for text, cols in texts:
            left, right = _LABEL_WIDTH + _COL_WIDTH * cols[0] + 2, _LABEL_WIDTH + _COL_WIDTH * (cols[-1] + 1)
            pad = max(0, (right - left - len(text)) // 2)
            start = left + pad
            line = line[:start] + text + line[start + len(text):]
        return line.rstrip()

    table = ["<TABLE>", "<CAPTION>"]
    if groups:
        table.append(spread([(words, cols) for words, _md, cols in groups]))
        table.append(spread([(monthday, cols) for _w, monthday, cols in groups]))
        table.append(spread([("-" * (_COL_WIDTH * len(cols) - 2), cols) for _w, _md, cols in groups]))
    if not groups:  # balance-sheet dates on two lines, as fixed-width columns are too narrow for them
        table.append(spread([(leaf.rsplit(" ", 1)[0], [j]) for j, leaf in enumerate(leaves)]))
        leaves = [leaf.rsplit(" ", 1)[1] for leaf in leaves]
    table.append(spread([(leaf, [j]) for j, leaf in enumerate(leaves)]))
    table.append(" " * _LABEL_WIDTH + "".join("  " + "-" * (_COL_WIDTH - 2) for _ in leaves))
    table.append("<S>" + " " * (_LABEL_WIDTH - 3) + "".join("<C>" + " " * (_COL_WIDTH - 3) for _ in leaves))
    for r, (label, values) in enumerate(_all_rows(statement)):
        dots = label + " " + "." * max(2, _LABEL_WIDTH - len(label) - 3)
        line = dots.ljust(_LABEL_WIDTH)
        for v in values:
            prefix, digits, suffix = _amount(v)
            digits = "--" if digits == "\u2014" else digits  # EDGAR text is ASCII
            dollar = "$" if _dollar(label, r) and digits else " "
            number = (prefix + digits + (suffix or " ")).rjust(_COL_WIDTH - 3)
            line += "  " + dollar + number
        table.append(line.rstrip())
        if label.startswith("Total"):
            table.append("- " + "-" * (_LABEL_WIDTH - 2) + "".join("  " + "-" * (_COL_WIDTH - 2) for _ in leaves))
    table.append("</TABLE>")
    return _preamble(statement) + table


def _html(statement: Statement) -> str:
    """Workiva-style exhibit: three cells per column (`$`, number, `)`), spacer cells, `<br>` in date headers."""
    groups, leaves = _header_dates(statement)
    esc = html.escape
    spacer = '<td style="width:1%">&#160;</td>'
    rows = []
    if groups:
        cells = ["<td>&#160;</td>"]
        for k, (words, monthday, cols) in enumerate(groups):
            if k:
                cells.append(spacer)
            cells.append(f'<td colspan="{4 * len(cols) - 1}" style="text-align:center">{esc(words)}<br>{esc(monthday)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    cells = ["<td>&#160;</td>"]
    for j, leaf in enumerate(leaves):
        if j:
            cells.append(spacer)
        cells.append(f'<td colspan="3" style="text-align:center;font-weight:bold">{esc(leaf)}</td>')
    rows.append("<tr>" + "".join(cells) + "</tr>")
    for r, (label, values) in enumerate(_all_rows(statement)):
        cells = [f'<td style="padding-left:10pt"><span>{esc(label)}</span></td>']
        for i, v in enumerate(values):
            if i:
                cells.append(spacer)
            prefix, digits, suffix = _amount(v)
            dollar = "$" if _dollar(label, r) and digits else "&#160;"
            cells += [f"<td>{dollar}</td>", f'<td style="text-align:right">{esc(prefix + digits)}</td>', f"<td>{suffix or '&#160;'}</td>"]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    head = "".join(f"<p>{esc(line)}</p>\n" for line in _preamble(statement) if line)
    return head + '<table style="border-collapse:collapse;width:100%">\n' + "\n".join(rows) + "\n</table>\n"


_BLOCKS = {"tab": _tab, "pipe": _pipe, "pipe-split": _pipe_split, "edgar": _edgar, "html": _html}


# ---- families that converters and PDF tools produce ---------------------------------------------

def _caption_repeat(statement: Statement) -> list[str]:
    """Markdown whose converter flattened a colspan: the spanning caption repeated in every cell it spanned."""
    groups, leaves = _header_dates(statement)
    lines = _preamble(statement)
    if groups:
        cells = [""] + [f"{words} {monthday}" for words, monthday, cols in groups for _ in cols]
        lines.append("| " + " | ".join(cells) + " |")
        lines.append("|" + "---|" * (len(leaves) + 1))
        lines.append("| " + " | ".join([""] + leaves) + " |")
    else:
        lines.append("| " + " | ".join([""] + leaves) + " |")
        lines.append("|" + "---|" * (len(leaves) + 1))
    for r, (label, values) in enumerate(_all_rows(statement)):
        lines.append("| " + " | ".join([label] + [_text(v, _dollar(label, r)) for v in values]) + " |")
    return lines


def _stack(statement: Statement) -> list[str]:
    """Text copied from a web page: one cell per line, the header over several lines, empty cells dropped."""
    groups, leaves = _header_dates(statement)
    lines = _preamble(statement)
    for words, monthday, _cols in groups:
        lines += [words, monthday]
    lines += leaves
    for r, (label, values) in enumerate(_all_rows(statement)):
        lines.append(label)
        for v in values:
            text = _text(v, _dollar(label, r)).replace("$ ", "$")
            if text:
                lines.append(text)
    return lines


_VF_WIDTH = 18  # wider than any amount printed, so cells never touch


def _values_first(statement: Statement) -> list[str]:
    """PDF text that prints each row's values before its label, in right-aligned columns."""
    groups, leaves = _header_dates(statement)
    n = len(leaves)
    lines = _preamble(statement)

    def spread(texts: list[tuple[str, list[int]]]) -> str:
        line = " " * (_VF_WIDTH * n)
        for text, cols in texts:
            left, right = _VF_WIDTH * cols[0], _VF_WIDTH * (cols[-1] + 1)
            start = left + max(0, right - left - len(text))
            line = line[:start] + text + line[start + len(text):]
        return line.rstrip()

    if groups:
        lines += [spread([(words, cols) for words, _md, cols in groups]), spread([(md, cols) for _w, md, cols in groups])]
    if not groups:  # balance-sheet dates on two lines, as the columns are too narrow for them
        lines.append(spread([(leaf.rsplit(" ", 1)[0], [j]) for j, leaf in enumerate(leaves)]))
        leaves = [leaf.rsplit(" ", 1)[1] for leaf in leaves]
    lines.append(spread([(leaf, [j]) for j, leaf in enumerate(leaves)]))
    for r, (label, values) in enumerate(_all_rows(statement)):
        cells = "".join(_text(v, _dollar(label, r)).replace("$ ", "$").rjust(_VF_WIDTH) for v in values)
        lines.append(cells + "   " + label)
    return lines


_BLOCKS.update({"caption-repeat": _caption_repeat, "stack": _stack, "values-first": _values_first})
FAMILIES = ("caption-repeat", "stack", "values-first")


def quarters(year: int, quarter: int, rows: list[tuple[str, list[int | None]]], scale: str = "units") -> Statement:
    """Three quarters as banks and IFRS issuers print them: the quarter, the one before it, the year-ago quarter."""
    def end(y: int, q: int) -> date:
        return date(y, 3 * q, MONTH_DAYS[3 * q])

    before = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    columns = [Column(end(year, quarter), 3), Column(end(*before), 3), Column(end(year - 1, quarter), 3)]
    return Statement("income", columns, [], [(label, values[:3]) for label, values in rows], scale)


def quarter_labels(statement: Statement) -> str:
    """A release whose columns are labelled `Q1 2025 | Q4 2024 | Q1 2024`, with no dates printed."""
    labels = [f"Q{c.end.month // 3} {c.end.year}" for c in statement.columns]
    lines = _preamble(statement) + ["| " + " | ".join([""] + labels) + " |", "|" + "---|" * (len(labels) + 1)]
    for r, (label, values) in enumerate(statement.rows):
        lines.append("| " + " | ".join([label] + [_text(v, _dollar(label, r)) for v in values]) + " |")
    head = [f"{statement.company} Reports Results", f"{statement.company} today announced its financial results."]
    return "\n\n".join(head) + "\n\n" + "\n".join(lines) + "\n\n" + CLOSING + "\n"


def footing_income(revenue: int, cost: int, opex: list[int], tax: int) -> list[tuple[str, int]]:
    """An income statement whose subtotals foot: gross profit, operating income, income before taxes, net income."""
    gross = revenue - cost
    operating = gross - sum(opex)
    names = ["Selling, general and administrative", "Research and development", "Marketing"][:len(opex)]
    return ([("Net sales", revenue), ("Cost of sales", cost), ("Gross profit", gross)] + list(zip(names, opex))
            + [("Operating income", operating), ("Income tax expense", tax), ("Net income", operating - tax)])


def label_blocks(columns: list[tuple[str, list[tuple[str, int]]]], company: str = "Acme Widget Corp.") -> str:
    """PDF text that prints a statement's labels as one block, its header, then each column's values in runs
    of three (the runs of the columns interleaved, as pdfminer prints them)."""
    labels = [label for label, _ in columns[0][1]]
    lines = [f"{company} Reports Results", "", f"{company} today announced its financial results.", "",
             company, "Consolidated Statements of Income", "(In thousands)", "", *labels, "", "13 Weeks Ended", ""]
    for date_text, _rows in columns:
        month_day, year = date_text.rsplit(" ", 1)
        lines += [month_day, year, ""]
    runs = [[v for _, v in rows] for _, rows in columns]
    for start in range(0, len(labels), 3):
        for values in runs:
            lines += [f"{v:,}" if v >= 0 else f"({-v:,})" for v in values[start:start + 3]] + [""]
    return "\n".join(lines + [CLOSING, ""])


COVER = """UNITED STATES
SECURITIES AND EXCHANGE COMMISSION
Washington, D.C. 20549

FORM 8-K

CURRENT REPORT
Pursuant to Section 13 or 15(d) of the Securities Exchange Act of 1934

Date of Report (Date of earliest event reported): {month} {day}, {year}

{company}
(Exact name of registrant as specified in its charter)

Delaware | 001-{file} | 83-{ein}
(State or other jurisdiction of incorporation) | (Commission File Number) | (IRS Employer Identification No.)

100 Main Street, Springfield, IL {zip}
(Address of principal executive offices) (Zip Code)

Title of each class | Trading Symbol | Name of each exchange on which registered
Common Stock, $0.001 par value per share | ACME | The Nasdaq Stock Market LLC

Item 2.02 Results of Operations and Financial Condition.
On {month} {day}, {year}, the Company issued a press release reporting its results for the quarter. A copy is furnished as Exhibit 99.1.

Item 9.01 Financial Statements and Exhibits.
Exhibit No. | Description
99.1 | Press release dated {month} {day}, {year}
104 | Cover Page Interactive Data File (embedded within the Inline XBRL document)
"""



# ---- PDF (fpdf2, the test extra) ----------------------------------------------------------------------

PdfCell = tuple[float, float, str, str]  # left edge and width in points, text, alignment: L, C or R
PDF_MARGIN, PDF_LABEL, PDF_DOLLAR, PDF_NUMBER, PDF_PAREN, PDF_GAP = 36.0, 230.0, 10.0, 80.0, 6.0, 6.0
PDF_COLUMN = PDF_DOLLAR + PDF_NUMBER + PDF_PAREN + PDF_GAP  # four columns and a label fit a landscape letter page


def pdf_lines(statement: Statement, dates: str = "split", note: str | None = None, hang: bool = True) -> list[list[PdfCell]]:
    """A statement as a PDF prints it, line by line: labels at the left margin, each amount right-aligned in a
    fixed-width column, `$` in a cell of its own left of the first and total rows' amounts, `)` hung right of a
    negative's digits (printed with them when hang is False). dates="split" prints month and day over the years
    (under each group's words, or over each balance-sheet column); "full" prints each column's whole date
    (`March 31, 2024`) on one line. note replaces the scale note. An empty list is a blank line."""
    def column(j: int) -> float:
        return PDF_MARGIN + PDF_LABEL + j * PDF_COLUMN

    groups, leaves = _header_dates(statement)
    whole = [f"{MONTH_NAMES[c.end.month]} {c.end.day}, {c.end.year}" for c in statement.columns]
    note = SCALE_NOTES.get(statement.scale) if note is None else note
    lines: list[list[PdfCell]] = [[(PDF_MARGIN, 400.0, text, "L")] for text in (statement.company, statement.title, note) if text]
    lines.append([])
    if groups:
        lines.append([(column(cols[0]), PDF_COLUMN * len(cols), words, "C") for words, _md, cols in groups])
        if dates != "full":
            lines.append([(column(cols[0]), PDF_COLUMN * len(cols), monthday, "C") for _w, monthday, cols in groups])
    if dates == "full":
        leaves = whole
    elif not groups:  # a balance sheet's dates on two lines
        lines.append([(column(j), PDF_COLUMN, date_text.rsplit(" ", 1)[0], "C") for j, date_text in enumerate(whole)])
        leaves = [date_text.rsplit(" ", 1)[1] for date_text in whole]
    lines.append([(column(j), PDF_COLUMN, leaf, "C") for j, leaf in enumerate(leaves)])
    for r, (label, values) in enumerate(_all_rows(statement)):
        cells: list[PdfCell] = [(PDF_MARGIN, PDF_LABEL, label, "L")]
        for j, value in enumerate(values):
            prefix, digits, suffix = _amount(value)
            if _dollar(label, r) and digits:
                cells.append((column(j), PDF_DOLLAR, "$", "L"))
            if digits:
                cells.append((column(j) + PDF_DOLLAR, PDF_NUMBER, prefix + digits + ("" if hang else suffix), "R"))
            if suffix and hang:
                cells.append((column(j) + PDF_DOLLAR + PDF_NUMBER, PDF_PAREN, suffix, "L"))
        lines.append(cells)
    return lines


def pdf_document(pages: list[list[list[PdfCell]]], font: str = "Helvetica", size: float = 9.0, header=None, footer=None,
                 turn: int = 0, compress: bool = True, setup=None, inherit_box: bool = False) -> bytes:
    """Pages of printed lines as a landscape letter-size PDF in a core font. header and footer, given a page's
    number, give the running line printed at its top and at its foot. turn=90 or 270 draws each page's content
    turned a quarter counter-clockwise or clockwise onto a portrait page (a landscape table printed sideways),
    turn=180 upside down. Each page has a /MediaBox of its own, or, with inherit_box, the page tree's (fpdf2 writes
    a page's box only when its size is not the document's). setup(pdf) runs before the PDF is written (to encrypt
    it, say)."""
    import contextlib

    from fpdf import FPDF

    orientation = "P" if turn % 180 else "L"
    pdf = FPDF(orientation=orientation if inherit_box else {"P": "L", "L": "P"}[orientation], unit="pt", format="letter")
    width, depth = 792.0, 612.0  # the landscape letter page the content is laid out on
    centre = {90: (width / 2, width / 2), 180: (width / 2, depth / 2), 270: (depth / 2, depth / 2)}.get(turn)  # maps it onto the page
    pdf.set_auto_page_break(False)
    pdf.set_compression(compress)
    pdf.core_fonts_encoding = "windows-1252"  # core fonts print WinAnsi: the em dash of a zero
    height = size * 1.6
    for number, lines in enumerate(pages, 1):
        pdf.add_page(orientation=orientation)
        pdf.set_font(font, size=size)
        with pdf.rotation(turn, *centre) if centre else contextlib.nullcontext():
            if header is not None:
                pdf.set_xy(PDF_MARGIN, PDF_MARGIN)
                pdf.cell(width - 2 * PDF_MARGIN, height, header(number), align="C")
            for i, cells in enumerate(lines):
                for left, cell_width, text, align in cells:
                    pdf.set_xy(left, PDF_MARGIN + (3 + i) * height)
                    pdf.cell(cell_width, height, text, align=align)
            if footer is not None:
                pdf.set_xy(PDF_MARGIN, depth - PDF_MARGIN - height)
                pdf.cell(width - 2 * PDF_MARGIN, height, footer(number), align="C")
    if setup is not None:
        setup(pdf)
    return bytes(pdf.output())


def render_pdf(statement: Statement, font: str = "Helvetica", size: float = 9.0, compress: bool = True, inherit_box: bool = False,
               **options) -> bytes:
    """The statement as a one-page PDF release (pdf_lines' options), a headline and a sentence above it."""
    head = [[(PDF_MARGIN, 500.0, f"{statement.company} Reports Results", "L")], [],
            [(PDF_MARGIN, 500.0, f"{statement.company} today announced its financial results.", "L")], []]
    return pdf_document([head + pdf_lines(statement, **options) + [[], [(PDF_MARGIN, 500.0, CLOSING, "L")]]], font, size,
                        compress=compress, inherit_box=inherit_box)
