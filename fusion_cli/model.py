"""Immutable records that flow through the pipeline: documents, rows, tables, facts and findings.

Named tuples: created by the hundred thousand on large inputs, they are cheap to build and to import.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple


class Statement(StrEnum):
    """What a table is: a statement, a reconciliation to non-GAAP measures, a segment breakdown, or other."""

    INCOME = "income"
    BALANCE = "balance"
    CASHFLOW = "cashflow"
    RECONCILIATION = "reconciliation"
    SEGMENT = "segment"
    OTHER = "other"


class Cell(NamedTuple):
    """One cell or token of a row as printed, with its span in the row's column coordinates."""

    text: str
    start: int
    end: int
    line: int = 0  # the input line the cell stands on, when it is not its row's line (a table printed one cell per line)


class Line(NamedTuple):
    """One logical line of a document: plain text, or a row of cells (tab, pipe, HTML)."""

    number: int  # 1-based line of the input
    text: str  # cleaned text, tags and escapes removed
    cells: tuple[Cell, ...] | None = None  # None for free text
    layout: str = "text"  # text | tab | pipe | bar | html | stack (rebuilt from one cell per line) | break (a table ends)


class Document(NamedTuple):
    """A decoded input: its name, kind and cleaned lines (line numbers kept)."""

    name: str
    lines: Iterable[Line]  # walked once per reading; read.Lines reads them from the text each time
    kind: str = "text"  # text | html


class Amount(NamedTuple):
    """A number read from a cell: its value, and how it was printed."""

    value: Decimal | None  # None for n/m, n/a and similar placeholders
    text: str
    percent: bool = False
    decimals: int = 0


class Period(NamedTuple):
    """A column of a financial table: when it ends and how long it runs."""

    end: date | None
    months: int | None  # 3, 6, 9, 12; 0 for a balance-sheet date; None when not printed
    fiscal: str  # "Q1 2011", "9M 2009", "FY 2010"
    header: str  # the header text the period was read from
    guessed: bool = False  # the end date was inferred (a quarter or year with no date printed)
    assumed_length: bool = False  # the length was inferred (a cash-flow column with only a date printed)
    why: str = ""  # how a length or end the header does not print plainly was read; reported with the facts
    member: str = ""  # what the column is besides its period: `GAAP`, `Adj.`, `Consolidated`, `Average Yield/Rate`


class Row(NamedTuple):
    """A table row: whole label, section it sits under, and its values by period index."""

    line: int
    label: str
    section: str
    values: tuple[tuple[int, Amount, int], ...]  # (period index, amount, source line)
    period: Period | None = None  # in a transposed table, the period the row's label names (or the last one named)
    member: str | None = None  # in a transposed table, the rest of a row's label that names a period (`U.S. GAAP`,
    # `Adjusted`); None for a row that names none (an adjustment such as `Restructuring costs`)


class Table(NamedTuple):
    """A financial table found in a document."""

    title: str
    statement: Statement
    periods: tuple[Period | None, ...]  # one per column, as the rows' values index them; None for a column of no
    # period (`Change`, `% of Net Sales`); in a transposed table (`measures`), the periods its rows name
    rows: tuple[Row, ...]
    scale: str  # units | thousands | millions | billions
    scale_note: str  # the note as printed, e.g. "in thousands, except per share data"
    line: int  # first line of the table
    measures: tuple[str, ...] = ()  # a transposed table's columns: measures (`Operating Profit | Profit`), periods in its rows
    unit: str = "USD"  # the currency of its money (`CAD`, `EUR`), or the unit that is not money its note names (`kWh`)


class Fact(NamedTuple):
    """One number of a release with its line item, period and provenance."""

    file: str
    company: str
    statement: Statement
    table: str
    label: str
    concept: str | None
    period_end: str | None
    period_months: int | None
    fiscal_period: str
    value: Decimal
    scale: str
    as_printed: str
    line: int
    unit: str = "USD"  # a currency (USD, CAD, EUR) | CAD/share | shares | % | a unit that is not money (kWh, employees, stores, bps)
    group: str = ""  # the heading the row sits under, e.g. "Operating expenses:"
    table_line: int = 0  # first line of the table: identifies the table within its file
    member: str = ""  # the column's member besides its period (XBRL's dimension value): `GAAP`, `Adj.`, `Domestic`; empty for ordinary columns

    @property
    def page(self) -> int | None:
        """The PDF page the figure is printed on; None in a text release."""
        return page_of(self.line)[0]


class ItemKey(NamedTuple):
    """A line item's identity in a company's series: its statement, its unit, and its concept (`c:revenue`) or,
    without one, its folded wording (`l:escrow payable`); a row printed again under another heading is a variant
    (`@heading`, `#3`). Printed as `income|USD|c:revenue`, never parsed back."""

    section: str
    unit: str
    name: str
    variant: str = ""

    @classmethod
    def of_concept(cls, section: str, unit: str, concept: str) -> ItemKey:
        return cls(section, unit, f"c:{concept}")

    @property
    def wording(self) -> str | None:
        """The folded wording of an item keyed by its words, else None."""
        return self.name[2:] if self.name.startswith("l:") else None

    def __str__(self) -> str:
        return f"{self.section}|{self.unit}|{self.name}{self.variant}"


class Point(NamedTuple):
    """One row of an analysis: a statement value, a change, a margin or a bridge step."""

    company: str
    section: str  # income | balance | cashflow | reconciliation | margin | change | bridge
    item: str  # the company's own wording (latest release first), or the metric's name
    concept: str | None
    period: str  # fiscal label: Q1 2011, 9M 2009, FY 2010
    period_end: str | None
    period_months: int | None
    basis: Basis
    value: Decimal | None  # None where a percent change is not meaningful (n/m)
    unit: str  # USD | USD/share | shares | % | pp | x
    source: str  # file:line of a printed value, or "derived"
    note: str = ""  # n/m, narrowed, widened, rounding, does not foot, how a value was derived
    previous: tuple[tuple[Decimal, str], ...] = ()  # earlier values (value, source) of a restated line
    key: ItemKey | tuple[str, str] | None = None  # the line item, or (bridge, step) of a bridge's row (not exported)


class Basis(StrEnum):
    """What a value of the analysis is: as printed (reported), restated by a later release, derived, printed before a
    stock split; a change year over year or quarter over quarter; a step of a bridge."""

    REPORTED = ""
    RESTATED = "restated"
    DERIVED = "derived"
    PRE_SPLIT = "pre-split"
    YOY = "yoy"
    QOQ = "qoq"
    START = "start"
    ADJUSTMENT = "adjustment"
    SUBTOTAL = "subtotal"
    COMPUTED = "computed"
    DIFFERENCE = "difference"


class Status(StrEnum):
    """A check's verdict: equal, off by no more than the printed precision, disagreeing, or not decidable."""

    OK = "ok"
    ROUNDING = "rounding"
    MISMATCH = "mismatch"
    UNVERIFIABLE = "unverifiable"


class CheckKind(StrEnum):
    """What a check compares: a total and its lines, a line printed twice, a tie between statements, a non-GAAP
    subtotal and its bridge, a claim of the text and the tables."""

    FOOTING = "footing"
    TWICE = "twice"
    TIE = "tie"
    BRIDGE = "bridge"
    CLAIM = "claim"


PAGED = 1_000_000_000  # a PDF's lines are numbered PAGED + page * PAGE_LINES + line on the page; no text file has so many
PAGE_LINES = 10_000


def page_of(line: int) -> tuple[int | None, int]:
    """(page, line on the page) of a line number; page None for a text file's lines."""
    if line < PAGED:
        return None, line
    page, on_page = divmod(line - PAGED, PAGE_LINES)
    return page, on_page


def where(line: int) -> str:
    """A line as people cite it: `27` in a text file, `p3:27` on a PDF's third page."""
    page, on_page = page_of(line)
    return str(on_page) if page is None else f"p{page}:{on_page}"


def at(file: str, line: int) -> str:
    """`release.txt:27`, `release.pdf:p3:27`."""
    return f"{file}:{where(line)}"


class Source(NamedTuple):
    """Where a figure was printed: its file and line, or a run of lines. Printed `file:12` or `file:12-18`."""

    file: str
    line: int = 0
    last: int = 0  # the run's last line, when it is a run

    def __str__(self) -> str:
        if not self.file:
            return ""
        return at(self.file, self.line) + (f"-{where(self.last)}" if self.last > self.line else "")


class Check(NamedTuple):
    """One verification of a release: a total, a tie between statements, a bridge subtotal or a claim."""

    kind: CheckKind
    status: Status
    subject: str  # what was checked, e.g. "Total current assets", "revenue +6.3% YoY"
    period: str  # fiscal label of the period checked
    expected: Decimal | None  # what the other side gives: the sum of the components, the table's figure
    found: Decimal | None  # what is printed: the total, the claim's figure
    difference: Decimal | None  # found - expected
    source: Source  # where the checked value is printed
    other: Source = Source("")  # where the other side is printed
    note: str = ""  # how it was checked, and an explanation the tables support
    where: str = ""  # the table (first line, title) and member column the check was made in; not exported


class Finding(NamedTuple):
    """A problem found while reading: returned as data, turned into messages by the CLI."""

    severity: str  # error | warning | info
    source: str  # file or file:line
    message: str


class Extraction(NamedTuple):
    """What extracting one document gives: its facts, tables and findings."""

    file: str
    company: str
    facts: tuple[Fact, ...]
    tables: tuple[Table, ...] = ()
    findings: tuple[Finding, ...] = ()
    prose: tuple[tuple[int, str], ...] = ()  # (line, text) of the release's sentences, for checking its claims
    fy_end: int = 12  # the month its fiscal year ends in, from its columns or its words
    fiscal_offset: int = 0  # how it numbers fiscal years: 0 by the year one ends in, -1 by the year it starts in
    headings: tuple[tuple[int, str], ...] = ()  # (line, text) of short heading lines, the sections its sentences sit in
