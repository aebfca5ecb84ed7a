"""Document -> tables: rows of tab, pipe, ` | `, fixed-width, HTML and flattened layouts, values placed in columns."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from .model import Amount, Document, Finding, Line
from .dumps import is_prose as _is_prose
from .dumps import CONNECTOR_END as _CONNECTOR_END
from .dumps import restack
from .numbers import detect_scale, parse_amount, unreadable_number
from .headers import read_columns
from .periods import Column, is_header, measure_row, member_row, names_period, tokens

_RULE = re.compile(r"^[\s\-=_~*|:.+]*$")
_PAGE = re.compile(r"^\s*(?:-\s*)?(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?(?:\s*-)?\s*$", re.I)
_PREFIX = {"$", "(", "$(", "($", "US$", "(US$", "€", "£"}
_SUFFIX = {")", "%", ")%", "%)", ") %", "pts", "pts.", "bps", "pp", "x"}


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


def find_tables(doc: Document) -> tuple[list[RawTable], list[Finding]]:
    """Walk the lines once, grouping header blocks and the rows under them into tables."""
    tables: list[RawTable] = []
    findings: list[Finding] = []
    header: list[Line] = []
    gap: list[str] = []
    gap_lines: list[Line] = []
    current: RawTable | None = None
    orphans: list[int] = []  # lines of rows with numbers but no dated header above them
    amounts = False  # one of them holds an amount as financial tables print them (`1,200`, `$`, `(`, `%`, `.5`)
    measures: Line | None = None  # a row naming measures with no period: the head of a transposed table
    titled = 0  # lines of the gap before the header: a table's title is among them
    captions = ""  # the header lines above it, which give its rows' periods their length and month

    def report_orphans() -> None:
        nonlocal amounts
        if len(orphans) >= 2 and amounts:
            findings.append(Finding("warning", f"{doc.name}:{orphans[0]}",
                                    f"lines {orphans[0]}-{orphans[-1]}: {len(orphans)} rows of numbers under no column "
                                    f"header with dates or periods; not read"))
        orphans.clear()
        amounts = False

    def close() -> None:
        nonlocal current
        if current is not None and current.rows:
            findings.extend(place_values(current, doc.name))
            for para in current.paragraphs:
                findings.extend(realign_paragraph(current, *para, doc.name))
            for row in current.rows:
                row.settle()
            current.paragraphs, current.pending = [], []
            tables.append(current)
        current = None

    for line in restack(doc.lines, findings, doc.name):
        if line.layout == "break":  # the end of a document or of a table element
            close()
            report_orphans()
            header, gap, gap_lines, measures = [], [], [], None
            continue
        if _is_blank(line):
            continue
        if is_header(line) or (header and _is_subheader(line)):
            if current is not None and current.rows:
                close()
            if line.cells is not None and not any(h.cells is not None for h in header):
                titled = len(gap)  # the lines before the header's first row of cells are where its title is
            elif not header:
                titled = len(gap)
            header.append(line)
            continue
        if current is not None and line.cells is None and _is_flattened(line, current):
            current.paragraphs.append((line, _paragraph_amounts(line), _label_items(line.text)))
            continue
        label, values = row_values(line)
        first = False  # the row prints its values before its label
        if values and line.cells is None and (_is_prose(label) or (current is not None and current.layout != "text")):
            values = []  # a sentence, or a line of text inside a table of cells (a page's running title)
        if header and len(values) > 1 and all(_MARKER.fullmatch(v.amount.text) for v in values) and _CAPTION_WORDS.search(label):
            values = []  # `ended December   (1)   (1)`: a header's caption and its footnote markers, no amounts
        if not values and line.cells is None and (header or (current is not None and current.layout == "text")):
            label, values = _values_first(line, label, current is not None and current.values_first)
            first = bool(values)
        if values and (_EXHIBIT.fullmatch(label) or (line.cells is None and _RANGE.search(line.text, int(values[0].start)))):
            values = []  # `Exhibit 99.2`, or a guidance range (`8% - 10%`, `$2.30 to $2.40`): never amounts of a period
        if not values:
            if _is_prose(line.text if line.cells is None else max((c.text for c in line.cells), key=len)):
                close()
                report_orphans()
                header, gap, gap_lines = [], [], []
                continue
            if line.cells is not None and measure_row(line):
                close()
                measures, captions = line, " ".join(h.text for h in header)
                titled = len(gap)
            elif current is not None:
                current.pending.append(line)
            gap.append(line.text)
            gap_lines.append(line)
            continue
        if header:
            columns = read_columns(header, _MARKERS.sub(" ", " ".join(" ".join(g.split()) for g in gap[-3:])))
            if any(c.kind == "period" for c in columns):
                close()
                report_orphans()
                current = RawTable(columns, header, gap[-8:], header[0].number, layout=line.layout,
                                   titled=max(0, titled - max(0, len(gap) - 8)))
                current.pending = [g for g in gap_lines if g.number > header[-1].number and _is_heading(g.text)]
            elif current is None and measures is None:
                findings.append(Finding("warning", f"{doc.name}:{line.number}", "table header without dates; table skipped"))
            header = []
        if current is None and measures is not None and names_period(label):
            current = RawTable(_measures(measures), [measures], gap[-8:], measures.number, layout=line.layout, captions=captions,
                               titled=max(0, titled - max(0, len(gap) - 8)))
            measures = None
        if current is None:
            if _WORD3.search(label):
                if orphans and line.number - orphans[-1] > 3:
                    report_orphans()
                orphans.append(line.number)
                amounts = amounts or any(_FINANCIAL_AMOUNT.search(v.amount.text) for v in values)
            continue
        gap, gap_lines = [], []
        _add_row(current, line, label, values)
        current.values_first = current.values_first or first
    close()
    report_orphans()
    return tables, findings


_WORD3 = re.compile(r"[A-Za-z]{3}")
_EXHIBIT = re.compile(r"(?i)exhibits?(?:\s+no\.?)?")
_RANGE = re.compile(r"\d%\s?[-\u2013]\s?\d[\d.]*%|\$\d[\d,.]*\s?[-\u2013]\s?\$\d|\d%?\s+to\s+\$?\d")  # `8% - 10%`, `$2.30-$2.40`, `3 to 5`
_HEADING_LINE = re.compile(r"(?![(*\d])[^|]{1,80}")  # a short line of text that is no footnote


_FINANCIAL_AMOUNT = re.compile(r"\d,\d{3}|[$()%]|\.\d")


def _measures(line: Line) -> list[Column]:
    """The columns of a transposed table: one per measure named in its head row."""
    return [Column("measure", float(c.start), float(c.end), c.text, member=c.text) for c in line.cells or ()
            if c.text and c.start > 0]  # the first column is the rows' labels


def _is_heading(text: str) -> bool:
    """A line between a table's header and its first row that can head the rows below it (not a scale note)."""
    text = text.strip()
    return bool(_WORD3.search(text)) and not text.startswith("(") and detect_scale(text) is None


def _is_blank(line: Line) -> bool:
    text = line.text
    if not text.strip():
        return True
    if line.cells is None:
        return bool(_RULE.match(text) or _PAGE.match(text))
    return all(not c.text or _RULE.match(c.text) for c in line.cells)


_SUBHEADER_WORDS = re.compile(r"%|amounts?|dollars?|of|net|sales|revenues?|total|change|percent(?:age)?|[|()\s]", re.I)


def _is_subheader(line: Line) -> bool:
    if line.cells is not None and line.layout != "stack" and member_row(line):
        return True
    toks = tokens(line)
    if not toks or not all(t.kind in ("amounts", "pct", "change") for t in toks):
        return False
    rest = _SUBHEADER_WORDS.sub("", line.text)
    return not rest


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
        if text in _PREFIX:
            prefix += text
            continue
        if text in _SUFFIX or (text.startswith(")") and len(text) <= 3):
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


_TOKEN = re.compile(r"\S+")
_DIGIT = re.compile(r"\d")
_DIGIT_RUN = re.compile(r"\d[\d,.]*")


def _text_values(line: Line) -> tuple[str, list[Value]]:
    text = line.text
    last = text.rsplit(None, 1)[-1] if text else ""
    if last not in _SUFFIX and not _DIGIT.search(last) and parse_amount(last) is None:
        return " ".join(text.split()), []  # a line that does not end in a number has none to read
    toks = list(_TOKEN.finditer(text))
    values: list[Value] = []
    i = len(toks) - 1
    suffix = ""
    while i >= 0:
        tok = toks[i].group(0)
        if tok in _SUFFIX:
            suffix = tok + suffix
            i -= 1
            continue
        if tok in _PREFIX and values:
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
            ((spaced or len(values) == 1) and _MARKER.fullmatch(values[0].amount.text))
            or (len(values) == 1 and _DASH.fullmatch(values[0].amount.text))):
        values.pop(0)
        i += 1
    if i < 0 and len(values) == 1 and _MARKER.fullmatch(values[0].amount.text):
        return text.strip(), []  # a footnote marker alone on a line (`(2)` under a wrapped heading)
    label = text[: toks[i].end()] if i >= 0 else ""
    return " ".join(label.split()), values


_CAPTION_WORDS = re.compile(r"(?i)\b(?:ended|ending|for the|periods?|months?|weeks?|years?|quarters?|january|february|march|april|may"
                            r"|june|july|august|september|october|november|december)\b")
_MARKERS = re.compile(r"\(\d{1,2}(?:,\d{1,2})*\)")
_MARKER = re.compile(r"\(\d{1,2}(?:,\d{1,2})*\)|\(\d{1,2},?\)?")
_DASH = re.compile(r"[-\u2013\u2014]{1,2}")


def _values_first(line: Line, label: str, known: bool) -> tuple[str, list[Value]]:
    """`1,234   1,100   Revenue`: PDF text that prints a row's values before its label. `known`: the table's
    rows are printed so, and a row with one plain number is one of them."""
    values: list[Value] = []
    prefix = ""
    for m in _TOKEN.finditer(line.text):
        tok = m.group(0)
        if tok in _PREFIX:
            prefix += tok
            continue
        if tok in _SUFFIX and values:
            merged = parse_amount(values[-1].amount.text + tok)
            if merged is not None:
                values[-1].amount = merged
            continue
        amount = parse_amount(prefix + tok)
        prefix = ""
        if amount is None or amount.value is None:
            rest = line.text[m.start():].strip()
            printed = bool(values) and (known or len(values) >= 2 or bool(_FINANCIAL_AMOUNT.search(values[0].amount.text))
                                        or values[0].amount.value == 0)
            if printed and _WORD3.search(rest) and not _DIGIT.search(rest) and not _is_prose(rest):
                return " ".join(rest.split()), values
            return label, []
        values.append(Value(amount, float(m.end()), float(m.start()), float(m.end()), line.number))
    return label, []


def _add_row(table: RawTable, line: Line, label: str, values: list[Value]) -> None:
    by_year = not label and len(values) > 2 and values[0].start < (1 if line.cells is not None else 2) \
        and bool(_YEAR_LABEL.fullmatch(values[0].amount.text))
    if by_year:  # `2024   472   --   NM`: a sub-row labelled by a year, under a heading
        label, values = values[0].amount.text, values[1:]
    label, section = _join_wrapped(table, line, label, join=not by_year)
    plain = line.cells is not None and not any(c.text in _PREFIX or c.text in _SUFFIX for c in line.cells)
    table.rows.append(RawRow(line.number, label, section, values, line.layout, cells=len(line.cells or ()) if plain else 0))


def _hangs(first: Line, below: Line) -> bool:
    """Fixed-width text whose label goes on one space further in on the next line (a hanging indent):
    `INCOME BEFORE PROVISION FOR INCOME` / ` TAXES   5,578`. Items under a heading sit two spaces in or more."""
    if first.cells is not None or below.cells is not None:
        return False
    indent = len(below.text) - len(below.text.lstrip())
    return indent - (len(first.text) - len(first.text.lstrip())) == 1


def _join_wrapped(table: RawTable, line: Line, label: str, join: bool = True) -> tuple[str, str]:
    """Join label parts wrapped over earlier lines; a line that is not part of the label becomes the section."""
    parts: list[str] = []
    expect = line.number - 1
    below = line  # the line the label goes on to
    for prev in reversed(table.pending if join else ()):
        text = prev.text.strip()
        if prev.number != expect or text.endswith(":"):
            break
        head = parts[0] if parts else label
        if not (_CONNECTOR_END.search(text) or head[:1].islower() or head[:1] in "(-\u2013" or not head
                or _hangs(prev, below)):
            break
        parts.insert(0, text)
        expect, below = prev.number - 1, prev
    rest = table.pending[: len(table.pending) - len(parts)]
    for prev in rest:
        table.texts.append(prev)
    headings = [p.text.strip() for p in rest if _HEADING_LINE.fullmatch(p.text.strip())]
    if headings:  # the headings above the row (`HEADCOUNT` / `GEOGRAPHIC AREA`; `Weighted` / `average number` / `of units`)
        table.section = " ".join(headings[-4:])
    table.pending = []
    return " ".join(parts + [label]).strip(), table.section


# ---- flattened paragraphs ---------------------------------------------------------------------

def _is_flattened(line: Line, table: RawTable) -> bool:
    """A paragraph where labels and numbers of several rows were run together (PDF-to-text)."""
    n = sum(1 for c in table.columns if c.kind == "period")
    if n != len(table.columns) or not 40 <= len(line.text) <= 20_000:  # a flattened table is a paragraph, not a book
        return False
    if len(_DIGIT_RUN.findall(line.text)) < 2 * n:  # it needs two full rows of numbers at least
        return False
    runs, run, texts = [], 0, 0
    for tok in line.text.split():
        amount = parse_amount(tok)
        if (amount is not None and amount.value is not None and not amount.percent) or tok == "$":
            run += tok != "$"
        else:
            if run:
                runs.append(run)
            run = 0
            texts += 1
    if run:
        runs.append(run)
    return n >= 1 and texts >= 3 and sum(1 for r in runs if r >= n) >= 2 and sum(runs) % n == 0 and len(runs) >= 3


_LABEL_SPLIT = re.compile(r"(?<=[a-z'’])\s+(?=[A-Z])")
_CONNECTORS = {"and", "of", "or", "to", "for", "in", "on", "from", "with", "by", "the", "net", "less", "at", "per", "as"}


_AMOUNT_SPLIT = re.compile(r"(?:\$\s{0,8})?(?:\(?-?[\d,.]{1,40}\)?%?)(?=\s|$)|\s\$\s")
_AFTER_COLON = re.compile(r"(?<=:)\s+")


def _label_items(text: str) -> list[str]:
    """The labels of a flattened paragraph, in order: split at colons and at a capital after a lower-case word."""
    pieces = [p for p in _AMOUNT_SPLIT.split(text) if p and p.strip(" $")]
    items: list[str] = []
    for piece in pieces:
        for part in _AFTER_COLON.split(piece.strip()):
            words = part.split()
            start = 0
            for j in range(1, len(words)):
                prev, word = words[j - 1], words[j]
                if prev.islower() and prev.isalpha() and prev not in _CONNECTORS and word[:1].isupper():
                    items.append(" ".join(words[start:j]))
                    start = j
            if words[start:]:
                items.append(" ".join(words[start:]))
    return [i.strip() for i in items if i.strip(" $")]


# ---- placing values in columns ----------------------------------------------------------------

def place_values(table: RawTable, name: str) -> list[Finding]:
    """Put each row's numbers in their columns; rows that cannot be placed for sure are reported, not guessed."""
    findings: list[Finding] = []
    cols = table.columns
    n = len(cols)
    learned = _learn_positions(table.rows, n)
    spans = _header_spans(table)
    last = table.header[-1] if table.header else None
    leaf_cells = len(last.cells) if last is not None and last.cells is not None and last.layout == "tab" else 0
    compared = any(t.kind in ("change", "pct") for line in table.header for t in tokens(line))
    for row in table.rows:
        for v in row.values:
            if v.unreadable:
                findings.append(Finding("warning", f"{name}:{row.line}",
                                        f"row '{row.label[:60]}': '{v.amount.text[:40]}' is not a readable amount "
                                        f"(out of range or malformed); left out"))
        placed = _in_order(row.values, cols, compared) if row.layout == "stack" else _place(row, cols, learned, spans, leaf_cells)
        if placed is None:
            findings.append(Finding("warning", f"{name}:{row.line}",
                                    f"row '{row.label[:60]}' has {len(row.values)} numbers for {n} columns; not placed"))
        row.placed = placed
    return findings


def _learn_positions(rows: list[RawRow], n: int) -> list[float] | None:
    full = [r.values for r in rows if len(r.values) == n]
    if not full:
        return None
    return [_median([v[j].pos for v in full]) for j in range(n)]


def _median(xs: list[float]) -> float:
    xs = sorted(xs)
    mid = len(xs) // 2
    return xs[mid] if len(xs) % 2 else (xs[mid - 1] + xs[mid]) / 2


def _header_spans(table: RawTable) -> list[tuple[float, float]]:
    """Each column's extent: the narrowest header cell holding it (cell layouts), else the column's own text."""
    spans = []
    for c in table.columns:
        cells = [(cell.end - cell.start, cell.start, cell.end) for line in table.header for cell in (line.cells or ())
                 if cell.text and cell.start <= c.start < cell.end]
        spans.append(min(cells)[1:] if cells else (c.start, max(c.end, c.start + 1)))
    return spans


def _place(row: RawRow, cols: list[Column], learned: list[float] | None, spans: list[tuple[float, float]],
           leaf_cells: int = 0) -> list[tuple[int, Value]] | None:
    values = row.values
    n = len(cols)
    periods = [j for j, c in enumerate(cols) if c.kind in _VALUED]
    if len(values) == n + 1 and not row.label and _YEAR_LABEL.fullmatch(values[0].amount.text):
        values = values[1:]  # `2024   472   --   NM ...`: sub-rows labelled by a year under a heading
        row.label = row.values[0].amount.text
    elif len(values) == n + 1 and _footnote(values[0]):
        values = values[1:]
        row.label = f"{row.label} {row.values[0].amount.text}".strip()
    if len(values) == n:
        return list(enumerate(values))
    if len(values) > n:
        plain = [v for v in values if not v.amount.percent]
        if len(plain) == n:
            return list(enumerate(plain))
        if len(plain) == len(periods):
            return list(zip(periods, plain))
        return None
    if learned is not None:
        by_pos = _by_position(values, learned, row.layout)
        if by_pos is not None:
            return by_pos
    if len(values) == len(periods) and not any(v.amount.percent for v in values) and learned is None:
        return list(zip(periods, values))
    if row.layout in ("html", "pipe") or (row.cells and row.cells == leaf_cells):
        return _by_header(values, spans)
    if row.layout == "text" and learned is None:
        return _under_header(values, cols)
    return None


def _in_order(values: list[Value], cols: list[Column], compared: bool) -> list[tuple[int, Value]] | None:
    """A row printed one cell per line has no positions: its values fill the columns in order.

    Extra values are comparisons (`Change`, `%`) only when the header has such columns after its periods;
    fewer values than periods cannot be placed for certain.
    """
    periods = [j for j, c in enumerate(cols) if c.kind in _VALUED]
    if periods != list(range(len(periods))):
        return None
    if len(values) == len(cols):
        return list(enumerate(values))
    if len(values) == len(periods) or (len(values) > len(periods) and compared):
        return list(zip(periods, values))
    return None


_VALUED = ("period", "measure")  # columns whose cells are facts
_FOOTNOTE = re.compile(r"\(\d{1,2}\)|\([a-z]\)|\*+")
_YEAR_LABEL = re.compile(r"(?:19|20)\d\d")


def _footnote(value: Value) -> bool:
    text = value.amount.text.strip()
    return bool(_FOOTNOTE.fullmatch(text))


def _by_position(values: list[Value], learned: list[float], layout: str) -> list[tuple[int, Value]] | None:
    placed: list[tuple[int, Value]] = []
    used: set[int] = set()
    gaps = [b - a for a, b in zip(learned, learned[1:])]
    tolerance = (min(gaps) / 2 if gaps else 4.0) if layout == "text" else 0.01
    for v in values:
        j = min(range(len(learned)), key=lambda k: abs(learned[k] - v.pos))
        if abs(learned[j] - v.pos) > tolerance or j in used:
            return None
        used.add(j)
        placed.append((j, v))
    return placed


def _by_header(values: list[Value], spans: list[tuple[float, float]]) -> list[tuple[int, Value]] | None:
    """Cells under exactly one header cell each (HTML colspans, pipe cells); otherwise not placed."""
    placed: list[tuple[int, Value]] = []
    used: set[int] = set()
    for v in values:
        hits = [j for j, (start, end) in enumerate(spans) if int(start) <= v.start < int(end)]
        if len(hits) != 1 or hits[0] in used:
            return None
        used.add(hits[0])
        placed.append((hits[0], v))
    return placed


def _under_header(values: list[Value], cols: list[Column]) -> list[tuple[int, Value]] | None:
    """Fixed-width text with no complete row to learn from: each number under the nearest header, when clearly nearest."""
    centres = [(c.start + c.end) / 2 for c in cols]
    gaps = [b - a for a, b in zip(centres, centres[1:])]
    reach = 0.4 * min(gaps) if gaps else 8.0
    placed: list[tuple[int, Value]] = []
    used: set[int] = set()
    for v in values:
        middle = (v.start + v.end) / 2
        j = min(range(len(cols)), key=lambda k: abs(centres[k] - middle))
        c = cols[j]
        if abs(centres[j] - middle) > reach or v.end < c.start or v.start > c.end + reach or j in used:
            return None
        used.add(j)
        placed.append((j, v))
    return placed


def _paragraph_amounts(line: Line) -> list[Value]:
    out: list[Value] = []
    prefix = ""
    for m in _TOKEN.finditer(line.text):
        tok = m.group(0)
        if tok == "$":
            prefix = "$ "
            continue
        amount = parse_amount(prefix + tok)
        prefix = ""
        if amount is not None and amount.value is not None:
            out.append(Value(amount, float(m.end()), float(m.start()), float(m.end()), line.number))
    return out


_CAPTION = re.compile(r"^(?:commitments and contingencies.*|assets|liabilities(?: and .*)?|(?:stockholders|shareholders)['’]? (?:equity|deficit).*)$", re.I)


def realign_paragraph(table: RawTable, line: Line, amounts: list[Value], items: list[str], name: str) -> list[Finding]:
    """Pair a flattened paragraph's labels with its numbers by row order; keep them only if the totals confirm it."""
    n = len(table.columns)
    where = f"{name}:{line.number}"
    value_items = [i for i in items if not i.endswith(":") and not (_CAPTION.match(i) and not i.lower().startswith("total"))]
    chunks = [amounts[k:k + n] for k in range(0, len(amounts), n)]
    if len(value_items) != len(chunks) or any(len(c) != n for c in chunks):
        return [Finding("warning", where, f"flattened paragraph: {len(value_items)} labels for {len(chunks)} rows of numbers; nothing taken from it")]
    rows = dict(zip(value_items, chunks))
    ok, failed = _confirm(items, rows, table, n)
    if failed or not ok:
        why = failed[0] if failed else "no total to confirm the alignment"
        return [Finding("warning", where, f"flattened paragraph not aligned ({why}); nothing taken from it")]
    section = table.section
    for item in items:
        if item.endswith(":"):
            section = item
        elif item in rows:
            table.rows.append(RawRow(line.number, item, section, rows[item], "text", list(enumerate(rows[item]))))
    return [Finding("info", where, f"flattened paragraph realigned into {len(rows)} rows; {ok} totals confirm it")]


_NOT_LOWER = re.compile(r"[^a-z]+")


def _confirm(items: list[str], rows: dict[str, list[Value]], table: RawTable, n: int) -> tuple[int, list[str]]:
    """Check the totals of realigned rows against their components and against total assets."""
    ok, failed = 0, []  # type: tuple[int, list[str]]
    components: list[str] = []
    assets = next((r for r in table.rows if _NOT_LOWER.sub("", r.label.lower()) == "totalassets" and r.placed), None)
    for item in items:
        if item.endswith(":"):
            components = []
            continue
        if item not in rows:
            continue
        low = item.lower()
        if low.startswith("total") and " and " in low and assets is not None:
            same = all(rows[item][j].amount.value == v.amount.value for j, v in assets.placed or [])
            ok, failed = (ok + 1, failed) if same else (ok, failed + [f"'{item}' differs from total assets"])
        elif low.startswith("total") and components:
            sums = [sum(rows[c][j].amount.value or 0 for c in components) for j in range(n)]
            same = all(sums[j] == rows[item][j].amount.value for j in range(n))
            ok, failed = (ok + 1, failed) if same else (ok, failed + [f"'{item}' is not the sum of its components"])
            components = []
        elif not low.startswith("total"):
            components.append(item)
    return ok, failed
