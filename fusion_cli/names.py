"""Company names in running text: where a name starts and ends before a verb, a ticker or a legal form, which
words can be part of one (`Acme Widgets, Inc.`, `Banco de Chile`), and how it is printed (its case, its key for
comparing spellings). Used by `issuer`, which weighs where a release names itself."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_MAX_WORDS = 9  # longer runs of capitalised words are a title-case sentence, not a name


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


SUFFIX = re.compile(rf"(?<![\w&/])(?:{'|'.join(re.escape(f) for f in _SUFFIX_FORMS)})\.?(?![\w&/])")


# The words a line must hold for SUFFIX to be worth running: a set test costs far less than a regex scan.
SUFFIX_WORDS = frozenset(
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


# A word that can stand in a name: capitalised, a number-letter mix ("3M"), or lower-case then capitals ("eBay").
# The lower-case run is bounded so that a scan of a long lower-case run stays linear.
_NAME_WORD = re.compile(r"(?:[A-Z0-9]|[a-z]{1,20}[A-Z])[\w&'’.\-/+!]*")


_OPENERS = "-–—\"“‘'(["  # punctuation glued to the front of a name's first word


_PLACE_LIKE = frozenset("AB AG SE SA NV BV".split())  # forms printed without a comma; provinces and states take one


MARKS = str.maketrans("", "", "®™℠")


_DASHES = str.maketrans({"—": " — ", "–": " – "})  # "2025—Amazon.com, Inc.": a dash is never inside a name


_PUNCTUATION = ".,;:!?()[]\"'“”‘’*"


_TITLE_BREAK = frozenset(":-–—|)•>\"“‘'([")


_CLAUSE_END = frozenset(":;,.|-–—)/\"”•·*>]")


# Abbreviations printed inside company names, whose full stop ends no sentence.
_ABBREVIATIONS = frozenset(
    "bros mfg intl svcs hldgs grp wilh cos assn natl mgmt tech sys ind inds univ ent ltda cia cie st mt ft dr jr sr "
    "gebr int'l intl bhd pty pte tbk".split()
)


# Words a name never ends with: prepositions, and the months and days of a date.
_NOT_LAST = frozenset(
    "for to from with at in by about january february march april may june july august september october november "
    "december monday tuesday wednesday thursday friday saturday sunday".split()
)


def name_before(text: str, end: int, opens: str = "clause", last: str = "") -> str:
    """The capitalised words printed just before `end` (parentheticals between skipped).

    `opens` says what may stand before the name: "clause" the start of a line or a clause (after a dash, colon,
    comma or bracket: "with Acme Inc. (NYSE: X)" mid-sentence is somebody the release talks about); "title" the
    start of a line or a dash, colon or bracket (", Bloomberg News reports" is no title's subject); "any" anything.
    """
    start = max(0, end - WINDOW)
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
        if legal is not None and plausible(_trim(legal[0])):
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
        if rest and words[0].casefold() not in _CONNECTORS and not plausible(" ".join(rest)):
            break
        words = rest
    return " ".join(words)


def plausible(name: str) -> bool:
    """A name, not a generic word: "The Company", "the REIT", "The Bank" and "Trust Co." name nobody."""
    words = name.split()
    if not words or _EXHIBIT.match(words[0]) or words[-1].casefold() in _NOT_LAST:
        return False  # "EX-99.1 Q3 2026 Earnings Press Release", "Report For", "Friday 14th February"
    return any(w.casefold() not in _GENERIC and not _is_suffix(w) for w in words)


def _is_suffix(word: str) -> bool:
    return word.casefold().replace(".", "").rstrip(",") in _SUFFIXES


def has_suffix(name: str) -> bool:
    words = name.split()
    return bool(words) and _is_suffix(words[-1])


def key(name: str) -> str:
    """A name for comparing: case, dots, commas and long or short legal forms ignored."""
    words = re.sub(r"[.,]", "", name.replace("’", "'")).casefold().split()
    return " ".join(_SHORT_FORM.get(w, w) for w in words)


def all_caps(text: str) -> bool:
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
    return max(seen, key=lambda s: (seen[s], not all_caps(s))) if seen else ""


def _spellings(folded: str, tokens: list[str]) -> Iterable[str]:
    for at, token in enumerate(tokens):
        core = token.strip(_PUNCTUATION).removesuffix("'s").removesuffix("’s")
        if core.casefold() != folded or core.islower():
            continue
        around = [t for t in tokens[max(0, at - 1):at] + tokens[at + 1:at + 2] if any(c.isalpha() for c in t)]
        if not all_caps(core) or (around and not any(all_caps(t) for t in around)):
            yield core  # capitals among lower-case words are the name's own: "YETI reports", "FIGS, Inc."


def _capitalize(word: str) -> str:
    if "&" in word or len(word) <= 3 or word.upper() == "REIT" or not any(c in "AEIOUY" for c in word.upper()):
        return word  # H&R, IAC, CNB, REIT: initials
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


WINDOW = 240  # characters before a ticker, verb or suffix in which the name is sought


_EXHIBIT = re.compile(r"(?i)ex(?:hibit)?\b|ex-?\d")


# Verbs and prepositions of a title-case headline, never a word of a name: "Acme Inc. Announces Beta Holdings LLC ...",
# "Acme Shares Rise After Q4 Results".
_VERBS = frozenset(
    "reports reported announces announced posts posted delivers releases released declares schedules files completes "
    "appoints launches prices closes enters signs receives expands acquires names provides says sees expects rises "
    "rise falls fall jumps jump surges tumbles slides climbs beats misses books backs narrows cuts raises lifts hits "
    "should could may will after before amid following despite ahead versus vs announcing reporting unveils "
    "introduces introducing launches offers".split()
)
