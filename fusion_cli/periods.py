"""Header lines -> columns: which columns are periods (end date, length, fiscal label) and which are not."""
from __future__ import annotations

import calendar
import functools
import re
from datetime import date
from typing import NamedTuple

from .calendar_rules import (
    anchored,
    fiscal_label,
    months_from_year_start,
)
from .model import Line, Period

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_NUMBER_WORDS = {
    "three": 3, "six": 6, "nine": 9, "twelve": 12, "thirteen": 13, "fourteen": 14, "sixteen": 16,
    "twenty-four": 24, "twenty-six": 26, "twenty-eight": 28, "thirty-six": 36, "thirty-nine": 39,
    "forty": 40, "fifty-two": 52, "fifty-three": 53,
}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

_TOKEN = re.compile(
    rf"(?P<fulldate>\b{_MONTH}\.?\s+\d{{1,2}}\s*,?\s*(?:19|20)\d\d\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\.?,?\s+(?:19|20)\d\d\b)"
    rf"|(?P<iso>\b(?:19|20)\d\d-\d\d-\d\d\b)"
    r"|(?P<numdate>\b(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])/(?:(?:19|20)\d\d|\d\d)\b)"
    r"|(?P<qyear>\b[1-4]Q\s?['\u2019]?\d\d\b|\bQ[1-4]\s?['\u2019-]?\s?\d\d\b(?![\d,.%]))"
    r"|(?P<fyyear>\bFY\s?['\u2019]?\d\d\b)"
    rf"|(?P<mrange>\b{_MONTH}\.?\s?[-\u2013\u2014]\s?{_MONTH}\b)"
    rf"|(?P<monthday>\b{_MONTH}\.?\s+\d{{1,2}}\b)"
    r"|(?P<duration>\b(?:two|three)\s+quarters\b|\b(?:three|six|nine|twelve|thirteen|fourteen|sixteen|twenty[- ]four|twenty[- ]six|twenty[- ]eight|thirty[- ]six|thirty[- ]nine|forty|fifty[- ]two|fifty[- ]three|\d{1,2})[\s-]*(?:months?|weeks?|mos?\.?)(?![a-z]))"
    r"|(?P<quarter>\b(?:first|second|third|fourth|1st|2nd|3rd|4th)(?:\s+|[-\u2010\u2011\u2013])(?:fiscal\s+)?quarter\b|\bQ[1-4]\b|\b[1-4]Q\b)"
    r"|(?P<quarterly>\bquarters?\s+ended\b|\bquarterly\b)"
    r"|(?P<half>\b(?:first|second)\s+half\b|\bH[12]\b)"
    r"|(?P<annual>\b(?:fiscal\s+)?years?\s+end(?:ed|ing)\b|\bfull[- ]year\b|\bannual\b|\bfiscal\s+year\b|\btwelve[- ]month\b"
    r"|\btrailing[- ](?:twelve|12|four|4)[- ](?:months?|quarters?)\b|\bttm\b|\bltm\b|\blast\s+twelve\s+months\b)"
    r"|(?P<ytd>\byear[- ]to[- ]date\b|\bYTD\b)"
    r"|(?P<year>(?<![\d,.$])(?:19|20)\d\d(?![\d,.%]))"
    r"|(?P<pct>%\s*of\s+(?:net\s+|total\s+)?(?:sales|revenues?)|\bpercent(?:age)?\s+of\b|\bas\s+a\s+%|\bmargin\s*%|%\s*of\s+total)"
    r"|(?P<change>%\s*change|\bchange\b|\bvariance\b|\bincrease\b|\bdecrease\b|\bgrowth\b|\bbps\b|\b(?:inc|dec)\.?\s?/?\s*\((?:(?:dec|inc)\.?\))?|\by/y\b|\byoy\b|%\s*chg|\bfavorable\b|\bunfavorable\b|\bbetter\b|\bworse\b|%\s*\(?decline\)?|\bvs\.?(?=\s)|\bversus\b)"
    r"|(?P<amounts>\bamounts?\b|\bdollars?\b)"
    r"|(?P<asof>\bas\s+of\b|\bas\s+at\b|\bbalance\s+at\b)",
    re.IGNORECASE,
)
FILLER = set(
    "ended ending end months month weeks week quarter quarters year years fiscal for the and of at as to "
    "period periods unaudited audited in thousands millions billions except per share shares data amounts "
    "percentages percent restated actual reported total full date ytd vs versus combined consolidated "
    "period-end periods-ended unaudited) (unaudited) (in thousands) (in millions) three six nine twelve "
    "first second third fourth thirteen twenty-six thirty-nine fifty-two weeks-ended months-ended - $ % "
    "dollars amount usd note notes successor predecessor pro forma proforma".split()
)


class Token(NamedTuple):
    kind: str
    text: str
    start: float
    end: float
    row: int


class Column(NamedTuple):
    """One leaf column of a header: a period, or a change / percent / other column."""

    kind: str  # period | change | pct | other
    start: float
    end: float
    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    months: int | None = None
    quarter: int | None = None
    asof: bool = False
    member: str = ""  # what the column is besides its period: `GAAP`, `Adj.`, `Consolidated`, `Average Yield/Rate`
    total: bool = False  # the `Total` of a grid of quarters: the fiscal year
    why: str = ""  # how a length or end that the header does not print plainly was read
    ytd: bool = False  # `Year to Date`: from the fiscal year's start to the column's end


_SEGMENT = re.compile(r"\S+(?: \S+)*")


def segments(line: Line) -> list[tuple[str, float, float]]:
    if line.cells is not None:
        return [(unglue(c.text), float(c.start), float(c.end)) for c in line.cells if c.text]
    return [(m.group(0), float(m.start()), float(m.end())) for m in _SEGMENT.finditer(unglue(line.text))]


_GLUED_WORD = re.compile(r"(?<=[a-z])(?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s*\d)")  # `EndedSeptember 30`
_GLUED_YEAR = re.compile(rf"(\d,|\b{_MONTH}\.? [0-3]?\d)((?:19|20)\d\d)\b", re.IGNORECASE)  # `30,2025`, `Dec 312024`


_DATELINE = re.compile(rf"{_MONTH}\.?\s+\d{{1,2}},?\s+(?:19|20)\d\d\s*", re.IGNORECASE)
def is_dateline(text: str) -> bool:
    """A full date alone at the start of a line (`August 25, 2026`)."""
    return bool(_DATELINE.fullmatch(text))


_GLUE_HINT = re.compile(r"[a-z][A-Z]|\d,(?:19|20)\d\d|\d(?:19|20)\d\d\b")


def unglue(text: str) -> str:
    """Words and dates a converter ran together, set apart: `EndedSeptember 30,2025`, `Dec 312024`."""
    if not any(ch.isdigit() for ch in text):
        return text
    return _GLUED_YEAR.sub(r"\1 \2", _GLUED_WORD.sub(" ", text))


_FOLDS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})  # what IGNORECASE takes for i, s, k


def _folded(text: str) -> str:
    """Lower case, with the few non-ASCII letters that case-insensitive matching takes for ASCII ones."""
    return text.lower() if text.isascii() else text.translate(_FOLDS).lower()


# Where a token can start: a digit or `%`, or the first letters of a token's words. Scanning for these
# first and trying the token pattern only there reads a line many times faster than searching with it.
_TOKEN_START = re.compile(r"\d|%|two |jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|three|six|nine|twelve|thirteen|fourteen"
                          r"|sixteen|twenty|thirty|forty|fifty|first|second|third|fourth|q[1-4]|quarter|half|h[12]|fiscal|year|full"
                          r"|annual|ytd|percent|as|margin|change|variance|increase|decrease|growth|bps|inc|dec|y/y|yoy|favorable"
                          r"|unfavorable|better|worse|amount|dollar|balance|trailing|ttm|ltm|last|vs|versus|fy")


def find_tokens(text: str) -> list[re.Match[str]]:
    """The period tokens of a text: what `_TOKEN.finditer` gives, found faster."""
    low = _folded(text)
    if len(low) != len(text):  # lower-casing moved positions (a rare letter): search in full
        return list(_TOKEN.finditer(text))
    out: list[re.Match[str]] = []
    pos, size, start, match = 0, len(text), _TOKEN_START.search, _TOKEN.match
    while pos < size:
        hit = start(low, pos)
        if hit is None:
            break
        m = match(text, hit.start())
        if m is None:
            pos = hit.start() + 1
        else:
            out.append(m)
            pos = m.end() if m.end() > m.start() else m.start() + 1
    return out


def tokens(line: Line, row: int = 0) -> list[Token]:
    """Period tokens of one header line, each with its position in the line's column coordinates."""
    out = []
    for text, start, _end in segments(line):
        width = max(len(text), 1)
        for m in find_tokens(text):
            kind = m.lastgroup or ""
            if line.cells is not None:  # cells: order tokens inside a cell without leaving it
                a, b = start + m.start() / (width + 1), start + m.end() / (width + 1)
            else:
                a, b = start + m.start(), start + m.start() + len(m.group(0))
            out.append(Token(kind, m.group(0), a, b, row))
    return out


# Every header holds one of these (a superset of the period tokens), so other lines are passed over at once.
# Read on the lower-cased line; each alternative starts with a plain character, which lets the engine skip ahead.
_HEADER_HINT = re.compile(r"19\d\d|20\d\d|month|week|mos?\b|quarter|q[1-4]|1q|2q|3q|4q|half|h[12]\b|year|annual|ttm|ltm|fy|/\d\d"
                          r"|twelve|ytd|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")
_AMOUNT_IN_HEADER = re.compile(r"\d[\d,]{0,30}\.\d|\d,\d{3}|\(\d")
_HEADER_MARKER = re.compile(r"\(\d{1,2}(?:,\d{1,2})*\)")
_HEADER_SPLIT = re.compile(r"[\s,;:()\[\]/|]+")


def header_line(line: Line, caption: bool = True) -> Line | None:
    """The line as a column header, or None. A fixed-width header may open with the label column's caption,
    set apart by three spaces or more (`Domestic Segment Results      July 29, 2023      July 30, 2022`): it is
    blanked, keeping every position, when the rest reads as a header and the caption names no period."""
    if is_header(line):
        return line
    if not caption or line.cells is not None or len(line.text) > 220:
        return None  # inside a table's rows, `Dividends payable to holders of record   July 15, 2024` is a row
    m = _CAPTION.match(line.text)
    if m is None or _has_period(m.group(1)) or _GROUPED_AMOUNT.search(line.text):
        return None
    if any(w in _VOCABULARY for w in _LETTERS.findall(_folded(m.group(1)))):
        return None  # `December` over a date split across lines, `Quarter`: the header's own words, no caption
    rest = line._replace(text=" " * m.end(1) + line.text[m.end(1):])
    return rest if is_header(rest) and len(_LETTERS.findall(_folded(rest.text))) >= 2 else None


_CAPTION = re.compile(r"\s{0,20}([A-Za-z][^\d]{0,60}?\S)\s{3,}(?=\S)")


def is_header(line: Line) -> bool:
    """True when a line reads as a column header: period words, dates and years, little else."""
    text = line.text
    if not text or len(text) > 220 or not _HEADER_HINT.search(_folded(text)):
        return False
    if line.cells is None and _GLUE_HINT.search(text):
        line = line._replace(text=unglue(text))
    if line.cells is not None and cells_header(line):
        return True
    if line.cells is None and is_dateline(text):
        return False  # a date alone at the start of a line: a release's or a page's dateline, not a column
    if _plainly_not_header(line):
        return False
    return _reads_as_header(line)


# Every word a period token or a filler word can be made of: a word with any other run of letters
# survives the token pass, so three such words already make a line more than a header.
_VOCABULARY = frozenset(
    "jan january feb february mar march apr april may jun june jul july aug august sep sept sepember september "
    "oct october nov november dec december three six nine twelve thirteen fourteen sixteen twenty four eight thirty "
    "forty fifty two month months week weeks mo mos first second third fourth st nd rd th fiscal quarter quarters q "
    "quarterly ended end ending half h year years full annual to date ytd of net total sales revenue revenues percent "
    "percentage as a margin change variance increase decrease growth bps inc y yoy chg favorable unfavorable better "
    "worse decline amount amounts dollar dollars at balance trailing ttm ltm last vs versus fy".split()
) | frozenset(run for word in FILLER for run in re.findall("[a-z]+", word))
_LETTERS = re.compile(r"[a-z]+")

# An amount as tables print it (thousands separators) that no date can hold: the line is a data row.
_GROUPED_AMOUNT = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?!\d)")
# A cell holding only an amount with separators or decimals (no token reads `1.36` or `1,234`).
_AMOUNT_CELL = re.compile(r"[$(]{0,3}\s?\$?\s?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,12}\.\d{1,12})\s?\)?\s?%?")


def _plainly_not_header(line: Line) -> bool:
    """A quick no for lines that the full reading would refuse: three words that no period token or filler
    word can consume, or an amount with thousands separators that is not the day of a date."""
    if line.cells is not None:
        filled = [c for c in line.cells if c.text]
        cells = filled[1:] if len(filled) > 1 else filled  # never more than the header's own body
        for k in range(1, len(filled)):
            # an amount that no date or length can take: not after a word (`June | 30`), not before one (`1.5 | weeks`)
            if (_AMOUNT_CELL.fullmatch(filled[k].text) and not _could_be_month(filled[k - 1].text)
                    and (k + 1 == len(filled) or not filled[k + 1].text[:1].isalpha())):
                return True
        text = " ".join(c.text for c in cells)
    else:
        text = line.text
    text = _folded(text)
    plain: set[str] = set()  # distinct: a caption printed again over each group of columns counts once
    for word in text.split():
        if word in _VOCABULARY:
            continue
        if word.isalpha() or any(run not in _VOCABULARY for run in _LETTERS.findall(word)):
            plain.add(word)
            if len(plain) > 2:
                return True
    return any(not _could_be_month(text[:m.start()]) for m in _GROUPED_AMOUNT.finditer(text))


_FOOTNOTE_CELL = re.compile(r"\(\d{1,2}\)|\([a-z]\)|\*{1,3}|[\u2020\u2021]")
_COLUMN_WORDS = 8  # a header cell is a caption, never a sentence


def cells_header(line: Line) -> bool:
    """A row of cells that heads columns: short cells, no amounts, and a period in at least one of them.

    Cells other than periods are allowed (`Sales Volume | Price Realization`, `GAAP | Adj.`, `in US $`): in
    a row of cells each cell is one column's caption, so words that are not periods do not make it a data row."""
    filled = [c.text for c in line.cells or () if c.text]
    if len(filled) < 2:
        return False
    period = False
    for k, text in enumerate(filled):
        kinds = {m.lastgroup for m in find_tokens(text)}
        if k == 0 and not kinds:
            continue  # the label column's caption
        if len(text.split()) > _COLUMN_WORDS or _data_cell(text):
            return False
        period = period or bool(kinds & _PERIOD_KINDS)
    return period


def _data_cell(text: str) -> bool:
    """A cell holding an amount (not a year, not a footnote marker): the row is data."""
    from .amounts import is_year, parse_amount

    text = text.strip()
    return parse_amount(text) is not None and not is_year(text) and not _FOOTNOTE_CELL.fullmatch(text)


def member_row(line: Line) -> bool:
    """A row of short text cells under a header, naming columns (`GAAP | Adj. | Non-GAAP`, `Average Balance |
    Average Yield/Rate`, `Consolidated | Financial Products`): no amounts, at least two such cells besides
    the label column's."""
    body = [c.text for c in line.cells or () if c.text and not (c.start == 0 and not _has_period(c.text))]
    return len(body) >= 2 and all(len(t.split()) <= 6 and not _data_cell(t) and any(ch.isalpha() for ch in t) for t in body)


def _has_period(text: str) -> bool:
    return any(m.lastgroup in _PERIOD_KINDS for m in find_tokens(text))


def measure_row(line: Line) -> bool:
    """A row naming measures, with no period anywhere (`Operating Profit | Profit Before Taxes | Profit per Share`):
    the columns of a transposed table, whose rows name the periods."""
    return member_row(line) and not any(_has_period(c.text) for c in line.cells or ())


def names_period(label: str) -> bool:
    """A row label that names a period (`2023 As Reported (GAAP)`, `Three Months Ended March 31, 2022 - Adjusted`)."""
    return any(m.lastgroup in ("year", "fulldate", "iso", "numdate", "qyear", "fyyear") for m in find_tokens(label))


def _could_be_month(text: str) -> bool:
    """Text that ends in a word (or an abbreviation's dot), which a day printed after it could join as a date."""
    text = text.rstrip()
    return bool(text) and (text[-1].isalpha() or text[-1] == ".")


_PERIOD_KINDS = frozenset(("fulldate", "iso", "numdate", "qyear", "fyyear", "monthday", "mrange", "duration", "quarter", "quarterly",
                           "half", "annual", "ytd", "year"))


def _reads_as_header(line: Line) -> bool:
    segs = segments(line)
    if line.cells is not None and segs and len(segs) > 1 and not find_tokens(segs[0][0]):
        segs = segs[1:]  # a label cell in front of the header cells
    body = " ".join(s[0] for s in segs)
    pieces, pos, period, periods = [], 0, False, 0
    for m in find_tokens(body):
        period = period or m.lastgroup in _PERIOD_KINDS
        periods += m.lastgroup in _PERIOD_KINDS
        pieces.append(body[pos:m.start()])
        pos = m.end()
    if not period:
        return False
    pieces.append(body[pos:])
    rest = _HEADER_MARKER.sub(" ", " ".join(pieces))  # the line without its tokens and footnote markers
    if _AMOUNT_IN_HEADER.search(rest):
        return False  # amounts in the line: a data row
    words = [w for w in _HEADER_SPLIT.split(rest.lower()) if w and w not in FILLER and not w.isdigit()]
    return len(words) <= 2 or len(_one_group(words, periods)) <= 2


def _one_group(words: list[str], periods: int) -> list[str]:
    """Caption words printed again over each group of columns (`2023  2022  (Dec)  Translation  2023  2022  (Dec)
    Translation`): one group's, when the words are that group repeated, all of them words of three letters or
    more, and each group heads two periods at least."""
    for size in range(1, len(words) // 2 + 1):
        group, repeats = words[:size], len(words) // size
        if (len(words) % size == 0 and group * repeats == words and periods >= 2 * repeats
                and all(w.isalpha() and len(w) >= 3 for w in group)):
            return group
    return words  # distinct words: a caption repeated over each group of columns counts once


_MONTH_NUMBERS = {name: k for k, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"), ("jul", "july"),
     ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"), ("dec", "december")], start=1)
    for name in names}
_PLAIN_DATE = re.compile(r"([a-z]{3,9})\.?\s{1,4}(\d{1,2})(?:\s{0,4},?\s{0,4}(\d{4}))?|(\d{4})-(\d\d)-(\d\d)", re.I)


@functools.lru_cache(maxsize=4096)
def parse_date(text: str) -> date | None:
    """`March 31, 2024`, `Sept. 30 2024`, `2024-03-31`; a month and day alone take the current year."""
    m = _PLAIN_DATE.fullmatch(text.strip())
    if m is not None:
        try:
            if m.group(4):
                return date(int(m.group(4)), int(m.group(5)), int(m.group(6)))
            month = _MONTH_NUMBERS.get(m.group(1).lower())
            if month is not None:
                return date(int(m.group(3)) if m.group(3) else date.today().year, month, int(m.group(2)))
        except ValueError:
            pass
    from dateutil import parser as dateparser  # other spellings; imported only when needed

    try:
        return dateparser.parse(text.replace(".", " ")).date()
    except (ValueError, OverflowError, TypeError):
        return None


_WORD_SPLIT = re.compile(r"[\s-]+")


def month_number(name: str) -> int | None:
    """1-12 for a month's name or abbreviation (`Sept`, `December`), None for other words."""
    return _MONTH_NUMBERS.get(name.strip(" .,").lower())


def duration_months(kind: str, text: str) -> int | None:
    """Months covered by a duration phrase (`Three Months Ended`, `39 weeks`, `Fiscal Year Ended`, `Oct-Dec`)."""
    if kind == "mrange":
        first, last = (month_number(m) for m in re.split(r"\s*[-\u2013\u2014]\s*", text.strip())[:2])
        return (last - first) % 12 + 1 if first and last else None
    if kind in ("quarter", "quarterly"):
        return 3
    if kind == "half":
        return 6
    if kind == "annual":
        return 12
    if kind != "duration":
        return None
    if "quarters" in text.lower():  # `Two Quarters Ended`: 26 weeks
        return 6 if text.lower().startswith("two") else 9
    words = _WORD_SPLIT.split(text)
    two = "-".join(words[:2])
    n = int(words[0]) if words[0].isdigit() else _NUMBER_WORDS.get(two, _NUMBER_WORDS.get(words[0]))
    if n is None:
        return None
    if "week" in text:
        n = round(n / 4.345)
    return min((3, 6, 9, 12), key=lambda x: abs(x - n)) if 2 <= n <= 13 else None


_QUARTER_WORD = re.compile(r"\b(first|second|third|fourth|1st|2nd|3rd|4th)\b|\bq([1-4])\b|\b([1-4])q\b")


def quarter_number(text: str) -> int | None:
    m = _QUARTER_WORD.search(text)
    if not m:
        return None
    return _ORDINALS.get(m.group(1) or "") or int(m.group(2) or m.group(3))


def to_period(col: Column, statement: str, fy_end: int = 12, anchors: frozenset[date] = frozenset(),
              instant: bool = False, offset: int = 0) -> Period | None:
    """Turn a period column into a Period; None when the column has no year.

    An end the column does not print (`Q2`, `Fiscal 2025 | Total`) is inferred from the fiscal year's end,
    then set on a date the release prints near it (`anchors`): 52/53-week years end on a weekday, and
    their quarters thirteen weeks apart. `instant`: the table holds balances, so a date with no length
    printed is a point in time. `offset`: how the company numbers its fiscal years (see `fiscal_quarter`);
    a year printed without a date is such a number."""
    if col.year is None:
        return None
    months = col.months
    if statement == "balance" or (months is None and (col.asof or (instant and col.day is not None))):
        months = 0
    guessed = False
    month, day, year = col.month, col.day, col.year
    if month is None and col.quarter and months in (3, 12):
        month, guessed, year = (fy_end + 3 * col.quarter - 1) % 12 + 1, True, year - offset
        if month > fy_end:  # the fiscal year ends in calendar year `year`: its first quarters end the year before
            year -= 1
    elif month is None and months == 12:
        month, guessed, year = fy_end, True, year - offset
    elif month is None and months in (6, 9) and statement != "balance":
        # `Six Months | 2023`: the year to date ends with the fiscal year's second (third) quarter
        month, guessed, year = (fy_end + months - 1) % 12 + 1, True, year - offset
        if month > fy_end:
            year -= 1
    end = None
    if month is not None:
        last = calendar.monthrange(year, month)[1]
        end = date(year, month, min(day or last, last))
    if guessed and end is not None and anchors:
        end = anchored(end, col.quarter if months == 3 else months // 3 if months in (6, 9) else 4, anchors)
    elif end is not None and day is None and anchors:  # `December` with no day: the release's own date that month
        end = _nearest_anchor(end, anchors)
    assumed, why = False, col.why
    if months is None and col.ytd and end is not None:
        months = months_from_year_start(end, fy_end)
        why = why or f"year to date: {months} months from the start of the fiscal year"
    assumed = False
    if months is None and statement == "cashflow" and end is not None and day is not None:
        # cash-flow statements run from the start of the fiscal year to the date printed
        months, assumed = months_from_year_start(end, fy_end), True
        if months % 3:
            months, assumed = None, False
    header = col.text
    return Period(end, months, fiscal_label(end, months, fy_end, offset), header, guessed, assumed, why, col.member)


def _nearest_anchor(end: date, anchors: frozenset[date]) -> date:
    """The date the release prints nearest `end` when it is within a week of it (a month printed with no day);
    else `end` itself."""
    near = min(anchors, key=lambda a: abs((a - end).days))
    return near if abs((near - end).days) <= 7 else end
