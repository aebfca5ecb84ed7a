"""Why a claim the tables disagree with is not a mismatch for certain: the section it sits in (a whole year's,
a product's), the period it dates itself, a figure the tables print elsewhere or for a qualified measure, a
sentence crowded with figures, drivers or short quarter names. Each gives the reason, or ''."""
from __future__ import annotations

import re
from decimal import Decimal

from .model import Check
from .periods import parse_date
from .series import Series

_WHOLE_YEAR_HEADING = re.compile(r"(?i)full[- ]year|\bannual|\bfiscal (?:year )?(?:19|20)\d\d\b|\byear[- ]end(?:ed)?\b|twelve months|"
                                 r"^(?:fiscal )?(?:19|20)\d\d (?:results|summary|highlights|review)")


_QUARTER_HEADING = re.compile(r"(?i)quarter|\bq[1-4]\b|\b[1-4]q\b|three months|13 weeks")


_COMPANY_HEADING = re.compile(r"(?i)\b(?:consolidated|results|highlights|summary|overview|financial|outlook|guidance|company|"
                              r"total|performance|update|corporate|business|operations|operating|non-?gaap|gaap|reconciliation|"
                              r"liquidity|capital|balance sheet|cash flow|dividends?|about|conference|webcast|statements?|"
                              r"commentary|comments|review|key|recent|developments|other|notes?)\b")


def fold_name(text: str) -> str:
    """A heading or a segment's name compared on its words alone."""
    return " ".join(re.findall(r"[a-z0-9&]+", text.lower()))


def section_of(headings: tuple[tuple[int, str], ...], line: int, segments: frozenset[str] = frozenset()) -> str:
    """Why a claim's section keeps it from being judged against the whole company's quarter, from the heading over
    it (within 40 lines): a whole year's, or one product's or segment's (a heading with no company-wide word, or
    one the tables name as a segment: `Regional Operations`)."""
    heading = next((text for at, text in reversed(headings) if line - 40 <= at < line), "")
    if not heading:
        return ""
    if fold_name(heading) in segments:
        return f"it sits under the heading '{heading}', a segment the tables name"
    if _WHOLE_YEAR_HEADING.search(heading) and not _QUARTER_HEADING.search(heading):
        return f"it sits under the heading '{heading}', about the whole year"
    if not _COMPANY_HEADING.search(heading) and not _QUARTER_HEADING.search(heading):
        return f"it sits under the heading '{heading}', which may name a segment or product rather than the company"
    return ""


_SCALE_WORDS = {"thousand": Decimal(1_000), "million": Decimal(1_000_000), "billion": Decimal(1_000_000_000)}


_STATED_FIGURE = re.compile(r"\$\s?(\d[\d,]{0,20}(?:\.(\d{1,6}))?)\s?(thousand|million|billion)?\b")


_BARE_YEAR = re.compile(r"\b(?:in|for|during|of|from|versus|vs\.?) (?:fiscal |full[- ]year |the year )?(?:19|20)\d\d\b(?!,)")


_QUARTER_WORD = re.compile(r"(?i)\bquarter|\bQ[1-4]\b|\b[1-4]Q|\bthree months|\b13 weeks")


_DATED = re.compile(r"^[^.;$%]{0,12}?\b(?:at|as of|on|for the (?:quarter|three months|period|year|nine months|six months) ended)\s+"
                    r"([A-Z][a-z]{2,8}\.? \d{1,2},? \d{4})")


_FROM_DATE = re.compile(r"\bfrom\b[^.;]{0,40}?\b(?:at|as of|on)\s+([A-Z][a-z]{2,8}\.? \d{1,2},? \d{4})")


def dated(check: Check, sentence: str, series: Series) -> str:
    """Why a figure the sentence dates itself (`$90,001,000 at December 31, 2024`) was compared with another period."""
    from .calendar_rules import fiscal_label

    if " change " in check.subject and (base := _FROM_DATE.search(sentence)) and (when := parse_date(base.group(1))):
        labels = {fiscal_label(when, months, series.fy_end, series.offset) for months in (0, 3, 6, 9, 12)}
        if not any(f"vs {label}" in check.note for label in labels):
            return f"the sentence measures the change from {base.group(1)}, another base than compared"
    figure = check.subject.rsplit(" ", 1)[-1]
    at = sentence.find(figure) if figure else -1
    m = _DATED.match(sentence[at + len(figure):]) if at >= 0 else None
    when = parse_date(m.group(1)) if m else None
    if m is None or when is None:
        return ""
    named = {fiscal_label(when, months, series.fy_end, series.offset) for months in (0, 3, 6, 9, 12)}
    return "" if check.period in named else f"the sentence dates this figure {m.group(1)}, not {check.period}"


_QUALIFIER = re.compile(r"(?i)\bas adjusted\b|\badjusted\b|\bpro forma\b|\btangible\b|\bnon-?gaap\b|\borganic\b|"
                        r"\bconstant currency\b|\bcore\b|\bunderlying\b|\bcomparable\b|\bsame[- ]store\b")


def elsewhere(check: Check, sentence: str) -> str:
    """Why a disagreeing figure belongs to something else: the sentence states the tables' figure too (`total assets of
    $7.4 billion and assets under management of $12.9 billion`), or names an entity before the metric (`Scrubwear net
    revenues`)."""
    expected = check.expected
    if expected is not None and abs(expected) >= 1000:
        for m in _STATED_FIGURE.finditer(sentence):
            value = Decimal(m.group(1).replace(",", "")) * _SCALE_WORDS.get((m.group(3) or "").lower(), Decimal(1))
            step = Decimal(1).scaleb(-len(m.group(2) or "")) * _SCALE_WORDS.get((m.group(3) or "").lower(), Decimal(1))
            if value != check.found and abs(value - abs(expected)) <= step / 2:
                return f"the sentence also states {m.group(0).strip()}, which is the tables' figure; the other belongs to something else"
    if check.period.startswith("Q") and _BARE_YEAR.search(sentence) and not _QUARTER_WORD.search(sentence):
        return "the sentence speaks of a whole year, and the tables compared a quarter"
    metric = check.subject.split(" change ")[0].split(" $")[0].strip().lower()
    at = sentence.lower().find(metric) if metric else -1
    near = sentence[max(0, at - 30):at + len(metric) + 60] if at >= 0 else ""
    qualifier = _QUALIFIER.search(near)
    if qualifier and not _QUALIFIER.search(check.subject):
        return f"the sentence speaks of '{metric}' {qualifier.group(0)}, another measure than the line compared"
    if at > 0:
        before = sentence[:at].rstrip().rsplit(" ", 1)[-1]
        if before[:1].isupper() and before.lower() not in ("total", "consolidated", "gaap", "net", "reported", "our", "the", "its"):
            return f"'{before} {metric}' names a part of the company, not the consolidated line"
    return ""


_DRIVER = re.compile(r"(?i)\b(?:driven by|due to|primarily|reflecting|as a result of|offset by|attributable to|led by|"
                     r"resulting from|because of|thanks to|including|excluding|segment|division|region)\b")


_FIGURES = re.compile(r"(?<![\w.,])(?:\$\s?\(?\d[\d,]{0,20}(?:\.\d{1,6})?\)?(?:\s?(?:million|billion|thousand))?|"  # bounded
                      r"\(?\d[\d,]{0,20}(?:\.\d{1,6})?\)?\s?(?:%|percent|million|billion|thousand))")


_SHORT_QUARTER = re.compile(r"\b[1-4]Q\s?'?\d{2}\b|\bQ[1-4]\s?'\d{2}\b|\bQ[1-4]\s?FY\s?'?\d{2}\b")


def crowded(sentence: str) -> str:
    """Why a sentence's figures cannot be bound to one line for certain: a driver of a change or a part of the whole
    (`revenue grew 5%, driven by a 12% increase in X`), three or more figures to share among its metrics, or quarters
    written in a short form (`4Q24`) the reader does not place."""
    if _DRIVER.search(sentence):
        return "the sentence gives drivers or parts of a change, not only the change of the whole"
    if _SHORT_QUARTER.search(sentence):
        return "the sentence names its quarters in a short form, which are not placed for certain"
    if len(_FIGURES.findall(sentence)) >= 3:
        return "the sentence states several figures, and which one belongs to which metric and period is not certain"
    return ""
