"""Table -> statement kind, from its title first and its row labels second."""
from __future__ import annotations

import re

from .model import Statement

_TITLE_RULES = (
    (Statement.OTHER, re.compile(r"average ?(?:daily )?balances?\b|average ?balance ?sheets?", re.I)),  # averages over a period, not a date's balances
    (Statement.RECONCILIATION, re.compile(r"reconcil|non-?gaap|ebitda|adjusted|free cash flow", re.I)),
    (Statement.BALANCE, re.compile(r"balance sheets?|financial (?:position|condition)|statements? of condition|assets and liabilities", re.I)),
    (Statement.CASHFLOW, re.compile(r"cash flows?", re.I)),
    (Statement.SEGMENT, re.compile(r"\bsegments?\b|by (?:region|geograph|channel|category|product)", re.I)),
    (Statement.INCOME, re.compile(r"statements? of (?:consolidated )?(?:operations|income|earnings|loss|comprehensive)|income statements?|results of operations|statements? of operations", re.I)),
)
_TITLE_WORDS = re.compile(r"statements?|balance|reconcil|cash flows?|operations|income|earnings|segment|non-?gaap|ebitda|financial (?:position|condition)", re.I)


def names_statement(title: str) -> bool:
    """True for a title that names a financial statement or a reconciliation."""
    return any(kind != Statement.OTHER and pattern.search(title) for kind, pattern in _TITLE_RULES)


def is_title(text: str) -> bool:
    """True for a line that names a statement or a reconciliation."""
    return bool(_TITLE_WORDS.search(text)) and len(text) < 200


_NOT_LETTER = re.compile(r"[^a-z ]+")
_EBITDA = re.compile(r"(?:adjusted )?ebitda\b")
_REVENUE = re.compile(r"(?:total )?(?:net )?(?:revenues?|sales)\b")
_RESULT = re.compile(r"net (?:income|loss|earnings)|operating (?:income|loss)|gross (?:profit|margin)|(?:income|loss) from operations")
_GAAP = re.compile(r"\bgaap\b")
_ADJUSTED = re.compile(r"\badjusted\b")
_NET_INCOME = re.compile(r"net (?:income|loss|earnings)\b")


def classify(title: str, labels: list[str]) -> Statement:
    """Statement kind of a table: income, balance, cashflow, reconciliation, segment or other."""
    for kind, pattern in _TITLE_RULES:
        if pattern.search(title):
            return kind
    low = [_NOT_LETTER.sub("", label.lower()).strip() for label in labels]
    if any(_EBITDA.match(x) or "non gaap" in x or "nongaap" in x for x in low):
        return Statement.RECONCILIATION
    if any(_GAAP.search(x) for x in low) and any(_ADJUSTED.search(x) for x in low):
        return Statement.RECONCILIATION  # `... - U.S. GAAP` and `... - Adjusted` rows
    if any(x in ("total assets", "total liabilities") or x.startswith("total liabilities and") for x in low):
        return Statement.BALANCE
    if any("operating activities" in x or "investing activities" in x for x in low):
        return Statement.CASHFLOW
    if any(_REVENUE.match(x) for x in low) and any(
        _RESULT.match(x) for x in low
    ):
        return Statement.INCOME
    if any(_NET_INCOME.match(x) for x in low) and len(low) >= 6:
        return Statement.INCOME
    return Statement.OTHER
