"""What an amount is counted in: the currency of money, or a unit that is not money (kWh, stores, bps).

Units are strings: a currency code (`USD`, `CAD`, `EUR`) for money, `CAD/share` for money per share,
`shares`, `%`, `pp`, `x`, and the measures of operating rows (`kWh`, `employees`, `stores`, `bps`...).
The currency comes from the release's own notes (`in thousands of Canadian dollars`, `EUR million`,
`(In United States dollars)`), a table's note beating the document's; a row that names its own currency
or unit (`Equity per share, EUR`, `Headcount (in thousands)`) keeps it for itself only.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

# `Headcount` counts people; `Headcount actions and related severance` is a charge in money
HEADCOUNT = r"\bheadcount\b(?![- ](?:actions?|reductions?|related|costs?|charges?|rationali[sz]ations?|changes?|restructuring))"

DEFAULT_CURRENCY = "USD"  # a release that names no currency prints dollars; most of them are US issuers

# (pattern, code): the words, codes and symbols of each currency. Case matters for codes (`EUR`, not `eur`).
_CURRENCY_WORDS: tuple[tuple[str, str], ...] = (
    (r"\bCanadian dollars?\b|(?<![A-Za-z])(?:C|CA|CDN|Cdn)\$|\bCAD\b", "CAD"),
    (r"\bU\.\s?S\.\s?dollars?\b|\bUS dollars?\b|\bUnited States dollars?\b|(?<![A-Za-z])(?:US|U\.S\.)\$|\bUSD\b", "USD"),
    (r"€|\bEUR\b|\b[Ee]uros?\b(?! ?zone)|\bEUR(?=\d)", "EUR"),
    (r"£|\bGBP\b|\b[Pp]ounds? sterling\b|\bsterling\b", "GBP"),
    (r"\bCHF\b|\bSwiss francs?\b", "CHF"),
    (r"\bSEK\b|\bSwedish kronor\b", "SEK"),
    (r"\bNOK\b|\bNorwegian kroner\b", "NOK"),
    (r"\bDKK\b|\bDanish kroner\b", "DKK"),
    (r"¥|\bJPY\b|\b[Jj]apanese yen\b|\byen\b", "JPY"),
    (r"(?<![A-Za-z])A\$|\bAUD\b|\bAustralian dollars?\b", "AUD"),
    (r"(?<![A-Za-z])NZ\$|\bNZD\b|\bNew Zealand dollars?\b", "NZD"),
    (r"(?<![A-Za-z])NT\$|\bTWD\b|\bNew Taiwan dollars?\b", "TWD"),
    (r"(?<![A-Za-z])HK\$|\bHKD\b|\bHong Kong dollars?\b", "HKD"),
    (r"(?<![A-Za-z])S\$|\bSGD\b|\bSingapore dollars?\b", "SGD"),
    (r"\bRMB\b|\bCNY\b|\b[Rr]enminbi\b", "CNY"),
    (r"\bINR\b|\b[Ii]ndian rupees?\b", "INR"),
    (r"(?<![A-Za-z])R\$|\bBRL\b|\bBrazilian reais\b", "BRL"),
    (r"\bMXN\b|\bMexican pesos?\b", "MXN"),
    (r"\bZAR\b|\bSouth African rand\b", "ZAR"),
)
_CURRENCY = re.compile("|".join(f"(?P<{code}_{i}>{words})" for i, (words, code) in enumerate(_CURRENCY_WORDS)))
_CURRENCY_HINT = re.compile(r"[$€£¥]|[A-Z]{3}|dollar|euro|pound|sterling|franc|kron|yen|renminbi|rupee|real|peso|rand", re.I)

# Units that are not money, as a note or a label names them; the first group is the unit's name.
_MEASURES: tuple[tuple[str, str], ...] = (
    (r"\b(?:kilowatt[- ]hours?|kwhs?)\b", "kWh"),
    (r"\b(?:megawatt[- ]hours?|mwhs?)\b", "MWh"),
    (r"\b(?:gigawatt[- ]hours?|gwhs?)\b", "GWh"),
    (r"\b(?:terawatt[- ]hours?|twhs?)\b", "TWh"),
    (r"\bmegawatts?\b|\bmw\b", "MW"),
    (r"\b(?:bcfe?|mmcfe?|mcfe?|mmbtus?|dekatherms?|dth|therms?)\b", "gas volume"),
    (r"\b(?:barrels?(?: of oil equivalent)?|bbls?|m?boe(?:/d)?|mbbls?)\b", "barrels"),
    (r"\b(?:metric )?(?:tonnes?|tons)\b", "tonnes"),
    (r"\b(?:troy )?ounces?\b|\boz\b", "ounces"),
    (r"\bpounds\b(?! sterling)|\blbs\b", "lb"),
    (r"\bsquare (?:feet|foot|meters?)\b|\bsq\.? ?ft\.?\b|\bgla\b", "sq ft"),
    (r"\bbasis points?\b|\bbps\b", "bps"),
    (HEADCOUNT + r"|\b(?:number of |full[- ]time )?employees\b|\bfte\b", "employees"),
    (r"\b(?:number of |store count\b)stores?\b|\bstore count\b|\bstores (?:open|at)\b", "stores"),
    (r"\bnumber of (?:restaurants|locations|branches|properties|units|clubs|hotels|rooms)\b", "locations"),
    (r"^(?:total |active |paid |net |ending )?(?:customers|subscribers|members|users|connections)\b|\bnumber of "
     r"(?:customers|subscribers|members|users|connections|accounts)\b", "customers"),
    (r"^(?:number of )?days\b|\bdays (?:sales|inventory|payables?|receivables?|outstanding)\b", "days"),
)
_MEASURE = re.compile("|".join(f"(?P<m{i}>{words})" for i, (words, _unit) in enumerate(_MEASURES)), re.I)
_MEASURE_HINT = re.compile(r"wh|watt|bcf|mcf|btu|therm|dth|barrel|bbl|boe|ton|ounce|oz|pound|lb|square|sq|gla|basis point|bps|"
                           r"headcount|employee|fte|store|restaurant|location|branch|propert|unit|club|hotel|room|customer|"
                           r"subscriber|account|member|user|connection|days", re.I)
_TIMES = re.compile(r"\(x\)|\btimes\b|(?<=\d)x$")
# Statements of the currency a release reports in, without a scale (`(In United States dollars, except where noted)`).
_CURRENCY_STATEMENT = re.compile(
    r"(?i)\b(?:in|of|expressed in|presented in|stated in|reported in|denominated in)\s+(?:thousands of |millions of |billions of )?"
    r"(?:(?:canadian|u\.\s?s\.|us|united states|australian|new zealand|new taiwan|hong kong|singapore) dollars|euros?|"
    r"pounds sterling|swiss francs|swedish kronor|norwegian kroner|danish kroner|japanese yen|renminbi)\b")


POPULATIONS = frozenset(("customers",))  # counts that tables print in their thousands or millions


def currency_of(text: str) -> str:
    """The currency a note, a label or a cell names (`in thousands of Canadian dollars` -> CAD); '' for none."""
    if not _CURRENCY_HINT.search(text):
        return ""
    m = _CURRENCY.search(text)
    return m.lastgroup.split("_")[0] if m and m.lastgroup else ""


def measure_of(text: str) -> str:
    """The unit that is not money a note or a label names (`(millions of kWh)` -> kWh, `Headcount` -> employees)."""
    if not _MEASURE_HINT.search(text):
        return "x" if _TIMES.search(text) else ""
    m = _MEASURE.search(text)
    if m and m.lastgroup:
        return _MEASURES[int(m.lastgroup[1:])][1]
    return "x" if _TIMES.search(text) else ""


# Words of money: a row that speaks of them is not counted in another unit, whatever else its label says.
_MONEY_WORDS = re.compile(r"(?i)revenues?|sales\b|income|expenses?|costs?\b|deposits?|loans?|receivables?|payables?|\bper\b|ebitda|"
                          r"earnings|profit|margin|cash|assets?|liabilit|equity|debt|capital|dividends?|price|fees?|premiums?|\$")


_LAST_PARENS = re.compile(r"\(([^()]{1,40})\)\s*$")


def row_measure(label: str) -> str:
    """The unit a row's label counts in when it is not money (`Number of stores`, `Headcount`, `Deliveries (MWh)`);
    a unit printed in parentheses at the end (`Net interest margin (bps)`) wins over the words before it."""
    m = _LAST_PARENS.search(label)
    named = measure_of(m.group(1)) if m and not m.group(1).lower().startswith(("per ", "$")) else ""  # `(per lb)` is a price
    if named:
        return named
    return "" if _MONEY_WORDS.search(label) else measure_of(label)


def states_currency(text: str) -> str:
    """The currency of a line that says what the release reports in (`(In United States dollars ...)`); '' otherwise."""
    return currency_of(text) if len(text) < 240 and _CURRENCY_STATEMENT.search(text) else ""


def document_currency(named: Iterable[str]) -> str:
    """The release's currency: the one its notes name most often (the first named on a tie), else dollars."""
    votes = Counter(code for code in named if code)
    if not votes:
        return DEFAULT_CURRENCY
    top = max(votes.values())
    return next(code for code in votes if votes[code] == top)


def is_money(unit: str) -> bool:
    """True for an amount of money: a three-letter currency code."""
    return len(unit) == 3 and unit.isalpha() and unit.isupper()


def is_per_share(unit: str) -> bool:
    """True for money per share (`USD/share`, `CAD/share`)."""
    return unit.endswith("/share") and is_money(unit[:-6])


def money(unit: str, currency: str) -> str:
    """A unit read as dollars (`USD`, `USD/share`) in the release's currency (`CAD`, `CAD/share`)."""
    if unit == "USD":
        return currency
    if unit.startswith("USD/"):
        return f"{currency}{unit[3:]}"  # USD/share, USD/lb
    return unit
