"""Document -> tables: the lines walked once, header blocks and the rows under them grouped into tables.

The readers (dumps, blocks) rebuild layouts whose structure was lost; rows.py reads a line's label and
values, headers.py a header's columns, placing.py puts values in columns, paragraphs.py realigns
flattened paragraphs.
"""
from __future__ import annotations

import re

from .amounts import detect_scale
from .dumps import CONNECTOR_END as _CONNECTOR_END
from .dumps import is_prose as _is_prose
from .dumps import restack
from .headers import read_columns
from .model import Document, Finding, Line, at, page_of, where
from .paragraphs import is_flattened, label_items, paragraph_amounts, realign_paragraph
from .periods import Column, header_line, measure_row, member_row, names_period, tokens
from .placing import place_values
from .rows import (
    CAPTION_WORDS,
    FINANCIAL_AMOUNT,
    MARKER,
    MARKERS,
    PREFIX,
    SUFFIX,
    WORD3,
    YEAR_LABEL,
    RawRow,
    RawTable,
    Value,
    row_values,
    values_first,
)

_RULE = re.compile(r"^[\s\-=_~*|:.+]*$")
_PAGE = re.compile(r"^\s*(?:-\s*)?(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?(?:\s*-)?\s*$", re.I)

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
            findings.append(Finding("warning", at(doc.name, orphans[0]),
                                    f"lines {where(orphans[0])}-{where(orphans[-1])}: {len(orphans)} rows of numbers under no column "
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
        as_header = header_line(line, caption=current is None or not current.rows)
        if as_header is not None or (header and _is_subheader(line)):
            line = as_header or line
            if current is not None and current.rows:
                close()
            if header and header[-1].layout == line.layout and \
                    sum(1 for g in gap_lines if _parts_header(g, header[-1], line)) >= (1 if line.layout in ("pipe", "html") else 2):
                header = []  # a new table under its own title, or after a paragraph: the header rows above had no data
            if line.cells is not None and not any(h.cells is not None for h in header):
                titled = len(gap)  # the lines before the header's first row of cells are where its title is
            elif not header:
                titled = len(gap)
            header.append(line)
            continue
        if current is not None and line.cells is None and is_flattened(line, current):
            current.paragraphs.append((line, paragraph_amounts(line), label_items(line.text)))
            continue
        label, values = row_values(line)
        first = False  # the row prints its values before its label
        if values and line.cells is None and (_is_prose(label) or (current is not None and current.layout != "text")):
            values = []  # a sentence, or a line of text inside a table of cells (a page's running title)
        if header and len(values) > 1 and all(MARKER.fullmatch(v.amount.text) for v in values) and CAPTION_WORDS.search(label):
            values = []  # `ended December   (1)   (1)`: a header's caption and its footnote markers, no amounts
        if not values and line.cells is None and (header or (current is not None and current.layout == "text")):
            label, values = values_first(line, label, bool(header) or (current is not None and current.values_first))
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
            # a line naming members is the header's last, right over the rows; higher up, such a line is a piece of
            # captions stacked over several lines (`As  Foreign  Constant` / `Reported  Currency  Currency`)
            header = [h for k, h in enumerate(header) if k == len(header) - 1 or h.cells is not None or not _text_members(h)]
            columns = read_columns(header, MARKERS.sub(" ", " ".join(" ".join(g.split()) for g in gap[-3:])))
            if any(c.kind == "period" for c in columns):
                close()
                report_orphans()
                current = RawTable(columns, header, gap[-8:], header[0].number, layout=line.layout,
                                   titled=max(0, titled - max(0, len(gap) - 8)))
                if tables and _continues(tables[-1], current, gap_lines):
                    # the same table on the next page under its repeated header: one table, one title
                    current.context, current.first_line, current.titled = tables[-1].context, tables[-1].first_line, tables[-1].titled
                current.pending = [g for g in gap_lines if g.number > header[-1].number and _is_heading(g.text)]
            elif current is None and measures is None:
                findings.append(Finding("warning", at(doc.name, line.number), "table header without dates; table skipped"))
            header = []
        if current is None and measures is not None and names_period(label):
            current = RawTable(_measures(measures), [measures], gap[-8:], measures.number, layout=line.layout, captions=captions,
                               titled=max(0, titled - max(0, len(gap) - 8)))
            measures = None
        if current is not None and not label and line.cells is None and len(values) == 1 and values[0].start < 2:
            findings.append(Finding("warning", at(doc.name, line.number), f"a number ('{values[0].amount.text}') alone at the "
                                                                             f"start of a line, under no column and no label; not read"))
            continue
        if current is None:
            if WORD3.search(label):
                if orphans and line.number - orphans[-1] > 3:
                    report_orphans()
                orphans.append(line.number)
                amounts = amounts or any(FINANCIAL_AMOUNT.search(v.amount.text) for v in values)
            continue
        gap, gap_lines = [], []
        _add_row(current, line, label, values)
        current.values_first = current.values_first or first
    close()
    report_orphans()
    return tables, findings


_EXHIBIT = re.compile(r"(?i)exhibits?(?:\s+no\.?)?")
_RANGE = re.compile(r"\d%\s?[-\u2013]\s?\d[\d.]*%|\$\d[\d,.]*\s?[-\u2013]\s?\$\d|\d%?\s+to\s+\$?\d")  # `8% - 10%`, `$2.30-$2.40`, `3 to 5`
_HEADING_LINE = re.compile(r"(?![(*\d])[^|]{1,80}")  # a short line of text that is no footnote




_CONTINUED = re.compile(r"(?i)\(?\bcontinued\b\)?|\(cont(?:'d|\.)\)")


def _continues(before: RawTable, table: RawTable, gap: list[Line]) -> bool:
    """A table that goes on from the one before on a later PDF page: the same columns (texts and periods), the
    previous table's last row on an earlier page, and nothing between them but its title again or a title
    saying `(continued)`."""
    last = max([r.line for r in before.rows] or [before.first_line])
    page, first = page_of(last)[0], page_of(table.first_line)[0]
    if page is None or first is None or first <= page:
        return False
    if [(c.kind, " ".join(c.text.split()), c.year, c.month, c.day, c.months, c.member) for c in before.columns] != \
            [(c.kind, " ".join(c.text.split()), c.year, c.month, c.day, c.months, c.member) for c in table.columns]:
        return False
    seen = {" ".join(t.split()).lower() for t in before.context}
    between = [" ".join(g.text.split()).lower() for g in gap if g.number > last and g.number < table.first_line and g.text.strip()]
    return len(between) <= 8 and all(t in seen or _CONTINUED.search(t) for t in between)


def _measures(line: Line) -> list[Column]:
    """The columns of a transposed table: one per measure named in its head row."""
    return [Column("measure", float(c.start), float(c.end), c.text, member=c.text) for c in line.cells or ()
            if c.text and c.start > 0]  # the first column is the rows' labels


def _is_heading(text: str) -> bool:
    """A line between a table's header and its first row that can head the rows below it (not a scale note)."""
    text = text.strip()
    return bool(WORD3.search(text)) and not text.startswith("(") and detect_scale(text) is None


def _parts_header(gap: Line, last: Line, line: Line) -> bool:
    """Whether a line between two header rows ends the first header: a title over a table of cells, or lines of
    text (`settlement in the first quarter of`, two of them) between fixed-width rows; a caption does not."""
    if gap.number <= last.number or gap.cells is not None:
        return False
    words = len(gap.text.split())
    if line.layout in ("pipe", "html"):
        return words >= 3
    lower = sum(1 for w in gap.text.split() if w.isalpha() and w.islower())
    return line.layout == "text" and lower >= 4 and lower >= 0.6 * words and detect_scale(gap.text) is None


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
    if line.cells is None and _text_members(line):
        return True
    toks = tokens(line)
    if not toks or not all(t.kind in ("amounts", "pct", "change") for t in toks):
        return False
    text = line.text
    for t in toks:
        text = text.replace(t.text, " ")
    return not _SUBHEADER_WORDS.sub("", text)  # `% Change`, `Inc/ (Dec)`: comparison captions and nothing else



_RUN_GAP = re.compile(r"\s{2,}")


def _text_members(line: Line) -> bool:
    """A fixed-width line under a header, set right of the label column, naming the same two members or more
    under each period and no period (`Domestic   International   Consolidated` under each quarter)."""
    text = line.text
    if len(text) > 400 or len(text) - len(text.lstrip()) < 8:
        return False
    runs = _RUN_GAP.split(text.strip())
    if len(runs) < 4 or not all(len(r.split()) <= 3 and _MEMBER_WORDS.fullmatch(r) for r in runs):
        return False
    # the same members under each period, in the same order: a group printed again (a caption stacked over
    # lines, `As  Foreign  Constant  December  As  Constant`, repeats nothing)
    size = next((k for k in range(2, len(runs) // 2 + 1) if len(runs) % k == 0 and runs[:k] * (len(runs) // k) == runs), 0)
    return bool(size) and len(set(runs[:size])) == size and not any(t.kind not in ("other", "total") for t in tokens(line))


_MEMBER_WORDS = re.compile(r"[A-Za-z][A-Za-z&.' -]{0,40}\d?")  # `Net of Tax4`: a footnote's digit may follow


def _add_row(table: RawTable, line: Line, label: str, values: list[Value]) -> None:
    by_year = not label and len(values) > 2 and values[0].start < (1 if line.cells is not None else 2) \
        and bool(YEAR_LABEL.fullmatch(values[0].amount.text))
    if by_year:  # `2024   472   --   NM`: a sub-row labelled by a year, under a heading
        label, values = values[0].amount.text, values[1:]
    label, section = _join_wrapped(table, line, label, join=not by_year)
    plain = line.cells is not None and not any(c.text in PREFIX or c.text in SUFFIX for c in line.cells)
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


