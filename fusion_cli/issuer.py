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
from typing import Iterable, NamedTuple

from .model import Cell, Line

_SPAN = 10_000  # characters of a line looked at: names open paragraphs, and a hostile line runs to megabytes
_WINDOW = 240  # characters before a ticker, verb or suffix in which the name is sought
_MAX_WORDS = 9  # longer runs of capitalised words are a title-case sentence, not a name
_PER_LINE = 40  # matches of a pattern looked at on a line: a real line names a few companies, a hostile one thousands
_HEADLINE_CHARS = 400  # a headline is a short line; a verb further into prose is no headline
_BROKEN_HEADLINE = 80  # a headline broken over two lines has two short ones


class Evidence(NamedTuple):
    """One place where a release names a company: the name as printed, and what kind of place it is."""

    name: str
    # conformed | registrant | ticker | alias | dateline | headline | report | title | signature | mention | alias-of
    kind: str
    index: int  # position of its line among the lines read
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

# Legal forms, compared case-folded without dots; the last word of a legal name.
_SUFFIXES = frozenset(
    "inc incorporated corp corporation company co ltd limited llc lp llp plc nv sa ag se oyj oy ab asa a/s gmbh spa "
    "sab bv kgaa holdings trust bancorp bancorporation bancshares bankshares".split()
)
_SUFFIX_FORMS = (
    "Inc INC Incorporated INCORPORATED Corp CORP Corporation CORPORATION Company COMPANY Co. CO. Ltd LTD Limited "
    "LIMITED LLC L.L.C LP L.P LLP plc PLC N.V NV S.A SA AG SE Oyj OYJ Oy OY AB ASA A/S GmbH GMBH S.p.A SpA S.A.B BV "
    "B.V KGaA Holdings HOLDINGS Trust TRUST Bancorp BANCORP Bancorporation BANCORPORATION Bancshares BANCSHARES "
    "Bankshares BANKSHARES"
).split()
_SUFFIX = re.compile(rf"(?<![\w&/])(?:{'|'.join(re.escape(f) for f in _SUFFIX_FORMS)})\.?(?![\w&/])")
# The words a line must hold for _SUFFIX to be worth running: a set test costs far less than a regex scan.
_SUFFIX_WORDS = frozenset(
    form + dot + end
    for form in _SUFFIX_FORMS for dot in ("", ".") for end in ("", ",", ";", ":", ")", "'s", "’s", '"', "”")
)
# How an all-caps legal form is printed; EDGAR drops the dots of abbreviations, which releases print.
_SUFFIX_CASE = {
    "INC": "Inc.", "CORP": "Corp.", "CO": "Co.", "LTD": "Ltd.", "LLC": "LLC", "LP": "L.P.", "LLP": "LLP", "PLC": "PLC",
    "NV": "N.V.", "SA": "S.A.", "AG": "AG", "SE": "SE", "OYJ": "Oyj", "OY": "Oy", "AB": "AB", "ASA": "ASA",
    "A/S": "A/S", "GMBH": "GmbH", "SPA": "S.p.A.", "SAB": "S.A.B.", "BV": "B.V.", "KGAA": "KGaA",
}
# Forms printed long or short: one name whichever way a release spells it.
_SHORT_FORM = {"corporation": "corp", "incorporated": "inc", "company": "co", "limited": "ltd"}
_CONNECTORS = frozenset("of and & de du des la le del della der den van von y e et".split())
_ARTICLES = frozenset("the a an".split())
_GENERIC = _ARTICLES | frozenset("reit bank group fund board management our its this it we they he she holding".split())
# Capitalised words before a name that are not part of it: "About Acme Inc.", "SOURCE Acme Inc.", "At Acme (NYSE: X)".
_LEADING = frozenset(
    "about source exhibit press release news for immediate by contact from with at in on to said today also while "
    "when as if since both copyright investors media headline title subject re but however meanwhile still yet then "
    "further furthermore additionally separately elsewhere overall shares stock update reminder".split()
)
# What a company calls itself in the alias it defines: (the "Company"), ("we", "our"), ("H&R" or "the REIT").
_SELF = frozenset("company we us our reit trust corporation partnership fund group issuer registrant".split())
# A word that can stand in a name: capitalised, a number-letter mix ("3M"), or lower-case then capitals ("eBay").
# The lower-case run is bounded so that a scan of a long lower-case run stays linear.
_NAME_WORD = re.compile(r"(?:[A-Z0-9]|[a-z]{1,20}[A-Z])[\w&'’.\-/+!]*")
_OPENERS = "-–—\"“‘'(["  # punctuation glued to the front of a name's first word
_PLACE_LIKE = frozenset("AB AG SE SA NV BV".split())  # forms printed without a comma; provinces and states take one
_MARKS = str.maketrans("", "", "®™℠")
_DASHES = str.maketrans({"—": " — ", "–": " – "})  # "2025—Amazon.com, Inc.": a dash is never inside a name
_PUNCTUATION = ".,;:!?()[]\"'“”‘’*"
_TITLE_BREAK = frozenset(":-–—|)•>\"“‘'([")
_CLAUSE_END = frozenset(":;,.|-–—)/\"”•·*>]")
# Abbreviations printed inside company names, whose full stop ends no sentence.
_ABBREVIATIONS = frozenset(
    "bros mfg intl svcs hldgs grp wilh cos assn natl mgmt tech sys ind inds univ ent ltda cia cie st mt ft dr jr sr "
    "gebr int'l intl bhd pty pte tbk".split()
)

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
# Words a name never ends with: prepositions, and the months and days of a date.
_NOT_LAST = frozenset(
    "for to from with at in by about january february march april may june july august september october november "
    "december monday tuesday wednesday thursday friday saturday sunday".split()
)
_PERIOD_WORDS = ("quarter", "year", "half", "month", "fiscal")  # "Fourth-Quarter 2024 ...", "Full-year 2024 ..."
_EXHIBIT = re.compile(r"(?i)ex(?:hibit)?\b|ex-?\d")
_PERIOD = re.compile(r"(?<!\S)(?:(?:19|20)\d\d|Q[1-4]|[1-4]Q|FY\s?\d{2,4}|[HS][12])\b")
# Verbs and prepositions of a title-case headline, never a word of a name: "Acme Inc. Announces Beta Holdings LLC ...",
# "Acme Shares Rise After Q4 Results".
_VERBS = frozenset(
    "reports reported announces announced posts posted delivers releases released declares schedules files completes "
    "appoints launches prices closes enters signs receives expands acquires names provides says sees expects rises "
    "rise falls fall jumps jump surges tumbles slides climbs beats misses books backs narrows cuts raises lifts hits "
    "should could may will after before amid following despite ahead versus vs announcing reporting unveils "
    "introduces introducing launches offers".split()
)
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
            text = text.translate(_MARKS)
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
    filed = [e for e in names if e.index > filer]
    return (filed or names)[:1]


def _registrant(head: Head, index: int, low: str) -> list[Evidence]:
    """The 8-K cover's registrant: the line above "(Exact name of registrant as specified in its charter)"."""
    if _REGISTRANT not in low:
        return []
    before = head.texts[index][: low.find(_REGISTRANT)].rstrip(" (|")
    name = before if _standalone(before) else _unit_above(head, index)
    if _BOILERPLATE.search(name) and not _has_suffix(name):
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
            if _standalone(unit) and _has_suffix(unit):
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
        name = _name_before(text, m.start())
        if name.endswith(("'s", "’s")) and _has_suffix(name[:-2]):
            name = name[:-2]  # "Acme Corp.’s (NASDAQ: ACME) new plant"
        if not _plausible(name):
            continue
        if ticker and not _TICKER.match(name):  # "listed on Nasdaq Stockholm (ticker: X)" names the exchange
            found.append(Evidence(name, "ticker", index))
        if any(q.casefold() in _SELF for q in quoted):
            found.append(Evidence(name, "alias", index))
        if _has_suffix(name):
            found += [Evidence(name, "alias-of", index, alias=q) for q in quoted if q.casefold() not in _SELF]
    return found


def _datelines(text: str, index: int) -> list[Evidence]:
    """A name just before "today announced", "reported today" or "is pleased to announce"."""
    names = (_subject_before(text, m.start()) for m in itertools.islice(_DATELINE.finditer(text), _PER_LINE))
    return [Evidence(name, "dateline", index) for name in names if _plausible(name)]


def _subject_before(text: str, end: int) -> str:
    """The name before a verb, past an apposition: "Acme Inc. (NYSE: ACME), a leading maker of widgets, today ..."."""
    name = _name_before(text, end)
    if name or not text[:end].rstrip().endswith(","):
        return name
    for m in reversed(list(itertools.islice(_APPOSITION.finditer(text, max(0, end - 2 * _WINDOW), end), _PER_LINE))):
        name = _name_before(text, m.start())
        if _plausible(name):
            return name
    return ""


def _headline(text: str, index: int, head: Head, title: bool) -> list[Evidence]:
    """"Acme Reports Third Quarter 2025 Results": the name before the verb, when results follow it (on this line or,
    for a headline broken in two, the next); in a title, "Acme Announces New CFO" too, with less weight."""
    for m in itertools.islice(_HEADLINE.finditer(text), _PER_LINE):
        name = _name_before(text, m.start(), "title")
        if not _plausible(name) or name.split()[-1].casefold() in _SECTION_WORDS:
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
    name = _name_before(text, m.start(), "title")
    if name.endswith(("'s", "’s")):
        return []  # "Acme's Q4 Earnings Beat": a news story's title, and "'s" may be the name's own ("McDonald's")
    if name.endswith(("s'", "s’")):  # "Acme Industries' Q4 Results"
        name = name[:-1]
    last = name.split()[-1].casefold() if name else ""
    if not _plausible(name) or last in _SECTION_WORDS or any(p in last for p in _PERIOD_WORDS):
        return []
    return [Evidence(name, "headline", index)]


def _colon_title(text: str, index: int) -> list[Evidence]:
    """A title that opens with the issuer and a colon: "Akastor ASA: Fourth Quarter Results 2024"."""
    colon = text.index(":")
    name = _name_before(text, colon, "title")
    words = name.split()
    if not _plausible(name) or len(words) > 5 or words[-1].casefold() in _SECTION_WORDS or text[:colon] != name:
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
    name = _name_before(before, len(before))
    return [Evidence(name, "report", index)] if _plausible(name) else []


# ---- mentions: legal names wherever printed -------------------------------------------------------------------

def _mentions(text: str, index: int, head: Head) -> list[Evidence]:
    """Every legal name on a line (a name ending in a legal form), marked when it fills its line or cell."""
    found: list[Evidence] = []
    if _SUFFIX_WORDS.isdisjoint(text.split()):
        return found
    matches = list(itertools.islice(_SUFFIX.finditer(text), _PER_LINE))
    units = _units(head, index) if len(text) <= _HEADLINE_CHARS else ()  # a long line is no name standing alone
    for m, after in zip(matches, matches[1:] + [None]):
        if after is not None and after.start() - m.end() <= 2:
            continue  # "Co., Ltd.", "Holdings, Inc.": the name runs on to the next legal form
        words = _name_before(text, m.start(), "any", last=m.group(0))
        name = f"{words} {m.group(0)}" if words else ""
        if _plausible(name):
            found.append(Evidence(name, "mention", index, name in units))
    return found


# ---- reading a name backwards from where it ends ----------------------------------------------------------------

def _name_before(text: str, end: int, opens: str = "clause", last: str = "") -> str:
    """The capitalised words printed just before `end` (parentheticals between skipped).

    `opens` says what may stand before the name: "clause" the start of a line or a clause (after a dash, colon,
    comma or bracket: "with Acme Inc. (NYSE: X)" mid-sentence is somebody the release talks about); "title" the
    start of a line or a dash, colon or bracket (", Bloomberg News reports" is no title's subject); "any" anything.
    """
    start = max(0, end - _WINDOW)
    tokens = _skip_parentheses(text[start:end]).translate(_DASHES).split()
    if start > 0 and tokens:
        tokens = tokens[1:]  # the window may cut its first word
    walked = _walk(tokens, last)
    if walked is None:
        return ""
    words, stop, at = walked
    if opens != "any" and stop.endswith(",") and _is_suffix(stop):
        # "Acme, Inc., The Widget Company (NYSE: ACME)": the legal name, not the tagline after it
        legal = _walk(tokens[:at] + [stop[:-1]], "")
        if legal is not None and _plausible(_trim(legal[0])):
            words, stop, at = legal
    if opens != "any" and not (_opens(stop, opens) if stop else start == 0):
        return ""
    return _trim(words)


def _walk(tokens: list[str], last: str) -> tuple[list[str], str, int] | None:
    """Name words read backwards from the end of `tokens`: the words, the token that stopped the walk ("" at the
    start) and its position; None when the run of capitalised words is too long to be a name."""
    words: list[str] = []
    for at in range(len(tokens) - 1, -1, -1):
        token = tokens[at].strip("*_")
        if len(words) == _MAX_WORDS:
            return None
        bare = token.lstrip(_OPENERS)
        following = words[0] if words else last
        if not bare or not (_fits(bare, following) or _number_in_name(bare, following, tokens, at)):
            return words, token, at
        words.insert(0, bare)
        if bare != token:  # "-Atco Mining Inc.", "“Acme": the punctuation opens the name
            return words, token[0], at
    return words, "", -1


def _number_in_name(token: str, following: str, tokens: list[str], at: int) -> bool:
    """A short number inside a name ("Hut 8 Corp.", "Level 3 Communications"); a year is the end of a date."""
    return (token.isdigit() and len(token) <= 3 and bool(following) and at > 0
            and _is_name_word(tokens[at - 1].strip("*_")))


def _opens(stop: str, opens: str) -> bool:
    """Whether the word before a name lets the name open a clause (or, for a title, the line)."""
    if opens == "title":
        return stop[-1] in _TITLE_BREAK
    return stop[-1] in _CLAUSE_END or not any(c.isalpha() for c in stop)  # a number: "October 21, 2025 Acme Inc."


def _skip_parentheses(window: str) -> str:
    for _ in range(3):  # "Acme Inc. ("Acme") (NYSE: ACME)": a name may carry an alias and a ticker before the anchor
        stripped = window.rstrip()
        if not stripped.endswith(")") or (opening := stripped.rfind("(")) < 0:
            return window
        window = stripped[:opening]
    return window


def _fits(token: str, following: str) -> bool:
    """Whether a word can stand in a company name, given the word after it."""
    if token.casefold() in _CONNECTORS:
        return bool(following)
    if _ends_sentence(token) or token.casefold() in _VERBS:
        return False
    if token.endswith(","):  # "Acme, Inc.", but "Calgary, AB" and "Las Vegas, NV" are places
        return (bool(following) and _is_suffix(following) and following not in _PLACE_LIKE
                and _is_name_word(token[:-1]))
    return _is_name_word(token)


def _is_name_word(token: str) -> bool:
    """A word that can stand in a name: "Acme", "eBay", "3M", "H&R"; a number alone ("2025", "99.1") cannot."""
    return _NAME_WORD.fullmatch(token) is not None and any(c.isalpha() for c in token)


def _ends_sentence(token: str) -> bool:
    """A word with a full stop that ends a sentence ("Call."), not an abbreviation ("Inc.", "Bros.", "U.S.", "J.")."""
    if not token.endswith(".") or len(token) <= 2 or "." in token[:-1] or _is_suffix(token):
        return False
    return token[:-1].casefold() not in _ABBREVIATIONS


def _trim(words: list[str]) -> str:
    """The words without what leads into a name ("About", "SOURCE", "At"), unless that leaves none ("On Holding AG")."""
    while words and (words[0].casefold() in _CONNECTORS or words[0].casefold().rstrip(".,") in _LEADING):
        rest = words[1:]
        if rest and words[0].casefold() not in _CONNECTORS and not _plausible(" ".join(rest)):
            break
        words = rest
    return " ".join(words)


def _plausible(name: str) -> bool:
    """A name, not a generic word: "The Company", "the REIT", "The Bank" and "Trust Co." name nobody."""
    words = name.split()
    if not words or _EXHIBIT.match(words[0]) or words[-1].casefold() in _NOT_LAST:
        return False  # "EX-99.1 Q3 2026 Earnings Press Release", "Report For", "Friday 14th February"
    return any(w.casefold() not in _GENERIC and not _is_suffix(w) for w in words)


def _is_suffix(word: str) -> bool:
    return word.casefold().replace(".", "").rstrip(",") in _SUFFIXES


def _has_suffix(name: str) -> bool:
    words = name.split()
    return bool(words) and _is_suffix(words[-1])


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
        first.setdefault(key(full), e.index)
        names.setdefault(key(full), full)
    return names[max(votes, key=lambda k: (votes[k], -first[k]))]


def _widen(name: str, found: list[Evidence], direct: Counter[str]) -> str:
    """The legal name a short name stands for: the alias it was defined as, else the legal name that starts with it
    (the one with most lead evidence, then most printed); the name itself when there is none."""
    if _has_suffix(name):
        return name
    short = key(name)
    aliased = [e.name for e in found if e.kind == "alias-of" and key(e.alias) == short]
    if aliased:
        return aliased[0]
    long = short[:-5] + " real estate investment trust" if short.endswith(" reit") else None
    wider = [e for e in found if e.kind != "alias-of" and _has_suffix(e.name)
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
    best = max(wider, key=lambda e: (direct[key(e.name)], printed[key(e.name)], -e.index))
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
    best = max(score, key=lambda k: (score[k], -first[k].index))
    return first[best].name if score[best] >= 2 else ""


def key(name: str) -> str:
    """A name for comparing: case, dots, commas and long or short legal forms ignored."""
    words = re.sub(r"[.,]", "", name.replace("’", "'")).casefold().split()
    return " ".join(_SHORT_FORM.get(w, w) for w in words)


# ---- printing -------------------------------------------------------------------------------------------------

def _display(name: str, found: list[Evidence], head: Head) -> str:
    """The release's own spelling of the name: the commonest one in mixed case, else the capitals title-cased; without
    a sentence's full stop after a word that is not an abbreviation (`NVIDIA Corporation.`)."""
    target = key(name)
    spellings = Counter(e.name for e in found if e.kind != "alias-of" and key(e.name) == target)
    spellings[name] += 0
    mixed = [s for s in spellings if not _all_caps(s)]
    shown = max(mixed, key=lambda s: spellings[s]) if mixed else title_case(name, head.texts)
    return _FULL_STOP.sub(r"\1", shown)


_FULL_STOP = re.compile(r"\b(Corporation|Company|Incorporated|Limited|Trust|Bancorp|Holdings|Group)\.$")


def _all_caps(text: str) -> bool:
    return text.upper() == text


def title_case(name: str, texts: Iterable[str] = ()) -> str:
    """An all-caps name in title case: each word as the texts print it capitalised, legal forms in their usual
    spelling (Inc., LLC, N.V.), connectors in lower case."""
    words = name.split()
    return " ".join(_word_case(w, i, texts) for i, w in enumerate(words))


def _word_case(word: str, position: int, texts: Iterable[str]) -> str:
    bare, comma = (word[:-1], ",") if word.endswith(",") else (word, "")
    plain = bare.replace(".", "").upper()
    if plain in _SUFFIX_CASE:
        return _SUFFIX_CASE[plain] + comma
    if bare.casefold() in _CONNECTORS or (position and bare.casefold() in _ARTICLES):
        return bare.lower() + comma
    if not any(c.isalpha() for c in bare):
        return word
    return (_printed_case(bare, texts) or _capitalize(bare)) + comma


def _printed_case(word: str, texts: Iterable[str]) -> str:
    """How the texts print a word capitalised in running text: "Strattec", and "YETI" or "eBay" as they are, but not
    the capitals of a heading or a signature ("STRATTEC SECURITY CORPORATION")."""
    seen: Counter[str] = Counter()
    folded = word.casefold()
    for text in texts:
        if folded in text.casefold():
            seen.update(_spellings(folded, text.split()))
    return max(seen, key=lambda s: (seen[s], not _all_caps(s))) if seen else ""


def _spellings(folded: str, tokens: list[str]) -> Iterable[str]:
    for at, token in enumerate(tokens):
        core = token.strip(_PUNCTUATION).removesuffix("'s").removesuffix("’s")
        if core.casefold() != folded or core.islower():
            continue
        around = [t for t in tokens[max(0, at - 1):at] + tokens[at + 1:at + 2] if any(c.isalpha() for c in t)]
        if not _all_caps(core) or (around and not any(_all_caps(t) for t in around)):
            yield core  # capitals among lower-case words are the name's own: "YETI reports", "FIGS, Inc."


def _capitalize(word: str) -> str:
    if "&" in word or len(word) <= 3 or word.upper() == "REIT" or not any(c in "AEIOUY" for c in word.upper()):
        return word  # H&R, IAC, CNB, REIT: initials
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))
