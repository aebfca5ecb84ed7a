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

_SPAN = 10_000  # characters of a line looked at: names stand at the start of a paragraph, and hostile lines run to MBs
_WINDOW = 240  # characters before a ticker, verb or suffix in which the name is sought
_MAX_WORDS = 9  # longer runs of capitalised words are a title-case sentence, not a name
_PER_LINE = 40  # matches of one pattern looked at on a line: a real line names a few companies, a hostile one thousands
_HEADLINE_CHARS = 400  # a headline is a short line; a verb further into prose is no headline


class Evidence(NamedTuple):
    """One place where a release names a company: the name as printed, and what kind of place it is."""

    name: str
    kind: str  # conformed | registrant | ticker | alias | dateline | headline | report | title | signature | mention | alias-of
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

# ---- words ----------------------------------------------------------------------------------------------------

# Legal forms, compared case-folded without dots; the last word of a legal name.
_SUFFIXES = frozenset(
    "inc incorporated corp corporation company co ltd limited llc lp llp plc nv sa ag se oyj oy ab asa a/s gmbh spa "
    "sab bv kgaa holdings trust bancorp bancorporation bancshares bankshares".split()
)
_SUFFIX_FORMS = (
    "Inc INC Incorporated INCORPORATED Corp CORP Corporation CORPORATION Company COMPANY Co. CO. Ltd LTD Limited LIMITED "
    "LLC L.L.C LP L.P LLP plc PLC N.V NV S.A SA AG SE Oyj OYJ Oy OY AB ASA A/S GmbH GMBH S.p.A SpA S.A.B BV B.V KGaA "
    "Holdings HOLDINGS Trust TRUST Bancorp BANCORP Bancorporation BANCORPORATION Bancshares BANCSHARES Bankshares "
    "BANKSHARES"
).split()
_SUFFIX = re.compile(rf"(?<![\w&/])(?:{'|'.join(re.escape(f) for f in _SUFFIX_FORMS)})\.?(?![\w&/])")
# The words a line must hold for _SUFFIX to be worth running: a set test costs far less than a regex scan.
_SUFFIX_WORDS = frozenset(
    f + dot + end for f in _SUFFIX_FORMS for dot in ("", ".") for end in ("", ",", ";", ":", ")", "'s", "’s", '"', "”")
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
    "when as if since both copyright investors media headline title subject re".split()
)
# What a company calls itself in the alias it defines: (the "Company"), ("we", "our"), ("H&R" or "the REIT").
_SELF = frozenset("company we us our reit trust corporation partnership fund group issuer registrant".split())
_NAME_WORD = re.compile(r"(?=[^\s]*[A-Za-z])(?:[A-Z0-9][\w&'’.\-/+!]*|[a-z]+[A-Z][\w&'’.\-]*)")  # eBay, 3M, H&R
_OPENERS = "-–—\"“‘'(["  # punctuation glued to the front of a name's first word
_PLACE_LIKE = frozenset("AB AG SE SA NV BV".split())  # legal forms printed without a comma, which provinces and states take
_MARKS = str.maketrans("", "", "®™℠")  # "Acme Biotech® Inc."
_CLAUSE_END = frozenset(":;,|-–—)/\"”•·*>]")

# ---- patterns (each linear: classes that cannot overlap, bounded repeats) --------------------------------------

_TAG = re.compile(r"<[^<>]*>")
_CONFORMED = re.compile(r"COMPANY CONFORMED NAME:[\s|]*([^|]{1,150})")
_EDGAR_STATE = re.compile(r"\s*/[A-Z]{2,4}/?\s*$")  # "CATERPILLAR INC /DE/"
_DEI_NAME = re.compile(r"dei:EntityRegistrantName[^>]{0,3000}>([^<]{1,200})<")
_PAREN = re.compile(r"\(([^()]{1,300})\)")
_TICKER = re.compile(
    r"\s*(?:NYSE|NASDAQ|TSXV?|TSX-V|CSE|NEO|OTC\w*|AMEX|ASX|LSE|AIM|NZX|JSE|SGX|HKEX|SEHK|SIX|Euronext|XETRA"
    r"|Frankfurt|Oslo|TASE|BSE|NSE|Ticker|Symbol)\b", re.I
)
_QUOTED = re.compile(r"[\"“”]([^\"“”]{1,60})[\"“”]")
_DATELINE = re.compile(
    r"\btoday\s+(?:reported|announced|reports|announces|released|posted|issued|published)\b"
    r"|\b(?:reported|announced|reports|announces|released|posted)\s+today\b|\bis pleased to (?:announce|report)\b"
    r"|\bwill (?:report|release|announce|host)\b", re.I
)
_APPOSITION = re.compile(r"\s*,\s+(?:a|an|the|one of|which|who|whose)\s")
_HEADLINE_STEMS = ("post", "deliver", "release", "issue", "publish", "achieve", "declare", "schedule")
_HEADLINE = re.compile(r"\b(?:reports|reported|announces|announced|posts|posted|delivers|releases|released|issues|publishes"
                       r"|achieves|declares|schedules|to (?:report|announce|release|host))\b", re.I)
# The last word of what stands before a title's colon when it is no company: "Third Quarter Highlights: ...".
_SECTION_WORDS = frozenset(
    "highlights results earnings quarter year summary outlook overview update reminder invitation correction release "
    "ceo cfo chairman president notice report statement statements table agenda news".split()
)
_RESULT = re.compile(r"\b(?:results|earnings|net (?:income|loss|earnings)|revenues?|sales|profits?|eps|financial statements)\b",
                     re.I)
_REPORT = re.compile(r"\b(?:financial statements? (?:bulletin|release)|(?:interim|half[- ]year(?: financial)?|quarterly|"
                     r"year[- ]end|six[- ]month|nine[- ]month) report|business review)\b", re.I)
_REPORT_STEMS = ("bulletin", "review", "release")
_REGISTRANT = "exact name of registrant"
_BY = re.compile(r"^By:")
_BOILERPLATE = re.compile(r"\b(?:form|report|securities|commission|washington|united states|pursuant|exchange act|"
                          r"date of|charter|registrant)\b", re.I)


def detect_issuer(lines: Iterable[Line], limit: int = 400) -> str:
    """The issuer's name as the release prints it, from its first `limit` lines; '' when nothing names one convincingly."""
    head = read_head(lines, limit)
    found = evidence(head)
    names = _sure_name(found) or _lead_name(found) or _by_kind(found, "signature") or _most_printed(found)
    return _display(names, found, head) if names else ""


def read_head(lines: Iterable[Line], limit: int = 400) -> Head:
    """The first `limit` lines, cleaned for naming: inline tags gone, front matter reduced to its title."""
    texts, cells, tagged = [], [], []
    front = False
    for index, line in enumerate(itertools.islice(lines, limit)):
        text = line.text[:_SPAN].translate(_MARKS)
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
    titles = set(itertools.islice((i for i, t in enumerate(head.texts) if t.strip()), _TITLE_LINES))
    for index, text in enumerate(head.texts):
        low = text.lower()
        found += _registrant(head, index, low)
        found += _leads(text, low, index, head, index in titles)
        found += _mentions(text, index, head)
    found += _signatures(head)
    return found


# ---- the sure names: EDGAR header and 8-K cover ---------------------------------------------------------------

def _conformed(head: Head) -> list[Evidence]:
    """The EDGAR header's conformed name, the filer's when the header names a subject company too."""
    names, filer = [], False
    for index, text in enumerate(head.texts):
        if "FILER:" in text:
            filer = True
        if "CONFORMED NAME" in text and (m := _CONFORMED.search(text)):
            name = _EDGAR_STATE.sub("", m.group(1)).strip()
            names.append((not filer, Evidence(" ".join(name.split()), "conformed", index)))
    return [min(names)[1]] if names else []


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

def _leads(text: str, low: str, index: int, head: Head, title: bool) -> list[Evidence]:
    # Substring tests first: most lines hold none of the words, and a regex scan costs far more than `in`.
    found = _tickers_and_aliases(text, index) if "(" in text else []
    if "today" in low or "pleased" in low or "will " in low:
        found += _datelines(text, index)
    if len(text) <= _HEADLINE_CHARS:
        if "report" in low or "announc" in low or _has_stem(low, _HEADLINE_STEMS):
            found += _headline(text, index, head, title)
        if "report" in low or _has_stem(low, _REPORT_STEMS):
            found += _report_title(text, index)
        if title and ":" in text[:100]:
            found += _colon_title(text, index)
    return found


def _has_stem(low: str, stems: tuple[str, ...]) -> bool:
    return any(stem in low for stem in stems)


def _tickers_and_aliases(text: str, index: int) -> list[Evidence]:
    """A name followed by its ticker `(NYSE: XX)`, or by the alias it gives itself `(the "Company")`; other aliases
    are kept as alias-of evidence so a short name can be widened."""
    found = []
    for m in itertools.islice(_PAREN.finditer(text), _PER_LINE):
        content = m.group(1)
        quoted = [q.strip(" ,.;").removeprefix("the ").removeprefix("The ") for q in _QUOTED.findall(content)]
        ticker = _TICKER.match(content) is not None
        if not ticker and not quoted:
            continue
        name = _name_before(text, m.start())
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
        name = _name_before(text, m.start())
        if not _plausible(name):
            continue
        rest = text[m.end():] + " " + (_next_text(head, index) if len(text) < 80 else "")
        if _RESULT.search(rest):
            return [Evidence(name, "headline", index)]
        if title:
            return [Evidence(name, "title", index)]
    return []


def _colon_title(text: str, index: int) -> list[Evidence]:
    """A title that opens with the issuer and a colon: "Akastor ASA: Fourth Quarter Results 2024"."""
    colon = text.index(":")
    name = _name_before(text, colon)
    words = name.split()
    if not _plausible(name) or len(words) > 5 or words[-1].casefold() in _SECTION_WORDS or text[:colon] != name:
        return []
    return [Evidence(name, "headline" if _RESULT.search(text, colon) else "title", index)]


def _next_text(head: Head, index: int) -> str:
    return next((t for t in head.texts[index + 1:index + 4] if t.strip()), "")[:_HEADLINE_CHARS]


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
    for m, after in zip(matches, matches[1:] + [None]):
        if after is not None and after.start() - m.end() <= 2:
            continue  # "Co., Ltd.", "Holdings, Inc.": the name runs on to the next legal form
        words = _name_before(text, m.start(), clause=False, last=m.group(0))
        name = f"{words} {m.group(0)}" if words else ""
        if _plausible(name):
            found.append(Evidence(name, "mention", index, name in _units(head, index)))
    return found


# ---- reading a name backwards from where it ends ----------------------------------------------------------------

def _name_before(text: str, end: int, clause: bool = True, last: str = "") -> str:
    """The capitalised words printed just before `end` (parentheticals between skipped).

    With `clause`, the name must open its clause (line start, or after a dash, colon, comma or bracket): "with
    Acme Inc. (NYSE: X)" mid-sentence is somebody else the release talks about.
    """
    start = max(0, end - _WINDOW)
    window = _skip_parentheses(text[start:end])
    tokens = window.split()
    if start > 0 and tokens:
        tokens = tokens[1:]  # the window may cut its first word
    words: list[str] = []
    stop = ""
    for token in reversed(tokens):
        token = token.strip("*_")
        if len(words) == _MAX_WORDS:
            return ""
        bare = token.lstrip(_OPENERS)
        if not bare or not _fits(bare, words[0] if words else last):
            stop = token
            break
        words.insert(0, bare)
        if bare != token:  # "-Atco Mining Inc.", "“Acme": the punctuation opens the name
            stop = token[0]
            break
    if clause and (not _ends_clause(stop) if stop else start > 0):
        return ""
    return _trim(words)


def _ends_clause(token: str) -> bool:
    """Whether a word can end what comes before a name: punctuation, or a number ("October 21, 2025 Acme Inc.")."""
    return token[-1] in _CLAUSE_END or not any(c.isalpha() for c in token)


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
    if token.endswith(","):  # "Acme, Inc.", but "Calgary, AB" and "Las Vegas, NV" are places
        return (bool(following) and _is_suffix(following) and following not in _PLACE_LIKE
                and _NAME_WORD.fullmatch(token[:-1]) is not None)
    return _NAME_WORD.fullmatch(token) is not None


def _trim(words: list[str]) -> str:
    """The words without what leads into a name ("About", "SOURCE", "At"), unless that leaves no name ("On Holding AG")."""
    while words and (words[0].casefold() in _CONNECTORS or words[0].casefold().rstrip(".") in _LEADING):
        if words[0].casefold() not in _CONNECTORS and not _plausible(" ".join(words[1:])):
            break
        words = words[1:]
    return " ".join(words)


def _plausible(name: str) -> bool:
    """A name, not a generic word: "The Company", "the REIT", "The Bank" and "Trust Co." name nobody."""
    return any(w.casefold() not in _GENERIC and not _is_suffix(w) for w in name.split())


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
    if not wider:
        return name
    printed = Counter(key(e.name) for e in wider)
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
    """The release's own spelling of the name: the commonest one in mixed case, else the capitals title-cased."""
    target = key(name)
    spellings = Counter(e.name for e in found if e.kind != "alias-of" and key(e.name) == target)
    spellings[name] += 0
    mixed = [s for s in spellings if not _all_caps(s)]
    if mixed:
        return max(mixed, key=lambda s: spellings[s])
    return title_case(name, head.texts)


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
    """How the texts print a word where they print it capitalised in mixed-case text ("YETI", "Strattec", "eBay")."""
    pattern = re.compile(rf"(?<![\w&]){re.escape(word)}(?![\w&])", re.I)
    seen: Counter[str] = Counter()
    for text in texts:
        if word.casefold() in text.casefold() and not _all_caps(text):
            seen.update(s for s in pattern.findall(text) if s[:1].isupper() or not s.islower())
    return max(seen, key=lambda s: (seen[s], not _all_caps(s))) if seen else ""


def _capitalize(word: str) -> str:
    if "&" in word or not any(c in "AEIOUY" for c in word.upper()):
        return word  # H&R, CNB: initials
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))
