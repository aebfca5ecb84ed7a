"""A line of a table -> its label and its values with their positions; the records of a table being read."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .amounts import parse_amount, unreadable_number
from .dumps import is_prose
from .model import Amount, Line
from .periods import Column

PREFIX = {"$", "(", "$(", "($", "US$", "(US$", "€", "£"}
SUFFIX = {")", "%", ")%", "%)", ") %", "pts", "pts.", "bps", "pp", "x"}



@dataclass(slots=True)
class Value:
    """A number found in a row, with its position (cell index or right edge in characters)."""

    amount: Amount
    pos: float
    start: float
    end: float
    line: int
    unreadable: bool = False  # printed as a number but out of range or malformed: keeps its column, gives no fact


@dataclass(slots=True)
class RawRow:
    line: int
    label: str
    section: str
    values: list[Value]
    layout: str
    placed: list[tuple[int, Value]] | None = None  # (column index, value) once placed
    cells: int = 0  # cells in the source line, when the layout has cells and no `$` or `)` cell of its own
    out: tuple[int | str, ...] = ()  # column, printed amount, column, printed amount... once the table is closed

    def settle(self) -> None:
        """Keep only what facts are made of once the table is closed: each number's column and its text as
        printed, read again when the facts are made. A parsed amount takes four times the memory, and a
        10-K-sized release holds hundreds of thousands of them until its last table is found."""
        self.out = tuple(x for j, v in self.placed or () for x in (j, v.amount.text))
        self.values, self.placed = [], None

    def amounts(self) -> Iterator[tuple[int, Amount]]:
        """The row's placed amounts by column (all on the row's own line)."""
        out = self.out
        for k in range(0, len(out), 2):
            column, text = int(out[k]), str(out[k + 1])
            yield column, parse_amount(text) or Amount(None, text)


@dataclass(slots=True)
class RawTable:
    """A table as found: its header columns, rows with values placed in columns, and its context."""

    columns: list[Column]
    header: list[Line]
    context: list[str]  # text lines between the previous table and this header (titles, notes)
    first_line: int
    rows: list[RawRow] = field(default_factory=list)
    texts: list[Line] = field(default_factory=list)  # no-value lines inside the table
    paragraphs: list[tuple[Line, list[Value], list[str]]] = field(default_factory=list)
    pending: list[Line] = field(default_factory=list)
    section: str = ""
    layout: str = "text"
    captions: str = ""  # a transposed table's (measures as columns, periods as rows) captions over its rows
    titled: int = 8  # how many context lines come before the header (a title is among them, never among the rest)
    values_first: bool = False  # its rows print their values before their labels (PDF text)



def row_values(line: Line) -> tuple[str, list[Value]]:
    """Split a row into its label and the numbers after it (markers such as `$`, `)`, `%` merged)."""
    if line.cells is not None:
        return _cell_values(line)
    return _text_values(line)


def _cell_values(line: Line) -> tuple[str, list[Value]]:
    label: list[str] = []
    values: list[Value] = []
    prefix = ""
    for cell in line.cells or ():
        text = cell.text
        if not text:
            continue
        if text in PREFIX:
            prefix += text
            continue
        if text in SUFFIX or (text.startswith(")") and len(text) <= 3):
            if values:
                last = values[-1]
                merged = parse_amount(last.amount.text + text)
                if merged is not None:
                    last.amount = merged
            continue
        amount = parse_amount(prefix + text)
        source = cell.line or line.number
        if amount is None and label and unreadable_number(text):
            values.append(Value(Amount(None, text), float(cell.start), float(cell.start), float(cell.end), source, True))
            prefix = ""
        elif amount is not None and (values or label or not _is_label_like(text)):
            values.append(Value(amount, float(cell.start), float(cell.start), float(cell.end), source))
            prefix = ""
        elif not values:
            label.append(text)
        else:  # text after the numbers (a note, "n/m" forms not known): keeps its column as a blank
            continue
    return " ".join(label).strip(), values


_WORD2 = re.compile(r"[A-Za-z]{2}")


def _is_label_like(text: str) -> bool:
    return bool(_WORD2.search(text))


TOKEN = re.compile(r"\S+")
WORD3 = re.compile(r"[A-Za-z]{3}")
FINANCIAL_AMOUNT = re.compile(r"\d,\d{3}|[$()%]|\.\d")  # an amount as financial tables print it (`1,200`, `$`, `(`, `%`, `.5`)
YEAR_LABEL = re.compile(r"(?:19|20)\d\d")
_DIGIT = re.compile(r"\d")
DIGIT_RUN = re.compile(r"\d[\d,.]*")


def _text_values(line: Line) -> tuple[str, list[Value]]:
    text = line.text
    last = text.rsplit(None, 1)[-1] if text else ""
    if last not in SUFFIX and not _DIGIT.search(last) and parse_amount(last) is None:
        return " ".join(text.split()), []  # a line that does not end in a number has none to read
    if _DATE_END.search(text):
        return " ".join(text.split()), []  # `General Meeting : May 27, 2025`: the year ends a date, not a row
    toks = list(TOKEN.finditer(text))
    values: list[Value] = []
    i = len(toks) - 1
    suffix, pending = "", 0  # markers read after the next number (`23.2 %`), from token `pending` back
    while i >= 0:
        tok = toks[i].group(0)
        if tok in SUFFIX:
            pending = pending if suffix else i
            suffix = tok + suffix
            i -= 1
            continue
        if tok in PREFIX and values:
            merged = parse_amount(tok + values[0].amount.text)
            if merged is not None:
                values[0].amount = merged
                values[0].start = float(toks[i].start())
            i -= 1
            continue
        amount = parse_amount(tok + suffix)
        unreadable = amount is None and i > 0 and unreadable_number(tok)
        if unreadable:
            amount = Amount(None, tok)
        if amount is None or (amount.value is None and not values and i == 0):
            break
        end = toks[i].end() + len(suffix)
        values.insert(0, Value(amount, float(end), float(toks[i].start()), float(end), line.number, unreadable))
        suffix = ""
        i -= 1
    # markers and dashes set one space after the label's last word are label text: `diluted (2,3)   $ 0.452`,
    # `Net income per unit -` wrapped before its values
    # (only in fixed-width text, whose values stand apart: PDF text sets every word one space apart)
    spaced = any(b.start - a.end >= 2 for a, b in zip(values, values[1:]))
    while values and i >= 0 and values[0].start - toks[i].end() <= 1 and (
            ((spaced or len(values) == 1) and MARKER.fullmatch(values[0].amount.text))
            or (len(values) == 1 and _DASH.fullmatch(values[0].amount.text))):
        values.pop(0)
        i += 1
    if i < 0 and len(values) == 1 and MARKER.fullmatch(values[0].amount.text):
        return text.strip(), []  # a footnote marker alone on a line (`(2)` under a wrapped heading)
    if suffix and i >= 0:
        i = pending  # markers no number took are the label's: `Gross profit %   23.2 %`
    label = text[: toks[i].end()] if i >= 0 else ""
    return " ".join(label.split()), values


_DATE_END = re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?\s{1,3}\d{1,2},?\s{1,3}"
                       r"(?:19|20)\d\d(?:\s{1,3}and\s{1,3}(?:19|20)\d\d)?[.,;]?\s{0,3}$")
CAPTION_WORDS = re.compile(r"(?i)\b(?:ended|ending|for the|periods?|months?|weeks?|years?|quarters?|january|february|march|april|may"
                            r"|june|july|august|september|october|november|december)\b")
MARKERS = re.compile(r"\(\d{1,2}(?:,\d{1,2})*\)")
MARKER = re.compile(r"\(\d{1,2}(?:,\d{1,2})*\)|\(\d{1,2},?\)?")
_DASH = re.compile(r"[-\u2013\u2014]{1,2}")


def values_first(line: Line, label: str, known: bool) -> tuple[str, list[Value]]:
    """`1,234   1,100   Revenue`: PDF text that prints a row's values before its label. `known`: right under a
    header, or in a table whose rows are printed so, a row with one plain number is one of them."""
    values: list[Value] = []
    prefix = ""
    for m in TOKEN.finditer(line.text):
        tok = m.group(0)
        if tok in PREFIX:
            prefix += tok
            continue
        if tok in SUFFIX and values:
            merged = parse_amount(values[-1].amount.text + tok)
            if merged is not None:
                values[-1].amount = merged
            continue
        amount = parse_amount(prefix + tok)
        prefix = ""
        if amount is None or amount.value is None:
            rest = line.text[m.start():].strip()
            printed = bool(values) and (known or len(values) >= 2 or bool(FINANCIAL_AMOUNT.search(values[0].amount.text))
                                        or values[0].amount.value == 0)
            if printed and WORD3.search(rest) and not _DIGIT.search(rest) and not is_prose(rest):
                return " ".join(rest.split()), values
            return label, []
        values.append(Value(amount, float(m.end()), float(m.start()), float(m.end()), line.number))
    return label, []


