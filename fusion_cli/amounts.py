"""Cell text -> value: amounts, negatives, dashes, percentages, and the scale notes of tables."""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from .model import Amount

SCALES = {"units": 1, "thousands": 1_000, "millions": 1_000_000, "billions": 1_000_000_000}
MAX_DIGITS = 18  # a printed figure longer than this is not a financial amount

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES = "\u00a0\u2007\u2009\u202f\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u200b\ufeff"
_DASH_TABLE = str.maketrans({**{c: "-" for c in _DASHES}, **{c: " " for c in _SPACES}})
_BODY = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+")
_ZERO = re.compile(r"-{1,2}%?|0?-0?")  # `—`, `--`, `—%` (a dash in a percent column)
_PLACEHOLDERS = {"n/m", "nm", "n/a", "na", "*", "**", "nmf", "n.m.", "n.a.", "nm%", "n/m%", "—", "not meaningful"}


_SPACE_TABLE = str.maketrans({c: " " for c in _SPACES})


def normalize_spaces(text: str) -> str:
    """Fold non-breaking, thin and other unicode spaces to plain spaces (dashes are kept as printed)."""
    return text if text.isascii() else text.translate(_SPACE_TABLE)


def normalize(text: str) -> str:
    """Fold unicode dashes, spaces and full-width digits to plain ASCII forms."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKC", text.translate(_DASH_TABLE)).translate(_DASH_TABLE)


_FAST = re.compile(r"(\()?\$?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(\))?")
_DIGIT = re.compile(r"\d")


def parse_amount(text: str) -> Amount | None:
    """Read one printed amount (`$ (1,234)`, `12.5 %`, `—`, `n/m`); None when the text is not a number."""
    if text.isascii():  # fast paths for the common cases: plain amounts, and words
        m = _FAST.fullmatch(text)
        if m is not None and (m.group(1) is None) == (m.group(4) is None):
            whole, fraction = m.group(2).replace(",", ""), m.group(3) or ""
            if len(whole) + len(fraction) <= MAX_DIGITS:
                value = Decimal(f"{whole}.{fraction}" if fraction else whole)
                return Amount(-value if m.group(1) else value, text, False, len(fraction))
        elif m is None and "-" not in text and not _DIGIT.search(text):
            return _parse_amount(text) if "".join(text.split()).lower() in _PLACEHOLDERS else None
    return _parse_amount(text)


def _parse_amount(text: str) -> Amount | None:
    raw = text
    s = normalize(text).strip().replace(" ", "")
    if not s or len(s) > 40:
        return None
    if s.lower() in _PLACEHOLDERS:
        return Amount(None, raw.strip())
    if s.startswith(("US$", "U.S.$")):
        s = "$" + s.split("$", 1)[1]
    if not _SHAPE.fullmatch(s) and not _ZERO.fullmatch(s.replace("$", "", 1)):
        return None  # signs and symbols out of place (`$-$(1,000)`, glued by a converter): not one amount
    percent = s.endswith(("%", "%)"))
    s = s.replace("%", "")
    negative = False
    s = s.replace("$", "")
    if s.startswith("("):
        negative, s = True, s[1:]
    if s.endswith(")"):
        if not negative and "(" not in s:
            return None
        s = s[:-1].replace("(", "")
        negative = True
    s = s.replace("$", "")
    if s.startswith("-") and len(s) > 1 and (s[1].isdigit() or s[1] == "."):
        negative, s = not negative, s[1:]
    if _ZERO.fullmatch(s):
        return Amount(Decimal(0), raw.strip(), percent)
    if not _BODY.fullmatch(s) or sum(ch.isdigit() for ch in s) > MAX_DIGITS:
        return None
    try:
        value = Decimal(s.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid literals
        return None
    decimals = len(s.split(".", 1)[1]) if "." in s else 0
    return Amount(-value if negative else value, raw.strip(), percent, decimals)


# Where a sign, a dollar sign, parentheses and a percent sign may stand around the digits of one amount.
_SHAPE = re.compile(r"(?:-\$?|\$-?|\(\$?|\$\(|-\(|\(-)?[\d,.]+(?:%\)|\)%|\)|%)?")
_NUMBER_LIKE = re.compile(r"[-+]?(?:\d[\d.,]{0,80}|[.,]\d[\d.,]{0,80})(?:[eE][-+]?\d{1,6})?")


def unreadable_number(text: str) -> bool:
    """True for text printed as a number that cannot be read as an amount (`1e400`, 40 digits, `1,2345`)."""
    s = normalize(text).replace(" ", "").strip("$()%")
    return bool(s) and _NUMBER_LIKE.fullmatch(s) is not None and parse_amount(text) is None


def is_year(text: str) -> bool:
    """True for a bare four-digit year such as `2011` (no separators, no sign)."""
    s = text.strip().strip("*")
    return len(s) == 4 and s.isdigit() and 1950 <= int(s) <= 2099


class ScaleNote(NamedTuple):
    """The unit a table's amounts are printed in, and what the note excepts."""

    scale: str
    shares_scale: str
    text: str


_SCALE_RE = re.compile(
    r"(?:in|dollars|amounts|usd|eur|cad|gbp|chf|sek|nok|dkk|jpy|aud|\$|€|£|\()\s*(?:in\s+)?(?:(?:[A-Z]{1,3}\$|[A-Z]{3}|[€£¥])\s*)?"
    r"(thousands?|millions?|billions?)\b|\(\s*(000)'?s?\s*(?:omitted)?\s*\)|\$\s*000s?\b|(000)'?s omitted",
    re.IGNORECASE,
)
_SHARES_UNSCALED = re.compile(r"except\s+(?:for\s+)?(?:the\s+)?(?:number\s+of\s+)?(?:shares?|units?)\b|except\s+share\b|"
                              r"(?:shares|units)\s+in\s+(?:units|actual)", re.I)
_SHARES_SCALED = re.compile(r"shares\s+(?:are\s+)?in\s+(thousands|millions|billions)|shares\s?\((?:in\s)?(thousands|millions|billions)\)", re.I)


def detect_scale(text: str) -> ScaleNote | None:
    """Find a scale note such as `(in thousands, except per share data)` in a short line of text."""
    if len(text) > 240:
        return None
    low = text.lower()
    if "000" not in text and "thousand" not in low and "million" not in low and "billion" not in low:
        return None  # every scale note names its scale in one of these
    m = _SCALE_RE.search(text)
    if not m:
        return None
    word = (m.group(1) or "thousands").lower()
    word = word if word.endswith("s") else word + "s"  # `(In NT$ million)`
    shares = word
    sm = _SHARES_SCALED.search(text)
    if sm:
        shares = (sm.group(1) or sm.group(2)).lower()
    elif _SHARES_UNSCALED.search(text):
        shares = "units"
    return ScaleNote(word, shares, text.strip())
