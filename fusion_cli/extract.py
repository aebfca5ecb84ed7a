"""The pipeline, written down once: read -> tables -> rows -> facts. Returns facts and findings, never raises on content."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

from .amounts import SCALES, ScaleNote, detect_scale, is_year, parse_amount
from .calendar_rules import fiscal_label, voted_year_end
from .concepts import QUALIFIERS, map_concept, normalize_label, unit_of
from .fiscal import read_fiscal_naming
from .headers import row_period
from .issuer import detect_issuer
from .labels import strip_markers
from .meaning import (
    ADJUSTED,
    MAX_SHARES,
    ONE,
    RATIO,
    RESULTS,
    all_stocks,
    at_moment,
    block_totals,
    counted_parts,
    holds_balances,
    loss_sign,
    measured,
    member_concept,
    moment_of,
    per_share_blocks,
    shares_scale_of,
)
from .model import Document, Extraction, Fact, Finding, Line, Row, Statement, Table, at, where
from .periods import parse_date, to_period
from .read import load, parse_bytes
from .statements import classify, is_title, names_statement
from .tables import RawTable, find_tables
from .units import (
    currency_of,
    document_currency,
    measure_of,
    states_currency,
)


def extract_path(path: Path, max_bytes: int | None = None, keep_tables: bool = True) -> Extraction:
    """Read and extract one file; ReadError propagates for the caller to report."""
    doc = load(path, max_bytes) if max_bytes else load(path)
    return extract(doc, keep_tables)


def extract_bytes(name: str, data: bytes) -> Extraction:
    """Extract a release given as bytes (standard input, tests)."""
    return extract(parse_bytes(name, data))


def extract(doc: Document, keep_tables: bool = True) -> Extraction:
    """Find every financial table of a document and turn each printed number into a Fact; without keep_tables
    the tables are let go once their facts are made (an analysis reads facts only)."""
    run = Run(doc, keep_tables)
    facts = tuple(run.facts())
    return Extraction(doc.name, run.company, facts, tuple(run.tables), tuple(run.findings), run.prose, run.fy_end, run.offset,
                      run.headings)


class Run:
    """One release being extracted: its lines walked once, then its facts made table by table.

    The walk keeps the tables found and what the whole release decides (company, fiscal year end, the
    document's scale note, its sentences); `facts()` then yields each table's facts and lets the table
    go, so a large release is never held as lines and facts at once. `findings` is complete once
    `facts()` is exhausted.
    """

    def __init__(self, doc: Document, keep_tables: bool = True, headings: bool = True) -> None:
        seen = _Seen(headings)
        self.name = doc.name
        self.raw_tables, self.findings = find_tables(doc._replace(lines=seen.watch(doc.lines)))
        self.company = detect_issuer(seen.head, limit=_HEAD_LINES)
        self.prose = tuple(seen.prose)
        self.headings = tuple(seen.headings)
        self.doc_scale = seen.note if seen.note is not None and len(seen.scales) == 1 else None
        if not seen.notes:  # tables whose note was lost (a PDF or web copy): the text's own amounts may say
            self.doc_scale = _stated_scale(self.raw_tables, self.prose)
            if self.doc_scale is not None:
                self.findings.append(Finding("warning", self.name, f"no scale note is printed; {self.doc_scale.text}"))
        self.notes = seen.notes  # every scale note with its line: a table that prints none takes the last one above it
        self.currency = document_currency(seen.currencies)
        self.anchors = frozenset(date(c.year, c.month, c.day) for t in self.raw_tables for c in t.columns
                                 if c.kind == "period" and c.year and c.month and c.day and _real_date(c.year, c.month, c.day)) | seen.ends
        naming = read_fiscal_naming((line.text for line in seen.head if line.cells is None), _column_ends(self.raw_tables),
                                    _fiscal_year_end(self.raw_tables))
        self.fy_end, self.offset = naming.fy_end, naming.offset
        if naming.offset or (naming.fy_end != 12 and _fiscal_year_end(self.raw_tables) is None):
            self.findings.append(Finding("info", self.name, f"fiscal periods named as the release names them: {naming.why}"))
        self.keep_tables = keep_tables
        self.tables: list[Table] = []

    def _note_above(self, line: int) -> ScaleNote | None:
        """The scale note a table without its own takes: the release's only one, else the last one above the table."""
        if self.doc_scale is not None:
            return self.doc_scale
        above = [note for number, note in self.notes if number <= line]
        return above[-1] if above else None

    def facts(self) -> Iterator[Fact]:
        name = self.name
        pending, self.raw_tables = self.raw_tables[::-1], []
        borrowed: list[tuple[int, ScaleNote]] = []  # (first line of a table, the note above it that it takes)
        found = False  # a financial statement or reconciliation has been read: the document is a release
        held: list[Fact] = []  # facts of tables read before that, held until it is known
        tables = 0
        while pending:
            raw = pending.pop()  # dropped once its facts are out
            above = self._note_above(raw.first_line)
            table, table_findings = build_table(raw, name, self.fy_end, above, self.anchors, self.currency, self.offset)
            if table is not None and _EXHIBITS.search(table.title):
                continue  # an 8-K's exhibit index (`Item 9.01 ... | 99.1 | 104`): exhibit numbers are never amounts
            self.findings.extend(table_findings)
            if table is None:
                continue
            if self.keep_tables:
                self.tables.append(table)
            table_rows = table_facts(table, name, self.company, self.fy_end, self.anchors, self.findings, self.currency, self.offset)
            if table_rows and above is not None and above.scale != "units" and _table_scale(raw) is None:
                borrowed.append((raw.first_line, above))
            table_rows = per_share_blocks(table_rows) if table.statement == "reconciliation" else table_rows
            tables += bool(table_rows)
            if not found and not is_statement(table, table_rows):
                held.extend(table_rows)
                continue
            if not found:
                found = True
                yield from held
                held = []
            yield from table_rows
        if borrowed:
            lines = ", ".join(where(n) for n, _ in borrowed[:8]) + (", ..." if len(borrowed) > 8 else "")
            notes = "', '".join(dict.fromkeys(note.text[:60] for _, note in borrowed))
            self.findings.append(Finding("warning", at(name, borrowed[0][0]),
                                         f"{len(borrowed)} table(s) print no scale of their own (lines {lines}); the "
                                         f"note above each ('{notes}') is applied to them"))
        if not found and tables:  # not a release: the one line says why; its tables' warnings are noise, except
            # that a statement printed in blocks could not be read (then it may be a release after all)
            self.findings[:] = [f for f in self.findings if f.severity == "error" or "no reading proves" in f.message]
            self.findings.append(Finding("error", name, f"no financial statements found ({tables} table(s) of numbers, none "
                                                        f"a financial statement or a reconciliation); not a release"))
        elif not found:
            self.findings.append(Finding("error", name, "no financial statements found (no table with period columns and numbers)"))


_STATEMENTS = ("income", "balance", "cashflow", "reconciliation", "segment")
_EXHIBITS = re.compile(r"(?i)\bitem 9\.01\b|\bexhibit index\b")


def is_statement(table: Table, facts: list[Fact]) -> bool:
    """A financial statement or a reconciliation: under a title that names one, or with several rows of values
    and known line items (a table of results whose title was not found)."""
    if not facts:
        return False
    if table.statement in _STATEMENTS and names_statement(table.title):
        return True
    return len({f.label for f in facts}) >= 3 and len({f.concept for f in facts if f.concept}) >= 2


_HEAD_LINES = 400  # the issuer is named in a release's first lines


class _Seen:
    """What the walk over the lines notes for the whole release, while the tables are being found."""

    def __init__(self, headings: bool = True) -> None:
        self.want_headings = headings  # the sections claims sit in: `facts` has no use for them
        self.head: list[Line] = []  # the first lines, where the issuer is named
        self.note: ScaleNote | None = None  # the first scale note, and the scales of all of them
        self.scales: set[str] = set()
        self.notes: list[tuple[int, ScaleNote]] = []  # every scale note, with its line
        self.prose: list[tuple[int, str]] = []  # (line, text) of sentences, for checking the release's claims
        self.headings: list[tuple[int, str]] = []  # (line, text) of short lines that head a section of text
        self.ends: set[date] = set()  # period ends the text names (`the quarter ended April 28, 2024`)
        self.currencies: list[str] = []  # the currencies the release's notes name, one vote per note

    def watch(self, lines: Iterable[Line]) -> Iterator[Line]:
        for line in lines:
            text = line.text
            if len(self.head) < _HEAD_LINES:
                self.head.append(line)
            if len(text) < 240 and not _row_of_values(line):
                note = detect_scale(text)
                if note is not None:
                    self.note = self.note or note
                    self.scales.add(note.scale)
                    self.notes.append((line.number, note))
                    self.currencies.append(currency_of(note.text))
                elif "ollar" in text or "uro" in text or "in " in text:
                    self.currencies.append(states_currency(text))
            if self.want_headings and line.cells is None and (heading := _heading(text)):
                self.headings.append((line.number, heading))
            if line.cells is None and _is_sentence(text):
                self.prose.append((line.number, text))
                if "nded" in text or "nding" in text:
                    self.ends.update(d for m in _PERIOD_ENDED.finditer(text) if (d := parse_date(m.group(1))) is not None)
            yield line


_DATES = re.compile(r"\b[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}")
_PERIOD_ENDED = re.compile(r"\b(?:quarter|period|year|months|weeks)\s+end(?:ed|ing)\s+([A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+(?:19|20)\d\d)\b")
_NUMBER_WORD = re.compile(r"[$(]{0,3}[\d,.]{1,40}\)?%?[,.;]?")
_YEAR_WORD = re.compile(r"\d{4}[,.;]?")
_TWO_WORDS = re.compile(r"\b[a-z]{3,} [a-z]{2}")
_ANY_DIGIT = re.compile(r"\d")


def _row_of_values(line: Line) -> bool:
    """A row of a table (`Headcount (in thousands) | 12 | 13`): its scale words are its own, not a note for the tables."""
    if line.cells is not None:
        return any(parse_amount(c.text) is not None and not is_year(c.text) for c in line.cells[1:])
    last = line.text.rsplit(None, 1)[-1] if line.text.strip() else ""
    return parse_amount(last) is not None and not is_year(last) and len(line.text.split()) > 1


_HEADING_MARKS = " \t*#_:|"


def _heading(text: str) -> str:
    """A short line of words that heads a section (`Full-Year 2024 Summary`, `**Global Housing**`), else ''."""
    if len(text) > 80:
        return ""
    words = text.strip(_HEADING_MARKS).split()
    if not 1 <= len(words) <= 8 or not words[0][:1].isalpha() or text.rstrip().endswith((".", ",", ";")):
        return ""
    if sum(1 for w in words if any(ch.isdigit() for ch in w)) > 2:
        return ""  # a row of figures, a date line
    return " ".join(words)


def _is_sentence(text: str) -> bool:
    """Prose with figures in it; a paragraph of table numbers run together is not."""
    words = text.split()
    if len(words) < 8 or not _ANY_DIGIT.search(text):
        return False
    undated = _DATES.sub(" ", text)
    numeric = sum(1 for w in undated.split() if _NUMBER_WORD.fullmatch(w) and not _YEAR_WORD.fullmatch(w))
    return 0 < numeric <= len(words) // 4 and bool(_TWO_WORDS.search(text))


_STATED = re.compile(r"\$\s?(\d{1,3}(?:,\d{3})*(?:\.\d+)?)\s?(thousand|million|billion)\b", re.I)


def _stated_scale(tables: list[RawTable], prose: tuple[tuple[int, str], ...]) -> ScaleNote | None:
    """The scale of tables that print none, from the text: when at least three of the amounts it states in
    millions (or thousands, billions), and a third of them, are printed in the tables as whole numbers."""
    stated: dict[str, set[Decimal]] = {"thousands": set(), "millions": set(), "billions": set()}
    for _line, text in prose:
        if "illion" in text or "housand" in text:
            for m in _STATED.finditer(text):
                stated[m.group(2).lower() + "s"].add(Decimal(m.group(1).replace(",", "")))
    if not any(stated.values()):
        return None
    printed = {abs(a.value) for t in tables for r in t.rows for _j, a in r.amounts() if a.value is not None and a.decimals == 0}
    votes = {scale: len(values & printed) for scale, values in stated.items()}
    best = max(votes, key=lambda k: votes[k])
    if votes[best] < 3 or votes[best] * 3 < len(stated[best]):
        return None
    return ScaleNote(best, best, f"{votes[best]} of the {len(stated[best])} amounts the text states in {best} are printed in "
                                 f"the tables, so their amounts are read in {best}")


def _real_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _fiscal_year_end(tables: list[RawTable]) -> int | None:
    """The year-end month the year-to-date columns show, None when no column shows one."""
    return voted_year_end(_column_ends(tables))


def _column_ends(tables: list[RawTable]) -> list[tuple[date, int]]:
    """(end, months) of every period column printing a month and a length; a month with no day ends on its last."""
    import calendar

    return [(date(c.year, c.month, c.day or calendar.monthrange(c.year, c.month)[1]), c.months)
            for t in tables for c in t.columns
            if c.kind == "period" and c.year and c.month and c.months and _real_date(c.year, c.month, c.day or 1)]


def build_table(raw: RawTable, name: str, fy_end: int, doc_scale: ScaleNote | None,
                anchors: frozenset[date] = frozenset(),
                currency: str = "USD", offset: int = 0) -> tuple[Table | None, list[Finding]]:
    """Title, statement kind, scale, unit and periods of a found table."""
    findings: list[Finding] = []
    title = _title(raw)
    header_text = " ".join(line.text for line in raw.header)
    header_text += " " + " ".join(t for t in raw.context[raw.titled:] if len(t) < 40 and not _ANY_DIGIT.search(t))  # column captions
    # printed one per line above the dates (`Average Balance | Income/Expense | Yield`)
    statement = classify(f"{title} {header_text}", [r.label for r in raw.rows] + [c.member for c in raw.columns if c.kind == "measure"])
    where = at(name, raw.first_line)
    own = _table_scale(raw)
    note = own or doc_scale
    unit = _table_unit(own, note, currency)
    if any(c.kind == "measure" for c in raw.columns):
        return _transposed(raw, name, title, statement, note, fy_end, anchors, unit, offset)
    instant = holds_balances(statement, [r.label for r in raw.rows])
    periods = tuple(to_period(c, statement, fy_end, anchors, instant, offset) if c.kind == "period" else None for c in raw.columns)
    if instant and statement != "balance" and all(p is None or p.months for p in periods) and all_stocks(raw):
        # `Tangible Book Value Per Share` under `Three Months Ended`: every row a balance at the period's end
        periods = tuple(p._replace(months=0, fiscal=fiscal_label(p.end, 0, fy_end, offset)) if p is not None else None for p in periods)
    for p in periods:
        if p is not None and p.why:
            findings.append(Finding("warning", where, f"column '{p.header}': {p.why}"))
        if p is not None and p.months is None:
            findings.append(Finding("warning", where, f"period length of column '{p.header}' is not printed or is ambiguous; its values carry no period length"))
        elif p is not None and p.assumed_length:
            findings.append(Finding("warning", where, f"period length of column '{p.header}' is not printed; a cash-flow "
                                                      f"statement runs from the start of the fiscal year, so {p.months} months is assumed"))
        elif p is not None and p.guessed:
            findings.append(Finding("warning", where, f"period end of column '{p.header}' is not printed; inferred as {p.end}"))
        elif p is not None and p.end is None:
            findings.append(Finding("warning", where, f"column '{p.header}' has no end date"))
    usable = tuple(p for p in periods if p is not None)
    if not usable:
        return None, findings + [Finding("warning", where, "table without dated columns skipped")]
    rows = tuple(Row(r.line, strip_markers(r.label), strip_markers(r.section), tuple((j, a, r.line) for j, a in r.amounts()))
                 for r in raw.rows)
    table = Table(title, statement, periods, rows, note.scale if note else "units", note.text if note else "", raw.first_line,
                  unit=unit)
    return table, findings


def _table_unit(own: ScaleNote | None, note: ScaleNote | None, currency: str) -> str:
    """A table's unit: the currency its note names, a unit that is not money its own note names (`millions of kWh`),
    else the release's currency."""
    named = currency_of(note.text) if note is not None else ""
    if named:
        return named
    measure = measure_of(own.text) if own is not None else ""
    return measure if measure and measure not in ("x", "days") else currency


def _transposed(raw: RawTable, name: str, title: str, statement: Statement, note: ScaleNote | None, fy_end: int,
                anchors: frozenset[date], unit: str, offset: int = 0) -> tuple[Table | None, list[Finding]]:
    """A table whose columns are measures and whose rows name periods: each row's period read from its label,
    rows that name none (adjustments) taking the period of the row above them that does."""
    rows, last, findings = [], None, []
    for r in raw.rows:
        col, member = row_period(r.label, raw.captions)
        period = to_period(col, statement, fy_end, anchors, offset=offset) if col is not None else None
        if period is not None and period.months is None:
            findings.append(Finding("warning", at(name, r.line), f"row '{r.label[:60]}' names no period length; not read"))
            period = None
        if col is not None:
            last = period
        rows.append(Row(r.line, strip_markers(r.label), strip_markers(r.section), tuple((j, a, r.line) for j, a in r.amounts()),
                        period if col is not None else last, member if col is not None else None))
    periods = tuple(dict.fromkeys(r.period for r in rows if r.period is not None))
    if not periods:
        return None, findings + [Finding("warning", at(name, raw.first_line), "table of measures whose rows name no periods skipped")]
    measures = tuple(strip_markers(c.member) for c in raw.columns)
    table = Table(title, statement, periods, tuple(rows), note.scale if note else "units", note.text if note else "",
                  raw.first_line, measures, unit)
    return table, findings


def _title(raw: RawTable) -> str:
    lines = [t for t in raw.context[:raw.titled] if t.strip()]
    for text in reversed(lines):
        if is_title(text) and detect_scale(text):
            text = _PARENTHESES.sub(" ", text)  # `AVERAGE BALANCE SHEET (Dollars in Thousands)`: the title without its note
        if is_title(text) and not detect_scale(text):
            return " ".join(text.split())
    first = raw.header[0].cells[0].text if raw.header and raw.header[0].cells else ""
    if first and is_title(first):
        return first
    return ""


_PARENTHESES = re.compile(r"\([^()]*\)")


def _table_scale(raw: RawTable) -> ScaleNote | None:
    first_row = raw.rows[0].line if raw.rows else 0
    texts = [line.text for line in raw.texts if line.number < first_row + 40 and not _SHARES_WORD.search(line.text)]
    texts = list(raw.context) + [line.text for line in raw.header] + texts
    for text in reversed(texts):  # the nearest note first; a body line on shares (`Shares used (000s)`) scales shares only
        note = detect_scale(text)
        if note:
            return note
    return None


_SHARES_WORD = re.compile(r"\bshares\b", re.I)


def table_facts(table: Table, name: str, company: str, fy_end: int = 12,
                anchors: frozenset[date] = frozenset(), findings: list[Finding] | None = None,
                currency: str = "USD", offset: int = 0) -> list[Fact]:
    """One Fact per printed number of a table that sits in a period column (periods aligned with columns).

    A row that is a balance inside a table of flows (`Cash at end of period`, `Equity ratio at period-end`,
    headcount) is at the column's end date with no length; `... at beginning of period` is at the end of
    the period before, printed by the release or inferred and reported."""
    scale = Decimal(SCALES[table.scale])
    shares_scale = Decimal(SCALES[shares_scale_of(table.scale_note, table.scale)])
    facts = []
    seen: set[tuple[str, object, Decimal]] = set()  # balances read: (label, end, value)
    warned: set[int] = set()  # rows already reported as holding too many shares
    if table.measures:
        return _measure_facts(table, name, company, scale, shares_scale, currency)
    previous = ""
    qualifier = table.title if _QUALIFIER_TITLE.fullmatch(table.title) else ""  # a table titled `Non-GAAP`: every line adjusted
    for row in table.rows:
        if _COMPARISON_SECTION.search(row.section) or _RANGE_START.fullmatch(row.label):
            continue  # `AS REPORTED REVENUE GROWTH RATES`: changes; `4% to | 5%`: a guidance range, not an amount
        moment = moment_of(row.label, row.section) if table.statement != "balance" else None
        sign = loss_sign(row, name, findings)
        words = row.label  # the words the concept is read from: a `- As reported` row takes the line item above it
        if normalize_label(row.label) in QUALIFIERS and not row.section and previous:
            words = f"Adjusted {previous}" if normalize_label(row.label) in ("as adjusted", "adjusted", "non gaap") else previous
        elif row.values:
            previous = row.label
        for j, amount, line in row.values:
            period = table.periods[j]
            if period is None or amount.value is None:
                continue
            if moment is not None and period.end is not None and period.months:
                period = at_moment(period, moment, fy_end, anchors, findings, at(name, line), row.label, offset)
                if (row.label, period.end, amount.value) in seen:
                    continue  # the same balance printed under the quarter and under the year
                seen.add((row.label, period.end, amount.value))
            concept = member_concept(period.member or qualifier, words, row.section, table.statement, amount)
            unit = "%" if period.member and RATIO.search(period.member) else unit_of(concept, row.label, row.section, amount, table.title)
            concept, unit, factor, scaled = measured(concept, unit, row.label, table, scale, shares_scale, currency)
            if unit == "shares" and factor != 1 and abs(amount.value * factor) > MAX_SHARES:
                factor, scaled = ONE, "units"  # 236,296,807 units under `in thousands, except unit ...` wrapped out of sight
                if findings is not None and row.line not in warned:
                    warned.add(row.line)
                    findings.append(Finding("warning", at(name, line), f"row '{row.label[:60]}' would hold more than 50 billion "
                                                                         f"shares at the table's scale; read as printed"))
            if sign == -1 and concept in RESULTS:
                factor = -factor  # `Net loss | 4,200,103`: a loss printed without its parentheses
            facts.append(Fact(
                file=name, company=company, statement=table.statement, table=table.title, label=row.label,
                concept=concept, period_end=period.end.isoformat() if period.end else None, period_months=period.months,
                fiscal_period=period.fiscal,
                value=amount.value * factor, scale=scaled, as_printed=amount.text,
                line=line, unit=unit, group=row.section, table_line=table.line, member=period.member,
            ))
    return block_totals(counted_parts(facts))


def _measure_facts(table: Table, name: str, company: str, scale: Decimal, shares_scale: Decimal, currency: str) -> list[Fact]:
    """Facts of a transposed table: a row naming a period gives each measure's value for it (label the measure,
    member the rest of the row's label); an adjustment row keeps its label, with the measure as member."""
    facts = []
    for row in table.rows:
        period = row.period
        if period is None or _COMPARISON_SECTION.search(row.label) or period.end is None:
            continue  # `Percentage Change Y/Y`: changes, not amounts
        for j, amount, line in row.values:
            if amount.value is None or j >= len(table.measures):
                continue
            measure = table.measures[j]
            label, member = (measure, row.member) if row.member is not None else (row.label, measure)
            words = f"Adjusted {measure}" if row.member and ADJUSTED.search(row.member) else measure
            concept = map_concept(words, "", table.statement, amount) if row.member is not None else None
            unit = unit_of(concept, measure, "", amount, table.title)
            if RATIO.search(measure) and unit == "USD" and abs(amount.value) < 1000:
                unit = "%"  # `Operating Profit Margin | 13.7`: a ratio column, its % sign printed apart or not at all
            concept, unit, factor, scaled = measured(concept, unit, measure, table, scale, shares_scale, currency)
            facts.append(Fact(
                file=name, company=company, statement=table.statement, table=table.title, label=label, concept=concept,
                period_end=period.end.isoformat(), period_months=period.months, fiscal_period=period.fiscal,
                value=amount.value * factor, scale=scaled, as_printed=amount.text,
                line=line, unit=unit, group=row.section, table_line=table.line, member=member,
            ))
    return facts


_QUALIFIER_TITLE = re.compile(r"(?i)\W{0,3}(?:non-?gaap|adjusted)(?: (?:financial )?(?:measures|results|basis|summary|highlights))?\W{0,3}")  # `Retrospectively Adjusted` is restated GAAP


_COMPARISON_SECTION = re.compile(r"(?i)growth rates?\b|\b(?:%|percent(?:age)?)\s*(?:change|increase|growth)|\bchange (?:from|over|vs)")


_RANGE_START = re.compile(r"[$(]?\s{0,3}\d[\d,.]{0,20}\s{0,3}(?:%|million|billion)?\s{0,3}(?:to|-|–|—)")  # bounded: linear


