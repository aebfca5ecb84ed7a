"""Release text -> how the company names its fiscal periods: the month its year ends and how it numbers the year.

A release says which period it reports: "Fourth Quarter Fiscal 2022 Results", "Q3 FY24", "the first quarter
of fiscal 2025 ended December 28, 2024". Matched to the release's own period columns, those words tell
what the columns alone cannot: the fiscal year's last month when no year-to-date column shows it, and
whether a year is numbered by the calendar year it ends in (offset 0: Microsoft's year to June 30, 2024 is
fiscal 2024, Walmart's year to January 31, 2025 is fiscal 2025) or the one it starts in (offset -1: Ulta's
year to January 28, 2023 is fiscal 2022).

Every reading of the text is a hypothesis (year-end month, offset), scored by the mentions it explains:
a mention is explained when a period column carries that name under the hypothesis. The release's
headline (its first period named with a year) counts only when it names the latest period; a mention
printed with its end date names its period outright. Two readings that explain the text equally well,
a quarter named with two year numbers, or a lone mention that is not the headline keep the default,
and `why` says so. A year is numbered by the calendar year it starts in only when that year holds half
of it or more (it ends January to June): a calendar-year company is never read as offset -1.
"""
from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from typing import NamedTuple

from .calendar_rules import FiscalQuarter, closing_month, fiscal_quarter
from .periods import month_number

OFFSETS = (0, -1)  # by the year the fiscal year ends in (the default), by the year it starts in
# Numbered by the year it starts in only when that year holds half of it or more: a year ending in January to June.
_STARTS_NAME = frozenset(range(1, 7))
_LINES, _CHARS = 200, 16_000  # the headline and the results' paragraphs are in a release's first lines
_FLOW = (3, 6, 9, 12)


class FiscalNaming(NamedTuple):
    """How a release names its fiscal periods, and why it was read so."""

    fy_end: int  # the fiscal year's last month, 1-12 (a 52/53-week year ending early in a month: the month before)
    offset: int  # 0: a year is numbered by the calendar year it ends in; -1: by the one it starts in
    why: str


class Mention(NamedTuple):
    """A fiscal period the text names: `third quarter of fiscal 2024`, `fiscal year ended February 1, 2025`."""

    quarter: int  # 1-4; 0 for a whole fiscal year
    year: int | None  # the year's number as printed; None when only the end date is
    end: date | None  # the end date printed with it (`... ended February 1, 2025`)
    text: str  # the words as printed
    start: int  # where they stand in the text: the first mention is the headline's


_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_YEAR = r"(?:19|20)\d\d(?!\d|[,.]\d|\s?%)"  # not `2,0214` nor `2024.5` nor `2024%`: a sentence may end on it
_QUARTER = (r"(?:(?P<fq>fiscal\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal\s+)?quarter"
            r"|\bQ(?P<qn>[1-4])\b|\b(?P<nq>[1-4])Q\b)")
# `fourth quarter and (full) fiscal year 2026`: a quarter and its year named at once
_AND_YEAR = r"(?P<and>\s+(?:and|&)(?:\s+the)?(?:\s+full(?=[\s-]))?(?=[\s-]+(?:fiscal|year)\b))"
_NAMED_YEAR = rf"(?P<fy>(?:fiscal|calendar)\s+)?(?:year(?:[\s-]end)?\s+)?(?P<year>{_YEAR})"
_QUARTER_YEAR = re.compile(rf"\b{_QUARTER}{_AND_YEAR}?(?:\s+(?:of|for|in))?(?:\s+the)?[\s,-]+{_NAMED_YEAR}", re.I)
_YEAR_QUARTER = re.compile(rf"\b(?P<fy>fiscal\s+(?:year\s+)?)?(?P<year>{_YEAR})(?:['’]s)?\s+(?:fiscal\s+)?{_QUARTER}", re.I)
_WHOLE_YEAR = re.compile(rf"\b(?:fiscal\s+(?:year\s+)?|full[\s-]+year\s+(?:fiscal\s+)?)(?P<year>{_YEAR})", re.I)
_PERIOD_WORDS = re.compile(rf"\b(?:{_QUARTER}|(?P<whole>(?:fiscal\s+)?year)\b)", re.I)
# between a period's name and `ended <date>`: only words that describe the period (`, which`, `(52 weeks`);
# every run bounded, so that no run of spaces or letters is read again from each of its characters
_GAP_WORDS = (r"which|that|was|were|and|the|fiscal|quarter|year|period|weeks?|months?|\d{1,2}|three|twelve|thirteen|fourteen"
              r"|fifty[\s-]two|fifty[\s-]three|\w{1,12}-week")
_GAP = re.compile(rf"[\s,()\"“”'’-]{{0,8}}(?:(?:{_GAP_WORDS})[\s,()\"“”'’-]{{1,8}}){{0,6}}?end(?:ed|ing)\s{{1,4}}(?:on\s{{1,4}})?"
                  r"(?P<month>[a-z]{3,9})\.?\s{1,4}(?P<day>\d{1,2}),?\s{1,4}(?P<dyear>(?:19|20)\d\d)\b", re.I)
_FY_SHORT = re.compile(r"\bFY\s?['’]?(\d\d)\b(?![,.]\d|\s?%)")  # `FY24`, `FY'24`
_FY_LONG = re.compile(r"\bFY\s?((?:19|20)\d\d)\b")  # `FY2024`, `FY 2024`
# `Q3'24`, `3Q24`; starting on a character class (and looking back for a word) is what makes it quick
_Q_SHORT = re.compile(r"[Q1-4](?<!\w.)(?:(?<=Q)([1-4])\s?['’]|(?<=([1-4]))Q\s?['’]?)(\d\d)\b(?![,.]\d|\s?%)")
_MARKUP = "*_#|"  # markdown emphasis, headings and table bars
# where a phrase can start; on lower-cased text (the patterns themselves ignore case)
_STARTS = r"\b(?:fiscal|full|year|first|second|third|fourth|1st|2nd|3rd|4th|q[1-4]|[1-4]q|(?:19|20)\d\d)"
_TRIGGER = re.compile(_STARTS)
_TRIGGER_ANY_CASE = re.compile(_STARTS, re.I)
_DATE_BEFORE = re.compile(r"\d{1,2},?\s*$")  # a year that closes a date (`December 31, 2024 fourth quarter`)


def plain_text(prose: Iterable[str]) -> str:
    """The lines as one text, `FY24` and `Q3'24` spelled out: phrases wrap across lines in a release."""
    text = " ".join(prose)
    for mark in _MARKUP:
        text = text.replace(mark, " ")
    if "FY" in text:
        text = _FY_LONG.sub(r"fiscal \1", _FY_SHORT.sub(r"fiscal 20\1", text))
    if "Q" in text:
        text = _Q_SHORT.sub(lambda m: f"Q{m.group(1) or m.group(2)} 20{m.group(3)}", text)
    return " ".join(text.split())


def find_mentions(text: str) -> list[Mention]:
    """Every fiscal period the text names with a year or an end date, in the order printed.

    The phrase patterns are tried only where one can start, and only those that can start with the word
    found there (`fiscal`, `third`, `Q3`, `2024`...): a release is read many times faster so."""
    low = text.lower()
    trigger = _TRIGGER if len(low) == len(text) else _TRIGGER_ANY_CASE  # lower-casing moved positions (a rare letter)
    scanned = low if trigger is _TRIGGER else text
    out: list[Mention] = []
    pos = 0
    while (hit := trigger.search(scanned, pos)) is not None:
        word = hit.group(0).lower()
        readers = _BY_FIRST_WORD.get(word, _READERS) if not word.isdigit() else (_year_first,)
        found = next((f for read in readers if (f := read(text, hit.start()))), [])
        out += found
        pos = hit.start() + len(found[0].text) if found else hit.end()
    return out


def _quarter_first(text: str, at: int) -> list[Mention]:
    """`third quarter of fiscal 2024`, `Q3 2024`, `fourth quarter and fiscal year 2024` (the year named too)."""
    m = _QUARTER_YEAR.match(text, at)
    if m is None:
        return []
    year = int(m.group("year"))
    found = [Mention(_quarter_of(m), year, None, m.group(0), at)]
    if m.group("and"):
        found.append(Mention(0, year, None, m.group(0), at))
    return _with_end(text, m.end(), found)


def _year_first(text: str, at: int) -> list[Mention]:
    """`fiscal 2024 third quarter`, `the 2026 second quarter`; not the year of a date (`December 31, 2024 fourth quarter`)."""
    m = _YEAR_QUARTER.match(text, at)
    if m is None or _DATE_BEFORE.search(text, max(0, at - 4), at):
        return []
    return _with_end(text, m.end(), [Mention(_quarter_of(m), int(m.group("year")), None, m.group(0), at)])


def _whole_year(text: str, at: int) -> list[Mention]:
    """`fiscal 2021`, `fiscal year 2024`, `full year 2024`."""
    m = _WHOLE_YEAR.match(text, at)
    return [] if m is None else _with_end(text, m.end(), [Mention(0, int(m.group("year")), None, m.group(0), at)])


def _dated(text: str, at: int) -> list[Mention]:
    """`third fiscal quarter ended June 30, 2026`, `fiscal year ended May 31, 2014`: a period by its end date only."""
    m = _PERIOD_WORDS.match(text, at)
    end = _end_after(text, m.end()) if m is not None else None
    if m is None or end is None:
        return []
    return [Mention(0 if m.group("whole") else _quarter_of(m), None, end, m.group(0), at)]


def _with_end(text: str, pos: int, found: list[Mention]) -> list[Mention]:
    """The mentions with the end date printed right after them (`fiscal 2024 ended February 1, 2025`), if any."""
    end = _end_after(text, pos)
    return [f._replace(end=end) for f in found] if end else found


_READERS = (_quarter_first, _dated)  # an ordinal or `Q3`
_BY_FIRST_WORD = {"fiscal": (_quarter_first, _year_first, _whole_year, _dated), "full": (_whole_year,), "year": (_dated,)}


def _quarter_of(m: re.Match[str]) -> int:
    return _ORDINAL[m.group("ord").lower()] if m.group("ord") else int(m.group("qn") or m.group("nq"))


def _end_after(text: str, pos: int) -> date | None:
    """The date in `, which ended June 28, 2026` right after a period's name; None when something else comes first."""
    m = _GAP.match(text, pos, pos + 120)
    if m is None:
        return None
    month = month_number(m.group("month"))
    try:
        return date(int(m.group("dyear")), month, int(m.group("day"))) if month else None
    except ValueError:
        return None


class Reading(NamedTuple):
    """One hypothesis about the naming and what it makes of the text."""

    fy_end: int
    offset: int
    score: int
    explained: frozenset[int]  # the mentions it explains (their index)
    anchored: frozenset[int]  # of those, the quarters (or dated periods) named with a year that are the latest period
    headline: bool  # the headline names the release's latest period under it


class _Columns(NamedTuple):
    """The release's period columns that a name can point at: flow periods, the latest one first."""

    ends: tuple[tuple[date, int], ...]
    anchor: date | None  # the period the release reports: its latest quarter, else its latest year


def read_fiscal_naming(prose: Iterable[str], ends: Iterable[tuple[date, int]], fy_end: int | None) -> FiscalNaming:
    """The fiscal year's last month and year numbering, as the release's words name its period columns.

    `prose`: the release's lines (the first 200, up to 16,000 characters, are read); `ends`: (end date,
    months) of its period columns, in any order, one per column; `fy_end`: the year-end month its
    year-to-date columns show, None when they show none (then the text may set it). Without consistent
    evidence the default is kept: `fy_end` (else 12) and offset 0; `why` says which and why."""
    mentions = find_mentions(plain_text(itertools.islice(prose, _LINES))[:_CHARS])
    columns = _columns(ends)
    default = fy_end or 12
    readings = [_score(mentions, columns, f, o) for f in _candidates(mentions, columns, fy_end) for o in OFFSETS
                if o == 0 or f in _STARTS_NAME]
    readings.sort(key=lambda r: (-r.score, (r.fy_end, r.offset) != (default, 0)))
    return _decide(readings, mentions, default, fy_end is not None)


def _columns(ends: Iterable[tuple[date, int]]) -> _Columns:
    """The flow columns, and the one the release reports: its latest quarter (else its latest period).

    When some end is printed by four columns or more, an end printed by under a quarter as many
    (`Interim report January-March 2025` in a financial calendar) is not the release's period."""
    counts = Counter((e, m) for e, m in ends if e is not None and m in _FLOW)
    by_end = Counter[date]()
    for (e, _m), n in counts.items():
        by_end[e] += n
    top = max(by_end.values(), default=0)
    common = [e for e, n in by_end.items() if top < 4 or n >= top // 4] or list(by_end)
    quarters = [e for e in common if (e, 3) in counts]
    anchor = max(quarters or common, default=None)
    return _Columns(tuple(sorted(counts, reverse=True)), anchor)


def _year_end_month(end: date, quarter: int) -> int:
    """The fiscal year's last month when the period ending on `end` is quarter `quarter` (0: the year)."""
    return (closing_month(end) + 3 * (4 - (quarter or 4)) - 1) % 12 + 1


def _candidates(mentions: list[Mention], columns: _Columns, fy_end: int | None) -> list[int]:
    """Year-end months worth scoring: the known one; else the default and those the mentions imply."""
    if fy_end is not None:
        return [fy_end]
    months = {12}
    for m in mentions:
        if m.end is not None:
            months.add(_year_end_month(m.end, m.quarter))
        elif m.quarter and columns.anchor is not None:
            months.add(_year_end_month(columns.anchor, m.quarter))
    return sorted(months)


def _score(mentions: list[Mention], columns: _Columns, fy_end: int, offset: int) -> Reading:
    """How much of the text a reading explains: 1 a mention, 3 a dated one or the headline naming the latest period."""
    names = {fiscal_quarter(e, fy_end, offset) for e, _months in columns.ends}
    years = {q.year for q in names}
    anchor = fiscal_quarter(columns.anchor, fy_end, offset) if columns.anchor else None
    headline = next((k for k, m in enumerate(mentions) if m.year is not None), None)
    score, explained, anchored, leads = 0, set(), set(), False
    for k, m in enumerate(mentions):
        if not _explains(m, names, years, fy_end, offset):
            continue
        own = _names_anchor(m, columns.anchor, anchor)
        if k == headline:
            leads = own
            if not own:
                continue  # a headline names the release's own period, not a comparative one
        explained.add(k)
        strong = k == headline or (m.end is not None and m.year is not None)
        score += 3 if strong else 1
        if own and m.year is not None and (m.quarter or m.end is not None):
            anchored.add(k)
    return Reading(fy_end, offset, score, frozenset(explained), frozenset(anchored), leads)


def _explains(m: Mention, names: set[FiscalQuarter], years: set[int], fy_end: int, offset: int) -> bool:
    """The mention names a period of the columns (or, printed with its end date, that date's period)."""
    if m.end is not None:
        quarter, year = fiscal_quarter(m.end, fy_end, offset)
        return (m.quarter or 4) == quarter and m.year in (None, year)
    if m.quarter:
        return (m.quarter, m.year) in names
    return m.year in years


def _names_anchor(m: Mention, anchor_end: date | None, anchor: FiscalQuarter | None) -> bool:
    """The mention names the release's latest period (a year: the fiscal year that period is in)."""
    if anchor_end is None or anchor is None:
        return m.end is not None
    if m.end is not None:
        return abs(m.end - anchor_end) <= timedelta(days=7)
    return (m.quarter, m.year) == tuple(anchor) if m.quarter else m.year == anchor.year


def _decide(readings: list[Reading], mentions: list[Mention], default: int, known: bool) -> FiscalNaming:
    """The best reading when the evidence holds it up; else the default, with the reason."""
    kept = f"kept month {default} ({'from the columns' if known else 'assumed'}) and years numbered by the year they end in"
    best = readings[0] if readings else None
    if best is None or not any(mentions[k].year is not None for k in best.explained):
        return FiscalNaming(default, 0, f"no fiscal period the text names with a year is one of the columns; {kept}")
    rival = _rival(best, readings[1:])
    if rival is not None:
        return FiscalNaming(default, 0, f"the text names the latest period two ways ({_quote(best, mentions)}: "
                                        f"{_reading(best)}; {_quote(rival, mentions, rival.anchored - best.explained)}: "
                                        f"{_reading(rival)}); {kept}")
    if (best.fy_end, best.offset) != (default, 0) and not _supported(best, mentions):
        return FiscalNaming(default, 0, f"only {_quote(best, mentions)} suggests a {_reading(best)}; {kept}")
    return FiscalNaming(best.fy_end, best.offset, _because(best, mentions, known))


def _rival(best: Reading, others: list[Reading]) -> Reading | None:
    """A reading as good as the best, or one under which the text names the latest period in words the best
    cannot explain (`third quarter of fiscal 2024` and `third quarter of fiscal 2025` for one quarter)."""
    for r in others:
        if r.score == best.score and r.explained != best.explained:
            return r
        if r.fy_end == best.fy_end and r.anchored - best.explained:
            return r
    return None


def _supported(best: Reading, mentions: list[Mention]) -> bool:
    """A headline naming the latest period, a period named with its end date, or two mentions agreeing."""
    dated = any(mentions[k].end is not None and mentions[k].year is not None for k in best.explained)
    return best.headline or dated or len(best.explained) >= 2


def _reading(r: Reading) -> str:
    numbered = "the year it starts in" if r.offset == -1 else "the year it ends in"
    return f"year ending in month {r.fy_end}, numbered by {numbered}"


def _quote(r: Reading, mentions: list[Mention], among: frozenset[int] | None = None) -> str:
    """The first mention a reading explains (with a year, when it explains one), as printed."""
    pool = sorted(r.explained if among is None else among)
    named = [k for k in pool if mentions[k].year is not None] or pool
    return f"'{mentions[named[0]].text}'" if named else "nothing"


def _because(best: Reading, mentions: list[Mention], known: bool) -> str:
    month = f"the year ends in month {best.fy_end}" + (" (from the columns)" if known else " (from the text)")
    numbered = ("numbered by the calendar year it starts in" if best.offset == -1
                else "numbered by the calendar year it ends in")
    named = [k for k, m in enumerate(mentions) if m.year is not None]
    agree = sum(1 for k in named if k in best.explained)
    lead = f"; the headline {_quote(best, mentions)} names the latest period" if best.headline else ""
    return f"{month}, {numbered}: {agree} of {len(named)} periods the text names with a year are the columns'{lead}"
