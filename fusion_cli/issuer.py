"""The issuer of a release: the company that publishes it, named from the release's own words.

Evidence, strongest first: the EDGAR header's conformed name, the 8-K cover's registrant, the release's lead
(a headline "Acme Reports Third Quarter Results", a dateline "Acme Inc. today announced", a ticker "(NYSE: ACME)"
or the alias a company gives itself, `(the "Company")`), the 8-K signature, and last the legal names printed
most often. A short name ("Acme") is widened to the legal name that starts with it ("Acme Widgets, Inc.").
Only a release's first lines are read, and only the start of each, so the work is bounded on any input.
"""
from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from .model import Cell, Line
from .names import (
    MARKS,
    SUFFIX,
    SUFFIX_WORDS,
    WINDOW,
    all_caps,
    has_suffix,
    key,
    name_before,
    plausible,
    title_case,
)

_SPAN = 10_000  # characters of a line looked at: names open paragraphs, and a hostile line runs to megabytes
_PER_LINE = 40  # matches of a pattern looked at on a line: a real line names a few companies, a hostile one thousands
_HEADLINE_CHARS = 400  # a headline is a short line; a verb further into prose is no headline
_BROKEN_HEADLINE = 80  # a headline broken over two lines has two short ones


class Evidence(NamedTuple):
    """One place where a release names a company: the name as printed, and what kind of place it is."""

    name: str
    # conformed | registrant | ticker | alias | dateline | headline | report | title | signature | mention | alias-of
    kind: str
    line: int  # position of its line among the lines read (not `index`, which would hide tuple.index)
    alone: bool = False  # a mention that fills its whole line or cell (letterhead, table title, signature)
    alias: str = ""  # for kind `alias-of`: the short name the release defines for this legal name ("Acme")


class Head(NamedTuple):
    """The lines read: the cleaned text of each, and its cells (empty for free text)."""

    texts: tuple[str, ...]
    cells: tuple[tuple[Cell, ...], ...]
    tagged: tuple[Evidence, ...] = ()  # inline XBRL's dei:EntityRegistrantName, read before tags are removed


# A lead names the issuer as itself; the name with most weight wins, the earliest on a tie. A title that announces
# something other than results ("Acme Announces New CFO", "Acme AB: Invitation to ...") counts for less.
_WEIGHT = {"ticker": 2, "alias": 2, "dateline": 2, "headline": 2, "report": 2, "title": 1}
_TITLE_LINES = 5  # the first non-empty lines read as a release's title
_COLON_TITLE_LINES = 2  # "Acme ASA: Q4 Results" only as the very first line(s): later, "Date: Monday" is a label

# ---- words ----------------------------------------------------------------------------------------------------

# What a company calls itself in the alias it defines: (the "Company"), ("we", "our"), ("H&R" or "the REIT").
_SELF = frozenset("company we us our reit trust corporation partnership fund group issuer registrant".split())

# ---- patterns (each linear: classes that cannot overlap, bounded repeats) --------------------------------------

_TAG = re.compile(r"<[^<>]*>")
_CONFORMED = re.compile(r"COMPANY CONFORMED NAME:[\s|]*([^|]{1,150})")
_EDGAR_STATE = re.compile(r"/[A-Z]{2,4}/?$")  # "CATERPILLAR INC /DE/"
_DEI_NAME = re.compile(r"dei:EntityRegistrantName[^>]{0,3000}>([^<]{1,200})<")
_PAREN = re.compile(r"\(([^()]{1,300})\)")
_TICKER = re.compile(
    r"(?:NYSE|NASDAQ|TSXV?|TSX-V|CSE|NEO|OTC\w*|AMEX|ASX|LSE|AIM|NZX|JSE|SGX|HKEX|SEHK|SIX|Euronext|XETRA"
    r"|Frankfurt|Oslo|TASE|BSE|NSE|Ticker|Symbol)\b", re.I
)
_QUOTED = re.compile(r"[\"“”]([^\"“”]{1,60})[\"“”]")
_DATELINE = re.compile(
    r"\btoday\s+(?:reported|announced|reports|announces|released|posted|issued|published)\b"
    r"|\b(?:reported|announced|reports|announces|released|posted)\s+today\b|\bis pleased to (?:announce|report)\b"
    r"|\bwill (?:report|release|announce|host)\b", re.I
)
_APPOSITION = re.compile(r",\s+(?:a|an|the|one of|which|who|whose)\s")
_HEADLINE_HINT = re.compile("report|announc|post|deliver|releas|issue|publish|achieve|declare|schedule")
_HEADLINE = re.compile(r"\b(?:reports|reported|announces|announced|posts|posted|delivers|releases|released|issues"
                       r"|publishes|achieves|declares|schedules|to (?:report|announce|release|host))\b", re.I)
# The last word of what stands before a title's colon when it is no company: "Third Quarter Highlights: ...".
_SECTION_WORDS = frozenset(
    "highlights results earnings quarter year summary outlook overview update reminder invitation correction release "
    "ceo cfo chairman president notice report statement statements table agenda news forecast preview chatter talk "
    "flash brief color colour stories alert exclusive breaking correct date time location venue webcast call contact "
    "contacts media source website note notes dividend board directors management team shareholders investors "
    "analysts likely expected fiscal half first second third fourth full interim annual quarterly".split()
)
_RESULT = re.compile(
    r"\b(?:results|earnings|net (?:income|loss|earnings)|revenues?|sales|profits?|eps|financial statements)\b",
    re.I,
)
_REPORT = re.compile(
    r"\b(?:financial statements? (?:bulletin|release)|business review"
    r"|(?:interim|half[- ]year(?: financial)?|quarterly|year[- ]end|six[- ]month|nine[- ]month) report)\b",
    re.I,
)
_REPORT_HINT = re.compile("report|bulletin|review|release")
_REGISTRANT = "exact name of registrant"
_BY = re.compile(r"^By:")
_PERIOD_TITLE_CHARS = 150
_PERIOD_WORDS = ("quarter", "year", "half", "month", "fiscal")  # "Fourth-Quarter 2024 ...", "Full-year 2024 ..."
_PERIOD = re.compile(r"(?<!\S)(?:(?:19|20)\d\d|Q[1-4]|[1-4]Q|FY\s?\d{2,4}|[HS][12])\b")
_BOILERPLATE = re.compile(r"\b(?:form|report|securities|commission|washington|united states|pursuant|exchange act|"
                          r"date of|charter|registrant)\b", re.I)


def detect_issuer(lines: Iterable[Line], limit: int = 400) -> str:
    """The issuer's name as the release prints it, from its first `limit` lines; '' when nothing names one."""
    head = read_head(lines, limit)
    found = evidence(head)
    names = _sure_name(found) or _lead_name(found) or _by_kind(found, "signature") or _most_printed(found)
    return _display(names, found, head) if names else ""


def read_head(lines: Iterable[Line], limit: int = 400) -> Head:
    """The first `limit` lines, cleaned for naming: inline tags gone, front matter reduced to its title."""
    texts, cells, tagged = [], [], []
    front = False
    for index, line in enumerate(itertools.islice(lines, limit)):
        text = line.text[:_SPAN]
        if "®" in text or "™" in text or "℠" in text:  # "Acme Biotech® Inc."
            text = text.translate(MARKS)
        if text.strip() == "---" and (index == 0 or front):
            front = not front  # YAML front matter: its summary repeats the release in one run-on line
            text = ""
        elif front:
            text = _front_title(text)
        if "EntityRegistrantName" in text and (m := _DEI_NAME.search(text)):
            tagged.append(Evidence(" ".join(m.group(1).split()), "registrant", index))
        if "<" in text:
            text = _TAG.sub(" ", text)
        texts.append(text)
        cells.append(line.cells or ())
    return Head(tuple(texts), tuple(cells), tuple(tagged))


def _units(head: Head, index: int) -> tuple[str, ...]:
    """A line's cells, or its whole text: the places a name can stand alone (letterhead, table title, signature)."""
    cells = tuple(" ".join(c.text.split()) for c in head.cells[index] if c.text)
    return cells or (" ".join(head.texts[index].split()),)


def _front_title(text: str) -> str:
    if not text.startswith("title:"):
        return ""
    return text[6:].strip().strip("\"'")


def evidence(head: Head) -> list[Evidence]:
    """Every place the lines read name a company, in line order."""
    found: list[Evidence] = []
    found += _conformed(head)
    found += head.tagged
    nonempty = (i for i, t in enumerate(head.texts) if t.strip())
    ranks = {index: rank for rank, index in enumerate(itertools.islice(nonempty, _TITLE_LINES))}
    for index, text in enumerate(head.texts):
        low = text.lower()
        found += _registrant(head, index, low)
        found += _leads(text, low, index, head, ranks.get(index, _TITLE_LINES))
        found += _mentions(text, index, head)
    found += _signatures(head)
    return found


# ---- the sure names: EDGAR header and 8-K cover ---------------------------------------------------------------

def _conformed(head: Head) -> list[Evidence]:
    """The EDGAR header's conformed name, the filer's when the header names a subject company too."""
    names: list[Evidence] = []
    filer = len(head.texts)
    for index, text in enumerate(head.texts):
        if "FILER:" in text:
            filer = min(filer, index)
        if "CONFORMED NAME" in text and (m := _CONFORMED.search(text)):
            name = _EDGAR_STATE.sub("", m.group(1).strip()).strip()
            names.append(Evidence(" ".join(name.split()), "conformed", index))
    filed = [e for e in names if e.line > filer]
    return (filed or names)[:1]


def _registrant(head: Head, index: int, low: str) -> list[Evidence]:
    """The 8-K cover's registrant: the line above "(Exact name of registrant as specified in its charter)"."""
    if _REGISTRANT not in low:
        return []
    before = head.texts[index][: low.find(_REGISTRANT)].rstrip(" (|")
    name = before if _standalone(before) else _unit_above(head, index)
    if _BOILERPLATE.search(name) and not has_suffix(name):
        return []  # a cover whose name is an image: the line above is the form's own heading
    return [Evidence(name, "registrant", index)] if name else []


def _unit_above(head: Head, index: int) -> str:
    for above in range(index - 1, max(-1, index - 5), -1):
        named = [u for u in _units(head, above) if u]
        if named:
            return named[0] if _standalone(named[0]) else ""
    return ""


def _standalone(text: str) -> bool:
    """A line or cell that can be a company's name on its own: short, no sentence, no label."""
    words = text.split()
    return (0 < len(words) <= 12 and len(text) <= 120 and text[:1].isalnum() and any(c.isupper() for c in text)
            and not any(c in text for c in ":()|") and not text.isdigit())


def _signatures(head: Head) -> list[Evidence]:
    """The legal name just above "By:" in a signature block."""
    found = []
    for index, text in enumerate(head.texts):
        if "By:" not in text:
            continue
        for at, unit in enumerate(_units(head, index)):
            if _BY.match(unit) and (name := _signer(head, index, at)):
                found.append(Evidence(name, "signature", index))
    return found


def _signer(head: Head, index: int, at: int) -> str:
    above = [_units(head, index)[:at]] + [_units(head, i) for i in range(index - 1, max(-1, index - 7), -1)]
    for units in above:
        for unit in reversed(units):
            if _standalone(unit) and has_suffix(unit):
                return unit
    return ""


# ---- the lead: ticker, alias, dateline, headline -------------------------------------------------------------

def _leads(text: str, low: str, index: int, head: Head, rank: int) -> list[Evidence]:
    """The lead evidence on one line; `rank` is the line's place among the non-empty lines (titles come first)."""
    # Substring tests first: most lines hold none of the words, and a regex scan costs far more than `in`.
    found = _tickers_and_aliases(text, index) if "(" in text else []
    if "today" in low or "pleased" in low or "will " in low:
        found += _datelines(text, index)
    if len(text) <= _HEADLINE_CHARS:
        if _HEADLINE_HINT.search(low):
            found += _headline(text, index, head, rank < _TITLE_LINES)
        if _REPORT_HINT.search(low):
            found += _report_title(text, index)
        if rank < _COLON_TITLE_LINES and ":" in text[:100]:
            found += _colon_title(text, index)
        if rank < _TITLE_LINES:
            found += _period_title(text, index)
    return found


def _tickers_and_aliases(text: str, index: int) -> list[Evidence]:
    """A name followed by its ticker `(NYSE: XX)`, or by the alias it gives itself `(the "Company")`; other aliases
    are kept as alias-of evidence so a short name can be widened."""
    found = []
    for m in itertools.islice(_PAREN.finditer(text), _PER_LINE):
        content = m.group(1)
        quoted = [q.strip(" ,.;").removeprefix("the ").removeprefix("The ") for q in _QUOTED.findall(content)]
        ticker = _TICKER.match(content.lstrip()) is not None
        if not ticker and not quoted:
            continue
        name = name_before(text, m.start())
        if name.endswith(("'s", "’s")) and has_suffix(name[:-2]):
            name = name[:-2]  # "Acme Corp.’s (NASDAQ: ACME) new plant"
        if not plausible(name):
            continue
        if ticker and not _TICKER.match(name):  # "listed on Nasdaq Stockholm (ticker: X)" names the exchange
            found.append(Evidence(name, "ticker", index))
        if any(q.casefold() in _SELF for q in quoted):
            found.append(Evidence(name, "alias", index))
        if has_suffix(name):
            found += [Evidence(name, "alias-of", index, alias=q) for q in quoted if q.casefold() not in _SELF]
    return found


def _datelines(text: str, index: int) -> list[Evidence]:
    """A name just before "today announced", "reported today" or "is pleased to announce"."""
    names = (_subject_before(text, m.start()) for m in itertools.islice(_DATELINE.finditer(text), _PER_LINE))
    return [Evidence(name, "dateline", index) for name in names if plausible(name)]


def _subject_before(text: str, end: int) -> str:
    """The name before a verb, past an apposition: "Acme Inc. (NYSE: ACME), a leading maker of widgets, today ..."."""
    name = name_before(text, end)
    if name or not text[:end].rstrip().endswith(","):
        return name
    for m in reversed(list(itertools.islice(_APPOSITION.finditer(text, max(0, end - 2 * WINDOW), end), _PER_LINE))):
        name = name_before(text, m.start())
        if plausible(name):
            return name
    return ""


def _headline(text: str, index: int, head: Head, title: bool) -> list[Evidence]:
    """"Acme Reports Third Quarter 2025 Results": the name before the verb, when results follow it (on this line or,
    for a headline broken in two, the next); in a title, "Acme Announces New CFO" too, with less weight."""
    for m in itertools.islice(_HEADLINE.finditer(text), _PER_LINE):
        name = name_before(text, m.start(), "title")
        if not plausible(name) or name.split()[-1].casefold() in _SECTION_WORDS:
            continue  # "Mastercard Board Of Directors Announces": a body of the company, named by the legal names
        rest = text[m.end():] + " " + (_next_text(head, index) if len(text) < _BROKEN_HEADLINE else "")
        if _RESULT.search(rest):
            return [Evidence(name, "headline", index)]
        if title:
            return [Evidence(name, "title", index)]
    return []


def _period_title(text: str, index: int) -> list[Evidence]:
    """A title that names the issuer before the period: "LVMH 2025 Third Quarter Revenue", "Acme Q3 2025 Results"."""
    m = _PERIOD.search(text)
    if not m or len(text) > _PERIOD_TITLE_CHARS or not _RESULT.search(text, m.end()):
        return []
    name = name_before(text, m.start(), "title")
    if name.endswith(("'s", "’s")):
        return []  # "Acme's Q4 Earnings Beat": a news story's title, and "'s" may be the name's own ("McDonald's")
    if name.endswith(("s'", "s’")):  # "Acme Industries' Q4 Results"
        name = name[:-1]
    last = name.split()[-1].casefold() if name else ""
    if not plausible(name) or last in _SECTION_WORDS or any(p in last for p in _PERIOD_WORDS):
        return []
    return [Evidence(name, "headline", index)]


def _colon_title(text: str, index: int) -> list[Evidence]:
    """A title that opens with the issuer and a colon: "Akastor ASA: Fourth Quarter Results 2024"."""
    colon = text.index(":")
    name = name_before(text, colon, "title")
    words = name.split()
    if not plausible(name) or len(words) > 5 or words[-1].casefold() in _SECTION_WORDS or text[:colon] != name:
        return []
    return [Evidence(name, "headline" if _RESULT.search(text, colon) else "title", index)]


def _next_text(head: Head, index: int) -> str:
    """The rest of a headline broken over lines: the next non-empty line, when it is as short as a headline's."""
    following = next((t for t in head.texts[index + 1:index + 4] if t.strip()), "")
    return following if len(following) < _BROKEN_HEADLINE else ""


def _report_title(text: str, index: int) -> list[Evidence]:
    """A European title: "Kemira Oyj's Financial Statements Bulletin 2024", "Acme AB: Interim Report Q3"."""
    m = _REPORT.search(text)
    if not m:
        return []
    before = text[: m.start()].rstrip(" ,:–-")
    for possessive in ("'s", "’s"):
        before = before.removesuffix(possessive)
    name = name_before(before, len(before))
    return [Evidence(name, "report", index)] if plausible(name) else []


# ---- mentions: legal names wherever printed -------------------------------------------------------------------

def _mentions(text: str, index: int, head: Head) -> list[Evidence]:
    """Every legal name on a line (a name ending in a legal form), marked when it fills its line or cell."""
    found: list[Evidence] = []
    if SUFFIX_WORDS.isdisjoint(text.split()):
        return found
    matches = list(itertools.islice(SUFFIX.finditer(text), _PER_LINE))
    units = _units(head, index) if len(text) <= _HEADLINE_CHARS else ()  # a long line is no name standing alone
    for m, after in zip(matches, matches[1:] + [None]):
        if after is not None and after.start() - m.end() <= 2:
            continue  # "Co., Ltd.", "Holdings, Inc.": the name runs on to the next legal form
        words = name_before(text, m.start(), "any", last=m.group(0))
        name = f"{words} {m.group(0)}" if words else ""
        if plausible(name):
            found.append(Evidence(name, "mention", index, name in units))
    return found


# ---- reading a name backwards from where it ends ----------------------------------------------------------------


# ---- choosing -------------------------------------------------------------------------------------------------

def _sure_name(found: list[Evidence]) -> str:
    return _by_kind(found, "conformed") or _by_kind(found, "registrant")


def _by_kind(found: list[Evidence], kind: str) -> str:
    return next((e.name for e in found if e.kind == kind), "")


def _lead_name(found: list[Evidence]) -> str:
    """The name the lead evidence agrees on, each short name counted for the legal name it stands for."""
    leads = [e for e in found if e.kind in _WEIGHT]
    if not leads:
        return ""
    direct: Counter[str] = Counter()
    for e in leads:
        direct[key(e.name)] += _WEIGHT[e.kind]
    votes: Counter[str] = Counter()
    first: dict[str, int] = {}
    names: dict[str, str] = {}
    for e in leads:
        full = _widen(e.name, found, direct)
        votes[key(full)] += _WEIGHT[e.kind]
        first.setdefault(key(full), e.line)
        names.setdefault(key(full), full)
    return names[max(votes, key=lambda k: (votes[k], -first[k]))]


def _widen(name: str, found: list[Evidence], direct: Counter[str]) -> str:
    """The legal name a short name stands for: the alias it was defined as, else the legal name that starts with it
    (the one with most lead evidence, then most printed); the name itself when there is none."""
    if has_suffix(name):
        return name
    short = key(name)
    aliased = [e.name for e in found if e.kind == "alias-of" and key(e.alias) == short]
    if aliased:
        return aliased[0]
    long = short[:-5] + " real estate investment trust" if short.endswith(" reit") else None
    wider = [e for e in found if e.kind != "alias-of" and has_suffix(e.name)
             and (key(e.name).startswith(short + " ") or key(e.name) == long)]
    printed = Counter(key(e.name) for e in wider)
    alone = {key(e.name) for e in wider if e.alone}
    # A legal name that adds more than two words to the short one and is printed once in passing
    # ("Acme Subsidiary Beta Management LLC ...") is another company.
    extra = len(short.split()) + 3
    wider = [e for e in wider if direct[key(e.name)] or printed[key(e.name)] > 1 or key(e.name) in alone
             or len(key(e.name).split()) <= extra]
    if not wider:
        return name
    best = max(wider, key=lambda e: (direct[key(e.name)], printed[key(e.name)], -e.line))
    return best.name


def _most_printed(found: list[Evidence]) -> str:
    """The legal name printed most (a name alone on its line counts twice); one passing mention convinces nobody."""
    score: Counter[str] = Counter()
    first: dict[str, Evidence] = {}
    for e in found:
        if e.kind == "mention":
            score[key(e.name)] += 2 if e.alone else 1
            first.setdefault(key(e.name), e)
    if not score:
        return ""
    best = max(score, key=lambda k: (score[k], -first[k].line))
    return first[best].name if score[best] >= 2 else ""


# ---- printing -------------------------------------------------------------------------------------------------

def _display(name: str, found: list[Evidence], head: Head) -> str:
    """The release's own spelling of the name: the commonest one in mixed case, else the capitals title-cased; without
    a sentence's full stop after a word that is not an abbreviation (`NVIDIA Corporation.`)."""
    target = key(name)
    spellings = Counter(e.name for e in found if e.kind != "alias-of" and key(e.name) == target)
    spellings[name] += 0
    mixed = [s for s in spellings if not all_caps(s)]
    shown = max(mixed, key=lambda s: spellings[s]) if mixed else title_case(name, head.texts)
    return _FULL_STOP.sub(r"\1", shown)


_FULL_STOP = re.compile(r"\b(Corporation|Company|Incorporated|Limited|Trust|Bancorp|Holdings|Group)\.$")


